"""perfscore.frames._target_results: a results frame's rows that name a targets table, scored
table by table as score scores them, gathered into frames with a ``table`` column."""

from __future__ import annotations

import pandas as pd
import pytest

import perfscore
from perfscore.frames._target_results import (
    PROJECT_COLUMNS,
    TARGET_COLUMNS,
    TargetFrames,
    score_target_frames,
)
from perfscore.scoring._records import SELF_EVALUATION_COLUMNS
from perfscore.scoring._rows import ResultColumns
from perfscore.tables import TargetsTable
from tests.targets_data import load_targets, small_targets

TABLE = load_targets(small_targets())


def scored(rows: dict[str, list[object]], method: object = None) -> TargetFrames:
    frame = pd.DataFrame(rows)
    return score_target_frames(
        {"small": TABLE}, ResultColumns.of(frame, ("table", "id", "value")), method
    )


def test_the_columns_are_a_table_column_then_the_scorecards() -> None:
    assert ("table", *SELF_EVALUATION_COLUMNS) == TARGET_COLUMNS
    assert PROJECT_COLUMNS == (
        "table", "id", "name", "total", "grade", "weight", "missing", "dropped",
    )  # fmt: skip


def test_a_tables_rows_are_scored_as_score_scores_them() -> None:
    results = {"1.1": 450, "1.2": 12, "1.3": "达成", "1.budget": 95}
    frames = scored({"table": ["small"] * 4, "id": list(results), "value": list(results.values())})
    card = perfscore.score(TABLE, results)
    assert frames.targets.columns.tolist() == list(TARGET_COLUMNS)
    assert (frames.targets["table"] == "small").all()
    got = frames.targets.drop(columns=["table", "row"])
    pd.testing.assert_frame_equal(got, card.to_frame().drop(columns=["row"]), check_dtype=False)
    assert frames.targets["row"].tolist() == [2, 3, 4, 5]  # as a spreadsheet numbers them
    assert frames.projects.to_dict("records") == [
        {"table": "small", "id": "1", "name": "某项目", "total": card.total, "grade": "良",
         "weight": 100.0, "missing": "", "dropped": ""},
    ]  # fmt: skip
    assert frames.problems == []


def test_rows_of_other_tables_are_left_alone() -> None:
    frames = scored({"table": ["small", "zanhuang-hrss-2018"], "id": ["1.1", "1.1.1"],
                     "value": [500, "100%"]})  # fmt: skip
    assert frames.problems == []
    assert frames.targets.set_index("id").loc["1.1", "score"] == 40.0


def test_a_table_without_rows_is_scored_with_every_row_missing() -> None:
    frames = scored({"table": ["other"], "id": ["1"], "value": [1]})
    assert frames.targets["state"].tolist() == ["missing"] * 4
    (project,) = frames.projects.to_dict("records")
    assert (project["total"], project["grade"], project["missing"]) == (None, None, "1.1 1.2 1.3")


def test_bad_rows_are_problems_with_their_row_table_and_value() -> None:
    frames = scored({"table": ["small"] * 3, "id": ["1.1", "1.9", "1.1"], "value": [450, 1, 500]})
    assert [(row, str(error), value) for row, error, value in frames.problems] == [
        (2, "row 2, table small, indicator 1.1: 1.1 is given more than once (rows 2, 4)", 450),
        (3, "row 3, table small, indicator 1.9: table small has no indicator '1.9'; did you "
            "mean '1.3', '1.2', '1.1'?", 1),
        (4, "row 4, table small, indicator 1.1: 1.1 is given more than once (rows 2, 4)", 500),
    ]  # fmt: skip
    assert frames.targets.set_index("id").loc["1.1", "state"] == "missing"


@pytest.mark.parametrize("method", [None, "自评", perfscore.SelfEvaluation(rounding="1")])
def test_the_self_evaluation_method_however_given(method: object) -> None:
    frames = scored({"table": ["small"], "id": ["1.1"], "value": [333]}, method)
    expected = 27.0 if method is not None and not isinstance(method, str) else 26.64
    assert frames.targets.set_index("id").loc["1.1", "score"] == expected


def test_another_method_is_refused() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="scored by the self-evaluation method"):
        scored({"table": ["small"], "id": ["1.1"], "value": [1]}, "mean")


def test_several_targets_tables_each_get_their_own_rows() -> None:
    other = TargetsTable.model_validate({**small_targets(), "name": "other"})
    frame = pd.DataFrame({"table": ["small", "other"], "id": ["1.1", "1.1"], "value": [500, 250]})
    frames = score_target_frames(
        {"small": TABLE, "other": other}, ResultColumns.of(frame, ("table", "id", "value")), None
    )
    scores = frames.targets[frames.targets["id"] == "1.1"].set_index("table")["score"]
    assert scores.to_dict() == {"small": 40.0, "other": 20.0}
    assert frames.projects["table"].tolist() == ["small", "other"]
