"""The repairs an import makes to text damaged by extraction, each one said as a finding.

Every function here takes published text and returns the repaired text with a description of
what it did (or ``None`` when it did nothing), so the importer can record each repair.

White space is layout, not content, in a table extracted from a PDF: a cell wraps where the
column ends (``养老金发放 到位率``) and comparison signs stand apart from their numbers
(``≥ 90%``). [clean][perfscore.importing._repairs.clean] keeps a space only between two
Latin letters or digits and before a list item (``… 2、…``):

>>> clean("≥ 400- 499 人"), clean("养老金发放 到位率"), clean("相关政策 2、学员材料")
('≥400-499人', '养老金发放到位率', '相关政策 2、学员材料')
>>> join_broken("政务服务、12333电话咨询", "询系统及信息系统建设完成情况")
('政务服务、12333电话咨询系统及信息系统建设完成情况', '询')
>>> split_fused("100%90%85%85%", 4)
['100%', '90%', '85%', '85%']
>>> operator_read_as_2("290%")
'≥90%'
>>> unit_from_name("新增就业人员数量"), unit_from_name("当年基金使用率"), unit_from_name("师资力量")
('人', 'percent', None)
"""

from __future__ import annotations

import re

from perfscore.errors import PerfscoreError
from perfscore.notation._grammar import parse_cell
from perfscore.notation._labels import simplified_characters

__all__ = [
    "clean",
    "dangling",
    "dangling_name",
    "join",
    "join_broken",
    "operator_read_as_2",
    "simplify",
    "split_fused",
    "unit_from_name",
]

_SPACE = re.compile(r"\s+")
_LATIN = re.compile(r"[A-Za-z0-9]")
# A list item inside a cell: 2、 (2) （2）.
_ITEM = re.compile(r"\d{1,2}、|[（(]\d{1,2}[)）]")


def clean(text: str) -> str:
    """Normalise the white space of extracted text (see the module's notes)."""
    text = text.strip()

    def space(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1], text[match.end()]
        if _LATIN.match(before) and _LATIN.match(after):
            return " "
        if _ITEM.match(text, match.end()):
            return " "
        return ""

    return _SPACE.sub(space, text)


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def join_broken(head: str, tail: str) -> tuple[str, str | None]:
    """Join a cell's text broken over two rows; return the text and the character kept once.

    An extraction that cuts a cell at a page break sometimes repeats the character at the cut
    (``…电话咨询`` / ``询系统…``). A Chinese character that ends the first part and starts the
    second is kept once, and returned, so the importer can say so.
    """
    head, tail = clean(head), clean(tail)
    if head and tail and head[-1] == tail[0] and _is_cjk(head[-1]):
        return join(head, tail[1:]), head[-1]
    return join(head, tail), None


_LETTER = re.compile(r"[A-Za-z]")


def join(head: str, tail: str) -> str:
    """Join the text of a cell cut across rows or lines: directly, as a cut falls inside a word
    (``100`` / ``0人``), but with a space before a list item (``… 2、``) or between two Latin
    words.

    >>> join("就业服", "务指导。"), join("工作。", "2、负责"), join("quality", "control")
    ('就业服务指导。', '工作。 2、负责', 'quality control')
    """
    head, tail = clean(head), clean(tail)
    if not head or not tail:
        return head or tail
    spaced = _ITEM.match(tail) or (_LETTER.match(head[-1]) and _LETTER.match(tail[0]))
    return head + (" " if spaced else "") + tail


#: Marks after which a grading cell cannot end: the rest is on the next row (≥ / 95%).
_OPERATORS = tuple("≥≤<>=＞＜≧≦＝-－~～")
#: Words that join two comparisons (≥85%和 / ≤100%); a cell with a number cannot end on them.
_JOINERS = tuple("和或且及至、，,")
_DIGIT = re.compile(r"[0-9０-９]")


def dangling(text: str | None) -> bool:
    """Whether a cell's ``text`` ends where it cannot end: after a comparison sign or ``-``
    (``≥``, ``≥400-``), or after ``和`` / ``或`` … when it holds a number (``≥85%和``); a
    label that ends in 且 is just a label.

    >>> dangling("≥"), dangling("≥85%和"), dangling("≥400-"), dangling("並且"), dangling("≥90%")
    (True, True, True, False, False)
    """
    text = clean(text or "")
    if not text:
        return False
    return text.endswith(_OPERATORS) or (text.endswith(_JOINERS) and bool(_DIGIT.search(text)))


def dangling_name(text: str) -> bool:
    """Whether a name ends where a name cannot end (after ``、`` or ``，``)."""
    return clean(text).endswith(("、", "，", ",", "（", "("))


_VALUE = re.compile(
    r"\s*(?:[≥≤<>=＞＜≧≦＝]{1,2}\s*)?[0-9０-９]+(?:[.．][0-9０-９]+)?\s*[%％]?(?:[^\s0-9０-９%％≥≤<>=＞＜≧≦＝和或且及至以]{1,2}(?=[≥≤<>=＞＜≧≦＝0-9０-９]|$))?"
)


def split_fused(text: str, count: int) -> list[str] | None:
    """Split a cell holding ``count`` cells' values run together (``100%90%85%85%``).

    Returns the parts when ``text`` is exactly ``count`` values side by side (a comparison,
    a number, ``%`` or a short unit each) and does not read as one cell, else ``None``.
    """
    text = text.strip()
    try:
        parse_cell(text)
    except PerfscoreError:
        pass
    else:
        return None
    parts: list[str] = []
    position = 0
    while position < len(text):
        match = _VALUE.match(text, position)
        if match is None or match.end() == position:
            return None
        parts.append(match.group().strip())
        position = match.end()
    if len(parts) != count:
        return None
    return parts


_TWO = re.compile(r"^2\s*(100|[1-9]\d(?:\.\d+)?)\s*%$")


def operator_read_as_2(text: str) -> str | None:
    """``290%`` for ``≥90%``: an extraction that read ``≥`` as the digit 2.

    Only a percentage above 200 % made of a 2 and a percentage from 10 % to 100 % is read so;
    the importer applies it where the rest of the ladder stays within 100 %.
    """
    match = _TWO.match(text.strip())
    if match is None:
        return None
    return f"≥{match.group(1)}%"


def simplify(text: str) -> tuple[str, str]:
    """``text`` with its traditional characters simplified, and the characters changed (empty
    when none): the one character table of the labels module
    ([simplified][perfscore.notation.simplified]), so an import reads every character a label
    comparison does.

    >>> simplify("一級指標")
    ('一级指标', '標級')
    """
    return simplified_characters(text)


# A name's ending that says what it counts; first match wins.
_NAME_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"人次$"), "人次"),
    (re.compile(r"(人数|人员数量?|人员|学生)$"), "人"),
    (re.compile(r"次数$"), "次"),
    (re.compile(r"(天数|日数|时限)$"), "天"),
    (re.compile(r"(种数|种类|工种)$"), "种"),
    (re.compile(r"(率|比例|比率|度|占比)$"), "percent"),
)


def unit_from_name(name: str) -> str | None:
    """The unit an indicator's name implies: …率 → percent, …人数 → 人, …次数 → 次 …"""
    for pattern, unit in _NAME_UNITS:
        if pattern.search(name):
            return unit
    return None
