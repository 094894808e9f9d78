"""perfscore.notation._exact: the number rules every grading path shares."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import PerfscoreError
from perfscore.intervals import INF, Interval
from perfscore.notation._exact import (
    FLOAT_EXACT,
    as_decimal,
    check_count,
    needs_exact,
    read_number,
    refused,
    whole_range,
)

finite = st.floats(allow_nan=False, allow_infinity=False)


@given(finite)
def test_a_float_reads_as_the_decimal_it_prints_as(number: float) -> None:
    assert as_decimal(number) == Fraction(Decimal(repr(number)))
    assert read_number(number) == (as_decimal(number), None)


@given(st.floats(allow_nan=False) | st.integers(-(10**6), 10**6).map(float))
def test_the_array_refusal_matches_the_single_value_one(number: float) -> None:
    # refused() marks in an array exactly what check_count (and finiteness) refuse one by one.
    if math.isinf(number):
        expected = True
    else:
        try:
            check_count(as_decimal(number), "人")
            expected = False
        except PerfscoreError:
            expected = True
    assert bool(refused([number], counted=True)[0]) is expected
    assert bool(refused([number], counted=False)[0]) is math.isinf(number)


def test_nan_is_missing_not_refused() -> None:
    assert not refused([math.nan], counted=True)[0]
    with pytest.raises(PerfscoreError, match="expected a finite number, got nan"):
        read_number(math.nan)


def test_integers_past_the_float_limit_go_the_exact_way() -> None:
    assert FLOAT_EXACT == 2**53
    assert not needs_exact(FLOAT_EXACT)
    assert needs_exact(FLOAT_EXACT + 1)
    assert needs_exact(-(FLOAT_EXACT + 1))


@given(
    st.fractions(min_value=-50, max_value=50),
    st.fractions(min_value=-50, max_value=50),
    st.booleans(),
    st.booleans(),
)
def test_whole_range_holds_exactly_the_whole_numbers_inside(
    a: Fraction, b: Fraction, low_closed: bool, high_closed: bool
) -> None:
    low, high = min(a, b), max(a, b)
    interval = Interval.make(low, high, low_closed, high_closed)
    inside = [n for n in range(-60, 61) if Fraction(n) in interval]
    found = whole_range(interval)
    if not inside:
        assert found is None
    else:
        assert found == (inside[0], inside[-1])


def test_whole_range_of_an_unbounded_interval() -> None:
    assert whole_range(Interval.closed_open(Fraction(1, 2), INF)) == (1, None)
    assert whole_range(Interval.open(-INF, Fraction(3))) == (None, 2)
