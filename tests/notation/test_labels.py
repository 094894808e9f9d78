"""perfscore.notation._labels: labels and names compared in one form."""

from __future__ import annotations

import perfscore


def test_ladder_labels_match_across_scripts() -> None:
    ladder = perfscore.parse_ladder(
        {"优": "應保盡保", "良": "基本保障", "中": None, "差": "未保障"}
    )
    assert ladder.grade("应保尽保") is perfscore.Grade.EXCELLENT
    assert ladder.grade(" 應保 盡保 ") is perfscore.Grade.EXCELLENT
