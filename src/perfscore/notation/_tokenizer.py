"""The token table of the grading-cell notation, and a tokenizer that keeps source spans.

Every spelling the notation accepts is listed here and nowhere else: comparison operators in
their ASCII, mathematical and full-width forms; the inclusive and exclusive words (simplified
and traditional); conjunction, disjunction and range separators; numbers; and unit names
(taken from the unit registry), one token also for a compound unit as published: a unit, ``/``
and the units below it joined by ``·`` (``元/亩``, ``万元/公里``, ``元/人·年``). Full-width
forms (the Halfwidth and Fullwidth Forms and Small Form
Variants blocks, and the ideographic space) are folded character by character, so every token's
span points at the characters the user wrote. Other compatibility forms are not folded: NFKC
would read a superscript ``¹`` or a circled ``⑨`` as a digit (``≥90¹%`` as ``≥901%``), so they
stay as written and are refused with a caret.

A cell is at most [MAX_CELL_LENGTH][perfscore.notation._tokenizer.MAX_CELL_LENGTH] characters long
(published cells are a few dozen): longer text is refused before it is read.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Final

from perfscore.errors import NotationError, clip
from perfscore.units import unit_names

__all__ = ["MAX_CELL_LENGTH", "Kind", "Token", "fold", "fold_character", "reload_units", "tokenize"]

#: The longest cell (or value) read, in characters: a thousand times a long published cell,
#: small enough that a refused cell costs nothing.
MAX_CELL_LENGTH: Final = 50_000


class Kind(enum.Enum):
    NUMBER = "a number"
    UNIT = "a unit"
    OP = "a comparison"  # ≥ ≤ > < =
    PREFIX = "a comparison word"  # 不低于 95%
    SUFFIX = "a comparison word after the number"  # 95%以上
    AND = "和"
    OR = "或"
    RANGE = "a range separator"
    DASH = "-"  # a range separator or a minus sign: the parser decides
    WORD = "a word"  # a run of letters no other token starts (only with ``words=True``)
    END = "the end of the cell"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str  # the folded text
    start: int
    end: int
    #: For OP, PREFIX and SUFFIX: the comparison it means, one of ">=", ">", "<=", "<", "=".
    meaning: str = ""


# Comparison operators after folding (NFKC turns ＞ ＜ ＝ into > < =).
_OPERATORS: Final[dict[str, str]] = {
    ">=": ">=", "≥": ">=", "≧": ">=", "⩾": ">=", "=>": ">=",
    "<=": "<=", "≤": "<=", "≦": "<=", "⩽": "<=", "=<": "<=",
    ">": ">", "<": "<", "=": "=", "==": "=",
    # A box-drawing double bar stands for = in tables typed in some Chinese input methods.
    "═": "=",
}  # fmt: skip

# Words placed before the number. The inclusive words follow 民法典 第一千二百五十九条:
# 以上 / 以下 / 以内 include the number itself; 不满 / 超过 (and the suffix 以外) do not.
_PREFIX_WORDS: Final[dict[str, str]] = {
    **dict.fromkeys(
        ["不低于", "不少于", "不小于", "至少", "大于等于", "大于或等于", "达到", "不低於",
         "不少於", "不小於", "達到", "大於等於"], ">="),
    **dict.fromkeys(
        ["不高于", "不超过", "不多于", "不大于", "最多", "至多", "小于等于", "小于或等于",
         "不高於", "不超過", "不多於", "不大於", "小於等於"], "<="),
    **dict.fromkeys(["超过", "高于", "大于", "多于", "超過", "高於", "大於", "多於"], ">"),
    **dict.fromkeys(
        ["低于", "少于", "小于", "不满", "不足", "未满", "低於", "少於", "小於", "不滿"], "<"),
    **dict.fromkeys(["等于", "等於"], "="),
}  # fmt: skip

# Words placed after the number.
_SUFFIX_WORDS: Final[dict[str, str]] = {
    **dict.fromkeys(["以上", "及以上", "或以上", "(含)以上", "(含以上)"], ">="),
    **dict.fromkeys(["以下", "及以下", "或以下", "以内", "以內", "(含)以下", "(含以下)"], "<="),
    # 以外 (beyond) excludes the number, as 民法典 第一千二百五十九条 says: 30天以外 is >30天.
    "以外": ">",
}  # fmt: skip

_AND: Final[tuple[str, ...]] = ("和", "且", "并且", "而且", "与", "與", "並且", "&")
_OR: Final[tuple[str, ...]] = ("或", "或者")
_RANGE: Final[tuple[str, ...]] = ("~", "至", "到", "—", "–", "〜")

_NUMBER: Final = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")
_SPACE: Final = re.compile(r"\s+")

# Characters folded individually: full-width forms, the ideographic space, and the few
# look-alikes NFKC leaves alone.
_EXTRA_FOLDS: Final[dict[str, str]] = {"－": "-", "﹣": "-", "−": "-", "～": "~", "，": ","}


def fold(text: str) -> str:
    """Fold full-width forms one character at a time (length-preserving).

    Only the full-width and small forms are folded; a superscript or circled digit is kept as
    written (the tokenizer refuses it), never read as a digit.

    >>> fold("＞＝９５％")
    '>=95%'
    >>> fold("≥90¹%")
    '≥90¹%'
    """
    return text.translate(_FOLDS)


def fold_character(ch: str) -> str:
    """One character folded: its NFKC form where it is a full-width or small form (or an
    extra look-alike) that NFKC makes one character, else the character itself (the rule
    ``fold`` applies to every character of a text, through a table made once by it).

    >>> fold_character("＞"), fold_character("①")
    ('>', '①')
    """
    folded = _EXTRA_FOLDS.get(ch) or (
        unicodedata.normalize("NFKC", ch) if _is_full_width(ch) else ch
    )
    return folded if len(folded) == 1 else ch


def _is_full_width(ch: str) -> bool:
    """A character of the Halfwidth and Fullwidth Forms or Small Form Variants blocks, or the
    ideographic space: the forms a Chinese keyboard types for ASCII."""
    code = ord(ch)
    return 0xFF00 <= code <= 0xFFEF or 0xFE50 <= code <= 0xFE6F or code == 0x3000


# The characters ``fold`` changes, each to its folded form (every other one is kept): a
# translation table, so a text is folded at the speed of ``str.translate`` (the readers of
# text fold every cell they compare, many times over).
_FOLDS: Final[dict[int, str]] = {
    code: folded
    for code in (*range(0xFE50, 0xFE70), *range(0xFF00, 0xFFF0), 0x3000)
    if (folded := fold_character(chr(code))) != chr(code)
} | {ord(ch): to for ch, to in _EXTRA_FOLDS.items()}


@cache
def _literals() -> tuple[tuple[str, Kind, str], ...]:
    table: list[tuple[str, Kind, str]] = []
    table += [(s, Kind.OP, m) for s, m in _OPERATORS.items()]
    table += [(s, Kind.PREFIX, m) for s, m in _PREFIX_WORDS.items()]
    table += [(s, Kind.SUFFIX, m) for s, m in _SUFFIX_WORDS.items()]
    table += [(s, Kind.AND, "") for s in _AND]
    table += [(s, Kind.OR, "") for s in _OR]
    table += [(s, Kind.RANGE, "") for s in _RANGE]
    table += [("-", Kind.DASH, "")]
    table += [(u, Kind.UNIT, "") for u in unit_names()]
    # Longest first, so 及以上 wins over 及, 人次 over 人, 至少 over 至.
    return tuple(sorted(table, key=lambda entry: -len(entry[0])))


@cache
def _by_first() -> dict[str, tuple[tuple[str, Kind, str], ...]]:
    """The literals by their first character, longest first: each position tries only the few
    starting with its character, so unknown text costs a dictionary look-up a character."""
    table: dict[str, list[tuple[str, Kind, str]]] = {}
    for entry in _literals():
        table.setdefault(entry[0][0], []).append(entry)
    return {first: tuple(entries) for first, entries in table.items()}


def reload_units() -> None:
    """Read the unit names afresh (after [perfscore.define_unit][perfscore.notation.define_unit]
    adds one)."""
    _literals.cache_clear()
    _by_first.cache_clear()


def tokenize(source: str, *, words: bool = False) -> Iterator[Token]:
    """Split a cell into tokens, ending with an END token.

    Raises [NotationError][perfscore.errors.NotationError] at the first character no token starts
    with; with ``words``, a run of such characters (up to the next token) is a WORD token instead:
    a targets cell names counted things the registry does not know (``29.5亩``, ``192只``).

    >>> [t.text for t in tokenize("≥ 400- 499 人")]
    ['≥', '400', '-', '499', '人', '']
    """
    if len(source) > MAX_CELL_LENGTH:
        raise NotationError(
            f"a cell of {len(source):,} characters (at most {MAX_CELL_LENGTH:,} are read)",
            source=source,
            span=(MAX_CELL_LENGTH, len(source)),
        )
    text = fold(source)
    pos = 0
    by_first = _by_first()
    while pos < len(text):
        space = _SPACE.match(text, pos)
        if space:
            pos = space.end()
            continue
        number = _NUMBER.match(text, pos)
        if number:
            yield Token(Kind.NUMBER, number.group(), pos, number.end())
            pos = number.end()
            continue
        for literal, kind, meaning in by_first.get(text[pos], ()):
            if _matches(text, pos, literal):
                end = pos + len(literal)
                if kind is Kind.UNIT:
                    end = _compound_end(text, end)
                yield Token(kind, text[pos:end], pos, end, meaning)
                pos = end
                break
        else:
            end = pos + 1
            while end < len(text) and not _starts_token(text, end):
                end += 1
            if words and not text[pos].isascii():
                yield Token(Kind.WORD, text[pos:end], pos, end)
                pos = end
                continue
            if text[pos] == "/" and end > pos + 1:
                below = text[pos + 1 : end]
                raise NotationError(
                    f"a unit per {clip(below, 20)!r}? perfscore knows no unit {clip(below, 20)!r} "
                    "(perfscore.define_unit adds one)", source=source, span=(pos + 1, end),
                )  # fmt: skip
            raise NotationError(
                f"unexpected {clip(text[pos:end], 20)!r}", source=source, span=(pos, end)
            )
    yield Token(Kind.END, "", len(text), len(text))


#: What joins the parts of a compound unit: ``/`` before the units below it, then ``·``.
_PER: Final = "/"
_DOTS: Final = ("·", "・")


def _compound_end(text: str, end: int) -> int:
    """Where a unit written up to ``end`` ends with the parts of a compound unit after it:
    ``/`` and a unit, then more units after ``·`` or ``/`` (``元/亩``, ``元/人·年``)."""
    joins: tuple[str, ...] = (_PER,)
    while end < len(text) and text[end] in joins:
        below = _unit_end(text, end + 1)
        if below is None:
            break
        end, joins = below, (_PER, *_DOTS)
    return end


def _unit_end(text: str, pos: int) -> int | None:
    """The end of the longest unit name written at ``pos``, if one is."""
    if pos >= len(text):
        return None
    for literal, kind, _ in _by_first().get(text[pos], ()):
        if kind is Kind.UNIT and _matches(text, pos, literal):
            return pos + len(literal)
    return None


def _matches(text: str, pos: int, literal: str) -> bool:
    """Whether ``literal`` is written at ``pos``; a Latin name (t, kg) only as a whole word."""
    if not text.startswith(literal, pos):
        return False
    end = pos + len(literal)
    latin = _is_latin(literal[-1])
    return not (latin and end < len(text) and _is_latin(text[end]))


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalpha() or ch == "_")


def _starts_token(text: str, pos: int) -> bool:
    if text[pos].isspace() or text[pos] in "0123456789":
        return True
    if _is_latin(text[pos]) and _is_latin(text[pos - 1]):
        return False  # inside a Latin word
    return any(_matches(text, pos, literal) for literal, _, _ in _by_first().get(text[pos], ()))
