"""perfscore.importing._export: a table written back out in its
published layout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.importing import FORMATS, export_table, exportable, import_table
from perfscore.importing._export import (
    HEADER,
    TARGETS_HEADER,
    chinese_ordinal,
    grid,
    head_lines,
    merge_down,
    rows,
    target_rows,
)
from perfscore.testing.strategies import tables
from tests.scoring_data import small, zanhuang


def test_exportable_keeps_all_but_readings_and_source() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    kept = exportable(table)
    assert [(i.id, i.name, i.unit, i.cells) for i in kept.indicators()] == [
        (i.id, i.name, i.unit, i.cells) for i in table.indicators()
    ]
    assert kept.model_dump(exclude={"source", "duties"}) == table.model_dump(
        exclude={"source", "duties"}
    )
    assert [r for i in kept.indicators() for r in i.readings] == []


@given(table=tables())
@settings(max_examples=30, deadline=None)
def test_exportable_is_idempotent_and_keeps_every_ladder(table: perfscore.Table) -> None:
    kept = exportable(table)
    assert exportable(kept) == kept
    for before, after in zip(table.indicators(), kept.indicators(), strict=True):
        assert after.ladder == before.ladder


def test_export_arguments() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    with pytest.raises(TypeError):
        export_table("zanhuang-hrss-2018", "txt")  # type: ignore[arg-type]
    with pytest.raises(perfscore.PerfscoreError, match="unknown format"):
        export_table(table, "odt")


# -- the published layout --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "ordinal"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (13, "十三"), (20, "二十"), (40, "四十"),
     (99, "九十九")],
)  # fmt: skip
def test_chinese_ordinal(n: int, ordinal: str) -> None:
    assert chinese_ordinal(n) == ordinal


def test_the_lines_above_the_table() -> None:
    assert head_lines(zanhuang)[1:] == ["323 人社局", "单位：万元"]
    assert head_lines(zanhuang)[0] == zanhuang.title
    assert head_lines(small) == ["测试局 2020 年部门职责-工作活动绩效目标"]  # a title made up


def test_rows_are_a_duty_then_its_activities_and_indicators_nine_cells_each() -> None:
    laid_out = list(rows(small))
    assert all(len(row) == len(HEADER[0]) == 9 for row in laid_out)
    assert laid_out == [
        ("一、职责一", "", "", "", "", "", "", "", ""),
        ("1、活动一", "", "", "", "到位率", "100%", "≥90%", "≥80%", "<80%"),
        ("", "", "", "", "完成率", "100%", "≥90%", "≥80%", "<80%"),
        ("2、活动二", "", "", "", "培训人数", "≥500", "≥400", "≥300", "<300"),
        ("二、职责二", "", "", "", "", "", "", "", ""),
        ("1、活动三", "", "", "", "违纪次数", "1次", "", "", "1次以上"),
        ("", "", "", "", "实施效果", "有效实施", "能完整的实施", "基本上能实施", "不能很好实施"),
    ]


def test_the_text_export_is_the_lines_the_header_and_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    text = export_table(small, "txt", path)
    assert isinstance(text, str)
    assert path.read_text(encoding="utf-8") == text
    lines = text.splitlines()
    assert lines[:4] == [
        "测试局 2020 年部门职责-工作活动绩效目标",
        "",
        "\t".join(HEADER[0]),
        "\t".join(HEADER[1]),
    ]
    assert lines[4:] == ["\t".join(row) for row in rows(small)]


def test_every_format_gives_text_or_a_files_bytes(tmp_path: Path) -> None:
    assert FORMATS == ("txt", "xlsx", "docx", "pdf")
    starts = {"xlsx": b"PK", "docx": b"PK", "pdf": b"%PDF"}
    for format, start in starts.items():
        out = export_table(small, format)
        assert isinstance(out, bytes)
        assert out.startswith(start)


def _fonts(pdf: bytes) -> list[dict[str, object]]:
    """Every font a PDF's pages name, its descendant font's descriptor resolved (pdfminer)."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    found: list[dict[str, object]] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for font in resolve1(page.page_obj.resources.get("Font", {})).values():
                font = resolve1(font)
                for descendant in resolve1(font.get("DescendantFonts", [font])):
                    descriptor = resolve1(resolve1(descendant).get("FontDescriptor", {}))
                    found.append({"BaseFont": font["BaseFont"].name, **descriptor})
    return found


def test_the_pdf_embeds_the_subset_of_its_chinese_font_it_uses() -> None:
    import pdfplumber

    export_table(small, "pdf")  # another table's subset first: each PDF has its own
    pdf = export_table(zanhuang, "pdf")
    assert isinstance(pdf, bytes)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "".join(page.extract_text() for page in document.pages)
        drawn_with = {c["fontname"] for page in document.pages for c in page.chars}
    # Every character is drawn with a font the PDF carries (FontFile2: TrueType glyphs), a
    # subset (the AAAAAA+ prefix); none with a font only named (the CID font STSong-Light
    # before, which a reader without it draws as nothing).
    embedded = {f["BaseFont"] for f in _fonts(pdf) if "FontFile2" in f}
    assert drawn_with
    assert drawn_with <= embedded
    assert all(name.split("+")[1].startswith("NotoSansSC-Regular-") for name in drawn_with)
    assert b"STSong" not in pdf
    assert len(pdf) < 1_000_000  # a subset: the whole font is 8 MB
    flat = text.replace("\n", "").replace(" ", "")
    for line in head_lines(zanhuang):
        assert line.replace(" ", "") in flat
    for duty in zanhuang.duties:
        assert duty.name[:6] in flat
    assert all(c in text for c in "优良中差")


def test_an_exported_workbooks_title_and_cells_are_text_never_formulas(tmp_path: Path) -> None:
    import openpyxl

    from tests.scoring_data import small_table_data

    data = small_table_data()
    data["title"] = '=HYPERLINK("http://x","点击")'
    data["duties"][0]["name"] = "@SUM(A1)"
    data["duties"][0]["activities"][0]["indicators"][0]["name"] = "=1+2"
    path = tmp_path / "small.xlsx"
    export_table(perfscore.load_table(data), "xlsx", path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    assert sheet["A1"].value == data["title"]
    texts = [str(cell.value) for cell in cells]
    assert "=1+2" in texts
    assert any("@SUM(A1)" in text for text in texts)


_GROUPS = ("", "万", "亿")


def _reference_reading(n: int) -> str:
    """The numeral read digit by digit, in groups of four (个 万 亿, below 10¹²): each
    group's digits with 千 百 十, a run of zeros read as one 零 before the next digit (the
    zeros that end a group are not read), a group of zeros without its unit, and 一十 at
    the start read 十."""
    digits = str(n)
    groups = [digits[max(0, end - 4) : end] for end in range(len(digits), 0, -4)][::-1]
    out = ""
    for index, group in enumerate(groups):
        unit = _GROUPS[len(groups) - 1 - index]
        group = group.rjust(4, "0") if index else group
        written, zero = False, False
        for at, digit in enumerate(group):
            place = ("千", "百", "十", "")[4 - len(group) + at]
            if digit == "0":
                zero = zero or bool(out)
                continue
            out += ("零" if zero else "") + "零一二三四五六七八九"[int(digit)] + place
            zero, written = False, True
        if written:
            out += unit
    return out[1:] if out.startswith("一十") else out


@given(st.integers(1, 10**12 - 1))
def test_chinese_ordinal_reads_as_the_reference_reading(n: int) -> None:
    assert chinese_ordinal(n) == _reference_reading(n)


@pytest.mark.parametrize(
    ("n", "ordinal"),
    [(100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"), (200, "二百"),
     (1001, "一千零一"), (1010, "一千零一十"), (10000, "一万"), (100000, "十万"),
     (10010, "一万零一十"), (101000000, "一亿零一百万"), (10**12 + 10**8, "一万零一亿")],
)  # fmt: skip
def test_chinese_ordinal_past_ninety_nine(n: int, ordinal: str) -> None:
    assert chinese_ordinal(n) == ordinal


def test_chinese_ordinal_arguments() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        chinese_ordinal(0)
    with pytest.raises(TypeError):
        chinese_ordinal(True)


# -- targets tables ----------------------------------------------------------------------------

TARGETS = Path(__file__).parents[2] / "examples" / "targets-invented-2023.yaml"


def _carried(table: perfscore.TargetsTable) -> list[tuple[object, ...]]:
    """What the goal form carries of each indicator and project."""
    return [
        *((i.id, i.levels, i.name, i.op, i.target, i.unit, i.weight, i.direction)
          for i in table.indicators()),
        *((p.id, p.name, p.department, p.budget.planned if p.budget else None, p.goal)
          for p in table.projects),
    ]  # fmt: skip


@pytest.mark.parametrize("format", FORMATS)
def test_a_targets_table_exports_in_the_goal_form_and_imports_back(
    format: str, tmp_path: Path
) -> None:
    table = perfscore.load_table(TARGETS)
    assert isinstance(table, perfscore.TargetsTable)
    path = tmp_path / f"targets.{format}"
    export_table(table, format, path)
    back = import_table(path, name=table.name, year=table.year)
    assert back.layout == "targets (goal)"
    assert isinstance(back.table, perfscore.TargetsTable)
    assert _carried(back.table) == _carried(table)
    assert (back.table.title, back.table.department.name, back.table.money_unit) == (
        table.title,
        table.department.name,
        table.money_unit,
    )


def test_the_goal_form_writes_a_project_and_each_level_once() -> None:
    table = perfscore.load_table(TARGETS)
    assert isinstance(table, perfscore.TargetsTable)
    laid_out = list(target_rows(table))
    assert len(laid_out) == len(table)
    assert {len(r) for r in laid_out} == {len(TARGETS_HEADER)}
    assert [r[1] for r in laid_out if r[1]] == [p.name for p in table.projects]
    assert [r[4] for r in laid_out[:6]] == ["产出指标", "", "", "效益指标", "", "满意度指标"]
    assert [r[5] for r in laid_out[:6]] == ["数量指标", "质量指标", "时效指标", "社会效益指标", "",
                                             "服务对象满意度指标"]  # fmt: skip
    layout = grid(table)
    # the first project's four cells over its six rows, 效益指标 over its two, and so on
    assert (1, 1, 6, 1) in layout.merges
    assert (4, 4, 5, 4) in layout.merges
    assert (4, 5, 5, 5) in layout.merges
    assert (1, 4, 3, 4) in layout.merges
    text = export_table(table, "txt")
    assert isinstance(text, str)
    assert text.splitlines()[3] == "\t".join(TARGETS_HEADER)


def test_the_workbook_merges_the_goal_forms_cells() -> None:
    import openpyxl

    table = perfscore.load_table(TARGETS)
    out = export_table(table, "xlsx")
    assert isinstance(out, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(out)).active
    assert sheet is not None
    merged = {str(r) for r in sheet.merged_cells.ranges}
    heads = len(head_lines(table))  # the lines above, then the header row
    assert f"B{heads + 2}:B{heads + 7}" in merged  # the first project's name over its rows


def test_words_vertical_merge_is_the_one_python_docx_writes() -> None:
    import docx

    def merged(by_hand: bool) -> list[list[str | None]]:
        table = docx.Document().add_table(rows=5, cols=2)
        cells = [row.cells for row in table.rows]
        if by_hand:
            merge_down([cells[r][0] for r in range(1, 4)])
        else:
            cells[1][0].merge(cells[3][0])
        return [[tc.vMerge for tc in tr.tc_lst] for tr in table._tbl.tr_lst]

    assert merged(by_hand=True) == merged(by_hand=False)
    assert [row[0] for row in merged(by_hand=True)] == [
        None,
        "restart",
        "continue",
        "continue",
        None,
    ]


def test_a_table_of_a_hundred_and_more_duties_exports_and_imports_back() -> None:
    cells = {"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"}
    duties = [
        {"id": f"{d}", "name": f"职责{d}", "activities": [{"id": f"{d}.1", "name": "活动",
         "indicators": [{"id": f"{d}.1.1", "name": "到位率", "unit": "percent",
                         "cells": cells}]}]}
        for d in range(1, 112)
    ]  # fmt: skip
    table = perfscore.load_table(
        {"name": "many", "department": {"name": "某局"}, "year": 2020, "duties": duties}
    )
    text = export_table(table, "txt")
    assert isinstance(text, str)
    back = import_table(text, name="many").table
    assert [d.ordinal for d in back.duties] == [chinese_ordinal(n) for n in range(1, 112)]
    assert back.model_copy(update={"source": None}) == exportable(table)


def test_the_workbook_merges_every_range_of_the_layout_and_blanks_the_cells_under_them() -> None:
    import openpyxl

    table = perfscore.load_table("zanhuang-hrss-2018")
    out = export_table(table, "xlsx")
    assert isinstance(out, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(out)).active
    assert sheet is not None
    first = len(head_lines(table)) + 1  # the header's row
    merged = {(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges}
    layout = {(first + t, 1 + c, first + b, 1 + e) for t, c, b, e in grid(table).merges}
    heads = {(row, 1, row, 9) for row in range(1, first)}  # the lines above, across
    assert merged == layout | heads
    for top, left, bottom, right in layout:
        covered = [
            sheet.cell(row, column).value
            for row in range(top, bottom + 1)
            for column in range(left, right + 1)
        ]
        assert covered[1:] == [None] * (len(covered) - 1)
