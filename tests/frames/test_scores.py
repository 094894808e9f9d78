"""perfscore.frames._scores: score_frame and FrameScores: tables given
every way, weights, bad rows, refusals."""

from __future__ import annotations

import pandas as pd
import pytest

import perfscore
from tests.frames_data import weighted
from tests.scoring_data import small, zanhuang
from tests.targets_data import load_targets, small_targets


def test_a_table_without_rows_is_scored_with_every_result_missing() -> None:
    frame = pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": [95.0]})
    scores = perfscore.score_frame([small, zanhuang], frame)
    department = scores.departments.set_index("table")
    assert department.loc["small", "score"] == 80
    assert department["score"].isna().tolist() == [False, True]
    assert department.loc[zanhuang.name, "grade"] is None
    assert department.loc[zanhuang.name, "graded"] == 0
    assert department.loc[zanhuang.name, "total"] == 68
    assert len(scores.indicators) == 68 + 5


def test_tables_by_name_by_mapping_and_alone() -> None:
    frame = pd.DataFrame({"table": ["hrss"], "id": ["1.1.1"], "value": ["100%"]})
    by_mapping = perfscore.score_frame({"hrss": "zanhuang-hrss-2018"}, frame)
    assert by_mapping.departments["table"].tolist() == ["hrss"]
    assert by_mapping.departments["score"].item() == 100
    named = frame.assign(table="zanhuang-hrss-2018")
    assert perfscore.score_frame("zanhuang-hrss-2018", named).departments["score"].item() == 100
    with pytest.raises(perfscore.PerfscoreError, match="two tables are named 'small'"):
        perfscore.score_frame([small, small], frame)


def test_weights_for_every_table_or_by_table() -> None:
    frame = pd.DataFrame(
        {"table": "small", "id": ["1.1.1", "1.2.1"], "value": [100, 300]}  # 1.1: 100, 1.2: 60
    )
    assert perfscore.score_frame([small], frame).duties["score"][0] == 80
    shared = perfscore.score_frame([small], frame, weights={"1.2": 3})
    by_table = perfscore.score_frame([small], frame, weights={"small": {"1.2": 3}})
    assert shared.duties["score"][0] == by_table.duties["score"][0] == 70
    with pytest.raises(perfscore.PerfscoreError, match="weights are given for table 'big'"):
        perfscore.score_frame([small], frame, weights={"big": {"1.2": 3}})


BAD = pd.DataFrame(
    {
        "table": ["small", "nosuch", "small", "small-weighted", "small", "small", "small", "small",
                  "small", "small", None],
        "id": ["1.1.9", "1.1.1", "1.2.1", "1.2.1", "1.1.2", "2.1.1", "2.1.2", "1.1.1", "1.1.1",
               "到位率", None],
        "value": [1, 1, 90, "many", float("inf"), -1, "做得很好", "95%", 0.9, "100%", None],
        "unit": [None, None, "percent", None, None, None, None, None, "1", None, None],
    }
)  # fmt: skip
MESSAGES = [
    "row 2, table small, indicator 1.1.9: table small has no indicator '1.1.9'; "
    "did you mean '1.1.2', '1.1.1'?",
    "row 3, table nosuch, indicator 1.1.1: no table 'nosuch' among the 2 tables given",
    "row 4, table small, indicator 1.2.1: a value in percent cannot be read as 人",
    "row 5, table small-weighted, indicator 1.2.1: expected a number in 人, got 'many'",
    "row 6, table small, indicator 1.1.2: expected a finite number, got inf",
    "row 7, table small, indicator 2.1.1: a count of 次 cannot be negative: -1",
    "row 8, table small, indicator 2.1.2: '做得很好' is not one of this ladder's labels "
    "(有效实施, 能完整的实施, 基本上能实施, 不能很好实施)",
    # One problem for the three rows giving 1.1.1, counting them all.
    "row 9, table small, indicator 1.1.1: 1.1.1 is given 3 times (rows 9, 10, 11); none is scored",
]


def test_every_bad_row_is_named_in_one_error() -> None:
    with pytest.raises(perfscore.ResultsError) as caught:
        perfscore.score_frame([small, weighted], BAD)
    lines = str(caught.value).splitlines()
    assert lines[0] == (
        "10 bad result rows; nothing was scored (fix them, or pass errors='coerce' to score "
        "the rest)"
    )
    assert [line.strip() for line in lines[1:]] == MESSAGES
    assert len(caught.value.problems) == 8  # type: ignore[attr-defined]
    problems: list[perfscore.PerfscoreError] = caught.value.problems  # type: ignore[attr-defined]
    assert sum(perfscore.scoring._rows.rows_in(p) for p in problems) == 10


def test_coerce_lists_the_bad_rows_and_scores_the_rest() -> None:
    good = pd.DataFrame({"table": "small-weighted", "id": ["1.1.1", "2.1.2"],
                         "value": pd.Series([None, "有效实施"], dtype=object)})  # fmt: skip
    frame = pd.concat([BAD, good], ignore_index=True)
    scores = perfscore.score_frame([small, weighted], frame, errors="coerce")
    unscored = scores.unscored
    assert unscored["row"].tolist() == list(range(2, 10))
    assert [m.strip() for m in unscored["message"]] == MESSAGES
    assert unscored["reason"].tolist()[1] == "no table 'nosuch' among the 2 tables given"
    assert unscored["table"].tolist()[1] == "nosuch"
    assert unscored["value"].tolist()[3] == "many"
    # small-weighted: 2.1.2 is scored (优) from row 14; 1.1.1 is missing, blank at row 13.
    indicators = scores.indicators.set_index(["table", "id"])
    assert indicators["grade"].notna().sum() == 1
    assert indicators.loc[("small-weighted", "2.1.2"), "label"] == "有效实施"
    assert indicators.loc[("small-weighted", "2.1.2"), "row"] == 14
    assert indicators.loc[("small-weighted", "1.1.1"), "row"] == 13
    departments = scores.departments.set_index("table")
    rows = frame[frame["table"] == "small-weighted"].drop(columns=["table", "unit"])
    card = perfscore.score(weighted, rows, keep_going=True)
    assert departments.loc["small-weighted", "score"] == card.department.score == 100
    assert departments["score"].isna().tolist() == [True, False]


def test_more_bad_rows_than_the_message_shows_are_all_kept() -> None:
    frame = pd.DataFrame({"table": "small", "id": [f"9.9.{k}" for k in range(30)], "value": 1})
    with pytest.raises(perfscore.ResultsError) as caught:
        perfscore.score_frame([small], frame)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 + 20 + 1
    assert lines[-1].strip() == "… and 10 more (all in .problems; errors='coerce' lists them)"
    assert len(caught.value.problems) == 30  # type: ignore[attr-defined]


def test_a_frame_without_a_table_column_is_refused() -> None:
    with pytest.raises(perfscore.ResultsError, match=r"row 1: the results need the column table"):
        perfscore.score_frame([small], pd.DataFrame({"id": ["1.1.1"], "value": [1]}))
    with pytest.raises(perfscore.PerfscoreError, match="errors must be 'raise' or 'coerce'"):
        perfscore.score_frame([small], BAD, errors="ignore")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("tables", "weights", "message"),
    [
        (None, None, "tables are Tables, table files or bundled tables' names, not NoneType"),
        (5, None, "tables are Tables, table files or bundled tables' names, not int"),
        ([None], None, "a table is a Table, a table file or a bundled table's name, not NoneType"),
        (["small"], [("1", 2)], "weights are a mapping of id to weight, not list"),
    ],
)
def test_score_frame_refuses_arguments_of_the_wrong_type(
    tables: object, weights: object, message: str
) -> None:
    rows = pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": ["100%"]})
    named = {"small": small} if tables == ["small"] else tables
    with pytest.raises(TypeError) as raised:
        perfscore.score_frame(named, rows, weights=weights)  # type: ignore[arg-type]
    assert str(raised.value) == message


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
