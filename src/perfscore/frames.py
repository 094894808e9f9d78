"""Scoring many tables' results at once (批量评分): graded in batch, rolled up as ``score`` does.

:func:`score_frame` takes results for many tables in one DataFrame (columns ``table``, ``id``,
``value``, optionally ``unit``), grades them through one :class:`~perfscore.LadderBook`, rolls
every table up with :func:`perfscore.rollup.roll_up` (the same roll-up :func:`perfscore.score`
uses) and returns one frame per level: indicators, activities, duties and departments.

>>> import pandas as pd
>>> import perfscore
>>> results = pd.DataFrame({
...     "table": ["zanhuang-hrss-2018"] * 4,
...     "id": ["1.1.1", "1.1.2", "1.2.2", "10.3.1"],
...     "value": [100, 92.5, 470, "有效实施"],
... })
>>> scores = perfscore.score_frame(["zanhuang-hrss-2018"], results)
>>> scores.departments[["table", "score", "grade", "graded", "total"]]
                table  score grade  graded  total
0  zanhuang-hrss-2018   87.5     良       4     68
>>> scores.activities.loc[[0, 1], ["id", "score", "grade", "graded", "missing"]]
    id  score grade  graded              missing
0  1.1   90.0     优       2
1  1.2   60.0     中       1  1.2.1 1.2.3 1.2.4
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from .batch import LadderBook
from .compiled import UNCOVERED
from .errors import PerfscoreError, ResultsError, UnitMismatch, UnknownIndicator
from .grades import GRADES
from .methods import MeanOfPoints, Method, ProportionalCredit, get_method
from .results import (
    BLANK,
    NUMBER,
    TEXT,
    BadResults,
    GradedResult,
    ResultRow,
    _grade,
    _magnitude,
    cell_kind,
    cell_text,
)
from .rollup import DEPARTMENT, Node, roll_up
from .tables import Indicator, Table, load_table
from .units import canonical_unit, factor

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["BadFrameResults", "FrameScores", "TablesSource", "score_frame"]

#: What :func:`score_frame` accepts as its tables.
TablesSource: TypeAlias = "Iterable[Table | str | Path] | Mapping[str, Table | str | Path]"

#: How many bad rows an error message lists (all of them are in ``problems``).
_SHOWN: Final = 20
_GRADE_OF_CODE: Final = {g.code: g for g in GRADES}
_COUNT_COLUMNS: Final = tuple(g.value for g in GRADES)
# Integers beyond this do not survive the trip through float64; they take the exact path.
_EXACT_FLOAT: Final = 2.0**53


@dataclass(eq=False)
class BadFrameResults(BadResults):
    """Bad rows in a results frame: every one in :attr:`problems`; the message lists the first."""

    def details(self) -> str:
        shown = [f"  {problem}" for problem in self.problems[:_SHOWN]]
        more = len(self.problems) - _SHOWN
        if more > 0:
            shown.append(f"  … and {more} more (all in .problems; errors='coerce' lists them)")
        return "\n".join(shown)


@dataclass(frozen=True, eq=False)
class FrameScores:
    """Scores of many tables, one frame per level; every frame has a ``table`` column.

    - ``indicators``: ``table``, ``duty``, ``activity``, ``id``, ``name``, ``unit``, ``value``
      (float, in the indicator's unit; NaN when missing or qualitative), ``label`` (a
      qualitative indicator's label), ``grade`` (优/良/中/差 or None), ``cell``, ``points``
      (float, NaN when missing), ``row`` (the input row, or <NA>);
    - ``activities`` (``duty``, ``id``, ``name``), ``duties`` (``id``, ``name``) and
      ``departments`` (``name``, ``year``): ``score`` (float, NaN when nothing was scored),
      ``grade``, ``graded``, ``total``, ``coverage``, a count per grade (``优`` … ``差``) and
      ``missing`` (the ids without a result, space-separated);
    - ``unscored``: the bad rows (``row``, ``table``, ``id``, ``value``, ``reason``,
      ``message``), empty unless ``errors="coerce"``.
    """

    method: str
    indicators: pd.DataFrame
    activities: pd.DataFrame
    duties: pd.DataFrame
    departments: pd.DataFrame
    unscored: pd.DataFrame

    def plot(self, *, ax: Axes | None = None) -> Axes:
        """The departments' scores across the tables, by grade band (a histogram).

        See [perfscore.plots.plot_frame_scores][] (matplotlib: ``pip install "perfscore[plot]"``).
        """
        from .plots import plot_frame_scores

        return plot_frame_scores(self, ax=ax)

    def to_excel(self, path: str | Path) -> Path:
        """Write the frames as a workbook, a sheet each, grades coloured; return the path.

        See [perfscore.workbook.write_frame_scores][].
        """
        from .workbook import write_frame_scores

        return write_frame_scores(self, path)


def score_frame(
    tables: TablesSource,
    results: pd.DataFrame,
    *,
    method: str | Method | None = None,
    weights: Mapping[str, object] | None = None,
    errors: Literal["raise", "coerce"] = "raise",
) -> FrameScores:
    """Grade ``results`` for many tables at once and roll each table up, as :func:`score` does.

    ``tables`` are :class:`~perfscore.Table` objects, table files or bundled tables' names (each
    known by its ``name``), or a mapping of the name the results use to a table. ``results`` is
    a DataFrame with columns ``table``, ``id`` (an indicator id, or a published name unique in
    its table), ``value`` and optionally ``unit``, read as :func:`score` reads them: numbers in
    the indicator's unit (or in ``unit``), labels for qualitative indicators, texts such as
    ``"95%"``; a blank value (None, pd.NA, empty text) is a missing result; NaN and infinity
    are bad; a NaN table, id or unit is blank. Cells are classified as :func:`score` classifies
    them (:func:`perfscore.results.cell_kind`).
    A table without rows is scored with every result missing; a row blank in every column is
    layout, not a result, and is skipped (as :func:`score` skips a blank line).

    ``method`` and ``weights`` are :func:`score`'s; ``weights`` maps ids to weights for every
    table, or table names to such mappings. The figures equal ``score(table, rows of table)``
    for every table. Rows are numbered as a spreadsheet shows the frame (the header is row 1).

    Bad rows (an unknown table or id, an indicator given twice, a unit that does not fit, text
    where a number is needed, NaN, a negative count, an unknown label) raise one
    :class:`BadFrameResults` naming each by row, table and id; with ``errors="coerce"`` they
    are listed in :attr:`FrameScores.unscored` and the rest is scored.
    """
    if errors not in ("raise", "coerce"):
        raise PerfscoreError(f"errors must be 'raise' or 'coerce', not {errors!r}")
    named = _named_tables(tables)
    chosen = get_method(method)
    per_table = _weights(named, weights)
    layout = _Layout(named)
    graded = _Grading(layout, _columns(results))
    if graded.problems and errors == "raise":
        count = len(graded.problems)
        raise BadFrameResults(
            f"{count} bad result row{'s' if count > 1 else ''}; nothing was scored "
            "(fix them, or pass errors='coerce' to score the rest)",
            problems=tuple(graded.problems),
        )
    points = _points(layout, graded, chosen)
    return _roll_up(layout, graded, chosen, points, per_table)


# -- the tables -----------------------------------------------------------------------------


def _named_tables(tables: TablesSource) -> dict[str, Table]:
    if isinstance(tables, Table | str | Path):
        tables = [tables]
    if not isinstance(tables, Iterable):
        raise PerfscoreError(
            f"tables are Tables, table files or bundled tables' names, not {type(tables).__name__}"
        )
    named: dict[str, Table] = {}
    if isinstance(tables, Mapping):
        items = [(str(k).strip(), _table(v)) for k, v in tables.items()]
    else:
        loaded = [_table(t) for t in tables]
        items = [(t.name, t) for t in loaded]
    for name, table in items:
        if name in named:
            raise PerfscoreError(f"two tables are named {name!r}")
        named[name] = table
    return named


def _table(table: object) -> Table:
    if isinstance(table, Table):
        return table
    if not isinstance(table, str | Path):
        raise PerfscoreError(
            f"a table is a Table, a table file or a bundled table's name, not "
            f"{type(table).__name__}"
        )
    return load_table(table)


def _weights(
    named: Mapping[str, Table], weights: Mapping[str, object] | None
) -> dict[str, Mapping[str, object] | None]:
    if weights is not None and not isinstance(weights, Mapping):
        raise PerfscoreError(f"weights are a mapping of id to weight, not {type(weights).__name__}")
    if not weights:
        return dict.fromkeys(named)
    if all(isinstance(w, Mapping) for w in weights.values()):
        unknown = [str(name) for name in weights if str(name) not in named]
        if unknown:
            raise PerfscoreError(
                f"weights are given for table {unknown[0]!r}, which is not among the tables"
            )
        return {name: weights.get(name) for name in named}  # type: ignore[misc]
    return dict.fromkeys(named, weights)


class _Layout:
    """Every indicator of every table, numbered in table order: the arrays the batch works on."""

    def __init__(self, named: Mapping[str, Table]) -> None:
        self.names = list(named)
        self.tables = list(named.values())
        indicators: list[Indicator] = []
        self.duty_ids: list[str] = []
        self.activity_ids: list[str] = []
        activity_of: list[int] = []
        duty_of: list[int] = []
        offsets = [0]
        activities = duties = 0
        for table in self.tables:
            for duty in table.duties:
                for activity in duty.activities:
                    indicators += activity.indicators
                    activity_of += [activities] * len(activity.indicators)
                    duty_of += [duties] * len(activity.indicators)
                    self.duty_ids += [duty.id] * len(activity.indicators)
                    self.activity_ids += [activity.id] * len(activity.indicators)
                    activities += 1
                duties += 1
            offsets.append(len(indicators))
        self.indicators = indicators
        self.ids = [i.id for i in indicators]
        self.offsets = np.asarray(offsets, dtype=np.intp)
        self.activity_of = np.asarray(activity_of, dtype=np.intp)
        self.duty_of = np.asarray(duty_of, dtype=np.intp)
        self.table_of = np.repeat(np.arange(len(self.tables)), np.diff(self.offsets))
        self.ladders = [i.ladder for i in indicators]
        self.categorical = np.array([ladder.categorical for ladder in self.ladders], dtype=bool)
        self.book = LadderBook(range(len(indicators)), self.ladders)
        # Rows find their indicator by (table position, id position in this vocabulary).
        vocabulary: dict[str, int] = {}
        id_codes = np.array([vocabulary.setdefault(i, len(vocabulary)) for i in self.ids])
        self.vocabulary = vocabulary
        self.known = pd.Index(self.table_of.astype(np.int64) * len(vocabulary) + id_codes)

    def __len__(self) -> int:
        return len(self.indicators)

    def ladder_rows(self) -> list[int]:
        """For each indicator, the number of its ladder among the book's distinct ladders."""
        distinct = {ladder: row for row, ladder in enumerate(self.book.ladders)}
        return [distinct[ladder] for ladder in self.ladders]


# -- the results ----------------------------------------------------------------------------


@dataclass
class _Columns:
    table: pd.Series
    id: pd.Series
    value: pd.Series
    unit: pd.Series | None


def _columns(results: pd.DataFrame) -> _Columns:
    if not isinstance(results, pd.DataFrame):
        raise ResultsError(f"results for many tables are a DataFrame, not {type(results).__name__}")
    index: dict[str, Any] = {}
    for column in reversed(list(results.columns)):
        index[str(column).strip().lower()] = column
    absent = [name for name in ("table", "id", "value") if name not in index]
    if absent:
        found = ", ".join(repr(str(c)) for c in results.columns) or "none"
        raise ResultsError(
            f"the results need the column{'s' if len(absent) > 1 else ''} "
            f"{' and '.join(absent)} (found {found})"
        ).located(row=1)
    frame = results.reset_index(drop=True)
    unit = frame[index["unit"]] if "unit" in index else None
    return _Columns(frame[index["table"]], frame[index["id"]], frame[index["value"]], unit)


def _texts(column: pd.Series) -> tuple[npt.NDArray[np.intp], list[str | None]]:
    """Codes of a column's distinct cells and each cell as stripped text (None when blank)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    texts = [cell_text(u) for u in uniques]
    blank = np.array([t is None for t in texts] + [True], dtype=bool)
    return np.where(blank[codes], -1, codes).astype(np.intp), texts


class _Grading:
    """Every row resolved to its indicator and graded: column-wise where it can be, else row by
    row through the single-value path, which also words every bad row's message."""

    def __init__(self, layout: _Layout, columns: _Columns) -> None:
        self.layout = layout
        self.columns = columns
        self.problems: list[PerfscoreError] = []
        self.bad_rows: list[int] = []
        #: Per indicator: the grade code (-1 missing), the input row (-1 none), the value.
        self.code = np.full(len(layout), -1, dtype=np.int8)
        self.row = np.full(len(layout), -1, dtype=np.int64)
        self.number = np.full(len(layout), np.nan)
        self.label: dict[int, str] = {}
        #: Per indicator: whether its value came as a plain number in the ladder's unit.
        self.plain = np.zeros(len(layout), dtype=bool)
        self.decimals: dict[float, Fraction] = {}
        self.exact: dict[int, Fraction | str] = {}
        self.units: list[str | None] | None = None

        self.unit_column: npt.NDArray[np.intp] | None = None
        if columns.unit is not None:
            self.unit_column, self.units = _texts(columns.unit)
        table_codes, table_texts = _texts(columns.table)
        id_codes, id_texts = _texts(columns.id)
        self.table_texts, self.id_texts = table_texts, id_texts
        self.table_codes, self.id_codes = table_codes, id_codes
        position = {name: t for t, name in enumerate(layout.names)}
        table_at = np.array([position.get(t, -1) if t is not None else -1 for t in table_texts]
                            + [-1], dtype=np.int64)[table_codes]  # fmt: skip
        width = len(layout.vocabulary)
        id_at = np.array([layout.vocabulary.get(i, -1) if i is not None else -1 for i in id_texts]
                         + [-1], dtype=np.int64)[id_codes]  # fmt: skip
        combined = np.where((table_at >= 0) & (id_at >= 0), table_at * width + id_at, -1)
        found = np.asarray(layout.known.get_indexer(combined), dtype=np.int64)
        self.table_at = table_at

        for r in np.flatnonzero(found < 0).tolist():
            found[r] = self._resolve(r)
        self.found = found

        resolved = found >= 0
        tally = np.bincount(found[resolved], minlength=len(layout))
        twice = resolved & (tally[np.where(resolved, found, 0)] > 1)
        if twice.any():
            self._twice(np.flatnonzero(twice))
        self._grade(np.flatnonzero(resolved & ~twice))
        order = np.argsort(np.asarray(self.bad_rows, dtype=np.int64), kind="stable")
        self.problems = [self.problems[i] for i in order.tolist()]
        self.bad_rows = [self.bad_rows[i] for i in order.tolist()]

    # -- rows and their indicators -----------------------------------------------------------

    def _key(self, r: int) -> str:
        text = self.id_texts[self.id_codes[r]] if self.id_codes[r] >= 0 else None
        return "" if text is None else text

    def _table_name(self, r: int) -> str:
        text = self.table_texts[self.table_codes[r]] if self.table_codes[r] >= 0 else None
        return "" if text is None else text

    def _problem(self, r: int, error: PerfscoreError) -> None:
        self.problems.append(error)
        self.bad_rows.append(r)

    def _resolve(self, r: int) -> int:
        """The indicator of a row the id lookup missed (a name, or a bad row: -1; -2 skipped)."""
        layout = self.layout
        t = int(self.table_at[r])
        key = self._key(r)
        if t < 0:
            # A row blank in every cell (NaN is pandas' blank) is layout, as score reads it.
            texts = [self.table_codes[r], self.id_codes[r]]
            if self.unit_column is not None:
                texts.append(self.unit_column[r])
            if all(code < 0 for code in texts) and cell_text(self.columns.value.iat[r]) is None:
                return -2  # a blank line between rows is layout, not a result
            name = self._table_name(r)
            self._problem(r, ResultsError(
                f"no table {name!r} among the {len(layout.names)} tables given"
            ).located(row=r + 2, table=name, indicator=key or None))  # fmt: skip
            return -1
        table = layout.tables[t]
        try:
            indicator = table.indicator(key)
        except UnknownIndicator as error:
            self._problem(r, error.located(row=r + 2, table=layout.names[t], indicator=key))
            return -1
        start = int(layout.offsets[t])
        return start + layout.ids[start : int(layout.offsets[t + 1])].index(indicator.id)

    def _twice(self, rows: npt.NDArray[np.intp]) -> None:
        by_indicator: dict[int, list[int]] = {}
        for r in rows.tolist():
            by_indicator.setdefault(int(self.found[r]), []).append(r)
        for g, given in by_indicator.items():
            listed = ", ".join(str(r + 2) for r in given)
            name = self.layout.names[int(self.layout.table_of[g])]
            for r in given:
                self._problem(r, ResultsError(
                    f"{self.layout.ids[g]} is given more than once (rows {listed})"
                ).located(row=r + 2, table=name, indicator=self._key(r)))  # fmt: skip

    # -- grading -----------------------------------------------------------------------------

    def _grade(self, rows: npt.NDArray[np.intp]) -> None:
        layout = self.layout
        value = self.columns.value
        g = self.found[rows]
        categorical = layout.categorical[g]
        if self.unit_column is not None and self.units is not None:
            unit_codes = self.unit_column
            given_units: list[str | None] = [*self.units, None]
            unit_code = unit_codes[rows]
            has_unit = np.array([u is not None for u in given_units], dtype=bool)[unit_code]
        else:
            unit_code = np.full(len(rows), -1, dtype=np.intp)
            has_unit = np.zeros(len(rows), dtype=bool)

        dtype = value.dtype
        if (
            pd.api.types.is_numeric_dtype(dtype)
            and not pd.api.types.is_bool_dtype(dtype)
            and (not pd.api.types.is_extension_array_dtype(dtype) or not value.hasnans)
        ):
            numbers = value.to_numpy(dtype=np.float64)[rows]
            is_number = np.ones(len(rows), dtype=bool)
            is_label = np.zeros(len(rows), dtype=bool)
            is_blank = np.zeros(len(rows), dtype=bool)
            cells = None
        else:
            if isinstance(dtype, pd.StringDtype):
                # A text column keeps None as its NA: a blank value, not a number NaN.
                cells = value.to_numpy(dtype=object)[rows]
                cells[pd.isna(cells)] = None
            else:
                cells = value.to_numpy(dtype=object)[rows]
            # Classified as score classifies them (results.cell_kind): one rule for both.
            kinds = np.fromiter((cell_kind(c) for c in cells), dtype=np.int8, count=len(cells))
            is_number, is_label, is_blank = kinds == NUMBER, kinds == TEXT, kinds == BLANK
            numbers = np.full(len(rows), np.nan)
            if is_number.any():
                try:
                    numbers[is_number] = np.asarray(cells[is_number], dtype=np.float64)
                except OverflowError:  # an int no float holds: NaN sends it down the single path
                    numbers[is_number] = [_float_or_nan(c) for c in cells[is_number]]
        # Numbers that float64 holds exactly, for numeric ladders: the column-wise path.
        exact = np.isfinite(numbers) & (np.abs(numbers) < _EXACT_FLOAT)
        by_number = is_number & exact & ~categorical
        by_label = is_label & categorical & ~has_unit
        single = ~(by_number | by_label | is_blank)

        blank = rows[is_blank]
        self.row[self.found[blank]] = blank

        plain = by_number & ~has_unit
        self._batch(rows[plain], numbers[plain], None)
        if has_unit.any():
            for code in np.unique(unit_code[by_number & has_unit]).tolist():
                at = by_number & has_unit & (unit_code == code)
                unit = self.units[code] if self.units is not None else None
                fits = self._fits(unit, g[at])
                chosen = np.flatnonzero(at)
                single[chosen[~fits]] = True
                chosen = chosen[fits]
                self._batch(rows[chosen], numbers[chosen], unit)
        if by_label.any():
            assert cells is not None
            self._batch(rows[by_label], cells[by_label], None)
        for r in rows[single].tolist():
            self._single(r)

    def _fits(self, unit: str | None, indicators: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Whether each indicator's ladder takes numbers in ``unit`` (else: the single path)."""
        try:
            given = canonical_unit(unit) if unit is not None else None
        except PerfscoreError:
            return np.zeros(len(indicators), dtype=bool)
        fit: dict[str | None, bool] = {}
        for ladder_unit in {self.layout.ladders[g].unit for g in np.unique(indicators).tolist()}:
            try:
                factor(given, ladder_unit)
                fit[ladder_unit] = True
            except (PerfscoreError, UnitMismatch):
                fit[ladder_unit] = False
        return np.array([fit[self.layout.ladders[g].unit] for g in indicators.tolist()], bool)

    def _batch(self, rows: npt.NDArray[np.intp], values: Any, unit: str | None) -> None:
        if not len(rows):
            return
        g = self.found[rows]
        codes = self.layout.book.grade(g, values, unit=unit, errors="coerce")
        good = codes >= 0
        self.code[g[good]] = codes[good]
        self.row[g[good]] = rows[good]
        if values.dtype == object:
            for k in np.flatnonzero(good).tolist():
                self.label[int(g[k])] = str(values[k]).strip()
        elif unit is None:
            self.number[g[good]] = values[good]
            self.plain[g[good]] = True
        else:
            for ladder_unit in {self.layout.ladders[i].unit for i in np.unique(g).tolist()}:
                scale = float(factor(unit, ladder_unit))
                at = good & np.array([self.layout.ladders[i].unit == ladder_unit for i in g])
                self.number[g[at]] = values[at] * scale
        for r in rows[codes == UNCOVERED].tolist():
            self._single(r)  # the single-value path words the problem

    def _single(self, r: int) -> None:
        g = int(self.found[r])
        indicator = self.layout.indicators[g]
        name = self.layout.names[int(self.layout.table_of[g])]
        unit = None
        if self.unit_column is not None and self.units is not None and self.unit_column[r] >= 0:
            unit = self.units[self.unit_column[r]]
        row = ResultRow(r + 2, self._key(r), self.columns.value.iat[r], unit)
        try:
            result: GradedResult = _grade(indicator, row)
        except PerfscoreError as error:
            self._problem(r, error.located(row=r + 2, table=name, indicator=indicator.id))
            return
        self.code[g] = result.grade.code
        self.row[g] = r
        self.exact[g] = result.value
        if isinstance(result.value, str):
            self.label[g] = result.value
        else:
            self.number[g] = float(result.value)

    def value_of(self, g: int) -> Fraction | str:
        """The exact value of indicator ``g`` in its unit (or its label), as score reads it."""
        known = self.exact.get(g)
        if known is not None:
            return known
        if g in self.label:
            return self.label[g]
        if self.plain[g]:
            # A number in the ladder's unit stands for the decimal it prints as (read_value's
            # rule); results repeat values, so each distinct one is converted once.
            number = float(self.number[g])
            exact = self.decimals.get(number)
            if exact is None:
                exact = self.decimals[number] = Fraction(repr(number))
            return exact
        r = int(self.row[g])
        ladder_unit = self.layout.ladders[g].unit
        assert ladder_unit is not None
        unit = None
        if self.unit_column is not None and self.units is not None and self.unit_column[r] >= 0:
            unit = self.units[self.unit_column[r]]
        return _magnitude(ResultRow(r + 2, self._key(r), self.columns.value.iat[r], unit),
                          ladder_unit)  # fmt: skip

    def unscored(self) -> pd.DataFrame:
        records = []
        for r, problem in zip(self.bad_rows, self.problems, strict=True):
            records.append(
                {
                    "row": r + 2,
                    "table": self._table_name(r) or None,
                    "id": self._key(r) or None,
                    "value": self.columns.value.iat[r],
                    "reason": problem.reason,
                    "message": str(problem),
                }
            )
        columns = ["row", "table", "id", "value", "reason", "message"]
        return pd.DataFrame(records, columns=columns)


def _float_or_nan(number: Any) -> float:
    try:
        return float(number)
    except OverflowError:
        return math.nan


# -- points and the roll-up -----------------------------------------------------------------


def _points(layout: _Layout, graded: _Grading, method: Method) -> list[Fraction | None]:
    """Each indicator's points: looked up by grade code where the method prices grades alone."""
    points: list[Fraction | None] = [None] * len(layout)
    graded_at = np.flatnonzero(graded.code >= 0)
    if getattr(type(method), "points", None) is MeanOfPoints.points:
        assert isinstance(method, MeanOfPoints)
        by_code = [method.points_of[_GRADE_OF_CODE[c]] for c in range(4)]
        for g, c in zip(graded_at.tolist(), graded.code[graded_at].tolist(), strict=True):
            points[g] = by_code[c]
        return points
    # Proportional credit depends on the ladder, the grade and the value alone; equal ladders
    # see the same (grade, value) pairs over and over, so each is priced once.
    shared = type(method).points is ProportionalCredit.points
    ladder_row = layout.ladder_rows() if shared else None
    priced: dict[tuple[int, int, Fraction | str], Fraction] = {}
    for g in graded_at.tolist():
        indicator = layout.indicators[g]
        code = int(graded.code[g])
        try:
            value = graded.value_of(g)
            if ladder_row is None:
                points[g] = method.points(indicator, _GRADE_OF_CODE[code], value)
                continue
            key = (ladder_row[g], code, value)
            earned = priced.get(key)
            if earned is None:
                earned = priced[key] = method.points(indicator, _GRADE_OF_CODE[code], value)
            points[g] = earned
        except PerfscoreError as error:
            row = int(graded.row[g]) + 2
            name = layout.names[int(layout.table_of[g])]
            raise error.located(row=row, table=name, indicator=indicator.id) from None
    return points


def _roll_up(
    layout: _Layout,
    graded: _Grading,
    method: Method,
    points: list[Fraction | None],
    weights: Mapping[str, Mapping[str, object] | None],
) -> FrameScores:
    activities: list[list[Any]] = []
    duties: list[list[Any]] = []
    departments: list[list[Any]] = []
    ids = layout.ids
    for t, (name, table) in enumerate(zip(layout.names, layout.tables, strict=True)):
        start, end = int(layout.offsets[t]), int(layout.offsets[t + 1])
        earned = {ids[g]: points[g] for g in range(start, end) if points[g] is not None}
        nodes = roll_up(table, method, earned, weights=weights[name])
        for duty in table.duties:
            for activity in duty.activities:
                node = nodes[activity.id]
                activities.append([name, duty.id, activity.id, activity.name, *_node(node)])
            duties.append([name, duty.id, duty.name, *_node(nodes[duty.id])])
        departments.append([name, table.department.name, table.year, *_node(nodes[DEPARTMENT])])

    node_columns = ["score", "grade", "graded", "total", "coverage", "missing"]
    activity_frame = _frame(activities, ["table", "duty", "id", "name", *node_columns],
                            _counts(graded.code, layout.activity_of, len(activities)))  # fmt: skip
    duty_frame = _frame(duties, ["table", "id", "name", *node_columns],
                        _counts(graded.code, layout.duty_of, len(duties)))  # fmt: skip
    department_frame = _frame(departments, ["table", "name", "year", *node_columns],
                              _counts(graded.code, layout.table_of, len(departments)))  # fmt: skip
    return FrameScores(
        method=method.name,
        indicators=_indicators(layout, graded, points),
        activities=activity_frame,
        duties=duty_frame,
        departments=department_frame,
        unscored=graded.unscored(),
    )


def _node(node: Node) -> list[Any]:
    return [
        math.nan if node.score is None else float(node.score),
        None if node.grade is None else node.grade.value,
        node.graded,
        node.total,
        node.coverage,
        " ".join(node.missing),
    ]


def _counts(
    codes: npt.NDArray[np.int8], node_of: npt.NDArray[np.intp], nodes: int
) -> npt.NDArray[np.int64]:
    """How many indicators beneath each node got each grade, columns 优 良 中 差."""
    at = codes >= 0
    flat = node_of[at] * 4 + (3 - codes[at].astype(np.intp))
    return np.bincount(flat, minlength=nodes * 4).reshape(nodes, 4)


def _frame(rows: list[list[Any]], columns: list[str], counts: npt.NDArray[Any]) -> pd.DataFrame:
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    data: dict[str, Any] = dict(zip(columns, values, strict=True))
    data["score"] = np.asarray(data["score"], dtype=np.float64)
    data["coverage"] = np.asarray(data["coverage"], dtype=np.float64)
    # Grades stay None where nothing was scored (a text column would turn None into NaN).
    data["grade"] = pd.Series(data["grade"], dtype=object)
    missing = data.pop("missing")
    for k, grade in enumerate(_COUNT_COLUMNS):
        data[grade] = counts[:, k]
    data["missing"] = list(missing)
    return pd.DataFrame(data)


def _indicators(layout: _Layout, graded: _Grading, points: list[Fraction | None]) -> pd.DataFrame:
    codes = graded.code
    grade_names = np.array([*reversed(_COUNT_COLUMNS), None], dtype=object)  # 差 … 优, None
    grade = grade_names[np.where(codes >= 0, codes, 4)]
    cells: list[str | None] = [None] * len(layout)
    for g in np.flatnonzero(codes >= 0).tolist():
        indicator = layout.indicators[g]
        found = _GRADE_OF_CODE[int(codes[g])]
        cells[g] = indicator.cells[found.value] or indicator.read_cells[found]
    labels: list[str | None] = [None] * len(layout)
    for g, label in graded.label.items():
        labels[g] = label
    rows = pd.array(np.where(graded.row >= 0, graded.row + 2, 0), dtype="Int64")
    rows[graded.row < 0] = pd.NA
    return pd.DataFrame(
        {
            "table": np.asarray(layout.names, dtype=object)[layout.table_of],
            "duty": layout.duty_ids,
            "activity": layout.activity_ids,
            "id": layout.ids,
            "name": [i.name for i in layout.indicators],
            "unit": [ladder.unit for ladder in layout.ladders],
            "value": graded.number,
            "label": pd.Series(labels, dtype=object),
            "grade": pd.Series(grade, dtype=object),
            "cell": pd.Series(cells, dtype=object),
            "points": np.array([math.nan if p is None else float(p) for p in points]),
            "row": rows,
        }
    )
