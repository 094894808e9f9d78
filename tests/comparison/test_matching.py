"""perfscore.comparison._matching: the nodes of two versions of a
table matched by id, then by name, each match not by both a finding."""

from __future__ import annotations

import copy
from fractions import Fraction
from typing import Any

import perfscore
from perfscore.comparison._matching import MatchedRow, Node, match_nodes
from perfscore.grades import Grade
from perfscore.tables import Finding
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


# -- match_nodes itself ---------------------------------------------------------------------------


def node(node_id: str, name: str) -> Node:
    return Node(node_id, name, "", None, None)


def matched(
    cards: list[list[Node]], labels: list[str]
) -> tuple[list[dict[int, tuple[str, str]]], list[str]]:
    findings: list[Finding] = []
    rows = match_nodes(cards, labels, findings)
    return [{k: (n.id, n.name) for k, n in row.nodes.items()} for row in rows], [
        str(f) for f in findings
    ]


def test_nodes_with_the_same_id_and_name_match_without_a_finding() -> None:
    rows, findings = matched([[node("1", "甲"), node("2", "乙")]] * 2, ["a", "b"])
    assert rows == [{0: ("1", "甲"), 1: ("1", "甲")}, {0: ("2", "乙"), 1: ("2", "乙")}]
    assert findings == []


def test_a_name_unique_on_both_sides_matches_before_an_id() -> None:
    # the names swapped ids: each is matched by its name, and said so
    rows, findings = matched(
        [[node("1", "甲"), node("2", "乙")], [node("1", "乙"), node("2", "甲")]], ["a", "b"]
    )
    assert rows == [{0: ("1", "甲"), 1: ("2", "甲")}, {0: ("2", "乙"), 1: ("1", "乙")}]
    assert findings == [
        "warning: duty 1 乙: matched by name: 2 in a is 1 in b",
        "warning: duty 2 甲: matched by name: 1 in a is 2 in b",
    ]


def test_a_repeated_name_does_not_match_by_name() -> None:
    rows, findings = matched(
        [[node("1", "甲"), node("2", "甲")], [node("3", "甲"), node("1", "丙")]], ["a", "b"]
    )
    assert rows == [{0: ("1", "甲"), 1: ("1", "丙")}, {0: ("2", "甲")}, {1: ("3", "甲")}]
    assert findings == [
        "warning: duty 3 甲: new in b (no node of a has its id or name)",
        "warning: duty 1 丙: renamed from '甲' (a); matched by id",
        "warning: duty 2 甲: in a, absent from b",
    ]


def test_each_card_is_matched_to_the_one_before_it() -> None:
    rows, findings = matched(
        [
            [node("1", "甲"), node("2", "乙")],
            [node("1", "甲"), node("2", "乙"), node("3", "丙")],
            [node("3", "丙"), node("1", "甲")],
        ],
        ["2018", "2019", "2020"],
    )
    assert rows == [
        {0: ("1", "甲"), 1: ("1", "甲"), 2: ("1", "甲")},
        {0: ("2", "乙"), 1: ("2", "乙")},
        {1: ("3", "丙"), 2: ("3", "丙")},
    ]
    assert findings == [
        "warning: duty 3 丙: new in 2019 (no node of 2018 has its id or name)",
        "warning: duty 2 乙: in 2019, absent from 2020",
    ]


def test_a_node_absent_from_one_card_is_new_again_in_the_next() -> None:
    rows, findings = matched([[node("1", "甲")], [], [node("1", "甲")]], ["a", "b", "c"])
    assert rows == [{0: ("1", "甲")}, {2: ("1", "甲")}]
    assert findings == [
        "warning: duty 1 甲: in a, absent from b",
        "warning: duty 1 甲: new in c (no node of b has its id or name)",
    ]


def test_the_latest_node_of_a_row_is_the_last_cards() -> None:
    first, last = node("1", "甲"), node("2", "甲")
    assert MatchedRow({0: first, 2: last}).latest() is last
    assert MatchedRow({0: first}).latest() is first


def test_one_card_is_its_own_rows() -> None:
    rows, findings = matched([[node("1.1", "活动"), node("1.2", "其他")]], ["a"])
    assert rows == [{0: ("1.1", "活动")}, {0: ("1.2", "其他")}]
    assert findings == []
    assert Node("1", "甲", "", Fraction(80), Grade.GOOD, value=95).value == 95
