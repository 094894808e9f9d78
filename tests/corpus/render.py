"""Render a corpus transcription (``expected.yaml``) into the files departments post.

Each real table in ``tests/corpus/<slug>/`` is kept as the text it came as (``source.txt``) and
as a hand transcription (``expected.yaml``, the format of ``tests/corpus/README.md``). This module
lays the transcribed rows out in the form's printed layout -- the title, the year and 单位 lines,
the project's label rows (项目名称, 主管部门 or 部门名称), the budget block, the header of the
form and the indicator rows with their 一级/二级 cells merged down, and the 总分 line -- and
writes that layout as HTML (a page with a ``<table>`` using rowspan/colspan, as the departments'
pages are), xlsx (openpyxl), xls (xlwt), docx (python-docx) and PDF (reportlab, a ruled table),
merged cells merged in each.

The output is deterministic: the same transcription gives the same bytes (fixed document dates,
fixed zip entry times, reportlab's invariant mode).

    python tests/corpus/render.py OUTDIR          # every folder, every format
    python tests/corpus/render.py OUTDIR SLUG...  # only these folders

>>> sheet = layout({"title": "绩效目标表", "year": 2020, "money_unit": "万元",
...     "form": "goal", "scope": "project", "department": "某局",
...     "projects": [{"name": "某项目", "budget": None, "rows": [
...         {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "target": "≥500人次",
...          "weight": None, "direction": None},
...         {"level1": "产出指标", "level2": "质量指标", "name": "合格率", "target": "100%",
...          "weight": None, "direction": None}]}]})
>>> sheet.lines
('绩效目标表', '(2020年度)', '单位：万元')
>>> [(c.text, c.rowspan) for c in sheet.cells if c.col == 0]
[('项目名称', 1), ('主管部门', 1), ('一级指标', 1), ('产出指标', 2)]
"""

from __future__ import annotations

import datetime
import html
import io
import re
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: The formats a transcription is rendered into, in the order they are written.
FORMATS: tuple[str, ...] = ("html", "xlsx", "xls", "docx", "pdf")
#: The folder of the corpus: one sub-folder per real table.
CORPUS = Path(__file__).resolve().parent
_FIXED = datetime.datetime(2020, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*")


@dataclass(frozen=True)
class Cell:
    """One cell of the laid-out table: its top-left place, its text and its span."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Sheet:
    """A table as printed: the lines above it, then its cells on a grid of rows × cols."""

    lines: tuple[str, ...]
    cells: tuple[Cell, ...]
    rows: int
    cols: int


def folders(root: Path = CORPUS) -> list[Path]:
    """The corpus folders under ``root`` (those holding an ``expected.yaml``), by name."""
    return sorted(p.parent for p in root.glob("*/expected.yaml"))


def load(folder: Path) -> dict[str, Any]:
    """The transcription of one corpus folder."""
    data = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{folder}/expected.yaml is not a mapping")
    return data


def cell_text(value: Any) -> str:
    """A transcribed value as the cell prints it: blank for none, a whole float without its .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _columns(expected: dict[str, Any]) -> list[tuple[str, str]]:
    """The indicator header: (printed label, row key) for each column the form prints."""
    rows = [r for p in expected["projects"] for r in p["rows"]]
    selfeval = expected["form"] == "self-evaluation"
    columns = [("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name")]
    columns.append(("年度指标值" if selfeval else "指标值", "target"))
    if selfeval:
        columns.append(("实际完成值", "actual"))
    if any(r.get("direction") is not None for r in rows):
        columns.append(("指标方向性", "direction"))
    # 分值 and 得分 as the form prints them: some self-evaluation forms print 得分 without
    # 分值 (年初目标值 / 实际完成值 / 得分), some neither (年度指标值 / 全年完成值 only).
    weighted = any(r.get("weight") is not None for r in rows)
    if weighted:
        columns.append(("分值", "weight"))
    if selfeval and (weighted or any(r.get("score") is not None for r in rows)):
        columns.append(("得分", "score"))
    if selfeval:
        columns.append(("偏差原因分析及改进措施", "reason"))
    return columns


class _Grid:
    def __init__(self, cols: int) -> None:
        self.cols = cols
        self.row = 0
        self.cells: list[Cell] = []

    def put(self, col: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        self.cells.append(Cell(self.row, col, text, rowspan, colspan))

    def label(self, label: str, value: str) -> None:
        self.put(0, label)
        self.put(1, value, colspan=self.cols - 1)
        self.row += 1


def _budget(grid: _Grid, budget: dict[str, Any], selfeval: bool, unit: str) -> None:
    heads = [("全年预算数", "planned")]
    if selfeval:
        heads += [("全年执行数", "spent"), ("分值", "weight"), ("得分", "score")]
    grid.put(0, f"资金情况({unit})" if unit else "资金情况", rowspan=2)
    for i, (head, _) in enumerate(heads):
        span = grid.cols - 1 - i if i == len(heads) - 1 else 1
        grid.put(1 + i, head, colspan=span)
    grid.row += 1
    for i, (_, key) in enumerate(heads):
        span = grid.cols - 1 - i if i == len(heads) - 1 else 1
        grid.put(1 + i, cell_text(budget.get(key)), colspan=span)
    grid.row += 1


def _merged_runs(values: Sequence[tuple[str, ...]]) -> list[int]:
    """For each row, how many rows its cell spans (0 where a run above covers it)."""
    spans = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            spans[start] = i - start
            start = i
    return spans


def _indicator_rows(
    grid: _Grid, rows: list[dict[str, Any]], columns: list[tuple[str, str]]
) -> None:
    for col, (label, _) in enumerate(columns):
        grid.put(col, label)
    grid.row += 1
    level1 = _merged_runs([(cell_text(r["level1"]),) for r in rows])
    level2 = _merged_runs([(cell_text(r["level1"]), cell_text(r["level2"])) for r in rows])
    for i, row in enumerate(rows):
        for col, (_, key) in enumerate(columns):
            span = {"level1": level1[i], "level2": level2[i]}.get(key, 1)
            if span:
                grid.put(col, cell_text(row.get(key)), rowspan=span)
        grid.row += 1


def layout(expected: dict[str, Any]) -> Sheet:
    """The printed layout of a transcription: lines above the table and the table's cells."""
    columns = _columns(expected)
    selfeval = expected["form"] == "self-evaluation"
    title = cell_text(expected.get("title"))
    lines = [title]
    year = expected.get("year")
    if year is not None and str(year) not in title:
        lines.append(f"({year}年度)")
    if expected.get("money_unit"):
        lines.append(f"单位：{expected['money_unit']}")
    grid = _Grid(len(columns))
    for project in expected["projects"]:
        if project.get("name"):
            grid.label("项目名称", cell_text(project["name"]))
            if expected.get("department"):
                grid.label("主管部门", cell_text(expected["department"]))
        elif expected.get("department"):
            grid.label("部门(单位)名称", cell_text(expected["department"]))
        if project.get("budget"):
            _budget(grid, project["budget"], selfeval, cell_text(expected.get("money_unit")))
        _indicator_rows(grid, project["rows"], columns)
    total = expected.get("total")
    if total:
        keys = [key for _, key in columns]
        grid.put(0, "总分", colspan=keys.index("target"))
        printed = {"weight": total.get("weight"), "score": total.get("score")}
        for col in range(keys.index("target"), len(keys)):
            grid.put(col, cell_text(printed.get(keys[col])))
        grid.row += 1
    return Sheet(tuple(lines), tuple(grid.cells), grid.row, grid.cols)


def covered(sheet: Sheet) -> set[tuple[int, int]]:
    """The grid places a merged cell covers, apart from its own top-left place."""
    places: set[tuple[int, int]] = set()
    for c in sheet.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if (r, k) != (c.row, c.col):
                    places.add((r, k))
    return places


def to_html(sheet: Sheet) -> bytes:
    """A page as a department posts it: title and unit lines, then one ``<table>``."""
    by_place = {(c.row, c.col): c for c in sheet.cells}
    out = ['<!DOCTYPE html>\n<html><head><meta charset="utf-8">']
    out.append(f"<title>{html.escape(sheet.lines[0])}</title></head><body>")
    out.append(f'<p align="center"><b>{html.escape(sheet.lines[0])}</b></p>')
    out.extend(f"<p>{html.escape(line)}</p>" for line in sheet.lines[1:])
    out.append('<table border="1" cellspacing="0">')
    for r in range(sheet.rows):
        tds = []
        for k in range(sheet.cols):
            cell = by_place.get((r, k))
            if cell is None:
                continue
            span = "".join(
                f' {name}="{n}"'
                for name, n in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
                if n > 1
            )
            tds.append(f"<td{span}>{html.escape(cell.text)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table></body></html>\n")
    return "\n".join(out).encode("utf-8")


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 2020-01-01, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = _MODIFIED.sub(rb"\g<1>2020-01-01T00:00:00Z", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def to_xlsx(sheet: Sheet) -> bytes:
    """A workbook: the lines in column A, the table below them, merged cells merged."""
    from openpyxl import Workbook

    from perfscore.outputs import text_cell

    book = Workbook()
    book.properties.created = book.properties.modified = _FIXED
    ws = book.active
    assert ws is not None
    ws.title = "Sheet1"
    for i, line in enumerate(sheet.lines, start=1):
        text_cell(ws, i, 1, line)
    top = len(sheet.lines) + 1
    for c in sheet.cells:
        # A printed cell is text, even one that starts with = (a department's workbook shows
        # `=8个` as typed, not a formula).
        text_cell(ws, top + c.row, 1 + c.col, c.text or None)
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(
                start_row=top + c.row,
                start_column=1 + c.col,
                end_row=top + c.row + c.rowspan - 1,
                end_column=c.col + c.colspan,
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def to_xls(sheet: Sheet) -> bytes:
    """An old-style .xls workbook (BIFF8, as many departments still post), cells merged."""
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Sheet1")
    for i, line in enumerate(sheet.lines):
        ws.write(i, 0, line)
    top = len(sheet.lines)
    for c in sheet.cells:
        if c.rowspan > 1 or c.colspan > 1:
            r0, k0 = top + c.row, c.col
            ws.write_merge(r0, r0 + c.rowspan - 1, k0, k0 + c.colspan - 1, c.text)
        else:
            ws.write(top + c.row, c.col, c.text)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_docx(sheet: Sheet) -> bytes:
    """A Word document: the lines as paragraphs, then a ruled table with merged cells."""
    from docx import Document

    document = Document()
    props = document.core_properties
    props.created = props.modified = props.last_printed = _FIXED
    props.author = props.last_modified_by = "perfscore corpus"
    props.revision = 1
    for line in sheet.lines:
        document.add_paragraph(line)
    table = document.add_table(rows=sheet.rows, cols=sheet.cols)
    table.style = "Table Grid"
    for c in sheet.cells:
        cell = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        cell.text = c.text
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def to_pdf(sheet: Sheet) -> bytes:
    """A PDF page as a department prints the form: the lines, then a ruled table (spans
    merged), in reportlab's built-in CID font for Chinese, as perfscore's own export does."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    title = ParagraphStyle("title", parent=style, fontSize=12, leading=16)
    grid: list[list[Any]] = [[""] * sheet.cols for _ in range(sheet.rows)]
    spans = []
    for c in sheet.cells:
        grid[c.row][c.col] = Paragraph(html.escape(c.text), style)
        if c.rowspan > 1 or c.colspan > 1:
            end = (c.col + c.colspan - 1, c.row + c.rowspan - 1)
            spans.append(("SPAN", (c.col, c.row), end))
    table = Table(grid, repeatRows=0)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *spans,
            ]
        )
    )
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), invariant=1, title=sheet.lines[0])
    flow: list[Any] = [Paragraph(html.escape(sheet.lines[0]), title)]
    flow += [Paragraph(html.escape(line), style) for line in sheet.lines[1:]]
    document.build([*flow, table])
    return buffer.getvalue()


_WRITERS = {"html": to_html, "xlsx": to_xlsx, "xls": to_xls, "docx": to_docx, "pdf": to_pdf}


def render(expected: dict[str, Any], fmt: str) -> bytes:
    """The transcription rendered in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")
    return _WRITERS[fmt](layout(expected))


def render_folder(folder: Path, outdir: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write ``outdir/<slug>.<fmt>`` for each format; the paths written."""
    expected = load(folder)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = outdir / f"{folder.name}.{fmt}"
        path.write_bytes(render(expected, fmt))
        written.append(path)
    return written


def main(argv: Sequence[str]) -> int:
    """``render.py OUTDIR [SLUG...]``: write every rendering of the corpus (or of SLUGs)."""
    if not argv:
        print("usage: python tests/corpus/render.py OUTDIR [SLUG...]", file=sys.stderr)
        return 2
    outdir = Path(argv[0])
    chosen = [f for f in folders() if not argv[1:] or f.name in argv[1:]]
    for folder in chosen:
        for path in render_folder(folder, outdir):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
