"""Invariants of the notation, ladders and grading, over data drawn by the strategies."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore import (
    Direction,
    Grade,
    Indicator,
    Ladder,
    NotationError,
    PerfscoreError,
    load_table,
    parse_ladder,
    ureg,
)
from perfscore.errors import UncoveredValue
from perfscore.intervals import format_number
from perfscore.testing import assert_covers, assert_monotone, assert_round_trips
from perfscore.testing._spellings import ladder_of as plain_ladder
from perfscore.testing._spellings import specs, spell
from perfscore.testing.strategies import cells, from_ladder, ladders

NUMERIC = ("higher", "lower", "band", "blank")


def _grade_of(ladder: Ladder, value: Fraction) -> Grade | None:
    """The grade the interval algebra gives ``value`` (in the ladder's unit), exactly."""
    for grade in ladder.grades:
        if value in ladder.region(grade):
            return grade
    return None


def _thresholds(ladder: Ladder) -> list[Fraction]:
    """Where the grade changes along the line."""
    return sorted({e for interval, _ in ladder.pieces() for e in _finite(interval)})


def _finite(interval: object) -> list[Fraction]:
    ends = (interval.lower, interval.upper)  # type: ignore[attr-defined]
    return [Fraction(e) for e in ends if not isinstance(e, float)]


# -- round trip -----------------------------------------------------------------------------


@given(ladders())
def test_canonical_cells_parse_back_to_an_equal_ladder(ladder: Ladder) -> None:
    again = parse_ladder(ladder.to_cells(), unit=ladder.unit)
    assert again == ladder
    assert hash(again) == hash(ladder)
    assert str(again) == str(ladder)
    assert repr(again) == repr(ladder)
    assert again.to_cells() == ladder.to_cells()


@given(st.data())
def test_published_spellings_read_as_the_plain_ones(data: st.DataObject) -> None:
    spec = data.draw(
        specs(("higher", "lower", "band", "blank", "categorical"), ("percent", "人", "万元", "天"))
    )
    expected = plain_ladder(spec)
    row = data.draw(st.composite(lambda draw: spell(spec, draw))())
    assert parse_ladder(row, unit=spec.unit) == expected


@given(st.data())
def test_count_rows_agree_with_their_ladder_on_whole_numbers(data: st.DataObject) -> None:
    # ≥ 400- 499 人 under ≥500人 leaves (499, 500) ungraded, which no count falls in.
    spec = data.draw(specs(("higher",), ("人",)))
    expected = plain_ladder(spec)
    published = parse_ladder(data.draw(st.composite(lambda draw: spell(spec, draw, gapped=True))()))
    top = int(max(spec.bounds)) + 2
    for count in range(top):
        assert published.grade(count) is expected.grade(count)
    assert_covers(published)


@given(cells())
def test_published_rows_are_monotone_and_cover_their_domain(row: dict[Grade, str | None]) -> None:
    ladder = parse_ladder(row)
    assert_monotone(ladder)
    assert_covers(ladder)
    assert_round_trips(ladder)


# -- boundary exactness ---------------------------------------------------------------------


@given(ladders(kinds=NUMERIC, units=["percent"]), st.data())
def test_a_threshold_gets_its_grade_in_every_form(ladder: Ladder, data: st.DataObject) -> None:
    point = data.draw(st.sampled_from(_thresholds(ladder)))
    expected = _grade_of(ladder, point)
    assert expected is not None
    text = format_number(point)
    fraction = point / 100
    forms: list[object] = [
        point,
        Decimal(text),
        f"{text}%",
        f"{text} %",
        f"{text}％".translate(str.maketrans("0123456789.", "０１２３４５６７８９．")),
        f"{format_number(point * 10)}‰",
        ureg.Quantity(point, "percent"),
        ureg.Quantity(fraction, ""),
        ureg.Quantity(Decimal(format_number(fraction)), "dimensionless"),
    ]
    as_float = float(point)
    if Fraction(repr(as_float)) == point:
        forms += [as_float, ureg.Quantity(float(fraction), "")]
    for form in forms:
        assert ladder.grade(form) is expected, form


@given(ladders(kinds=NUMERIC, units=["万元"]), st.data())
def test_money_thresholds_are_exact_in_yuan(ladder: Ladder, data: st.DataObject) -> None:
    point = data.draw(st.sampled_from(_thresholds(ladder)))
    expected = _grade_of(ladder, point)
    yuan = point * 10_000
    for form in (
        f"{format_number(yuan)}元",
        ureg.Quantity(yuan, "元"),
        f"{format_number(point)}万元",
    ):
        assert ladder.grade(form) is expected, form


@given(
    ladders(kinds=NUMERIC, units=["percent", "万元", "dimensionless"]),
    st.data(),
    st.integers(min_value=1, max_value=30),
)
def test_values_next_to_a_threshold_are_graded_exactly(
    ladder: Ladder, data: st.DataObject, digits: int
) -> None:
    # Exact values carry more digits than a float: 89.999…9 (twenty 9s) is below 90%.
    point = data.draw(st.sampled_from(_thresholds(ladder)))
    for value in (point - Fraction(1, 10**digits), point + Fraction(1, 10**digits)):
        if value < 0 and ladder.nonnegative:  # a level rate below 0%: refused, not graded
            with pytest.raises(UncoveredValue, match="cannot be negative"):
                ladder.grade(value)
            continue
        assert ladder.grade(value) is _grade_of(ladder, value)
        assert ladder.grade(Decimal(format_number(value))) is _grade_of(ladder, value)


@given(ladders(kinds=NUMERIC, units=["周", "天"]), st.data())
def test_days_and_weeks_meet_thresholds_exactly(ladder: Ladder, data: st.DataObject) -> None:
    point = data.draw(st.sampled_from(_thresholds(ladder)))
    expected = _grade_of(ladder, point)
    days = point * 7 if ladder.unit == "周" else point
    assert ladder.grade(ureg.Quantity(days, "天")) is expected
    if days.denominator == 1:
        assert ladder.grade(f"{days}天") is expected


# -- grading semantics ----------------------------------------------------------------------


@given(st.data())
def test_best_grade_wins(data: st.DataObject) -> None:
    # Each cell read alone is the condition it states; a value gets the best grade it meets.
    spec = data.draw(specs(("higher", "lower", "band", "blank"), ("percent", "人", "万元")))
    row = spell(spec, None)
    ladder = parse_ladder(row, unit=spec.unit)
    conditions = {
        g: parse_ladder({Grade.EXCELLENT: text}, unit=spec.unit).region(Grade.EXCELLENT)
        for g, text in row.items()
        if text is not None
    }
    value = data.draw(from_ladder(ladder))
    magnitude = ladder.grade(value)
    met = [g for g in ladder.grades if _read(value, ladder) in conditions[g]]
    assert met
    assert magnitude is max(met)


def _read(value: object, ladder: Ladder) -> Fraction:
    from perfscore.ladders._ladder import read_value

    assert ladder.unit is not None
    return read_value(value, ladder.unit)


@given(ladders(kinds=NUMERIC), st.data())
def test_grades_follow_the_direction(ladder: Ladder, data: st.DataObject) -> None:
    values = sorted(_read(data.draw(from_ladder(ladder)), ladder) for _ in range(3))
    low, middle, high = (ladder.grade(v) for v in values)
    if ladder.direction is Direction.HIGHER_IS_BETTER:
        assert low <= middle <= high
    elif ladder.direction is Direction.LOWER_IS_BETTER:
        assert low >= middle >= high
    else:
        # A band rises, then falls: a value between two others is graded at least as the worse.
        assert ladder.direction is Direction.TARGET_BAND
        assert middle >= min(low, high)
    assert_monotone(ladder)


# -- robustness: only PerfscoreError ever escapes -------------------------------------------

_MESSY = (
    "0123456789０１２３４５６７８９.．%％‰≥≤><=＞＜＝≧≦-－~～—至到和且或"
    "以上下不低于高超过满少最多人次种万元天 ,，"
)


@given(
    st.dictionaries(
        st.sampled_from(["优", "良", "中", "差", Grade.GOOD]),
        st.none() | st.text(_MESSY, max_size=16) | st.text(max_size=8),
    ),
    st.none() | st.sampled_from(["percent", "人", "万元", "", "%", "parsec"]) | st.text(max_size=4),
)
def test_any_text_parses_or_raises_perfscore_error(
    row: dict[object, str | None], unit: str | None
) -> None:
    try:
        ladder = parse_ladder(row, unit=unit)  # type: ignore[arg-type]
    except PerfscoreError:
        return
    assert_round_trips(ladder)


_ANYTHING = st.one_of(
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(),
    st.decimals(),
    st.fractions(),
    st.complex_numbers(),
    st.none(),
    st.booleans(),
    st.text(),
    st.text("0123456789.%人元万 -", max_size=500),
    st.binary(),
    st.lists(st.integers(), max_size=2),
    st.builds(
        lambda m, u: ureg.Quantity(m, u),
        st.floats() | st.integers(),
        st.sampled_from(["", "percent", "人", "元", "day", "kg"]),
    ),
)


@given(ladders(), _ANYTHING)
def test_grading_anything_raises_only_perfscore_error(ladder: Ladder, value: object) -> None:
    try:
        grade = ladder.grade(value)
    except PerfscoreError:
        return
    assert grade in ladder.grades


def test_twenty_nines_are_below_ninety_percent() -> None:
    ladder = parse_ladder({"优": "≥90%", "差": "<90%"})
    below = Fraction(90) - Fraction(1, 10**18)
    assert ladder.grade(below) is Grade.POOR
    assert ladder.grade(Decimal("89.999999999999999999")) is Grade.POOR
    assert ladder.grade("89.999999999999999999%") is Grade.POOR
    assert ladder.grade(Fraction(90)) is Grade.EXCELLENT


def test_a_count_beyond_any_float_is_graded() -> None:
    ladder = parse_ladder({"优": "≥500人", "差": "<500人"})
    assert ladder.grade(10**400) is Grade.EXCELLENT
    assert ladder.grade("9" * 400 + "人") is Grade.EXCELLENT


def test_seven_tenths_of_a_day_is_a_tenth_of_a_week() -> None:
    ladder = parse_ladder({"优": "≥0.1周", "差": "<0.1周"}, unit="周")
    assert ladder.grade(ureg.Quantity(Fraction(7, 10), "天")) is Grade.EXCELLENT
    assert ladder.grade("0.7天") is Grade.EXCELLENT
    assert ladder.grade("0.69天") is Grade.POOR


def test_a_control_character_is_no_unit() -> None:
    with pytest.raises(PerfscoreError) as raised:
        parse_ladder({"优": "0"}, unit="\x1b")
    assert str(raised.value).startswith("unknown unit '\\x1b'")


def test_a_full_width_digit_is_numeric() -> None:
    ladder = parse_ladder({"优": "２"})
    assert not ladder.categorical
    assert parse_ladder(ladder.to_cells(), unit=ladder.unit) == ladder


@pytest.mark.parametrize("cell", ["²", "①"])
def test_a_superscript_or_circled_digit_is_no_digit(cell: str) -> None:
    # NFKC folds them into ASCII digits (≥90¹% would read ≥901%): refused, never a label.
    with pytest.raises(NotationError) as raised:
        parse_ladder({"优": cell})
    assert str(raised.value) == f"cell 优: unexpected {cell!r}\n    {cell}\n    ^"


def test_a_digit_of_another_script_is_not_notation() -> None:
    # Numbers are written in ASCII or full-width digits; others are named, not guessed at.
    with pytest.raises(NotationError) as raised:
        parse_ladder({"优": "٣%"})
    assert str(raised.value).startswith("cell 优: unexpected '٣'")


@given(ladders(kinds=NUMERIC, units=["天", "元", "percent"]), st.data())
def test_cells_read_into_another_unit_round_trip(ladder: Ladder, data: st.DataObject) -> None:
    # ≥1天 read into a 周 ladder is 1/7 周: no decimal writes it in 周, yet it must round-trip.
    other = {"天": "周", "元": "万元", "percent": "dimensionless"}[ladder.unit or ""]
    moved = parse_ladder(ladder.to_cells(), unit=other)
    assert_round_trips(moved)
    point = data.draw(st.sampled_from(_thresholds(ladder)))
    symbol = {"percent": "%"}.get(ladder.unit or "", ladder.unit)
    assert moved.grade(f"{format_number(point)}{symbol}") is ladder.grade(point)


def test_a_day_in_a_week_ladder_is_written_in_days() -> None:
    ladder = parse_ladder({"优": "≥1天", "差": "<1天"}, unit="周")
    assert ladder.to_cells()[Grade.EXCELLENT] == "≥1天"
    assert parse_ladder(ladder.to_cells(), unit="周") == ladder
    assert ladder.grade("1天") is Grade.EXCELLENT
    assert ladder.grade("0.99天") is Grade.POOR


_BUNDLED = load_table("zanhuang-hrss-2018").indicators()


@given(st.sampled_from(_BUNDLED), st.data())
def test_values_drawn_for_the_bundled_ladders_get_their_grade(
    indicator: Indicator, data: st.DataObject
) -> None:
    grade = data.draw(st.sampled_from(indicator.ladder.grades))
    value = data.draw(from_ladder(indicator.ladder, grade=grade))
    assert indicator.grade(value) is grade


@given(ladders(kinds=NUMERIC, units=["percent", "万元", "人"]), st.data())
def test_array_grading_agrees_with_one_value_at_a_time(ladder: Ladder, data: st.DataObject) -> None:
    drawn = [_read(data.draw(from_ladder(ladder)), ladder) for _ in range(4)]
    # Arrays hold floats: keep the values a float names exactly.
    values = [v for v in drawn if Fraction(repr(float(v))) == v]
    floats = [float(v) for v in values]
    codes = ladder.grade_array(floats).tolist()
    assert codes == [ladder.grade(v).code for v in values]
    scales = {"percent": ("dimensionless", Fraction(100)), "万元": ("元", Fraction(1, 10_000))}
    other, scale = scales.get(ladder.unit or "", (ladder.unit, Fraction(1)))
    converted = [v / scale for v in values]
    if all(Fraction(repr(float(c))) == c for c in converted):
        assert ladder.grade_array([float(c) for c in converted], unit=other).tolist() == codes
