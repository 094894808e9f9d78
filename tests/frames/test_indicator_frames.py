"""perfscore.frames._indicator_frames: tables written as rows
of an indicator frame."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

import perfscore
from perfscore.frames._indicator_frames import INDICATOR_COLUMNS, indicator_frame
from perfscore.frames._target_rows import TARGET_ROW_COLUMNS
from perfscore.grades import GRADES
from tests.frames_data import TABLES, weighted
from tests.scoring_data import small, zanhuang
from tests.targets_data import load_targets, small_targets


def test_an_indicator_frame_round_trips_through_csv(tmp_path: Any) -> None:
    frame = perfscore.indicator_frame(TABLES)
    assert len(frame) == sum(len(t) for t in TABLES)
    path = tmp_path / "indicators.csv"
    frame.to_csv(path, index=False)
    back = pd.read_csv(path, dtype={"duty": str, "activity": str, "id": str})
    for table in TABLES:
        rows = back[back["table"] == table.name]
        for indicator, (_, row) in zip(table.indicators(), rows.iterrows(), strict=True):
            cells = [None if pd.isna(row[g]) else row[g] for g in ("优", "良", "中", "差")]
            assert cells == [indicator.read_cells[g] for g in perfscore.GRADES]
            assert row["id"] == indicator.id
    weighted_row = frame[(frame["table"] == "small-weighted") & (frame["duty"] == "1")]
    assert (weighted_row["duty_weight"] == 3).all()


def test_a_row_per_indicator_in_table_order_under_the_documented_columns() -> None:
    frame = indicator_frame(small)  # type: ignore[arg-type]  # one table alone is a list of one
    assert frame.columns.tolist() == list(INDICATOR_COLUMNS)
    assert frame["id"].tolist() == [i.id for i in small.indicators()]
    row = frame.loc[3]
    weights = ["weight", "activity_weight", "duty_weight"]
    assert row.drop([*weights, "良", "中"]).to_dict() == {
        "table": "small", "duty": "2", "activity": "2.1", "id": "2.1.1", "优": "1次",
        "差": "1次以上", "unit": "次", "name": "违纪次数", "activity_name": "活动三",
        "duty_name": "职责二", "department": "测试局", "year": 2020,
    }  # fmt: skip
    assert row[["良", "中"]].isna().all()  # blank cells
    assert frame[weights].isna().all().all()  # the table gives no weights
    assert frame[weights].dtypes.eq("float64").all()


def test_the_cells_are_those_the_ladder_is_read_from() -> None:
    rows = {str(r["id"]): r for r in indicator_frame([zanhuang]).to_dict("records")}
    for indicator in zanhuang.indicators():
        cells = [rows[indicator.id][g.value] for g in GRADES]
        assert [None if isinstance(c, float) and math.isnan(c) else c for c in cells] == [
            indicator.read_cells[g] for g in GRADES
        ]


def test_weights_of_every_level_are_given() -> None:
    frame = indicator_frame([weighted]).set_index("id")
    assert frame["duty_weight"].iloc[:3].eq(3.0).all()  # duty 1's three indicators
    assert frame["duty_weight"].iloc[3:].isna().all()
    assert frame.loc["1.2.1", "activity_weight"] == 2.0
    assert frame["activity_weight"].isna()["1.1.1"]
    assert frame.loc["2.1.1", "weight"] == 0.5
    assert frame["weight"].isna().sum() == 4


def test_a_targets_table_adds_its_columns_and_leaves_the_ladder_columns_blank() -> None:
    targets = load_targets(small_targets())
    frame = indicator_frame([small, targets])
    assert frame.columns.tolist() == [*INDICATOR_COLUMNS, *TARGET_ROW_COLUMNS]
    ladder_rows, target_rows = frame.iloc[:5], frame.iloc[5:]
    assert ladder_rows[list(TARGET_ROW_COLUMNS)].isna().all().all()
    assert target_rows[["duty", "activity", "优", "良", "中", "差"]].isna().all().all()
    assert target_rows["weight"].tolist() == [40.0, 30.0, 20.0]  # the 分值
    first = target_rows.iloc[0]
    assert (first["project"], first["level1"], first["level2"], first["target"]) == (
        "1", "产出指标", "数量指标", "≥500人次",
    )  # fmt: skip
    assert (first["budget"], first["budget_weight"], first["total"], first["money_unit"]) == (
        100.0, 10.0, 100.0, "万元",
    )  # fmt: skip
    assert target_rows.iloc[2]["op"] == "定性"


def test_a_ladder_only_frame_has_no_targets_columns() -> None:
    assert indicator_frame(["zanhuang-hrss-2018"]).columns.tolist() == list(INDICATOR_COLUMNS)


def test_an_empty_list_is_an_empty_frame_with_the_columns() -> None:
    frame = indicator_frame([])
    assert frame.empty
    assert frame.columns.tolist() == list(INDICATOR_COLUMNS)


@pytest.mark.parametrize("table", [5, None, {"name": "t"}])
def test_a_table_of_another_type_is_a_type_error(table: Any) -> None:
    with pytest.raises(TypeError, match="a table is a Table, a table file or a bundled table's"):
        indicator_frame([table])
