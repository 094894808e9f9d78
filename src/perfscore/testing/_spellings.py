"""Spellings of generated ladders (评价标准的写法): the shapes and cell texts strategies draw.

A `Spec` is a ladder before it is written: its kind, unit, grades and thresholds. `specs`
draws one; `spell` writes it as a row of published cells in the forms real tables use (spaces,
full-width digits, 以上 / 以下 / 不低于, ranges, units left off); `ladder_of` is the ladder
the canonical spelling parses to. [perfscore.testing.strategies][] composes these into its
public strategies.

>>> from hypothesis import find
>>> spec = find(specs(("higher",), ("percent",)), lambda spec: len(spec.grades) == 4)
>>> sorted(str(g) for g in spell(spec, None))
['中', '优', '差', '良']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final, TypeVar

import hypothesis.strategies as st

from perfscore.grades import GRADES, Grade
from perfscore.intervals import format_number
from perfscore.ladders._ladder import Ladder, normalize_label, parse_ladder
from perfscore.units import UNIT_SYMBOLS, is_counted

__all__ = [
    "FULL_WIDTH", "Row", "Spec", "Writer", "ladder_of", "messy_label", "specs", "spell",
    "unit_symbol",
]  # fmt: skip

_T = TypeVar("_T")

#: A row of published cells: each grade's text, ``None`` for a blank cell.
Row = dict[Grade, str | None]


# -- the shape of a generated ladder --------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A ladder before it is spelled: its kind, unit, reachable grades and thresholds.

    Monotone kinds (higher, lower): ``bounds[i]`` separates ``grades[i]`` from ``grades[i+1]``
    and ``closed[i]`` says whether the better of the two takes the threshold itself. Bands:
    ``bounds`` are the lower thresholds (falling) and ``uppers`` the upper ones (rising or
    equal), each grade but the worst taking ``[bounds[i], uppers[i]]``. Categorical: ``labels``.
    """

    kind: str
    unit: str | None
    grades: tuple[Grade, ...]
    bounds: tuple[Fraction, ...] = ()
    closed: tuple[bool, ...] = ()
    uppers: tuple[Fraction, ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def higher(self) -> bool:
        return self.kind != "lower"


def unit_symbol(unit: str | None) -> str:
    if unit is None:
        return ""
    return UNIT_SYMBOLS.get(unit, unit)


_LABELS: Final[tuple[str, ...]] = (
    "有效实施", "能完整的实施", "基本上能实施", "不能很好实施", "优良", "持续改善", "无",
    "效果明显", "效果较好", "效果一般", "效果较差", "满意", "基本满意", "不满意", "及时", "不及时",
    "师资力量雄厚", "师资力量较强", "师资力量一般", "师资力量薄弱",
)  # fmt: skip


@st.composite
def _labels(draw: st.DrawFn, count: int) -> tuple[str, ...]:
    # Published labels first (they shrink to the start of the list), then made-up ones of CJK
    # ideographs; never a digit, which would make the cell numeric.
    ideographs = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
    made_up = st.text(ideographs, min_size=1, max_size=6)
    pool = st.one_of(st.sampled_from(_LABELS), made_up)
    labels = draw(st.lists(pool, min_size=count, max_size=count, unique_by=normalize_label))
    return tuple(labels)


#: Thresholds drawn for every ladder: enough for a band of four grades with both sides apart.
_MOST_THRESHOLDS: Final = 6


@st.composite
def _thresholds(draw: st.DrawFn, unit: str) -> tuple[Fraction, ...]:
    """Distinct decimal thresholds in ``unit``, rising; small and round when shrunk."""
    counted = is_counted(unit)
    places = draw(st.sampled_from((0, 1, 2)))
    scale = 1 if counted else 10**places
    low = -100 * scale if unit == "dimensionless" else 1
    high = {"percent": 100, "万元": 10_000}.get(unit, 1_000) * scale
    # Whole-number units need a whole number strictly between two thresholds, so that every
    # grade is reached by some count.
    least_gap = 2 if counted else 1
    start = draw(st.integers(min_value=low, max_value=high))
    step = st.integers(min_value=least_gap, max_value=max(least_gap, high // 4))
    count = _MOST_THRESHOLDS - 1
    gaps = draw(st.lists(step, min_size=count, max_size=count))
    steps = [start]
    for gap in gaps:
        steps.append(steps[-1] + gap)
    return tuple(Fraction(s, scale) for s in steps)


@st.composite
def specs(draw: st.DrawFn, kinds: tuple[str, ...], units: tuple[str, ...]) -> Spec:
    # Every kind makes the same draws, whether it uses them or not: hypothesis shrinks toward
    # fewer draws before smaller ones, and the simplest ladder should be the first kind and unit
    # listed, not whichever kind happens to draw least.
    kind = draw(st.sampled_from(kinds))
    unit = draw(st.sampled_from(units))
    blank_kind = draw(st.sampled_from(("higher", "lower", "band")))
    # Two or three grades written; the others blank (1种 / — / — / 0, or 差 left blank).
    kept = set(draw(st.lists(st.sampled_from(GRADES), min_size=2, max_size=3, unique=True)))
    sides = draw(st.integers(0, 2))
    line = draw(_thresholds(unit))
    closed = tuple(not c for c in draw(st.lists(st.booleans(), min_size=3, max_size=3)))
    grades = tuple(g for g in GRADES if g in kept) if kind == "blank" else GRADES
    if kind == "categorical":
        return Spec(kind, None, grades, labels=draw(_labels(len(grades))))
    if kind == "blank":
        kind = blank_kind
    steps = len(grades) - 1
    if kind == "band":
        # Lower thresholds l_k < … < l_1 under the 优 band, upper ones u_1 ≤ … ≤ u_k above it:
        # grade i takes [l_i, u_i] less what better grades take; the worst grade takes the rest.
        lowers = tuple(reversed(line[:steps]))
        top = line[steps : steps + 1 + min(sides, steps - 1)]
        uppers = tuple(top[min(i, len(top) - 1)] for i in range(steps))
        return Spec("band", unit, grades, lowers, (True,) * steps, uppers)
    bounds = line[:steps]
    # Shrinking booleans goes to False; the common published form is the closed one (≥90%).
    ordered = tuple(reversed(bounds)) if kind == "higher" else bounds
    return Spec(kind, unit, grades, ordered, closed[:steps])


# -- spelling a spec as cells ---------------------------------------------------------------

# Each comparison in the forms published tables write it: (before the number, after it).
_SPELLINGS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    ">=": (("≥", ""), (">=", ""), ("≧", ""), ("＞＝", ""), ("≥ ", ""), ("不低于", ""),
           ("不少于", ""), ("至少", ""), ("", "以上"), ("", "及以上"), ("大于等于", "")),
    ">": ((">", ""), ("＞", ""), ("> ", ""), ("超过", ""), ("高于", ""), ("大于", "")),
    "<=": (("≤", ""), ("<=", ""), ("≦", ""), ("＜＝", ""), ("不高于", ""), ("不超过", ""),
           ("最多", ""), ("", "以下"), ("", "以内"), ("", "及以下")),
    "<": (("<", ""), ("＜", ""), ("< ", ""), ("低于", ""), ("不满", ""), ("少于", ""),
          ("不足", "")),
}  # fmt: skip
_PLAIN: Final[dict[str, str]] = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
FULL_WIDTH: Final = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_AND: Final[tuple[str, ...]] = ("和", "且", "并且", " 和 ")
_OR: Final[tuple[str, ...]] = ("或", "或者", " 或 ")


class Writer:
    """Spells numbers and comparisons plainly, or (``messy``) in drawn published forms."""

    def __init__(self, draw: st.DrawFn | None, unit: str | None) -> None:
        self.draw = draw
        self.symbol = unit_symbol(unit)

    def pick(self, options: Sequence[_T]) -> _T:
        return options[0] if self.draw is None else self.draw(st.sampled_from(options))

    def flag(self) -> bool:
        return False if self.draw is None else self.draw(st.booleans())

    def number(self, value: Fraction, *, unit: bool = True) -> str:
        text = format_number(value)
        if self.draw is not None and value.denominator == 1 and abs(value) >= 1000 and self.flag():
            text = f"{int(value):,}"
        sym = self.symbol if unit else ""
        if sym and sym not in "%‰" and self.flag():
            sym = " " + sym  # 499 人
        if self.flag():
            sym = sym.translate(FULL_WIDTH)
            text = text.translate(FULL_WIDTH)
        return text + sym

    def compare(self, op: str, value: Fraction, *, unit: bool = True) -> str:
        if self.draw is None:
            return _PLAIN[op] + self.number(value, unit=unit)
        before, after = self.pick(_SPELLINGS[op])
        return f"{before}{self.number(value, unit=unit)}{after}"

    def conjoin(self, *parts: str) -> str:
        return self.pick(_AND).join(parts)

    def disjoin(self, *parts: str) -> str:
        return self.pick(_OR).join(parts)


def spell(spec: Spec, draw: st.DrawFn | None, *, gapped: bool = False) -> Row:
    """The spec's cells: plain (``draw=None``) or in drawn published forms.

    Every spelling parses (with the spec's unit) to the same ladder, except that with
    ``gapped`` a count ladder may be written as published tables write counts (``≥ 400- 499 人``
    under ``≥500人``; ``3 / 2 / 1 / 0``), which agree with it on whole numbers only.
    """
    if spec.kind == "categorical":
        return _spell_labels(spec, draw)
    writer = Writer(draw, spec.unit)
    texts = (
        _spell_band(spec, writer)
        if spec.kind == "band"
        else _spell_monotone(spec, writer, draw, gapped=gapped)
    )
    if draw is not None and spec.unit not in (None, "dimensionless"):
        texts = _drop_units(spec, texts, draw)
    row: Row = dict.fromkeys(GRADES)
    row.update(texts)
    return row


def _spell_monotone(
    spec: Spec, w: Writer, draw: st.DrawFn | None, *, gapped: bool
) -> dict[Grade, str]:
    higher = spec.higher
    at_least, beyond = (">=", ">") if higher else ("<=", "<")
    at_most, below = ("<=", "<") if higher else (">=", ">")
    n = len(spec.grades)
    texts: dict[Grade, str] = {}
    whole = gapped and spec.unit is not None and is_counted(spec.unit)
    # A bare number is read by the ladder's direction, which the cells must then still show:
    # a bare best cell needs an explicit worst cell and the reverse.
    bare_best = draw is not None and spec.closed[0] and w.flag()
    # The published count form ≥ 400- 499 人 / ≥ 300- 399 人: once one grade stops short of the
    # next threshold, the grades below it must too, or they would take the whole-number gap.
    ranges = whole and higher and all(spec.closed) and w.flag()
    for i, grade in enumerate(spec.grades):
        if i == 0:
            t, closed = spec.bounds[0], spec.closed[0]
            texts[grade] = (
                w.number(t) if bare_best else w.compare(at_least if closed else beyond, t)
            )
        elif i < n - 1:
            t, closed = spec.bounds[i], spec.closed[i]
            above, above_closed = spec.bounds[i - 1], spec.closed[i - 1]
            form = 0 if draw is None else draw(st.integers(0, 2))
            if ranges or (form == 1 and closed and higher and t >= 0):
                # ≥ 400- 500 人: 500 itself goes to the better grade, which takes it
                top = above - 1 if ranges else above
                sep = w.pick(("-", "- ", "～", "至", "~"))
                texts[grade] = (
                    w.pick(("≥", "≥ ", "")) + f"{w.number(t, unit=False)}{sep}" + (w.number(top))
                )
            elif form == 2:
                # Both ends written: ≥80%和<90%
                upper_op = below if above_closed else at_most
                texts[grade] = w.conjoin(
                    w.compare(at_least if closed else beyond, t),
                    w.compare(upper_op, above),
                )
            else:
                texts[grade] = w.compare(at_least if closed else beyond, t)
        else:
            t, closed = spec.bounds[-1], spec.closed[-1]
            form = 0 if draw is None else draw(st.integers(0, 3))
            # The cell before the worst starts with t, which a bare t in the worst cell repeats.
            if form == 1 and closed and not bare_best and n > 2:
                texts[grade] = w.number(t)  # 100% 90% 85% 85%: below the next grade's number
            elif form == 2 and closed:
                texts[grade] = w.compare(at_most, t)  # best grade wins at t
            elif (
                form == 3
                and whole
                and higher
                and t >= 1
                and closed
                and n > 2
                and not bare_best
                and grade is Grade.POOR  # a bare number reads "at most" only in the 差 cell
            ):
                texts[grade] = w.number(t - 1)  # 3 / 2 / 1 / 0
            else:
                texts[grade] = w.compare(below if closed else at_most, t)
    return texts


def _spell_band(spec: Spec, w: Writer) -> dict[Grade, str]:
    texts: dict[Grade, str] = {}
    last = len(spec.grades) - 1
    for i, grade in enumerate(spec.grades):
        if i == last:
            texts[grade] = w.disjoin(
                w.compare("<", spec.bounds[-1]), w.compare(">", spec.uppers[-1])
            )
            continue
        low, high = spec.bounds[i], spec.uppers[i]
        texts[grade] = w.conjoin(w.compare(">=", low), w.compare("<=", high))
        if i > 0 and w.flag() and spec.uppers[i] == spec.uppers[i - 1]:
            # ≥83%和<85%: what 优 leaves of the band on the low side, as the seed table writes.
            texts[grade] = w.conjoin(w.compare(">=", low), w.compare("<", spec.bounds[i - 1]))
    return texts


def _drop_units(spec: Spec, texts: dict[Grade, str], draw: st.DrawFn) -> dict[Grade, str]:
    # 100% / ≥80 / ≥60 / <60%: the unit left off some cells, kept in at least one.
    symbol = unit_symbol(spec.unit)
    forms = {symbol, symbol.translate(FULL_WIDTH), " " + symbol}
    keep = draw(st.sampled_from(sorted(texts, key=GRADES.index)))
    out = {}
    for grade, text in texts.items():
        if grade is not keep and draw(st.booleans()):
            for form in sorted(forms, key=len, reverse=True):
                text = text.replace(form, "")
        out[grade] = text
    return out


def _spell_labels(spec: Spec, draw: st.DrawFn | None) -> Row:
    row: Row = dict.fromkeys(GRADES)
    for grade, label in zip(spec.grades, spec.labels, strict=True):
        row[grade] = label if draw is None else messy_label(label, draw)
    return row


def messy_label(label: str, draw: st.DrawFn) -> str:
    # A PDF extraction splits cells by spaces: 能完整的 实施.
    if len(label) > 1 and draw(st.booleans()):
        cut = draw(st.integers(1, len(label) - 1))
        label = label[:cut] + draw(st.sampled_from((" ", "　", "\n"))) + label[cut:]
    return label


def ladder_of(spec: Spec) -> Ladder:
    return parse_ladder(spell(spec, None), unit=spec.unit)
