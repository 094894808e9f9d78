"""Page breaks and table ends: which lines between a table's rows are a page's running head,
and where a table really ends.

A published ladder table runs over many pages, and every page may repeat lines above its rows:
the section heading (``五、部门职责-工作活动绩效目标（续表）``), the title, the department code
(``323 人社局``), the money unit (``单位：万元``), a page number. None of these ends the table.
A table ends only where its layout ends: at a section heading that the table does not go on
after, at a row of another width (another table), or where a second table of the same layout
starts over at duty 一.

>>> running_head("五、部门职责-工作活动绩效目标（续表）", set())
True
>>> running_head("单位：万元", set()), running_head("- 12 -", set()), running_head("第3页", set())
(True, True, True)
>>> running_head("323 人社局", set()), running_head("六、政府采购预算情况", set())
(True, False)
>>> running_head("五、绩效预算信息", {head_key("五、绩效预算信息")})
True
>>> chinese_number("十三"), chinese_number("一百零一"), chinese_number("甲")
(13, 101, None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._repairs import clean, simplify

__all__ = ["SECTION", "chinese_number", "head_key", "running_head", "title_like"]

#: A section heading of a disclosure: ``五、…`` or ``（五）…``.
SECTION = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")

# Lines a page repeats above a table's rows, whatever the table.
_RUNNING = (
    re.compile(r"续表|（续）|\(续\)|续上表|接上表|上接"),  # a continued table says so
    re.compile(r"^单位[:：]"),  # the money unit
    re.compile(r"^(?:第\s*\d+\s*页(?:\s*[,，/共]\s*共?\s*\d+\s*页)?|[-—－]?\s*\d{1,4}\s*[-—－]?)$"),
    # the department code and short name (323 人社局), not a year (2018年…)
    re.compile(r"^(?!(?:19|20)\d\d年)\d{3,9}\s*[\u4e00-\u9fff]{1,8}$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),  # 3/12
)
_CONTINUED = re.compile(r"[（(]\s*续\s*表?\s*[)）]|续表|续上表|接上表")


def head_key(text: str) -> str:
    """A line's text as running heads are compared: simplified, without white space or a
    ``（续表）`` note, so a page's ``五、…（续表）`` is the heading ``五、…`` the table began
    under."""
    text, _ = simplify(clean(text))
    return _CONTINUED.sub("", text)


def running_head(text: str, heads: Iterable[str]) -> bool:
    """Whether a line between a table's rows is a page's running head: it says it continues a
    table, is a money unit, a page number or a department code line, or repeats a line seen
    above the table (its title or section heading; ``heads`` hold their `head_key`)."""
    text = clean(text)
    if not text:
        return True
    if any(pattern.search(text) for pattern in _RUNNING):
        return True
    key = head_key(text)
    return bool(key) and key in set(heads)


_TITLE = re.compile(r"(?:19|20)\d\d\s*年.*(?:绩效|目标|指标|预算)")


def title_like(text: str) -> bool:
    """Whether a line reads as a table's title (a year, then 绩效, 目标, 指标 or 预算), as a
    workbook may write one in a cell of its own rather than across the sheet.

    >>> title_like("某县财政局 2021 年部门职责-工作活动绩效目标"), title_like("就业服务")
    (True, False)
    """
    return bool(_TITLE.search(clean(text)))


_DIGIT_VALUES = {c: v for v, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 9,999 (``十三``, ``一百零一``); ``None`` for any
    other text."""
    if not text:
        return None
    total, digit = 0, None
    for char in text:
        if char in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[char]
        elif char in _UNIT_VALUES:
            total += (1 if digit is None else digit) * _UNIT_VALUES[char]
            digit = None
        else:
            return None
    return total + (digit or 0)
