"""Each repair an import makes, with the finding it gives (perfscore.importing._repairs)."""

from __future__ import annotations

import pytest

from perfscore.importing import ImportFailed, import_table
from perfscore.importing._repairs import (
    clean,
    join_broken,
    operator_read_as_2,
    simplify,
    split_fused,
    unit_from_name,
)
from tests.importing.import_data import PAGE, findings, imported, row


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        (("≥", "≥", "≥", "<85%"), ("95%", "90%", "85%", ""), ("≥95%", "≥90%", "≥85%", "<85%")),
        (
            ("≥85%和", "≥83%和", "≥80%和", "<80%或"),
            ("≤100%", "<85%", "<83%", ">100%"),
            ("≥85%和≤100%", "≥83%和<85%", "≥80%和<83%", "<80%或>100%"),
        ),
        (
            ("≥500人", "≥400-", "≥300-", "<300人"),
            ("", "499人", "399人", ""),
            ("≥500人", "≥400-499人", "≥300-399人", "<300人"),
        ),
    ],
)
def test_a_cell_split_after_an_operator_across_a_page_break(
    head: tuple[str, ...], tail: tuple[str, ...], joined: tuple[str, ...]
) -> None:
    result = imported(
        row("一、职责"),
        row("1、活动", "完成培训", *head),
        PAGE,
        row("", "人数", *tail),
    )
    (indicator,) = result.table.indicators()
    assert tuple(indicator.cells.values()) == joined
    assert indicator.name == "完成培训人数"
    found = findings(result, "continuation")
    assert {f.where.column for f in found} >= {
        f"评价标准 {g}" for g, t in zip("优良中差", tail, strict=True) if t
    }
    assert all(f.where.page == 2 and f.where.row == 1 for f in found)


def test_a_name_and_a_description_continued_on_the_next_page() -> None:
    result = imported(
        row("一、职责"),
        row(
            "1、城乡居民养老保", "养老金发放", "100%", "≥80", "≥60", "<60%", description="负责全县"
        ),
        PAGE,
        row("险待遇发放工作", "率", description="养老保险待遇的发放。"),
    )
    activity = result.table.activities()[0]
    assert activity.name == "城乡居民养老保险待遇发放工作"
    assert activity.description == "负责全县养老保险待遇的发放。"
    assert result.table.indicator("1.1.1").name == "养老金发放率"
    columns = {(f.where.column, f.text) for f in findings(result, "continuation")}
    assert columns == {
        ("职责活动", "险待遇发放工作"),
        ("内容描述", "养老保险待遇的发放。"),
        ("绩效指标", "率"),
    }


def test_a_new_indicator_after_a_page_break_is_not_a_continuation() -> None:
    result = imported(
        row("一、职责"),
        row("1、活动", "就业服务到位率", "100%", "≥90%", "≥80%", "<80%"),
        PAGE,
        row("", "人事档案公共管理服务 工作完成率", "100%", "≥ 90%", "≥ 80%", "<80%"),
    )
    assert [i.name for i in result.table.indicators()] == [
        "就业服务到位率",
        "人事档案公共管理服务工作完成率",
    ]
    assert findings(result, "continuation") == []


def test_a_character_repeated_across_a_page_break() -> None:
    result = imported(
        row("一、职责"),
        row("1、活动", "政务服务、12333电话咨询", "≥95%", "≥90%", "≥85%", "<85%"),
        PAGE,
        row("", "询系统建设完成情况"),
    )
    (indicator,) = result.table.indicators()
    assert indicator.name == "政务服务、12333电话咨询系统建设完成情况"
    assert indicator.published_name == "政务服务、12333电话咨询询系统建设完成情况"
    (finding,) = findings(result, "repeated-character")
    assert (finding.where.page, finding.where.row, finding.where.column) == (2, 1, "绩效指标")
    assert "the 询 repeated across the break is kept once" in finding.action


def test_fused_cells_are_split_with_readings() -> None:
    result = imported(row("一、职责"), row("1、活动", "完成率", "100%90%85%85%"))
    (indicator,) = result.table.indicators()
    assert indicator.cells == {"优": "100%90%85%85%", "良": None, "中": None, "差": None}
    assert [r.read_as for r in indicator.readings] == ["100%", "90%", "85%", "85%"]
    (finding,) = findings(result, "fused-cells")
    assert finding.text == "100%90%85%85%"
    assert finding.action == "4 cells run together, split into 100% / 90% / 85% / 85%"
    assert indicator.grade("84%").value == "差"


def test_ge_read_as_2() -> None:
    result = imported(row("一、职责"), row("1、活动", "完成率", "100%", "290%", "≥80%", "<80%"))
    (indicator,) = result.table.indicators()
    assert indicator.cells["良"] == "290%"
    (reading,) = indicator.readings
    assert (reading.field, reading.read_as) == ("良", "≥90%")
    (finding,) = findings(result, "operator-as-2")
    assert (finding.where.column, finding.text) == ("评价标准 良", "290%")
    assert indicator.grade("95%").value == "良"


def test_traditional_characters() -> None:
    result = imported(row("一、职责"), row("1、活动", "參保率", "≥95%", "≥90%", "≥80%", "<80%"))
    (indicator,) = result.table.indicators()
    assert indicator.name == "参保率"
    assert indicator.published_name == "參保率"
    (finding,) = findings(result, "traditional")
    assert finding.text == "參保率"
    assert "參" in finding.action


@pytest.mark.parametrize(
    ("name", "cells", "unit", "said"),
    [
        ("公益性岗位补贴到位率", ("≥95", "≥90", "≥80", "<80"), "percent", "inferred from the name"),
        ("职业培训人数", ("≥1000", "≥950", "≥900", "<900"), "人", "inferred from the name"),
        ("开展培训次数", ("≥15", "≥10", "≥5", "<5"), "次", "inferred from the name"),
        ("招收学生", (">35人", "≥30人", "≥25人", "<25人"), "人", "from the cells"),
        ("养老基金安全率", ("100%", "≥80", "≥60", "<60%"), "percent", "cells 良 中 write none"),
        ("某项数值", ("≥15", "≥10", "≥5", "<5"), None, "no unit in the cells or the name"),
    ],
)
def test_units_inferred_and_said(
    name: str, cells: tuple[str, ...], unit: str | None, said: str
) -> None:
    result = imported(row("一、职责"), row("1、活动", name, *cells))
    (indicator,) = result.table.indicators()
    assert indicator.unit == unit
    (finding,) = findings(result, "unit")
    assert said in finding.action
    assert finding.indicator == "1.1.1"


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


# -- the functions themselves ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "cleaned"),
    [
        ("≥ 400- 499 人", "≥400-499人"),
        (
            "提高劳动者素质，打造我县 专业技术人员队伍，实现稳定就 业",
            "提高劳动者素质，打造我县专业技术人员队伍，实现稳定就业",
        ),
        ("1、积极宣传政策 2、学员材料的管理", "1、积极宣传政策 2、学员材料的管理"),
        ("12333 电话", "12333电话"),
        ("ISO 9001 认证", "ISO 9001认证"),
        ("  能完整的\n实施 ", "能完整的实施"),
    ],
)
def test_clean(published: str, cleaned: str) -> None:
    assert clean(published) == cleaned
    assert clean(cleaned) == cleaned


def test_join_broken() -> None:
    assert join_broken("养老金发放", "率") == ("养老金发放率", None)
    assert join_broken("咨询", "询系统") == ("咨询系统", "询")
    assert join_broken("100", "0人") == ("1000人", None)  # digits are not doubled characters


@pytest.mark.parametrize(
    ("cell", "count", "parts"),
    [
        ("100%90%85%85%", 4, ["100%", "90%", "85%", "85%"]),
        ("≥95%≥90%", 2, ["≥95%", "≥90%"]),
        ("3人2人1人", 3, ["3人", "2人", "1人"]),
        ("100%90%85%85%", 3, None),
        ("<1%或>2%", 2, None),  # reads as one cell
        ("≥85%和≤100%", 2, None),
        ("有效实施", 2, None),
    ],
)
def test_split_fused(cell: str, count: int, parts: list[str] | None) -> None:
    assert split_fused(cell, count) == parts


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("290%", "≥90%"),
        ("2100%", "≥100%"),
        ("295.5%", "≥95.5%"),
        ("21%", None),
        ("90%", None),
        ("≥290%", None),
        ("390%", None),
    ],
)
def test_operator_read_as_2(cell: str, read: str | None) -> None:
    assert operator_read_as_2(cell) == read


def test_simplify_and_unit_from_name() -> None:
    simple, changed = simplify("醫療保險參保率")
    assert (simple, set(changed)) == ("医疗保险参保率", set("醫療險參"))
    assert simplify("参保率") == ("参保率", "")
    assert unit_from_name("满意度") == "percent"
    assert unit_from_name("完成鉴定人数") == "人"
    assert unit_from_name("培训人次") == "人次"
    assert unit_from_name("师资力量") is None


def test_a_page_break_without_a_repeated_header() -> None:
    result = imported(
        row("一、职责"),
        row("1、城乡居民养老保", "养老金发放", "100%", "≥80", "≥60", "<60%"),
        "323 某局",
        "第 2 页",
        row("险待遇发放工作", "率"),
        row("2、下一活动", "完成率", "100%", "≥90%", "≥80%", "<80%"),
    )
    assert [a.name for a in result.table.activities()] == [
        "城乡居民养老保险待遇发放工作",
        "下一活动",
    ]
    assert [i.name for i in result.table.indicators()] == ["养老金发放率", "完成率"]
    assert {(f.where.page, f.where.row) for f in findings(result, "continuation")} == {(2, 1)}


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
