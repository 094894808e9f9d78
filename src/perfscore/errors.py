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

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Final

__all__ = [
    "MAX_QUOTED",
    "InvalidLadder",
    "Location",
    "NotationError",
    "PerfscoreError",
    "ResultsError",
    "TableError",
    "UncoveredValue",
    "UnitMismatch",
    "UnknownIndicator",
    "clip",
    "printable",
]

#: The most characters of a user's text a message quotes; longer text is cut around the fault.
MAX_QUOTED: Final = 80

# Characters a terminal acts on rather than shows (ESC, BEL, backspace, bidirectional
# overrides, line separators): shown escaped, so a file cannot retitle or clear a terminal.
_UNSAFE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def printable(text: str, *, keep: str = "") -> str:
    r"""``text`` with every control or format character escaped (``\x1b``, ``\u202e``).

    The one place perfscore makes a user's text safe for a terminal: every message, text view
    and command-line output goes through it. Characters in ``keep`` (such as a newline between
    the lines of a view) are left as they are.

    >>> printable("9.1.1\x1b]0;owned\x07")
    '9.1.1\\x1b]0;owned\\x07'
    >>> printable("优 ≥95%")
    '优 ≥95%'
    """
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch in keep or ch == " " or unicodedata.category(ch) not in _UNSAFE_CATEGORIES
        else _escape(ch)
        for ch in text
    )


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def clip(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` cut to about ``limit`` characters (its start, an ellipsis and its length).

    >>> clip("9" * 100_000, 12)
    '999999999999… (100,000 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


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
        if self.indicator:  # a blank id is said in the reason, not shown as "indicator :"
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
        place = printable(str(self.where))
        reason = printable(self.reason, keep="\n")  # some reasons list rows, a line each
        head = f"{place}: {reason}" if place else reason
        extra = printable(self.details(), keep="\n")
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
        end = max(end, start + 1)
        # A long cell is shown as a window around the fault (at most MAX_QUOTED characters
        # of it, and of the carets), marked with … where it is cut.
        left = max(0, min(start, len(self.source)) - MAX_QUOTED // 2)
        right = min(len(self.source), max(end, left + MAX_QUOTED))
        right = min(right, max(start, left) + MAX_QUOTED)
        before = "…" if left > 0 else ""
        after = "…" if right < len(self.source) else ""
        shown = [printable(ch) for ch in self.source[left:right]]
        # East Asian characters take two columns in a terminal; pad the caret to match.
        pad = len(before) + sum(_columns(piece) for piece in shown[: start - left])
        marked = shown[start - left : end - left]
        carets = sum(_columns(piece) for piece in marked) or 1
        return f"    {before}{''.join(shown)}{after}\n    {' ' * pad}{'^' * carets}"


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


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
