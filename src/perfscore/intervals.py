"""Exact intervals on the real line and finite unions of them.

A grade's condition is a union of intervals with rational bounds (`Fraction`)
and explicit open or closed ends; infinities are the bounds of rays. Unions are kept merged and
sorted, so two equal sets compare and hash equal, and gaps and overlaps are one operator away.

>>> from fractions import Fraction as F
>>> at_least_90 = Interval.closed_open(F(90), INF)
>>> below_100 = Interval.open(-INF, F(100))
>>> print(IntervalSet.of(at_least_90) & IntervalSet.of(below_100))
[90, 100)
>>> print(~IntervalSet.of(at_least_90))
(-inf, 90)
>>> F(95) in at_least_90, F(100) in below_100
(True, False)
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

__all__ = ["INF", "Bound", "Interval", "IntervalSet"]

#: A bound: a rational number or ±infinity (``INF``, ``-INF``).
Bound = Fraction | float

#: Infinity, the bound of a ray: ``INF`` above, ``-INF`` below (``≥90%`` is ``[90, INF)``).
INF: Final[float] = math.inf


def _fmt(x: Bound) -> str:
    if isinstance(x, float):
        return "inf" if x > 0 else "-inf"
    return format_number(x)


def format_number(x: Fraction) -> str:
    """A rational as the shortest decimal that names it, or ``p/q`` if it has none.

    >>> [format_number(x) for x in (Fraction(83, 100), Fraction(500), Fraction(1, 3))]
    ['0.83', '500', '1/3']
    """
    if x.denominator == 1:
        return str(x.numerator)
    den = x.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return f"{x.numerator}/{x.denominator}"
    digits = max(twos, fives)
    scaled = x * 10**digits
    sign = "-" if scaled < 0 else ""
    text = str(abs(scaled.numerator)).rjust(digits + 1, "0")
    return f"{sign}{text[:-digits]}.{text[-digits:]}"


@dataclass(frozen=True, slots=True)
class Interval:
    """One interval with its bounds and whether each end is included.

    Infinite ends are always open. Use the constructors (`closed`, `open`,
    `closed_open`, `open_closed`, `point`); an empty interval is
    `EMPTY` and is never stored in an
    [IntervalSet][perfscore.intervals.IntervalSet].
    """

    lower: Bound
    upper: Bound
    lower_closed: bool
    upper_closed: bool

    @classmethod
    def make(cls, lower: Bound, upper: Bound, lower_closed: bool, upper_closed: bool) -> Interval:
        """An interval, normalised: infinite ends open, an empty interval as
        `EMPTY`."""
        lower_closed = lower_closed and not math.isinf(lower)
        upper_closed = upper_closed and not math.isinf(upper)
        if lower > upper or (lower == upper and not (lower_closed and upper_closed)):
            return EMPTY
        return cls(lower, upper, lower_closed, upper_closed)

    @classmethod
    def closed(cls, lower: Bound, upper: Bound) -> Interval:
        return cls.make(lower, upper, True, True)

    @classmethod
    def open(cls, lower: Bound, upper: Bound) -> Interval:
        return cls.make(lower, upper, False, False)

    @classmethod
    def closed_open(cls, lower: Bound, upper: Bound) -> Interval:
        return cls.make(lower, upper, True, False)

    @classmethod
    def open_closed(cls, lower: Bound, upper: Bound) -> Interval:
        return cls.make(lower, upper, False, True)

    @classmethod
    def point(cls, value: Fraction) -> Interval:
        return cls.make(value, value, True, True)

    @property
    def empty(self) -> bool:
        return self is EMPTY or self.lower > self.upper

    def __contains__(self, value: object) -> bool:
        if self.empty or not isinstance(value, Fraction | int | float):
            return False
        above = value > self.lower or (self.lower_closed and value == self.lower)
        below = value < self.upper or (self.upper_closed and value == self.upper)
        return bool(above and below)

    def __and__(self, other: Interval) -> Interval:
        if self.empty or other.empty:
            return EMPTY
        if self.lower > other.lower or (self.lower == other.lower and not self.lower_closed):
            lower, lower_closed = self.lower, self.lower_closed
        else:
            lower, lower_closed = other.lower, other.lower_closed
        if self.upper < other.upper or (self.upper == other.upper and not self.upper_closed):
            upper, upper_closed = self.upper, self.upper_closed
        else:
            upper, upper_closed = other.upper, other.upper_closed
        return Interval.make(lower, upper, lower_closed, upper_closed)

    def touches(self, other: Interval) -> bool:
        """Whether the union of the two is one interval (they overlap or meet end to start)."""
        first, second = sorted((self, other), key=_sort_key)
        if first.upper > second.lower:
            return True
        return first.upper == second.lower and (first.upper_closed or second.lower_closed)

    def __str__(self) -> str:
        if self.empty:
            return "()"
        if self.lower == self.upper:
            return f"[{_fmt(self.lower)}]"
        left = "[" if self.lower_closed else "("
        right = "]" if self.upper_closed else ")"
        return f"{left}{_fmt(self.lower)}, {_fmt(self.upper)}{right}"

    def __repr__(self) -> str:
        return f"<Interval {self}>"


EMPTY: Final[Interval] = Interval(INF, -INF, False, False)


def _sort_key(i: Interval) -> tuple[Bound, bool]:
    return (i.lower, not i.lower_closed)


class IntervalSet:
    """A finite union of disjoint intervals, kept sorted and merged; immutable and hashable.

    ``|`` is union, ``&`` intersection, ``-`` difference, ``~`` complement in the real line.
    """

    __slots__ = ("_hash", "_lowers", "intervals")

    intervals: tuple[Interval, ...]

    def __init__(self, intervals: Iterable[Interval] = ()) -> None:
        merged: list[Interval] = []
        for item in sorted((i for i in intervals if not i.empty), key=_sort_key):
            if merged and merged[-1].touches(item):
                last = merged[-1]
                if item.upper > last.upper or (item.upper == last.upper and item.upper_closed):
                    upper, upper_closed = item.upper, item.upper_closed
                else:
                    upper, upper_closed = last.upper, last.upper_closed
                merged[-1] = Interval.make(last.lower, upper, last.lower_closed, upper_closed)
            else:
                merged.append(item)
        self.intervals = tuple(merged)
        self._hash = hash(self.intervals)
        self._lowers = [i.lower for i in merged]

    @classmethod
    def of(cls, *intervals: Interval) -> IntervalSet:
        return cls(intervals)

    @classmethod
    def everything(cls) -> IntervalSet:
        return cls((Interval.open(-INF, INF),))

    def __iter__(self) -> Iterator[Interval]:
        return iter(self.intervals)

    def __len__(self) -> int:
        return len(self.intervals)

    def __bool__(self) -> bool:
        return bool(self.intervals)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, Fraction | int | float) or value != value:
            return False
        # The intervals are sorted and disjoint: only the last one starting at or before the
        # value can hold it (a binary search keeps grading and compiling a long union linear).
        index = bisect.bisect_right(self._lowers, value) - 1
        return index >= 0 and value in self.intervals[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IntervalSet):
            return NotImplemented
        return self.intervals == other.intervals

    def __hash__(self) -> int:
        return self._hash

    def __or__(self, other: IntervalSet) -> IntervalSet:
        return IntervalSet((*self.intervals, *other.intervals))

    def __and__(self, other: IntervalSet) -> IntervalSet:
        # One sweep over both sorted lists (not every pair): linear in their lengths.
        pieces: list[Interval] = []
        mine, theirs = self.intervals, other.intervals
        i = j = 0
        while i < len(mine) and j < len(theirs):
            piece = mine[i] & theirs[j]
            if not piece.empty:
                pieces.append(piece)
            if (mine[i].upper, mine[i].upper_closed) < (theirs[j].upper, theirs[j].upper_closed):
                i += 1
            else:
                j += 1
        return IntervalSet(pieces)

    def __invert__(self) -> IntervalSet:
        pieces: list[Interval] = []
        lower: Bound = -INF
        lower_closed = False
        for item in self.intervals:
            pieces.append(Interval.make(lower, item.lower, lower_closed, not item.lower_closed))
            lower, lower_closed = item.upper, not item.upper_closed
        pieces.append(Interval.make(lower, INF, lower_closed, False))
        return IntervalSet(pieces)

    def __sub__(self, other: IntervalSet) -> IntervalSet:
        return self & ~other

    def endpoints(self) -> list[Fraction]:
        """The finite bounds of the intervals, sorted, without repeats."""
        points = {b for i in self.intervals for b in (i.lower, i.upper) if not math.isinf(b)}
        return sorted(Fraction(p) for p in points)

    def __str__(self) -> str:
        return " | ".join(str(i) for i in self.intervals) if self.intervals else "()"

    def __repr__(self) -> str:
        return f"<IntervalSet {self}>"
