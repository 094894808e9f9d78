"""Each repair an import makes, with the finding it gives
(perfscore.importing._repairs)."""

from __future__ import annotations

import pytest

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


def test_a_cell_of_words_in_traditional_characters_is_kept_as_printed() -> None:
    result = imported(
        row("一、职责"), row("1、活动", "实施情况", "有效實施", "基本實施", "部分", "並未")
    )
    (indicator,) = result.table.indicators()
    assert indicator.cells["优"] == "有效實施"
    assert not findings(result, "traditional")
    assert indicator.grade("有效实施").value == "优"  # compared across scripts
