"""Indicator tables (部门职责-工作活动绩效目标) as frozen models: Table, Duty, Activity, Indicator.

A table file (YAML or JSON, see ``docs/data-files.md``) keeps every published text verbatim;
where the encoding reads a cell or a name otherwise than its letter, a
[Reading][perfscore.tables.Reading] next to it says how and why. Loading validates the whole file,
parses every ladder, and reports the first fault with the file and the field path
(``duties[8].activities[1].indicators[0].cells.良``).

>>> import perfscore
>>> table = perfscore.load_table("zanhuang-hrss-2018")
>>> table.department.name, table.year, len(table.duties), len(table.indicators())
('赞皇县人力资源和社会保障局', 2018, 13, 68)
>>> indicator = table.indicator("9.2.1")
>>> indicator.name, indicator.grade("84%")
('当年基金使用率', <Grade.GOOD: '良'>)
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from perfscore.errors import PerfscoreError, TableError
from perfscore.grades import GRADES, Grade
from perfscore.ladders._ladder import Ladder, parse_ladder

from ._lookup import Indicators

__all__ = [
    "Activity",
    "Department",
    "Duty",
    "Indicator",
    "Reading",
    "Table",
    "clear_ladder_cache",
    "field_paths",
    "shared_ladder",
]

#: A weight in a roll-up: a finite number above 0 (``.inf`` or ``.nan`` would make every share
#: of a roll-up infinite or undefined), written as a number: ``"2"`` is refused, as it is in the
#: ``weights`` argument of ``score``.
Weight = Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]

# Attribute docstrings become the field descriptions of the JSON Schema, so an editor shows them.
_FROZEN = ConfigDict(
    frozen=True, extra="forbid", str_strip_whitespace=True, use_attribute_docstrings=True
)

GradeName = Literal["优", "良", "中", "差"]

_CELL_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string"}, {"type": "null"}],
}
_CELLS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Cells",
    "description": "The four published grading cells (评价标准), verbatim; null for a blank cell.",
    "properties": {
        grade: {**_CELL_SCHEMA, "description": f"The {grade} cell ({meaning}), as published."}
        for grade, meaning in zip(
            ("优", "良", "中", "差"), ("excellent", "good", "fair", "poor"), strict=True
        )
    },
    "required": ["优", "良", "中", "差"],
    "additionalProperties": False,
}

#: The cells as published, keyed 优 良 中 差 (all four; ``None`` for a blank cell).
PublishedCells = Annotated[dict[GradeName, str | None], WithJsonSchema(_CELLS_SCHEMA)]


class Reading(BaseModel):
    """How the encoding reads a published field otherwise than its letter, and why.

    For a cell (``field`` 优/良/中/差), ``read_as`` is the text the ladder is built from; the
    published cell stays in ``cells``. For a repaired ``name``, ``published`` keeps the damaged
    published text and the indicator's ``name`` holds the repair.
    """

    model_config = _FROZEN

    field: Literal["name", "优", "良", "中", "差"]
    """What is read: ``name``, or the cell of a grade (优 良 中 差)."""
    read_as: str | None = None
    """For a cell: the text the ladder is built from instead of the published cell."""
    published: str | None = None
    """For the name: the name as published (damaged); the indicator's ``name`` is the repair."""
    why: str = Field(min_length=1)
    """Why the encoding departs from the letter of the table."""

    @model_validator(mode="after")
    def _complete(self) -> Reading:
        if self.field == "name" and self.published is None:
            raise ValueError("a reading of the name records the published text in `published`")
        if self.field != "name" and self.read_as is None:
            raise ValueError(f"a reading of cell {self.field} says how it is read in `read_as`")
        return self


class Indicator(BaseModel):
    """A performance indicator (绩效指标): its published cells, its unit and its ladder."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    """``<duty>.<activity>.<n>``, numbered in table order from 1 (``"9.2.1"``)."""
    name: str = Field(min_length=1)
    """The published name (绩效指标), or its repair when a ``name`` reading records one."""
    unit: str | None = None
    """The unit results are measured in: ``percent``, ``人``, ``次``, ``万元`` …; null when the
    cells are qualitative labels."""
    cells: PublishedCells
    readings: tuple[Reading, ...] = ()
    """Where the encoding reads a cell or the name otherwise than its letter, and why."""
    weight: Weight | None = None
    """The indicator's weight in a roll-up, where the table gives one."""

    @model_validator(mode="after")
    def _build_ladder(self) -> Indicator:
        cells = self.cells
        if len(cells) < len(GRADES):  # the keys are grade names: fewer than four is a gap
            missing = [g.value for g in GRADES if g.value not in cells]
            raise ValueError(f"cells needs all four grades 优 良 中 差; missing {missing}")
        readings = self.readings
        if len(readings) > 1 and len({r.field for r in readings}) != len(readings):
            raise ValueError("two readings of the same field")
        try:
            ladder = _ladder(_in_order(cells), readings, self.unit)
        except PerfscoreError as error:
            raise error.located(indicator=self.id) from None
        # What the cached property below would store on its first read, stored now: a
        # province's batch reads 340,000 ladders once each.
        self.__dict__["ladder"] = ladder
        return self

    @classmethod
    def with_ladder(cls, ladder: Ladder, **values: Any) -> Indicator:
        """An indicator from values already checked and its ladder already parsed (no validation).

        For [perfscore.frames._ladder_rows][perfscore.frames._ladder_rows], which checks a whole
        frame of indicators column-wise and parses each distinct ladder once.
        """
        values.setdefault("readings", ())
        values.setdefault("weight", None)
        # Every field given (and the set named): pydantic resolves no default per indicator.
        indicator = cls.model_construct(_fields_set=set(values), **values)
        indicator.__dict__["ladder"] = ladder
        return indicator

    @cached_property
    def ladder(self) -> Ladder:
        """The grade ladder, read from `read_cells` in `unit`."""
        # Stored as a plain attribute by validation (and by with_ladder), not as a pydantic
        # private attribute: setting up private attributes costs every indicator loaded, and
        # reading one goes through pydantic's __getattr__ (about 2 µs a read).
        return _ladder(_in_order(self.cells), self.readings, self.unit)

    @property
    def read_cells(self) -> dict[Grade, str | None]:
        """The cells the ladder is built from: the published ones, with readings applied."""
        return _read_cells(self.cells, self.readings)

    @property
    def published_name(self) -> str:
        """The name as published (before any repair recorded in a reading)."""
        for reading in self.readings:
            if reading.field == "name" and reading.published is not None:
                return reading.published
        return self.name

    def cell(self, grade: Grade | str) -> str | None:
        """The published cell of ``grade``."""
        return self.cells[Grade(grade).value]

    def grade(self, value: object) -> Grade:
        """Grade a measured value (see [perfscore.Ladder.grade][perfscore.ladders.Ladder.grade])."""
        try:
            return self.ladder.grade(value)
        except PerfscoreError as error:
            raise error.located(indicator=self.id) from None


def _read_cells(
    cells: Mapping[GradeName, str | None] | Mapping[str, str | None], readings: tuple[Reading, ...]
) -> dict[Grade, str | None]:
    read = {Grade(g): text for g, text in cells.items()}
    for reading in readings:
        if reading.field != "name":
            read[Grade(reading.field)] = reading.read_as
    return read


def _in_order(cells: Mapping[GradeName, str | None]) -> tuple[str | None, ...]:
    return (cells["优"], cells["良"], cells["中"], cells["差"])


@functools.lru_cache(maxsize=4096)
def _ladder(
    cells: tuple[str | None, ...], readings: tuple[Reading, ...], unit: str | None
) -> Ladder:
    # A province's thousands of tables reuse a few hundred distinct cells; ladders are immutable,
    # so indicators with the same cells, readings and unit share one, parsed once.
    published = dict(zip(("优", "良", "中", "差"), cells, strict=True))
    return parse_ladder(_read_cells(published, readings), unit=unit)


def shared_ladder(cells: tuple[str | None, ...], unit: str | None) -> Ladder:
    """The ladder of cells 优 良 中 差 (as read) in ``unit``, parsed once per process and shared
    with every indicator loaded with the same cells (see
    [clear_ladder_cache][perfscore.tables._models.clear_ladder_cache])."""
    return _ladder(cells, (), unit)


def clear_ladder_cache() -> None:
    """Forget the ladders parsed so far (loading parses equal cells once; benchmarks start cold)."""
    _ladder.cache_clear()


class Activity(BaseModel):
    """A work activity (工作活动) under a duty, with its indicators."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^\d+\.\d+$")
    """``<duty>.<n>``, numbered in table order from 1 (``"9.2"``)."""
    name: str = Field(min_length=1)
    """The published name, without its ordinal (1、2、…)."""
    budget: float | None = Field(default=None, strict=True)
    """年度预算数, in the table's ``money_unit``; null where the table leaves it blank."""
    description: str | None = None
    """内容描述, verbatim."""
    goal: str | None = None
    """绩效目标, verbatim."""
    weight: Weight | None = None
    """The activity's weight in a roll-up, where the table gives one."""
    indicators: tuple[Indicator, ...]
    """The activity's indicators (绩效指标), in table order (at least one)."""


class Duty(BaseModel):
    """A duty (职责活动) of the department, with its activities."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^\d+$")
    """``"1"``, ``"2"`` …, numbered in table order."""
    ordinal: str | None = None
    """The published ordinal (一, 二, … 十三)."""
    name: str = Field(min_length=1)
    """The published name, without its ordinal."""
    budget: float | None = Field(default=None, strict=True)
    """年度预算数, in the table's ``money_unit``; null where the table leaves it blank."""
    description: str | None = None
    """内容描述, verbatim."""
    goal: str | None = None
    """绩效目标, verbatim."""
    weight: Weight | None = None
    """The duty's weight in a roll-up, where the table gives one."""
    activities: tuple[Activity, ...]
    """The duty's activities (工作活动), in table order (at least one)."""


class Department(BaseModel):
    """The publishing department (部门)."""

    model_config = _FROZEN

    name: str = Field(min_length=1)
    """The department's full name (赞皇县人力资源和社会保障局)."""
    short_name: str | None = None
    """A short name (人社局)."""
    code: str | None = None
    """The department code in the budget (部门编码), as text (``"323"``)."""


class Table(BaseModel):
    """One department's published table for one year."""

    model_config = _FROZEN

    kind: Literal["ladders"] = "ladders"
    """``ladders`` (the default): four grading cells per indicator; a targets table
    (``kind: targets``, one target per indicator) is a
    [TargetsTable][perfscore.tables.TargetsTable]."""
    format: Literal[1] = 1
    """The version of the file format."""
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """The table's name, as it is loaded by: ``<place>-<department>-<year>``, the file name
    without its suffix."""
    title: str | None = None
    """The table's published title."""
    department: Department
    """The publishing department (部门)."""
    year: int = Field(ge=1949, le=2200, strict=True)
    """The budget year."""
    money_unit: str | None = None
    """The unit of the budget columns (万元)."""
    source: str | None = None
    """Where the table was published."""
    duties: tuple[Duty, ...]
    """The department's duties (职责活动), in table order (at least one)."""

    @model_validator(mode="after")
    def _unique_ids(self) -> Table:
        # A table, duty or activity with nothing under it has nothing to score: a file cut short.
        if not self.duties:
            raise TableError("a table has at least one duty").located(path="duties")
        if _complete_and_unique(self.duties):
            return self
        # Something is wrong: the walk below finds the first fault and names its field path.
        for path, item in field_paths(self):
            if isinstance(item, Duty) and not item.activities:
                raise TableError("a duty has at least one activity").located(
                    path=f"{path}.activities"
                )
            if isinstance(item, Activity) and not item.indicators:
                raise TableError("an activity has at least one indicator").located(
                    path=f"{path}.indicators"
                )
        # Ids are the keys results are matched by: a repeated id would silently shadow a row.
        seen: dict[str, str] = {}
        for path, item in field_paths(self):
            where = seen.setdefault(item.id, path)
            if where != path:
                raise TableError(f"duplicate id {item.id!r}: {where}.id has it already").located(
                    path=f"{path}.id"
                )
        return self

    def activities(self) -> list[Activity]:
        """Every activity, in table order."""
        return [a for d in self.duties for a in d.activities]

    def indicators(self) -> list[Indicator]:
        """Every indicator, in table order (``iter(table)`` is pydantic's, over the fields)."""
        return [i for d in self.duties for a in d.activities for i in a.indicators]

    def __len__(self) -> int:
        """How many indicators the table has."""
        return len(self._indicators)

    @cached_property
    def _indicators(self) -> Indicators[Indicator]:
        return Indicators(self.name, self.indicators())

    def indicator(self, key: str) -> Indicator:
        """The indicator with id ``key``, or with the published name ``key`` if that is unique
        (names match across traditional and simplified characters).

        Raises [UnknownIndicator][perfscore.errors.UnknownIndicator] (a ``KeyError``) suggesting
        close ids.
        """
        return self._indicators.find(key)

    def duty_of(self, indicator_id: str) -> Duty:
        """The duty the indicator ``indicator_id`` (an id or a unique name) belongs to."""
        indicator = self.indicator(indicator_id)
        return next(d for d in self.duties for a in d.activities if indicator in a.indicators)

    def activity_of(self, indicator_id: str) -> Activity:
        """The activity the indicator ``indicator_id`` (an id or a unique name) belongs to."""
        indicator = self.indicator(indicator_id)
        return next(a for a in self.activities() if indicator in a.indicators)


def _complete_and_unique(duties: tuple[Duty, ...]) -> bool:
    # One walk without field paths: every duty and activity has something under it, and no id
    # is given twice.
    ids: set[str] = set()
    count = 0
    for duty in duties:
        if not duty.activities:
            return False
        ids.add(duty.id)
        count += 1 + len(duty.activities)
        for activity in duty.activities:
            if not activity.indicators:
                return False
            ids.add(activity.id)
            ids.update([indicator.id for indicator in activity.indicators])
            count += len(activity.indicators)
    return len(ids) == count


def field_paths(table: Table) -> Iterator[tuple[str, Duty | Activity | Indicator]]:
    """Every duty, activity and indicator with its field path, in table order."""
    for d, duty in enumerate(table.duties):
        yield f"duties[{d}]", duty
        for a, activity in enumerate(duty.activities):
            yield f"duties[{d}].activities[{a}]", activity
            for i, indicator in enumerate(activity.indicators):
                yield f"duties[{d}].activities[{a}].indicators[{i}]", indicator
