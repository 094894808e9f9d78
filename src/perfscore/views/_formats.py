"""How a value is stored in a workbook's cell: the number, its number format, its text.

A percentage is stored as the fraction a spreadsheet expects and shown with a percent format
(``96.5%``); a score, a rate and a change by the shown-number rule
([perfscore.views._shown][]); a count or an amount with as many decimals as it has, its unit
as published (人次, 人/年, 万元) in the number format where the cell stands alone. Each writer
returns ``(value, number format, text)``, the text for the column's width.

>>> from fractions import Fraction
>>> shown_cell(Fraction("89.96"), places=1), actual_cell(Fraction(3, 2), "person / year")
((89.96, '0.00', '89.96'), (1.5, '0.0"人/年"', '1.5人/年'))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from perfscore.notation._targets import unit_symbol
from perfscore.units import unit_text

from ._shown import Shown, number_format, show

__all__ = [
    "Writer",
    "actual_cell",
    "column_writer",
    "decimal_format",
    "decimal_places",
    "exact_number",
    "exact_of",
    "shown_cell",
    "stored_number",
]


def actual_cell(value: Fraction | str | None, unit: str | None) -> tuple[Any, str | None, str]:
    """实际完成值 as a number in its unit (the unit in the number format), or as text."""
    if value is None or isinstance(value, str):
        return value, None, value or ""
    if unit == "percent":
        decimals = decimal_places(value)
        number_format = "0%" if decimals == 0 else "0." + "0" * min(decimals, 6) + "%"
        return stored_number(value / 100), number_format, f"{float(value):g}%"
    symbol = unit_symbol(unit).replace('"', "")
    suffix = f'"{symbol}"' if symbol else ""
    return stored_number(value), decimal_format(value) + suffix, f"{float(value):g}{symbol}"


def shown_cell(
    exact: Fraction, *, places: int, percent: bool = False
) -> tuple[int | float, str, str]:
    """A figure's cell by the shown-number rule: the number stored (the exact one, or the
    figure shown where the rule cuts it), its number format, and its text (for the width)."""
    shown: Shown = show(exact, places=places)
    stored = shown.value if shown.cut else exact
    text = f"{shown}%" if percent else str(shown)
    return (
        stored_number(stored / 100 if percent else stored),
        number_format(shown, percent=percent),
        text,
    )


def exact_number(number: Fraction) -> int | float:
    return stored_number(number)


#: A column's writer: (the raw value, the row's unit) to (value, number format, text).
Writer = Callable[[Any, Any], tuple[Any, str | None, str | None]]


def column_writer(name: str, places: int = 1) -> Writer:
    """How a column's cells are stored: (value, number format, text for the width)."""
    if name in ("score", "total") or name.endswith("_score") or name.startswith("score_"):
        return lambda raw, _unit: _score_cell(raw, places)
    if name == "change":
        return lambda raw, _unit: _change_cell(raw, places)
    if name == "coverage":
        return _coverage_cell
    if name == "value":
        return _value_cell
    if name == "unit":
        return _unit_cell
    if name == "points":
        return lambda raw, _unit: _number_cell(raw, None)
    return _plain_cell


def _blank(raw: Any) -> bool:
    import pandas as pd

    if raw is None or raw is pd.NA:
        return True
    return isinstance(raw, float) and math.isnan(raw)


def _plain_cell(raw: Any, _unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    if hasattr(raw, "item") and not isinstance(raw, str):
        raw = raw.item()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw, None, str(raw)
    return str(raw), None, str(raw)


def _unit_cell(raw: Any, _unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    shown = unit_text(str(raw))  # as published: %, 人次, 人/年, never pint's English
    return shown, None, shown


def _score_cell(raw: Any, places: int) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    return shown_cell(exact_of(raw), places=places)


def _change_cell(raw: Any, places: int) -> tuple[Any, str | None, str | None]:
    """A change already made of shown figures (a comparison's workbook), signed, with its own
    decimals (at least ``places``)."""
    if _blank(raw):
        return None, None, None
    exact = exact_of(raw)
    body = "0." + "0" * max(places, decimal_places(exact))
    text = f"{float(exact):+.{max(places, decimal_places(exact))}f}"
    return stored_number(exact), f"+{body};-{body};{body}", text


def _coverage_cell(raw: Any, _unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    return shown_cell(exact_of(raw) * 100, places=0, percent=True)


def _number_cell(
    raw: Any, number_format: str | None, *, percent: bool = False
) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    number = float(raw) if not isinstance(raw, int) else raw
    shown = f"{number:.0%}" if percent else f"{number:g}"
    return number, number_format or decimal_format(exact_of(raw)), shown


def _value_cell(raw: Any, unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    if isinstance(raw, str):
        return raw, None, raw
    exact = exact_of(raw)
    if unit == "percent":
        fraction = exact / 100
        decimals = decimal_places(exact)
        number_format = "0%" if decimals == 0 else "0." + "0" * min(decimals, 6) + "%"
        return stored_number(fraction), number_format, f"{float(exact):g}%"
    return stored_number(exact), decimal_format(exact), f"{float(exact):g}"


def exact_of(raw: Any) -> Fraction:
    if isinstance(raw, Fraction):
        return raw
    if hasattr(raw, "item"):
        raw = raw.item()
    if isinstance(raw, int):
        return Fraction(raw)
    return Fraction(repr(float(raw)))  # a float stands for the decimal it prints as


def stored_number(exact: Fraction) -> int | float:
    return exact.numerator if exact.denominator == 1 else float(exact)


def decimal_places(exact: Fraction) -> int:
    """Decimal places of a number with a finite decimal expansion; 7 for one without."""
    denominator = exact.denominator
    for places in range(7):
        if (10**places) % denominator == 0:
            return places
    return 7


def decimal_format(exact: Fraction) -> str:
    decimals = decimal_places(exact)
    if decimals == 0:
        return "0"
    if decimals > 6:
        return "0.0#####"
    return "0." + "0" * decimals
