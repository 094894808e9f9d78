"""perfscore.importing._ladder_forms: published rows laid out as
a ladder table: duties, activities, ordinals, project forms, where the table ends."""

from __future__ import annotations

import pytest

from perfscore.importing import ImportFailed, import_table
from tests.importing.import_data import findings, imported, row


def test_a_row_before_any_activity_is_a_finding() -> None:
    result = imported(
        row("一、职责", "没有活动的指标", "100%", "≥90%", "≥80%", "<80%"),
        row("1、活动", "完成率", "100%", "≥90%", "≥80%", "<80%"),
    )
    (unplaced,) = findings(result, "unplaced")
    assert "没有活动的指标" in unplaced.text
    assert len(result.table) == 1


def test_the_table_ends_at_the_next_section() -> None:
    result = imported(
        row("一、职责"),
        row("1、活动", "完成率", "100%", "≥90%", "≥80%", "<80%"),
        "六、政府采购预算情况",
        "项 目\t数量\t价值",
        "1、房屋\t5890\t793",
    )
    assert len(result.table) == 1
    assert result.findings[-1].kind == "unit"


def test_an_activity_written_on_each_of_its_rows_is_one_activity() -> None:
    result = imported(
        row("一、职责", description="职责描述"),
        row("1、活动", "到位率", "100%", "≥90%", "≥80%", "<80%", description="活动描述"),
        row("1、活动", "完成率", "100%", "≥90%", "≥80%", "<80%", description="活动描述"),
    )
    assert [(i.id, i.name) for i in result.table.indicators()] == [
        ("1.1.1", "到位率"),
        ("1.1.2", "完成率"),
    ]
    assert result.table.activities()[0].description == "活动描述"
    assert findings(result, "continuation") == []


def test_the_project_form() -> None:
    text = "\n".join(
        [
            "某县某局 2019 年职业技能培训项目绩效目标",
            "绩效指标分类\t绩效指标\t评价标准\t\t\t",
            "\t\t优\t良\t中\t差",
            "产出指标\t完成培训人数\t≥500人\t≥400人\t≥300人\t<300人",
            "\t培训合格率\t≥95%\t≥90%\t≥85%\t<85%",
            "效果指标\t学员满意度\t≥90%\t≥80%\t≥70%\t<70%",
        ]
    )
    result = import_table(text, name="example", layout="auto")
    assert result.layout == "project"
    (duty,) = result.table.duties
    assert duty.name == "某县某局 2019 年职业技能培训项目绩效目标"
    assert [(a.id, a.name) for a in duty.activities] == [("1.1", "产出指标"), ("1.2", "效果指标")]
    assert [(i.id, i.name, i.unit) for i in result.table.indicators()] == [
        ("1.1.1", "完成培训人数", "人"),
        ("1.1.2", "培训合格率", "percent"),
        ("1.2.1", "学员满意度", "percent"),
    ]
    with pytest.raises(ImportFailed):
        import_table(text, name="example", layout="ladders")


@pytest.mark.parametrize(
    ("duty", "activity"),
    [("一、职责", "1、活动"), ("（一）职责", "（1）活动"), ("(一)职责", "(1)活动"),
     ("一．职责", "1．活动"), ("一.职责", "１、活动")],
)  # fmt: skip
def test_ordinal_forms(duty: str, activity: str) -> None:
    result = imported(row(duty), row(activity, "完成率", "100%", "≥90%", "≥80%", "<80%"))
    assert [(d.ordinal, d.name) for d in result.table.duties] == [("一", "职责")]
    assert [a.name for a in result.table.activities()] == ["活动"]
    assert [f for f in result.findings if f.kind != "unit"] == []


def test_grades_written_out_and_a_duty_column_of_its_own() -> None:
    text = "\n".join(
        [
            "某县某局 2019 年部门职责-工作活动绩效目标",
            "部门职责\t工作活动\t绩效目标\t绩效指标\t优秀\t良好\t中等\t较差",
            "一、促进就业\t1、就业服务\t目标一\t到位率\t100%\t≥90%\t≥80%\t<80%",
            "\t\t\t完成率\t100%\t≥90%\t≥80%\t<80%",
            "\t2、职业培训\t目标二\t培训人数\t≥1000\t≥950\t≥900\t<900",
            "二、社会保险\t1、养老保险\t目标三\t参保率\t≥95%\t≥90%\t≥80%\t<80%",
        ]
    )
    result = import_table(text, name="example")
    table = result.table
    assert [(d.id, d.ordinal, d.name) for d in table.duties] == [
        ("1", "一", "促进就业"),
        ("2", "二", "社会保险"),
    ]
    assert [(a.id, a.name, a.goal) for a in table.activities()] == [
        ("1.1", "就业服务", "目标一"),
        ("1.2", "职业培训", "目标二"),
        ("2.1", "养老保险", "目标三"),
    ]
    assert [i.id for i in table.indicators()] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]
    assert [f for f in result.findings if f.kind != "unit"] == []


def test_a_data_row_that_names_a_grade_is_no_header() -> None:
    result = imported(
        row("一、职责1"),
        row("1、活动1.1", "指标1.1.1", "有效实施", "能完整的实施", "一", "优"),
        row("", "指标1.1.2", "有效实施", "並且", "一", "差"),
        row("", "指标1.1.3", "≥3%", "≥2%", "≥1%", "<1%"),
    )
    # 並且 ends as a comparison could end, but it is a label: the next row is an indicator
    assert [i.name for i in result.table.indicators()] == ["指标1.1.1", "指标1.1.2", "指标1.1.3"]
