"""perfscore.tables._targets_table: the TargetsTable model and its
validation."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

import perfscore
from tests.targets_data import load_targets, small_targets

F = Fraction


# -- loading errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "tables"}, "kind: kind is 'ladders' (the default) or 'targets', not 'tables'"),
        (
            {"projects": [{"id": "1", "name": "p", "indicators": [
                {"id": "1.1", "name": "x", "target": "≥ 9O%", "weight": 10}]}]},
            "projects[0].indicators[0].target, indicator 1.1: unexpected 'O'",
        ),
        (
            {"projects": [{"id": "1", "name": "p", "indicators": [
                {"id": "2.1", "name": "x", "target": "≥95%", "weight": 10}]}]},
            "does not start with the project's id '1'",
        ),
        (
            {"projects": [{"id": "1", "name": "p", "indicators": [
                {"id": "1.1", "name": "x", "target": "≥95%", "weight": 0}]}]},
            "projects[0].indicators[0].weight",
        ),
        (
            {"projects": [{"id": "1", "name": "p", "indicators": [
                {"id": "1.1", "name": "x", "target": "≥95%", "weight": 10, "colour": 1}]}]},
            "unknown field 'colour'",
        ),
    ],
)  # fmt: skip
def test_load_errors(change: dict[str, Any], message: str) -> None:
    with pytest.raises(perfscore.TableError) as raised:
        perfscore.load_table({**small_targets(), **change})
    assert message in str(raised.value)


def test_wan_alone_in_a_money_indicator_is_wan_yuan() -> None:
    table = load_targets(
        small_targets(budget=None, indicators=[
            {"id": "1.1", "name": "补贴资金发放", "target": "≥90万", "weight": 90}
        ])
    )  # fmt: skip
    assert str(table.indicator("1.1").parsed) == "≥90万元"
    assert perfscore.score(table, {"1.1": "850000元"}).rows()[0].points == F(85)
    with pytest.raises(perfscore.TableError, match="万 or 亿 of what"):
        load_targets(
            small_targets(budget=None, indicators=[
                {"id": "1.1", "name": "培训人数", "target": "≥9万", "weight": 90}
            ])
        )  # fmt: skip


def test_a_reading_of_the_target_keeps_the_published_cell() -> None:
    indicator = {
        "id": "1.1", "name": "覆盖率", "target": "290%", "weight": 100,
        "readings": [{"field": "target", "read_as": "≥90%", "why": "OCR read ≥ as 2"}],
    }  # fmt: skip
    table = load_targets(small_targets(budget=None, indicators=[indicator]))
    read = table.indicator("1.1")
    assert (read.target, read.read_target, str(read.parsed)) == ("290%", "≥90%", "≥90%")
    assert perfscore.check_table(table) == []
    card = perfscore.score(table, {"1.1": "95%"})
    assert card.rows()[0].target == "290%"
    assert card.rows()[0].points == 100


@pytest.mark.parametrize(
    ("reading", "message"),
    [
        ({"field": "target", "why": "x"}, "a reading of the target says how it is read"),
        ({"field": "name", "why": "x"}, "a reading of the name records the published text"),
        ({"field": "target", "read_as": "≥90%", "why": ""}, "readings[0].why"),
    ],
)
def test_bad_readings(reading: dict[str, str], message: str) -> None:
    indicator = {"id": "1.1", "name": "x", "target": "≥90%", "weight": 90, "readings": [reading]}
    with pytest.raises(perfscore.TableError) as raised:
        load_targets(small_targets(budget=None, indicators=[indicator]))
    assert message in str(raised.value)


# -- bare targets: read as the forms mean them ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target", "direction", "read"),
    [
        ("培训人次", "100", None, "≥100"),
        ("资金到位", "43.2", None, "≥43.2"),
        ("覆盖率", "90%", None, "≥90%"),
        ("安全事故发生次数", "1", None, "≤1"),
        ("投诉处理率", "95%", None, "≥95%"),  # 处理 undoes 投诉: a good thing again
        ("安全事故发生次数", "1", "正向", "≥1"),  # a given direction overrides the reading
        ("培训人次", "100", "反向", "≤100"),
    ],
)
def test_a_bare_target_is_read_as_the_forms_mean_it(
    name: str, target: str, direction: str | None, read: str
) -> None:
    indicator: dict[str, Any] = {"id": "1.1", "name": name, "target": target, "weight": 90}
    if direction is not None:
        indicator["direction"] = direction
    table = load_targets(small_targets(indicators=[indicator]))
    loaded = table.indicator("1.1")
    assert str(loaded.parsed) == read
    assert (loaded.inferred_direction is None) == (direction is not None)
    findings = [
        f for f in perfscore.check_table(table)
        if f.field == "direction" and "bare number" in f.message
    ]  # fmt: skip
    assert bool(findings) == (direction is None)
    if findings:
        assert str(loaded.direction_read) in findings[0].message


# -- weights a goal form does not print ---------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "share"),
    [
        ((40, 30, 20), None),  # every 分值 printed: no share
        ((None, None, None), F(90, 3)),  # none printed: what the budget item leaves, equally
        ((40, None, None), F(50, 2)),  # some printed: what they leave, equally
        ((60, 40, None), F(0)),  # nothing left: none below 0
    ],
)
def test_a_projects_share_for_indicators_printed_without_a_weight(
    weights: tuple[int | None, ...], share: Fraction | None
) -> None:
    data = small_targets()
    for indicator, weight in zip(data["projects"][0]["indicators"], weights, strict=True):
        indicator["weight"] = weight
    (project,) = load_targets(data).projects
    assert project.share(100) == share
    assert project.weight == 10 + sum(w for w in weights if w is not None)
