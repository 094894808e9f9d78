"""The records of a scored table: frozen facts that cards hold and views read.

A ladder table's scorecard holds an [IndicatorScore][perfscore.scoring.IndicatorScore] per
indicator and a [NodeScore][perfscore.scoring.NodeScore] (activity, duty, department) per node;
a targets table's self-evaluation a [ProjectScore][perfscore.scoring.ProjectScore] per project,
each with its [RowScore][perfscore.scoring.RowScore]s and its
[BudgetScore][perfscore.scoring.BudgetScore]. A row that could not be scored is an
[Unscored][perfscore.scoring.Unscored]. The level names and the columns of a self-evaluation's
rows live here too, so the cards, the batch frames, the comparison and the views that show them
all read one list.

Examples:
    >>> from fractions import Fraction
    >>> budget = BudgetScore("1", Fraction(100), Fraction(95), Fraction(95), Fraction(10),
    ...                      Fraction(19, 2))
    >>> budget.points
    Fraction(19, 2)
    >>> json_value(Fraction(3)), json_value(Fraction(1, 4)), json_value("有效实施")
    (3, 0.25, '有效实施')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final

from perfscore.grades import Grade
from perfscore.notation._targets import Target

__all__ = [
    "BUDGET_NAME",
    "LEVELS",
    "SELF_EVALUATION_COLUMNS",
    "SINGULAR",
    "ActivityScore",
    "BudgetScore",
    "DepartmentScore",
    "DutyScore",
    "IndicatorScore",
    "NodeScore",
    "ProjectScore",
    "RowScore",
    "Unscored",
    "coverage",
    "json_value",
    "self_evaluation_records",
]

#: The levels of a department's scores, top down (each a frame of a comparison).
LEVELS: Final = ("departments", "projects", "duties", "activities", "indicators")

#: Each level's name for one of its nodes (the ``level`` column of ``Comparison.to_frame()``).
SINGULAR: Final = {
    "departments": "department",
    "projects": "project",
    "duties": "duty",
    "activities": "activity",
    "indicators": "indicator",
}

#: The name of a project's budget-execution item (预算执行率), shown as a row of its own.
BUDGET_NAME: Final = "预算执行率"

#: The columns of a self-evaluation's rows, one per indicator and budget item
#: (``TargetsScorecard.to_frame``; ``FrameScores.targets`` adds ``table`` in front).
SELF_EVALUATION_COLUMNS: Final = (
    "project", "project_name", "id", "level1", "level2", "name", "target", "unit", "direction",
    "value", "weight", "score", "rule_score", "shortfall", "tier", "state", "flags", "row",
)  # fmt: skip


def coverage(graded: int, total: int) -> float:
    """The share of ``total`` indicators that have a result; 0 when there are none.

    >>> coverage(5, 7) == 5 / 7, coverage(0, 0)
    (True, 0.0)
    """
    return graded / total if total else 0.0


def json_value(value: Fraction | str | None) -> int | float | str | None:
    """A result as JSON and frames show it: a whole number as an int, a label as text."""
    if value is None or isinstance(value, str):
        return value
    return value.numerator if value.denominator == 1 else float(value)


# -- a ladder table's scores -------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator: its value (in its unit, or a label), grade, the cell met and its points."""

    id: str
    name: str
    unit: str | None
    value: Fraction | str | None
    grade: Grade | None
    cell: str | None
    points: Fraction | None
    #: The input row the result came from (None for a mapping, or no row).
    row: int | None

    @property
    def number(self) -> int | float | str | None:
        """`value` as JSON has it: a whole number as an int, a label as text."""
        return json_value(self.value)


@dataclass(frozen=True)
class NodeScore:
    """A node's score (unrounded, ``None`` if nothing was scored) and what it was built from."""

    id: str
    name: str
    score: float | None
    exact: Fraction | None
    grade: Grade | None
    graded: int
    total: int
    missing: tuple[str, ...]
    #: How many indicators beneath got each grade.
    counts: Mapping[Grade, int]

    @property
    def coverage(self) -> float:
        """The share of the indicators beneath that have a result (0 to 1)."""
        return coverage(self.graded, self.total)


@dataclass(frozen=True)
class ActivityScore(NodeScore):
    """An activity (工作活动) and its indicators."""

    indicators: tuple[IndicatorScore, ...] = ()


@dataclass(frozen=True)
class DutyScore(NodeScore):
    """A duty (职责) and its activities."""

    activities: tuple[ActivityScore, ...] = ()


@dataclass(frozen=True)
class DepartmentScore(NodeScore):
    """The department (部门) as a whole, for the table's year."""

    year: int = 0


@dataclass(frozen=True)
class Unscored:
    """An input row that could not be scored, and why."""

    row: int | None
    key: str | None
    reason: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The row as it appears in a card's JSON ``"unscored"`` list."""
        return {"row": self.row, "id": self.key, "reason": self.reason, "message": self.message}


# -- a targets table's self-evaluation ----------------------------------------------------------


@dataclass(frozen=True)
class RowScore:
    """One indicator of a self-evaluation: target, actual, 分值, 得分, shortfall and flags.

    ``points`` is the 得分 used (the evaluator's where given, else the rule's); ``rule`` the
    rule's; ``state`` is ``met``, ``short``, ``dropped`` (不适用), ``given`` (得分 alone) or
    ``missing`` (no result).
    """

    project: str
    id: str
    name: str
    levels: tuple[str, ...]
    target: str
    parsed: Target
    direction: str | None
    weight: Fraction
    value: Fraction | str | None
    points: Fraction | None
    rule: Fraction | None
    tier: str | None
    state: str
    flags: tuple[str, ...]
    row: int | None

    @property
    def score(self) -> float | None:
        """得分 as a float (``None`` when dropped or missing)."""
        return None if self.points is None else float(self.points)

    @property
    def shortfall(self) -> Fraction | None:
        """分值 − 得分: what the row lost."""
        return None if self.points is None else self.weight - self.points


@dataclass(frozen=True)
class BudgetScore:
    """The budget-execution item: planned, spent, the rate (%), 分值 and 得分."""

    project: str
    planned: Fraction
    spent: Fraction | None
    rate: Fraction | None
    weight: Fraction
    points: Fraction | None
    flags: tuple[str, ...] = ()
    row: int | None = None
    #: The rule's 得分 (分值 × execution rate, rounded), beside ``points``, the 得分 used.
    rule: Fraction | None = None
    #: False for a planned budget of 0: the item does not apply and counts in no total.
    applies: bool = True


@dataclass(frozen=True)
class ProjectScore:
    """A project's rows, its budget item and its 总分.

    ``total`` is Σ 得分 of the scored rows, re-scaled when rows drop out (不适用) so that the
    applicable rows weigh what all rows did, plus the budget item (unless ``budget="exclude"``;
    a budget item that does not apply drops out as a row does); rows without a result are listed
    in ``missing`` and add nothing. The grade is of the total out of 100: a project whose 分值
    add up to another figure is graded on its total re-scaled to 100, and says so.
    """

    id: str
    name: str
    rows: tuple[RowScore, ...]
    budget: BudgetScore | None
    exact: Fraction | None
    weight: Fraction
    grade: Grade | None
    missing: tuple[str, ...]
    dropped: tuple[str, ...]
    #: The total out of 100 the grade is read from: ``exact`` itself when the 分值 add up to
    #: 100, else re-scaled to 100 (and shown so).
    graded: Fraction | None = None

    @property
    def rescaled(self) -> bool:
        """Whether the grade is read from the total re-scaled to 100 (the 分值 add up to less
        or more than 100)."""
        return self.exact is not None and self.weight != 100

    @property
    def total(self) -> float | None:
        """总分 as a float (``None`` when nothing was scored)."""
        return None if self.exact is None else float(self.exact)


def self_evaluation_records(projects: tuple[ProjectScore, ...]) -> list[dict[str, Any]]:
    """A row per indicator and per budget item (id ``<project>.budget``), under
    [SELF_EVALUATION_COLUMNS][perfscore.scoring._records.SELF_EVALUATION_COLUMNS]."""
    records: list[dict[str, Any]] = []
    for project in projects:
        records += [_row_record(project, r) for r in project.rows]
        if project.budget is not None:
            records.append(_budget_record(project, project.budget))
    return records


def _row_record(project: ProjectScore, r: RowScore) -> dict[str, Any]:
    return {
        "project": project.id,
        "project_name": project.name,
        "id": r.id,
        "level1": r.levels[0] if r.levels else None,
        "level2": r.levels[1] if len(r.levels) > 1 else None,
        "name": r.name,
        "target": r.target,
        "unit": r.parsed.unit,
        "direction": r.direction,
        "value": json_value(r.value),
        "weight": float(r.weight),
        "score": r.score,
        "rule_score": None if r.rule is None else float(r.rule),
        "shortfall": None if r.shortfall is None else float(r.shortfall),
        "tier": r.tier,
        "state": r.state,
        "flags": "; ".join(r.flags) or None,
        "row": r.row,
    }


def _budget_record(project: ProjectScore, b: BudgetScore) -> dict[str, Any]:
    points = None if b.points is None else float(b.points)
    return {
        "project": project.id,
        "project_name": project.name,
        "id": f"{project.id}.budget",
        "level1": None,
        "level2": None,
        "name": BUDGET_NAME,
        "target": "100%",
        "unit": "percent",
        "direction": "正向",
        "value": None if b.rate is None else float(b.rate),
        "weight": float(b.weight),
        "score": points,
        "rule_score": None if b.rule is None else float(b.rule),
        "shortfall": None if b.points is None else float(b.weight - b.points),
        "tier": None,
        "state": "dropped" if not b.applies else "missing" if b.points is None else "budget",
        "flags": "; ".join(b.flags) or None,
        "row": b.row,
    }
