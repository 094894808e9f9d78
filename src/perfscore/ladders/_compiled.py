"""The compiled form of a ladder: the cuts and codes both the single-value and the batch paths use.

A numeric ladder compiles to *cuts*: exact thresholds, each a test ``x >= t`` or ``x > t``, sorted
along the line, and the grade code of each of the ``len(cuts) + 1`` pieces between them (``-2``
where no grade covers the piece). The grade of ``x`` is the code of piece ``k``, ``k`` being the
number of tests ``x`` passes.

What the two paths share, and what they do not:

- **Shared:** the cuts and piece codes, so a value both paths read as the same number gets the
  same grade; and the rules for what is refused: a value no grade covers, an infinite value,
  and for a counted unit (人, 次 …) a negative or fractional count.
- **Single value** ([CompiledLadder.code][perfscore.ladders.CompiledLadder.code], behind
  [perfscore.Ladder.grade][perfscore.ladders.Ladder.grade]): the value is an exact `Fraction` (a
  float stands for the decimal it prints as) and is compared with the cuts exactly. A refused value
  raises.
- **Batch** ([CompiledLadder.bounds][perfscore.ladders.CompiledLadder.bounds], behind
  [perfscore.Ladder.grade_array][perfscore.ladders.Ladder.grade_array] and
  [perfscore.LadderBook][perfscore.ladders.LadderBook]): for a given data unit the cuts become one
  sorted float64 array, converted once and exactly: a threshold ``t`` (a rational, in the ladder's
  unit) is multiplied by the exact unit factor and rounded to the nearest float; a strict test ``x >
  t`` becomes ``x >= nextafter(t, +inf)``. A float passes a test exactly when the decimal it stands
  for does for values and thresholds of up to 15 significant digits, which covers every published
  table (``0.83`` meets ``≥83%``); beyond that the two paths may differ in the last place, which is
  why [perfscore.LadderBook][perfscore.ladders.LadderBook] grades fractions, decimals, big integers
  and quantities on the exact path. A refused value gets ``-2`` (``Ladder.grade_array``, and
  ``LadderBook.grade`` with ``errors="coerce"``) instead of raising, and a missing one (NaN) ``-1``.

>>> from fractions import Fraction as F
>>> c = CompiledLadder(cuts=((F(80), False), (F(90), False), (F(100), False)), codes=(0, 1, 2, 3))
>>> c.code(F(90)), c.code(F(8999, 100)), c.code(F(100))
(2, 1, 3)
>>> c.bounds(F(1, 100)).tolist()   # the same ladder for data given as fractions
[0.8, 0.9, 1.0]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

import numpy as np
import numpy.typing as npt

from perfscore.grades import Grade
from perfscore.intervals import IntervalSet

__all__ = ["MISSING", "UNCOVERED", "CompiledLadder", "Kernel", "compile_regions"]

#: Batch code for a missing value (NaN, None).
MISSING: Final[int] = -1
#: Code of a piece no grade covers (and, in batch results with ``errors="coerce"``, a bad row).
UNCOVERED: Final[int] = -2


@dataclass(frozen=True, eq=False)
class CompiledLadder:
    """Cuts and piece codes of a numeric ladder, or the label codes of a categorical one."""

    cuts: tuple[tuple[Fraction, bool], ...] = ()
    codes: tuple[int, ...] = (UNCOVERED,)
    labels: Mapping[str, int] | None = None
    _bounds: dict[Fraction, npt.NDArray[np.float64]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        if self.labels is None and len(self.codes) != len(self.cuts) + 1:
            raise ValueError("a compiled ladder needs one code more than it has cuts")

    @property
    def categorical(self) -> bool:
        return self.labels is not None

    def bounds(self, factor: Fraction = Fraction(1)) -> npt.NDArray[np.float64]:
        """The cuts as float64 thresholds for data whose unit is ``factor`` ladder units per unit.

        ``factor`` converts a magnitude in the ladder's unit into the data's unit. Computed once
        per factor and cached.
        """
        cached = self._bounds.get(factor)
        if cached is None:
            values = [_threshold(t * factor, strict) for t, strict in self.cuts]
            cached = np.array(values, dtype=np.float64)
            cached.setflags(write=False)
            self._bounds[factor] = cached
        return cached

    def code(self, value: Fraction) -> int:
        """The grade code of ``value`` (in the ladder's unit), compared with the cuts exactly.

        A value may carry more digits than a float holds, or be beyond a float's range.

        >>> c = CompiledLadder(cuts=((Fraction(83), False),), codes=(0, 3))
        >>> c.code(Fraction(8299999999999999999, 10**17)), c.code(Fraction(10**400))
        (0, 3)
        """
        # Cuts are sorted along the line, so the count of tests passed is the piece's index.
        return self.codes[sum(value > t if strict else value >= t for t, strict in self.cuts)]

    def code_label(self, label: str) -> int:
        assert self.labels is not None
        return self.labels.get(label, UNCOVERED)


def _threshold(t: Fraction, strict: bool) -> float:
    nearest = float(t)
    return math.nextafter(nearest, math.inf) if strict else nearest


class Kernel:
    """Many compiled ladders as one bound matrix and one code matrix, for data in one unit: the
    numpy kernel of [Ladder.grade_array][perfscore.ladders.Ladder.grade_array] and
    [LadderBook.grade][perfscore.ladders.LadderBook.grade].

    Each row is a compiled ladder with the exact factor that converts its unit into the data's,
    or a code every value of that row gets (a ladder the kernel does not grade).

    >>> from fractions import Fraction as F
    >>> c = CompiledLadder(cuts=((F(80), False), (F(90), False)), codes=(0, 1, 2))
    >>> kernel = Kernel([(c, F(1)), -5])
    >>> kernel.grade(np.array([0, 0, 0, 1]), np.array([95.0, 80.0, float("nan"), 95.0])).tolist()
    [2, 1, -1, -5]
    """

    __slots__ = ("bounds", "codes", "width")

    bounds: npt.NDArray[np.float64]  # (max cuts, rows), one column per ladder row
    codes: npt.NDArray[np.int8]  # rows * (max cuts + 1), flat
    width: int

    def __init__(self, rows: Sequence[tuple[CompiledLadder, Fraction] | int]) -> None:
        width = max((len(row[0].cuts) for row in rows if not isinstance(row, int)), default=0)
        bounds = np.full((len(rows), width), np.inf)
        codes = np.empty((len(rows), width + 1), dtype=np.int8)
        for at, row in enumerate(rows):
            if isinstance(row, int):
                codes[at] = row
                continue
            compiled, scale = row
            cuts = compiled.bounds(scale)
            bounds[at, : len(cuts)] = cuts
            codes[at, : len(cuts) + 1] = compiled.codes
            # Past the last cut (padding): only +inf reaches it, and +inf is no result.
            codes[at, len(cuts) + 1 :] = compiled.codes[-1]
        # Column-major bounds: each pass of the kernel gathers one contiguous column.
        self.bounds = np.ascontiguousarray(bounds.T)
        self.codes = codes.reshape(-1)
        self.width = width

    def grade(
        self, rows: npt.NDArray[np.intp], numbers: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.int8]:
        """Codes of ``numbers``, each in the ladder of its row; NaN gets -1 (missing) in every
        row that grades, whatever its ladder."""
        passed = np.zeros(len(rows), dtype=np.intp)
        threshold = np.empty(len(rows), dtype=np.float64)
        meets = np.empty(len(rows), dtype=np.bool_)
        # One pass per cut column: gather the row's threshold (from a matrix small enough to
        # stay in cache), test, count. No (rows × cuts) temporary.
        for column in self.bounds:
            np.take(column, rows, out=threshold)
            np.less_equal(threshold, numbers, out=meets)
            passed += meets
        passed += rows * (self.width + 1)
        codes: npt.NDArray[np.int8] = self.codes.take(passed)
        if not np.isfinite(numbers).all():
            # Missing values are missing whatever their ladder; a row the kernel does not
            # grade keeps its code.
            codes[np.isnan(numbers) & (codes >= UNCOVERED)] = MISSING
        return codes


def compile_regions(
    regions: Mapping[Grade, IntervalSet], labels: Mapping[str, Grade], *, categorical: bool
) -> CompiledLadder:
    """The cuts and piece codes of ``regions`` (or the codes of ``labels`` when
    ``categorical``): the compiled form both grading paths use."""
    if categorical:
        return CompiledLadder(labels={label: g.code for label, g in labels.items()})

    def code_at(x: Fraction) -> int:
        for grade, region in regions.items():
            if x in region:
                code: int = grade.code
                return code
        return UNCOVERED

    points = sorted({p for r in regions.values() for p in r.endpoints()})
    cuts: list[tuple[Fraction, bool]] = []
    codes: list[int] = [code_at(points[0] - 1) if points else UNCOVERED]
    if not points:  # one grade over the whole line
        return CompiledLadder(cuts=(), codes=(code_at(Fraction(0)),))
    for index, point in enumerate(points):
        after = points[index + 1] if index + 1 < len(points) else point + 2
        for strict, sample in ((False, point), (True, (point + after) / 2)):
            code = code_at(sample)
            if code != codes[-1]:
                cuts.append((point, strict))
                codes.append(code)
    return CompiledLadder(cuts=tuple(cuts), codes=tuple(codes))
