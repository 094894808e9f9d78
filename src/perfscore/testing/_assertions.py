"""Assertions for your own tests of indicator tables and ladders.

Each helper raises `AssertionError` with a message naming the indicator (when given one)
and the value at fault, so a failing test says what to fix:

>>> from perfscore import parse_ladder
>>> from perfscore.testing import assert_covers, assert_monotone, assert_round_trips
>>> ladder = parse_ladder({"优": "≥500人", "良": "≥400-499人", "中": "≥300-399人", "差": "<300人"})
>>> assert_covers(ladder)   # counts are whole numbers: 499.5 人 is no gap
>>> assert_monotone(ladder); assert_round_trips(ladder)
>>> assert_covers(parse_ladder({"优": "≥90%", "良": "≥80%和<85%", "差": "<80%"}))
Traceback (most recent call last):
  ...
AssertionError: 85% has no grade (uncovered: [85, 90) percent)

[assert_table_valid][perfscore.testing.assert_table_valid] runs every check on every indicator of a
table and reports all the faults at once.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from perfscore.errors import PerfscoreError
from perfscore.grades import Grade
from perfscore.intervals import Interval, IntervalSet, format_number
from perfscore.ladders._ladder import Direction, Ladder, parse_ladder
from perfscore.notation._exact import whole_range
from perfscore.tables._models import Indicator, Table
from perfscore.units import UNIT_SYMBOLS

__all__ = ["assert_covers", "assert_monotone", "assert_round_trips", "assert_table_valid"]


def _ladder_of(subject: Ladder | Indicator) -> tuple[Ladder, str]:
    if isinstance(subject, Indicator):
        return subject.ladder, f"indicator {subject.id}: "
    if isinstance(subject, Ladder):
        return subject, ""
    raise TypeError(f"expected a perfscore Ladder or Indicator, got {type(subject).__name__}")


def _show(value: Fraction | float, unit: str | None) -> str:
    number = format_number(Fraction(value)) if not isinstance(value, float) else str(value)
    if unit is None or unit == "dimensionless":
        return number
    symbol = UNIT_SYMBOLS.get(unit, unit)
    return f"{number}{symbol}" if symbol in ("%", "‰") else f"{number} {symbol}"


def _sample(interval: Interval, *, whole: bool) -> Fraction | None:
    """A value in ``interval``: a closed end, else the middle; for counts, a whole number."""
    lower, upper = interval.lower, interval.upper
    if whole:
        bounds = whole_range(interval)
        if bounds is None:
            return None
        low, high = bounds
        pick = low if low is not None else high
        return Fraction(0 if pick is None else pick)
    if not math.isinf(lower) and interval.lower_closed:
        return Fraction(lower)
    if not math.isinf(upper) and interval.upper_closed:
        return Fraction(upper)
    if math.isinf(lower) and math.isinf(upper):
        return Fraction(0)
    if math.isinf(lower):
        return Fraction(upper) - 1
    if math.isinf(upper):
        return Fraction(lower) + 1
    return (Fraction(lower) + Fraction(upper)) / 2


def assert_covers(subject: Ladder | Indicator, *, domain: IntervalSet | None = None) -> None:
    """Assert every value of ``domain`` gets a grade.

    ``domain`` defaults to the ladder's natural domain
    ([perfscore.Ladder.domain][perfscore.ladders.Ladder.domain]): ``[0, ∞)`` for percent and counts,
    the whole line otherwise. Counted units (人, 次, 种 …) are checked over whole numbers only, so
    ``≥ 400- 499 人`` under ``≥500人`` leaves no gap. A qualitative ladder grades labels and covers
    every label it lists.
    """
    ladder, where = _ladder_of(subject)
    if ladder.categorical:
        return
    gaps = ladder.gaps(domain)
    for interval in gaps:
        value = _sample(interval, whole=ladder.counted)
        if value is None:
            continue
        uncovered = " | ".join(str(i) for i in gaps if _sample(i, whole=ladder.counted) is not None)
        raise AssertionError(
            f"{where}{_show(value, ladder.unit)} has no grade "
            f"(uncovered: {uncovered} {ladder.unit})"
        )


def assert_monotone(subject: Ladder | Indicator, *, direction: Direction | None = None) -> None:
    """Assert grades never improve against the ladder's direction.

    Higher is better: along the line grades only rise; lower is better: they only fall; a
    target band: they rise, then fall. With ``direction``, also assert the ladder runs that
    way (say, that an indicator of incidents is lower-is-better).
    """
    ladder, where = _ladder_of(subject)
    if direction is not None and ladder.direction is not direction:
        raise AssertionError(
            f"{where}the ladder is {ladder.direction.value}, expected {direction.value}: {ladder}"
        )
    if ladder.categorical:
        return
    pieces = ladder.pieces()
    peaked = False
    for (left, worse_or_not), (right, grade) in itertools.pairwise(pieces):
        rises = grade > worse_or_not
        falls = grade < worse_or_not
        if ladder.direction is Direction.HIGHER_IS_BETTER:
            wrong = falls
        elif ladder.direction is Direction.LOWER_IS_BETTER:
            wrong = rises
        else:
            wrong = rises and peaked
            peaked = peaked or falls
        if wrong:
            a = _sample(left, whole=False)
            b = _sample(right, whole=False)
            assert a is not None
            assert b is not None
            raise AssertionError(
                f"{where}grades do not run {ladder.direction.value}: "
                f"{_show(a, ladder.unit)} gets {worse_or_not} but "
                f"{_show(b, ladder.unit)} gets {grade}"
            )


def assert_round_trips(subject: Ladder | Indicator) -> None:
    """Assert the canonical cells parse back to an equal ladder with the same hash and text."""
    ladder, where = _ladder_of(subject)
    cells = ladder.to_cells()
    try:
        again = parse_ladder(cells, unit=ladder.unit)
    except PerfscoreError as error:
        raise AssertionError(
            f"{where}the canonical cells {_cells(cells)} do not parse: {error}"
        ) from None
    if again != ladder:
        raise AssertionError(
            f"{where}the canonical cells {_cells(cells)} read back as {again!r}, not {ladder!r}"
        )
    if hash(again) != hash(ladder):
        raise AssertionError(f"{where}{ladder!r} and its round trip hash differently")
    if str(again) != str(ladder) or repr(again) != repr(ladder):
        raise AssertionError(f"{where}the round trip of {ladder!r} shows as {again!r}")


def _cells(cells: dict[Grade, str | None]) -> str:
    return " | ".join(f"{g} {text or '—'}" for g, text in cells.items())


def assert_table_valid(table: Table) -> None:
    """Run [assert_covers][perfscore.testing.assert_covers],
    [assert_monotone][perfscore.testing.assert_monotone] and
    [assert_round_trips][perfscore.testing.assert_round_trips] on
    every indicator of ``table``; one `AssertionError` lists every fault found."""
    if not isinstance(table, Table):
        raise TypeError(f"expected a perfscore Table, got {type(table).__name__}")
    faults: list[str] = []
    for indicator in table.indicators():
        for check in (assert_covers, assert_monotone, assert_round_trips):
            try:
                check(indicator)
            except AssertionError as fault:
                faults.append(str(fault))
    if faults:
        listed = "\n".join(f"  {fault}" for fault in faults)
        raise AssertionError(f"table {table.name}: {len(faults)} problem(s)\n{listed}")
