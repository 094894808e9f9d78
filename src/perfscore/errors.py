"""The one error family perfscore raises.

Every error is a [PerfscoreError][perfscore.errors.PerfscoreError], which is a `ValueError`; some
are also the builtin a caller would expect (an unknown indicator id is a `KeyError` too). Each
carries the place it concerns as structured fields, so a command-line front end can report it
without a traceback and a program can act on it without parsing the message.

>>> from perfscore import parse_ladder
>>> parse_ladder({"优": "≥ 9O%", "良": None, "中": None, "差": "<90%"}, unit="percent")
Traceback (most recent call last):
  ...
perfscore.errors.NotationError: cell 优: unexpected 'O'
    ≥ 9O%
       ^
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields

__all__ = [
    "InvalidLadder",
    "Location",
    "NotationError",
    "PerfscoreError",
    "ResultsError",
    "TableError",
    "UncoveredValue",
    "UnitMismatch",
    "UnknownIndicator",
]


@dataclass(frozen=True)
class Location:
    """Where an error happened: any of a file, a row, an indicator, a cell, a field path, and
    the table (for results that span many tables)."""

    file: str | None = None
    row: int | None = None
    indicator: str | None = None
    cell: str | None = None
    path: str | None = None
    table: str | None = None

    def merged(self, other: Location) -> Location:
        """Fill this location's empty fields from ``other`` (inner context wins)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for f in fields(other):
            if values[f.name] is None:
                values[f.name] = getattr(other, f.name)
        return Location(**values)

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.path is not None:
            parts.append(self.path)
        if self.indicator is not None:
            parts.append(f"indicator {self.indicator}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        return ", ".join(parts)


@dataclass(eq=False)
class PerfscoreError(ValueError):
    """Base of every error perfscore raises.

    ``reason`` says what is wrong; ``where`` says where. ``str()`` gives both.
    """

    reason: str
    where: Location = field(default_factory=Location)

    def __post_init__(self) -> None:
        super().__init__(self.reason)

    def located(
        self,
        *,
        file: str | None = None,
        row: int | None = None,
        indicator: str | None = None,
        cell: str | None = None,
        path: str | None = None,
        table: str | None = None,
    ) -> PerfscoreError:
        """Fill in more context (file, row, indicator, cell, field path, table); return ``self``.

        Context already set on the error is kept: the innermost caller knows best.
        """
        outer = Location(file=file, row=row, indicator=indicator, cell=cell, path=path, table=table)
        self.where = self.where.merged(outer)
        return self

    def details(self) -> str:
        """Extra lines shown under the message (a caret line, a list of rows)."""
        return ""

    def __str__(self) -> str:
        place = str(self.where)
        head = f"{place}: {self.reason}" if place else self.reason
        extra = self.details()
        return f"{head}\n{extra}" if extra else head


@dataclass(eq=False)
class NotationError(PerfscoreError):
    """A grading cell (or a value string) that does not read as perfscore notation.

    ``source`` is the text as given and ``span`` the ``(start, end)`` of the fault in it; the
    message prints the text with a caret line under the fault.
    """

    source: str = ""
    span: tuple[int, int] = (0, 0)

    def details(self) -> str:
        start, end = self.span
        width = max(end - start, 1)
        # East Asian characters take two columns in a terminal; pad the caret to match.
        pad = sum(_columns(ch) for ch in self.source[:start])
        carets = sum(_columns(ch) for ch in self.source[start : start + width]) or 1
        return f"    {self.source}\n    {' ' * pad}{'^' * carets}"


def _columns(ch: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


@dataclass(eq=False)
class InvalidLadder(PerfscoreError):
    """Cells that read one by one but do not make a ladder (a contradiction, no direction)."""


@dataclass(eq=False)
class UnitMismatch(PerfscoreError):
    """A value whose unit cannot be converted into the ladder's unit."""

    value_unit: str = ""
    ladder_unit: str = ""


@dataclass(eq=False)
class UncoveredValue(PerfscoreError):
    """A value that no grade of the ladder covers."""

    value: str = ""


@dataclass(eq=False)
class UnknownIndicator(PerfscoreError, KeyError):
    """An indicator id (or name) that the table does not have; suggests close ids."""

    key: str = ""
    suggestions: Sequence[str] = ()

    def __str__(self) -> str:  # KeyError would repr() the message
        return PerfscoreError.__str__(self)


@dataclass(eq=False)
class TableError(PerfscoreError):
    """A table file that cannot be read or is not a valid table."""

    detail: str = ""

    def details(self) -> str:
        return self.detail


@dataclass(eq=False)
class ResultsError(PerfscoreError):
    """Year-end results that cannot be scored (a bad row, a missing column, a bad file)."""
