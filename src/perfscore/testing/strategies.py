"""Hypothesis strategies for property-testing code that reads, grades and scores indicators.

Install with ``pip install "perfscore[hypothesis]"``. The strategies follow hypothesis's own
style: plural nouns, keyword-only options with defaults, and
`hypothesis.errors.InvalidArgument` for an option that makes no sense. Generated ladders
shrink toward the first kind and unit listed, few grades and small round thresholds.

- [ladders][perfscore.testing.strategies.ladders] draws [Ladder][perfscore.ladders.Ladder] objects
  of every kind: higher is better, lower is better, target band, blank grades (优 … 差 with some
  cells left blank) and categorical.
- `cells` draws rows of published grading cells (评价标准) in the forms real tables use,
  messy ones included: spaces inside, full-width digits and operators, 以上 / 以下 / 不低于 …,
  ranges such as ``≥ 400- 499 人``, a unit left off some cells. Every row parses.
- `from_ladder` draws values a ladder grades as a given grade, boundary values included, as
  numbers, strings with units, pint quantities, fractions for percent ladders, 元 for 万元 ladders,
  and labels for qualitative ladders.
- [tables][perfscore.testing.strategies.tables] draws whole small [Table][perfscore.tables.Table]
  objects.

Importing perfscore also registers [ladders][perfscore.testing.strategies.ladders] and
[tables][perfscore.testing.strategies.tables] with ``hypothesis.strategies.from_type`` (through
hypothesis's ``hypothesis`` entry point).

>>> from hypothesis import find
>>> from perfscore.testing.strategies import ladders
>>> find(ladders(kinds=["higher", "band"], units=["percent"]), lambda ladder: True).unit
'percent'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeVar

import hypothesis.strategies as st
from hypothesis.errors import InvalidArgument

from perfscore.errors import PerfscoreError
from perfscore.grades import Grade
from perfscore.intervals import Interval, format_number
from perfscore.ladders._ladder import Ladder
from perfscore.notation._exact import as_decimal, whole_range
from perfscore.tables._files import load_table
from perfscore.tables._models import Table
from perfscore.units import canonical_unit, ureg

from ._spellings import FULL_WIDTH, Row, ladder_of, messy_label, specs, spell, unit_symbol

__all__ = ["KINDS", "UNITS", "cells", "from_ladder", "ladders", "tables"]

#: The kinds of ladder [ladders][perfscore.testing.strategies.ladders] and `cells` draw, simplest
#: first.
KINDS: Final[tuple[str, ...]] = ("higher", "lower", "band", "blank", "categorical")

#: The units drawn when ``units`` is not given, simplest first.
UNITS: Final[tuple[str, ...]] = ("percent", "人", "次", "种", "万元", "天", "dimensionless")

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


# -- public strategies ----------------------------------------------------------------------


def ladders(
    *, kinds: Sequence[str] | None = None, units: Sequence[str] | None = None
) -> st.SearchStrategy[Ladder]:
    """Grade ladders of the given ``kinds`` in the given ``units``.

    ``kinds`` is drawn from `KINDS`: ``"higher"`` and ``"lower"`` (is better),
    ``"band"`` (a target band: grades fall away on both sides), ``"blank"`` (some grades'
    cells blank, in any direction) and ``"categorical"`` (graded by label). ``units`` names the
    units numeric ladders are measured in (default `UNITS`); categorical ladders have
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
    return specs(checked_kinds, checked_units).map(ladder_of)


def cells(
    *, kinds: Sequence[str] | None = None, units: Sequence[str] | None = None
) -> st.SearchStrategy[Row]:
    """Rows of published grading cells (评价标准), a dict from each [Grade][perfscore.grades.Grade]
    to its text.

    The texts take the forms published tables use, messy ones included: spaces inside,
    full-width digits and operators (``＞＝９５％``), the words 以上 / 以下 / 不低于 / 超过 …,
    ranges (``≥ 400- 499 人``), bare numbers read by the ladder's direction (``100%`` as the best
    cell, a worst cell repeating the next number), the unit left off some cells, and blank
    cells (``None``). At least one cell of a numeric row writes its unit, so every row parses
    with [perfscore.parse_ladder][perfscore.ladders.parse_ladder] without being told the unit.
    Options as for [ladders][perfscore.testing.strategies.ladders].
    """
    checked_kinds, checked_units = _check_kinds(kinds), _check_units(units)

    @st.composite
    def rows(draw: st.DrawFn) -> Row:
        spec = draw(specs(checked_kinds, checked_units))
        return spell(spec, draw, gapped=True)

    return rows()


def from_ladder(ladder: Ladder, *, grade: Grade | str | None = None) -> st.SearchStrategy[object]:
    """Values that ``ladder`` grades as ``grade`` (any grade it can give if ``grade`` is None).

    Numeric values come with their boundary values (each closed end of a grade's region, and
    values just inside each open end) and in assorted forms: numbers in the ladder's unit
    (``int``, ``Fraction``, ``Decimal``, ``float`` where the float is the exact decimal), strings
    with or without the unit (``"83%"``, ``"499 人"``, full-width digits), pint quantities, and
    other units of the same kind: plain fractions for percent ladders, 元 for 万元 ladders.
    Values stay inside the ladder's natural domain
    ([perfscore.Ladder.domain][perfscore.ladders.Ladder.domain]) and are whole numbers for counted
    units. For a qualitative ladder, its labels, spaced as a PDF extraction might space them.
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
        return messy_label(draw(st.sampled_from(labels)), draw)

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
    symbol = unit_symbol(unit)
    written = [
        f"{text}{symbol}",
        f"{text} {symbol}".rstrip(),
        f"{text}{symbol}".translate(FULL_WIDTH),
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
    """Whole small tables ([perfscore.Table][perfscore.tables.Table]) of ``min_size`` to
    ``max_size`` indicators.

    Indicators are spread over one to three duties (职责) and their activities (活动), with
    published-style cells drawn as by `cells` and the indicator's unit; ``kinds`` and ``units`` as
    for [ladders][perfscore.testing.strategies.ladders]. ``max_size`` defaults to a small table
    (eight indicators, or ``min_size``).
    """
    checked_kinds, checked_units = _check_kinds(kinds), _check_units(units)
    low = _check_size("min_size", min_size, 1)
    high = max(low, 8) if max_size is None else _check_size("max_size", max_size, 1)
    if high < low:
        raise InvalidArgument(f"min_size={min_size!r} is larger than max_size={max_size!r}")

    @st.composite
    def build(draw: st.DrawFn) -> Table:
        count = draw(st.integers(low, high))
        drawn = [draw(specs(checked_kinds, checked_units)) for _ in range(count)]
        duties = draw(st.integers(1, min(3, count)))
        layout = _layout(count, duties, draw)
        data: dict[str, Any] = {
            "format": 1,
            "name": draw(st.sampled_from(("example", "example-2019", "county-hrss-2020"))),
            "department": {"name": draw(st.sampled_from(_DEPARTMENTS))},
            "year": draw(st.integers(2015, 2030)),
            "duties": [],
        }
        specs_left = iter(drawn)
        for d, activity_sizes in enumerate(layout, start=1):
            activities = []
            for a, size in enumerate(activity_sizes, start=1):
                indicators = []
                for n in range(1, size + 1):
                    spec = next(specs_left)
                    row = spell(spec, draw, gapped=True)
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
