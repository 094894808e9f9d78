"""A table whose every cell ran together, header and rows in one or a few long lines.

The header is found inside the text (``_run_header``), the lines above it are split at the
form's labels (``_run_labels``), and the rows after it are read piece by piece by what each
piece is (``_run_rows``), up to the table's end (its 总分 / 合计 line, a note 注:, a signature).
The rows come out in the columns the targets forms read (一级指标 · 二级指标 · 三级指标 ·
年度指标值 · 全年实际值 · 分值 · 得分 …); a column those forms do not read (得分系数,
是否核心指标, an adjusted target) is left out and said so. Every row is a finding (kind
``fused-cells``) showing how it was split and the next-best split where one came close; a
text no row could hold (a row the copy cut off) is one of kind ``unplaced``.

>>> source = read_run(["项目支出绩效自评表(2022年度)项目名称水标尺主管部门某县水利局"
...                    "一级指标二级指标三级指标分值年度指标值全年实际值得分"
...                    "产出指标数量指标安装标尺10≥266米≥266米10总分1010"])
>>> [r.cells for r in source.rows][1:]  # doctest: +NORMALIZE_WHITESPACE
[('项目名称', '水标尺'), ('主管部门', '某县水利局'),
 ('一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分'),
 ('产出指标', '数量指标', '安装标尺', '10', '≥266米', '≥266米', '10'),
 ('总分', '1010', '', '', '', '', '')]
"""

from __future__ import annotations

import re

from perfscore.tables._findings import Severity

from ._findings import ImportFinding, Place
from ._form_words import LEVEL1
from ._rows import Source, SourceRow
from ._run_header import RunHeader, find_header
from ._run_labels import damaged_labels, split_labels
from ._run_rows import BodyRow, walk_body

__all__ = ["page_breaks", "read_run", "split_before"]

#: The column each kind of cell is written under, for the targets forms to read.
COLUMN_OF: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "unit": "计量单位",
    "nature": "指标性质",
    "explain": "指标解释",
    "weight": "分值",
    "target": "年度指标值",
    "actual": "全年实际值",
    "points": "得分",
    "reason": "偏差原因",
    "direction": "指标方向性",
}
# Where the table ends: its total line, a note, a signature.
_END = re.compile(r"[…\.]*(?:总分|合计|总计)(?=[\d\s]|$)|注\s*[:：]|填[表报]人|单位负责人")
_TOTAL = re.compile(r"[…\.]*(?P<word>总分|合计|总计)(?P<rest>[\d.\s]*)")
# A document site's page number (2、) at a line's start, and the form's label merged down the
# rows (绩效指标) printed again where a page breaks, before the site's number or before the
# level-1 name printed again with it (…动用库存绩效指标效益指标): no cells. The page may break
# between two cells or inside one, so where it broke is a place a cell may end, no more.
_PAGES = re.compile(
    r"(?:绩效指标)?\n\d{1,2}、|绩效指标(?=" + "|".join(sorted(LEVEL1, key=len)[::-1]) + ")"
)
# The label printed down the side of the indicator rows, just before the header (绩效指标
# 一级指标 …): no label of the block above, so no part of the last label's value.
_SIDE = re.compile(r"绩效指标$")


def split_before(lines: list[str]) -> tuple[list[SourceRow], list[ImportFinding]]:
    """The rows of the lines above a header: titles as prose, labels as ``label | value``."""
    rows: list[SourceRow] = []
    findings: list[ImportFinding] = []
    for number, line in enumerate(lines, start=1):
        found, notes = split_labels(line, number)
        rows += found
        findings += [
            ImportFinding(
                Place(line=number),
                note,
                "text above the form's title or a figure run together with others: not read",
                kind="source",
            )
            for note in notes
        ]
        findings += [
            ImportFinding(
                Place(line=number),
                printed,
                f"a label printed with a character damaged, read as {meant}: check its value",
                kind="source",
                severity=Severity.WARNING,
            )
            for printed, meant in damaged_labels(line)
        ]
    return rows, findings


def read_run(lines: list[str], *, label: str = "<text>") -> Source | None:
    """The rows of a text whose header and rows ran together inside its lines."""
    text = "\n".join(lines)
    header = find_header(text)
    if header is None:
        return None
    first = text.count("\n", 0, header.start)
    rows, findings = split_before(
        [*lines[:first], _SIDE.sub("", text[text.rfind("\n", 0, header.start) + 1 : header.start])]
    )
    kinds = tuple(c.kind for c in header.columns if c.kind in COLUMN_OF)
    rows.append(SourceRow(tuple(COLUMN_OF[k] for k in kinds), first + 1))
    findings.append(_header_finding(header, first + 1))
    body, breaks, lines_out = page_breaks(text[header.end :])  # a page goes on where the last ended
    end = _END.search(body)
    table = body[: end.start()] if end is not None else body
    walk = walk_body(table, tuple(c.kind for c in header.columns), breaks)

    def line_of(at: int) -> int:
        return first + 1 + body.count("\n", 0, at) + sum(b <= at for b in lines_out)

    for row in walk.rows:
        rows.append(SourceRow(tuple(row.cells.get(k, "") for k in kinds), line_of(row.start)))
        findings.append(_row_finding(row, kinds, line_of(row.start)))
    for at, rest in walk.left:
        findings.append(
            ImportFinding(
                Place(line=line_of(at)),
                rest,
                "cells run together that no row of the header reads (a row the copy cut "
                "off?): left out, for a person to enter",
                kind="unplaced",
            )
        )
    findings += [
        ImportFinding(
            Place(line=first + 1),
            note,
            "read by the form's rules (a level's cell wrapped over two lines or merged over "
            "both levels, the form's numbering before a name left out): check it",
            kind="placement",
        )
        for note in walk.notes
    ]
    findings += [
        ImportFinding(
            Place(line=first + 1),
            text,
            "a split of a 分值 may be wrong, or the form "
            "does not add up: check the rows under this level",
            kind="fused-cells",
        )
        for text in walk.sums
    ]
    if end is not None:
        rows += _after_table(body[end.start() :], len(kinds), line_of(end.start()))
    return Source(label, tuple(rows), tuple(findings))


def page_breaks(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """``text`` without a document site's page numbers at a line's start (and the side label
    printed again where a page broke), where each page broke in what is left, and those of
    the breaks that took a line's end out with the page number.

    >>> page_breaks("无动用库存绩效指标效益指标生态效益指标维护及安全性\\n3、高高")
    ('无动用库存效益指标生态效益指标维护及安全性高高', (5, 21), (21,))
    """
    kept: list[str] = []
    breaks: list[int] = []
    lines: list[int] = []
    at = size = 0
    for match in _PAGES.finditer(text):
        kept.append(text[at : match.start()])
        size += match.start() - at
        breaks.append(size)
        lines += [size] if "\n" in match.group() else []
        at = match.end()
    kept.append(text[at:])
    return "".join(kept), tuple(breaks), tuple(lines)


def _after_table(text: str, width: int, line: int) -> list[SourceRow]:
    total = _TOTAL.match(text)
    rows = []
    if total is not None:
        cells = (total.group("word"), total.group("rest").strip())
        rows.append(SourceRow(cells + ("",) * (width - 2), line))
        text = text[total.end() :]
    if text.strip():
        rows.append(SourceRow((text.strip(),), line, prose=True))
    return rows


def _header_finding(header: RunHeader, line: int) -> ImportFinding:
    read = " | ".join(
        f"{c.printed or '—'} → {COLUMN_OF.get(c.kind, 'not read')}" for c in header.columns
    )
    notes = "".join(f"; {n}" for n in header.notes)
    return ImportFinding(
        Place(line=line),
        header.text,
        f"read as cells run together: the header found in the text and read as {read}{notes}",
        kind="source",
    )


def _row_finding(row: BodyRow, kinds: tuple[str, ...], line: int) -> ImportFinding:
    def shown(cells: dict[str, str]) -> str:
        return " | ".join(f"{COLUMN_OF[k]} {cells[k]}" for k in kinds if cells.get(k))

    action = f"cells run together, split by what each is: {shown(row.cells)}"
    if row.other is not None:
        action += f"; also readable as: {shown(row.other)}"
    return ImportFinding(Place(line=line), row.text, action, kind="fused-cells")
