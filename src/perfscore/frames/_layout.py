"""Many ladder tables as columns (表的列式布局): what batch grading and the roll-up work on.

A [Layout][perfscore.frames.Layout] numbers every indicator of every table in table order
(table → duty → activity → indicator) and keeps each fact about them as a column: ids, names,
weights, which activity, duty and table each belongs to, and which of a few hundred distinct
ladders grades it. Nodes (activities, duties, tables) are columns too. Nothing in it is a
per-indicator object, so a nation's ten million indicators cost arrays, not models.

It is built from loaded tables ([Layout.of_tables][perfscore.frames.Layout.of_tables]) or
straight from an indicator frame ([perfscore.frames.layout_from_frame][]). Where a rule
needs the model itself (a row naming its indicator by name, a result read on the single-value
path, a table with a weights argument), `indicator` and `table` give it: the one loaded, or one
assembled from the columns on first use.

>>> import perfscore
>>> layout = Layout.of_tables({"zanhuang-hrss-2018": perfscore.load_table("zanhuang-hrss-2018")})
>>> len(layout), len(layout.activities), len(layout.duties), layout.names
(68, 42, 13, ['zanhuang-hrss-2018'])
>>> layout.ids[:3].tolist(), layout.activity_of[:3].tolist(), str(layout.ladder(0))
(['1.1.1', '1.1.2', '1.2.1'], [0, 0, 1], '优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from perfscore.grades import GRADES
from perfscore.ladders._book import LadderBook
from perfscore.ladders._ladder import Ladder
from perfscore.tables._models import Activity, Department, Duty, Indicator, Table

__all__ = ["Layout", "Nodes"]

_CELLS: Final = tuple(g.value for g in GRADES)
_DUTY: Final = {"id", "name", "weight", "activities"}
_ACTIVITY: Final = {"id", "name", "weight", "indicators"}
_TABLE_FIELDS: Final = {"name", "department", "year", "duties"}

Floats = npt.NDArray[np.float64]
Positions = npt.NDArray[np.intp]


@dataclass(frozen=True, eq=False)
class Nodes:
    """One level of nodes (activities or duties), in table order: ids, names, weights (NaN: none)
    and the node of the level above each belongs to."""

    ids: npt.NDArray[np.object_]
    names: npt.NDArray[np.object_]
    weights: Floats
    parent: Positions

    def __len__(self) -> int:
        return len(self.ids)


class Layout:
    """Every indicator of every table, numbered in table order, as columns.

    Per indicator: ``ids``, ``indicator_names``, ``weights`` (NaN where none is given),
    ``activity_of``, ``duty_of``, ``table_of``, ``cells_of`` (which of ``cell_sets`` it was read
    from: the four cells as shown, and the unit) and ``ladder_of``. Per cell set,
    ``cell_ladder``: which of ``ladders`` (the distinct ladders) grades it. Per node:
    ``activities`` and ``duties`` ([Nodes][perfscore.frames._layout.Nodes]); per table: ``names``,
    ``departments``, ``years`` and ``offsets`` (its first indicator; the last entry is the
    count).

    ``tables`` and ``indicators``, when given, are the loaded models the columns were read from
    (`table` and `indicator` return them); ``id_numbers``, when given, is `id_codes` already
    known to the reader.
    """

    def __init__(
        self,
        *,
        names: Sequence[str],
        departments: Sequence[str],
        years: Sequence[int | None],
        duties: Nodes,
        activities: Nodes,
        ids: npt.NDArray[np.object_],
        indicator_names: npt.NDArray[np.object_],
        weights: Floats,
        activity_of: Positions,
        cell_sets: Sequence[tuple[tuple[str | None, ...], str | None]],
        cells_of: Positions,
        cell_ladders: Sequence[Ladder],
        tables: Sequence[Table] | None = None,
        indicators: Sequence[Indicator] | None = None,
        id_numbers: tuple[Positions, dict[str, int]] | None = None,
    ) -> None:
        self.names = list(names)
        self.departments = list(departments)
        self.years = list(years)
        self.duties = duties
        self.activities = activities
        self.ids = ids
        self.indicator_names = indicator_names
        self.weights = weights
        self.activity_of = activity_of
        self.duty_of = activities.parent[activity_of]
        self.table_of = duties.parent[self.duty_of]
        self.offsets = np.searchsorted(self.table_of, np.arange(len(self.names) + 1))
        self.cell_sets = list(cell_sets)
        self.cells_of = cells_of
        # Equal ladders (read from cells spelled differently) share one row.
        distinct: dict[Ladder, int] = {}
        self.cell_ladder = np.array(
            [distinct.setdefault(ladder, len(distinct)) for ladder in cell_ladders], dtype=np.intp
        )
        self.ladders: tuple[Ladder, ...] = tuple(distinct)
        self.ladder_of = self.cell_ladder[cells_of] if len(cells_of) else cells_of
        self._tables = list(tables) if tables is not None else None
        self._indicators = list(indicators) if indicators is not None else None
        self._built_tables: dict[int, Table] = {}
        self._built_indicators: dict[int, Indicator] = {}
        if id_numbers is not None:
            self.__dict__["id_codes"] = id_numbers  # what the cached property would compute

    @classmethod
    def of_tables(cls, named: Mapping[str, Table]) -> Layout:
        """The layout of loaded tables, each under the name results use for it."""
        tables = list(named.values())
        a_ids: list[str] = []
        a_names: list[str] = []
        a_weights: list[float | None] = []
        a_duty: list[int] = []
        d_ids: list[str] = []
        d_names: list[str] = []
        d_weights: list[float | None] = []
        d_table: list[int] = []
        indicators: list[Indicator] = []
        activity_of: list[int] = []
        for t, table in enumerate(tables):
            for duty in table.duties:
                for activity in duty.activities:
                    activity_of += [len(a_ids)] * len(activity.indicators)
                    indicators += activity.indicators
                    a_ids.append(activity.id)
                    a_names.append(activity.name)
                    a_weights.append(activity.weight)
                    a_duty.append(len(d_ids))
                d_ids.append(duty.id)
                d_names.append(duty.name)
                d_weights.append(duty.weight)
                d_table.append(t)
        # Indicators with the same ladder object and the same cells shown share one cell set.
        sets: dict[tuple[tuple[str | None, ...], int], int] = {}
        cell_sets: list[tuple[tuple[str | None, ...], str | None]] = []
        cell_ladders: list[Ladder] = []

        def number(indicator: Indicator) -> int:
            ladder = indicator.ladder
            shown = _shown_cells(indicator)
            k = sets.get((shown, id(ladder)))
            if k is None:
                k = sets[(shown, id(ladder))] = len(cell_ladders)
                cell_sets.append((shown, ladder.unit))
                cell_ladders.append(ladder)
            return k

        cells_of = np.fromiter(map(number, indicators), dtype=np.intp, count=len(indicators))
        return cls(
            names=list(named),
            departments=[t.department.name for t in tables],
            years=[t.year for t in tables],
            duties=Nodes(
                _objects(d_ids), _objects(d_names), _floats(d_weights), _positions(d_table)
            ),
            activities=Nodes(
                _objects(a_ids), _objects(a_names), _floats(a_weights), _positions(a_duty)
            ),
            ids=_objects([i.id for i in indicators]),
            indicator_names=_objects([i.name for i in indicators]),
            weights=_floats([i.weight for i in indicators]),
            activity_of=_positions(activity_of),
            cell_sets=cell_sets,
            cells_of=cells_of,
            cell_ladders=cell_ladders,
            tables=tables,
            indicators=indicators,
        )

    def __len__(self) -> int:
        return len(self.ids)

    # -- columns derived once ------------------------------------------------------------------

    @cached_property
    def book(self) -> LadderBook:
        """The distinct ladders compiled for grading, keyed by indicator number."""
        return LadderBook.numbered(self.ladders, self.ladder_of)

    @cached_property
    def categorical(self) -> npt.NDArray[np.bool_]:
        """Per indicator: whether its ladder grades labels."""
        return np.array([ladder.categorical for ladder in self.ladders], dtype=bool)[self.ladder_of]

    @cached_property
    def rates(self) -> npt.NDArray[np.bool_]:
        """Per indicator: whether its ladder is in percent."""
        return np.array([ladder.unit == "percent" for ladder in self.ladders], bool)[self.ladder_of]

    @cached_property
    def ladder_units(self) -> list[str | None]:
        """The unit of each distinct ladder."""
        return [ladder.unit for ladder in self.ladders]

    @cached_property
    def id_codes(self) -> tuple[npt.NDArray[np.intp], dict[str, int]]:
        """Each indicator's id as a number, and the vocabulary of ids it numbers."""
        codes, uniques = pd.factorize(self.ids)
        return codes.astype(np.intp), {str(u): k for k, u in enumerate(uniques)}

    def find(
        self, tables: npt.NDArray[np.int64], ids: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int64]:
        """The indicator at each (table position, id number in `id_codes`); -1 where none."""
        codes, vocabulary = self.id_codes
        width = max(len(vocabulary), 1)
        given = (tables >= 0) & (ids >= 0)
        flat = np.where(given, tables * width + ids, -1)
        if len(self.names) * width <= 4 * len(self) + 4096:
            # A table × id grid: one gather, no hashing (a nation's ids repeat in every table).
            grid = np.full(len(self.names) * width + 1, -1, dtype=np.int64)
            grid[self.table_of * width + codes] = np.arange(len(self))
            return grid[np.where(given, flat, len(grid) - 1)]
        numbers: npt.NDArray[np.int64] = self.table_of.astype(np.int64) * width + codes
        return np.asarray(pd.Index(numbers).get_indexer(pd.Index(flat)), dtype=np.int64)

    @cached_property
    def activity_table(self) -> Positions:
        """Per activity: its table."""
        return self.duties.parent[self.activities.parent]

    @cached_property
    def spans(self) -> tuple[Positions, Positions, Positions]:
        """Where each table's indicators, activities and duties start (one more entry: the
        count), for slicing a table out of a column."""
        tables = np.arange(len(self.names) + 1)
        return (
            self.offsets,
            np.searchsorted(self.activity_table, tables),
            np.searchsorted(self.duties.parent, tables),
        )

    # -- the models, where a rule needs one --------------------------------------------------

    def ladder(self, g: int) -> Ladder:
        """The ladder of indicator ``g``."""
        return self.ladders[int(self.ladder_of[g])]

    def indicator(self, g: int) -> Indicator:
        """Indicator ``g``: the one loaded, or one made from the columns (unvalidated: they were
        checked when the layout was read)."""
        if self._indicators is not None:
            return self._indicators[g]
        made = self._built_indicators.get(g)
        if made is None:
            shown, unit = self.cell_sets[int(self.cells_of[g])]
            weight = float(self.weights[g])
            made = self._built_indicators[g] = Indicator.with_ladder(
                self.ladder(g),
                id=str(self.ids[g]),
                name=str(self.indicator_names[g]),
                unit=unit,
                cells=dict(zip(_CELLS, shown, strict=True)),
                weight=None if math.isnan(weight) else weight,
            )
        return made

    def table(self, t: int) -> Table:
        """Table ``t``: the one loaded, or one assembled from the columns (unvalidated)."""
        if self._tables is not None:
            return self._tables[t]
        made = self._built_tables.get(t)
        if made is None:
            made = self._built_tables[t] = self._assemble(t)
        return made

    def _assemble(self, t: int) -> Table:
        start, stop = int(self.offsets[t]), int(self.offsets[t + 1])
        by_activity: dict[int, list[Indicator]] = {}
        for g in range(start, stop):
            by_activity.setdefault(int(self.activity_of[g]), []).append(self.indicator(g))
        by_duty: dict[int, list[Activity]] = {}
        for a, indicators in by_activity.items():
            weight = float(self.activities.weights[a])
            # Every field given: model_construct then resolves no default.
            by_duty.setdefault(int(self.activities.parent[a]), []).append(
                Activity.model_construct(
                    _fields_set=_ACTIVITY,
                    id=str(self.activities.ids[a]), name=str(self.activities.names[a]),
                    budget=None, description=None, goal=None,
                    weight=None if math.isnan(weight) else weight, indicators=tuple(indicators),
                )
            )  # fmt: skip
        duties = []
        for d, activities in by_duty.items():
            weight = float(self.duties.weights[d])
            duties.append(
                Duty.model_construct(
                    _fields_set=_DUTY,
                    id=str(self.duties.ids[d]), ordinal=None, name=str(self.duties.names[d]),
                    budget=None, description=None, goal=None,
                    weight=None if math.isnan(weight) else weight, activities=tuple(activities),
                )
            )  # fmt: skip
        department = Department.model_construct(
            _fields_set={"name"}, name=self.departments[t], short_name=None, code=None
        )
        year: Any = self.years[t]  # a frame without years gives None: shown, never computed
        return Table.model_construct(
            _fields_set=_TABLE_FIELDS,
            kind="ladders", format=1, name=self.names[t], title=None, department=department,
            year=year, money_unit=None, source=None, duties=tuple(duties),
        )  # fmt: skip

    def shown_cells(self, codes: npt.NDArray[np.int8]) -> npt.NDArray[np.object_]:
        """Per indicator, the cell of the grade it got (None where ``codes`` is negative): the
        published cell, or the cell as read where the published one is blank."""
        matrix = np.array(
            [[*reversed(shown), None] for shown, _ in self.cell_sets] or [[None] * 5],
            dtype=object,
        )  # columns 差 中 良 优, then None for no grade
        return matrix[self.cells_of, np.where(codes >= 0, codes, 4)]


def _shown_cells(indicator: Indicator) -> tuple[str | None, ...]:
    cells = indicator.cells
    published = (cells["优"], cells["良"], cells["中"], cells["差"])
    if not indicator.readings:
        return published  # the cells as read are the published ones
    read = indicator.read_cells
    return tuple(cell or read[g] for cell, g in zip(published, GRADES, strict=True))


def _objects(values: Sequence[object]) -> npt.NDArray[np.object_]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _floats(values: Sequence[float | None]) -> Floats:
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)


def _positions(values: Sequence[int]) -> Positions:
    return np.asarray(values, dtype=np.intp)
