"""Ladder tables read from one frame, one row per indicator (指标表 → 表).

[tables_from_frame][perfscore.table_frames.tables_from_frame] reads the frame
[indicator_frame][perfscore.indicator_frames.indicator_frame] writes (and a CSV or Parquet file of
it) back into the tables [score_frame][perfscore.frames.score_frame] scores. The columns are
checked column-wise, each distinct (cells, unit) is parsed into a ladder once and shared by every
indicator that has it, and the tables are assembled without validating them model by model. A bad
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
import pandas as pd

from .errors import PerfscoreError, TableError
from .grades import GRADES
from .ladders import Ladder
from .rows import cell_text
from .tables import Activity, Department, Duty, Indicator, Table, shared_ladder

__all__ = ["TABLES_FRAME", "is_indicator_frame", "tables_from_frame"]

#: The file named in the errors about a tables frame's rows.
TABLES_FRAME: Final = "tables frame"
_REQUIRED: Final = ("table", "id", "优", "良", "中", "差")
_TABLE: Final = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID: Final = re.compile(r"^(\d+)\.(\d+)\.\d+$")
_CELLS: Final = tuple(g.value for g in GRADES)
_DUTY: Final = {"id", "name", "weight", "activities"}
_ACTIVITY: Final = {"id", "name", "weight", "indicators"}
_TABLE_FIELDS: Final = {"name", "department", "year", "duties"}


def is_indicator_frame(tables: object) -> bool:
    """Whether ``tables`` is a frame of indicators (a DataFrame), not tables."""
    return isinstance(tables, pd.DataFrame)


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    if name in frame.columns:
        return frame[name].tolist()
    return [None] * len(frame)


def _texts(frame: pd.DataFrame, name: str) -> list[str | None]:
    """A column's cells as stripped text (None when blank), each distinct cell read once."""
    if name not in frame.columns:
        return [None] * len(frame)
    codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)
    texts = np.array([*(cell_text(u) for u in uniques), None], dtype=object)
    return texts[codes].tolist()  # type: ignore[no-any-return]


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


class _Activity:
    def __init__(self, name: str | None, weight: float | None) -> None:
        self.name, self.weight = name, weight
        self.indicators: list[Indicator] = []


class _Duty:
    def __init__(self, name: str | None, weight: float | None) -> None:
        self.name, self.weight = name, weight
        self.activities: dict[str, _Activity] = {}


class _Table:
    def __init__(self, department: str | None, year: object) -> None:
        self.department, self.year = department, year
        self.duties: dict[str, _Duty] = {}
        self.ids: set[str] = set()


def tables_from_frame(
    frame: pd.DataFrame,
) -> tuple[dict[str, Table], list[tuple[int, PerfscoreError, object]]]:
    """The tables of an indicator frame, by name, and its bad rows as (row, error, cell).

    Columns: ``table``, ``id``, ``优`` ``良`` ``中`` ``差`` (the cells the ladder is read from;
    blank for a blank cell) and optionally ``duty``, ``activity`` (checked against the id),
    ``unit``, ``weight``, ``name``, ``activity_weight``, ``duty_weight``, ``activity_name``,
    ``duty_name``, ``department`` and ``year`` (the columns of
    [indicator_frame][perfscore.indicator_frames.indicator_frame]). A missing name is the id. Each
    error is located by row (as a spreadsheet numbers it), table, indicator id and cell (the
    column), in the file ``tables frame``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"an indicator frame is a DataFrame, not {type(frame).__name__}")
    absent = [c for c in _REQUIRED if c not in frame.columns]
    if absent:
        raise PerfscoreError(
            f"an indicator frame needs the columns {', '.join(_REQUIRED)}; "
            f"missing {', '.join(absent)}"
        ).located(file=TABLES_FRAME)
    frame = frame.reset_index(drop=True)
    ladders: dict[tuple[tuple[str | None, ...], str | None], Ladder | PerfscoreError] = {}
    built: dict[str, _Table] = {}
    indicators: dict[tuple[object, ...], Indicator] = {}
    problems: list[tuple[int, PerfscoreError, object]] = []
    text = ("table", "duty", "activity", "id", *_CELLS, "unit")
    columns = [_texts(frame, c) for c in text]
    columns += [_column(frame, "weight"), _texts(frame, "name")]
    extra = [_column(frame, c) for c in ("activity_weight", "duty_weight")]
    extra += [_texts(frame, c) for c in ("activity_name", "duty_name", "department")]
    extra.append(_column(frame, "year"))
    for r, values in enumerate(zip(*columns, *extra, strict=True)):
        row = r + 2
        table_cell, duty_cell, activity_cell, id_cell = values[:4]
        cells = tuple(values[4:8])
        unit_cell, weight_cell, name_cell = values[8:11]
        a_weight, d_weight, a_name, d_name, department, year = values[11:]
        table, key = table_cell, id_cell

        def bad(
            message: str, column: str, cell: object, row: int = row, table: str | None = table,
            key: str | None = key,
        ) -> None:  # fmt: skip
            error = TableError(message).located(
                file=TABLES_FRAME, row=row, table=table, indicator=key, cell=column
            )
            problems.append((row, error, cell))

        if table is None or not _TABLE.match(table):
            bad(f"the table name {table_cell!r} is not a table's name (a-z, 0-9, -)", "table",
                table_cell)  # fmt: skip
            continue
        found = _ID.match(key) if key is not None else None
        if key is None or found is None:
            bad(f"the id {id_cell!r} is not an indicator id (<duty>.<activity>.<n>)", "id",
                id_cell)  # fmt: skip
            continue
        duty_id = found.group(1)
        activity_id = f"{duty_id}.{found.group(2)}"
        given_duty, given_activity = duty_cell, activity_cell
        if given_duty is not None and given_duty != duty_id:
            bad(f"indicator {key} is under duty {duty_id}, not {given_duty}", "duty", duty_cell)
            continue
        if given_activity is not None and given_activity != activity_id:
            bad(f"indicator {key} is under activity {activity_id}, not {given_activity}",
                "activity", activity_cell)  # fmt: skip
            continue
        into = built.get(table)
        if into is not None and key in into.ids:
            bad(f"indicator {key} is given twice in table {table}", "id", id_cell)
            continue
        weights: list[float | None] = []
        for column, cell in (("weight", weight_cell), ("activity_weight", a_weight),
                             ("duty_weight", d_weight)):  # fmt: skip
            try:
                weights.append(_weight(cell))
            except (TypeError, ValueError):
                bad(f"a weight is a positive number, not {cell!r}", column, cell)
                break
        if len(weights) < 3:
            continue
        weight, activity_weight, duty_weight = weights
        unit = unit_cell
        ladder = ladders.get((cells, unit))
        if ladder is None:
            try:
                ladder = shared_ladder(cells, unit)
            except PerfscoreError as unreadable:
                ladder = unreadable
            ladders[(cells, unit)] = ladder
        if isinstance(ladder, PerfscoreError):
            # Rows with equal cells share one parse, so each gets its own copy of the error.
            copy = dataclasses.replace(ladder, where=dataclasses.replace(ladder.where))
            at = copy.where.cell if copy.where.cell in _CELLS else None
            copy.located(file=TABLES_FRAME, row=row, table=table, indicator=key, cell=at)
            problems.append((row, copy, cells[_CELLS.index(at)] if at else None))
            continue
        if into is None:
            into = built[table] = _Table(department, year)
        duty = into.duties.get(duty_id)
        if duty is None:
            duty = into.duties[duty_id] = _Duty(d_name, duty_weight)
        activity = duty.activities.get(activity_id)
        if activity is None:
            activity = duty.activities[activity_id] = _Activity(a_name, activity_weight)
        into.ids.add(key)
        # Indicators are immutable: tables that repeat an indicator (same id, name, cells, unit
        # and weight, as a province's departments do) share one object.
        same = (key, name_cell, unit, cells, weight)
        indicator = indicators.get(same)
        if indicator is None:
            indicator = indicators[same] = Indicator.with_ladder(
                ladder,
                id=key,
                name=name_cell or key,
                unit=unit,
                cells=dict(zip(_CELLS, cells, strict=True)),
                weight=weight,
            )
        activity.indicators.append(indicator)
    return {name: _assemble(name, t) for name, t in built.items()}, problems


def _assemble(name: str, table: _Table) -> Table:
    # Every field given: model_construct then resolves no default (a nation has 6 million nodes).
    duties = tuple(
        Duty.model_construct(
            _fields_set=_DUTY,
            id=duty_id, ordinal=None, name=duty.name or duty_id, budget=None, description=None,
            goal=None, weight=duty.weight,
            activities=tuple(
                Activity.model_construct(
                    _fields_set=_ACTIVITY,
                    id=activity_id, name=activity.name or activity_id, budget=None,
                    description=None, goal=None, weight=activity.weight,
                    indicators=tuple(activity.indicators),
                )
                for activity_id, activity in duty.activities.items()
            ),
        )
        for duty_id, duty in table.duties.items()
    )  # fmt: skip
    # A frame without a year column gives None: the year is shown, never computed with.
    year: Any = table.year
    department = Department.model_construct(
        _fields_set={"name"}, name=table.department or name, short_name=None, code=None
    )
    return Table.model_construct(
        _fields_set=_TABLE_FIELDS,
        kind="ladders", format=1, name=name, title=None, department=department,
        year=None if year is None or pd.isna(year) else int(year),  # type: ignore[arg-type]
        money_unit=None, source=None,
        duties=duties,
    )  # fmt: skip
