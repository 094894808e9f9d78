"""perfscore.views._protocols: what a view reads of the things it shows. The cards, the frame
scores and the comparison satisfy the protocols (mypy checks the assignments below), and any
object with the members a protocol names can be shown, cards or not."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pandas as pd
import pytest

import perfscore
from perfscore.grades import GRADES, Grade
from perfscore.scoring._records import (
    ActivityScore,
    DepartmentScore,
    DutyScore,
    IndicatorScore,
    ProjectScore,
    Unscored,
    self_evaluation_records,
)
from perfscore.views._display import card_html, card_text, targets_text
from perfscore.views._protocols import ComparisonView, FrameScoresView, LadderCard, TargetsCard
from tests.scoring_data import small
from tests.targets_data import card_of

FULL = {"1.1.1": "100%", "1.1.2": "85%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "有效实施"}


def test_the_front_ends_objects_are_what_the_views_read() -> None:
    card = perfscore.score(small, FULL)
    ladder: LadderCard = card
    targets: TargetsCard = card_of({"1.1": 450})
    frames: FrameScoresView = perfscore.score_frame(
        [small], pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": ["100%"]})
    )
    comparison: ComparisonView = perfscore.compare(card, card)
    assert ladder.table == "small"
    assert targets.exact == 36
    assert frames.method == "mean"
    assert comparison.top == "duties"


def test_a_targets_card_is_known_at_run_time_and_a_scorecard_is_not_one() -> None:
    assert isinstance(card_of({}), TargetsCard)
    assert not isinstance(perfscore.score(small, FULL), TargetsCard)


# -- objects of one's own, shown by the views ------------------------------------------------------


def _counts(grade: Grade | None) -> dict[Grade, int]:
    return {g: int(g is grade) for g in GRADES}


@dataclass
class OneIndicatorCard:
    """A ladder card made by hand: one duty, one activity, one indicator."""

    table: str = "hand-made"
    method: str = "by hand"
    unscored: tuple[Unscored, ...] = ()
    department: DepartmentScore = field(init=False)
    duties: tuple[DutyScore, ...] = field(init=False)

    def __post_init__(self) -> None:
        indicator = IndicatorScore(
            "1.1.1", "到位率", "percent", Fraction(95), Grade.GOOD, "≥90%", Fraction(80), 2
        )
        node: dict[str, Any] = {
            "score": 80.0, "exact": Fraction(80), "grade": Grade.GOOD, "graded": 1, "total": 1,
            "missing": (), "counts": _counts(Grade.GOOD),
        }  # fmt: skip
        activity = ActivityScore("1.1", "活动", **node, indicators=(indicator,))
        self.duties = (DutyScore("1", "职责", **node, activities=(activity,)),)
        self.department = DepartmentScore("", "某局", **node, year=2024)

    def indicators(self) -> list[IndicatorScore]:
        return [i for d in self.duties for a in d.activities for i in a.indicators]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"id": [i.id for i in self.indicators()]})

    def unscored_frame(self) -> pd.DataFrame:
        return pd.DataFrame(columns=["row", "id", "reason", "message"])


def test_a_hand_made_card_is_shown_as_a_scorecard_is() -> None:
    card: LadderCard = OneIndicatorCard()
    assert card_text(card).splitlines() == [
        "某局 2024 · hand-made · method by hand",
        "department  80.0 良  ·  graded 1 of 1 (100%)  ·  优 0 良 1 中 0 差 0",
        "",
        "1          职责    80.0  良  1/1",
        "  1.1      活动    80.0  良  1/1",
        "    1.1.1  到位率   95%  良",
    ]
    assert '<td style="background:#dcefc4;text-align:center">良</td>' in card_html(card)


@dataclass
class NoProjects:
    """A targets card with nothing in it."""

    table: str = "empty"
    method: str = "self-evaluation"
    projects: tuple[ProjectScore, ...] = ()
    unscored: tuple[Unscored, ...] = ()
    exact: Fraction | None = None

    def records(self) -> list[dict[str, Any]]:
        return self_evaluation_records(self.projects)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.records())


@pytest.mark.parametrize(
    "unscored",
    [(), (Unscored(2, "1.1", "no such indicator", "row 2, indicator 1.1: no such indicator"),)],
)
def test_a_hand_made_targets_card_is_shown_as_one_is(unscored: tuple[Unscored, ...]) -> None:
    card = NoProjects(unscored=unscored)
    assert isinstance(card, TargetsCard)
    assert targets_text(card) == "\n".join(f"unscored: {u.message}" for u in unscored)
