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
>>> finding.severity
<Severity.NOTE: 'note'>

Each finding has a [Severity][perfscore.tables.Severity], by its kind unless given: an
``error`` is to act on (a row left out, a value that must be given), a ``warning`` to check (a
reading the importer chose among others), a ``note`` for the record (a repair that changes no
meaning).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from perfscore.tables._findings import Severity

__all__ = ["KINDS", "SEVERITIES", "ImportFinding", "Place", "must_act"]

#: The kinds of finding, each a repair or a decision the importer made for a person to check.
KINDS: tuple[str, ...] = (
    "continuation",  # a cell's text continued on the next row or page, joined
    "repeated-character",  # a character doubled across a page break, kept once
    "fused-cells",  # several cells' values run together in one cell, split
    "operator-as-2",  # ≥ read as 2 by a text extraction (290%), read as ≥
    "traditional",  # traditional characters read as their simplified forms
    "date",  # a spreadsheet date that was a published number or range
    "unit",  # the unit taken from the cells or inferred from the name
    "direction",  # a bare target read 正向 (or 反向 by its name) for want of a direction
    "unplaced",  # a row the importer could not place in the table (kept here, not dropped)
    "skipped",  # an indicator left out because its cells do not make a ladder
    "blank-cell",  # a grade cell blank under a written one: perhaps a cell merged over both
    "end",  # where a table ends before the source does, and why (another section or table)
    "metadata",  # the table's name, year, department … and where they came from
    "source",  # something about the source as a whole (no table found, a layout chosen)
    "hidden",  # a hidden sheet, row, column or text, not read (a printed page does not show it)
    "formula",  # a spreadsheet formula with no saved value, read as blank
    "nested-table",  # a table inside a Word table cell, read into that cell
    "scan",  # a PDF page with no text layer (a scanned image), nothing read from it
    "placement",  # a cell placed by what it is, where a row lost its merged cells
    "total",  # a 合计 / 总分 row read as the form's total, not as an indicator
    "default",  # a value the form does not print, given by a documented default
    "project",  # rows joined into one project (its name repeated on every row)
    "cell-note",  # a note in brackets after a value (≥98%(百分比)), set aside to read it
    "cut",  # the copy's last row cut short by its end, imported with what it has
)

#: The severity of each kind, unless a finding says otherwise.
SEVERITIES: dict[str, Severity] = {
    "continuation": Severity.NOTE,
    "repeated-character": Severity.NOTE,
    "fused-cells": Severity.WARNING,
    "operator-as-2": Severity.WARNING,
    "traditional": Severity.NOTE,
    "date": Severity.WARNING,
    "unit": Severity.NOTE,
    "direction": Severity.WARNING,
    "unplaced": Severity.ERROR,
    "skipped": Severity.ERROR,
    "metadata": Severity.WARNING,
    "source": Severity.NOTE,
    "placement": Severity.WARNING,
    "total": Severity.NOTE,
    "default": Severity.WARNING,
    "project": Severity.NOTE,
    "hidden": Severity.WARNING,  # hidden content may belong to the table: a person looks
    "formula": Severity.ERROR,  # a value the file does not hold: it must be given
    "nested-table": Severity.WARNING,
    "scan": Severity.ERROR,  # a page read as nothing
    "end": Severity.WARNING,  # rows after the end are not read: the next section, or a second table
    "blank-cell": Severity.WARNING,  # a merged cell, or a grade left blank on purpose
    "cell-note": Severity.WARNING,
    "cut": Severity.ERROR,  # what the copy lost must be entered
}


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
    ``indicator`` the id of the duty, activity or indicator concerned, when there is one, and
    ``severity`` what a person does with it (``SEVERITIES[kind]`` unless given).
    """

    where: Place
    text: str
    action: str
    kind: str = "continuation"
    indicator: str | None = None
    severity: Severity = None  # type: ignore[assignment]  # set from the kind below

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", SEVERITIES.get(self.kind, Severity.WARNING))
        elif not isinstance(self.severity, Severity):
            raise TypeError(f"a severity is a Severity, not {type(self.severity).__name__}")

    def __str__(self) -> str:
        subject = f" ({self.indicator})" if self.indicator else ""
        return f"{self.where}{subject}: {self.text!r}: {self.action}"


def must_act(findings: Iterable[ImportFinding]) -> list[ImportFinding]:
    """The findings to act on (errors: a row left out, a value that must be given)."""
    return [f for f in findings if f.severity is Severity.ERROR]
