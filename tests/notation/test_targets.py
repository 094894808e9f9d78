"""One target cell read into a Target, its canonical text and its errors."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore import NotationError, Target, parse_target
from perfscore.notation import When

F = Fraction


# text, unit, direction -> op, value, unit, canonical text
VALID = [
    ("≥95%", None, None, "≥", F(95), "percent", "≥95%"),
    ("≥ 95 %", None, None, "≥", F(95), "percent", "≥95%"),
    ("≧ 735 人次", None, None, "≥", F(735), "人次", "≥735人次"),
    ("⩾90%", None, None, "≥", F(90), "percent", "≥90%"),
    ("＞＝９５％", None, None, "≥", F(95), "percent", "≥95%"),
    ("═ 100 %", None, None, "=", F(100), "percent", "=100%"),
    ("﹦ 72890 元", None, None, "=", F(72890), "元", "=72890元"),
    ("＝8个", None, None, "=", F(8), "个", "=8个"),
    ("不少于12 种", None, None, "≥", F(12), "种", "≥12种"),
    ("不低于90%", None, None, "≥", F(90), "percent", "≥90%"),
    ("98%以上", None, None, "≥", F(98), "percent", "≥98%"),
    ("≤90万元", None, None, "≤", F(90), "万元", "≤90万元"),
    ("10%以内", None, None, "≤", F(10), "percent", "≤10%"),
    ("不超过5次", None, None, "≤", F(5), "次", "≤5次"),
    ("超过10%", None, None, "≥", F(10), "percent", ">10%"),
    ("≥100百分比", None, None, "≥", F(100), "percent", "≥100%"),
    ("100%", None, None, "≥", F(100), "percent", "≥100%"),
    ("43.2", None, None, "≥", F(432, 10), None, "≥43.2"),
    ("43.2", None, "反向", "≤", F(432, 10), None, "≤43.2"),
    ("0", "次", "反向", "≤", F(0), "次", "≤0次"),
    ("0起", None, "反向", "≤", F(0), "次", "≤0次"),
    ("95", "%", None, "≥", F(95), "percent", "≥95%"),
    ("95", "百分比", None, "≥", F(95), "percent", "≥95%"),
    ("1", "%", None, "≥", F(1), "percent", "≥1%"),
    ("29.5亩", None, None, "≥", F(59, 2), "亩", "≥29.5亩"),
    ("192只", None, None, "≥", F(192), "只", "≥192只"),
    ("2200篇", None, None, "≥", F(2200), "个", "≥2200个"),
    ("≥266米", None, None, "≥", F(266), "米", "≥266米"),
    ("≥50厘米", None, None, "≥", F(50), "厘米", "≥50厘米"),
    ("≥3公里", None, None, "≥", F(3), "公里", "≥3公里"),
    ("≥2年", None, None, "≥", F(2), "年", "≥2年"),
    ("≤6个月", None, None, "≤", F(6), "月", "≤6月"),
    ("≥1,200人次", None, None, "≥", F(1200), "人次", "≥1200人次"),
    ("≥1，200，000元", None, None, "≥", F(1200000), "元", "≥1200000元"),
    ("≤90万", "元", None, "≤", F(90), "万元", "≤90万元"),
    ("≤90万", "万元", None, "≤", F(90), "万元", "≤90万元"),
    ("≥5万", "人", None, "≥", F(50000), "人", "≥50000人"),
    ("≥1.2万人次", None, None, "≥", F(12000), "人次", "≥12000人次"),
    ("≤1.5亿元", None, None, "≤", F(3, 2), "亿元", "≤1.5亿元"),
    ("≤3‰", None, None, "≤", F(3), "permille", "≤3‰"),
    ("≥50吨", None, None, "≥", F(50), "吨", "≥50吨"),
    ("≥95", "%", "正向", "≥", F(95), "percent", "≥95%"),
    # a price or a rate: a money unit over a counted or measured one, as published
    ("<=475元/亩", None, None, "≤", F(475), "元/亩", "≤475元/亩"),
    ("1600元/亩", None, None, "≥", F(1600), "元/亩", "≥1600元/亩"),
    ("≤3000元/平方米", None, None, "≤", F(3000), "元/平方米", "≤3000元/平方米"),
    ("<=2875元/个", None, None, "≤", F(2875), "元/个", "≤2875元/个"),
    ("490元/平米", None, None, "≥", F(490), "元/平方米", "≥490元/平方米"),
    ("300元/米", None, None, "≥", F(300), "元/米", "≥300元/米"),
    ("≤2万元/公里", None, None, "≤", F(2), "万元/公里", "≤2万元/公里"),
    ("≥1.2万元/人", None, None, "≥", F(6, 5), "万元/人", "≥1.2万元/人"),
    ("≤600元/人·年", None, None, "≤", F(600), "元/人·年", "≤600元/人·年"),
    ("≤50元／吨", None, None, "≤", F(50), "元/吨", "≤50元/吨"),
    ("300", "元/亩", "反向", "≤", F(300), "元/亩", "≤300元/亩"),
    ("3", "万元/公里", None, "≥", F(3), "万元/公里", "≥3万元/公里"),
    ("1.2万亩", None, None, "≥", F(12000), "亩", "≥12000亩"),
]


@pytest.mark.parametrize(
    ("text", "unit", "direction", "op", "value", "canonical_unit", "canon"), VALID
)
def test_valid_targets(
    text: str,
    unit: str | None,
    direction: perfscore.notation._targets.Direction | None,
    op: str,
    value: Fraction,
    canonical_unit: str | None,
    canon: str,
) -> None:
    target = parse_target(text, unit, direction=direction)
    assert (target.op, target.value, target.unit, str(target)) == (op, value, canonical_unit, canon)
    assert target.text == text.strip()
    assert target.form == "number"
    # the canonical text parses back to an equal target, with the same hash
    again = parse_target(str(target))
    assert again == target
    assert hash(again) == hash(target)
    assert repr(target) == f"<Target({canon!r})>"


@pytest.mark.parametrize(
    ("text", "written"), [("95%", False), ("≥95%", True), ("95%以上", True), ("0", False)]
)
def test_written_says_whether_the_comparison_was_written(text: str, written: bool) -> None:
    assert parse_target(text).written is written


@pytest.mark.parametrize(
    ("text", "dates", "canon"),
    [
        ("9月前", (When(None, 9),), "9月底前"),
        ("9月底前", (When(None, 9),), "9月底前"),
        ("2023年12月底前", (When(2023, 12),), "2023年12月底前"),
        ("2023年12月31日前", (When(2023, 12, 31),), "2023年12月31日前"),
        ("12月31日之前", (When(None, 12, 31),), "12月31日前"),
        ("年底前", (When(None, 12),), "12月底前"),
        ("2023年底前完成", (When(2023, 12),), "2023年12月底前"),
        ("６月前", (When(None, 6),), "6月底前"),
    ],
)
def test_deadlines(text: str, dates: tuple[When, ...], canon: str) -> None:
    target = parse_target(text)
    assert (target.form, target.op, target.dates, str(target)) == ("deadline", "≤", dates, canon)
    assert target.direction == "反向"
    assert parse_target(canon) == target


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023.07-2024.01", When(2023, 7), When(2024, 1)),
        ("2023年7月-2024年1月", When(2023, 7), When(2024, 1)),
        ("2023.1.1—2023.12.31", When(2023, 1, 1), When(2023, 12, 31)),
        ("2023-03至2023-11", When(2023, 3), When(2023, 11)),
    ],
)
def test_a_period_is_a_date_range_never_a_number_band(text: str, start: When, end: When) -> None:
    target = parse_target(text)
    assert (target.form, target.dates, target.value) == ("period", (start, end), None)
    assert parse_target(str(target)) == target


@pytest.mark.parametrize(
    "text", ["效果明显", "严格执行相关制度规定", "高", "持续改善", "控制在预算成本内", "无"]
)
def test_qualitative_targets(text: str) -> None:
    target = parse_target(text)
    assert (target.op, target.form, target.value, target.unit) == (
        "定性",
        "qualitative",
        None,
        None,
    )
    assert str(target) == text
    assert parse_target(f" {text} ") == target


def test_from_cells() -> None:
    assert Target.from_cells("≥", "95", "%") == parse_target("≥95%")
    assert Target.from_cells("≤", 10, "次") == parse_target("≤10次")
    assert Target.from_cells("=", 100, "%").op == "="
    assert Target.from_cells("定性", "效果明显").form == "qualitative"
    assert Target.from_cells(None, "0", "起", direction="反向") == parse_target("≤0次")


# text, unit, direction -> message, caret line
INVALID = [
    ("", None, None, "an empty target", "^"),
    ("≥", None, None, "expected a number after the comparison", "^"),
    (
        "≥400-499人", None, None,
        "a target is one number, not a range (a band is graded by a ladder), found '-'",
        "    ^",
    ),
    (
        "≥85%和≤100%", None, None,
        "a target is one comparison (a band is graded by a ladder), found '和'",
        "    ^^",
    ),
    ("≥ 9O%", None, None, "unexpected 'O'", "   ^"),
    ("≥95%以上", None, None, "two comparisons for one number", "^^^^^^^^"),
    (
        "90万", None, None,
        "万 or 亿 of what? give the indicator's unit (万元 for money), found '90'",
        "^^",
    ),
    ("≥95人", "%", None, "the cell is in 人 but the indicator's unit is %", "   ^^"),
    ("≥95%", None, "反向", "the cell says ≥ (正向) but the indicator is 反向", "^"),
    (
        "6月", None, None,
        "a month or a duration? write 6月前 for a deadline, 6个月 for a duration",
        " ^^",
    ),
    ("13月前", None, None, "no such date: 13月", "^^^^^^"),
    ("2024.01-2023.07", None, None, "the period ends before it starts", "^^^^^^^^^^^^^^^"),
    ("≥95%完成", None, None, "expected the end of the target, found '完成'", "    ^^^^"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "unit", "direction", "message", "caret"), INVALID)
def test_invalid_targets(
    text: str,
    unit: str | None,
    direction: perfscore.notation._targets.Direction | None,
    message: str,
    caret: str,
) -> None:
    with pytest.raises(NotationError) as raised:
        parse_target(text, unit, direction=direction)
    error = raised.value
    assert error.reason == message
    lines = str(error).split("\n")
    assert lines[0] == message
    assert lines[1] == f"    {text}"
    assert lines[2] == f"    {caret}"


def test_a_target_is_text() -> None:
    with pytest.raises(TypeError, match="a target is text, not int"):
        parse_target(95)  # type: ignore[arg-type]


def test_a_direction_is_named() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="a direction is 正向 or 反向"):
        parse_target("95", direction="up")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [
        ("≥90%", 90, True),
        ("≥90%", F(8999, 100), False),
        (">90%", 90, False),
        ("≤10次", 10, True),
        ("<10次", 10, False),
        ("=0次", 0, True),
        ("=0次", 1, False),
        ("=100%", 100, True),
    ],
)
def test_meets(target: str, actual: int | Fraction, met: bool) -> None:
    assert parse_target(target).meets(Fraction(actual)) is met


def test_area_and_volume() -> None:
    area = parse_target("≥2平方公里")
    assert (area.value, area.unit) == (Fraction(2), "平方公里")
    assert perfscore.notation.convert(Fraction(2), "平方公里", "平方米") == 2_000_000
    assert parse_target("≥12立方米").unit == "立方米"
    assert parse_target("≥12延长米").unit == "延长米"  # a word ending in a unit: its own


@pytest.mark.parametrize(
    ("op", "value", "unit", "canon"),
    [
        ("≥", "95", "%", "≥95%"),
        ("＞＝", "95", "％", "≥95%"),
        ("定量", "≥95", "%", "≥95%"),
        ("", "≤10", "次", "≤10次"),
        ("≥", "≥95%", None, "≥95%"),
        ("=", 100, "%", "=100%"),
        ("≤", "90", "万元", "≤90万元"),
    ],
)
def test_from_three_cells(op: str, value: str | int, unit: str | None, canon: str) -> None:
    assert str(Target.from_cells(op, value, unit)) == canon


def test_from_cells_refuses_a_contradiction() -> None:
    with pytest.raises(NotationError, match="指标性质 says ≤ but the target says otherwise"):
        Target.from_cells("≤", "≥95%")
    with pytest.raises(NotationError, match="a qualitative target needs its text"):
        Target.from_cells("定性", None)


@pytest.mark.parametrize("text", ["≥1.200人次", "≥12.500人", "2.000次"])
def test_a_dotted_thousand_of_a_counted_unit_is_refused(text: str) -> None:
    # 1.200人次 is 1.2 人次 to a decimal reader and 1200 to a European one: neither is silent.
    with pytest.raises(NotationError, match="counted whole") as raised:
        parse_target(text)
    assert text.split(".")[0].lstrip("≥") + text.split(".")[1][:3] in str(raised.value)


@pytest.mark.parametrize("text", ["≥1.2人次", "≥1,200人次", "≥1.200万元", "≥95.500%", "≥1.25人"])
def test_other_dotted_numbers_read_as_decimals(text: str) -> None:
    assert parse_target(text).value is not None


@pytest.mark.parametrize("text", ["2023年12月32日前", "2023年2月29日前", "2023年4月31日前"])
def test_a_day_the_calendar_does_not_have_is_refused(text: str) -> None:
    with pytest.raises(NotationError, match="no such date"):
        parse_target(text)


def test_29_february_of_a_leap_year_is_a_date() -> None:
    assert parse_target("2024年2月29日前").form == "deadline"


# -- the forms real tables use: a unit in brackets, ± tolerances, step deductions ----------------


@pytest.mark.parametrize(
    ("text", "canon"),
    [
        (">= 98 %(百分比)", "≥98%"),
        ("≥500（人）", "≥500人"),
        ("±10%", "±10%"),
        ("100%±5%", "100%±5%"),
        ("1000±50人", "1000人±50人"),
        ("≥95%，每降低1%扣0.5分", "≥95%,每差1%扣0.5分"),
        ("≥95%,每降低1个百分点扣1分，扣完为止", "≥95%,每差1%扣1分"),
        ("500人,每少10人扣1分", "≥500人,每差10人扣1分"),
        ("≤5次,每超过1次扣2分", "≤5次,每差1次扣2分"),
    ],
)
def test_the_forms_real_tables_print(text: str, canon: str) -> None:
    target = parse_target(text)
    assert str(target) == canon
    assert parse_target(canon) == target  # the canonical spelling reads back
    assert target.text == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("≥98%(次)", "the indicator's unit is 次"),
        ("≥95%,每降低1人扣1分", "the step is in 人"),
        ("≥95±5%", "a comparison and ±"),
        ("效果明显,每降低1%扣1分", "follows a number target"),
    ],
)
def test_the_forms_refuse_what_does_not_agree(text: str, message: str) -> None:
    with pytest.raises(NotationError, match=message):
        parse_target(text)


@given(st.integers(0, 1000), st.integers(1, 100), st.integers(-2000, 2000))
def test_a_tolerance_meets_within_it_only(center: int, tolerance: int, actual: int) -> None:
    target = parse_target(f"{center}±{tolerance}人")
    assert target.meets(Fraction(actual)) == (abs(actual - center) <= tolerance)


# -- prices and rates: a compound unit graded exactly at its bound, in any unit it converts into --

#: A compound unit, another it converts into, and how many of the other one is, by hand
#: (1 亩 = 10000/15 m², 平米 is 平方米, 1 万元 = 10000 元, a year 12 months).
PRICES = [
    ("元/亩", "元/平方米", F(3, 2000)),
    ("元/亩", "元/平米", F(3, 2000)),
    ("元/亩", "万元/亩", F(1, 10000)),
    ("万元/亩", "元/亩", F(10000)),
    ("万元/亩", "元/平方米", F(15)),
    ("元/平方米", "元/亩", F(2000, 3)),
    ("元/平米", "元/平方米", F(1)),
    ("万元/公里", "元/米", F(10)),
    ("元/人·年", "元/人·月", F(1, 12)),
    ("元/个", "万元/个", F(1, 10000)),
]


def _decimal(value: Fraction) -> str | None:
    """``value`` as a decimal text, when one holds it exactly."""
    for places in range(12):
        scaled = value * 10**places
        if scaled.denominator == 1:
            return f"{scaled.numerator / 10**places:.{places}f}"
    return None


@given(
    st.integers(1, 10**7),
    st.sampled_from(["≤", "≥", "<", ">"]),
    st.sampled_from(PRICES),
)
def test_a_price_on_its_bound_meets_it_in_any_unit_it_converts_into(
    cents: int, op: str, price: tuple[str, str, Fraction]
) -> None:
    unit, other, per = price
    value = Fraction(cents, 100) * per.denominator  # the bound is a decimal in both units
    written = _decimal(value)
    assert written is not None
    target = parse_target(f"{op}{written}{unit}")
    bound = value * per  # the same price in the other unit, exactly
    assert perfscore.notation.convert(bound, other, target.unit) == value
    strict = op in ("<", ">")
    assert target.meets(value) is not strict
    beyond = bound + (Fraction(1, 10**9) if op in ("≤", "<") else -Fraction(1, 10**9))
    assert not target.meets(perfscore.notation.convert(beyond, other, target.unit))
    shown = _decimal(bound)
    if shown is not None and not strict:  # the result as a row gives it, in its own unit
        outcome = perfscore.SelfEvaluation().score_row(target, F(20), f"{shown}{other}")
        assert outcome.state == "met"
        assert outcome.points == 20


@pytest.mark.parametrize(
    ("unit", "other"),
    [("元/亩", "元/人"), ("元/亩", "元"), ("元/平方米", "元/米"), ("万元/公里", "人/公里"),
     ("元/个", "元/人")],
)  # fmt: skip
def test_a_price_in_a_unit_it_does_not_convert_into_is_refused(unit: str, other: str) -> None:
    target = parse_target(f"≤100{unit}")
    with pytest.raises(perfscore.PerfscoreError, match=f"the result is in {other}"):
        perfscore.SelfEvaluation().score_row(target, F(20), f"90{other}")
    with pytest.raises(NotationError, match="the indicator's unit is"):
        parse_target(f"≤100{other}", unit)


def test_a_tolerance_within_it_keeps_its_meaning() -> None:
    """±3%以内: within 3 % either way, the bound included (以内 includes the number)."""
    target = parse_target("±3%以内")
    assert (target.tolerance, target.value, target.unit) == (F(3), F(0), "percent")
    assert target == parse_target("±3%")
    assert target.meets(F(3))
    assert target.meets(F(-3))
    assert not target.meets(F(301, 100))
    with pytest.raises(NotationError, match="a tolerance is met within it"):
        parse_target("±3%以上")
    with pytest.raises(NotationError, match="a tolerance is met within it"):
        parse_target("±3%以外")
