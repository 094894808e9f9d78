"""perfscore.frames._indicator_frames: tables written as rows
of an indicator frame."""

from __future__ import annotations

from typing import Any

import pandas as pd

import perfscore
from tests.frames_data import TABLES


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
