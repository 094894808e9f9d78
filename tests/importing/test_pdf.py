"""perfscore.importing._pdf: PDF pages read into rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

import perfscore
from perfscore.errors import PerfscoreError
from perfscore.importing import export_table, import_table
from perfscore.importing._export import head_lines, rows
from perfscore.importing._pdf import pdf_rows


def test_every_row_has_its_page(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    path = tmp_path / "t.pdf"
    export_table(perfscore.load_table("zanhuang-hrss-2018"), "pdf", path)
    read, findings = pdf_rows(path)
    assert read[0][2] == 1
    assert [r[2] for r in read] == sorted(r[2] for r in read)
    assert any(not prose and cells[:1] == ("职责活动",) for cells, _, _, prose in read)
    assert findings == []


def _unruled(table: Any, path: Path) -> None:
    """The table as export_table writes it, without the ruling lines."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as Grid

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    title = ParagraphStyle("title", parent=style, fontSize=12, leading=16)
    header = [
        ["职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准", "", "", ""],
        ["", "", "", "", "", "优", "良", "中", "差"],
    ]
    body = [[Paragraph(escape(t), style) for t in row] for row in (*header, *rows(table))]
    widths = [w * mm for w in (40, 16, 55, 45, 38, 22, 22, 22, 22)]
    grid = Grid(body, colWidths=widths, repeatRows=2)
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("SPAN", (5, 0), (8, 0))]))
    story: list[Any] = [Paragraph(escape(line), title) for line in head_lines(table)]
    document = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    document.build([*story, grid])


def test_a_table_without_ruling_lines_is_read_by_position(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    table = perfscore.load_table("zanhuang-hrss-2018")
    path = tmp_path / "unruled.pdf"
    _unruled(table, path)
    imported = import_table(path)
    assert [(i.id, i.name, i.cells) for i in imported.table.indicators()] == [
        (i.id, i.name, i.cells) for i in table.indicators()
    ]
    assert imported.table.activities()[2].description == table.activities()[2].description


def _canvas(path: Path, pages: list[str | None]) -> None:
    """A PDF of one page per item: a line of text, or (None) a scanned image and no text."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    drawn = canvas.Canvas(str(path))
    for text in pages:
        if text is None:
            drawn.drawImage(ImageReader(Image.new("L", (40, 40), 128)), 50, 50, 200, 200)
        else:
            drawn.drawString(50, 700, text)
        drawn.showPage()
    drawn.save()


def test_a_page_without_a_text_layer_is_named(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    path = tmp_path / "scan.pdf"
    _canvas(path, ["title", None])
    _, findings = pdf_rows(path)
    (finding,) = findings
    assert (finding.kind, finding.where.page) == ("scan", 2)
    assert "page 2 has no text layer" in finding.action
    assert "OCR" in finding.action


def test_a_file_of_scans_only_is_an_error(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    path = tmp_path / "scan.pdf"
    _canvas(path, [None, None])
    with pytest.raises(PerfscoreError, match=r"scan.pdf: no page of the file has a text layer"):
        pdf_rows(path)
    with pytest.raises(PerfscoreError, match="OCR"):
        import_table(path)


def test_a_page_of_too_many_ruling_lines_is_read_by_position(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "lines.pdf"
    drawn = canvas.Canvas(str(path))
    drawn.drawString(60, 800, "Unit: yuan")
    for k in range(125):  # 250 lines crossing at 15,625 points, in a few kilobytes
        drawn.line(50, 50 + 5.5 * k, 550, 50 + 5.5 * k)
        drawn.line(50 + 4 * k, 50, 50 + 4 * k, 740)
    drawn.save()
    assert path.stat().st_size < 10_000
    read, findings = pdf_rows(path)
    assert [cells for cells, *_ in read] == [("Unit: yuan",)]
    (finding,) = findings
    assert finding.kind == "source"
    assert f"{125 * 125:,} points" in finding.action


def test_every_page_is_closed_once_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    path = tmp_path / "t.pdf"
    _canvas(path, ["one", "two", "three"])
    closed: list[int | str] = []
    real, real_end = pdfplumber.page.Page.close, pdfplumber.PDF.close

    def close(page: Any) -> None:
        closed.append(page.page_number)
        real(page)

    def end(pdf: Any) -> None:
        closed.append("file")
        real_end(pdf)

    monkeypatch.setattr(pdfplumber.page.Page, "close", close)
    monkeypatch.setattr(pdfplumber.PDF, "close", end)
    read, _ = pdf_rows(path)
    assert [cells for cells, *_ in read] == [("one",), ("two",), ("three",)]
    assert closed[:4] == [1, 2, 3, "file"]  # each page as it is read, before the file


def test_centred_headers_wrapped_names_and_a_page_without_the_header(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "centred.pdf"
    drawn = canvas.Canvas(str(path))
    centres = (260, 330, 400, 470)  # the grade columns; names stand left at 50

    def row(y: float, name: str, cells: tuple[str, ...], size: int = 9) -> None:
        drawn.setFont("STSong-Light", size)
        drawn.drawString(50, y, name)
        for x, text in zip(centres, cells, strict=True):
            drawn.drawCentredString(x, y, text)

    drawn.setFont("STSong-Light", 14)
    drawn.drawString(50, 780, "某县某局 2019 年绩效目标")
    row(740, "绩效指标", ("优", "良", "中", "差"))
    row(716, "公益性岗位补贴到位率", ("100%", "≥90%", "≥80%", "<80%"))
    row(692, "就业服务指导培训", ("≥15次", "≥10次", "≥5次", "<5次"))
    drawn.drawString(50, 682, "次数")  # the name's second line, closer than a row
    drawn.showPage()
    row(760, "新增就业人员数量", ("≥500人", "≥480人", "≥460人", "<460人"))
    drawn.save()
    read, findings = pdf_rows(path)
    assert [(cells, page, prose) for cells, _, page, prose in read] == [
        (("某县某局 2019 年绩效目标",), 1, True),
        (("绩效指标", "优", "良", "中", "差"), 1, False),
        (("公益性岗位补贴到位率", "100%", "≥90%", "≥80%", "<80%"), 1, False),
        (("就业服务指导培训次数", "≥15次", "≥10次", "≥5次", "<5次"), 1, False),
        (("新增就业人员数量", "≥500人", "≥480人", "≥460人", "<460人"), 2, False),
    ]
    assert findings == []


def test_a_page_of_notes_after_a_ruled_table_is_prose(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    path = tmp_path / "notes.pdf"
    grid = Table([["name", "A", "B", "C"], ["rate", "100%", "90%", "80%"]])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    note = "Notes:        1. one        2. two        3. three"
    style = getSampleStyleSheet()["Normal"]
    SimpleDocTemplate(str(path)).build(
        [grid, PageBreak(), Paragraph(note.replace(" ", "&nbsp;"), style)]
    )
    read, _ = pdf_rows(path)
    assert [(cells, page, prose) for cells, _, page, prose in read] == [
        (("name", "A", "B", "C"), 1, False),
        (("rate", "100%", "90%", "80%"), 1, False),
        (("Notes: 1. one 2. two 3. three",), 2, True),
    ]
