"""perfscore.ladders._regions: each grade's region, a ladder's
direction, and a ladder written as one row of text."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from perfscore import Direction, Grade, Ladder, PerfscoreError, parse_ladder
from perfscore.errors import InvalidLadder, NotationError
from perfscore.intervals import INF, Interval, IntervalSet
from perfscore.ladders import read_row
from perfscore.ladders._regions import (
    Regions,
    normalize_label,
    read_regions,
    region_bounds,
    spell_region,
)
from perfscore.testing.strategies import ladders
from tests.ladders.ladder_data import BAND, HIGHER, LABELS, LOWER, E, F, G, P, cells


def test_region_and_gaps() -> None:
    ladder = parse_ladder(cells("≥90% / - / 60-80% / <60%"), unit="percent")
    assert str(ladder.region("中")) == "[60, 80]"
    assert str(ladder.region(G)) == "()"
    assert str(ladder.gaps()) == "(80, 90)"
    assert str(ladder.domain()) == "[0, inf)"


@pytest.mark.parametrize(
    ("row", "direction"),
    [
        ("≥90% / - / - / -", HIGHER),
        ("90% / - / - / -", HIGHER),
        ("≤1次 / - / - / -", LOWER),
        ("- / - / - / 1次以上", LOWER),  # only 差 is reachable, above 1
        ("- / - / - / <60%", HIGHER),
        ("400-499人 / - / - / -", BAND),
        ("≥0和<10 / - / - / -", BAND),
        ("- / - / 60-80% / -", BAND),
    ],
)
def test_direction_of_one_reachable_grade(row: str, direction: Direction) -> None:
    ladder = parse_ladder(cells(row))
    assert ladder.direction is direction
    # it follows from the values graded, so the canonical spelling keeps it
    assert parse_ladder(ladder.to_cells(), unit=ladder.unit).direction is direction


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("100% / ≥90% / ≥80% / <80%", ("100%", "≥90%", "≥80%", "<80%")),
        ("1次 / - / 空 / 1次以上", ("1次", None, None, "1次以上")),
        ("优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%", ("≥100%", "≥90%", "≥80%", "<80%")),
        ("优 1次 | 良 — | 中 — | 差 >1次", ("1次", None, None, ">1次")),
    ],
)
def test_a_row_reads_as_its_four_cells(row: str, cells: tuple[str | None, ...]) -> None:
    assert tuple(read_row(row).values()) == cells


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("100% / ≥90%", "a ladder is four cells 优 / 良 / 中 / 差 separated by '/', got 2"),
        ("优 ≥100% | A ≥90%", "starts with its grade 优, 良, 中 or 差, not 'A ≥90%'"),
        ("优 ≥100% | 优 ≥90%", "the grade 优 is written twice"),
    ],
)
def test_a_row_that_does_not_read_says_why(row: str, message: str) -> None:
    with pytest.raises(PerfscoreError) as raised:
        read_row(row)
    assert message in str(raised.value)


def test_a_row_is_text() -> None:
    with pytest.raises(TypeError, match="a row of cells is text, not int"):
        read_row(5)  # type: ignore[arg-type]


# -- read_regions: each grade's part of the number line -----------------------------------------


def regions_of(read: Regions) -> dict[str, str]:
    return {grade.value: str(region) for grade, region in read.regions.items()}


@pytest.mark.parametrize(
    ("row", "unit", "direction", "regions"),
    [
        ("100% / ≥90% / ≥80% / <80%", None, HIGHER,
         {"优": "[100, inf)", "良": "[90, 100)", "中": "[80, 90)", "差": "(-inf, 80)"}),
        # a number repeating the next better cell's is "below it": 85% 85% leave no overlap
        ("100% / 90% / 85% / 85%", None, HIGHER,
         {"优": "[100, inf)", "良": "[90, 100)", "中": "[85, 90)", "差": "(-inf, 85)"}),
        # bare numbers in the 差 cell are "at most": 3 2 1 0 leaves (0, 1) to no grade
        ("3 / 2 / 1 / 0", "次", HIGHER,
         {"优": "[3, inf)", "良": "[2, 3)", "中": "[1, 2)", "差": "(-inf, 0]"}),
        ("1次 / - / - / 1次以上", "次", LOWER, {"优": "(-inf, 1]", "差": "(1, inf)"}),
        ("≤5% / ≤8% / ≤10% / >10%", None, LOWER,
         {"优": "(-inf, 5]", "良": "(5, 8]", "中": "(8, 10]", "差": "(10, inf)"}),
        ("≥85%和≤100% / ≥80%和<85% / ≥70%和<80% / <70%或>100%", None, BAND,
         {"优": "[85, 100]", "良": "[80, 85)", "中": "[70, 80)", "差": "(-inf, 70) | (100, inf)"}),
        ("≥100万元 / - / - / <1000000元", "万元", HIGHER,
         {"优": "[100, inf)", "差": "(-inf, 100)"}),
    ],
)  # fmt: skip
def test_read_regions(
    row: str, unit: str | None, direction: Direction, regions: dict[str, str]
) -> None:
    read = read_regions(row, unit)
    assert read.direction is direction
    assert regions_of(read) == regions
    assert read.labels == {}
    assert read.published == read_row(row)


def test_the_unit_comes_from_the_cells_or_is_a_plain_number() -> None:
    assert read_regions("≥90% / - / - / <90%").unit == "percent"
    assert read_regions("≥5人 / - / - / <5人").unit == "人"
    assert read_regions("≥5 / - / - / <5").unit == "dimensionless"
    assert read_regions("≥5 / - / - / <5", "%").unit == "percent"  # the canonical name


def test_a_threshold_in_another_unit_is_exact_in_the_ladders() -> None:
    read = read_regions("≥1天 / - / - / <1天", "周")
    assert read.regions[E] == IntervalSet.of(Interval.closed_open(Fraction(1, 7), INF))


def test_a_qualitative_ladder_has_labels_not_regions() -> None:
    read = read_regions("有效實施 / 能完整的 实施 / - / 不能很好实施")
    assert (read.unit, read.direction, dict(read.regions)) == (None, LABELS, {})
    assert read.labels == {"有效实施": E, "能完整的实施": G, "不能很好实施": P}
    assert read.published[E] == "有效實施"  # the published text is kept as written


def test_cells_may_be_keyed_by_grade_or_by_its_character() -> None:
    by_grade = read_regions({E: "≥90%", P: "<90%"})
    by_text = read_regions({"优": "≥90%", "差": "<90%", "良": " ", "中": None})
    assert by_grade == by_text
    assert by_text.published == {E: "≥90%", G: None, F: None, P: "<90%"}


@pytest.mark.parametrize(
    ("given", "unit", "kind", "message"),
    [
        ({"优": "", "差": None}, None, InvalidLadder,
         "every cell is blank: no grade can be reached"),
        ({"优": "有效", "差": "无效"}, "人", NotationError,
         "cell 优: expected a number in 人\n    有效\n    ^^^^"),
        ({"优": "≥5", "差": "<5"}, "人/天", PerfscoreError,
         "a ladder's unit is one named unit, not '人/天'"),
        ({"优": "≥5", "差": "<5"}, "furlong", PerfscoreError, "unknown unit 'furlong'"),
        ({"优": "≥90%", "良": "≥95%"}, None, InvalidLadder,
         "cell 良: '≥95%' is met only by values a better grade already takes; "
         "the cells do not run in one direction"),
        ({"优": "≥0或<0"}, None, InvalidLadder,
         "cell 优: '≥0或<0' is met by every value: the ladder grades nothing"),
        ({"优": "≥9和<8"}, None, InvalidLadder, "cell 优: '≥9和<8' can never be met"),
        ({"优": "有效", "良": "有 效"}, None, InvalidLadder,
         "cell 良: the label '有效' stands in both 优 and 良"),
        ({"优": 5}, None, PerfscoreError, "cell 优: expected text, got 5"),
        ({"优": "≥5", "最好": "<5"}, None, PerfscoreError,
         "'最好' is not a grade (优, 良, 中, 差)"),
        ({"优": "≥5", "excellent": "<5"}, None, PerfscoreError,
         "two cells for 优 ('excellent' and another key)"),  # Grade reads English names too
        ({"优": "≥5", Grade.EXCELLENT: "≥6"}, None, PerfscoreError,
         "two cells for 优 (<Grade.EXCELLENT: '优'> and another key)"),
        (["≥5"], None, PerfscoreError, "cells must map grades to cell texts, not list"),
    ],
)  # fmt: skip
def test_cells_that_make_no_ladder_are_refused_with_the_cell(
    given: object, unit: str | None, kind: type[PerfscoreError], message: str
) -> None:
    with pytest.raises(kind) as raised:
        read_regions(given, unit)  # type: ignore[arg-type]
    assert str(raised.value).startswith(message)


def test_a_digit_the_notation_refuses_is_named_not_read_as_a_label() -> None:
    with pytest.raises(NotationError, match="unexpected '²'"):
        read_regions({"优": "≥90²", "差": "<90"})


# -- normalize_label, region_bounds, spell_region ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [(" 能完整的 实施 ", "能完整的实施"), ("應保盡保", "应保尽保"), ("ＯＫ", "OK")],
)
def test_normalize_label(text: str, label: str) -> None:
    assert normalize_label(text) == label


@pytest.mark.parametrize(
    ("region", "bounds", "spelled"),
    [
        (IntervalSet.of(Interval.point(Fraction(5))), 1, "=5人"),
        (IntervalSet.of(Interval.closed_open(Fraction(90), INF)), 1, "≥90人"),
        (IntervalSet.of(Interval.open_closed(-INF, Fraction(1, 2))), 1, "≤0.5人"),
        (IntervalSet.of(Interval.closed(Fraction(400), Fraction(499))), 2, "≥400人和≤499人"),
        (IntervalSet([Interval.open(-INF, Fraction(1)), Interval.open(Fraction(3), INF)]), 2,
         "<1人或>3人"),
        (IntervalSet(), 0, ""),
    ],
)  # fmt: skip
def test_region_bounds_and_spelling(region: IntervalSet, bounds: int, spelled: str) -> None:
    assert region_bounds(region) == bounds
    assert spell_region(region, "人") == spelled


def test_everything_takes_no_comparison() -> None:
    assert region_bounds(IntervalSet.everything()) == 0


@pytest.mark.parametrize(
    ("unit", "spelled"),
    [
        ("percent", "≥83.5%"),
        ("dimensionless", "≥83.5"),
        ("permille", "≥83.5‰"),
        ("万元", "≥83.5万元"),
    ],
)
def test_spell_region_writes_the_units_symbol(unit: str, spelled: str) -> None:
    region = IntervalSet.of(Interval.closed_open(Fraction(167, 2), INF))
    assert spell_region(region, unit) == spelled


def test_a_threshold_with_no_decimal_in_its_unit_is_written_in_one_that_has_it() -> None:
    seventh = IntervalSet.of(Interval.closed_open(Fraction(1, 7), INF))
    assert spell_region(seventh, "周") == "≥1天"


@given(ladders())
def test_spelled_regions_read_back_to_the_same_regions(ladder: Ladder) -> None:
    read = read_regions(ladder.to_cells(), ladder.unit)
    if read.direction is LABELS:
        return
    assert ladder.unit is not None
    for grade, region in read.regions.items():
        again = read_regions({grade: spell_region(region, ladder.unit)}, ladder.unit)
        assert again.regions[grade] == region
