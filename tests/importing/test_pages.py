"""perfscore.importing._pages: which lines between a table's rows are a page's running head,
and Chinese numerals read as numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.importing._export import chinese_ordinal
from perfscore.importing._pages import SECTION, chinese_number, head_key, running_head


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
