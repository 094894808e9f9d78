"""Targets tables end to end: loading, score(), the scorecard's views, score_frame, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.cli import main
from tests.targets_data import TARGET_RESULTS, TARGETS, card_of, load_targets, small_targets

ROOT = Path(__file__).resolve().parent.parent
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


def test_a_ladder_table_keeps_its_kind_and_gains_a_total() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    assert table.kind == "ladders"
    card = perfscore.score(table, {"1.1.1": "100%"})
    assert card.total == card.department.score == 100.0


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ("mean", "a targets table is scored by the self-evaluation method"),
        (perfscore.get_method("proportional"), "not 'proportional'"),
    ],
)
def test_a_targets_table_is_scored_by_self_evaluation(method: Any, message: str) -> None:
    with pytest.raises(perfscore.PerfscoreError, match=message):
        perfscore.score(load_targets(small_targets()), {}, method=method)


def test_self_evaluation_refuses_a_ladder_table() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="scores targets tables"):
        perfscore.score("zanhuang-hrss-2018", {}, method="self-evaluation")


def test_weights_do_not_apply() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="weights do not apply"):
        perfscore.score(load_targets(small_targets()), {}, weights={"1.1": 2})  # type: ignore[call-overload]


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


# -- score_frame equals score ---------------------------------------------------------------

values = st.one_of(
    st.integers(0, 1000),
    st.sampled_from(["达成", "部分达成", "未达成", "完成", "不适用", "满意", "9次", "600人次"]),
    st.none(),
)


@settings(max_examples=30)
@given(
    st.lists(st.tuples(st.sampled_from(["1.1", "1.2", "1.3"]), values), unique_by=lambda r: r[0])
)
def test_score_frame_equals_score_per_table(rows: list[tuple[str, object]]) -> None:
    table = load_targets(small_targets())
    fits = {"1.1": "600人次", "1.2": "9次"}
    usable = [
        (key, value)
        for key, value in rows
        if not (key == "1.3" and isinstance(value, int))
        and not (key != "1.3" and value == "满意")
        and not (value in fits.values() and fits.get(key) != value)
    ]
    results = pd.DataFrame(
        {
            "table": ["small"] * len(usable),
            "id": [k for k, _ in usable],
            "value": [v for _, v in usable],
        },
        dtype=object,
    )
    card = perfscore.score(table, dict(usable))
    frames = perfscore.score_frame([table], results)
    expected = card.to_frame()
    got = frames.targets.drop(columns=["table", "row"])
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.drop(columns=["row"]), check_dtype=False
    )
    assert frames.projects["total"].tolist() == [p.total for p in card.projects]


def test_score_frame_mixes_ladder_and_targets_tables() -> None:
    targets = load_targets(small_targets())
    results = pd.DataFrame(
        {
            "table": ["zanhuang-hrss-2018", "small", "small", "nowhere"],
            "id": ["1.1.1", "1.1", "1.9", "1"],
            "value": ["100%", 450, 1, 1],
        }
    )
    with pytest.raises(perfscore.ResultsError) as raised:
        perfscore.score_frame(["zanhuang-hrss-2018", targets], results)
    assert "2 bad result rows" in str(raised.value)
    frames = perfscore.score_frame(["zanhuang-hrss-2018", targets], results, errors="coerce")
    assert frames.departments["score"].tolist() == [100.0]
    assert frames.targets.set_index("id").loc["1.1", "score"] == 36.0
    assert frames.unscored["row"].tolist() == [4, 5]


# -- the command line ---------------------------------------------------------------------------


def test_cli_scores_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["score", str(TARGETS), str(TARGET_RESULTS), "--rounding", "0.01"])
    out = capsys.readouterr().out
    assert status == 0
    assert "1 职业技能培训补贴项目（虚构）: 总分 93.67 优 of 100" in out
    assert "总分 (mean of the projects)" in out


def test_cli_check_covers_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(TARGETS)]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings\n")


def test_cli_refuses_options_of_another_method(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["score", str(TARGETS), str(TARGET_RESULTS), "--method", "mean", "--rounding", "1"])
        == 1
    )
    assert "--rounding belongs to the self-evaluation method" in capsys.readouterr().err


def test_the_example_scores_from_a_shell() -> None:
    command = [sys.executable, "-m", "perfscore", "score", str(TARGETS), str(TARGET_RESULTS),
               "--format", "csv", "--rounding", "0.01"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(__import__("io").StringIO(done.stdout), dtype={"id": str})
    assert frame.set_index("id").loc["2.3", "score"] == 24.0
    assert len(frame) == 12
