"""perfscore.intervals: exact intervals and their unions."""

from __future__ import annotations

from fractions import Fraction as F  # noqa: N817  (tables of thresholds read better short)

import pytest

from perfscore.intervals import EMPTY, INF, Interval, IntervalSet, format_number


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (Interval.closed(F(1), F(2)), "[1, 2]"),
        (Interval.open(F(1), F(2)), "(1, 2)"),
        (Interval.closed_open(F(90), INF), "[90, inf)"),
        (Interval.open_closed(-INF, F(1, 2)), "(-inf, 0.5]"),
        (Interval.point(F(3)), "[3]"),
        (Interval.closed(-INF, INF), "(-inf, inf)"),  # infinite ends are open
        (Interval.closed(F(2), F(1)), "()"),
        (Interval.open(F(1), F(1)), "()"),
        (Interval.closed_open(F(1), F(1)), "()"),
    ],
)
def test_normalised_spelling(interval: Interval, text: str) -> None:
    assert str(interval) == text
    assert repr(interval) == f"<Interval {text}>"


def test_empty_is_one_object() -> None:
    assert Interval.open(F(1), F(1)) is EMPTY
    assert EMPTY.empty
    assert F(0) not in EMPTY


@pytest.mark.parametrize(
    ("interval", "inside", "outside"),
    [
        (Interval.closed_open(F(90), F(100)), [F(90), F(9999, 100)], [F(100), F(8999, 100)]),
        (Interval.open(F(35), INF), [F(36), F(351, 10)], [F(35)]),
        (Interval.point(F(0)), [F(0), 0], [F(1, 10**30)]),
    ],
)
def test_membership(interval: Interval, inside: list[F], outside: list[F]) -> None:
    assert all(x in interval for x in inside)
    assert not any(x in interval for x in outside)
    assert "90" not in interval


def test_set_merges_and_sorts() -> None:
    s = IntervalSet.of(
        Interval.closed_open(F(90), F(100)),
        Interval.closed(F(100), F(110)),
        Interval.open(F(0), F(10)),
    )
    assert str(s) == "(0, 10) | [90, 110]"
    assert len(s) == 2
    # two open ends at the same point leave the point out
    apart = IntervalSet.of(Interval.open(-INF, F(5)), Interval.open(F(5), INF))
    assert str(apart) == "(-inf, 5) | (5, inf)"
    assert F(5) not in apart


def test_algebra() -> None:
    at_least_80 = IntervalSet.of(Interval.closed_open(F(80), INF))
    at_most_100 = IntervalSet.of(Interval.open_closed(-INF, F(100)))
    assert str(at_least_80 & at_most_100) == "[80, 100]"
    assert str(~at_least_80) == "(-inf, 80)"
    assert str(at_least_80 - at_most_100) == "(100, inf)"
    assert at_least_80 | ~at_least_80 == IntervalSet.everything()
    assert not (at_least_80 & ~at_least_80)
    assert ~IntervalSet() == IntervalSet.everything()
    assert ~IntervalSet.everything() == IntervalSet()


def test_equal_sets_hash_equal() -> None:
    a = IntervalSet.of(Interval.closed(F(1), F(2)), Interval.closed(F(2), F(3)))
    b = IntervalSet.of(Interval.closed(F(1), F(3)))
    assert a == b
    assert hash(a) == hash(b)
    assert a != IntervalSet.of(Interval.closed_open(F(1), F(3)))


def test_endpoints() -> None:
    s = IntervalSet.of(Interval.open(-INF, F(80)), Interval.open(F(100), INF))
    assert s.endpoints() == [F(80), F(100)]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (F(500), "500"),
        (F(83, 100), "0.83"),
        (F(-1, 2), "-0.5"),
        (F(1, 1000), "0.001"),
        (F(12345, 100), "123.45"),
        (F(1, 3), "1/3"),
        (F(0), "0"),
    ],
)
def test_format_number(value: F, text: str) -> None:
    assert format_number(value) == text
