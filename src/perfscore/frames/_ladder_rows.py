"""Ladder tables read from one frame, one row per indicator (指标表 → 表).

[layout_from_frame][perfscore.frames.layout_from_frame] reads the frame
[indicator_frame][perfscore.frames.indicator_frame] writes (and a CSV or Parquet file of
it) into the [Layout][perfscore.frames.Layout] [score_frame][perfscore.frames.score_frame] scores:
every check is made column-wise, once per distinct cell (a province repeats a few hundred cells
and a few thousand names), each distinct (cells, unit) is parsed into a ladder once, and no model
is built per row. [tables_from_frame][perfscore.frames.tables_from_frame] gives the same
tables as [Table][perfscore.tables.Table] objects. A bad
row (a blank or malformed table name or id, an id given twice in a table, a duty or activity that
does not match the id, cells no ladder can be read from, a weight that is not a positive number) is
reported, numbered as a spreadsheet shows the frame (the header is row 1), never dropped silently.

>>> import perfscore
>>> frame = perfscore.indicator_frame(["zanhuang-hrss-2018"])
>>> frame.loc[1, "良"] = "≥≥90%"
>>> tables, problems = tables_from_frame(frame)
>>> len(tables["zanhuang-hrss-2018"])
67
>>> [(row, e.where.indicator, e.where.cell) for row, e, _ in problems]
[(3, '1.1.2', '良')]
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from perfscore.errors import PerfscoreError, TableError
from perfscore.grades import GRADES
from perfscore.ladders._ladder import Ladder
from perfscore.scoring._cells import distinct_texts, factorize_cells
from perfscore.tables._models import Table, shared_ladder

from ._layout import Layout, Nodes

__all__ = ["TABLES_FRAME", "is_indicator_frame", "layout_from_frame", "tables_from_frame"]

#: The file named in the errors about a tables frame's rows.
TABLES_FRAME: Final = "tables frame"
_REQUIRED: Final = ("table", "id", "优", "良", "中", "差")
_TABLE: Final = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID: Final = re.compile(r"^(\d+)\.(\d+)\.\d+$")
_CELLS: Final = tuple(g.value for g in GRADES)
_WEIGHTS: Final = ("weight", "activity_weight", "duty_weight")

Problems = list[tuple[int, PerfscoreError, object]]
Codes = npt.NDArray[np.intp]


def is_indicator_frame(tables: object) -> bool:
    """Whether ``tables`` is a frame of indicators (a DataFrame), not tables."""
    return isinstance(tables, pd.DataFrame)


def _distinct(frame: pd.DataFrame, name: str) -> tuple[Codes, list[str | None]]:
    """A column's distinct texts (stripped; cells that strip alike are one) and each row's code
    among them (-1 when blank); a missing column is blank throughout."""
    if name not in frame.columns:
        return np.full(len(frame), -1, dtype=np.intp), []
    return distinct_texts(frame[name])


def _years(frame: pd.DataFrame) -> tuple[Codes, list[int | float]]:
    """The year column's distinct numbers (2023, 2023.0 and "2023" are one) and each row's code
    (-1 when blank or not a number)."""
    if "year" not in frame.columns:
        return np.full(len(frame), -1, dtype=np.intp), []
    codes, uniques = pd.factorize(pd.to_numeric(frame["year"], errors="coerce"))
    return codes.astype(np.intp), [int(y) if float(y).is_integer() else y for y in uniques]


def first_giving(codes: Codes, tables: Codes, rows: npt.NDArray[np.bool_]) -> Codes:
    """Each table code's first row among ``rows`` whose code is given (not blank), -1 where none
    is; indexed by table code (the last entry is for rows without a table)."""
    given = np.flatnonzero(rows & (codes >= 0))
    first = np.full(int(tables.max(initial=-1)) + 2, -1, dtype=np.intp)
    # Reversed, so that each table's first row given is written last and kept.
    first[tables[given][::-1]] = given[::-1]
    return first


def _code_at(codes: Codes, rows: Codes) -> Codes:
    """The codes at ``rows`` (-1 where a row is -1: none)."""
    return np.where(rows >= 0, codes[np.maximum(rows, 0)], -1) if len(codes) else rows


def _texts(codes: Codes, texts: list[str | None]) -> npt.NDArray[np.object_]:
    """Each row's text (None when blank)."""
    return np.array([*texts, None], dtype=object)[codes]


def _joint(*codes: Codes) -> Codes:
    """One code per distinct combination of the columns' codes, in order of appearance."""
    joint = np.zeros(len(codes[0]), dtype=np.int64) if codes else np.zeros(0, dtype=np.int64)
    span = 1  # how many values the key can take so far: factorized once, while int64 holds it
    for column in codes:
        width = int(column.max(initial=-1)) + 2
        if span * width >= 2**62:  # the key would overflow: number what it holds so far
            joint = pd.factorize(joint)[0].astype(np.int64)
            span = int(joint.max(initial=-1)) + 1
        joint = joint * width + (column + 1)
        span *= width
    return pd.factorize(joint)[0].astype(np.intp)


def _weight(cell: object) -> float | None:
    """A weight cell: None when blank; raises ValueError unless a positive finite number."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
        return None
    if isinstance(cell, str):
        if not cell.strip():
            return None
        cell = float(cell)
    if isinstance(cell, bool):
        raise ValueError
    number = float(cell)  # type: ignore[arg-type]
    if not math.isfinite(number) or number <= 0:
        raise ValueError
    return number


def _weights(frame: pd.DataFrame, name: str) -> tuple[npt.NDArray[np.float64], Codes, list[Any]]:
    """A weight column read once per distinct cell: the weights (NaN: none), and each row's code
    among the distinct cells with the cells, where a code is negative for a bad cell."""
    if name not in frame.columns:
        return np.full(len(frame), math.nan), np.zeros(len(frame), dtype=np.intp), []
    codes, uniques = factorize_cells(frame[name])
    read: list[float] = []
    bad: list[bool] = []
    for cell in uniques:
        try:
            weight = _weight(cell)
        except (TypeError, ValueError):
            read.append(math.nan)
            bad.append(True)
        else:
            read.append(math.nan if weight is None else weight)
            bad.append(False)
    weights = np.array([*read, math.nan])[codes]
    is_bad = np.array([*bad, False], dtype=bool)[codes]
    return weights, np.where(is_bad, -2 - codes, codes), uniques


def layout_from_frame(
    frame: pd.DataFrame, elsewhere: npt.NDArray[np.bool_] | None = None
) -> tuple[Layout, Problems]:
    """The tables of an indicator frame as one [Layout][perfscore.frames.Layout], and the
    frame's bad rows as (row, error, cell).

    Columns: ``table``, ``id``, ``优`` ``良`` ``中`` ``差`` (the cells the ladder is read from;
    blank for a blank cell) and optionally ``duty``, ``activity`` (checked against the id),
    ``unit``, ``weight``, ``name``, ``activity_weight``, ``duty_weight``, ``activity_name``,
    ``duty_name``, ``department`` and ``year`` (the columns of
    [indicator_frame][perfscore.frames.indicator_frame]). A missing name is the id.
    Tables, duties and activities come in the order they first appear, indicators in row order.
    Each error is located by row (as a spreadsheet numbers it), table, indicator id and cell (the
    column), in the file ``tables frame``; a row has at most one, the first of: table name, id,
    duty, activity, an id given twice in its table (after a good row with it), weights (in the
    order ``weight``, ``activity_weight``, ``duty_weight``), cells. Rows marked ``elsewhere``
    (a targets table's, read by [perfscore.frames._target_rows][]) are left alone.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"an indicator frame is a DataFrame, not {type(frame).__name__}")
    # A frame of targets tables alone needs no ladder cells.
    required = _REQUIRED if "target" not in frame.columns else _REQUIRED[:2]
    absent = [c for c in required if c not in frame.columns]
    if absent:
        raise PerfscoreError(
            f"an indicator frame needs the columns {', '.join(required)}; "
            f"missing {', '.join(absent)}"
        ).located(file=TABLES_FRAME)
    frame = frame.reset_index(drop=True)
    skipped = np.zeros(len(frame), dtype=bool) if elsewhere is None else elsewhere
    checked = _Checked(frame, skipped)
    return checked.layout(), checked.problems()


def tables_from_frame(frame: pd.DataFrame) -> tuple[dict[str, Table], Problems]:
    """The tables of an indicator frame, by name, and its bad rows as (row, error, cell).

    The frame is read by [layout_from_frame][perfscore.frames.layout_from_frame]; each
    table is assembled from it without validation (its rows were checked).
    """
    layout, problems = layout_from_frame(frame)
    return {name: layout.table(t) for t, name in enumerate(layout.names)}, problems


class _Checked:
    """An indicator frame's rows, checked column-wise: which are good, and why the rest are not."""

    def __init__(self, frame: pd.DataFrame, elsewhere: npt.NDArray[np.bool_]) -> None:
        self.frame = frame
        self.elsewhere = elsewhere
        count = len(frame)
        self.table_codes, self.table_texts = _distinct(frame, "table")
        self.id_codes, self.id_texts = _distinct(frame, "id")
        # Table names and ids, checked once per distinct text.
        table_good = [t is not None and bool(_TABLE.match(t)) for t in self.table_texts]
        parsed = [_ID.match(i) if i is not None else None for i in self.id_texts]
        self.ok_table = np.array([*table_good, False])[self.table_codes]
        self.ok_id = (
            self.ok_table & np.array([m is not None for m in parsed] + [False])[self.id_codes]
        )
        # The duty and activity an id says; a given one must agree (compared as codes).
        self.duty_of_id = [m.group(1) if m else None for m in parsed]
        self.activity_of_id = [f"{m.group(1)}.{m.group(2)}" if m else None for m in parsed]
        wrong, self.given_duty = _given(frame, "duty", self.duty_of_id, self.id_codes)
        self.duty_wrong = self.ok_id & wrong
        ok_duty = self.ok_id & ~self.duty_wrong
        wrong, self.given_activity = _given(frame, "activity", self.activity_of_id, self.id_codes)
        self.activity_wrong = ok_duty & wrong
        basic = ok_duty & ~self.activity_wrong & ~elsewhere
        # A table's department and year are on each of its rows: the first row that gives one
        # gives the table's, and a row that says otherwise is reported, not ignored.
        self.departments = _distinct(frame, "department")
        self.years = _years(frame)
        self.disagrees: dict[str, npt.NDArray[np.bool_]] = {}
        self.giver: dict[str, Codes] = {}  # by table code: the row that gave the table its value
        for column, (codes, _) in (("department", self.departments), ("year", self.years)):
            self.giver[column] = first_giving(codes, self.table_codes, basic)
            first = _code_at(codes, self.giver[column])[self.table_codes]
            self.disagrees[column] = basic & (codes >= 0) & (codes != first)
            basic = basic & ~self.disagrees[column]
        self.weights = [_weights(frame, column) for column in _WEIGHTS]
        weight_bad = np.zeros(count, dtype=bool)
        for _, codes, _ in self.weights:
            weight_bad |= codes < -1
        # Each distinct (cells, unit) is parsed once.
        columns = [_distinct(frame, column) for column in (*_CELLS, "unit")]
        self.cell_set = _joint(*(codes for codes, _ in columns))
        first = _firsts(self.cell_set)
        self.readings: list[tuple[tuple[str | None, ...], str | None]] = []
        self.ladders: list[Ladder | PerfscoreError] = []
        for r in first.tolist():
            texts = tuple(texts[codes[r]] if codes[r] >= 0 else None for codes, texts in columns)
            cells, unit = texts[:4], texts[4]
            self.readings.append((cells, unit))
            try:
                self.ladders.append(shared_ladder(cells, unit))
            except PerfscoreError as unreadable:
                self.ladders.append(unreadable)
        failed = np.array([isinstance(x, PerfscoreError) for x in self.ladders] + [False])
        ladder_bad = failed[self.cell_set]
        # An id given twice: a row after a good row with the same table and id.
        width = len(self.id_texts) + 1
        key = np.where(basic, self.table_codes.astype(np.int64) * width + self.id_codes, -1)
        candidate = basic & ~weight_bad & ~ladder_bad
        good = candidate.astype(np.int64)
        before = pd.Series(good).groupby(key).cumsum().to_numpy() - good
        self.twice = basic & (before > 0)
        self.valid = candidate & ~self.twice

    def problems(self) -> Problems:
        """Each bad row's first problem, in row order."""
        problems: Problems = []
        for r in np.flatnonzero(~self.valid & ~self.elsewhere).tolist():
            problems.append(self._problem(r))
        return problems

    def _table_values(
        self, tables: Codes, names: npt.NDArray[np.object_]
    ) -> tuple[list[str], list[int | None]]:
        """Each table's department (its name where none is given) and year (or None)."""
        (d_codes, d_texts), (y_codes, y_values) = self.departments, self.years
        d_first = _code_at(d_codes, self.giver["department"][tables])
        y_first = _code_at(y_codes, self.giver["year"][tables])
        departments = [
            str(d_texts[d]) if d >= 0 else str(name)
            for d, name in zip(d_first.tolist(), names.tolist(), strict=True)
        ]
        years = [int(y_values[y]) if y >= 0 else None for y in y_first.tolist()]
        return departments, years

    def _problem(self, r: int) -> tuple[int, PerfscoreError, object]:
        row = r + 2
        table = self.table_texts[self.table_codes[r]] if self.table_codes[r] >= 0 else None
        key = self.id_texts[self.id_codes[r]] if self.id_codes[r] >= 0 else None

        def bad(message: str, column: str, cell: object) -> tuple[int, PerfscoreError, object]:
            error = TableError(message).located(
                file=TABLES_FRAME, row=row, table=table, indicator=key, cell=column
            )
            return row, error, cell

        if not self.ok_table[r]:
            return bad(f"the table name {table!r} is not a table's name (a-z, 0-9, -)", "table",
                       table)  # fmt: skip
        if not self.ok_id[r]:
            return bad(f"the id {key!r} is not an indicator id (<duty>.<activity>.<n>)", "id",
                       key)  # fmt: skip
        if self.duty_wrong[r]:
            given, said = _text_at(self.given_duty, r), self.duty_of_id[self.id_codes[r]]
            return bad(f"indicator {key} is under duty {said}, not {given}", "duty", given)
        if self.activity_wrong[r]:
            given, said = _text_at(self.given_activity, r), self.activity_of_id[self.id_codes[r]]
            return bad(f"indicator {key} is under activity {said}, not {given}", "activity",
                       given)  # fmt: skip
        for column, (codes, texts) in (("department", self.departments), ("year", self.years)):
            if self.disagrees[column][r]:
                first = int(self.giver[column][self.table_codes[r]])
                message = (
                    f"table {table}'s {column} is {texts[codes[first]]} (row {first + 2}), "
                    f"not {texts[codes[r]]}"
                )
                return bad(message, column, self.frame[column].iloc[r])
        if self.twice[r]:
            return bad(f"indicator {key} is given twice in table {table}", "id", key)
        for column, (_, codes, cells) in zip(_WEIGHTS, self.weights, strict=True):
            if codes[r] < -1:
                cell = cells[-2 - codes[r]]
                return bad(f"a weight is a positive number, not {cell!r}", column, cell)
        unreadable = self.ladders[self.cell_set[r]]
        assert isinstance(unreadable, PerfscoreError)
        # Rows with equal cells share one parse, so each gets its own copy of the error.
        copy = dataclasses.replace(unreadable, where=dataclasses.replace(unreadable.where))
        at = copy.where.cell if copy.where.cell in _CELLS else None
        copy.located(file=TABLES_FRAME, row=row, table=table, indicator=key, cell=at)
        cells, _ = self.readings[self.cell_set[r]]
        return row, copy, cells[_CELLS.index(at)] if at else None

    def layout(self) -> Layout:
        """The good rows as a layout: tables, duties and activities in the order they first
        appear, indicators in row order beneath them."""
        frame = self.frame
        rows = np.flatnonzero(self.valid)
        table_codes, t_names = pd.factorize(self.table_codes[rows])
        id_codes = self.id_codes[rows]
        duty_number = pd.factorize(np.asarray(self.duty_of_id, dtype=object))[0]
        activity_number = pd.factorize(np.asarray(self.activity_of_id, dtype=object))[0]
        duty_codes = _joint(table_codes, duty_number[id_codes])
        activity_codes = _joint(table_codes, activity_number[id_codes])
        order = np.lexsort((rows, activity_codes, duty_codes, table_codes))
        rows, id_codes, table_of = rows[order], id_codes[order], table_codes[order].astype(np.intp)
        activity_first = _starts(activity_codes[order])
        duty_first = _starts(duty_codes[order])
        activity_of = np.cumsum(activity_first) - 1
        duty_of = np.cumsum(duty_first) - 1
        table_first = _starts(table_of)

        def named(name: str, at: Codes, fallback: npt.NDArray[np.object_]) -> Any:
            # Only the rows that name a node are read: a table's department is on each of its
            # 68 rows, read once.
            if name in frame.columns and len(at) < len(frame):
                codes, texts = distinct_texts(frame[name].iloc[at].reset_index(drop=True))
            else:
                codes, texts = _at(_distinct(frame, name), at)
            given = _texts(codes, texts)
            blank = codes < 0  # no name given: the node is named by its id
            given[blank] = fallback[blank]
            return given

        at_duty, at_activity, at_table = rows[duty_first], rows[activity_first], rows[table_first]
        weight, activity_weight, duty_weight = (w for w, _, _ in self.weights)
        names_of_tables = np.array([self.table_texts[c] for c in t_names.tolist()], dtype=object)
        departments, years = self._table_values(self.table_codes[at_table], names_of_tables)
        ids = _texts(id_codes, self.id_texts)
        duty_ids = _texts(id_codes[duty_first], self.duty_of_id)
        activity_ids = _texts(id_codes[activity_first], self.activity_of_id)
        used = np.zeros(len(self.ladders), dtype=bool)
        used[self.cell_set[rows]] = True
        sets, cells_of = np.flatnonzero(used), (np.cumsum(used) - 1)[self.cell_set[rows]]
        return Layout(
            names=[str(name) for name in names_of_tables],
            departments=departments,
            years=years,
            duties=Nodes(
                duty_ids,
                named("duty_name", at_duty, duty_ids),
                duty_weight[at_duty],
                table_of[duty_first],
            ),
            activities=Nodes(
                activity_ids,
                named("activity_name", at_activity, activity_ids),
                activity_weight[at_activity],
                duty_of[activity_first],
            ),
            ids=ids,
            indicator_names=named("name", rows, ids),
            weights=weight[rows],
            activity_of=activity_of.astype(np.intp),
            cell_sets=[self.readings[k] for k in sets.tolist()],
            cells_of=cells_of.astype(np.intp).reshape(-1),
            # Good rows have readable cells: every one of these is a ladder.
            cell_ladders=[x for k in sets.tolist() if isinstance(x := self.ladders[k], Ladder)],
            id_numbers=(id_codes, {text: k for k, text in enumerate(self.id_texts) if text}),
        )


def _at(column: tuple[Codes, list[str | None]], at: Codes) -> tuple[Codes, list[str | None]]:
    codes, texts = column
    return codes[at], texts


def _text_at(column: tuple[Codes, list[str | None]], r: int) -> str | None:
    codes, texts = column
    return texts[codes[r]] if codes[r] >= 0 else None


def _given(
    frame: pd.DataFrame, name: str, expected: list[str | None], id_codes: Codes
) -> tuple[npt.NDArray[np.bool_], tuple[Codes, list[str | None]]]:
    """Where a column's cell is given and differs from what each row's id says (``expected``
    per distinct id), and the column's codes and texts."""
    codes, texts = _distinct(frame, name)
    vocabulary: dict[str | None, int] = {}
    said = np.array([vocabulary.setdefault(t, len(vocabulary)) for t in expected] + [-1])
    given = np.array(
        [-2 if t is None else vocabulary.setdefault(t, len(vocabulary)) for t in texts] + [-2]
    )[codes]
    return (given != -2) & (given != said[id_codes]), (codes, texts)


def _firsts(codes: Codes) -> Codes:
    """Where each code first appears, for codes numbered in order of appearance (0, 1, …)."""
    if not len(codes):
        return np.zeros(0, dtype=np.intp)
    return np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)


def _starts(codes: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Where a run of equal codes begins."""
    return np.r_[True, codes[1:] != codes[:-1]] if len(codes) else np.zeros(0, dtype=bool)
