"""perfscore.importing._form_words: the header and level words that tell a form's columns."""

from __future__ import annotations

import re

import pytest

from perfscore.importing._form_words import (
    ANCHORS,
    BLOCK_LABELS,
    BLOCKS,
    BUDGET_PARTS,
    BUDGET_TOTALS,
    COLUMN_KINDS,
    FORM_LABELS,
    HEADER_WORDS,
    LEVEL1,
    LEVEL2,
    LEVEL_POINTS,
    SIGNS,
    column_kind,
    column_kinds,
    column_name,
    display_width,
    form_labels,
    header_word,
    score_column,
)
from perfscore.importing._run_rows import is_sign
from perfscore.notation._labels import simplified


@pytest.mark.parametrize(
    "word",
    [
        "指标方向性",
        "偏差原因及改进措施",
        "未完成原因及拟采取的改进措施",
        "一級指標",
        " 三级 指标 ",
        "優",
        "*指标值",  # the mark of a cell to be filled in
        "*指標(biāo)解釋",
        "*評(píng)(扣)分標(biāo)準(zhǔn)",
    ],
)
def test_header_words_in_any_spelling(word: str) -> None:
    assert header_word(word)


@pytest.mark.parametrize("word", ["产出指标", "数量指标", "培训人次", "≥95%", "", "(50)"])
def test_level_names_and_cells_are_not_header_words(word: str) -> None:
    assert not header_word(word)


def test_the_vocabularies_hold_together() -> None:
    assert ANCHORS <= HEADER_WORDS
    assert not (LEVEL1 | LEVEL2) & HEADER_WORDS  # a level name never reads as a header
    assert {"成本指标", "满意度指标"} <= LEVEL1 & LEVEL2


def test_full_width_characters_count_two_columns() -> None:
    assert display_width("ａ１") == 4
    assert display_width("a1") == 2
    assert display_width("一级指标  ≥95%") == 8 + 2 + 4  # ≥ is of ambiguous width: one


def test_block_labels_are_written_as_the_readers_compare_them() -> None:
    # the readers compare a cell's simplified text with these (startswith): a label written
    # otherwise (full-width brackets, traditional) would never match
    assert all(simplified(label) == label for label in BLOCK_LABELS)
    assert set(BLOCK_LABELS) >= BLOCKS


@pytest.mark.parametrize(
    ("printed", "points"),
    [
        ("产出指标(50分)", True),
        ("效益指标（30）", True),
        ("成本指标(0-20)分", True),  # a Chongqing goal form's range of points
        ("产出指标(40-50)分", True),
        ("满意度指标（5～10分）", True),
        ("产出指标(1-3)", False),  # a bare range says no 分: no level's points
        ("产出指标(2021-2023年)", False),
    ],
)
def test_a_levels_points_one_number_or_a_range(printed: str, points: bool) -> None:
    found = re.search(f"(?:{LEVEL_POINTS})$", printed)
    assert (found is not None) == points
    if found is not None:
        assert printed[: found.start()] in LEVEL1 | LEVEL2


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("分值", "weight"),
        ("指标分值", "weight"),
        ("权重", "weight"),
        ("权重占比", "weight"),
        ("得分", "points"),
        ("单项指标得分", "points"),
        ("自评得分", "points"),
        ("单项指标折算得分", "scaled"),  # 得分 × 权重占比: the weight would count twice
        ("折算得分", "scaled"),
        ("三级指标", None),
        ("实际完成值", None),
    ],
)
def test_a_score_column_by_its_header_word(word: str, kind: str | None) -> None:
    assert score_column(word) == kind


@pytest.mark.parametrize(
    "word", ["指标分值", "单项指标实际完成值", "单项指标完成情况", "自评得分", "权重占比(%)"]
)
def test_a_budget_systems_self_evaluation_header_words(word: str) -> None:
    assert header_word(word)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("指标值类型", "op"),  # the 指标性质, not the 指标值
        ("指标性质", "op"),
        ("调整指标值", "target2"),  # an adjusted target, never the year's
        ("预期指标值", "target"),
        ("得分系数", "ratio"),  # a share, no 得分
        ("得分计算方法", "explain"),  # how a score is reached: text, no 得分
        ("单项指标实际完成值", "actual"),
        ("单位(文字描述)", "unit"),
        ("单位名称", "unit_name"),  # the unit filling the form, no unit of measure
        ("备注", "reason"),  # a remark column, as REMARKS says
        ("单项指标折算得分", "scaled"),
        ("单项指标完成情况", None),
        ("培训人次", None),
    ],
)
def test_a_columns_kind_by_its_header_word(word: str, kind: str | None) -> None:
    assert column_kind(column_name(word)) == kind


def test_every_word_of_the_kinds_table_is_read_as_its_kind() -> None:
    # the table's words are exact words a run of text is searched for: each must read, folded
    # as a header cell is, as the kind the table gives it
    assert all(column_kind(column_name(w)) == k for w, k in COLUMN_KINDS.items())
    assert all(simplified(w) == w for w in COLUMN_KINDS)


@pytest.mark.parametrize(
    ("words", "kinds"),
    [
        (["绩效指标", "一级指标", "三级指标", "指标值"], ["side", "level1", "name", "target"]),
        (["绩效指标", "一级指标", "二级指标", "指标值"], ["side", "level1", "level2", "target"]),
        (["一级指标", "绩效指标", "指标值"], ["level1", "name", "target"]),
        (["绩效指标", "指标值", "分值"], ["name", "target", "weight"]),
    ],
)
def test_a_headers_kinds_read_a_performance_indicator_label_by_its_place(
    words: list[str], kinds: list[str]
) -> None:
    assert column_kinds(words) == kinds


def test_the_labels_above_a_form_are_one_table_written_as_the_readers_compare_them() -> None:
    # the readers compare a cell's simplified text with the printed labels, and read each as
    # the form's own word: that word is one of the table's printed labels too
    assert all(simplified(w) == w for w in FORM_LABELS)
    assert set(FORM_LABELS.values()) - {"联系人"} <= set(FORM_LABELS)
    assert set(BLOCK_LABELS) <= set(FORM_LABELS)
    assert not set(BUDGET_PARTS) & (set(FORM_LABELS) | set(BUDGET_TOTALS))  # 其中: a part


@pytest.mark.parametrize(
    ("word", "printed"),
    [
        ("项目名称", {"项目名称", "项目支出名称"}),
        ("实施单位", {"实施单位", "项目实施单位", "项目执行单位", "执行单位", "实施(主管)单位"}),
        ("主管部门", {"主管部门", "项目主管部门", "主管部门及代码", "主管部门及编码"}),
    ],
)
def test_a_forms_word_and_the_labels_printed_for_it(word: str, printed: set[str]) -> None:
    assert set(form_labels(word)) == printed
    assert "自治区主管部门" not in form_labels("主管部门")  # another level of government's


def test_every_sign_of_the_forms_is_a_comparison_the_notation_reads() -> None:
    # the readers' patterns take these characters as a target's start: each must be one
    assert all(is_sign(c) for c in SIGNS)
    assert not any(is_sign(c) for c in "率%人次1")
