"""Exact numbers (精确数值): how perfscore reads a value without rounding, and what it refuses.

One module holds every number rule both front ends and both grading paths follow:

- **Reading.** A float stands for the decimal it prints as (``0.83`` is 83/100, not the binary
  fraction nearest it: [as_decimal][perfscore.notation._exact.as_decimal]); integers, fractions and
  decimals are read as they are, however large; text is read by the cell notation with its
  unit; a pint quantity is converted exactly ([read_value][perfscore.notation._exact.read_value]).
- **Limits.** `FLOAT_EXACT` is the first integer a float64 cannot
  tell from its neighbour (2**53): past it, values go the exact way, one by one;
  [beyond_float][perfscore.notation._exact.beyond_float] tells a number no float can hold.
- **Refusals.** Infinite and NaN values are no results; a count (人, 次 …) is whole and never
  negative. [check_count][perfscore.notation._exact.check_count] says so for one exact value and
  [refused][perfscore.notation._exact.refused] marks them in a float64 array, for
  [Ladder.code][perfscore.ladders.Ladder.code],
  [Ladder.grade_array][perfscore.ladders.Ladder.grade_array] and
  [LadderBook.grade][perfscore.ladders.LadderBook.grade] alike.

>>> as_decimal(0.1), read_value("84%", "dimensionless"), read_value(0.83, "percent")
(Fraction(1, 10), Fraction(21, 25), Fraction(83, 100))
>>> refused([1.0, 1.5, -1.0, float("inf"), float("nan")], counted=True).tolist()
[False, True, True, True, False]
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Real
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from perfscore.errors import PerfscoreError, UnitMismatch
from perfscore.intervals import INF, Interval, format_number
from perfscore.units import factor

from ._grammar import parse_quantity

__all__ = [
    "FLOAT_EXACT",
    "as_decimal",
    "beyond_float",
    "check_count",
    "exact_type",
    "is_blank",
    "is_quantity",
    "needs_exact",
    "read_number",
    "read_value",
    "refused",
    "scientific",
    "show_number",
    "to_float64",
    "to_fraction",
    "whole_range",
]

#: Integers beyond this lose digits as a float64: they (and fractions, decimals, quantities)
#: are read exactly, one by one, never through a float64 column.
FLOAT_EXACT: Final = 2**53

# The largest magnitude a float holds: scores, frames and JSON carry values as floats.
_FLOAT_MAX: Final = Fraction(sys.float_info.max)


def is_blank(value: object) -> bool:
    """Whether a result or 得分 cell holds nothing: ``None``, empty text, a float NaN, pandas'
    ``NA`` or ``NaT``.

    pandas is not imported for this: a value can only be its ``NA`` once pandas is loaded.

    >>> [is_blank(v) for v in (None, " ", float("nan"), 0, "达成")]
    [True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    pandas = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


def as_decimal(number: float | np.floating[Any]) -> Fraction:
    """The decimal a float prints as, exactly: what a person who typed ``0.83`` meant.

    A float32 or float16 stands for the decimal *it* prints as (``np.float32(0.9)`` is 9/10),
    not for its binary value widened to a float64 (0.89999997615814208984375).

    >>> as_decimal(0.83), as_decimal(1e-7), as_decimal(2.0), as_decimal(np.float32(0.9))
    (Fraction(83, 100), Fraction(1, 10000000), Fraction(2, 1), Fraction(9, 10))
    """
    if _narrow(number):
        return Fraction(str(number))
    return Fraction(repr(float(number)))


def _narrow(number: object) -> bool:
    """Whether ``number`` is a numpy float narrower than a float64 (float32, float16)."""
    return isinstance(number, np.floating) and number.dtype.itemsize < 8


def to_float64(values: Any) -> npt.NDArray[np.float64]:
    """``values`` as a float64 array, a float32 or float16 read as the decimal it prints as.

    Widening a float32 keeps its binary value: ``np.float32(0.9)`` becomes 0.8999999761…,
    which a ``≥90%`` ladder grades one grade lower than the 0.9 the spreadsheet showed. Every
    array path (``Ladder.grade_array``, ``LadderBook.grade``, ``score_frame``) widens through
    here.

    >>> to_float64(np.array([0.9, np.nan], dtype=np.float32)).tolist()
    [0.9, nan]
    >>> to_float64([np.float16(0.1), 2]).tolist()
    [0.1, 2.0]
    """
    if isinstance(values, list | tuple) and any(map(_narrow, values)):
        values = np.asarray(values, dtype=object)  # numpy would widen the mix first
    array = np.asarray(values)
    if array.dtype.kind == "f" and array.dtype.itemsize < 8:
        # numpy spells each narrow float by its shortest decimal; float64 reads that back.
        return array.astype(str).astype(np.float64)
    if array.dtype == object and any(map(_narrow, array.flat)):
        array = np.array([float(str(v)) if _narrow(v) else v for v in array.flat], dtype=object)
        return np.asarray(array, dtype=np.float64).reshape(np.shape(values))
    return np.asarray(array, dtype=np.float64)


def is_quantity(value: object) -> bool:
    """Whether ``value`` is a quantity (a magnitude with units), from any pint registry."""
    return hasattr(value, "magnitude") and hasattr(value, "units")


def read_number(value: object) -> tuple[Fraction, str | None]:
    """``value`` as an exact magnitude and the unit it was written in (``None``: not given).

    Raises [PerfscoreError][perfscore.errors.PerfscoreError] for what is not a finite number.

    >>> read_number(0.83), read_number("95%"), read_number(Decimal("1.5"))
    ((Fraction(83, 100), None), (Fraction(95, 1), 'percent'), (Fraction(3, 2), None))
    """
    if isinstance(value, bool) or value is None:
        raise PerfscoreError(f"expected a number, got {value!r}")
    if isinstance(value, str):
        if not value.strip():
            raise PerfscoreError("expected a number, got an empty text")
        return parse_quantity(value)
    if is_quantity(value):
        magnitude, _ = read_number(value.magnitude)  # type: ignore[attr-defined]
        return magnitude, str(value.units)  # type: ignore[attr-defined]
    if isinstance(value, Fraction):
        return value, None
    if isinstance(value, Integral):
        return Fraction(int(value)), None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PerfscoreError(f"expected a finite number, got {value}")
        return Fraction(value), None
    if isinstance(value, Real | np.floating):
        number = float(value)
        if not math.isfinite(number):
            raise PerfscoreError(f"expected a finite number, got {number}")
        return as_decimal(value if isinstance(value, np.floating) else number), None
    raise PerfscoreError(f"expected a number, got {type(value).__name__} {value!r}")


def read_value(value: object, unit: str) -> Fraction:
    """``value`` as an exact magnitude in ``unit``.

    Numbers are read in ``unit``; a float stands for the decimal it prints as (``0.83`` is
    83/100, not the binary fraction nearest it). Strings may carry a unit (``"84%"``); pint
    quantities are converted exactly.

    >>> read_value("84%", "dimensionless"), read_value(0.83, "percent")
    (Fraction(21, 25), Fraction(83, 100))
    >>> from perfscore import ureg
    >>> read_value(ureg.Quantity(1_000_000, "元"), "万元")
    Fraction(100, 1)
    """
    magnitude, written = read_number(value)
    if written is None:
        return magnitude
    try:
        return magnitude * factor(written, unit)
    except UnitMismatch:
        raise
    except PerfscoreError:  # a quantity from another registry, in a unit perfscore lacks
        raise UnitMismatch(
            f"a value in {written} cannot be read as {unit}", value_unit=written, ladder_unit=unit
        ) from None


def needs_exact(value: object) -> bool:
    """Whether ``value`` must be read exactly rather than through a float64.

    >>> [needs_exact(v) for v in (0.5, 3, 2**53 + 1, Fraction(1, 3), Decimal("0.1"), "9")]
    [False, False, True, True, True, False]
    """
    if isinstance(value, bool | np.bool_ | str | float | np.number) or value is None:
        return False
    if isinstance(value, int):
        return abs(value) > FLOAT_EXACT
    return isinstance(value, Fraction | Decimal) or is_quantity(value)


def exact_type(kind: type) -> bool:
    """Whether values of type ``kind`` are never read through a float64 (big ints aside)."""
    return issubclass(kind, Fraction | Decimal) or (
        hasattr(kind, "magnitude") and hasattr(kind, "units")
    )


def check_count(magnitude: Fraction, unit: str) -> None:
    """Refuse a count (人, 次 …) that is negative or not whole.

    >>> check_count(Fraction(-1), "人")
    Traceback (most recent call last):
      ...
    perfscore.errors.PerfscoreError: a count of 人 cannot be negative: -1
    """
    if magnitude < 0:
        raise PerfscoreError(f"a count of {unit} cannot be negative: {show_number(magnitude)}")
    if magnitude.denominator != 1:
        raise PerfscoreError(f"a count of {unit} is a whole number, not {show_number(magnitude)}")


def refused(
    numbers: Any,
    *,
    counted: bool | npt.NDArray[np.bool_],
    nonnegative: bool | npt.NDArray[np.bool_] = False,
) -> npt.NDArray[np.bool_]:
    """Which of a float64 array's values no ladder grades: the infinite ones, where ``counted``
    (one flag, or one per value) the negative or fractional ones, and where ``nonnegative`` the
    negative ones (a level rate: [Ladder.nonnegative][perfscore.ladders.Ladder.nonnegative]). NaN
    is a missing value, not a refused one.

    >>> refused([-5.0, 5.0], counted=False, nonnegative=True).tolist()
    [True, False]
    """
    values = np.asarray(numbers, dtype=np.float64)
    finite = np.isfinite(values)
    out: npt.NDArray[np.bool_] = ~finite & ~np.isnan(values)
    if np.any(counted):
        with np.errstate(invalid="ignore"):
            broken = (values < 0) | (np.floor(values) != values)
        out |= broken & finite & counted
    if np.any(nonnegative):
        with np.errstate(invalid="ignore"):
            out |= (values < 0) & finite & nonnegative
    return out


def whole_range(interval: Interval) -> tuple[int | None, int | None] | None:
    """The least and greatest whole number in ``interval`` (``None`` for no bound that way),
    or ``None`` when it holds no whole number.

    >>> from perfscore.intervals import Interval
    >>> whole_range(Interval.closed(Fraction(1, 2), Fraction(7, 2)))
    (1, 3)
    >>> whole_range(Interval.open(Fraction(1), Fraction(2))) is None
    True
    """
    if interval.empty:
        return None
    lower, upper = interval.lower, interval.upper
    low = None if math.isinf(lower) else math.ceil(lower)
    if low is not None and low == lower and not interval.lower_closed:
        low += 1
    high = None if math.isinf(upper) else math.floor(upper)
    if high is not None and high == upper and not interval.upper_closed:
        high -= 1
    if low is not None and high is not None and low > high:
        return None
    return low, high


def beyond_float(number: Fraction) -> bool:
    """Whether a float cannot hold ``number`` (scores, frames and JSON carry floats).

    >>> [beyond_float(Fraction(n)) for n in (10**308, 10**309, -(10**309))]
    [False, True, True]
    """
    # Bit lengths first: a Fraction comparison per row would cost a province's scoring.
    size = number.numerator.bit_length() - number.denominator.bit_length()
    return size > 1000 and abs(number) > _FLOAT_MAX


def scientific(number: Fraction) -> str:
    """A huge number in two figures, rounded on its exact value, without a float (it would
    overflow) and without spelling all its digits (Python refuses past 4300).

    >>> scientific(Fraction(10**400, 3)), scientific(Fraction(-(10**309)))
    ('3.3e+399', '-1e+309')
    >>> scientific(Fraction(10**500 - 1)), scientific(Fraction(10**100_000 * 96))
    ('1e+500', '9.6e+100001')
    """
    size = abs(number)
    whole = max(size.numerator // size.denominator, 1)
    exponent = int(math.log10(whole))
    # log10 of a huge integer is a float: correct its last digit exactly.
    while exponent > 0 and Fraction(10) ** exponent > size:
        exponent -= 1
    while Fraction(10) ** (exponent + 1) <= size:
        exponent += 1
    tenths = round(size / Fraction(10) ** (exponent - 1))
    if tenths >= 100:  # 9.96e9 rounds up to 1.0e10
        exponent += 1
        tenths = round(size / Fraction(10) ** (exponent - 1))
    mantissa = f"{tenths // 10}.{tenths % 10}".removesuffix(".0")
    return f"{'-' if number < 0 else ''}{mantissa}e+{exponent}"


def show_number(value: object) -> str:
    """A value as an error message shows it: a fraction as its decimal, text quoted.

    >>> show_number(Fraction(5, 2)), show_number("5"), show_number(2.5)
    ('2.5', "'5'", '2.5')
    """
    if isinstance(value, Fraction):
        return format_number(value)
    return repr(value) if isinstance(value, str) else str(value)


def to_fraction(number: object) -> Fraction:
    """A real number as an exact fraction; a float stands for the decimal it prints as.

    >>> to_fraction(0.1), to_fraction(3), to_fraction(Fraction(1, 3))
    (Fraction(1, 10), Fraction(3, 1), Fraction(1, 3))
    >>> to_fraction(np.float32(94.9))  # a float32 is the decimal it prints as, too
    Fraction(949, 10)
    """
    if isinstance(number, Fraction):
        return number
    if isinstance(number, bool) or not isinstance(number, Real):
        raise PerfscoreError(f"expected a number, got {number!r}")
    if isinstance(number, int):
        return Fraction(number)
    as_float = float(number)
    if as_float != as_float or as_float in (INF, -INF):
        raise PerfscoreError(f"expected a finite number, got {as_float}")
    return as_decimal(number if _narrow(number) else as_float)  # type: ignore[arg-type]
