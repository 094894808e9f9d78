"""perfscore.testing._spellings: the shape of a generated ladder (Spec), its plain and
published spellings, and the ladder the plain spelling parses to."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import Direction, parse_ladder
from perfscore.grades import GRADES
from perfscore.ladders._regions import normalize_label
from perfscore.testing._spellings import (
    FULL_WIDTH,
    Spec,
    Writer,
    ladder_of,
    messy_label,
    specs,
    spell,
    unit_symbol,
)
from perfscore.testing.strategies import KINDS, UNITS

E, G, F, P = GRADES
D = Fraction


@pytest.mark.parametrize(
    ("unit", "symbol"),
    [(None, ""), ("percent", "%"), ("permille", "‰"), ("dimensionless", ""), ("人", "人")],
)
def test_unit_symbol(unit: str | None, symbol: str) -> None:
    assert unit_symbol(unit) == symbol


def test_full_width_turns_digits_the_point_and_percent() -> None:
    assert "12.5%".translate(FULL_WIDTH) == "１２．５％"
    assert "人".translate(FULL_WIDTH) == "人"


@pytest.mark.parametrize(("kind", "higher"), [("higher", True), ("lower", False), ("band", True)])
def test_a_spec_is_higher_is_better_unless_lower(kind: str, higher: bool) -> None:
    assert Spec(kind, "percent", GRADES).higher is higher


def test_a_plain_writer_writes_the_first_form_of_everything() -> None:
    writer = Writer(None, "万元")
    assert writer.number(D(1234567)) == "1234567万元"
    assert writer.number(D(5, 2), unit=False) == "2.5"
    assert writer.compare(">=", D(5, 2)) == "≥2.5万元"
    assert writer.compare("<", D(3), unit=False) == "<3"
    assert (writer.conjoin("a", "b"), writer.disjoin("a", "b")) == ("a和b", "a或b")
    assert (writer.pick([1, 2]), writer.flag()) == (1, False)


# -- plain spellings of hand-made specs ----------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "cells", "direction"),
    [
        (Spec("higher", "percent", GRADES, (D(90), D(80), D(60)), (True, True, False)),
         ("≥90%", "≥80%", ">60%", "≤60%"), Direction.HIGHER_IS_BETTER),
        (Spec("lower", "次", GRADES, (D(0), D(1), D(2)), (True, True, True)),
         ("≤0次", "≤1次", "≤2次", ">2次"), Direction.LOWER_IS_BETTER),
        (Spec("band", "percent", GRADES, (D(85), D(80), D(70)), (True,) * 3, (D(100),) * 3),
         ("≥85%和≤100%", "≥80%和≤100%", "≥70%和≤100%", "<70%或>100%"), Direction.TARGET_BAND),
        (Spec("higher", "人", (E, P), (D(5),), (True,)),
         ("≥5人", None, None, "<5人"), Direction.HIGHER_IS_BETTER),
        (Spec("higher", "dimensionless", (E, P), (D(-1, 2),), (False,)),
         (">-0.5", None, None, "≤-0.5"), Direction.HIGHER_IS_BETTER),
        (Spec("categorical", None, (E, G, P), labels=("有效", "一般", "无效")),
         ("有效", "一般", None, "无效"), Direction.CATEGORICAL),
    ],
)  # fmt: skip
def test_the_plain_spelling_and_its_ladder(
    spec: Spec, cells: tuple[str | None, ...], direction: Direction
) -> None:
    row = spell(spec, None)
    assert list(row) == list(GRADES)
    assert tuple(row.values()) == cells
    ladder = ladder_of(spec)
    assert ladder.direction is direction
    assert ladder.grades == spec.grades


def test_the_plain_spelling_grades_each_threshold_as_the_spec_says() -> None:
    spec = Spec("higher", "percent", GRADES, (D(90), D(80), D(60)), (True, True, False))
    ladder = ladder_of(spec)
    assert [ladder.grade(D(v)) for v in (90, 89, 80, 61, 60)] == [E, G, G, F, P]


# -- drawn specs and their published spellings ----------------------------------------------------


@given(specs(KINDS, UNITS))
def test_a_drawn_spec_is_consistent(spec: Spec) -> None:
    assert spec.kind in ("higher", "lower", "band", "categorical")
    assert list(spec.grades) == sorted(spec.grades, key=GRADES.index)
    assert 2 <= len(spec.grades) <= 4
    if spec.kind == "categorical":
        assert spec.unit is None
        assert len(spec.labels) == len(spec.grades)
        assert len({normalize_label(label) for label in spec.labels}) == len(spec.labels)
        return
    assert spec.unit in UNITS
    steps = len(spec.grades) - 1
    assert len(spec.bounds) == steps
    if spec.kind == "band":
        assert list(spec.bounds) == sorted(spec.bounds, reverse=True)
        assert list(spec.uppers) == sorted(spec.uppers)
        assert spec.bounds[0] < spec.uppers[0]
    else:
        assert len(spec.closed) == steps
        assert len(set(spec.bounds)) == steps
        ordered = sorted(spec.bounds, reverse=spec.higher)
        assert list(spec.bounds) == ordered


@given(specs(KINDS, UNITS))
def test_the_ladder_of_a_spec_reaches_its_grades_in_its_direction(spec: Spec) -> None:
    ladder = ladder_of(spec)
    assert ladder.grades == spec.grades
    expected = {
        "higher": Direction.HIGHER_IS_BETTER,
        "lower": Direction.LOWER_IS_BETTER,
        "band": Direction.TARGET_BAND,
        "categorical": Direction.CATEGORICAL,
    }[spec.kind]
    assert ladder.direction is expected


@given(st.data())
def test_every_published_spelling_parses_to_the_plain_ladder(data: st.DataObject) -> None:
    spec = data.draw(specs(KINDS, UNITS))
    row = data.draw(st.composite(lambda draw: spell(spec, draw))())
    assert parse_ladder(row, unit=spec.unit) == ladder_of(spec)


@given(st.sampled_from(["有效实施", "能完整的实施", "满意"]), st.data())
def test_a_messy_label_is_the_label_up_to_white_space(label: str, data: st.DataObject) -> None:
    messy = data.draw(st.composite(lambda draw: messy_label(label, draw))())
    assert normalize_label(messy) == normalize_label(label)
    assert len(messy) in (len(label), len(label) + 1)
