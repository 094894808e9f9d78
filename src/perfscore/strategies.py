"""Hypothesis strategies for property-testing code that reads, grades and scores indicators.

Install with ``pip install "perfscore[hypothesis]"``. The strategies follow hypothesis's own
style: plural nouns, keyword-only options with defaults, and
:class:`hypothesis.errors.InvalidArgument` for an option that makes no sense. Generated ladders
shrink toward the first kind and unit listed, few grades and small round thresholds.

- :func:`ladders` draws :class:`~perfscore.Ladder` objects of every kind: higher is better, lower
  is better, target band, blank grades (优 … 差 with some cells left blank) and categorical.
- :func:`cells` draws rows of published grading cells (评价标准) in the forms real tables use,
  messy ones included: spaces inside, full-width digits and operators, 以上 / 以下 / 不低于 …,
  ranges such as ``≥ 400- 499 人``, a unit left off some cells. Every row parses.
- :func:`from_ladder` draws values a ladder grades as a given grade, boundary values included, as
  numbers, strings with units, pint quantities, fractions for percent ladders, 元 for 万元 ladders,
  and labels for qualitative ladders.
- :func:`tables` draws whole small :class:`~perfscore.Table` objects.

Importing perfscore also registers :func:`ladders` and :func:`tables` with
``hypothesis.strategies.from_type`` (through hypothesis's ``hypothesis`` entry point).

>>> from hypothesis import find
>>> from perfscore.strategies import ladders
>>> find(ladders(kinds=["higher", "band"], units=["percent"]), lambda ladder: True).unit
'percent'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeVar

import hypothesis.strategies as st
from hypothesis.errors import InvalidArgument

from .errors import PerfscoreError
from .exact import as_decimal, whole_range
from .grades import GRADES, Grade
from .intervals import Interval, format_number
from .ladders import Ladder, normalize_label, parse_ladder
from .tables import Table, load_table
from .units import UNIT_SYMBOLS, canonical_unit, is_counted, ureg

__all__ = ["KINDS", "UNITS", "cells", "from_ladder", "ladders", "tables"]

#: The kinds of ladder :func:`ladders` and :func:`cells` draw, simplest first.
KINDS: Final[tuple[str, ...]] = ("higher", "lower", "band", "blank", "categorical")

#: The units drawn when ``units`` is not given, simplest first.
UNITS: Final[tuple[str, ...]] = ("percent", "人", "次", "种", "万元", "天", "dimensionless")

Row = dict[Grade, str | None]
_T = TypeVar("_T")


# -- argument checks ------------------------------------------------------------------------


def _check_kinds(kinds: Sequence[str] | None) -> tuple[str, ...]:
    if kinds is None:
        return KINDS
    if isinstance(kinds, str) or not isinstance(kinds, Sequence):
        raise InvalidArgument(f"kinds={kinds!r} must be a sequence of kind names from {KINDS}")
    chosen = tuple(kinds)
    if not chosen:
        raise InvalidArgument(f"kinds must name at least one kind of {KINDS}")
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        raise InvalidArgument(f"unknown ladder kind {unknown[0]!r}; the kinds are {KINDS}")
    return tuple(dict.fromkeys(chosen))


def _check_units(units: Sequence[str] | None) -> tuple[str, ...]:
    if units is None:
        return UNITS
    if isinstance(units, str) or not isinstance(units, Sequence):
        raise InvalidArgument(f"units={units!r} must be a sequence of unit names, such as {UNITS}")
    chosen = tuple(units)
    if not chosen:
        raise InvalidArgument("units must name at least one unit")
    out = []
    for unit in chosen:
        if not isinstance(unit, str):
            raise InvalidArgument(f"units must be unit names, not {unit!r}")
        try:
            out.append(canonical_unit(unit))
        except PerfscoreError as error:
            raise InvalidArgument(f"units: {error.reason}") from None
    return tuple(dict.fromkeys(out))


def _check_size(name: str, value: object, least: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if value < least:
        raise InvalidArgument(f"{name}={value!r} must be at least {least}")
    return value


# -- the shape of a generated ladder --------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
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


def _symbol(unit: str | None) -> str:
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
def _specs(draw: st.DrawFn, kinds: tuple[str, ...], units: tuple[str, ...]) -> _Spec:
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
        return _Spec(kind, None, grades, labels=draw(_labels(len(grades))))
    if kind == "blank":
        kind = blank_kind
    steps = len(grades) - 1
    if kind == "band":
        # Lower thresholds l_k < … < l_1 under the 优 band, upper ones u_1 ≤ … ≤ u_k above it:
        # grade i takes [l_i, u_i] less what better grades take; the worst grade takes the rest.
        lowers = tuple(reversed(line[:steps]))
        top = line[steps : steps + 1 + min(sides, steps - 1)]
        uppers = tuple(top[min(i, len(top) - 1)] for i in range(steps))
        return _Spec("band", unit, grades, lowers, (True,) * steps, uppers)
    bounds = line[:steps]
    # Shrinking booleans goes to False; the common published form is the closed one (≥90%).
    ordered = tuple(reversed(bounds)) if kind == "higher" else bounds
    return _Spec(kind, unit, grades, ordered, closed[:steps])


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
_FULL_WIDTH: Final = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_AND: Final[tuple[str, ...]] = ("和", "且", "并且", " 和 ")
_OR: Final[tuple[str, ...]] = ("或", "或者", " 或 ")


class _Writer:
    """Spells numbers and comparisons plainly, or (``messy``) in drawn published forms."""

    def __init__(self, draw: st.DrawFn | None, unit: str | None) -> None:
        self.draw = draw
        self.symbol = _symbol(unit)

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
            sym = sym.translate(_FULL_WIDTH)
            text = text.translate(_FULL_WIDTH)
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


def _spell(spec: _Spec, draw: st.DrawFn | None, *, gapped: bool = False) -> Row:
    """The spec's cells: plain (``draw=None``) or in drawn published forms.

    Every spelling parses (with the spec's unit) to the same ladder, except that with
    ``gapped`` a count ladder may be written as published tables write counts (``≥ 400- 499 人``
    under ``≥500人``; ``3 / 2 / 1 / 0``), which agree with it on whole numbers only.
    """
    if spec.kind == "categorical":
        return _spell_labels(spec, draw)
    writer = _Writer(draw, spec.unit)
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
    spec: _Spec, w: _Writer, draw: st.DrawFn | None, *, gapped: bool
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


def _spell_band(spec: _Spec, w: _Writer) -> dict[Grade, str]:
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


def _drop_units(spec: _Spec, texts: dict[Grade, str], draw: st.DrawFn) -> dict[Grade, str]:
    # 100% / ≥80 / ≥60 / <60%: the unit left off some cells, kept in at least one.
    symbol = _symbol(spec.unit)
    forms = {symbol, symbol.translate(_FULL_WIDTH), " " + symbol}
    keep = draw(st.sampled_from(sorted(texts, key=GRADES.index)))
    out = {}
    for grade, text in texts.items():
        if grade is not keep and draw(st.booleans()):
            for form in sorted(forms, key=len, reverse=True):
                text = text.replace(form, "")
        out[grade] = text
    return out


def _spell_labels(spec: _Spec, draw: st.DrawFn | None) -> Row:
    row: Row = dict.fromkeys(GRADES)
    for grade, label in zip(spec.grades, spec.labels, strict=True):
        row[grade] = label if draw is None else _messy_label(label, draw)
    return row


def _messy_label(label: str, draw: st.DrawFn) -> str:
    # A PDF extraction splits cells by spaces: 能完整的 实施.
    if len(label) > 1 and draw(st.booleans()):
        cut = draw(st.integers(1, len(label) - 1))
        label = label[:cut] + draw(st.sampled_from((" ", "　", "\n"))) + label[cut:]
    return label


def _ladder(spec: _Spec) -> Ladder:
    return parse_ladder(_spell(spec, None), unit=spec.unit)


# -- public strategies ----------------------------------------------------------------------


def ladders(
    *, kinds: Sequence[str] | None = None, units: Sequence[str] | None = None
) -> st.SearchStrategy[Ladder]:
    """Grade ladders of the given ``kinds`` in the given ``units``.

    ``kinds`` is drawn from :data:`KINDS`: ``"higher"`` and ``"lower"`` (is better),
    ``"band"`` (a target band: grades fall away on both sides), ``"blank"`` (some grades'
    cells blank, in any direction) and ``"categorical"`` (graded by label). ``units`` names the
    units numeric ladders are measured in (default :data:`UNITS`); categorical ladders have
    none. Thresholds are decimals; in whole-number units (人, 次 …) every grade is reached by
    some count. Ladders shrink toward the first kind and unit given and small round
    thresholds (categorical ladders, which also draw their labels, after numeric ones).

    >>> from hypothesis import find
    >>> from perfscore import Direction
    >>> find(ladders(), lambda ladder: True)
    <Ladder('优 ≥3% | 良 ≥2% | 中 ≥1% | 差 <1%', unit='percent')>
    >>> find(ladders(units=["人"]), lambda ladder: ladder.direction is Direction.TARGET_BAND)
    <Ladder('优 ≥5人和≤7人 | 良 ≥3人和<5人 | 中 ≥1人和<3人 | 差 <1人或>7人', unit='人')>
    """
    checked_kinds, checked_units = _check_kinds(kinds), _check_units(units)
    return _specs(checked_kinds, checked_units).map(_ladder)


def cells(
    *, kinds: Sequence[str] | None = None, units: Sequence[str] | None = None
) -> st.SearchStrategy[Row]:
    """Rows of published grading cells (评价标准), a dict from each :class:`Grade` to its text.

    The texts take the forms published tables use, messy ones included: spaces inside,
    full-width digits and operators (``＞＝９５％``), the words 以上 / 以下 / 不低于 / 超过 …,
    ranges (``≥ 400- 499 人``), bare numbers read by the ladder's direction (``100%`` as the best
    cell, a worst cell repeating the next number), the unit left off some cells, and blank
    cells (``None``). At least one cell of a numeric row writes its unit, so every row parses
    with :func:`perfscore.parse_ladder` without being told the unit. Options as for
    :func:`ladders`.
    """
    checked_kinds, checked_units = _check_kinds(kinds), _check_units(units)

    @st.composite
    def rows(draw: st.DrawFn) -> Row:
        spec = draw(_specs(checked_kinds, checked_units))
        return _spell(spec, draw, gapped=True)

    return rows()


def from_ladder(ladder: Ladder, *, grade: Grade | str | None = None) -> st.SearchStrategy[object]:
    """Values that ``ladder`` grades as ``grade`` (any grade it can give if ``grade`` is None).

    Numeric values come with their boundary values (each closed end of a grade's region, and
    values just inside each open end) and in assorted forms: numbers in the ladder's unit
    (``int``, ``Fraction``, ``Decimal``, ``float`` where the float is the exact decimal), strings
    with or without the unit (``"83%"``, ``"499 人"``, full-width digits), pint quantities, and
    other units of the same kind: plain fractions for percent ladders, 元 for 万元 ladders.
    Values stay inside the ladder's natural domain (:meth:`perfscore.Ladder.domain`) and are
    whole numbers for counted units. For a qualitative ladder, its labels, spaced as a PDF
    extraction might space them.
    """
    if not isinstance(ladder, Ladder):
        raise InvalidArgument(f"from_ladder needs a perfscore.Ladder, not {ladder!r}")
    grades = ladder.grades
    if grade is not None:
        try:
            wanted = Grade(grade)
        except ValueError:
            raise InvalidArgument(f"grade={grade!r} is not a grade (优, 良, 中, 差)") from None
        if wanted not in grades:
            raise InvalidArgument(f"no value gets {wanted} from {ladder!r}: its cell is blank")
        grades = (wanted,)
    if ladder.categorical:
        labels = ladder.labels
        return st.sampled_from(grades).flatmap(
            lambda g: _label_values(tuple(x for x, lg in labels.items() if lg is g))
        )
    strategies = {g: _magnitudes(ladder, g) for g in grades}
    empty = [g for g, s in strategies.items() if s is None]
    if empty:
        raise InvalidArgument(
            f"no value in the domain of {ladder!r} gets {empty[0]}"
            + (" (no whole number lies in its region)" if ladder.counted else "")
        )
    magnitudes = st.one_of([s for s in strategies.values() if s is not None])
    unit = ladder.unit
    assert unit is not None
    return magnitudes.flatmap(lambda m: _forms(m, unit))


def _label_values(labels: tuple[str, ...]) -> st.SearchStrategy[object]:
    @st.composite
    def spaced(draw: st.DrawFn) -> object:
        return _messy_label(draw(st.sampled_from(labels)), draw)

    return spaced()


def _magnitudes(ladder: Ladder, grade: Grade) -> st.SearchStrategy[Fraction] | None:
    region = ladder.region(grade) & ladder.domain()
    pieces = [p for p in (_points(i, whole=ladder.counted) for i in region) if p is not None]
    return st.one_of(pieces) if pieces else None


def _points(i: Interval, *, whole: bool) -> st.SearchStrategy[Fraction] | None:
    """Values in the interval: its closed ends, just inside its open ends, and between."""
    lower, upper = i.lower, i.upper
    if whole:
        bounds = whole_range(i)
        if bounds is None:
            return None
        lo, hi = bounds
        if lo is None and hi is None:
            lo = 0
        if lo is None:
            assert hi is not None
            lo = hi - 1000
        if hi is None:
            hi = lo + 1000
        if lo > hi:
            return None
        ends = st.sampled_from(sorted({lo, hi}))
        return st.one_of(ends, st.integers(lo, hi)).map(Fraction)
    low = Fraction(lower) if not math.isinf(lower) else None
    high = Fraction(upper) if not math.isinf(upper) else None
    if low is None and high is None:
        return st.integers(-1000, 1000).map(Fraction)
    width = (high - low) if low is not None and high is not None else Fraction(1000)
    options: list[st.SearchStrategy[Fraction]] = []
    if low is not None:
        if i.lower_closed:
            options.append(st.just(low))
        if width:
            options.append(_inside(low, width, 1))
    if high is not None:
        if i.upper_closed:
            options.append(st.just(high))
        if width:
            options.append(_inside(high, width, -1))
    return st.one_of(options)


def _inside(end: Fraction, width: Fraction, sign: int) -> st.SearchStrategy[Fraction]:
    # A decimal a small step inside the end (0.5, 0.01 … of a unit), never past the middle.
    def step(places: int, digit: int) -> Fraction:
        delta = Fraction(digit, 10**places)
        while delta * 2 >= width:
            delta /= 10
        return end + sign * delta

    return st.builds(step, st.integers(0, 6), st.integers(1, 9))


def _decimal(value: Fraction) -> str | None:
    text = format_number(value)
    return None if "/" in text else text


def _exact_float(value: Fraction) -> float | None:
    number = float(value)
    return number if as_decimal(number) == value else None


# Other units a value may arrive in, by the ladder's unit: (unit, magnitude per ladder unit).
_ALSO: Final[dict[str, tuple[tuple[str, Fraction], ...]]] = {
    "percent": (("dimensionless", Fraction(1, 100)), ("permille", Fraction(10))),
    "dimensionless": (("percent", Fraction(100)),),
    "万元": (("元", Fraction(10_000)), ("千元", Fraction(10)), ("亿元", Fraction(1, 10_000))),
    "元": (("万元", Fraction(1, 10_000)),),
    "天": (("周", Fraction(1, 7)),),
}


def _forms(magnitude: Fraction, unit: str) -> st.SearchStrategy[object]:
    """``magnitude`` (in ``unit``) written in the forms a result arrives in."""
    forms: list[st.SearchStrategy[object]] = [_numbers(magnitude)]
    forms.append(_texts(magnitude, unit, unit))
    forms.append(_quantities(magnitude, unit))
    for other, scale in _ALSO.get(unit, ()):
        forms.append(_texts(magnitude * scale, other, unit))
        forms.append(_quantities(magnitude * scale, other))
    return st.one_of(forms)


def _numbers(value: Fraction) -> st.SearchStrategy[object]:
    options: list[object] = []
    if value.denominator == 1:
        options.append(int(value))
    options.append(value)
    text = _decimal(value)
    if text is not None:
        options.append(Decimal(text))
    number = _exact_float(value)
    if number is not None:
        options.append(number)
    return st.sampled_from(options)


def _texts(value: Fraction, unit: str, ladder_unit: str) -> st.SearchStrategy[object]:
    text = _decimal(value)
    if text is None or (unit == "dimensionless" and ladder_unit != unit):
        # A text without a unit is read in the ladder's unit.
        return st.nothing()
    symbol = _symbol(unit)
    written = [
        f"{text}{symbol}",
        f"{text} {symbol}".rstrip(),
        f"{text}{symbol}".translate(_FULL_WIDTH),
    ]
    if unit == "元" and value.denominator == 1 and abs(value) >= 1000:
        written.append(f"{int(value):,}{symbol}")
    return st.sampled_from(written)


def _quantities(value: Fraction, unit: str) -> st.SearchStrategy[object]:
    magnitudes: list[object] = [value]
    number = _exact_float(value)
    if number is not None:
        magnitudes.insert(0, int(value) if value.denominator == 1 else number)
    # pint names dimensionless ""; the project's units by their registry names or aliases.
    name = "" if unit == "dimensionless" else unit
    return st.sampled_from(magnitudes).map(lambda m: ureg.Quantity(m, name))


def tables(
    *,
    kinds: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
    min_size: int = 1,
    max_size: int | None = None,
) -> st.SearchStrategy[Table]:
    """Whole small tables (:class:`perfscore.Table`) of ``min_size`` to ``max_size`` indicators.

    Indicators are spread over one to three duties (职责) and their activities (活动), with
    published-style cells drawn as by :func:`cells` and the indicator's unit; ``kinds`` and
    ``units`` as for :func:`ladders`. ``max_size`` defaults to a small table (eight
    indicators, or ``min_size``).
    """
    checked_kinds, checked_units = _check_kinds(kinds), _check_units(units)
    low = _check_size("min_size", min_size, 1)
    high = max(low, 8) if max_size is None else _check_size("max_size", max_size, 1)
    if high < low:
        raise InvalidArgument(f"min_size={min_size!r} is larger than max_size={max_size!r}")

    @st.composite
    def build(draw: st.DrawFn) -> Table:
        count = draw(st.integers(low, high))
        specs = [draw(_specs(checked_kinds, checked_units)) for _ in range(count)]
        duties = draw(st.integers(1, min(3, count)))
        layout = _layout(count, duties, draw)
        data: dict[str, Any] = {
            "format": 1,
            "name": draw(st.sampled_from(("example", "example-2019", "county-hrss-2020"))),
            "department": {"name": draw(st.sampled_from(_DEPARTMENTS))},
            "year": draw(st.integers(2015, 2030)),
            "duties": [],
        }
        specs_left = iter(specs)
        for d, activity_sizes in enumerate(layout, start=1):
            activities = []
            for a, size in enumerate(activity_sizes, start=1):
                indicators = []
                for n in range(1, size + 1):
                    spec = next(specs_left)
                    row = _spell(spec, draw, gapped=True)
                    indicators.append(
                        {
                            "id": f"{d}.{a}.{n}",
                            "name": f"指标{d}.{a}.{n}",
                            "unit": spec.unit,
                            "cells": {g.value: text for g, text in row.items()},
                        }
                    )
                activities.append(
                    {"id": f"{d}.{a}", "name": f"活动{d}.{a}", "indicators": indicators}
                )
            data["duties"].append({"id": str(d), "name": f"职责{d}", "activities": activities})
        return load_table(data)

    return build()


_DEPARTMENTS: Final[tuple[str, ...]] = ("赞皇县人力资源和社会保障局", "某县财政局", "某县教育局")


def _layout(count: int, duties: int, draw: st.DrawFn) -> list[list[int]]:
    """Split ``count`` indicators over ``duties`` duties, each with one or two activities."""
    places = st.lists(st.integers(1, count - 1), min_size=duties - 1, max_size=duties - 1,
                      unique=True)  # fmt: skip
    cuts = sorted(draw(places)) if duties > 1 else []
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, count], strict=True)]
    layout = []
    for size in sizes:
        if size > 1 and draw(st.booleans()):
            first = draw(st.integers(1, size - 1))
            layout.append([first, size - first])
        else:
            layout.append([size])
    return layout
