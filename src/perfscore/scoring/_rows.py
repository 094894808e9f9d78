"""Result rows (结果行): the rules both front ends read and grade a result row by.

[score][perfscore.cards.score] reads one table's results,
[score_frame][perfscore.frames.score_frame] many tables' in one frame; they differ in shape only.
Everything a row means is decided here, once:

- what a cell is, and a row blank in every cell ([perfscore.scoring._cells][]);
- which columns a results source needs ([find_columns][perfscore.scoring._rows.find_columns]);
- an indicator given twice ([given_twice][perfscore.scoring._rows.given_twice]): neither row is
  scored;
- the arguments: a table ([as_table][perfscore.scoring._rows.as_table]), weights
  ([check_weights][perfscore.scoring._rows.check_weights]), the ``errors`` option
  ([check_errors][perfscore.scoring._rows.check_errors]);
- grading one row against its indicator ([grade_row][perfscore.scoring._rows.grade_row]), and the
  one error that lists every bad row ([bad_rows][perfscore.scoring._rows.bad_rows]).

>>> import perfscore
>>> table = perfscore.load_table("zanhuang-hrss-2018")
>>> graded = grade_row(table.indicator("1.1.1"), ResultRow(2, "1.1.1", "95%"))
>>> str(graded.grade), graded.cell, graded.value
('良', '≥90%', Fraction(95, 1))
>>> print(given_twice("1.1.1", [ResultRow(2, "1.1.1", 1), ResultRow(3, "1.1.1", 2)]))
row 2, indicator 1.1.1: 1.1.1 is given twice (rows 2, 3); none is scored
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from perfscore.errors import NotationError, PerfscoreError, ResultsError, UnknownIndicator
from perfscore.grades import Grade
from perfscore.ladders._ladder import NEGATIVE_RATE
from perfscore.notation._exact import beyond_float, read_value, scientific, to_float64
from perfscore.tables._files import load_table, read_table
from perfscore.tables._models import Indicator, Table
from perfscore.tables._targets_table import TargetsTable
from perfscore.units import canonical_unit, factor

from ._cells import CellKind, cell_kind, cell_text, is_layout, quoted, quoted_number

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FIRST_ROW",
    "SHOWN_ROWS",
    "BadResults",
    "GradedResult",
    "ResultColumns",
    "ResultRow",
    "RowsError",
    "UnknownRows",
    "as_any_table",
    "as_table",
    "bad_rows",
    "check_errors",
    "check_weights",
    "find_columns",
    "given_twice",
    "grade_row",
    "places",
    "points_column",
    "row_magnitude",
    "rows_in",
]

#: Columns read when present: a repeated one is refused as a repeated required one is.
_OPTIONAL_COLUMNS = ("unit", "table", "points", "得分")

#: How many rows a message about many rows names before it gives only their count.
SHOWN_ROWS: Final = 5


#: Value texts longer than this are refused unread (a number's digits stay far below it: a
#: float holds 309).
LONGEST_VALUE: Final = 1000

_NOT_FINITE = frozenset({"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"})


def find_columns(
    header: Sequence[object], required: Sequence[str], *, file: str | None = None,
    row: int | None = 1,
) -> dict[str, int]:  # fmt: skip
    """The position of each column by its name (stripped, lower case); raises
    [ResultsError][perfscore.errors.ResultsError] when a ``required`` one is absent, naming those
    found, or when a column perfscore reads (``required``, ``unit``, ``table``, ``points``) is
    given twice: which of two ``value`` columns holds the results cannot be guessed. ``file``
    and ``row`` say where the header is.

    >>> find_columns(["ID", " Value ", "unit"], ("id", "value"))
    {'unit': 2, 'value': 1, 'id': 0}
    >>> find_columns(["id", "val"], ("id", "value"))
    Traceback (most recent call last):
      ...
    perfscore.errors.ResultsError: row 1: the results need the column value (found 'id', 'val')
    >>> find_columns(["id", "value", "Value"], ("id", "value"))
    Traceback (most recent call last):
      ...
    perfscore.errors.ResultsError: row 1: the column value is given twice (columns 2 and 3)
    """
    names = [str(name).strip().lower() for name in header]
    index = {name: position for position, name in reversed(list(enumerate(names)))}
    for name in (*required, *_OPTIONAL_COLUMNS):
        if names.count(name) > 1:
            at = [str(i + 1) for i, n in enumerate(names) if n == name]
            raise ResultsError(
                f"the column {name} is given {_times(len(at))} (columns {', '.join(at[:-1])} "
                f"and {at[-1]})"
            ).located(file=file, row=row)
    absent = [name for name in required if name not in index]
    if absent:
        found = ", ".join(repr(name) for name in names if name) or "none"
        raise ResultsError(
            f"the results need the column{'s' if len(absent) > 1 else ''} "
            f"{' and '.join(absent)} (found {found})"
        ).located(file=file, row=row)
    return index


@dataclass(frozen=True)
class ResultRow:
    """One input row as given: where it came from, the key, the value and the unit column."""

    row: int | None
    key: str
    value: object
    unit: str | None = None
    #: The table the row names, where a results source holds many tables' rows.
    table: str | None = None
    #: The evaluator's 得分, from a ``points`` (or ``得分``) column (self-evaluations only).
    points: object = None
    #: Why the reader could not take the row as given (more cells than the header, a formula
    #: without a saved value …): the row is reported, not graded.
    fault: str | None = None

    @property
    def blank(self) -> bool:
        """Whether the value is empty (``None``, pandas' NA or blank text): a missing result."""
        return cell_kind(self.value) == CellKind.BLANK

    def place(self) -> str:
        """How a message names the row: by number, else (a mapping's row) by its key."""
        return f"row {self.row}" if self.row is not None else repr(self.key)

    def locate(self, error: PerfscoreError, indicator: str | None = None) -> PerfscoreError:
        """``error`` located at this row (and its table), naming ``indicator`` or the key."""
        return error.located(
            row=self.row, table=self.table, indicator=self.key if indicator is None else indicator
        )


#: A results frame's row ``r`` (counted from 0) is row ``r + FIRST_ROW`` as a spreadsheet shows
#: the frame, the header being row 1: how every message numbers a frame's rows.
FIRST_ROW: Final = 2


def points_column(index: Mapping[str, int]) -> int | None:
    """Where a results source gives the evaluator's 得分: its ``points`` column, else ``得分``
    (``index`` as [find_columns][perfscore.scoring._rows.find_columns] returns it)."""
    return index.get("points", index.get("得分"))


@dataclass(frozen=True)
class ResultColumns:
    """The columns of a results DataFrame that perfscore reads, found by name once: the one
    reader of a results frame, for one table's results and for many tables' alike.

    ``rows`` gives the rows as [ResultRow][perfscore.scoring.ResultRow]s, a row blank in every
    cell being layout, not a result; the batch path reads the columns themselves and turns a
    single row into a ``ResultRow`` with ``row``.
    """

    frame: pd.DataFrame
    id: pd.Series
    value: pd.Series
    unit: pd.Series | None = None
    table: pd.Series | None = None
    points: pd.Series | None = None

    @classmethod
    def of(cls, results: pd.DataFrame, required: Sequence[str]) -> ResultColumns:
        """The columns of ``results``; raises [ResultsError][perfscore.errors.ResultsError]
        when a ``required`` one is absent or a column perfscore reads is given twice."""
        import pandas as pd

        if not isinstance(results, pd.DataFrame):
            raise TypeError(f"results are a DataFrame here, not {type(results).__name__}")
        index = find_columns(list(results.columns), required)
        frame = results.reset_index(drop=True)

        def column(at: int | None) -> pd.Series | None:
            return None if at is None else frame.iloc[:, at]

        return cls(
            frame,
            frame.iloc[:, index["id"]],
            frame.iloc[:, index["value"]],
            unit=column(index.get("unit")),
            table=column(index.get("table")),
            points=column(points_column(index)),
        )

    def __len__(self) -> int:
        return len(self.frame)

    def row(self, r: int) -> ResultRow:
        """Row ``r`` (from 0) as a ``ResultRow``, numbered as a spreadsheet shows the frame."""

        def text(column: pd.Series | None) -> str | None:
            return None if column is None else cell_text(column.iat[r])

        points = None if self.points is None else self.points.iat[r]
        return ResultRow(r + FIRST_ROW, text(self.id) or "", self.value.iat[r], text(self.unit),
                         table=text(self.table), points=points)  # fmt: skip

    def is_layout(self, r: int) -> bool:
        """Whether row ``r`` is blank in every cell, the columns perfscore does not read too."""
        return is_layout(self.frame.iloc[r].tolist())

    def rows(self, where: npt.NDArray[np.bool_] | None = None) -> Iterator[ResultRow]:
        """The rows (those ``where`` is true), in order, layout rows left out. Read column by
        column: a float32 column as the decimals it shows, never widened to binary float64."""
        at = np.arange(len(self)) if where is None else np.flatnonzero(where)

        def cells(column: pd.Series | None) -> list[Any]:
            if column is None:
                return [None] * len(at)
            dtype = column.dtype
            if isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize < 8:
                taken: list[Any] = to_float64(column.to_numpy()[at]).tolist()
            else:
                taken = column.take(at).tolist()
            return taken

        ids, values, units = cells(self.id), cells(self.value), cells(self.unit)
        tables, points = cells(self.table), cells(self.points)
        for k, r in enumerate(at.tolist()):
            named = ids[k]
            key = named.strip() if isinstance(named, str) else None
            if not key:
                if self.is_layout(r):
                    continue
                key = cell_text(named)
            yield ResultRow(r + FIRST_ROW, key or "", values[k], cell_text(units[k]),
                            table=cell_text(tables[k]), points=points[k])  # fmt: skip


def given_twice(
    indicator_id: str, rows: Sequence[ResultRow], *, count: int | None = None
) -> RowsError:
    """The one error for rows that give ``indicator_id`` more than once: which result is right
    cannot be guessed, so none of them is scored. It names the first few rows and counts them
    all, so a file of a million copies of one row gives one short message. ``rows`` may be the
    first few of ``count`` rows (default: all of them).

    >>> rows = [ResultRow(n, "1.1.1", 1) for n in range(2, 10)]
    >>> print(given_twice("1.1.1", rows))
    row 2, indicator 1.1.1: 1.1.1 is given 8 times (rows 2, 3, 4, 5, 6 …); none is scored
    """
    count = len(rows) if count is None else count
    error = RowsError(
        f"{indicator_id} is given {_times(count)} ({places(rows, count)}); none is scored",
        count=count,
        rows=tuple(row.row for row in rows[:SHOWN_ROWS]),
    )
    rows[0].locate(error)
    return error


def places(shown: Sequence[ResultRow], count: int) -> str:
    """How a message names many rows: the first few, then an ellipsis for the rest.

    >>> places([ResultRow(2, "a", 1), ResultRow(7, "a", 1)], 2)
    'rows 2, 7'
    """
    named = [row.place() for row in shown[:SHOWN_ROWS]]
    more = " …" if count > len(named) else ""
    if all(row.row is not None for row in shown[:SHOWN_ROWS]):
        numbers = ", ".join(name.removeprefix("row ") for name in named)
        return f"row{'s' if count > 1 else ''} {numbers}{more}"
    return f"{', '.join(named)}{more}"


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count:,} times"


@dataclass(eq=False)
class RowsError(ResultsError):
    """One problem many rows share (an id given more than once, ids a table does not have):
    reported once, naming the first few ``rows`` and counting them all (``count``)."""

    count: int = 1
    rows: tuple[int | None, ...] = ()


@dataclass(eq=False)
class UnknownRows(UnknownIndicator):
    """An id (or name) the table does not have, given on ``count`` rows (the first few in
    ``rows``)."""

    count: int = 1
    rows: tuple[int | None, ...] = ()


def rows_in(problem: PerfscoreError) -> int:
    """How many input rows a reported problem stands for (one, unless it groups rows).

    >>> rows_in(ResultsError("x")), rows_in(RowsError("x", count=3))
    (1, 3)
    """
    return problem.count if isinstance(problem, RowsError | UnknownRows) else 1


@dataclass(eq=False)
class BadResults(ResultsError):
    """Results with bad rows: each problem names its row and id; the message lists them all."""

    problems: Sequence[PerfscoreError] = ()

    def details(self) -> str:
        return "\n".join(f"  {problem}" for problem in self.problems)


def bad_rows(
    problems: Sequence[PerfscoreError], *, hint: str, kind: type[BadResults] = BadResults
) -> BadResults:
    """The one error that lists every bad row: nothing was scored. ``hint`` says how to score
    the rest anyway (``keep_going``, ``errors='coerce'``)."""
    count = sum(map(rows_in, problems))
    return kind(
        f"{count} bad result row{'s' if count > 1 else ''}; nothing was scored "
        f"(fix them, or {hint})",
        problems=tuple(problems),
    )


def as_table(table: object) -> Table:
    """A [Table][perfscore.tables.Table] from a table, a table file or a bundled table's name.

    Raises ``TypeError`` for anything else.
    """
    if isinstance(table, Table):
        return table
    if not isinstance(table, str | Path):
        raise TypeError(
            f"a table is a Table, a table file or a bundled table's name, not "
            f"{type(table).__name__}"
        )
    return load_table(table)


def as_any_table(table: object) -> Table | TargetsTable:
    """A [Table][perfscore.tables.Table] or [TargetsTable][perfscore.tables.TargetsTable] from
    either, a table file or a bundled table's name: what score and score_frame accept.

    Raises ``TypeError`` for anything else.
    """
    if isinstance(table, TargetsTable):
        return table
    if isinstance(table, str | Path):
        return read_table(table)
    return as_table(table)


def check_weights(weights: object) -> None:
    """Raise ``TypeError`` unless ``weights`` is a mapping or ``None``."""
    if weights is not None and not isinstance(weights, Mapping):
        raise TypeError(f"weights are a mapping of id to weight, not {type(weights).__name__}")


def check_errors(errors: object) -> None:
    """Raise [PerfscoreError][perfscore.errors.PerfscoreError] unless ``errors`` is an option."""
    if errors not in ("raise", "coerce"):
        raise PerfscoreError(f"errors must be 'raise' or 'coerce', not {errors!r}")


@dataclass(frozen=True)
class GradedResult:
    """A graded row: the indicator, the value in the indicator's unit, its grade and cell."""

    indicator: Indicator
    row: int | None
    given: object
    #: The value in the indicator's unit (exact), or the label of a qualitative indicator.
    value: Fraction | str
    grade: Grade
    #: The published cell of the grade met (评价标准), or the cell it is read as if blank.
    cell: str | None


def grade_row(indicator: Indicator, row: ResultRow) -> GradedResult:
    """Grade ``row`` against ``indicator``: a label for a qualitative one, else a number read
    exactly in its unit ([row_magnitude][perfscore.scoring._rows.row_magnitude]). Raises the reason
    the row cannot be graded, unlocated."""
    if row.fault is not None:
        raise ResultsError(row.fault)
    ladder = indicator.ladder
    value: Fraction | str
    if ladder.categorical:
        if row.unit is not None:
            raise ResultsError(
                f"{indicator.name} is graded by label ({', '.join(ladder.labels)}), "
                f"not by a value in {row.unit}"
            )
        if not isinstance(row.value, str):
            raise ResultsError(
                f"{indicator.name} is graded by label ({', '.join(ladder.labels)}), "
                f"not by the number {quoted(row.value)}"
            )
        value = row.value.strip()
        grade = ladder.grade(value)
    else:
        assert ladder.unit is not None
        value = row_magnitude(row, ladder.unit)
        if value < 0 and ladder.nonnegative and not ladder.counted:
            # A level rate is never below nothing (check reads it over [0, ∞) too): -5% is a
            # typo or a change reported where a level is asked, not a result to grade 差.
            raise ResultsError(NEGATIVE_RATE.format(f"{quoted_number(value)}%"))
        grade = ladder.grade(value)
    cell = indicator.cells[grade.value] or indicator.read_cells[grade]
    return GradedResult(indicator, row.row, row.value, value, grade, cell)


def row_magnitude(row: ResultRow, unit: str) -> Fraction:
    """The row's value in ``unit``, exactly; the unit column, if any, says what the number is in."""
    value = row.value
    if isinstance(value, str) and value.strip().lower() in _NOT_FINITE:
        raise ResultsError(f"expected a finite number, got {value.strip()!r}")
    expected = "a plain number" if unit == "dimensionless" else f"a number in {unit}"
    if isinstance(value, str) and len(value) > LONGEST_VALUE:
        # No one writes a result in a thousand characters: refused before any parsing.
        raise ResultsError(f"expected {expected}, got {quoted(value)}: too long for a value")
    if isinstance(value, str) and _E_NUMBER.fullmatch(value.strip()):
        value = _e_number(value.strip())
    try:
        # read_value refuses NaN and infinity ("expected a finite number, got nan") and reads
        # integers and Fractions exactly, however large.
        if row.unit is None:
            magnitude = read_value(value, unit)
        else:
            try:
                given_unit = canonical_unit(row.unit)
            except PerfscoreError:
                # Not the registry's list of every unit on every row: the unit, cut to a window.
                raise ResultsError(f"unknown unit {quoted(row.unit)}") from None
            magnitude = read_value(value, given_unit) * factor(given_unit, unit)
    except NotationError:
        raise ResultsError(f"expected {expected}, got {quoted(value)}") from None
    if beyond_float(magnitude):
        raise ResultsError(
            f"expected a number a float can hold (within ±1.8e308), got {scientific(magnitude)}"
        )
    return magnitude


# A number in E notation, as Excel writes a large number into a CSV (1.23E+11).
_E_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d{1,7}")


def _e_number(text: str) -> Fraction:
    """``4.8e2`` exactly (480); an exponent past any float's range is refused without computing
    ten to its power.

    >>> _e_number("4.8e2"), _e_number("-1.5E-1")
    (Fraction(480, 1), Fraction(-3, 20))
    """
    mantissa, _, exponent = text.lower().partition("e")
    digits = mantissa.lstrip("+-").replace(".", "").lstrip("0")
    if digits and abs(int(exponent)) > 400 + len(digits):
        size = "beyond ±1.8e308" if int(exponent) > 0 else "too small for a float"
        raise ResultsError(f"expected a number a float can hold, got {quoted(text)} ({size})")
    return Fraction(text)
