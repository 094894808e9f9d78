"""perfscore.notation._define: a unit added to the registry, read
by cells and targets alike."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import pytest

import perfscore
from perfscore import NotationError, parse_target, units
from perfscore.notation import _targets, _tokenizer, define_unit
from perfscore.units import factor, unit_names


def test_define_unit_adds_a_name_targets_and_cells_read() -> None:
    assert parse_target("≥12标箱").unit == "标箱"  # a count word of its own, until defined
    with pytest.raises(NotationError):
        perfscore.parse_ladder({"优": "≥1000标箱", "良": None, "中": None, "差": "<1000标箱"})
    perfscore.define_unit("teu = [teu] = 标箱")
    perfscore.define_unit("teu_pair = 2 * teu = 对标箱")
    pair = parse_target("≥12对标箱")
    assert pair.value is not None
    assert perfscore.notation.convert(pair.value, pair.unit, "标箱") == 24
    ladder = perfscore.parse_ladder({"优": "≥1000标箱", "良": None, "中": None, "差": "<1000标箱"})
    assert ladder.unit == "标箱"
    with pytest.raises(perfscore.PerfscoreError, match="teu is already a unit"):
        perfscore.define_unit("teu = [teu] = 标箱")


def test_a_unit_of_a_dimension_perfscore_knows_converts_exactly() -> None:
    define_unit("plot = 666.6 * 米 ** 2 = 地块")
    assert "地块" in unit_names()
    assert factor("地块", "米 ** 2") == Fraction(6666, 10)
    assert parse_target("≥30地块").unit == "地块"
    ladder = perfscore.parse_ladder({"优": "≥30地块", "良": None, "中": None, "差": "<30地块"})
    assert ladder.unit == "地块"
    assert ladder.grade("30地块") is perfscore.Grade.EXCELLENT
    square_meters = perfscore.ureg.Quantity(19998, "meter ** 2")  # 30 × 666.6, exactly
    assert ladder.grade(square_meters) is perfscore.Grade.EXCELLENT
    assert ladder.grade(square_meters - perfscore.ureg.Quantity(0.1, "meter ** 2")) is (
        perfscore.Grade.POOR
    )


def test_a_factor_no_decimal_holds_is_exact_and_compounds_read_it() -> None:
    define_unit("chi = 1 / 3 * 米 = 市尺")  # 3 市尺 to the metre, by law
    assert factor("市尺", "米") == Fraction(1, 3)
    assert factor("元/市尺", "元/米") == 3
    target = parse_target("≤3元/市尺")
    assert (target.unit, str(target)) == ("元/市尺", "≤3元/市尺")
    assert target.meets(perfscore.notation.convert(Fraction(9), "元/米", target.unit))
    assert not target.meets(perfscore.notation.convert(Fraction(9001, 1000), "元/米", target.unit))


def test_a_counted_thing_of_its_own_never_converts_into_another() -> None:
    define_unit("head_of_cattle = [head_of_cattle] = 头牛")
    ladder = perfscore.parse_ladder({"优": "≥100头牛", "良": None, "中": None, "差": "<100头牛"})
    assert ladder.grade("100头牛") is perfscore.Grade.EXCELLENT
    with pytest.raises(perfscore.UnitMismatch, match="a value in 人 cannot be read as 头牛"):
        ladder.grade("100人")


@pytest.mark.parametrize(
    ("definition", "message"),
    [
        ("人 = [x]", "cannot define the unit '人 = [x]': 人 is already a unit"),
        ("people = [people] = 人", "cannot define the unit 'people = [people] = 人': 人 is"),
        ("percent = 0.01", "cannot define the unit 'percent = 0.01': percent is already a unit"),
        ("畦 = 3 * * 米", "cannot define the unit '畦 = 3 * * 米': "),
    ],
)
def test_a_definition_pint_refuses_or_a_name_taken_is_a_perfscore_error(
    definition: str, message: str
) -> None:
    names = unit_names()
    with pytest.raises(perfscore.PerfscoreError) as raised:
        define_unit(definition)
    assert str(raised.value).startswith(message)
    assert unit_names() == names  # nothing was added


def test_a_definition_is_text() -> None:
    with pytest.raises(TypeError, match="a unit definition is text, not bytes"):
        define_unit(b"mu = 666.6 * m ** 2")  # type: ignore[arg-type]


def _reload_units() -> None:
    units.reload_units()
    _tokenizer.reload_units()
    _targets.reload_units()


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fresh unit registry while the test runs: what it defines is gone afterwards."""
    monkeypatch.setattr(units, "ureg", units._make_registry())
    _reload_units()
    yield
    monkeypatch.undo()
    _reload_units()


@pytest.mark.usefixtures("scratch_registry")
def test_a_definition_naming_an_unknown_unit_is_refused() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="cannot define the unit"):
        define_unit("坏单位 = 3 * 未定义的单位")
