"""What a view reads of the things it shows: cards, batch scores and comparisons.

The views sit below the objects that call them (a scorecard's ``to_text`` calls
`perfscore.views`, never the other way round), so they name what they read as protocols over
the records of [perfscore.scoring][]: any object with these members can be shown.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from perfscore.scoring._records import (
    DepartmentScore,
    DutyScore,
    IndicatorScore,
    ProjectScore,
    Unscored,
)
from perfscore.tables._findings import Finding

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ComparisonView", "FrameScoresView", "LadderCard", "TargetsCard"]


@runtime_checkable
class LadderCard(Protocol):
    """A ladder table's scorecard ([Scorecard][perfscore.cards.Scorecard])."""

    @property
    def table(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def department(self) -> DepartmentScore: ...
    @property
    def duties(self) -> tuple[DutyScore, ...]: ...
    @property
    def unscored(self) -> tuple[Unscored, ...]: ...
    def indicators(self) -> list[IndicatorScore]: ...
    def to_frame(self) -> pd.DataFrame: ...
    def unscored_frame(self) -> pd.DataFrame: ...


@runtime_checkable
class TargetsCard(Protocol):
    """A targets table's self-evaluation ([TargetsScorecard][perfscore.cards.TargetsScorecard])."""

    @property
    def table(self) -> str: ...
    @property
    def method(self) -> str: ...
    @property
    def projects(self) -> tuple[ProjectScore, ...]: ...
    @property
    def unscored(self) -> tuple[Unscored, ...]: ...
    @property
    def exact(self) -> Fraction | None: ...
    def records(self) -> list[dict[str, Any]]: ...
    def to_frame(self) -> pd.DataFrame: ...


@runtime_checkable
class FrameScoresView(Protocol):
    """Many tables' scores, a frame per level ([FrameScores][perfscore.frames.FrameScores])."""

    @property
    def method(self) -> str: ...
    @property
    def indicators(self) -> pd.DataFrame: ...
    @property
    def activities(self) -> pd.DataFrame: ...
    @property
    def duties(self) -> pd.DataFrame: ...
    @property
    def departments(self) -> pd.DataFrame: ...
    @property
    def unscored(self) -> pd.DataFrame: ...
    @property
    def targets(self) -> pd.DataFrame: ...
    @property
    def projects(self) -> pd.DataFrame: ...


@runtime_checkable
class ComparisonView(Protocol):
    """Cards of one table side by side ([Comparison][perfscore.comparison.Comparison])."""

    @property
    def labels(self) -> tuple[str, ...]: ...
    @property
    def tables(self) -> tuple[str, ...]: ...
    @property
    def findings(self) -> tuple[Finding, ...]: ...
    @property
    def departments(self) -> pd.DataFrame: ...
    @property
    def duties(self) -> pd.DataFrame: ...
    @property
    def activities(self) -> pd.DataFrame: ...
    @property
    def projects(self) -> pd.DataFrame: ...
    @property
    def top(self) -> str: ...
    def level(self, name: str) -> pd.DataFrame: ...
