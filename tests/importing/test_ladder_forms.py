"""perfscore.importing._ladder_forms: published rows laid out as
a ladder table: duties, activities, ordinals, project forms, where the table ends."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import perfscore
from perfscore.importing import ImportFailed, import_table
from perfscore.importing._export import HEADER as HEADER_ROWS
from perfscore.importing._export import grid, write_grid
from tests.importing.import_data import HEADER, PAGE, findings, imported, row


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


# -- page breaks, repeated headers and where the table ends ------------------------------------

LADDER = ("100%", "≥90%", "≥80%", "<80%")


def _indicator_rows(first: int, count: int) -> list[str]:
    return [row("", f"指标{n}", *LADDER) for n in range(first, first + count)]


@pytest.mark.parametrize(
    "running",
    [
        "五、部门职责-工作活动绩效目标（续表）",  # a section heading that says it continues
        "五、绩效预算信息",  # the heading the table began under, repeated on the page
        "323 某局\t单位：万元",  # the page's code and unit lines in a row of cells
        "- 2 -",
    ],
)
def test_a_running_head_between_pages_does_not_end_the_table(running: str) -> None:
    text = "\n".join(
        [
            "五、绩效预算信息",
            "某县某局 2019 年部门职责-工作活动绩效目标",
            HEADER,
            row("一、职责"),
            row("1、活动", "指标0", *LADDER),
            *_indicator_rows(1, 3),
            running,
            HEADER,
            *_indicator_rows(4, 3),
            running,
            *_indicator_rows(7, 2),
        ]
    )
    result = import_table(text, name="example")
    assert [i.name for i in result.table.indicators()] == [f"指标{n}" for n in range(9)]
    assert findings(result, "end") == []


def test_the_next_section_ends_the_table_with_a_finding_saying_where() -> None:
    result = imported(
        row("一、职责"),
        row("1、活动", "完成率", *LADDER),
        "六、政府采购预算情况",
        "2018年我单位没有安排政府采购预算。",
    )
    (end,) = findings(result, "end")
    assert end.text == "六、政府采购预算情况"
    assert "source line 6" in end.action
    assert "not followed by the table's header" in end.action
    assert "2 source rows" in end.action


def test_a_row_of_another_width_ends_the_table_with_a_finding() -> None:
    result = imported(row("一、职责"), row("1、活动", "完成率", *LADDER), "项目\t数量\t价值")
    (end,) = findings(result, "end")
    assert "a row of 3 cells where the table's have 9" in end.action


def test_a_header_repeated_with_the_grades_in_another_order_is_read_by_its_own_order() -> None:
    reordered = HEADER.replace("优\t良\t中\t差", "差\t中\t良\t优")
    text = "\n".join(
        [
            "某县某局 2019 年部门职责-工作活动绩效目标",
            HEADER,
            row("一、职责"),
            row("1、活动", "到位率", *LADDER),
            "单位：万元",
            reordered,
            row("", "完成率", *reversed(LADDER)),
        ]
    )
    result = import_table(text, name="example")
    assert [(i.name, i.cells) for i in result.table.indicators()] == [
        (name, dict(zip("优良中差", LADDER, strict=True))) for name in ("到位率", "完成率")
    ]


def test_a_second_departments_table_is_not_merged_in() -> None:
    text = "\n".join(
        [
            "某县人社局 2019 年部门职责-工作活动绩效目标",
            HEADER,
            row("一、职责一"),
            row("1、活动", "到位率", *LADDER),
            row("二、职责二"),
            row("1、活动", "完成率", *LADDER),
            "某县财政局 2019 年部门职责-工作活动绩效目标",
            "324 财政局",
            HEADER,
            row("一、预算管理"),
            row("1、预算编制", "编制及时率", *LADDER),
        ]
    )
    result = import_table(text, name="example")
    assert [d.name for d in result.table.duties] == ["职责一", "职责二"]
    (end,) = findings(result, "end")
    assert end.text == "某县财政局 2019 年部门职责-工作活动绩效目标"
    assert "second table (某县财政局 2019 年部门职责-工作活动绩效目标)" in end.action
    assert "ends at source line 8" in end.action
    assert "duty 一、预算管理 at source line 12" in end.action
    assert "import it on its own" in end.action


def test_a_duty_row_repeated_on_the_next_page_is_no_second_table() -> None:
    result = imported(
        row("一、职责"),
        row("1、活动", "到位率", *LADDER),
        PAGE.removeprefix("\n"),
        row("一、职责"),
        row("2、活动二", "完成率", *LADDER),
    )
    assert findings(result, "end") == []
    assert [i.id for i in result.table.indicators()] == ["1.1.1", "1.2.1"]


def test_a_grade_cell_blank_under_a_written_one_is_a_finding() -> None:
    # a 差 cell merged over two indicators reads as written in the first row only
    result = imported(
        row("一、职责"),
        row("1、活动", "到位率", *LADDER),
        row("", "完成率", "100%", "≥95%", "≥85%"),
    )
    (blank,) = findings(result, "blank-cell")
    assert (blank.indicator, blank.where.column, blank.text) == ("1.1.2", "评价标准 差", "<80%")
    assert "merged" in blank.action
    assert result.table.indicator("1.1.2").cells["差"] is None  # not filled in


def test_an_activity_without_indicators_is_left_out_with_its_source_row() -> None:
    result = imported(
        row("一、职责"),
        row("1、活动", "到位率", *LADDER),
        row("2、没有指标的活动"),
        row("3、活动三", "完成率", *LADDER),
        row("二、没有活动的职责"),
    )
    assert [a.id for a in result.table.activities()] == ["1.1", "1.3"]
    left = findings(result, "unplaced")
    assert [(f.indicator, f.text) for f in left] == [
        ("1.2", "没有指标的活动"),
        ("2", "没有活动的职责"),
    ]
    assert "source line 6" in left[0].action
    assert "source line 8" in left[1].action


@pytest.mark.parametrize(
    "title",
    [
        "某县第二局 2021 年部门职责-工作活动绩效目标",
        "某县第二局 2021 年部门职责-工作活动绩效目标" + "\t" * 8,
    ],
)
def test_a_second_table_of_the_same_duty_and_activity_names_is_not_merged_in(title: str) -> None:
    # found by the importer's fuzzer: the same names made the second table's rows read as the
    # first table's duty repeated on a page; the title in a cell of its own (a workbook's) too
    first = [row("一、职责1"), row("1、活动1.1", "指标1.1.1", *LADDER)]
    result = imported(*first, title, "324 第二局", HEADER, *first)
    assert [i.id for i in result.table.indicators()] == ["1.1.1"]
    (end,) = findings(result, "end")
    assert "second table (某县第二局 2021 年部门职责-工作活动绩效目标)" in end.action


@pytest.mark.parametrize("format", ["txt", "pdf"])
def test_a_section_heading_continued_on_each_page_keeps_every_indicator(
    format: str, tmp_path: Path
) -> None:
    # the bundled table's pages each under 五、…（续表） and the header again, as a PDF prints it
    table = perfscore.load_table("zanhuang-hrss-2018")
    layout = grid(table)
    body: list[tuple[str, ...]] = []
    for at, cells in enumerate(layout.body):
        if at and at % 20 == 0:
            body += [("五、部门职责-工作活动绩效目标（续表）",), ("单位：万元",), *HEADER_ROWS]
        body.append(cells)
    path = tmp_path / f"paged.{format}"
    out = write_grid(dataclasses.replace(layout, body=body), format)
    path.write_bytes(out.encode() if isinstance(out, str) else out)
    result = import_table(path, name=table.name)
    assert [(i.id, i.name, i.cells) for i in result.table.indicators()] == [
        (i.id, i.name, i.cells) for i in table.indicators()
    ]
    assert findings(result, "end") == []
