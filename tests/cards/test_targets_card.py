"""perfscore.cards._targets_card: a targets table's
TargetsScorecard, its frame, JSON, CSV and text."""

from __future__ import annotations

import io
import json
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import perfscore
from perfscore.cards._targets_card import score_target_rows, score_targets
from perfscore.scoring._records import SELF_EVALUATION_COLUMNS
from perfscore.scoring._rows import ResultRow
from perfscore.tables import TargetsTable
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
    assert "1 某项目: 总分 89.50 良 of 100" in text
    assert "1.2      投诉次数  目标 ≤10次  实际 12次  分值 30  得分 24" in text
    assert "<table>" in card._repr_html_()
    assert repr(card) == "<TargetsScorecard small by self-evaluation: 89.50>"


# -- the card's figures and data ------------------------------------------------------------------


def two_projects() -> TargetsTable:
    data = small_targets()
    second = {**data["projects"][0], "id": "2", "name": "第二个项目"}
    second["indicators"] = [{**i, "id": "2" + i["id"][1:]} for i in second["indicators"]]
    data["projects"].append(second)
    return load_targets(data)


def test_the_total_of_several_projects_is_the_mean_of_their_totals() -> None:
    card = score_targets(two_projects(), {"1.1": 500, "1.2": 0, "1.3": "满意", "2.1": 250})
    assert [p.exact for p in card.projects] == [F(90), F(20)]
    assert (card.exact, card.total) == (F(55), 55.0)
    assert [r.id for r in card.rows()] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]
    assert "总分 (mean of the projects): 55" in card.to_text()


def test_a_project_without_a_score_is_left_out_of_the_mean() -> None:
    card = score_targets(two_projects(), {"1.1": 500})
    assert card.exact == F(40)
    assert score_targets(two_projects(), {}).total is None
    assert repr(score_targets(two_projects(), {})) == (
        "<TargetsScorecard small by self-evaluation: no score>"
    )


def test_to_dict_gives_each_project_its_rows() -> None:
    card = card_of({"1.1": 450, "1.2": "不适用"}, rounding="1")
    data = card.to_dict()
    assert set(data) == {"table", "method", "total", "projects"}
    (project,) = data["projects"]
    assert {k: v for k, v in project.items() if k != "rows"} == {
        "id": "1", "name": "某项目", "total": card.total, "grade": "差", "weight": 100.0,
        "missing": ["1.3"], "dropped": ["1.2"],
    }  # fmt: skip
    assert [r["id"] for r in project["rows"]] == ["1.1", "1.2", "1.3", "1.budget"]
    assert json.loads(card.to_json(indent=None)) == data


def test_unscored_rows_are_in_the_dict_only_when_there_are_some() -> None:
    card = score_targets(load_targets(small_targets()), {"1.9": 1, "1.1": 500}, keep_going=True)
    assert [u["id"] for u in card.to_dict()["unscored"]] == ["1.9"]
    assert "unscored" not in card_of({"1.1": 500}).to_dict()


def test_to_csv_writes_the_frame_with_a_bom(tmp_path: Path) -> None:
    card = card_of({"1.1": 450, "1.3": "达成"})
    path = tmp_path / "card.csv"
    text = card.to_csv(path)
    assert path.read_bytes() == ("\ufeff" + text).encode()
    frame = pd.read_csv(io.StringIO(text), dtype={"id": str, "project": str})
    assert frame.columns.tolist() == list(SELF_EVALUATION_COLUMNS)
    assert frame["id"].tolist() == ["1.1", "1.2", "1.3", "1.budget"]
    assert frame.set_index("id").loc["1.1", "score"] == 36.0
    assert card.to_csv() == text  # without a path, the text alone


def test_score_target_rows_scores_rows_already_read() -> None:
    rows = [ResultRow(2, "1.1", 450), ResultRow(3, "1.9", 1)]
    card = score_target_rows(load_targets(small_targets()), rows, keep_going=True)
    assert card.rows()[0].points == 36
    assert [(u.row, u.key) for u in card.unscored] == [(3, "1.9")]
    with pytest.raises(perfscore.ResultsError) as raised:
        score_target_rows(load_targets(small_targets()), rows, file="r.csv")
    assert str(raised.value).startswith("r.csv: 1 bad result row; nothing was scored")


def test_a_results_file_names_itself_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,value\n1.9,1\n", encoding="utf-8")
    with pytest.raises(perfscore.ResultsError) as raised:
        score_targets(load_targets(small_targets()), path)
    assert raised.value.where.file == str(path)
