"""perfscore.tables._target_checks: a targets table's checks."""

from __future__ import annotations

from typing import Any

import pytest

import perfscore
from perfscore.tables import Finding, Severity, has_errors
from perfscore.tables._target_checks import check_targets
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


# -- check_targets itself ------------------------------------------------------------------------


def findings_of(*indicators: dict[str, Any], **project: Any) -> list[Finding]:
    table = load_targets(small_targets(indicators=list(indicators), **project))
    return list(check_targets(table))


def row(id_: str, name: str, target: str = "≥90%", weight: int = 30, **more: Any) -> dict[str, Any]:
    return {"id": id_, "name": name, "target": target, "weight": weight, **more}


def test_a_table_that_adds_up_and_reads_as_meant_has_no_findings() -> None:
    assert list(check_targets(load_targets(small_targets()))) == []


def test_ids_out_of_table_order_are_errors_at_their_path() -> None:
    found = findings_of(row("1.2", "甲"), row("1.1", "乙"), row("1.3", "丙"))
    assert [(f.severity, f.indicator, f.field, f.path) for f in found] == [
        (Severity.ERROR, "1.2", "id", "projects[0].indicators[0].id"),
        (Severity.ERROR, "1.1", "id", "projects[0].indicators[1].id"),
    ]
    assert found[0].message == "id '1.2' is out of order: in table order it is '1.1'"
    assert has_errors(found)


def test_a_name_repeated_in_another_script_is_a_warning() -> None:
    found = findings_of(row("1.1", "應保盡保率"), row("1.2", "应保尽保 率"), row("1.3", "其他"))
    assert [str(f) for f in found] == [
        "warning: indicator 1.2 应保尽保 率, name (projects[0].indicators[1].name): "
        "the name '应保尽保 率' repeats within project 1 (also 1.1)"
    ]


def test_a_name_may_repeat_in_another_project() -> None:
    data = small_targets(indicators=[row("1.1", "满意度", weight=90)])
    other = {**data["projects"][0], "id": "2", "indicators": [row("2.1", "满意度", weight=90)]}
    data["projects"].append(other)
    assert list(check_targets(load_targets(data))) == []


def test_a_reading_of_the_name_that_repeats_it_is_a_warning() -> None:
    reading = {"field": "name", "published": "满意 度", "why": "spacing"}
    found = findings_of(row("1.1", "满意度", weight=90, readings=[reading]))
    assert [(f.field, f.path, f.message) for f in found] == [
        (
            "readings[0]",
            "projects[0].indicators[0].readings[0]",
            "the reading of the name repeats it: it changes nothing",
        )
    ]


def test_misreadings_are_warnings_of_their_project_or_indicator() -> None:
    found = findings_of(row("1.1", "合格率", "≥120%", weight=80), budget=None)
    assert [(f.severity, f.kind, f.indicator, f.field, f.path) for f in found] == [
        (Severity.WARNING, "project", "1", None, "projects[0]"),
        (Severity.WARNING, "indicator", "1.1", "target", "projects[0].indicators[0].target"),
    ]
    assert not has_errors(found)
    assert str(found[0]) == (
        "warning: project 1 某项目 (projects[0]): the 分值 add up to 80, not the table's total 100"
    )
