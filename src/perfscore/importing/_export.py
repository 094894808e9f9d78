"""Writing a table in its published layout: text, Excel, Word or PDF.

A ladder table's layout is the department table's: a title, the department code and short
name, the money unit, the two header rows (职责活动 · 年度预算数 · 内容描述 · 绩效目标 · 绩效指标 ·
评价标准 over 优 良 中 差), a row per duty (``一、…``), a row per activity (``1、…``) holding its
first indicator, and a row per further indicator. Importing an export gives back
[exportable][perfscore.importing.exportable] of the table: what the layout carries.

A targets table's layout is the goal form (绩效目标表) as a department lists its projects: a
title, the money unit, one header row (单位名称 · 项目名称 · 预算数 · 年度目标 · 一级指标 ·
二级指标 · 三级指标 · 指标性质 · 指标值 · 度量单位 · 分值 · 指标方向性) and a row per indicator,
the project's cells and the levels written once and merged over their rows.

>>> import perfscore
>>> from perfscore.importing import export_table, import_table
>>> table = perfscore.load_table("zanhuang-hrss-2018")
>>> text = export_table(table, "txt")
>>> text.splitlines()[7].split("\\t")[4:]
['公益性岗位补贴到位率', '100%', '≥90%', '≥80%', '<80%']
>>> back = import_table(text, name=table.name).table
>>> back.model_copy(update={"source": None}) == exportable(table)
True
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfscore.errors import PerfscoreError
from perfscore.fonts import truetype_subset
from perfscore.outputs import text_cell, write_output
from perfscore.tables._files import load_table
from perfscore.tables._models import Table
from perfscore.tables._targets_table import TargetsTable

from ._repairs import clean

__all__ = [
    "FORMATS",
    "HEADER",
    "TARGETS_HEADER",
    "Grid",
    "chinese_ordinal",
    "export_table",
    "exportable",
    "grid",
    "head_lines",
    "merge_down",
    "rows",
    "segments",
    "target_rows",
    "write_grid",
]

#: The formats ``export_table`` writes.
FORMATS: tuple[str, ...] = ("txt", "xlsx", "docx", "pdf")

#: A ladder table's two header rows.
HEADER: tuple[tuple[str, ...], ...] = (
    ("职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准", "", "", ""),
    ("", "", "", "", "", "优", "良", "中", "差"),
)

#: A targets table's header row (the goal form's columns).
TARGETS_HEADER: tuple[str, ...] = (
    "单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质",
    "指标值", "度量单位", "分值", "指标方向性",
)  # fmt: skip

_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """``n`` as a Chinese numeral, as duties are numbered: 一 … 十 … 九十九, 一百, 一百零一,
    一百一十, 一千零一, 一万 … (any positive ``n``).

    >>> chinese_ordinal(1), chinese_ordinal(10), chinese_ordinal(13), chinese_ordinal(40)
    ('一', '十', '十三', '四十')
    >>> chinese_ordinal(100), chinese_ordinal(101), chinese_ordinal(110), chinese_ordinal(1010)
    ('一百', '一百零一', '一百一十', '一千零一十')
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"an ordinal is an int, not {type(n).__name__}")
    if n < 1:
        raise ValueError(f"ordinals start at 1, not {n}")
    text = _numeral(n)
    return text[1:] if text.startswith("一十") else text  # 十三, not 一十三


_UNITS = ((10**8, "亿"), (10**4, "万"), (1000, "千"), (100, "百"), (10, "十"))


def _numeral(n: int) -> str:
    """``n`` ≥ 1 written out in full (一十 kept: 一百一十)."""
    for size, unit in _UNITS:
        if n >= size:
            high, rest = divmod(n, size)
            gap = "零" if 0 < rest < size // 10 else ""  # 一百零一, 一万零一十
            return _numeral(high) + unit + gap + (_numeral(rest) if rest else "")
    return _DIGITS[n]


def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = repr(float(value))
    return text.removesuffix(".0")


def _title(table: Table | TargetsTable) -> str:
    if table.title:
        return table.title
    if isinstance(table, TargetsTable):
        return f"{table.department.name} {table.year} 年项目支出绩效目标表"
    return f"{table.department.name} {table.year} 年部门职责-工作活动绩效目标"


def head_lines(table: Table | TargetsTable) -> list[str]:
    """The lines above the table: title, ``<code> <short name>``, ``单位：<money unit>``."""
    lines = [_title(table)]
    department = table.department
    if department.code or department.short_name:
        lines.append(" ".join(filter(None, (department.code, department.short_name))))
    if table.money_unit:
        lines.append(f"单位：{table.money_unit}")
    return lines


def rows(table: Table) -> Iterator[tuple[str, ...]]:
    """The table's data rows (nine cells each), in the published layout."""
    for d, duty in enumerate(table.duties, start=1):
        ordinal = duty.ordinal or chinese_ordinal(d)
        yield (
            f"{ordinal}、{duty.name}",
            _number(duty.budget),
            duty.description or "",
            duty.goal or "",
            "",
            "",
            "",
            "",
            "",
        )
        for a, activity in enumerate(duty.activities, start=1):
            head = (
                f"{a}、{activity.name}",
                _number(activity.budget),
                activity.description or "",
                activity.goal or "",
            )
            if not activity.indicators:
                yield (*head, "", "", "", "", "")
            for i, indicator in enumerate(activity.indicators):
                cells = tuple(indicator.cells[g] or "" for g in ("优", "良", "中", "差"))
                yield (*(head if i == 0 else ("", "", "", "")), indicator.name, *cells)


def exportable(table: Table) -> Table:
    """What the published layout carries of ``table``, as importing an export gives it back.

    Texts with their white space normalised as an import normalises it, each duty's ordinal
    (一、二 …) and the title written out, names as repaired; readings, weights and the source
    are not part of the layout.
    """
    data: Any = table.model_dump(mode="json")
    data["title"] = _title(table)
    data["source"] = None

    def texts(item: dict[str, Any]) -> None:
        for key in ("name", "description", "goal"):
            if item.get(key) is not None:
                item[key] = clean(item[key]) or None
        item.pop("weight", None)

    for d, duty in enumerate(data["duties"], start=1):
        texts(duty)
        duty["ordinal"] = duty.get("ordinal") or chinese_ordinal(d)
        for activity in duty["activities"]:
            texts(activity)
            for indicator in activity["indicators"]:
                texts(indicator)
                indicator["readings"] = []
                indicator["cells"] = {
                    g: (clean(c) or None) if c is not None else None
                    for g, c in indicator["cells"].items()
                }
    return load_table(data)


def target_rows(table: TargetsTable) -> Iterator[tuple[str, ...]]:
    """A targets table's rows (twelve cells each) in the goal form: the project's cells on its
    first row, each level on the first row of its run."""
    for project in table.projects:
        first = (
            project.department or "",
            project.name,
            _number(project.budget.planned) if project.budget else "",
            project.goal or "",
        )
        levels: tuple[str, str] | None = None
        for i, indicator in enumerate(project.indicators):
            mine = (*indicator.levels, "", "")[:2]
            one = mine[0] if levels is None or mine[0] != levels[0] else ""
            two = mine[1] if one or levels is None or mine[1] != levels[1] else ""
            levels = (mine[0], mine[1])
            yield (
                *(first if i == 0 else ("", "", "", "")),
                one,
                two,
                indicator.name,
                indicator.op or "",
                indicator.target,
                indicator.unit or "",
                _number(indicator.weight),
                indicator.direction or "",
            )


@dataclass(frozen=True)
class Grid:
    """A table laid out to be written: its title, the lines above it, its header rows and
    body rows (all as wide as the header), the ranges merged (first row, first column, last
    row, last column; rows counted from 0 over header and body), and the column widths (in
    characters for a workbook, in millimetres for a PDF)."""

    title: str
    heads: list[str]
    header: tuple[tuple[str, ...], ...]
    body: list[tuple[str, ...]]
    merges: list[tuple[int, int, int, int]]
    sheet_widths: tuple[int, ...]
    page_widths: tuple[int, ...]


def grid(table: Table | TargetsTable) -> Grid:
    """``table`` laid out in its published layout."""
    if isinstance(table, TargetsTable):
        return _targets_grid(table)
    merges = [(0, 5, 0, 8)]  # 评价标准 over the four grades
    data = len(HEADER)
    for start, end in _spans(table):
        if end > start:
            merges += [(data + start, c, data + end, c) for c in range(4)]
    return Grid(
        _title(table),
        head_lines(table),
        HEADER,
        list(rows(table)),
        merges,
        (24, 10, 40, 30, 24, 12, 12, 12, 12),
        (40, 16, 55, 45, 38, 22, 22, 22, 22),
    )


def _targets_grid(table: TargetsTable) -> Grid:
    body = list(target_rows(table))
    # A project's cells merge over its rows; a level over its run, which ends where the
    # project or the level above changes.
    starts = {
        **dict.fromkeys(range(4), (1,)),
        4: (1, 4),
        5: (1, 4, 5),
    }
    merges = []
    for column, opened_by in starts.items():
        first = [at for at, row in enumerate(body) if any(row[c] for c in opened_by)]
        for start, end in zip(first, [*first[1:], len(body)], strict=True):
            if end - 1 > start:
                merges.append((1 + start, column, end, column))
    merges.sort()
    return Grid(
        _title(table),
        head_lines(table),
        (TARGETS_HEADER,),
        body,
        merges,
        (16, 24, 10, 30, 12, 14, 24, 8, 14, 8, 6, 10),
        (24, 34, 14, 40, 18, 20, 34, 12, 20, 12, 10, 14),
    )


def export_table(
    table: Table | TargetsTable, format: str, path: str | Path | None = None
) -> str | bytes:
    """Write ``table`` (a ladder or a targets table) in its published layout as ``format``
    (``txt``, ``xlsx``, ``docx`` or ``pdf``); return the text or the file's bytes, and write
    them to ``path`` if given."""
    if not isinstance(table, Table | TargetsTable):
        raise TypeError(
            f"export_table takes a perfscore.Table or TargetsTable, not {type(table).__name__}"
        )
    out = write_grid(grid(table), format)
    if path is not None:
        write_output(path, out, encoding="utf-8")  # whole or not at all
    return out


def write_grid(layout: Grid, format: str) -> str | bytes:
    """``layout`` written as ``format``: the text, or the file's bytes."""
    writers: dict[str, Callable[[Grid], str | bytes]] = {
        "txt": _text,
        "xlsx": _xlsx,
        "docx": _docx,
        "pdf": _pdf,
    }
    if format not in writers:
        raise PerfscoreError(f"unknown format {format!r}; the formats are {', '.join(FORMATS)}")
    return writers[format](layout)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(layout: Grid) -> str:
    lines = [*layout.heads, ""]
    lines += ["\t".join(row) for row in layout.header]
    lines += ["\t".join(_flat(c) for c in row) for row in layout.body]
    return "\n".join(lines) + "\n"


def _extra(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise PerfscoreError(
            f"writing this format needs {module.split('.')[0]}, which comes with the import "
            'extra: pip install "perfscore[import]"'
        ) from None


def _spans(table: Table) -> list[tuple[int, int]]:
    """Each activity's first and last data row (0-based), for merging its cells."""
    spans = []
    at = 0
    for duty in table.duties:
        at += 1
        for activity in duty.activities:
            size = max(1, len(activity.indicators))
            spans.append((at, at + size - 1))
            at += size
    return spans


def _xlsx(layout: Grid) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "绩效目标"
    width = len(layout.header[0])
    for at, line in enumerate(layout.heads, start=1):
        text_cell(sheet, at, 1, line)  # a title is text, never a formula
        sheet.merge_cells(start_row=at, start_column=1, end_row=at, end_column=width)
    first = len(layout.heads) + 1
    for at, row in enumerate((*layout.header, *layout.body), start=first):
        for column, value in enumerate(row, start=1):
            cell = text_cell(sheet, at, column, value)  # a cell such as =100% is text
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _merge(sheet, [(first + t, 1 + c, first + b, 1 + e) for t, c, b, e in layout.merges])
    for column, size in enumerate(layout.sheet_widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = size
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pages_of(
    cells: list[list[Any]], header: int, widths: list[float], height: float
) -> list[list[list[Any]]]:
    """The rows in runs that fill a page each (the header rows first in every run): each
    row's height measured once, as reportlab wraps its cells (3 points of padding above and
    below, 6 either side); a run keeps a tenth of the page spare, so a run a little taller than
    measured still fits."""

    def row_height(row: list[Any]) -> float:
        return float(max(c.wrap(w - 12, 10_000)[1] for c, w in zip(row, widths, strict=True))) + 6

    head, body = cells[:header], cells[header:]
    room = 0.9 * height - sum(row_height(r) for r in head)
    runs: list[list[list[Any]]] = []
    run: list[list[Any]] = []
    used = 0.0
    for row in body:
        tall = row_height(row)
        if run and used + tall > room:
            runs.append(head + run)
            run, used = [], 0.0
        run.append(row)
        used += tall
    if run or not runs:
        runs.append(head + run)
    return runs


Segment = tuple[list[str], list[tuple[str, ...]], list[tuple[int, int, int, int]]]


def segments(layout: Grid) -> list[Segment]:
    """The grid as Word and PDF write it: runs of rows, each under the lines above it. A
    body row of one cell is a line between rows (a page's running head, another table's
    title): it ends one run of rows and stands above the next. Each merge is counted from its
    run's first row (a merge of a line, across the sheet, is the workbook's only)."""
    out: list[Segment] = []
    starts: list[int] = []
    lines: list[str] = list(layout.heads)
    rows: list[tuple[str, ...]] = []
    first = 0
    for at, row in enumerate((*layout.header, *layout.body)):
        if len(row) == 1:
            if rows:
                out.append((lines, rows, []))
                starts.append(first)
                lines, rows = [], []
            lines.append(row[0])
            continue
        if not rows:
            first = at
        rows.append(row)
    out.append((lines, rows, []))
    starts.append(first)
    for top, left, bottom, right in layout.merges:
        for (_, run, merges), begin in zip(out, starts, strict=True):
            if begin <= top < begin + len(run):
                merges.append((top - begin, left, bottom - begin, right))
                break
    return out


def _merge(sheet: Any, ranges: list[tuple[int, int, int, int]]) -> None:
    """Merge each range (first row, first column, last row, last column; from 1), whose cells
    but the first are blank. ``merge_cells`` checks each new range against every range merged
    before it, which made a workbook of n rows take n² steps; the layout's ranges never overlap,
    so they are added to the sheet's merged ranges at once."""
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    for top, left, bottom, right in ranges:
        box = CellRange(min_row=top, min_col=left, max_row=bottom, max_col=right)
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    sheet.cell(row, column).value = None
        sheet.merged_cells.ranges.add(MergedCellRange(sheet, box.coord))


def _docx(layout: Grid) -> bytes:
    docx = _extra("docx")
    document = docx.Document()
    for lines, body, merges in segments(layout):
        for line in lines:
            document.add_paragraph(line)
        if body:
            _docx_table(document, body, merges)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(
    document: Any, body: list[tuple[str, ...]], merges: list[tuple[int, int, int, int]]
) -> None:
    table = document.add_table(rows=len(body), cols=len(body[0]))
    table.style = "Table Grid"
    # Each row's cells once (a row builds them anew on each access).
    cells = [row.cells for row in table.rows]
    for row_cells, row in zip(cells, body, strict=True):
        for cell, text in zip(row_cells, row, strict=True):
            if text:
                cell.text = text
    for top, left, bottom, right in merges:
        if top == bottom:
            cells[top][left].merge(cells[top][right])
        else:
            merge_down([cells[r][left] for r in range(top, bottom + 1)])


def merge_down(column: list[Any]) -> None:
    """Merge one column's cells vertically, as Word marks it (``w:vMerge`` restart on the
    first, continue below). python-docx's ``merge`` finds each row's index in the whole table
    for every cell, which made an export of n rows take n² steps; the cells below are blank."""
    for at, cell in enumerate(column):
        cell._tc.vMerge = "continue" if at else "restart"


def _pdf(layout: Grid) -> bytes:
    _extra("reportlab")
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as PageGrid

    texts = [_flat(t) for row in (*layout.header, *layout.body) for t in row] + list(layout.heads)
    font = _embedded_font("".join(texts) + layout.title)
    style = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    title = ParagraphStyle("title", parent=style, fontSize=12, leading=16)

    def cell(text: str) -> Paragraph:
        return Paragraph(escape(_flat(text)), style)

    widths = [w * mm for w in layout.page_widths]
    page_height = landscape(A4)[1] - 20 * mm  # inside the margins
    story: list[Any] = []
    for at, (lines, rows, merges) in enumerate(segments(layout)):
        if at:
            story.append(PageBreak())  # the lines between two runs head a new page
        story += [Paragraph(escape(line), title) for line in lines]
        if not rows:
            continue
        # The header's merges only: a body cell merged over rows would be cut at a page break.
        header = len(layout.header) if at == 0 else 0
        spans = [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in merges if r1 < header]
        grid_style = TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             *spans]
        )  # fmt: skip
        cells = [[cell(t) for t in row] for row in rows]
        # One table a page's worth of rows, each under the header: reportlab splits one long
        # table by measuring all its remaining rows at every page, which made n rows take n².
        parts = _pages_of(cells, header, widths, page_height - 30 * mm * (at == 0))
        for n, part in enumerate(parts):
            if n:
                story.append(PageBreak())  # each run of rows fills its own page
            sheet = PageGrid(part, colWidths=widths, repeatRows=header)
            sheet.setStyle(grid_style)
            story.append(sheet)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=layout.title,
    )
    document.build(story)
    return buffer.getvalue()


def _embedded_font(text: str) -> str:
    """Register the Chinese font's glyphs for ``text`` with reportlab, which embeds them.

    The font is [truetype_subset][perfscore.fonts.truetype_subset] of the bundled Noto Sans SC
    (or the font chosen with ``perfscore.fonts.set_chinese_font``): the PDF carries what it
    shows, and a reader without Chinese fonts still shows it.
    """
    import hashlib

    _extra("fontTools")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    name = f"perfscore-zh-{digest}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            # reportlab takes fonts of one PostScript name for one: each subset has its own.
            data = truetype_subset(text, suffix=digest)
        except ModuleNotFoundError as missing:
            raise PerfscoreError(str(missing)) from None
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    return name
