"""perfscore.importing._pages: which lines between a table's rows are a page's running head,
and Chinese numerals read as numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.importing._export import chinese_ordinal
from perfscore.importing._pages import (
    SECTION,
    chinese_number,
    head_key,
    page_break,
    page_breaks_left_out,
    running_head,
)


@pytest.mark.parametrize(
    "text",
    ["五、部门职责-工作活动绩效目标（续表）", "（续）", "续上表", "单位：万元", "单位:元", "- 12 -",
     "第 3 页", "第3页，共12页", "3/12", "323 人社局", "12", ""],
)  # fmt: skip
def test_running_heads(text: str) -> None:
    assert running_head(text, set())


@pytest.mark.parametrize(
    "text",
    ["六、政府采购预算情况", "2018年我单位没有安排政府采购预算", "12、就业服务", "1、活动",
     "新增就业人员数量", "2018年度就业"],
)  # fmt: skip
def test_lines_that_are_no_running_head(text: str) -> None:
    assert not running_head(text, set())


def test_a_line_seen_above_the_table_is_a_running_head_when_repeated() -> None:
    heads = {head_key("五、绩效 预算信息"), head_key("某县某局 2019 年部门职责-工作活动绩效目标")}
    assert running_head("五、绩效预算信息（续表）", heads)
    assert running_head("某县某局2019年部门职责-工作活动绩效目标", heads)
    assert not running_head("六、政府采购预算情况", heads)
    assert SECTION.match("六、政府采购预算情况")
    assert SECTION.match("（六）其他")


@given(st.integers(1, 9999))
def test_chinese_number_reads_the_ordinals_the_export_writes(n: int) -> None:
    assert chinese_number(chinese_ordinal(n)) == n


@pytest.mark.parametrize(("text", "value"), [("十", 10), ("两百", 200), ("一千零五", 1005)])
def test_chinese_number(text: str, value: int) -> None:
    assert chinese_number(text) == value
    assert chinese_number("") is None
    assert chinese_number("十a") is None


HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "分值"]


@pytest.mark.parametrize("number", ["第2页", "第 2 页", "- 3 -", "－ 3 －", "第3页，共12页"])
def test_a_pages_number_among_the_rows_is_a_pages_end_with_the_header_again_or_not(
    number: str,
) -> None:
    rows = ["资金未及时拨付", number, *HEADER, "产出指标", "数量指标"]
    assert page_break(rows, 1, HEADER) == 1 + len(HEADER)
    assert page_break(["无", number, "产出指标", "数量指标"], 1, HEADER) == 1


def test_a_number_a_cell_may_read_is_a_pages_only_before_the_header_or_on_a_line_alone() -> None:
    assert page_break(["26", "0", "2", *HEADER[1:]], 2, HEADER) == len(HEADER)
    assert page_break(["26", "0", "2", "效益指标"], 2, HEADER) == 0
    assert page_break(["26", "0", "2", "效益指标"], 2, HEADER, alone=lambda i, j: True) == 1
    # 14 then a page's 2: two cells, not the number 142
    assert page_break(["14", "2", *HEADER], 0, HEADER) == 0
    assert page_break(["14", "2", *HEADER], 1, HEADER) == 1 + len(HEADER)


def test_the_header_again_may_leave_its_side_label_out_and_wrap_its_words() -> None:
    again = ["- 2 -", "一级", "指标", "二级指标", "三级指标", "年度", "指标值", "分值", "产出指标"]
    assert page_break(again, 0, HEADER) == len(again) - 1
    assert page_break(["第", "2", "页", *HEADER[1:4]], 0, HEADER) == 3  # the header cut short


def test_pages_ends_are_left_out_up_to_the_next_blocks_labels_with_a_finding_each() -> None:
    texts = [*HEADER[1:], "产出指标", "数量指标", "培训人次", "≥500人次", "10", "第2页", *HEADER,
             "合格率", "≥95%", "10", "项目名称", "某项目", "第3页", *HEADER]  # fmt: skip
    lines = list(range(1, len(texts) + 1))
    kept, findings = page_breaks_left_out(texts, texts, lines, len(HEADER) - 1, HEADER)
    # the next project's own header, after its labels, is its own: only its page's number goes
    # when that block is read under its header
    assert kept == [*HEADER[1:], "产出指标", "数量指标", "培训人次", "≥500人次", "10", "合格率",
                    "≥95%", "10", "项目名称", "某项目", "第3页", *HEADER]  # fmt: skip
    assert [(f.where.line, f.text, f.kind) for f in findings] == [
        (11, " ".join(["第2页", *HEADER]), "source")
    ]


def test_the_next_pages_head_between_its_number_and_the_header_is_the_pages_end() -> None:
    assert page_break(["第2页", "（续表）", "单位：万元", *HEADER, "产出指标"], 0, HEADER) == 9
    assert page_break(["2", "单位：万元", *HEADER[1:]], 0, HEADER) == 2 + len(HEADER) - 1
    assert page_break(["项目支出绩效自评表（续表）", "产出指标"], 0, HEADER) == 1
    assert page_break(["单位：万元", "产出指标"], 0, HEADER) == 0  # a unit alone: no page's sure
    assert page_break(["单位：万元", *HEADER], 0, HEADER) == 1 + len(HEADER)
