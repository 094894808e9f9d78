"""A form's header found inside a run of text, and what kind of cell each of its columns holds.

When every cell of a page ran together, the header is a stretch of the form's header words one
after another somewhere in a long line (``…绩效指标一级指标二级指标三级指标分值年度指标值全年实际值
得分未完成原因及改进措施产出指标(70分)…``). It is found where an indicator header starts (一级指标,
三级指标, 指标名称, 指标内容) and read word by word, the longest word first, each with the note
in brackets it may carry (``得分系数(%)``); a last column of reasons (未完成原因…) runs to its
``措施``. A word printed with its characters out of order (``考值参分``, a wrapped cell read line by
line in the wrong order) is read as the word it spells, and said so.

>>> header = find_header("资金情况一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标")
>>> [c.kind for c in header.columns], header.text
(['level1', 'level2', 'name', 'weight', 'target', 'actual', 'points'], \
'一级指标二级指标三级指标分值年度指标值全年实际值得分')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ._form_words import COLUMN_KINDS, HEADER_WORDS, column_kind

__all__ = ["KIND_OF", "Column", "RunHeader", "find_header"]

# The kinds of column the rows are read by (``_run_rows``), by the forms' one vocabulary's
# names; the 指标性质 is read as ``"nature"`` here.
_KINDS = frozenset((
    "level1", "level2", "name", "unit", "nature", "target", "target2", "actual", "weight",
    "points", "ratio", "yesno", "explain", "reason", "direction",
))  # fmt: skip
_NAMES = {"op": "nature"}


def _kind(word: str) -> str:
    kind = column_kind(word) or "other"
    kind = _NAMES.get(kind, kind)
    return kind if kind in _KINDS else "other"


#: Each header word's kind of cell (the words of the goal and self-evaluation forms), as the
#: forms' one vocabulary classes it (``column_kind``): found in a run by these exact words.
KIND_OF: dict[str, str] = {word: _kind(word) for word in HEADER_WORDS | set(COLUMN_KINDS)}
_WORDS = frozenset(KIND_OF)
_LONGEST = max(map(len, _WORDS))
_STARTS = ("一级指标", "三级指标", "指标名称", "指标内容")
_REASON = re.compile(
    r"(?:偏差原因|未完成原因|原因分析)[^一二三]{0,16}?措施|(?:偏差原因|未完成原因)"
)
_NOTE = re.compile(r"[(（][^()（）]{0,6}[)）]")
# Scrambled words: the sorted characters of each word of four characters or more.
_SPELLED = {"".join(sorted(w)): w for w, k in KIND_OF.items() if len(w) >= 4 and k != "other"}


@dataclass(frozen=True)
class Column:
    """One header column: the words as printed, the word read, and its kind of cell."""

    printed: str
    word: str
    kind: str


@dataclass(frozen=True)
class RunHeader:
    """A header found in a run: where it starts and ends, its columns, and what was read
    otherwise than printed (a scrambled word, a name column the copy lost)."""

    start: int
    end: int
    columns: tuple[Column, ...]
    text: str
    notes: tuple[str, ...] = ()


def _word_at(text: str, at: int) -> tuple[int, str, str | None] | None:
    """The header word at ``at``: (its end, the word, a note if read otherwise than printed)."""
    reason = _REASON.match(text, at)
    if reason is not None:
        return reason.end(), "偏差原因", None
    for size in range(min(_LONGEST, len(text) - at), 0, -1):
        if text[at : at + size] in _WORDS:
            return at + size, text[at : at + size], None
    for size in (7, 6, 5, 4):
        chunk = text[at : at + size]
        word = _spelled(chunk) if len(chunk) == size else None
        if word is not None and (size == len(word) or _continues(text, at + size)):
            return at + size, word, f"{chunk} read as {word} (its characters out of order)"
    return None


def _spelled(chunk: str) -> str | None:
    """The header word ``chunk`` holds every character of, out of order (one more at most)."""
    held = Counter(chunk)
    for word in _SPELLED.values():
        if 0 <= len(chunk) - len(word) <= 1 and not Counter(word) - held:
            return word
    return None


def _continues(text: str, at: int) -> bool:
    """Whether a header word starts at ``at`` (a scrambled chunk must be followed by one)."""
    return any(text.startswith(w, at) for w in _WORDS if len(w) >= 2)


def _read_from(text: str, at: int) -> RunHeader | None:
    columns: list[Column] = []
    notes: list[str] = []
    pos = at
    while (found := _word_at(text, pos)) is not None:
        end, word, note = found
        if (bracket := _NOTE.match(text, end)) is not None:
            end = bracket.end()
        columns.append(Column(text[pos:end], word, KIND_OF.get(word, "other")))
        notes += [note] if note else []
        pos = end
    kinds = [c.kind for c in columns]
    if len(columns) < 3 or "target" not in kinds:
        return None
    if "name" not in kinds:
        if "level2" not in kinds:
            return None
        at_name = kinds.index("level2") + 1
        columns.insert(at_name, Column("", "三级指标", "name"))
        notes.append("the header prints no 三级指标: the indicator's name read after 二级指标")
    return RunHeader(at, pos, tuple(columns), text[at:pos], tuple(notes))


def find_header(text: str) -> RunHeader | None:
    """The first indicator header in ``text`` (words run together), or ``None``."""
    starts = sorted(m.start() for w in _STARTS for m in re.finditer(w, text))
    for at in starts:
        header = _read_from(text, at)
        if header is not None:
            return header
    return None
