"""Recognising a ladder table's header: the layout, each role's column, the grade columns.

A header names 绩效指标 and either 评价标准 or the four grades (优 良 中 差, or 优秀 良好 中等
较差), and 职责活动 (the department table) or 绩效指标分类 (a project's table). The grades may
stand in a second header row under 评价标准, in any order: each page's header is read for
itself.

>>> from perfscore.importing._sources import SourceRow
>>> rows = [SourceRow(("职责活动", "绩效指标", "评价标准", "", "", ""), 1),
...         SourceRow(("", "", "差", "中", "良", "优"), 2)]
>>> header = find_header(rows, 0)
>>> header.layout, header.grades, header.rows
('ladders', (5, 4, 3, 2), 2)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ._repairs import clean, simplify
from ._sources import SourceRow

__all__ = ["COLUMN_NAMES", "GRADE_NAMES", "LAYOUTS", "Header", "find_header", "header_word"]

#: The layouts ``layout=`` accepts (``auto`` decides from the header).
LAYOUTS: tuple[str, ...] = ("auto", "ladders", "project", "targets")

#: The grades, best first.
GRADE_NAMES: tuple[str, ...] = ("优", "良", "中", "差")

# Grade headers written out in full.
_GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "一般": "中", "较差": "差"}

#: The published name of each column role.
COLUMN_NAMES = {
    "duty": "部门职责",
    "activity": "职责活动",
    "budget": "年度预算数",
    "description": "内容描述",
    "goal": "绩效目标",
    "category": "绩效指标分类",
    "name": "绩效指标",
}


@dataclass(frozen=True)
class Header:
    """A recognised header: the layout, each role's column, the four grade columns, and how
    many source rows it takes."""

    layout: str
    columns: dict[str, int]
    grades: tuple[int, int, int, int]
    rows: int
    width: int


def header_word(text: str, longest: int = 8) -> str | None:
    """``text`` as a header cell's words (simplified, without a parenthesised note such as
    （万元）), or ``None`` when it cannot be one: empty, holding a digit, or longer than a
    column name is."""
    text, _ = simplify(clean(text))
    text = _NOTE.sub("", text)
    if not text or len(text) > longest or _DIGITS.search(text):
        return None
    return text


_NOTE = re.compile(r"[（(][^）)]*[)）]")
_DIGITS = re.compile(r"[0-9０-９]")


def _role(text: str) -> str | None:
    word = header_word(text)
    if word is None:
        return None
    text = word
    if text in GRADE_NAMES:
        return text
    if text in _GRADE_WORDS:
        return _GRADE_WORDS[text]
    if "分类" in text or text in ("一级指标", "指标类别", "指标类型"):
        return "category"
    if "活动" in text:
        return "activity"
    if "职责" in text:
        return "duty"  # a column of its own beside 工作活动
    if "预算" in text:
        return "budget"
    if "描述" in text or text == "内容":
        return "description"
    if "目标" in text:
        return "goal"
    if "指标" in text:
        return "name"
    if "标准" in text:
        return "standard"
    return None


def find_header(rows: Sequence[SourceRow], at: int) -> Header | None:
    """The header starting at ``rows[at]``, if one does."""
    row = rows[at]
    if row.prose:
        return None
    roles: dict[str, int] = {}
    for index, text in enumerate(row.cells):
        role = _role(text)
        if role is not None and role not in roles:
            roles[role] = index
    if "name" not in roles or ("standard" not in roles and not set(GRADE_NAMES) <= roles.keys()):
        return None
    if "activity" in roles:
        layout = "ladders"
    elif "category" in roles:
        layout = "project"
    else:
        return None
    width = len(row.cells)
    taken = 1
    grades = [roles.get(g) for g in GRADE_NAMES]
    if None in grades and at + 1 < len(rows) and not rows[at + 1].prose:
        below = {_role(t): i for i, t in enumerate(rows[at + 1].cells) if _role(t) is not None}
        if all(g in below for g in GRADE_NAMES):
            grades = [below[g] for g in GRADE_NAMES]
            taken = 2
            width = max(width, len(rows[at + 1].cells))
    if None in grades:
        if any("三级" in (header_word(t) or "") for t in row.cells):
            return None  # a goal form's 绩效标准 (计划标准 on each row) beside its 三级指标
        start = roles["standard"]
        grades = [start, start + 1, start + 2, start + 3]
    columns = {r: i for r, i in roles.items() if r in COLUMN_NAMES}
    found = tuple(g for g in grades if g is not None)
    if len(found) != 4:  # pragma: no cover - every branch above fills all four
        return None
    return Header(layout, columns, (found[0], found[1], found[2], found[3]), taken, width)
