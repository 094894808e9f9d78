"""perfscore.importing._word: Word documents read into rows."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from perfscore.errors import PerfscoreError
from perfscore.importing._word import docx_rows
from perfscore.notation._spreadsheets import MAX_RATIO


def test_paragraphs_are_prose_and_rows_are_cells(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("单位：万元")
    grid = document.add_table(rows=1, cols=2)
    grid.cell(0, 0).text = "职责活动"
    grid.cell(0, 1).text = "绩效指标"
    path = tmp_path / "t.docx"
    document.save(str(path))
    rows, findings = docx_rows(path)
    assert rows == [(("单位：万元",), 1, True), (("职责活动", "绩效指标"), 2, False)]
    assert findings == []


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _document(rows: list[list[str]]) -> tuple[Any, Any]:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    return document, grid


def _saved(document: Any, tmp_path: Path) -> tuple[list[Any], list[Any]]:
    path = tmp_path / "t.docx"
    document.save(str(path))
    rows, findings = docx_rows(path)
    return [r[0] for r in rows], findings


def test_a_cell_inside_a_content_control_is_read_in_place(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document, grid = _document([["绩效指标", "优", "良"], ["完成率", "100%", "≥90%"]])
    tc = grid.rows[1].cells[1]._tc
    sdt = parse_xml(f'<w:sdt xmlns:w="{_W}"><w:sdtPr/><w:sdtContent/></w:sdt>')
    tc.addprevious(sdt)
    sdt[1].append(tc)  # the cell now stands inside the content control
    cells, _ = _saved(document, tmp_path)
    assert cells[1] == ("完成率", "100%", "≥90%")


def test_a_nested_table_is_read_into_its_cell(tmp_path: Path) -> None:
    document, grid = _document(
        [["绩效指标", "优", "良"], ["完成率", "", "≥90%"], ["满意度", "≥95%", "≥90%"]]
    )
    inner = grid.cell(1, 1).add_table(rows=2, cols=2)
    for r, texts in enumerate([["100%", "上半年"], ["95%", "下半年"]]):
        for c, text in enumerate(texts):
            inner.cell(r, c).text = text
    cells, findings = _saved(document, tmp_path)
    assert len(cells) == 3  # no phantom rows
    assert cells[1][0] == "完成率"
    assert cells[1][1].splitlines()[-2:] == ["100% 上半年", "95% 下半年"]
    assert cells[2] == ("满意度", "≥95%", "≥90%")
    (finding,) = findings
    assert finding.kind == "nested-table"
    assert "100% 上半年" in finding.text


def test_alternate_content_is_read_once(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document, _ = _document([["绩效指标", "优"]])
    paragraph = document.add_paragraph("单位：")._p
    paragraph.append(
        parse_xml(
            f'<mc:AlternateContent xmlns:mc="{_MC}" xmlns:w="{_W}">'
            '<mc:Choice Requires="wps"><w:r><w:t>万元</w:t></w:r></mc:Choice>'
            "<mc:Fallback><w:r><w:t>万元</w:t></w:r></mc:Fallback></mc:AlternateContent>"
        )
    )
    cells, _ = _saved(document, tmp_path)
    assert cells[-1] == ("单位：万元",)


def test_hidden_text_and_hidden_rows_are_not_read(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document, grid = _document(
        [["绩效指标", "优"], ["完成率", "100%"], ["草稿指标", "0"], ["满意度", "≥95%"]]
    )
    run = grid.cell(1, 0).paragraphs[0].add_run("（内部）")
    run.font.hidden = True
    grid.rows[2]._tr.get_or_add_trPr().append(parse_xml(f'<w:hidden xmlns:w="{_W}"/>'))
    cells, findings = _saved(document, tmp_path)
    assert cells == [("绩效指标", "优"), ("完成率", "100%"), ("满意度", "≥95%")]
    assert sorted((f.kind, f.text) for f in findings) == [
        ("hidden", "草稿指标 | 0"),
        ("hidden", "（内部）"),
    ]


def test_a_huge_grid_span_is_cut_to_the_grid(tmp_path: Path) -> None:
    document, grid = _document([["绩效指标", "优"]])
    tc_pr = grid.cell(0, 1)._tc.get_or_add_tcPr()
    from docx.oxml import parse_xml

    tc_pr.append(parse_xml(f'<w:gridSpan xmlns:w="{_W}" w:val="999999999"/>'))
    cells, _ = _saved(document, tmp_path)
    assert cells == [("绩效指标", "优")]


def test_a_zip_bomb_is_refused_unopened(tmp_path: Path) -> None:
    document, _ = _document([["绩效指标", "优"]])
    path = tmp_path / "t.docx"
    document.save(str(path))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.xml", b" " * (MAX_RATIO * 2**14))
    with pytest.raises(PerfscoreError, match=r"the document part .* zip bomb"):
        docx_rows(path)


def test_text_a_tracked_move_took_away_is_read_once(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    document, _ = _document([["绩效指标", "优"]])
    paragraph = document.add_paragraph("单位：")._p
    for tag in ("moveFrom", "moveTo"):
        paragraph.append(
            parse_xml(
                f'<w:{tag} xmlns:w="{_W}" w:id="1" w:author="a"><w:r><w:t>万元</w:t></w:r>'
                f"</w:{tag}>"
            )
        )
    cells, _ = _saved(document, tmp_path)
    assert cells[-1] == ("单位：万元",)
