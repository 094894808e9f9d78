"""Many tables' result rows, graded column-wise (批量评分的行).

This is what [score_frame][perfscore.frames.score_frame] grades before it rolls up.

[Layout][perfscore.frames.Layout] numbers every indicator of every table, in table order;
[Grading][perfscore.frames._grading.Grading] resolves each row of a results frame to its indicator
and grades it: column-wise through one [LadderBook][perfscore.ladders.LadderBook] where it can, else
row by row through [grade_row][perfscore.scoring._rows.grade_row], the rule
[score][perfscore.cards.score] grades by, which also words every bad row's message.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from perfscore.errors import PerfscoreError, ResultsError, UnitMismatch, UnknownIndicator
from perfscore.ladders._compiled import UNCOVERED
from perfscore.notation._exact import FLOAT_EXACT, as_decimal, to_float64
from perfscore.scoring._cells import CellKind, cell_kinds, distinct_texts
from perfscore.scoring._rows import (
    FIRST_ROW,
    SHOWN_ROWS,
    GradedResult,
    ResultColumns,
    ResultRow,
    given_twice,
    grade_row,
    row_magnitude,
)
from perfscore.units import canonical_unit, factor

from ._layout import Layout

__all__ = ["Grading"]


class Grading:
    """Every row resolved to its indicator and graded: column-wise where it can be, else row by
    row through the single-value path, which also words every bad row's message."""

    def __init__(
        self, layout: Layout, columns: ResultColumns, elsewhere: frozenset[str] = frozenset()
    ) -> None:
        self.layout = layout
        #: Tables whose rows are scored elsewhere (targets tables): their rows are skipped.
        self.elsewhere = elsewhere
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
            self.unit_column, self.units = distinct_texts(columns.unit)
        assert columns.table is not None, "many tables' results name their table"
        table_codes, table_texts = distinct_texts(columns.table)
        id_codes, id_texts = distinct_texts(columns.id)
        self.table_texts, self.id_texts = table_texts, id_texts
        self.table_codes, self.id_codes = table_codes, id_codes
        position = {name: t for t, name in enumerate(layout.names)}
        _, vocabulary = layout.id_codes
        table_at = np.array([position.get(t, -1) if t is not None else -1 for t in table_texts]
                            + [-1], dtype=np.int64)[table_codes]  # fmt: skip
        id_at = np.array([vocabulary.get(i, -1) if i is not None else -1 for i in id_texts]
                         + [-1], dtype=np.int64)[id_codes]  # fmt: skip
        found = layout.find(table_at, id_at)
        self.table_at = table_at

        for r in np.flatnonzero(found < 0).tolist():
            found[r] = self._resolve(r)
        self.found = found

        resolved = found >= 0
        tally = np.bincount(found[resolved], minlength=max(len(layout), 1))  # 1: no ladders
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

    def _row(self, r: int) -> ResultRow:
        """Row ``r`` (from 0) as the single-value path reads it, numbered as a spreadsheet."""
        return self.columns.row(r)

    def _problem(self, r: int, error: PerfscoreError) -> None:
        self.problems.append(error)
        self.bad_rows.append(r)

    def _resolve(self, r: int) -> int:
        """The indicator of a row the id lookup missed (a name, or a bad row: -1; -2 skipped)."""
        layout = self.layout
        t = int(self.table_at[r])
        key = self._key(r)
        if t < 0 and self.elsewhere and self._table_name(r) in self.elsewhere:
            return -2  # a targets table's row, scored by targetframes
        if t < 0:
            if self.columns.is_layout(r):
                return -2  # a blank line between rows is layout, not a result
            name = self._table_name(r)
            reason = (
                f"no table {name!r} among the {len(layout.names)} tables given"
                if name
                else "the table is blank: each result row names its table"
            )
            self._problem(r, ResultsError(reason).located(
                row=r + FIRST_ROW, table=name or None, indicator=key or None
            ))  # fmt: skip
            return -1
        table = layout.table(t)
        try:
            indicator = table.indicator(key)
        except UnknownIndicator as error:
            self._problem(r, error.located(row=r + FIRST_ROW, table=layout.names[t], indicator=key))
            return -1
        start = int(layout.offsets[t])
        ids = layout.ids[start : int(layout.offsets[t + 1])]
        return start + int(np.flatnonzero(ids == indicator.id)[0])

    def _twice(self, rows: npt.NDArray[np.intp]) -> None:
        by_indicator: dict[int, list[int]] = {}
        for r in rows.tolist():
            by_indicator.setdefault(int(self.found[r]), []).append(r)
        for g, given in by_indicator.items():
            shown = [self._row(r) for r in given[:SHOWN_ROWS]]
            self._problem(given[0], given_twice(str(self.layout.ids[g]), shown, count=len(given)))

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
            numbers = to_float64(value.to_numpy()[rows])
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
            # Classified as score classifies them (rows.cell_kind): one rule for both.
            kinds, plain_number = cell_kinds(cells)
            is_number = kinds == CellKind.NUMBER
            is_label, is_blank = kinds == CellKind.TEXT, kinds == CellKind.BLANK
            numbers = np.full(len(rows), np.nan)
            if is_number.any():
                chosen = cells[is_number]
                try:
                    plain = bool(plain_number[is_number].all())
                    numbers[is_number] = chosen.astype(np.float64) if plain else to_float64(chosen)
                except OverflowError:  # an int no float holds: NaN sends it down the single path
                    numbers[is_number] = [_float_or_nan(c) for c in chosen]
        # Numbers that float64 holds exactly, for numeric ladders: the column-wise path.
        exact = np.isfinite(numbers) & (np.abs(numbers) < FLOAT_EXACT)
        # A negative rate goes down the single path, where the row rule refuses it.
        by_number = is_number & exact & ~categorical & ~((numbers < 0) & layout.rates[g])
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
        units = self.layout.ladder_units
        fit = np.zeros(len(units), dtype=bool)
        for row in np.unique(self.layout.ladder_of[indicators]).tolist():
            try:
                factor(given, units[row])
                fit[row] = True
            except (PerfscoreError, UnitMismatch):
                fit[row] = False
        return fit[self.layout.ladder_of[indicators]]

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
            units = self.layout.ladder_units
            rows_of = self.layout.ladder_of[g]
            for row in np.unique(rows_of[good]).tolist():
                scale = float(factor(unit, units[row]))
                at = good & (rows_of == row)
                self.number[g[at]] = values[at] * scale
        for r in rows[codes == UNCOVERED].tolist():
            self._single(r)  # the single-value path words the problem

    def _single(self, r: int) -> None:
        g = int(self.found[r])
        indicator = self.layout.indicator(g)
        row = self._row(r)
        try:
            result: GradedResult = grade_row(indicator, row)
        except PerfscoreError as error:
            self._problem(r, row.locate(error, indicator.id))
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
                exact = self.decimals[number] = as_decimal(number)
            return exact
        ladder_unit = self.layout.ladder(g).unit
        assert ladder_unit is not None
        return row_magnitude(self._row(int(self.row[g])), ladder_unit)

    def unscored(self) -> pd.DataFrame:
        records = []
        for r, problem in zip(self.bad_rows, self.problems, strict=True):
            records.append(
                {
                    "row": r + FIRST_ROW,
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
