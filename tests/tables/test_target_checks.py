"""perfscore.tables._target_checks: a targets table's checks."""

from __future__ import annotations

from typing import Any

import pytest

import perfscore
from tests.targets_data import load_targets, small_targets

# -- checks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "message"),
    [
        ({"name": "合格率", "target": "≥120%"}, "a rate (率) above 100%: ≥120%"),
        ({"name": "增长率", "target": "≥120%"}, None),
        (
            {"name": "合格率", "target": "1", "unit": "%", "direction": "正向"},
            "a percent target of 1",
        ),
        (
            {"name": "事故", "target": "0", "unit": "起", "direction": "正向"},
            "every value meets ≥0次",
        ),
        ({"name": "安全事故发生数", "target": "≥1次"}, "the name suggests 反向 (发生数)"),
        ({"name": "投诉处理率", "target": "≥95%"}, None),
        ({"name": "预算控制率", "target": "≥95%"}, "the name suggests 反向 (控制率)"),
        ({"name": "满意度", "target": "≤90%"}, "the name suggests 正向 (满意度)"),
        ({"name": "完成时间", "target": "2023.12", "direction": "正向"}, "looks like a date"),
        ({"name": "覆盖率", "target": "290%", "direction": "正向"}, "≥90% with ≥ read as 2"),
    ],
)
def test_misreadings(indicator: dict[str, Any], message: str | None) -> None:
    table = load_targets(small_targets(indicators=[{"id": "1.1", "weight": 90, **indicator}]))
    findings = [str(f) for f in perfscore.check_table(table)]
    if message is None:
        assert findings == []
    else:
        assert any(message in f for f in findings), findings
        assert all(f.startswith("warning: ") for f in findings)


def test_ocr_damage_in_a_table_that_writes_its_operators() -> None:
    indicators = [
        {"id": "1.1", "name": "论文", "target": "2200篇", "direction": "正向", "weight": 30},
        {"id": "1.2", "name": "培训", "target": "≥300人", "weight": 30},
        {"id": "1.3", "name": "课程", "target": "≥12门", "weight": 30},
    ]
    findings = [
        str(f) for f in perfscore.check_table(load_targets(small_targets(indicators=indicators)))
    ]
    assert any("2200篇 may be OCR damage: ≥200篇 with ≥ read as 2" in f for f in findings)


def test_weights_that_do_not_add_up() -> None:
    findings = perfscore.check_table(load_targets(small_targets(budget=None)))
    assert [str(f) for f in findings] == [
        "warning: project 1 某项目 (projects[0]): the 分值 add up to 90, not the table's total 100"
    ]


def test_an_idle_reading_is_warned_of() -> None:
    indicator = {
        "id": "1.1", "name": "覆盖率", "target": "≥90%", "weight": 100,
        "readings": [{"field": "target", "read_as": "≥ 90 %", "why": "spacing"}],
    }  # fmt: skip
    findings = perfscore.check_table(
        load_targets(small_targets(budget=None, indicators=[indicator]))
    )
    assert [f.message for f in findings] == [
        "the reading of the target repeats it: it changes nothing"
    ]
