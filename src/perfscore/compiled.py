"""The compiled form of a ladder: the arrays both the single-value and the batch paths grade with.

A numeric ladder compiles to *cuts*: exact thresholds, each a test ``x >= t`` or ``x > t``, sorted
along the line, and the grade code of each of the ``len(cuts) + 1`` pieces between them (``-2``
where no grade covers the piece). The grade of ``x`` is the code of piece ``k``, ``k`` being the
number of tests ``x`` passes.

For a given data unit the cuts become one sorted float64 array, converted once and exactly: a
threshold ``t`` (a rational, in the ladder's unit) is multiplied by the exact unit factor and
rounded to the nearest float; a strict test ``x > t`` becomes ``x >= nextafter(t, +inf)``. A float
result then passes a test exactly when the decimal it stands for does (for values and thresholds
of up to 15 significant digits, which covers every published table), so ``0.83`` meets ``≥83%``.
Counting passed tests is ``bisect_right`` for one value and ``searchsorted`` for an array.

>>> from fractions import Fraction as F
>>> c = CompiledLadder(cuts=((F(80), False), (F(90), False), (F(100), False)), codes=(0, 1, 2, 3))
>>> c.code(F(90)), c.code(F(8999, 100)), c.code(F(100))
(2, 1, 3)
>>> c.bounds(F(1, 100)).tolist()   # the same ladder for data given as fractions
[0.8, 0.9, 1.0]
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["MISSING", "UNCOVERED", "CompiledLadder"]

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
    _floats: dict[Fraction, tuple[float, ...]] = field(
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
            self._floats[factor] = tuple(values)
        return cached

    def code(self, value: Fraction | float, factor: Fraction = Fraction(1)) -> int:
        """The grade code of one value given in the data unit ``factor`` describes.

        An exact value (a :class:`~fractions.Fraction`) is compared exactly: it may carry more
        digits than a float (89.999…9 is below 90) or lie beyond a float's range.
        """
        if isinstance(value, Fraction):
            passed = sum(
                value > t * factor or (value == t * factor and not strict)
                for t, strict in self.cuts
            )
            return self.codes[passed]
        if factor not in self._floats:
            self.bounds(factor)
        position = bisect.bisect_right(self._floats[factor], float(value))
        return self.codes[position]

    def code_label(self, label: str) -> int:
        assert self.labels is not None
        return self.labels.get(label, UNCOVERED)


def _threshold(t: Fraction, strict: bool) -> float:
    nearest = float(t)
    return math.nextafter(nearest, math.inf) if strict else nearest
