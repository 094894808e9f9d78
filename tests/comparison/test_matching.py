"""perfscore.comparison._matching: the nodes of two versions of a
table matched by id, then by name, each match not by both a finding."""

from __future__ import annotations

import copy
from typing import Any

import perfscore
from tests.scoring_data import small, small_table_data

# By hand (small table; points 优 100 良 80 中 60 差 0; bands 90 / 80 / 60):
# A: 1.1.1 优 100, 1.1.2 85% 中 60 → 1.1 80; 1.2.1 420 良 80 → 1.2 80; duty 1 80 良;
#    2.1.1 2次 差 0, 2.1.2 优 100 → 2.1 50, duty 2 50 差; department 65 中.
# B: 1.1.1 优, 1.1.2 优 → 1.1 100; 1.2.1 520 优 → 1.2 100; duty 1 100 优;
#    2.1.1 1次 优 100, 2.1.2 基本上能实施 中 60 → 2.1 80, duty 2 80 良; department 90 优.
A = {"1.1.1": "100%", "1.1.2": "85%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "有效实施"}


def _version_two() -> perfscore.Table:
    """The small table renumbered: duty 2 becomes 3, a new duty 2, 1.1.2 renamed."""
    data: dict[str, Any] = copy.deepcopy(small_table_data())
    old = data["duties"][1]
    old["id"] = "3"
    old["activities"][0]["id"] = "3.1"
    for indicator in old["activities"][0]["indicators"]:
        indicator["id"] = "3." + indicator["id"].removeprefix("2.")
    data["duties"][0]["activities"][0]["indicators"][1]["name"] = "任务完成率"
    new = copy.deepcopy(old)
    new["id"], new["name"] = "2", "新职责"
    new["activities"] = [copy.deepcopy(old["activities"][0])]
    new["activities"][0].update(id="2.1", name="新活动")
    new["activities"][0]["indicators"] = [
        {"id": "2.1.1", "name": "新指标", "unit": "percent",
         "cells": {"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"}},
    ]  # fmt: skip
    data["duties"] = [data["duties"][0], new, old]
    data["year"] = 2021
    return perfscore.load_table(data)


def test_versions_match_by_id_then_by_name_and_each_name_match_is_a_finding() -> None:
    v2 = _version_two()
    before = perfscore.score(small, A)
    after = perfscore.score(v2, {"1.1.1": "100%", "1.1.2": "100%", "1.2.1": 520, "3.1.1": 1,
                                 "3.1.2": "基本上能实施", "2.1.1": "95%"})  # fmt: skip
    comparison = perfscore.compare(before, after)
    assert comparison.labels == ("2020", "2021")  # the years differ: years
    duties = comparison.duties.set_index("name")
    # 职责二 is duty 2 in 2020 and duty 3 in 2021: matched by name, its change as computed by hand
    assert duties.loc["职责二", "id"] == "3"
    assert duties.loc["职责二", "change"] == 30.0
    assert duties["score_2020"].isna()["新职责"]
    indicators = comparison.indicators.set_index("id")
    assert indicators.loc["1.1.2", "name"] == "任务完成率"  # renamed, matched by id
    assert indicators.loc["1.1.2", "change"] == 40.0
    assert indicators.loc["3.1.1", "change"] == 100.0
    messages = [str(f) for f in comparison.findings]
    assert "warning: duty 3 职责二: matched by name: 2 in 2020 is 3 in 2021" in messages
    assert "warning: activity 3.1 活动三: matched by name: 2.1 in 2020 is 3.1 in 2021" in messages
    assert (
        "warning: indicator 1.1.2 任务完成率: renamed from '完成率' (2020); matched by id"
        in messages
    )
    assert "warning: duty 2 新职责: new in 2021 (no node of 2020 has its id or name)" in messages
    by_name = [f for f in comparison.findings if "matched by name" in f.message]
    assert {f.indicator for f in by_name} == {"3", "3.1", "3.1.1", "3.1.2"}
