"""perfscore.importing._run_labels: the block above a run-together table, at its labels."""

from __future__ import annotations

from perfscore.importing._run_body import split_before
from perfscore.importing._run_labels import damaged_labels, split_labels


def test_labels_with_a_prefix_read_as_the_forms_words() -> None:
    rows, notes = split_labels("项目名称农村学校改造项目主管部门青山区教育局项目执行单位化工区学校")
    assert [r.cells for r in rows] == [
        ("项目名称", "农村学校改造"),
        ("主管部门", "青山区教育局"),
        ("实施单位", "化工区学校"),
    ]
    assert notes == []


def test_a_notice_before_the_title_and_a_fused_budget_are_set_aside() -> None:
    line = (
        "现已完成某县2022年项目绩效目标自评,联系电话:123附件:2022年某县自评表某县水利局2022年12月30日"
        "绩效目标自评表(2022年度)项目名称水标尺主管部门某县水利局年度资金总额:202010100.00%10"
    )
    rows, notes = split_labels(line, 3)
    assert rows[0].cells == ("绩效目标自评表(2022年度)",)
    assert rows[0].prose
    assert ("主管部门", "某县水利局") in [r.cells for r in rows]
    assert notes[0].startswith("现已完成")
    assert notes[-1].startswith("年度资金总额")
    assert {r.line for r in rows} == {3}


def test_a_line_without_labels_is_prose() -> None:
    rows, _ = split_labels("1、(2020年度)")
    assert [(r.prose, r.cells) for r in rows] == [(True, ("(2020年度)",))]


def test_two_labels_printed_as_one_take_their_values_in_order() -> None:
    rows, _ = split_labels("项目实施单位/项目负责人某县农技中心/张三自治区主管部门农业农村厅")
    assert [r.cells for r in rows] == [
        ("实施单位", "某县农技中心"),
        ("项目负责人", "张三"),
        ("自治区主管部门", "农业农村厅"),  # another level's department: not read as the unit's
    ]


def test_a_label_with_one_character_damaged_is_read_and_said() -> None:
    line = "主管部门银川市教育局实施第位银川市第六中学项目名称公用经费"
    rows, _ = split_labels(line)
    assert [r.cells for r in rows] == [
        ("主管部门", "银川市教育局"),
        ("实施单位", "银川市第六中学"),
        ("项目名称", "公用经费"),
    ]
    assert damaged_labels(line) == [("实施第位", "实施单位")]
    # the first character is never the damaged one: 设施单位 is a word of a value
    assert damaged_labels("项目名称公共设施单位改造") == []


def test_a_damaged_label_is_a_finding_to_check() -> None:
    _, findings = split_before(["主管部门某局实施第位某校"])
    (finding,) = findings
    assert finding.text == "实施第位"
    assert finding.severity.value == "warning"
    assert "实施单位" in finding.action
