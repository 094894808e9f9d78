"""perfscore.views._formats: how a value is stored in a workbook's cell."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from perfscore.units import canonical_unit
from perfscore.views._formats import (
    actual_cell,
    column_writer,
    decimal_format,
    decimal_places,
    exact_of,
    shown_cell,
    stored_number,
)


def test_shown_cell_follows_the_shown_number_rule() -> None:
    assert shown_cell(Fraction("77.79"), places=1) == (77.79, "0.0", "77.8")
    assert shown_cell(Fraction("89.96"), places=1) == (89.96, "0.00", "89.96")
    value, number_format, text = shown_cell(Fraction("104.545"), places=2, percent=True)
    assert value == pytest.approx(1.04545)
    assert (number_format, text) == ("0.00%", "104.55%")
    # Past six decimals the figure is cut, and the cut figure is what is stored.
    value, number_format, text = shown_cell(Fraction("89.99999999"), places=1)
    assert (value, number_format, text) == (89.999999, "0.000000", "89.999999")


@pytest.mark.parametrize(
    ("unit", "number_format", "text"),
    [
        ("percent", "0%", "96%"),
        ("人次", '0"人次"', "96人次"),
        (canonical_unit("人/年"), '0"人/年"', "96人/年"),
        (canonical_unit("万元"), '0"万元"', "96万元"),
        (None, "0", "96"),
    ],
)
def test_an_actual_value_carries_its_published_unit(
    unit: str | None, number_format: str, text: str
) -> None:
    value, fmt, shown = actual_cell(Fraction(96), unit)
    assert (fmt, shown) == (number_format, text)
    assert value == (0.96 if unit == "percent" else 96)
    assert actual_cell("达成", None) == ("达成", None, "达成")


def test_column_writers() -> None:
    assert column_writer("coverage")(0.995, None) == (0.995, "0.0%", "99.5%")  # never 100%
    assert column_writer("unit")("person / year", None)[0] == "人/年"
    assert column_writer("score_2019", 2)(19.1666, None)[1:] == ("0.00", "19.17")
    assert column_writer("change")(Fraction("3"), None)[1] == "+0.0;-0.0;0.0"
    assert column_writer("change")(Fraction("-2.04"), None)[1:] == ("+0.00;-0.00;0.00", "-2.04")
    assert column_writer("name")(math.nan, None) == (None, None, None)
    assert column_writer("name")("就业", None) == ("就业", None, "就业")


def test_exact_numbers() -> None:
    assert exact_of(0.1) == Fraction(1, 10)  # a float is the decimal it prints as
    assert stored_number(Fraction(3)) == 3
    assert isinstance(stored_number(Fraction(3)), int)
    assert decimal_places(Fraction(1, 8)) == 3
    assert decimal_places(Fraction(1, 3)) == 7
    assert decimal_format(Fraction(1, 3)) == "0.0#####"
    assert decimal_format(Fraction(5, 2)) == "0.0"
