"""perfscore.scoring._selfevaluation: the rules of the self-evaluation method, row by row."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore import Grade, PerfscoreError, SelfEvaluation, parse_target
from perfscore.notation import Target

F = Fraction
W = F(20)


def row(
    target: str,
    actual: object,
    *,
    method: SelfEvaluation | None = None,
    direction: perfscore.notation._targets.Direction | None = None,
    given: object = None,
    unit: str | None = None,
) -> perfscore.scoring.Outcome:
    chosen = method or SelfEvaluation()
    parsed = parse_target(target, unit, direction=direction)
    return chosen.score_row(parsed, W, actual, direction=direction, given=given)


@pytest.mark.parametrize(
    ("target", "actual", "points"),
    [
        # 正向: met → full, never more; short → 分值 × actual / target
        ("≥500人", 500, W),
        ("≥500人", 900, W),
        ("≥500人", 450, F(18)),
        ("≥500人", "450人", F(18)),
        ("≥95%", "95%", W),
        ("≥95%", "0.95", F(1, 5)),  # numbers are in the target's unit: 0.95%
        ("≥95%", 76, F(16)),
        ("100%", "98%", F(98, 5)),
        ("≥1,200人次", 1150, F(575, 30)),
        ("≥266米", "≥266米", W),
        ("≥266米", "≥0.3公里", W),
        ("≥266米", "26600厘米", W),
        ("≥29.5亩", "30亩", W),
        ("≥29.5亩", "≥30亩", W),
        ("≥90万元", "1,000,000元", W),
        # = is scored like ≥; a target of 0: full only at 0
        ("=100%", 100, W),
        ("=100%", 90, F(18)),
        ("=0次", 0, W),
        ("=0次", 1, F(0)),
        # negative actuals count as 0
        ("≥10次", -3, F(0)),
        # 反向 linear: 分值 × max(0, 1 − (actual − target) / target)
        ("≤10次", 10, W),
        ("≤10次", 3, W),
        ("≤10次", 12, F(16)),
        ("≤10次", 20, F(0)),
        ("≤10次", 25, F(0)),
        ("≤3%", "4%", F(40, 3)),
        ("≤0次", 0, W),
        ("≤0次", 1, F(0)),
        ("<10次", 10, F(20)),
        # words
        ("≥95%", "完成", W),
        ("≥95%", "已完成", W),
        ("≥95%", "達標", W),
        ("≥95%", "未完成", F(0)),
        # deadlines and periods: met on or before
        ("9月前", "8月", W),
        ("9月前", "9月", W),
        ("9月前", "10月", F(0)),
        ("2023年12月底前", "2023年11月20日", W),
        ("2023年12月底前", "2024年1月", F(0)),
        ("2023年12月底前", "按时完成", W),
        ("2023.07-2024.01", "2023.07-2023.12", W),
        ("2023.07-2024.01", "2024.03", F(0)),
        # qualitative tiers
        ("效果明显", "达成预期指标", W),
        ("效果明显", "部分达成预期指标并具有一定效果", F(12)),
        ("效果明显", "未达成预期指标且效果较差", F(0)),
        ("效果明显", "效果明显", W),
        ("效果明显", "效果 明顯", W),
        ("持续改善", "完成", W),
    ],
)
def test_rule(target: str, actual: object, points: Fraction) -> None:
    outcome = row(target, actual)
    assert outcome.points == points
    assert outcome.rule == points
    # A result on the bound its target excludes (<10次, actual 10) misses it whatever it earns.
    missed = target.startswith(("<", ">")) and Fraction(str(actual)) == parse_target(target).value
    assert outcome.state == ("met" if points == W and not missed else "short")


@pytest.mark.parametrize(("target", "actual"), [(">90%", 90), (">90%", "90%"), ("<10次", "10次")])
def test_a_result_on_an_excluded_bound_is_not_met(target: str, actual: object) -> None:
    outcome = row(target, actual)
    assert outcome.state == "short"
    assert any("not met" in flag for flag in outcome.flags)


@pytest.mark.parametrize(("target", "bound"), [(">90%", 90), ("<10次", 10)])
@given(st.fractions(min_value=-200, max_value=200))
def test_met_means_the_target_holds(target: str, bound: int, actual: Fraction) -> None:
    outcome = row(target, actual)
    holds = actual > bound if target.startswith(">") else max(actual, Fraction(0)) < bound
    assert (outcome.state == "met") == holds


def test_reverse_ratio() -> None:
    ratio = SelfEvaluation(reverse="ratio")
    assert row("≤10次", 12, method=ratio).points == F(50, 3)
    assert row("≤10次", 40, method=ratio).points == F(5)


def test_bare_target_under_a_reverse_direction() -> None:
    assert row("0", 0, direction="反向", unit="起").points == W
    assert row("0", 2, direction="反向", unit="起").points == F(0)
    assert row("=5次", 7, direction="反向").points == F(12)


def test_middle_tier() -> None:
    assert row("高", "部分达成", method=SelfEvaluation(middle_tier=50)).points == F(10)


@pytest.mark.parametrize(
    ("rounding", "mode", "points"),
    [
        (None, "half-up", F(40, 3)),
        ("0.01", "half-up", F(1333, 100)),
        ("0.1", "half-up", F(133, 10)),
        ("1", "half-up", F(13)),
        ("0.1", "down", F(133, 10)),
    ],
)
def test_rounding(rounding: str | None, mode: str, points: Fraction) -> None:
    method = SelfEvaluation(rounding=rounding, rounding_mode=mode)  # type: ignore[arg-type]
    assert row("≤3%", "4%", method=method).points == points


def test_rounding_half_up_and_down_differ() -> None:
    # 分值 20 × 127 / 150 = 16.9333…; × 143 / 150 = 19.0666…
    assert row("≥150人", 143, method=SelfEvaluation(rounding="0.1")).points == F(191, 10)
    assert row(
        "≥150人", 143, method=SelfEvaluation(rounding="0.1", rounding_mode="down")
    ).points == F(19)


def test_rounding_never_lifts_a_row_above_its_weight() -> None:
    method = SelfEvaluation(rounding="1")
    outcome = method.score_row(parse_target("≥100人"), F(14, 5), 97)  # 2.716 would round to 3
    assert outcome.points == F(14, 5)
    assert outcome.state == "short"


def test_not_applicable_drops_the_row() -> None:
    outcome = row("≥95%", "不适用")
    assert (outcome.state, outcome.points, outcome.flags) == ("dropped", None, ())
    flagged = row("≤0次", "无")
    assert flagged.state == "dropped"
    assert "无 read as 不适用" in flagged.flags[0]
    assert row("无", "无").points == W  # a qualitative target 无, met by its own text


def test_given_points_are_used_and_checked() -> None:
    agree = row("≥500人", 450, given=18)
    assert (agree.points, agree.rule, agree.flags) == (F(18), F(18), ())
    departs = row("≥500人", 450, given=20)
    assert departs.points == F(20)
    assert departs.rule == F(18)
    assert departs.flags == ("得分 20 departs from the rule's 18",)
    in_tier = row("效果明显", "达成", given=17)
    assert (in_tier.points, in_tier.flags) == (F(17), ())
    out_of_tier = row("效果明显", "达成", given=15)
    assert out_of_tier.flags == ("得分 15 is outside the 达成 tier (16–20)",)
    only_points = row("效果明显", None, given=13)
    assert (only_points.state, only_points.points, only_points.tier) == ("given", F(13), "部分达成")


@pytest.mark.parametrize(
    ("target", "actual", "given", "message"),
    [
        ("≥95%", "很好", None, "the target '≥95%' is a number; '很好' is not"),
        ("效果明显", "很好", None, "a qualitative result is 达成, 部分达成 or 未达成"),
        ("效果明显", 3, None, "the target '效果明显' is not a number; the result 3 is"),
        ("≥266米", "≥200米", None, "the result '≥200米' is a bound that does not decide"),
        ("≥266米", "300人", None, "the result is in 人 but the target in 米"),
        ("9月前", "很快", None, "the target '9月前' is a date; '很快' is not"),
        ("≥95%", 90, 25, "得分 25 is outside 0 to the 分值 20"),
        ("≥95%", 90, "x", "得分 is a number, not 'x'"),
        ("≥95%", None, None, "no result and no 得分"),
        ("≥95%", float("inf"), None, "expected a finite number"),
        ("≥95%", True, None, "expected a number, got True"),
    ],
)
def test_bad_results(target: str, actual: object, given: object, message: str) -> None:
    with pytest.raises(PerfscoreError) as raised:
        row(target, actual, given=given)
    assert message in str(raised.value)


def test_flags() -> None:
    assert row("≥100人", 130).flags == ("120% of the target or more: over-achievement, for review",)
    assert row("≥95%", "0.96").flags == ("0.96% looks like a fraction (96%?)",)


def test_budget_item() -> None:
    method = SelfEvaluation(rounding="0.01")
    assert method.budget_points(F(10), F(120), F(114)).points == F(19, 2)
    over = method.budget_points(F(10), F(100), F(105))
    assert over.points == F(10)
    assert over.flags == ("execution 105% is above 100%, not rewarded",)
    for spent in (F(0), F(5)):
        none = method.budget_points(F(10), F(0), spent)
        assert (none.state, none.points, none.rule) == ("dropped", None, None)
        assert "does not apply" in none.flags[0]
        assert ("for review" in none.flags[0]) == (spent > 0)


def test_grade_bands() -> None:
    assert SelfEvaluation().grade(F(90)) is Grade.EXCELLENT
    assert SelfEvaluation().grade(F(8999, 100)) is Grade.GOOD
    province = SelfEvaluation(bands={"优": 80, "良": 70, "中": 60})
    assert province.grade(F(80)) is Grade.EXCELLENT
    assert province.grade(F(59)) is Grade.POOR


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rounding": "0"}, "rounding is a step above 0"),
        ({"rounding": "a"}, "rounding is a number"),
        ({"rounding_mode": "up"}, "rounding_mode is 'half-up' or 'down'"),
        ({"reverse": "log"}, "reverse is 'linear' or 'ratio'"),
        ({"budget": "ignore"}, "budget is 'add' or 'exclude'"),
        ({"middle_tier": 90}, "middle_tier is a percent of 分值 from 0 to 80"),
        ({"bands": {"优": 60, "良": 70}}, "the bands fall from 优 to 中"),
    ],
)
def test_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(PerfscoreError, match=message):
        SelfEvaluation(**options)  # type: ignore[arg-type]


def test_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        SelfEvaluation("0.1")  # type: ignore[call-arg]


# -- properties -------------------------------------------------------------------------------

targets_values = st.fractions(min_value=F(1, 100), max_value=F(10_000)).map(
    lambda f: f.limit_denominator(1000)
)
actuals = st.fractions(min_value=F(-10), max_value=F(30_000)).map(
    lambda f: f.limit_denominator(1000)
)
methods = st.builds(
    SelfEvaluation,
    rounding=st.sampled_from([None, "0.01", "0.1", "1"]),
    rounding_mode=st.sampled_from(["half-up", "down"]),
    reverse=st.sampled_from(["linear", "ratio"]),
)


@given(methods, st.sampled_from(["≥", "≤", "="]), targets_values, actuals, actuals)
def test_credit_is_a_share_and_monotone(
    method: SelfEvaluation, op: str, goal: Fraction, a: Fraction, b: Fraction
) -> None:
    target = Target(op, goal, None, "")
    low, high = sorted((a, b))
    c_low, c_high = method.credit(target, low), method.credit(target, high)
    assert 0 <= c_low <= 1
    assert 0 <= c_high <= 1
    if op == "≤":
        assert c_low >= c_high  # 反向: more is worse
    else:
        assert c_low <= c_high or (op == "=" and goal == 0)


@given(methods, st.sampled_from(["≥", "≤"]), targets_values, actuals, st.integers(1, 100))
def test_met_means_full_and_rounding_never_lifts(
    method: SelfEvaluation, op: str, goal: Fraction, actual: Fraction, weight: int
) -> None:
    target = Target(op, goal, None, "")
    outcome = method.score_row(target, F(weight, 4), actual)
    assert outcome.points is not None
    assert 0 <= outcome.points <= F(weight, 4)
    if target.meets(max(actual, F(0))):
        assert outcome.points == F(weight, 4)
        assert outcome.state == "met"


def test_the_execution_rate_may_be_rounded_first() -> None:
    # 分值 20 at 95.44 %: 19.088 → 19.09; with the rate rounded to 95.4 % first: 19.08.
    exact = SelfEvaluation(rounding="0.01")
    first = SelfEvaluation(rounding="0.01", rate_rounding="0.1")
    assert exact.budget_points(F(20), F(10000), F(9544)).points == F(1909, 100)
    assert first.budget_points(F(20), F(10000), F(9544)).points == F(1908, 100)
    assert first.budget_points(F(20), F(10000), F(9544)).value == F(954, 10)
    with pytest.raises(PerfscoreError, match="rate_rounding is a step above 0"):
        SelfEvaluation(rate_rounding="0")


def test_a_day_the_calendar_does_not_have_is_not_a_date_result() -> None:
    with pytest.raises(PerfscoreError, match="is a date"):
        row("2023年12月31日前", "2023年12月32日")


def test_a_rate_result_against_a_target_without_unit_is_refused() -> None:
    # 96% is 0.96: against ≥95 it read as 1 % of the target and scored 0.5 of 50.
    with pytest.raises(PerfscoreError, match="writes no unit"):
        row("≥95", "96%")
    assert row("≥95%", "96%").state == "met"
    assert row("≥95", "96").state == "met"


@pytest.mark.parametrize(
    ("target", "actual", "rule"),
    [
        ("≥95%,每降低1%扣0.5分", "92.5%", 9),  # 2 whole steps short: 10 − 1
        ("≥95%,每降低1%扣0.5分", "95%", 10),
        ("≥95%,每降低1%扣4分", "90%", 0),  # never below 0
        ("≤5次,每超过1次扣2分", "8次", 4),
        ("±10%", "-8%", 10),  # within the band: full, a negative deviation no flag
        ("±10%", "12%", 0),
        ("100%±5%", "96%", 10),
    ],
)
def test_step_deductions_and_tolerances(target: str, actual: str, rule: int) -> None:
    outcome = SelfEvaluation().score_row(parse_target(target), F(10), actual)
    assert outcome.rule == rule
    assert not any("negative" in flag for flag in outcome.flags)


@given(st.integers(0, 1000), st.integers(1, 10), st.integers(0, 5))
def test_a_step_deduction_takes_its_points_per_whole_step(
    actual: int, size: int, points: int
) -> None:
    target = parse_target(f"≥1000人,每少{size}人扣{points}分")
    got = SelfEvaluation().step_points(target, F(actual), F(100))
    assert got == max(0, 100 - ((1000 - actual) // size) * points)
