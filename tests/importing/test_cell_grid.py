"""perfscore.importing._cell_grid: cells in reading order put back into rows under a header."""

from __future__ import annotations

from perfscore.importing._cell_grid import Cell, regroup


def one_a_line(*texts: str) -> list[Cell]:
    return [(text, k, False) for k, text in enumerate(texts, start=1)]


def table(cells: list[Cell], form: str = "one cell per line") -> list[tuple[str, ...]]:
    read = regroup(cells, form)
    assert read is not None
    return [row.cells for row in read.rows if not row.prose]


def test_cells_without_a_header_of_the_forms_are_no_table() -> None:
    assert regroup(one_a_line("项目名称", "某项目", "培训人次", "≥500人次"), "x") is None


def test_rows_start_where_their_first_cell_says_and_each_short_row_is_a_finding() -> None:
    cells = one_a_line(
        *("一级指标", "二级指标", "三级指标", "指标值"),
        *("产出指标", "数量指标", "培训人次", "≥500人次"),
        *("合格率", "≥95%"),
        *("时效指标", "完成时间", "2021年12月"),
    )
    assert table(cells)[1:] == [
        ("产出指标", "数量指标", "培训人次", "≥500人次"),
        ("", "", "合格率", "≥95%"),
        ("", "时效指标", "完成时间", "2021年12月"),
    ]
    read = regroup(cells, "one cell per line")
    assert read is not None
    assert read.findings[0].action == "read as one cell per line: 3 rows of 4 columns"
    short = [(f.where.line, f.text) for f in read.findings if "fewer cells" in f.action]
    assert short == [(9, "合格率"), (11, "时效指标")]


def test_the_cells_above_the_header_are_rows_to_each_marked_end() -> None:
    cells: list[Cell] = [
        ("项目名称", 1, False),
        ("某项目", 1, True),
        ("三级指标", 2, False),
        ("指标值", 2, False),
        ("分值", 2, True),
        ("培训人次", 3, False),
        ("≥500人次", 3, False),
        ("10", 3, True),
    ]
    assert table(cells, "pipe cells") == [
        ("项目名称", "某项目"),
        ("三级指标", "指标值", "分值"),
        ("培训人次", "≥500人次", "10"),
    ]
