"""Targets tables (绩效目标表 / 绩效自评表) as frozen models: TargetsTable, Project, Budget,
TargetIndicator.

A targets table file has ``kind: targets`` and holds projects (项目), each with its indicators:
one published target (指标值) per indicator under its 一级 / 二级 levels, its 分值 and its
direction. A department-as-a-whole table (部门整体) is one project named for the department.
Published texts stay verbatim; where the encoding reads a target or a name otherwise than its
letter, a [TargetReading][perfscore.tables.TargetReading] says how and why.

>>> import perfscore
>>> table = perfscore.load_table({
...     "kind": "targets", "name": "example", "department": {"name": "某局"}, "year": 2023,
...     "projects": [{"id": "1", "name": "某项目", "budget": {"planned": 100, "weight": 10},
...         "indicators": [
...             {"id": "1.1", "levels": ["产出指标", "数量指标"], "name": "培训人次",
...              "target": "≥500人次", "weight": 50},
...             {"id": "1.2", "levels": ["效益指标", "社会效益指标"], "name": "投诉次数",
...              "target": "0", "unit": "次", "direction": "反向", "weight": 40}]}]})
>>> table.kind, len(table), table.indicator("1.2").parsed
('targets', 2, <Target('≤0次')>)
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cached_property
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from perfscore.errors import PerfscoreError, TableError, UnknownIndicator
from perfscore.notation._exact import to_fraction
from perfscore.notation._labels import same_label
from perfscore.notation._targets import Direction, Target, target_unit

from ._directions import bare_direction
from ._lookup import Indicators
from ._models import Department

__all__ = ["Budget", "Project", "TargetIndicator", "TargetReading", "TargetsTable"]

_FROZEN = ConfigDict(
    frozen=True, extra="forbid", str_strip_whitespace=True, use_attribute_docstrings=True
)

# A money indicator, by its name, and a target that ends in 万 (or 亿) with no unit after it.
_MONEY_NAME: Final = re.compile(r"资金|经费|成本|费用|金额|补贴|补助|投资|预算|支出|奖补|资助|元")
_BARE_WAN: Final = re.compile(r"[0-9][万萬亿億]\s*$")

#: 分值: a finite number above 0.
Points = Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]
Money = Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)]


class TargetReading(BaseModel):
    """How the encoding reads a published target or name otherwise than its letter, and why."""

    model_config = _FROZEN

    field: Literal["target", "name"]
    """What is read: the ``target`` cell or the ``name``."""
    read_as: str | None = None
    """For the target: the text the target is read from instead of the published cell."""
    published: str | None = None
    """For the name: the name as published (damaged); the indicator's ``name`` is the repair."""
    why: str = Field(min_length=1)
    """Why the encoding departs from the letter of the table."""

    @model_validator(mode="after")
    def _complete(self) -> TargetReading:
        if self.field == "name" and self.published is None:
            raise ValueError("a reading of the name records the published text in `published`")
        if self.field == "target" and not self.read_as:
            raise ValueError("a reading of the target says how it is read in `read_as`")
        return self


class TargetIndicator(BaseModel):
    """A 三级指标 with its published target, 分值 and direction."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^[A-Za-z0-9_-]+\.\d+$")
    """``<project>.<n>``, numbered in table order from 1 (``"1.3"``)."""
    levels: tuple[str, ...] = Field(default=(), max_length=2)
    """The 一级 and 二级 indicators above it (``["产出指标", "数量指标"]``), as published."""
    name: str = Field(min_length=1)
    """The 三级指标, as published (or its repair, when a ``name`` reading records one)."""
    op: str | None = None
    """指标性质 when the table prints it in its own column (``≥``, ``≤``, ``=``, ``定性``)."""
    target: str = Field(min_length=1)
    """The published target (指标值), verbatim."""
    unit: str | None = None
    """度量单位 when the target does not carry it (``%``, ``人``, ``万元``, ``亩`` …)."""
    weight: Points | None = None
    """分值 (or 权重): the points the indicator is scored out of; ``None`` where the form prints
    none (a goal form: the 2020 form prints no 权重). Scoring then gives the indicator an equal
    share of what the printed 分值 leave ([Project.share][perfscore.tables.Project.share]),
    and ``perfscore check`` says which indicators have none."""
    direction: Direction | None = None
    """指标方向性: 正向 or 反向. A bare target without it is read as the forms read it: 正向,
    or 反向 where the name reads lower-is-better (a finding of ``perfscore check``)."""
    readings: tuple[TargetReading, ...] = ()
    """Where the encoding reads the target or the name otherwise than its letter, and why."""

    _target: Target = PrivateAttr()
    _inferred: str | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _read_target(self) -> TargetIndicator:
        fields = [r.field for r in self.readings]
        if len(set(fields)) != len(fields):
            raise ValueError("two readings of the same field")
        text = self.read_target
        unit = self.unit
        if unit is None and _MONEY_NAME.search(self.name) and _BARE_WAN.search(text):
            unit = "元"  # 万 alone in a money indicator (资金, 成本 …) is 万元
        try:
            target = Target.from_cells(self.op, text, unit, direction=self.direction)
            if target.form == "number" and not target.written and self.direction is None:
                # A bare number: the forms read it 正向, a lower-is-better name 反向.
                inferred, why = bare_direction(self.name)
                target = Target.from_cells(self.op, text, unit, direction=inferred)
                self._inferred = why
        except PerfscoreError as error:
            raise error.located(indicator=self.id, cell="target") from None
        if target.form == "number" and self.unit is not None:
            target_unit(self.unit)  # an unknown unit name is refused here, not at scoring
        self._target = target
        return self

    @property
    def parsed(self) -> Target:
        """The parsed target (from a reading's ``read_as`` when there is one)."""
        return self._target

    @property
    def read_target(self) -> str:
        """The target text the target is read from: the published one, or a reading's."""
        for reading in self.readings:
            if reading.field == "target" and reading.read_as is not None:
                return reading.read_as
        return self.target

    @property
    def inferred_direction(self) -> str | None:
        """Why the direction was inferred (a bare target with no ``direction``), or ``None``."""
        return self._inferred

    @property
    def direction_read(self) -> Direction | None:
        """The direction: as given, else the target's (正向 for ≥, 反向 for ≤ and deadlines)."""
        return self.direction or self._target.direction


class Budget(BaseModel):
    """The budget-execution item (预算执行率) of a self-evaluation."""

    model_config = _FROZEN

    planned: Money
    """全年预算数, in the table's ``money_unit``."""
    spent: Money | None = None
    """全年执行数, in the table's ``money_unit``; a result ``<project>.budget`` overrides it."""
    weight: Points = 10
    """分值 of the item (10 on the 2020 forms, sometimes 20)."""


class Project(BaseModel):
    """A project (项目), or the department as a whole (部门整体), with its indicators."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    """A short id the indicator ids start with (``"1"``, ``"roads"``)."""
    name: str = Field(min_length=1)
    """项目名称, as published."""
    department: str | None = None
    """主管部门."""
    implementer: str | None = None
    """实施单位."""
    period: str | None = None
    """实施期, as published."""
    funding: str | None = None
    """资金来源, as published."""
    goal: str | None = None
    """年度目标 (总体目标), verbatim."""
    budget: Budget | None = None
    """The budget-execution item, where the table has one."""
    block: Points | None = None
    """The points of the 年度绩效目标 block on forms that print one (80 beside a budget block
    of 20): the indicators' printed 分值 are scaled into it; ``None``: they count as printed."""
    indicators: tuple[TargetIndicator, ...] = Field(json_schema_extra={"minItems": 1})
    """The 三级指标, in table order (at least one)."""

    @model_validator(mode="after")
    def _ids_under_project(self) -> Project:
        if not self.indicators:
            raise ValueError("a project has at least one indicator")
        for at, indicator in enumerate(self.indicators):
            if indicator.id.rsplit(".", 1)[0] != self.id:
                raise TableError(
                    f"indicator id {indicator.id!r} does not start with the project's id "
                    f"{self.id!r}"
                ).located(path=f"indicators[{at}].id")
        return self

    @property
    def weight(self) -> float:
        """Σ 分值 of the indicators (or the block they are scaled into) and the budget item
        (the 分值 printed)."""
        printed = sum(i.weight for i in self.indicators if i.weight is not None)
        rows = self.block if self.block is not None else printed
        return rows + (self.budget.weight if self.budget else 0)

    def share(self, total: float = 100) -> Fraction | None:
        """The 分值 each indicator printed without one is scored out of: an equal share of what
        the printed 分值 and the budget item leave of ``total`` (none below 0); ``None`` when
        every indicator prints its 分值."""
        unprinted = sum(i.weight is None for i in self.indicators)
        if not unprinted:
            return None
        left = to_fraction(total) - to_fraction(self.weight)
        return max(left, Fraction(0)) / unprinted


class TargetsTable(BaseModel):
    """A goal or self-evaluation table: projects, each with one target per indicator."""

    model_config = _FROZEN

    kind: Literal["targets"]
    """``targets``: one target per indicator (ladder tables are ``ladders``, the default)."""
    format: Literal[1] = 1
    """The version of the file format."""
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """The table's name, as it is loaded by (the file name without its suffix)."""
    title: str | None = None
    """The table's published title."""
    department: Department
    """The publishing department (部门)."""
    year: int = Field(ge=1949, le=2200, strict=True)
    """The budget year."""
    money_unit: str = "万元"
    """The unit of the budget figures (万元, or 元)."""
    total: Points = 100
    """What a project's 分值 add up to (100 on the 2020 forms)."""
    source: str | None = None
    """Where the table was published."""
    projects: tuple[Project, ...] = Field(json_schema_extra={"minItems": 1})
    """The projects (项目), in table order (at least one)."""

    @model_validator(mode="after")
    def _unique_ids(self) -> TargetsTable:
        if not self.projects:
            raise ValueError("a targets table has at least one project")
        seen: dict[str, str] = {}
        for p, project in enumerate(self.projects):
            items = [(f"projects[{p}]", project.id)]
            items += [
                (f"projects[{p}].indicators[{i}]", x.id) for i, x in enumerate(project.indicators)
            ]
            for path, item_id in items:
                where = seen.setdefault(item_id, path)
                if where != path:
                    raise TableError(
                        f"duplicate id {item_id!r}: {where}.id has it already"
                    ).located(path=f"{path}.id")
        target_unit(self.money_unit)
        return self

    # -- navigation ------------------------------------------------------------------------

    def indicators(self) -> list[TargetIndicator]:
        """Every indicator, in table order (``iter(table)`` is pydantic's, over the fields, as
        for a ladder [Table][perfscore.tables.Table])."""
        return [i for project in self.projects for i in project.indicators]

    def __len__(self) -> int:
        return len(self._indicators)

    @cached_property
    def _indicators(self) -> Indicators[TargetIndicator]:
        return Indicators(self.name, self.indicators())

    def indicator(self, key: str) -> TargetIndicator:
        """The indicator with id ``key``, or with the name ``key`` if that is unique.

        Names match across traditional and simplified forms and full-width letters.
        Raises [UnknownIndicator][perfscore.errors.UnknownIndicator] (a ``KeyError``) otherwise.
        """
        return self._indicators.find(key)

    def project(self, project_id: str) -> Project:
        """The project with id ``project_id`` (or name, traditional or simplified)."""
        for project in self.projects:
            if project.id == project_id or same_label(project.name, project_id):
                return project
        raise UnknownIndicator(f"table {self.name} has no project {project_id!r}", key=project_id)

    def project_of(self, indicator_id: str) -> Project:
        """The project the indicator ``indicator_id`` belongs to."""
        indicator = self.indicator(indicator_id)
        return next(p for p in self.projects if indicator in p.indicators)
