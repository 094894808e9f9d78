"""What an import tells a person to review: where in the source, the text seen, what was done.

>>> finding = ImportFinding(
...     Place(page=8, row=1, column="绩效指标"),
...     "询系统及信息系统建设完成情况",
...     "joined to the name above it, dropping the 询 repeated across the page break",
...     kind="repeated-character",
... )
>>> print(finding)
page 8, row 1, column 绩效指标: '询系统及信息系统建设完成情况': joined to the name above it, \
dropping the 询 repeated across the page break
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "ImportFinding", "Place"]

#: The kinds of finding, each a repair or a decision the importer made for a person to check.
KINDS: tuple[str, ...] = (
    "continuation",  # a cell's text continued on the next row or page, joined
    "repeated-character",  # a character doubled across a page break, kept once
    "fused-cells",  # several cells' values run together in one cell, split
    "operator-as-2",  # ≥ read as 2 by a text extraction (290%), read as ≥
    "traditional",  # traditional characters read as their simplified forms
    "date",  # a spreadsheet date that was a published number or range
    "unit",  # the unit taken from the cells or inferred from the name
    "direction",  # a bare target read 正向 for want of a direction
    "unplaced",  # a row the importer could not place in the table (kept here, not dropped)
    "skipped",  # an indicator left out because its cells do not make a ladder
    "blank-cell",  # a grade cell blank under a written one: perhaps a cell merged over both
    "end",  # where a table ends before the source does, and why (another section or table)
    "metadata",  # the table's name, year, department … and where they came from
    "source",  # something about the source as a whole (no table found, a layout chosen)
)


@dataclass(frozen=True)
class Place:
    """Where in the source: the page (the table's page, counted by its headers where the
    source has no pages), the data row within that page, the column, and the source line."""

    page: int | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.line is not None and not parts:
            parts.append(f"line {self.line}")
        return ", ".join(parts) or "the source"


@dataclass(frozen=True)
class ImportFinding:
    """One thing an import did or could not do, for a person to review.

    ``where`` is the place in the source, ``text`` the text seen there, ``action`` what the
    importer did with it, ``kind`` one of ``KINDS``, and
    ``indicator`` the id of the duty, activity or indicator concerned, when there is one.
    """

    where: Place
    text: str
    action: str
    kind: str = "continuation"
    indicator: str | None = None

    def __str__(self) -> str:
        subject = f" ({self.indicator})" if self.indicator else ""
        return f"{self.where}{subject}: {self.text!r}: {self.action}"
