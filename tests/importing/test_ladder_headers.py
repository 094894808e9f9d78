"""perfscore.importing._ladder_headers: a ladder table's header recognised, each role's column
and the grade columns in the order the header gives them."""

from __future__ import annotations

import pytest

from perfscore.importing._ladder_headers import find_header, header_word
from perfscore.importing._sources import SourceRow


def _rows(*lines: tuple[str, ...]) -> list[SourceRow]:
    return [SourceRow(cells, number) for number, cells in enumerate(lines, start=1)]


@pytest.mark.parametrize("order", ["优良中差", "差中良优", "良优差中"])
def test_the_grade_columns_follow_the_header(order: str) -> None:
    rows = _rows(("职责活动", "绩效指标", "评价标准", "", "", ""), ("", "", *order))
    header = find_header(rows, 0)
    assert header is not None
    assert (header.layout, header.rows, header.columns) == (
        "ladders",
        2,
        {"activity": 0, "name": 1},
    )
    assert [order[i - 2] for i in header.grades] == list("优良中差")


def test_a_one_row_header_with_grades_written_out() -> None:
    header = find_header(_rows(("绩效指标分类", "绩效指标", "优秀", "良好", "一般", "较差")), 0)
    assert header is not None
    assert (header.layout, header.grades, header.rows) == ("project", (2, 3, 4, 5), 1)


@pytest.mark.parametrize(
    "cells", [("绩效指标", "评价标准"), ("职责活动", "评价标准", "", "", ""), ("2018", "绩效指标")]
)
def test_no_header(cells: tuple[str, ...]) -> None:
    assert find_header(_rows(cells), 0) is None


def test_header_word() -> None:
    assert header_word(" 年度预算数（万元） ") == "年度预算数"
    assert header_word("2018年") is None
    assert header_word("") is None
