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

A page may also end inside the rows of a table copied as a stream of cells or words (one cell
per line, pipe cells, cells apart by single spaces): its number, then the header printed again
on the next page. `page_break` tells how many of the texts from a place are such a page's end,
for every reader of those streams to leave out:

>>> header = ["一级指标", "三级指标", "指标值"]
>>> page_break(["第 2 页", "一级指标", "三级指标", "指标值", "产出指标"], 0, header)
4
>>> page_break(["2", "产出指标", "培训人次"], 0, header)
0
>>> page_break(["2", "一级指标", "三级指标", "指标值"], 0, header)
4
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from perfscore.notation._labels import simplified

from ._findings import ImportFinding, Place
from ._form_words import BLOCK_LABELS
from ._repairs import clean, simplify

_T = TypeVar("_T")

__all__ = [
    "PAGE_NUMBER",
    "SECTION",
    "block_start",
    "chinese_number",
    "head_key",
    "page_break",
    "page_breaks_left_out",
    "running_head",
    "title_like",
]

#: A section heading of a disclosure: ``五、…`` or ``（五）…``.
SECTION = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")

#: A page's number as a page prints it, which no cell of a table reads as: ``第 2 页``,
#: ``第3页，共12页``, ``共12页 第3页``, ``- 3 -``.
PAGE_NUMBER = re.compile(
    r"^(?:第\s*\d{1,4}\s*页(?:\s*[,，/共]\s*共?\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页|[-—－–]\s*\d{1,4}\s*[-—－–])$"
)
# A page's number a cell may also read as (2, 3/12): a page's only where it stands alone on a
# line between rows, or the header follows it.
_BARE_NUMBER = re.compile(r"^(?:[-—－–]?\s*\d{1,4}\s*[-—－–]?|\d{1,4}\s*/\s*\d{1,4})$")
_PAGE_STARTS = frozenset("第共-—－–0123456789")  # what a page's number starts with

_MONEY_UNIT = re.compile(r"^单位[:：]")  # the money unit a page prints above its table

# Lines a page repeats above a table's rows, whatever the table.
_RUNNING = (
    re.compile(r"续表|（续）|\(续\)|续上表|接上表|上接"),  # a continued table says so
    _MONEY_UNIT,
    PAGE_NUMBER,
    _BARE_NUMBER,
    # the department code and short name (323 人社局), not a year (2018年…)
    re.compile(r"^(?!(?:19|20)\d\d年)\d{3,9}\s*[\u4e00-\u9fff]{1,8}$"),
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


def page_break(
    texts: Sequence[str],
    at: int,
    header: Sequence[str],
    *,
    alone: Callable[[int, int], bool] | None = None,
) -> int:
    """How many of ``texts`` (cells, or words apart by spaces) from ``at`` are a page's end
    inside a table's rows: the page's number (in one text or up to six, ``第`` ``2`` ``页``),
    the next page's head (a continued table's note, ``（续表）``, or its money unit,
    ``单位：万元``), then the table's ``header`` printed again; or the header again alone (the
    number lost or printed elsewhere). 0 where the rows go on.

    The header again is its words in order (a word wrapped over texts of its own joined), all
    of them or all but the first (a label down the table's side, 绩效指标, that a copy leaves
    out where its merged cell covers the header again). A number that a cell may also read
    (``2``, ``3/12``) is a page's only before the header or where it stands on a line of its
    own: ``alone(i, j)`` says whether ``texts[i:j]`` are a line of their own between rows, in a
    text whose rows are lines (never, where it is ``None``).
    """
    return _Pages(texts, header, alone).size(at)


class _Pages:
    """Texts read for pages' ends: each simplified once, the header's words joined once (all
    of them, and all but the first)."""

    def __init__(
        self, texts: Sequence[str], header: Sequence[str], alone: Callable[[int, int], bool] | None
    ) -> None:
        self.texts = [simplified(t) for t in texts]
        words = [simplified(w) for w in header]
        self.wholes = ["".join(words)] + (["".join(words[1:])] if len(words) > 3 else [])
        self.alone = alone

    def size(self, at: int) -> int:
        """How many texts from ``at`` are a page's end (see `page_break`)."""
        texts = self.texts
        first = texts[at] if at < len(texts) else ""
        if not first or not (
            first[0] in _PAGE_STARTS
            or any(whole.startswith(first) for whole in self.wholes)
            or _CONTINUED.search(first)
            or _MONEY_UNIT.match(first)
        ):
            return 0  # the common case, a cell of a row: nothing a page's end starts with
        number, sure = 0, False
        for size in range(min(6, len(texts) - at), 0, -1):  # the longest first: - 2 -, not -
            piece = " ".join(texts[at : at + size])  # apart: 14 2 is no 142
            if PAGE_NUMBER.match(piece) or _BARE_NUMBER.match(piece):
                number = size
                sure = bool(PAGE_NUMBER.match(piece)) or bool(
                    self.alone and self.alone(at, at + size)
                )
                break
        k = at + number
        while k < min(len(texts), at + number + 3) and (
            _CONTINUED.search(texts[k]) or _MONEY_UNIT.match(texts[k])
        ):
            sure = sure or bool(_CONTINUED.search(texts[k]))  # the page's head: 续表, 单位：万元
            k += 1
        again = self.header_again(k)
        if again:
            return k + again - at
        return k - at if sure else 0

    def header_again(self, at: int) -> int:
        """How many texts from ``at`` are the header's words again; 0 if they are not."""
        for whole in self.wholes:
            joined, k = "", at
            while whole and k < len(self.texts) and len(joined) < len(whole):
                joined += self.texts[k]
                k += 1
                if not whole.startswith(joined):
                    break
            else:
                if whole and joined == whole:
                    return k - at
        return 0


def page_breaks_left_out(
    items: Sequence[_T],
    texts: Sequence[str],
    lines: Sequence[int],
    end: int,
    header: Sequence[str],
    *,
    alone: Callable[[int, int], bool] | None = None,
) -> tuple[list[_T], list[ImportFinding]]:
    """``items`` (cells or words, whose ``texts`` and source ``lines`` are given beside them)
    without the pages' ends (`page_break`) among the rows after the header that ends at
    ``end``, up to the next block's labels (项目名称 …: the next project reads its own header);
    and a finding for each page's end left out."""
    kept, findings = list(items[:end]), list[ImportFinding]()
    pages = _Pages(texts, header, alone)
    k = end
    while k < len(items):
        if block_start(pages.texts[k]):
            return kept + list(items[k:]), findings
        size = pages.size(k)
        if not size:
            kept.append(items[k])
            k += 1
            continue
        findings.append(
            ImportFinding(
                Place(line=lines[k]),
                " ".join(t for t in texts[k : k + size] if t),
                "a page's end inside the table's rows (its number, the header printed again): "
                "left out",
                kind="source",
            )
        )
        k += size
    return kept, findings


_BLOCK = re.compile(
    "^(?:{})(?::|$)".format("|".join(re.escape(simplified(w)) for w in BLOCK_LABELS))
)


def block_start(word: str) -> bool:
    """Whether a cell or word, in the form labels are compared in (`simplified`), starts a
    project's block: one of its labels (项目名称, 主管部门 …) alone or before a colon, never a
    name or remark that begins with one (实施单位满意度).

    >>> block_start("项目名称"), block_start("项目名称:培训补贴"), block_start("实施单位满意度")
    (True, True, False)
    """
    return _BLOCK.match(word) is not None


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
