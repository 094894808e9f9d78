"""perfscore.cards._targets_card: a targets table's
TargetsScorecard, its frame, JSON, CSV and text."""

from __future__ import annotations

import json
from fractions import Fraction

import perfscore
from tests.targets_data import card_of, load_targets, small_targets

F = Fraction


# -- the contract ----------------------------------------------------------------------------


def test_the_contract() -> None:
    table = load_targets(small_targets())
    assert isinstance(table, perfscore.TargetsTable)
    card = perfscore.score(
        table,
        {"1.1": 450, "1.2": 12, "1.3": "达成", "1.budget": 95},
        method=perfscore.SelfEvaluation(rounding="0.01", rounding_mode="half-up"),
    )
    frame = card.to_frame()
    assert {"project", "id", "name", "target", "value", "weight", "score"} <= set(frame.columns)
    scores = dict(zip(frame["id"], frame["score"], strict=True))
    assert scores == {"1.1": 36.0, "1.2": 24.0, "1.3": 20.0, "1.budget": 9.5}
    assert card.total == 89.5
    assert card.projects[0].grade is perfscore.Grade.GOOD
    by_name = perfscore.score(table, {"1.1": 450}, method="self-evaluation")
    assert by_name.rows()[0].points == F(36)
    assert isinstance(perfscore.parse_target("≥95%"), perfscore.Target)


# -- views -----------------------------------------------------------------------------------


def test_views() -> None:
    card = card_of({"1.1": 450, "1.2": 12, "1.3": "达成", "1.budget": 95}, rounding="0.01")
    data = json.loads(card.to_json())
    assert data["total"] == 89.5
    assert data["projects"][0]["rows"][0]["score"] == 36.0
    csv_text = card.to_csv()
    assert csv_text.splitlines()[0].startswith("project,project_name,id,level1,level2,name")
    assert csv_text.count("\n") == 5
    text = card.to_text()
    assert "1 某项目: 总分 89.5 良 of 100" in text
    assert "1.2      投诉次数  目标 ≤10次  实际 12次  分值 30  得分 24" in text
    assert "<table>" in card._repr_html_()
    assert repr(card) == "<TargetsScorecard small by self-evaluation: 89.5>"
