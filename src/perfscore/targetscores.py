"""Target scores: what a self-evaluation gives each row, budget item and project of a table.

[TargetsScorecard][perfscore.targetcard.TargetsScorecard] holds one
[ProjectScore][perfscore.targetscores.ProjectScore] per project, each with its
[RowScore][perfscore.targetscores.RowScore]s and its
[BudgetScore][perfscore.targetscores.BudgetScore]; all three are importable from
[perfscore.targetcard][] as well.

Examples:
    >>> from fractions import Fraction
    >>> budget = BudgetScore("1", Fraction(100), Fraction(95), Fraction(95), Fraction(10),
    ...                      Fraction(19, 2))
    >>> budget.points
    Fraction(19, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .grades import Grade
from .targets import Target

__all__ = ["BudgetScore", "ProjectScore", "RowScore"]


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


@dataclass(frozen=True)
class ProjectScore:
    """A project's rows, its budget item and its 总分.

    ``total`` is Σ 得分 of the scored rows, re-scaled when rows drop out (不适用) so that the
    applicable rows weigh what all rows did, plus the budget item (unless ``budget="exclude"``);
    rows without a result are listed in ``missing`` and add nothing.
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

    @property
    def total(self) -> float | None:
        """总分 as a float (``None`` when nothing was scored)."""
        return None if self.exact is None else float(self.exact)
