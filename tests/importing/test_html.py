"""perfscore.importing._html: web pages read into rows, merged cells as a spreadsheet gives them."""

from __future__ import annotations

import html
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

import perfscore
from perfscore.importing import export_table, exportable, import_table
from perfscore.importing._html import decode_html, looks_like_html, read_html
from perfscore.importing._sources import read_source, read_xlsx

# A merged block: (row, column, rows spanned, columns spanned, text).
Block = tuple[int, int, int, int, str]


def page(blocks: list[Block], rows: int, columns: int) -> str:
    """An HTML table whose cells are ``blocks`` (the rest blank, one cell each)."""
    covered = {(r + dr, c + dc) for r, c, h, w, _ in blocks for dr in range(h) for dc in range(w)}
    starts = {(r, c): (h, w, text) for r, c, h, w, text in blocks}
    lines = ["<table>"]
    for r in range(rows):
        cells = []
        for c in range(columns):
            if (r, c) in starts:
                h, w, text = starts[r, c]
                cells.append(f'<td rowspan="{h}" colspan="{w}">{html.escape(text)}</td>')
            elif (r, c) not in covered:
                cells.append("<td></td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join([*lines, "</table>"])


def sheet(blocks: list[Block], rows: int, columns: int, path: Path) -> Path:
    """The same cells as a worksheet with merged ranges."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for _ in range(rows):
        ws.append([None] * columns)
    for r, c, h, w, text in blocks:
        ws.cell(r + 1, c + 1, text)
        if h > 1 or w > 1:
            ws.merge_cells(f"{get_column_letter(c + 1)}{r + 1}:{get_column_letter(c + w)}{r + h}")
    ws.cell(rows, columns, "末")  # the sheet's extent is the page's
    book.save(path)
    return path


@st.composite
def merged_tables(draw: st.DrawFn) -> tuple[list[Block], int, int]:
    """Tables of 2-6 rows and 2-5 columns with non-overlapping merged blocks."""
    rows, columns = draw(st.integers(2, 6)), draw(st.integers(2, 5))
    taken: set[tuple[int, int]] = {(rows - 1, columns - 1)}
    blocks: list[Block] = []
    words = st.text(alphabet="产出数量指标≥95%人次良", min_size=1, max_size=6)
    for _ in range(draw(st.integers(1, 8))):
        r, c = draw(st.integers(0, rows - 1)), draw(st.integers(0, columns - 1))
        h, w = draw(st.integers(1, rows - r)), draw(st.integers(1, columns - c))
        cells = {(r + dr, c + dc) for dr in range(h) for dc in range(w)}
        if cells & taken or w >= max(2, columns // 2):  # a wide merge is a title: see below
            continue
        taken |= cells
        blocks.append((r, c, h, w, draw(words)))
    blocks.append((rows - 1, columns - 1, 1, 1, "末"))
    return blocks, rows, columns


@settings(max_examples=40, deadline=None)
@given(merged_tables())
def test_merged_cells_read_as_from_a_spreadsheet(
    tmp_path_factory: pytest.TempPathFactory, table: tuple[list[Block], int, int]
) -> None:
    blocks, rows, columns = table
    from_page = read_html(page(blocks, rows, columns))
    path = sheet(blocks, rows, columns, tmp_path_factory.mktemp("x") / "t.xlsx")
    assert [r.cells for r in from_page.rows] == [r.cells for r in read_xlsx(path).rows]


def test_spans_title_unit_line_breaks_and_entities() -> None:
    source = read_html(
        """<html><head><title>不读</title><style>td {}</style></head><body>
        <h2>某县2021年度&nbsp;项目支出绩效自评表</h2>
        <p>单位：万元</p>
        <table border=1>
        <tr><th colspan="4">（续表）</th></tr>
        <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th></tr>
        <tr><td rowspan="3">产出指标</td><td rowspan=2>数量指标</td><td>培训<br/>人次</td>
            <td>&ge;500&#20154;次</td></tr>
        <tr><td>覆盖率</td><td>&gt;=95%</td></tr>
        <tr><td>质量指标</td><td>合格率</td><td>100%</td></tr>
        </table><script>var x = "<td>";</script><p>注：本表金额单位为万元</p></body></html>"""
    )
    assert [(r.prose, r.cells) for r in source.rows] == [
        (True, ("某县2021年度 项目支出绩效自评表",)),
        (True, ("单位：万元",)),
        (True, ("（续表）",)),
        (False, ("一级指标", "二级指标", "三级指标", "年度指标值")),
        (False, ("产出指标", "数量指标", "培训\n人次", "≥500人次")),
        (False, ("", "", "覆盖率", ">=95%")),
        (False, ("", "质量指标", "合格率", "100%")),
        (True, ("注：本表金额单位为万元",)),
    ]
    assert [r.line for r in source.rows][:2] == [2, 3]  # the page's own lines


def test_a_page_laid_out_with_tables_reads_the_inner_table() -> None:
    source = read_html(
        "<table><tr><td>首页 &gt; 信息公开</td></tr><tr><td>"
        "<div>2022年绩效目标表</div>"
        "<table><tr><td>三级指标</td><td>指标值</td></tr><tr><td>培训人次</td><td>500</td></tr>"
        "</table></td><td>相关链接</td></tr></table>"
    )
    assert [(r.prose, r.cells) for r in source.rows] == [
        (True, ("首页 > 信息公开",)),
        (True, ("2022年绩效目标表",)),
        (False, ("三级指标", "指标值")),
        (False, ("培训人次", "500")),
        (True, ("相关链接",)),
    ]


def test_hidden_content_and_ragged_rows() -> None:
    source = read_html(
        '<table><tr><td>a</td><td style="display: none">隐藏</td><td>b</td></tr>'
        '<tr hidden><td>整行隐藏</td></tr><tr><td rowspan="2">c</td></tr><tr><td>d</td></tr>'
        '<tr><td colspan="9999" rowspan="abc">e</td><td>f</td></tr></table>'
    )
    cells = [r.cells for r in source.rows]
    assert cells[:3] == [("a", "b") + ("",) * 999, ("c",) + ("",) * 1000, ("", "d") + ("",) * 999]
    assert cells[3][0] == "e"
    assert cells[3][1000] == "f"


@pytest.mark.parametrize("charset", ["gbk", "GB2312", "gb18030"])
def test_a_gbk_page_is_read_by_its_meta_charset(tmp_path: Path, charset: str) -> None:
    text = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        "</head><body><table><tr><td>三级指标</td><td>指标值</td></tr></table></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(text.encode("gb18030"))
    assert read_source(path).rows[0].cells == ("三级指标", "指标值")
    assert decode_html(text.encode("gb18030")) == text


def test_encodings_without_a_declaration() -> None:
    text = "<table><tr><td>指标值</td></tr></table>"
    for data in (text.encode("utf-8"), text.encode("gb18030"), text.encode("utf-16")):
        assert decode_html(data) == text
    assert decode_html(b"\xef\xbb\xbf" + text.encode()) == text
    with pytest.raises(perfscore.PerfscoreError, match="not UTF-8 or GB18030"):
        decode_html(b"\x81\x30")


@pytest.mark.parametrize("tag", ["div", "table><tr><td"])
def test_a_page_nested_too_deep_for_the_parser_is_refused_not_cut(tag: str) -> None:
    end = "".join(f"</{t}>" for t in reversed(tag.split("><")))
    page = f"<{tag}>" * 300 + "<table><tr><td>三级指标</td></tr></table>" + end * 300
    with pytest.raises(perfscore.PerfscoreError, match="more than 256 deep"):
        read_html(page, label="deep.html")


def test_what_is_a_page() -> None:
    assert looks_like_html("<!DOCTYPE html><HTML><body>x</body></HTML>")
    assert not looks_like_html("| a | b |\n|---|---|")
    with pytest.raises(perfscore.PerfscoreError, match="empty web page"):
        read_html("  ", label="x.html")


def test_a_page_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    text = "<table><tr><td>三级指标</td><td>指标值</td></tr></table>"
    for name in ("saved.xls", "copied.txt", "word.doc", "page.html"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert read_source(path).rows[0].cells == ("三级指标", "指标值"), name


def _as_html(text: str) -> str:
    """The text export's rows as a web page: tab rows a table, other lines paragraphs."""
    out, table = [], False
    for line in text.splitlines():
        if "\t" in line:
            out.append("" if table else "<table>")
            table = True
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            out.append(f"<tr>{cells}</tr>")
        else:
            out.append("</table>" if table else "")
            table = False
            out.append(f"<p>{html.escape(line)}</p>")
    return "\n".join(out) + ("</table>" if table else "")


def test_the_bundled_table_round_trips_through_a_web_page(tmp_path: Path) -> None:
    bundled = perfscore.load_table("zanhuang-hrss-2018")
    text = export_table(bundled, "txt")
    assert isinstance(text, str)
    path = tmp_path / "zanhuang.html"
    path.write_text('<meta charset="gbk">' + _as_html(text), encoding="gb18030")
    back = import_table(path, name="zanhuang-hrss-2018").table
    assert back.model_copy(update={"source": None}) == exportable(bundled)
    from_text = import_table(_as_html(text), name="zanhuang-hrss-2018").table  # a page as text
    assert [(i.id, i.name, i.cells) for i in from_text.indicators()] == [
        (i.id, i.name, i.cells) for i in back.indicators()
    ]
