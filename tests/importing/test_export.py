"""perfscore.importing._export: a table written back out in its
published layout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings

import perfscore
from perfscore.importing import FORMATS, export_table, exportable
from perfscore.importing._export import HEADER, chinese_ordinal, head_lines, rows
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
