"""perfscore.importing._xls: old Excel workbooks read into the cells an .xlsx of them gives."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwt  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

import perfscore
from perfscore.importing import export_table, exportable, import_table
from perfscore.importing._sources import read_source, read_xlsx

# (row, column, value, number format or None); merges as (first row, last row, first col, last)
Cell = tuple[int, int, Any, str | None]
Merge = tuple[int, int, int, int]

CELLS: list[Cell] = [
    (0, 0, "某县2021年度项目绩效目标表", None),
    (1, 0, "单位：万元", None),
    (2, 0, "一级指标", None),
    (2, 1, "三级指标", None),
    (2, 2, "指标值", None),
    (2, 3, "分值", None),
    (2, 4, "预算数", None),
    (3, 0, "产出指标", None),
    (3, 1, "到位率", None),
    (3, 2, 0.955, "0.0%"),
    (3, 3, 10, None),
    (3, 4, 1234.5, "#,##0.00"),
    (4, 1, "合格率", None),
    (4, 2, 1, "0%"),
    (4, 3, 2.5, None),
    (4, 4, 0.1 + 0.2, None),
    (5, 1, "完成时限", None),
    (5, 2, datetime.datetime(2021, 3, 5), "m-d"),
    (5, 3, True, None),
]
MERGES: list[Merge] = [(0, 0, 0, 4), (3, 5, 0, 0)]


def write_xls(path: Path, cells: list[Cell], merges: list[Merge]) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("表1")
    spans = {(r1, c1): (r2, c2) for r1, r2, c1, c2 in merges}
    for r, c, value, number_format in cells:
        style = xlwt.easyxf(num_format_str=number_format or "General")
        if (r, c) in spans:
            r2, c2 = spans[r, c]
            sheet.write_merge(r, r2, c, c2, value, style)
        else:
            sheet.write(r, c, value, style)
    book.save(str(path))
    return path


def write_xlsx(path: Path, cells: list[Cell], merges: list[Merge]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for r, c, value, number_format in cells:
        cell = sheet.cell(r + 1, c + 1, value)
        if number_format:
            cell.number_format = number_format
    for r1, r2, c1, c2 in merges:
        sheet.merge_cells(
            f"{get_column_letter(c1 + 1)}{r1 + 1}:{get_column_letter(c2 + 1)}{r2 + 1}"
        )
    book.save(path)
    return path


def test_an_xls_reads_as_the_same_table_in_xlsx(tmp_path: Path) -> None:
    old = read_source(write_xls(tmp_path / "t.xls", CELLS, MERGES))
    new = read_xlsx(write_xlsx(tmp_path / "t.xlsx", CELLS, MERGES))
    assert [(r.cells, r.line, r.prose) for r in old.rows] == [
        (r.cells, r.line, r.prose) for r in new.rows
    ]
    assert [(r.prose, r.cells) for r in old.rows][:3] == [
        (True, ("某县2021年度项目绩效目标表",)),
        (False, ("单位：万元", "", "", "", "")),  # not merged: a row, as from the .xlsx
        (False, ("一级指标", "三级指标", "指标值", "分值", "预算数")),
    ]
    assert old.rows[3].cells == ("产出指标", "到位率", "95.5%", "10", "1,234.50")
    assert old.rows[4].cells == ("", "合格率", "100%", "2.5", "0.3")
    assert old.rows[5].cells == ("", "完成时限", "3-5", "是", "")
    assert [(f.kind, str(f.where)) for f in old.findings] == [("date", "row 6, column C")]
    assert [str(f) for f in old.findings] == [str(f) for f in new.findings]


FORMATS = ["General", "0%", "0.0%", "0.00", "#,##0", "#,##0.00", "@"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.integers(-(10**9), 10**9),
                st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 4)),
                st.text(alphabet="指标值≥%人次 ", min_size=1, max_size=5),
            ),
            st.sampled_from(FORMATS),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_every_value_prints_as_in_the_same_xlsx(
    tmp_path_factory: pytest.TempPathFactory, values: list[tuple[Any, str]]
) -> None:
    cells: list[Cell] = [(k // 3, k % 3, v, f) for k, (v, f) in enumerate(values)]
    folder = tmp_path_factory.mktemp("x")
    old = read_source(write_xls(folder / "t.xls", cells, []))
    new = read_xlsx(write_xlsx(folder / "t.xlsx", cells, []))
    assert [r.cells for r in old.rows] == [r.cells for r in new.rows]


def test_hidden_sheets_rows_and_columns_are_not_read(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    hidden = book.add_sheet("隐藏")
    hidden.write(0, 0, "绩效指标")
    hidden.visibility = 1  # hidden (xlwt writes the sheet state from this)
    book.active_sheet = 1
    sheet = book.add_sheet("表")
    for c, word in enumerate(("三级指标", "备用", "指标值")):
        sheet.write(0, c, word)
        sheet.write(1, c, f"{word}1")
        sheet.write(2, c, f"{word}2")
    sheet.col(1).hidden = True
    sheet.row(2).hidden = True
    path = tmp_path / "hidden.xls"
    book.save(str(path))
    assert [r.cells for r in read_source(path).rows] == [
        ("三级指标", "指标值"),
        ("三级指标1", "指标值1"),
    ]


def test_the_sheet_with_the_table_is_chosen(tmp_path: Path) -> None:
    book = xlwt.Workbook()
    book.add_sheet("说明").write(0, 0, "填报说明")
    table = book.add_sheet("目标表")
    table.write(0, 0, "三级指标")
    table.write(0, 1, "指标值")
    path = tmp_path / "two.xls"
    book.save(str(path))
    assert read_source(path).rows[0].cells == ("三级指标", "指标值")


def test_a_damaged_xls_and_an_xlsx_named_xls(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.xls"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(perfscore.PerfscoreError, match=r"damaged\.xls"):
        read_source(damaged)
    renamed = write_xlsx(tmp_path / "renamed.xls", CELLS, MERGES)
    with pytest.raises(perfscore.PerfscoreError, match=r"renamed\.xls is an \.xlsx .* rename it"):
        read_source(renamed)


def test_the_bundled_table_round_trips_through_an_xls(tmp_path: Path) -> None:
    bundled = perfscore.load_table("zanhuang-hrss-2018")
    xlsx = tmp_path / "z.xlsx"
    export_table(bundled, "xlsx", xlsx)
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    cells: list[Cell] = [
        (c.row - 1, c.column - 1, c.value, c.number_format)
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None and c.row is not None and isinstance(c.column, int)
    ]
    merges: list[Merge] = [
        (m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1)
        for m in sheet.merged_cells.ranges
    ]
    xls = write_xls(tmp_path / "zanhuang-hrss-2018.xls", cells, merges)
    back = import_table(xls, name="zanhuang-hrss-2018").table
    assert back.model_copy(update={"source": None}) == exportable(bundled)
