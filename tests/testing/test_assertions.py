"""perfscore.testing: what each assertion accepts, and the text it fails with."""

from fractions import Fraction

import pytest
from hypothesis import assume, given

import perfscore
from perfscore import Direction, Grade, Ladder, Table, load_table, parse_ladder
from perfscore.errors import PerfscoreError, UncoveredValue
from perfscore.intervals import INF, Interval, IntervalSet
from perfscore.ladders._regions import Regions
from perfscore.testing import assert_covers, assert_monotone, assert_round_trips, assert_table_valid
from perfscore.testing._assertions import _sample, _show
from perfscore.testing.strategies import cells, ladders


def _table(*indicators: dict[str, object]) -> Table:
    return load_table(
        {
            "name": "example",
            "department": {"name": "某县人力资源和社会保障局"},
            "year": 2020,
            "duties": [
                {
                    "id": "11",
                    "name": "职业技能培训",
                    "activities": [{"id": "11.2", "name": "培训", "indicators": list(indicators)}],
                }
            ],
        }
    )


TRAINEES: dict[str, object] = {
    "id": "11.2.1",
    "name": "培训资金",
    "unit": "万元",
    "cells": {"优": "≥500万元", "良": "≥400-499万元", "中": "≥300-399万元", "差": "<300万元"},
}
PEOPLE: dict[str, object] = {
    "id": "11.2.2",
    "name": "培训人数",
    "unit": "人",
    "cells": {"优": "≥500人", "良": "≥400-498人", "中": "≥300-399人", "差": "<300人"},
}
INCIDENTS: dict[str, object] = {
    "id": "11.2.3",
    "name": "违纪违法现象",
    "unit": "次",
    "cells": {"优": "≤1次", "良": None, "中": None, "差": ">1次"},
}


def test_the_bundled_table_is_valid() -> None:
    assert_table_valid(perfscore.load_table("zanhuang-hrss-2018"))


def test_a_gap_names_the_indicator_and_a_value_in_it() -> None:
    indicator = _table(TRAINEES).indicator("11.2.1")
    with pytest.raises(AssertionError) as raised:
        assert_covers(indicator)
    assert str(raised.value) == (
        "indicator 11.2.1: 399.5 万元 has no grade (uncovered: (399, 400) | (499, 500) 万元)"
    )


def test_counts_are_checked_over_whole_numbers() -> None:
    seed_form = parse_ladder(
        {"优": "≥500人", "良": "≥400-499人", "中": "≥300-399人", "差": "<300人"}
    )
    assert_covers(seed_form)
    with pytest.raises(AssertionError) as raised:
        assert_covers(_table(PEOPLE).indicator("11.2.2"))
    assert str(raised.value) == "indicator 11.2.2: 499 人 has no grade (uncovered: (498, 500) 人)"


def test_a_domain_can_be_given() -> None:
    ladder = parse_ladder({"优": "≥90%", "差": "≥0%和<90%"})
    assert_covers(ladder)  # percent: [0, ∞)
    with pytest.raises(AssertionError) as raised:
        assert_covers(ladder, domain=IntervalSet.everything())
    assert str(raised.value) == "-1% has no grade (uncovered: (-inf, 0) percent)"


def test_labels_need_no_cover() -> None:
    assert_covers(parse_ladder({"优": "有效实施", "良": "基本上能实施", "差": "不能很好实施"}))


def test_an_expected_direction_is_checked() -> None:
    indicator = _table(INCIDENTS).indicator("11.2.3")
    assert_monotone(indicator, direction=Direction.LOWER_IS_BETTER)
    with pytest.raises(AssertionError) as raised:
        assert_monotone(indicator, direction=Direction.HIGHER_IS_BETTER)
    assert str(raised.value) == (
        "indicator 11.2.3: the ladder is lower is better, expected higher is better: "
        "优 ≤1次 | 良 — | 中 — | 差 >1次"
    )


def test_a_grade_that_improves_against_the_direction_is_named() -> None:
    # parse_ladder refuses such cells; a ladder assembled by hand can still be wrong.
    regions = {
        Grade.EXCELLENT: IntervalSet.of(Interval.closed_open(Fraction(0), Fraction(50))),
        Grade.POOR: IntervalSet.of(Interval.closed_open(Fraction(50), INF)),
    }
    ladder = Ladder._make(Regions({}, "percent", Direction.HIGHER_IS_BETTER, regions, {}))
    with pytest.raises(AssertionError) as raised:
        assert_monotone(ladder)
    assert str(raised.value) == "grades do not run higher is better: 0% gets 优 but 50% gets 差"


def test_a_band_must_rise_then_fall() -> None:
    band = parse_ladder(
        {"优": "≥85%和≤100%", "良": "≥83%和<85%", "中": "≥80%和<83%", "差": "<80%或>100%"}
    )
    assert_monotone(band, direction=Direction.TARGET_BAND)


def test_a_canonical_spelling_that_does_not_read_back_is_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ladder = parse_ladder({"优": "≥90%", "差": "<90%"})
    misspelt = {Grade.EXCELLENT: "≥9", Grade.GOOD: None, Grade.FAIR: None, Grade.POOR: "<9"}
    monkeypatch.setattr(Ladder, "to_cells", lambda self: misspelt)
    with pytest.raises(AssertionError) as raised:
        assert_round_trips(ladder)
    assert str(raised.value).startswith(
        "the canonical cells 优 ≥9 | 良 — | 中 — | 差 <9 read back as "
        "<Ladder('优 ≥9 | 良 — | 中 — | 差 <9', unit='percent')>, not <Ladder("
    )


def test_a_table_lists_every_fault() -> None:
    table = _table(TRAINEES, PEOPLE, INCIDENTS)
    with pytest.raises(AssertionError) as raised:
        assert_table_valid(table)
    assert str(raised.value) == (
        "table example: 2 problem(s)\n"
        "  indicator 11.2.1: 399.5 万元 has no grade (uncovered: (399, 400) | (499, 500) 万元)\n"
        "  indicator 11.2.2: 499 人 has no grade (uncovered: (498, 500) 人)"
    )


def test_other_objects_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected a perfscore Ladder or Indicator, got str"):
        assert_covers("≥90%")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a perfscore Table, got dict"):
        assert_table_valid({})  # type: ignore[arg-type]


# -- the helpers behind the messages ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Fraction(85), "percent", "85%"),
        (Fraction(3, 2), "permille", "1.5‰"),
        (Fraction(499), "人", "499 人"),
        (Fraction(1, 3), "dimensionless", "1/3"),
        (Fraction(7), None, "7"),
        (0.5, "percent", "0.5%"),
    ],
)
def test_a_value_is_shown_with_its_unit(
    value: Fraction | float, unit: str | None, shown: str
) -> None:
    assert _show(value, unit) == shown


@pytest.mark.parametrize(
    ("interval", "whole", "sample"),
    [
        (Interval.closed_open(Fraction(85), Fraction(90)), False, Fraction(85)),
        (Interval.open_closed(Fraction(85), Fraction(90)), False, Fraction(90)),
        (Interval.open(Fraction(85), Fraction(90)), False, Fraction(175, 2)),
        (Interval.open(-INF, Fraction(3)), False, Fraction(2)),
        (Interval.open(Fraction(3), INF), False, Fraction(4)),
        (Interval.open(-INF, INF), False, Fraction(0)),
        (Interval.open(Fraction(1, 2), Fraction(5, 2)), True, Fraction(1)),
        (Interval.open(Fraction(1), Fraction(2)), True, None),  # no whole number inside
        (Interval.open(-INF, Fraction(-1)), True, Fraction(-2)),
    ],
)
def test_a_sample_of_an_interval_lies_in_it(
    interval: Interval, whole: bool, sample: Fraction | None
) -> None:
    assert _sample(interval, whole=whole) == sample
    if sample is not None:
        assert sample in interval


@given(ladders())
def test_a_ladder_drawn_by_the_strategies_passes_every_assertion(ladder: Ladder) -> None:
    assert_covers(ladder)
    assert_monotone(ladder)
    assert_round_trips(ladder)


@given(cells(kinds=("higher", "lower", "band")))
def test_the_value_assert_covers_names_has_no_grade(row: dict[Grade, str | None]) -> None:
    # The drawn rows cover their domain; without the 差 cell most leave a gap.
    written: dict[Grade, str | None] = {g: t for g, t in row.items() if g is not Grade.POOR}
    try:
        ladder = parse_ladder(written)
    except PerfscoreError:
        assume(False)  # a bare number needs the 差 cell to show the direction
        return
    try:
        assert_covers(ladder)
    except AssertionError as fault:
        named = str(fault).split(" has no grade")[0]
        with pytest.raises(UncoveredValue):
            ladder.grade(named)
    else:
        assert all(_sample(gap, whole=ladder.counted) is None for gap in ladder.gaps())
