"""perfscore.units: the one registry, exact factors, counted units."""

from __future__ import annotations

from fractions import Fraction

import pint
import pytest

from perfscore import PerfscoreError, UnitMismatch, ureg
from perfscore.units import canonical_unit, factor, is_counted, unit_names


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        (None, "dimensionless"),
        ("", "dimensionless"),
        ("1", "dimensionless"),
        ("dimensionless", "dimensionless"),
        ("%", "percent"),
        ("percent", "percent"),
        ("百分比", "percent"),
        ("‰", "permille"),
        ("人", "人"),
        ("person", "人"),
        ("名", "人"),
        ("人次", "人次"),
        ("次", "次"),
        ("场", "次"),
        ("種", "种"),
        ("个", "个"),
        ("個", "个"),
        ("户", "户"),
        ("天", "天"),
        ("週", "周"),
        ("元", "元"),
        ("萬元", "万元"),
        ("億元", "亿元"),
        (" 万元 ", "万元"),
        ("亩", "亩"),
        ("畝", "亩"),
        ("平米", "平方米"),
        # compound units keep their parts' Chinese names, as published
        ("元/亩", "元/亩"),
        ("元/平米", "元/平方米"),
        ("萬元/公里", "万元/公里"),
        ("元/人·年", "元/人·年"),
        ("元/年·人", "元/人·年"),
        ("元/(person*year)", "元/人·年"),
        ("yuan / mu", "元/亩"),
        ("%/年", "%/年"),
    ],
)
def test_canonical_unit(name: str | None, canonical: str) -> None:
    assert canonical_unit(name) == canonical


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("percent", "dimensionless", Fraction(1, 100)),
        ("dimensionless", "percent", Fraction(100)),
        ("percent", "permille", Fraction(10)),
        ("permille", "percent", Fraction(1, 10)),
        ("元", "万元", Fraction(1, 10000)),
        ("万元", "元", Fraction(10000)),
        ("千元", "亿元", Fraction(1, 100000)),
        ("亿元", "万元", Fraction(10000)),
        ("周", "天", Fraction(7)),
        ("天", "周", Fraction(1, 7)),
        ("吨", "公斤", Fraction(1000)),
        ("人", "人", Fraction(1)),
        ("人", "名", Fraction(1)),
    ],
)
def test_factor_is_exact(source: str, target: str, expected: Fraction) -> None:
    assert factor(source, target) == expected


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("人", "次"),
        ("人", "percent"),
        ("次", "种"),
        ("人", "人次"),
        ("户", "个"),
        ("元", "percent"),
        ("天", "人"),
        ("percent", "万元"),
    ],
)
def test_counts_never_mix(source: str, target: str) -> None:
    with pytest.raises(UnitMismatch) as info:
        factor(source, target)
    error = info.value
    assert (error.value_unit, error.ladder_unit) == (source, target)
    assert source in str(error)
    assert target in str(error)
    assert isinstance(error, PerfscoreError)


def test_mismatch_names_a_plain_number() -> None:
    with pytest.raises(UnitMismatch) as info:
        factor(None, "人")
    assert str(info.value) == "a value in a plain number cannot be read as 人"


@pytest.mark.parametrize("name", ["furlong", "人/", "kg*", "(人"])
def test_unknown_unit(name: str) -> None:
    with pytest.raises(PerfscoreError) as info:
        canonical_unit(name)
    assert str(info.value).startswith(f"unknown unit {name!r}; perfscore knows: %, ‰, 万元")


def test_unit_named_by_text() -> None:
    with pytest.raises(PerfscoreError, match="a unit is named by text, not 5"):
        canonical_unit(5)  # type: ignore[arg-type, unused-ignore]


def test_pint_quantities_convert() -> None:
    assert ureg.Quantity(3, "万元").to("元").magnitude == 30000
    assert ureg.Quantity(50, "percent").to("dimensionless").magnitude == 0.5
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(1, "人").to("次")


@pytest.mark.parametrize(
    ("unit", "counted"),
    [("人", True), ("次", True), ("种", True), ("户", True), ("人次", True), ("辆", True),
     ("percent", False), ("万元", False), ("天", False), (None, False), ("吨", False)],
)  # fmt: skip
def test_is_counted(unit: str | None, counted: bool) -> None:
    assert is_counted(unit) is counted


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("亩", "平方米", Fraction(10000, 15)),
        ("平方米", "亩", Fraction(15, 10000)),
        ("平方公里", "亩", Fraction(1500)),
        ("元/亩", "元/平方米", Fraction(3, 2000)),
        ("万元/亩", "元/平米", Fraction(15)),
        ("元/平米", "元/平方米", Fraction(1)),
        ("万元/公里", "元/米", Fraction(10)),
        ("元/人·年", "元/人·月", Fraction(1, 12)),
        ("元/人·年", "万元/人·天", Fraction(1, 3600000)),
    ],
)
def test_a_compound_unit_converts_exactly(source: str, target: str, expected: Fraction) -> None:
    """1 亩 is 10000/15 m², which no decimal (nor pint's float chain) holds."""
    assert factor(source, target) == expected
    assert factor(target, source) == 1 / expected
    assert canonical_unit(canonical_unit(source)) == canonical_unit(source)  # it reads back


@pytest.mark.parametrize(
    ("source", "target"),
    [("元/亩", "元/人"), ("元/亩", "元"), ("元/平方米", "元/米"), ("元/个", "元/人"), ("亩", "米")],
)
def test_a_compound_unit_never_mixes_with_another_kind(source: str, target: str) -> None:
    with pytest.raises(UnitMismatch, match=f"a value in {source} cannot be read as {target}"):
        factor(source, target)


def test_a_unit_defined_on_the_registry_alone_converts_by_its_decimal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A unit given to `ureg` without `define` is not in the exact twin: its decimal factor is
    read from its float."""
    from perfscore import units

    monkeypatch.setattr(units, "ureg", units._make_registry())
    monkeypatch.setattr(units, "_DEFINED", [])
    units.reload_units()
    try:
        units.ureg.define("li = 500 * 米 = 市里")
        assert factor("市里", "公里") == Fraction(1, 2)
        units.define("zhang = 10 / 3 * 米 = 市丈")
        assert factor("市丈", "米") == Fraction(10, 3)
    finally:
        monkeypatch.undo()
        units.reload_units()


def test_unit_names_for_the_tokenizer() -> None:
    names = unit_names()
    assert {"%", "percent", "dimensionless", "人", "人次", "万元", "萬元", "種"} <= names


def test_quantities_pickle_through_the_application_registry() -> None:
    import pickle

    from perfscore import ureg

    quantity = ureg.Quantity(3, "万元")
    back = pickle.loads(pickle.dumps(quantity))
    assert back == quantity
    assert str(back.units) == str(quantity.units)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("人/年", "人/年"), ("人次/年", "人次/年"), ("万元/人", "万元/人"), ("%", "%"),
     ("人次", "人次"), ("万元", "万元"), ("亩", "亩"), (None, ""), ("元/平米", "元/平方米"),
     ("yuan / mu", "元/亩"), ("元/人·年", "元/人·年"), ("wan_yuan / kilometer", "万元/公里")],
)  # fmt: skip
def test_unit_text_is_the_published_unit_never_pints_english(
    written: str | None, shown: str
) -> None:
    from perfscore.notation._targets import target_unit
    from perfscore.units import unit_text

    assert unit_text(target_unit(written)) == shown
