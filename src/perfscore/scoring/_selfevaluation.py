"""The self-evaluation method (绩效自评): each indicator's 得分 out of its 分值, exactly.

The rules are those printed on the 2020-style self-evaluation forms (财预〔2020〕10号 and the
provinces' form notes) and coded in deployed budget-performance systems; where they differ, the
difference is a choice (see ``docs/targets.md``):

- 正向 (≥), ``=`` and bare targets: met → full 分值, never more; short → 分值 × actual / target.
  ``=`` with a target of 0: full only at 0.
- 反向 (≤): met (actual ≤ target) → full; over → ``reverse="linear"``:
  分值 × max(0, 1 − (actual − target) / target), or ``reverse="ratio"``: 分值 × target / actual.
- Deadlines and periods: met on or before → full, else 0.
- A step deduction (``≥95%,每降低1%扣0.5分``): short → 分值 less the points of each whole step
  short, never below 0. A tolerance (``±10%``, ``100%±5%``): within it → full, else 0.
- 定性: a tier — 达成 full, 部分达成 ``middle_tier`` % of 分值, 未达成 0.
- The budget item: 分值 × min(1, spent / planned); a planned budget of 0 does not apply.
- The execution rate optionally rounded first (``rate_rounding="0.1"``: to 0.1 %).
- Rows' 得分 and the budget item rounded to ``rounding`` (``"0.01"``, ``"0.1"``, ``"1"``) by
  ``rounding_mode`` (``half-up`` or ``down``), never above the row's 分值; exact by default.

>>> from fractions import Fraction as F
>>> from perfscore.notation import parse_target
>>> method = SelfEvaluation(rounding="0.1")
>>> method.credit(parse_target("≥500人"), F(450))
Fraction(9, 10)
>>> method.credit(parse_target("≤10次"), F(12)), SelfEvaluation(reverse="ratio").credit(
...     parse_target("≤10次"), F(12))
(Fraction(4, 5), Fraction(5, 6))
>>> method.rounded(F(20) * F(2, 3), F(20))
Fraction(133, 10)
>>> method.grade(F(8999, 100))
<Grade.GOOD: '良'>
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal

from perfscore.errors import PerfscoreError
from perfscore.grades import GRADES, Grade
from perfscore.intervals import format_number
from perfscore.notation._dates import When
from perfscore.notation._exact import is_blank, to_fraction
from perfscore.notation._labels import simplified
from perfscore.notation._targets import Direction, Target, convert, parse_target, same_kind

from ._methods import MOF_BANDS

__all__ = [
    "MET_WORDS",
    "NOT_APPLICABLE",
    "NOT_MET_WORDS",
    "TIERS",
    "Outcome",
    "SelfEvaluation",
    "names_self_evaluation",
    "read_when",
]


def names_self_evaluation(method: object) -> bool:
    """Whether ``method`` is, or names, the self-evaluation method (which only targets tables
    are scored by).

    >>> names_self_evaluation(" 自评"), names_self_evaluation("mof-bands")
    (True, False)
    """
    if isinstance(method, str):
        return method.strip() in ("self-evaluation", "自评")
    return isinstance(method, SelfEvaluation)


#: The three tiers of a qualitative result, by their short and their full names.
TIERS: Final[Mapping[str, str]] = {
    "达成": "达成",
    "达成预期指标": "达成",
    "达成预期目标": "达成",
    "部分达成": "部分达成",
    "部分达成预期指标并具有一定效果": "部分达成",
    "部分达成预期指标": "部分达成",
    "未达成": "未达成",
    "未达成预期指标且效果较差": "未达成",
    "未达成预期指标": "未达成",
}
#: Results that mean the target was met, whatever it is.
MET_WORDS: Final = frozenset(
    {
        "完成", "已完成", "全部完成", "按时完成", "已按时完成", "如期完成", "提前完成", "按时",
        "达标", "已达标", "全部达标", "达到", "已达到", "是", "满足", "已实现", "实现",
    }
)  # fmt: skip
#: Results that mean it was not.
NOT_MET_WORDS: Final = frozenset(
    {"未完成", "没有完成", "未按时完成", "未达标", "未达到", "否", "不满足", "未实现"}
)
#: Results that take the row out: the rest is re-scaled to the same total.
NOT_APPLICABLE: Final = frozenset({"不适用", "无", "/", "—", "--"})

Rounding = Literal["half-up", "down"]
Reverse = Literal["linear", "ratio"]
State = Literal["met", "short", "dropped", "given"]

_OVER: Final = Fraction(6, 5)  # 120 %: over-achievement flagged for review, not rewarded
_MET_TIER: Final = Fraction(4, 5)  # a 达成 row is scored within 100–80 % of its 分值


@dataclass(frozen=True)
class Outcome:
    """How one row scores: its state, the rule's 得分, the 得分 used, the tier and flags.

    ``value`` is the result as read (a number in the target's unit, a tier, a date text);
    ``rule`` the points the rule gives (rounded), ``points`` the 得分 used (the evaluator's
    where given); both ``None`` for a dropped row.
    """

    state: State
    value: Fraction | str | None
    credit: Fraction | None
    rule: Fraction | None
    points: Fraction | None
    tier: str | None = None
    flags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class SelfEvaluation:
    """The self-evaluation method; see the module documentation for the rules.

    ``bands`` replace the Ministry of Finance's 优 90 / 良 80 / 中 60 grade by grade (a
    province's 80 / 70 / 60: ``{"优": 80, "良": 70, "中": 60}``).
    """

    rounding: Fraction | None = None
    rounding_mode: Rounding = "half-up"
    reverse: Reverse = "linear"
    middle_tier: Fraction = Fraction(60)
    budget: Literal["add", "exclude"] = "add"
    bands: Mapping[Grade, Fraction] = field(default_factory=lambda: dict(MOF_BANDS))
    rate_rounding: Fraction | None = None
    name: str = "self-evaluation"

    def __init__(
        self,
        *,
        rounding: str | float | Fraction | Decimal | None = None,
        rounding_mode: Rounding = "half-up",
        reverse: Reverse = "linear",
        middle_tier: float | Fraction = 60,
        budget: Literal["add", "exclude"] = "add",
        bands: Mapping[Grade, object] | Mapping[str, object] | None = None,
        rate_rounding: str | float | Fraction | Decimal | None = None,
    ) -> None:
        step = None if rounding is None else _number(rounding, "rounding")
        rate_step = None if rate_rounding is None else _number(rate_rounding, "rate_rounding")
        if rate_step is not None and rate_step <= 0:
            raise PerfscoreError(f'rate_rounding is a step above 0 ("0.1"), not {rate_rounding!r}')
        if step is not None and step <= 0:
            raise PerfscoreError(f'rounding is a step above 0 ("0.01", "1"), not {rounding!r}')
        if rounding_mode not in ("half-up", "down"):
            raise PerfscoreError(f"rounding_mode is 'half-up' or 'down', not {rounding_mode!r}")
        if reverse not in ("linear", "ratio"):
            raise PerfscoreError(f"reverse is 'linear' or 'ratio', not {reverse!r}")
        if budget not in ("add", "exclude"):
            raise PerfscoreError(f"budget is 'add' or 'exclude', not {budget!r}")
        middle = _number(middle_tier, "middle_tier")
        if not 0 <= middle <= 80:
            raise PerfscoreError(
                f"middle_tier is a percent of 分值 from 0 to 80, not {middle_tier!r}"
            )
        bounds = dict(MOF_BANDS)
        if bands is not None:
            bounds.update({Grade(k): _number(v, "bands") for k, v in bands.items()})
        bounds.pop(Grade.POOR, None)
        ladder = [g for g in GRADES if g in bounds]
        for better, worse in itertools.pairwise(ladder):
            if bounds[better] <= bounds[worse]:
                raise PerfscoreError(
                    f"the bands fall from 优 to 中; {better.value} is not above {worse.value}"
                )
        for name, value in (
            ("rounding", step), ("rounding_mode", rounding_mode), ("reverse", reverse),
            ("middle_tier", middle), ("budget", budget), ("bands", bounds),
            ("rate_rounding", rate_step),
        ):  # fmt: skip
            object.__setattr__(self, name, value)

    # -- the rules ---------------------------------------------------------------------------

    def credit(
        self, target: Target, actual: Fraction, direction: Direction | None = None
    ) -> Fraction:
        """The share of 分值 (0 to 1) a number earns against a numeric target.

        A negative actual counts as 0. ``direction`` 反向 makes an ``=`` target an upper bound.
        """
        if target.value is None:
            raise PerfscoreError(f"the target {target} is not a number")
        goal = target.value
        if target.tolerance is not None:  # ±N: met within the band, else nothing
            return Fraction(1) if target.meets(actual) else Fraction(0)
        actual = max(actual, Fraction(0))
        upper = target.op == "≤" or (target.op == "=" and direction == "反向")
        if upper:
            if actual < goal or (actual == goal and not target.strict):
                return Fraction(1)
            if goal <= 0:
                return Fraction(0)
            if self.reverse == "ratio":
                return min(Fraction(1), goal / actual)
            return max(Fraction(0), 1 - (actual - goal) / goal)
        if target.op == "=" and goal == 0:
            return Fraction(1) if actual == 0 else Fraction(0)
        if actual > goal or (actual == goal and not target.strict):
            return Fraction(1)
        if goal <= 0:
            return Fraction(0)
        return min(Fraction(1), actual / goal)

    def rounded(self, points: Fraction, weight: Fraction) -> Fraction:
        """``points`` rounded to the step, never above ``weight`` (a row's 分值)."""
        if self.rounding is None:
            return min(points, weight)
        steps = points / self.rounding
        whole = (
            math.floor(steps + Fraction(1, 2))
            if self.rounding_mode == "half-up"
            else math.floor(steps)
        )
        return min(whole * self.rounding, weight)

    def step_points(
        self, target: Target, actual: Fraction, weight: Fraction, direction: Direction | None = None
    ) -> Fraction:
        """The 得分 of a row short of a target with a step deduction (``≥95%,每降低1%扣0.5分``):
        分值 less the points of each whole step short, never below 0.

        >>> SelfEvaluation().step_points(parse_target("≥95%,每降低1%扣0.5分"), Fraction(925, 10),
        ...     Fraction(10))
        Fraction(9, 1)
        """
        assert target.step is not None
        assert target.value is not None
        size, points = target.step
        upper = target.op == "≤" or (target.op == "=" and direction == "反向")
        short = actual - target.value if upper else target.value - actual
        steps = math.floor(max(short, Fraction(0)) / size)
        return max(Fraction(0), weight - steps * points)

    def tier_points(self, tier: str, weight: Fraction) -> Fraction:
        """The default points of a tier: 达成 full, 部分达成 the middle tier's bound, 未达成 0."""
        if tier == "达成":
            return weight
        if tier == "部分达成":
            return self.rounded(weight * self.middle_tier / 100, weight)
        return Fraction(0)

    def tier_of(self, points: Fraction, weight: Fraction) -> str:
        """The tier a given 得分 falls in: 80–100 % 达成, ``middle_tier``–80 % 部分达成."""
        if points >= weight * _MET_TIER:
            return "达成"
        if points >= weight * self.middle_tier / 100:
            return "部分达成"
        return "未达成"

    def grade(self, total: Fraction) -> Grade:
        """The grade of a total out of 100 by the bands."""
        for grade in GRADES:
            least = self.bands.get(grade)
            if least is not None and total >= least:
                return grade
        return Grade.POOR

    def budget_points(self, weight: Fraction, planned: Fraction, spent: Fraction) -> Outcome:
        """The budget item: 分值 × min(1, spent / planned); above 100 % flagged, not rewarded; a
        planned budget of 0 makes the item not apply (``dropped``, flagged), it stops nothing.

        With ``rate_rounding`` the execution rate, in percent, is first rounded to that step
        (``"0.1"``: 95.3 %) by ``rounding_mode``, as some published tables do.
        """
        if planned <= 0:
            # A 0 / 0 / 0 line (a project with no money this year): no rate, the item drops out.
            flag = (
                "the planned budget (全年预算数) is 0: no execution rate, the item does not apply"
            )
            if spent > 0:
                flag += f"; {format_number(spent)} spent against it, for review"
            return Outcome("dropped", None, None, None, None, None, (flag,))
        rate = spent / planned
        if self.rate_rounding is not None:
            percent = rate * 100 / self.rate_rounding
            whole = (
                math.floor(percent + Fraction(1, 2))
                if self.rounding_mode == "half-up"
                else math.floor(percent)
            )
            rate = whole * self.rate_rounding / 100
        flags: tuple[str, ...] = ()
        if rate > 1:
            flags = (
                f"execution {format_number(_round_to(rate * 100, Fraction(1, 100)))}% "
                "is above 100%, not rewarded",
            )
        points = self.rounded(weight * min(Fraction(1), max(rate, Fraction(0))), weight)
        state: State = "met" if rate >= 1 else "short"
        return Outcome(state, rate * 100, min(Fraction(1), rate), points, points, None, flags)

    # -- one row ------------------------------------------------------------------------------

    def score_row(
        self,
        target: Target,
        weight: Fraction,
        actual: object,
        *,
        direction: Direction | None = None,
        given: object = None,
        year: int | None = None,
    ) -> Outcome:
        """Score one row: ``actual`` (a number in the target's unit, a text, a tier word) against
        ``target`` out of ``weight`` (分值), with the evaluator's ``given`` 得分 if any.

        ``year`` is the table's year: a deadline or a date written without one is in it.

        Raises [PerfscoreError][perfscore.errors.PerfscoreError] for a result that cannot be read
        against the target (a word for a number, a bound that does not decide, a bad 得分).
        """
        points_given = None if is_blank(given) else _number(given, "得分")
        if points_given is not None and not 0 <= points_given <= weight:
            raise PerfscoreError(
                f"得分 {format_number(points_given)} is outside 0 to the 分值 "
                f"{format_number(weight)}"
            )
        if is_blank(actual):
            if points_given is None:
                raise PerfscoreError("no result and no 得分")
            return Outcome(
                "given", None, None, None, points_given, self.tier_of(points_given, weight)
            )
        value, credit, tier, flags = self._read(target, actual, direction, year)
        if credit is None and tier is None:
            return Outcome("dropped", value, None, None, None, None, flags)
        if tier is not None:
            rule = self.tier_points(tier, weight)
        elif target.step is not None and credit != 1 and isinstance(value, Fraction):
            rule = self.rounded(self.step_points(target, value, weight, direction), weight)
        else:
            assert credit is not None
            rule = weight if credit == 1 else self.rounded(weight * credit, weight)
        # A result on the bound a target excludes (>90%, actual 90) misses it: its proportional
        # share is the whole 分值, but it is not met.
        missed = tier is None and _on_excluded_bound(target, value)
        state: State = "met" if (tier == "达成" or (credit == 1 and not missed)) else "short"
        if points_given is None:
            return Outcome(state, value, credit, rule, rule, tier, flags)
        flags += self._check_given(points_given, rule, weight, tier)
        return Outcome(state, value, credit, rule, points_given, tier, flags)

    def _check_given(
        self, given: Fraction, rule: Fraction, weight: Fraction, tier: str | None
    ) -> tuple[str, ...]:
        if tier is not None:
            low, high = {
                "达成": (weight * _MET_TIER, weight),
                "部分达成": (weight * self.middle_tier / 100, weight * _MET_TIER),
                "未达成": (Fraction(0), weight * self.middle_tier / 100),
            }[tier]
            # 达成 includes full marks; the lower tiers stop short of the next one's bound.
            inside = low <= given <= high if tier == "达成" else low <= given < high
            if not inside:
                return (
                    f"得分 {format_number(given)} is outside the {tier} tier "
                    f"({format_number(low)}–{format_number(high)})",
                )
            return ()
        if given != rule:
            return (f"得分 {format_number(given)} departs from the rule's {format_number(rule)}",)
        return ()

    def _read(
        self, target: Target, actual: object, direction: Direction | None, year: int | None = None
    ) -> tuple[Fraction | str | None, Fraction | None, str | None, tuple[str, ...]]:
        """(value read, credit, tier, flags); credit and tier both None: the row drops out."""
        if isinstance(actual, str):
            text = simplified(actual)
            if target.qualitative and text == simplified(target.text):
                return actual.strip(), None, "达成", ()
            if text in TIERS:
                return TIERS[text], None, TIERS[text], ()
            if text in MET_WORDS:
                return actual.strip(), Fraction(1), None, ()
            if text in NOT_MET_WORDS:
                return actual.strip(), Fraction(0), None, ()
            if text in NOT_APPLICABLE:
                flags = (
                    ("无 read as 不适用 (the row drops out); give 0 if it means none",)
                    if text == "无"
                    else ()
                )
                return actual.strip(), None, None, flags
            if target.qualitative:
                raise PerfscoreError(
                    f"a qualitative result is 达成, 部分达成 or 未达成 (or the target's text "
                    f"{target.text!r}), not {actual!r}"
                )
            if target.form in ("deadline", "period"):
                return self._dated(target, actual, year)
            return self._numeric_text(target, actual, direction)
        if target.qualitative or target.form in ("deadline", "period"):
            raise PerfscoreError(
                f"the target {target.text!r} is not a number; the result {actual!r} is"
            )
        number = _number(actual, "result")
        return self._numeric(target, number, direction)

    def _numeric(
        self, target: Target, number: Fraction, direction: Direction | None
    ) -> tuple[Fraction, Fraction, None, tuple[str, ...]]:
        flags: list[str] = []
        credit = self.credit(target, number, direction)
        assert target.value is not None
        if number < 0 and target.tolerance is None:
            flags.append("a negative result counts as 0")
        if target.op != "≤" and target.value > 0 and number >= target.value * _OVER:
            flags.append("120% of the target or more: over-achievement, for review")
        if target.unit == "percent" and 0 < number <= 1 and target.value > 1:
            flags.append(
                f"{format_number(number)}% looks like a fraction ({format_number(number * 100)}%?)"
            )
        if target.strict and number == target.value:
            flags.append(
                "on the bound the target excludes: not met, though its proportional share "
                "is the whole 分值"
            )
        return number, credit, None, tuple(flags)

    def _numeric_text(
        self, target: Target, actual: str, direction: Direction | None
    ) -> tuple[Fraction, Fraction, None, tuple[str, ...]]:
        try:
            read = parse_target(actual)
        except PerfscoreError:
            if target.unit is None:
                raise
            read = parse_target(actual, target.unit)  # 45万 against a target in 万元
        if read.form != "number" or read.value is None:
            raise PerfscoreError(f"the target {target.text!r} is a number; {actual!r} is not")
        value = read.value
        if read.unit is not None:
            unit = target.unit
            if unit is None and read.unit in ("percent", "permille"):
                # 96% is 0.96 of a plain number: against ≥95 it would read as far short.
                raise PerfscoreError(
                    f"the result {actual.strip()!r} is a rate but the target {target.text!r} "
                    f"writes no unit: write the target with its % (or give the result as a "
                    f"plain number)"
                )
            if not same_kind(read.unit, unit):
                raise PerfscoreError(
                    f"the result is in {read.unit} but the target in {unit or 'a plain number'}"
                )
            value = convert(value, read.unit, unit)
        if read.written and read.op != "=":
            bound = Target(read.op, value, target.unit, actual, strict=read.strict)
            decided = _decides(bound, target, direction)
            if decided is None:
                raise PerfscoreError(
                    f"the result {actual!r} is a bound that does not decide the target "
                    f"{target.text!r}: give the number"
                )
            return (
                value,
                Fraction(1) if decided else Fraction(0),
                None,
                (f"result written as a bound ({actual})",),
            )
        return self._numeric(target, value, direction)

    def _dated(
        self, target: Target, actual: str, year: int | None
    ) -> tuple[str, Fraction, None, tuple[str, ...]]:
        deadline = _in_year(target.dates[-1], year)
        when = read_when(actual)
        if when is None:
            raise PerfscoreError(f"the target {target.text!r} is a date; {actual!r} is not")
        when = _in_year(when, year)
        met = when.on_or_before(deadline)
        flags = () if met else (f"{when} is after {deadline}",)
        return actual.strip(), Fraction(1) if met else Fraction(0), None, flags


def _on_excluded_bound(target: Target, value: object) -> bool:
    return target.strict and isinstance(value, Fraction) and value == target.value


def _decides(bound: Target, target: Target, direction: Direction | None) -> bool | None:
    """Whether every number ``bound`` allows meets ``target`` (True), none does (False), or
    some do and some do not (None)."""
    assert bound.value is not None
    assert target.value is not None
    upper = target.op == "≤" or (target.op == "=" and direction == "反向")
    if bound.op == "≥":
        if not upper and (
            bound.value > target.value or (bound.value == target.value and not target.strict)
        ):
            return True
        if upper and (
            bound.value > target.value
            or (bound.value == target.value and (bound.strict or target.strict))
        ):
            return False
        return None
    if upper and (
        bound.value < target.value or (bound.value == target.value and not target.strict)
    ):
        return True
    if not upper and (
        bound.value < target.value
        or (bound.value == target.value and (bound.strict or target.strict))
    ):
        return False
    return None


def read_when(text: str) -> When | None:
    """A date result (``2023年11月``, ``2023.11.20``, ``11月``, a deadline or a period's end).

    >>> read_when("2023年11月20日"), read_when("8月")
    (When(year=2023, month=11, day=20), When(year=None, month=8, day=None))
    >>> read_when("2023年12月32日") is None  # no such day: not a date
    True
    """
    import re

    compact = "".join(simplified(text).split())
    found = re.fullmatch(
        r"(?:(\d{4})[.\-/年])?(\d{1,2})月?(?:[.\-/](\d{1,2})|(\d{1,2})[日号])?(?:前|底|末|完成)*",
        compact,
    )
    if found is not None and ("月" in compact or found[1]):
        day = found[3] or found[4]
        when = When(int(found[1]) if found[1] else None, int(found[2]), int(day) if day else None)
        return when if when.exists() else None
    try:
        read = parse_target(text)
    except PerfscoreError:
        return None
    return read.dates[-1] if read.form in ("deadline", "period") else None


def _in_year(when: When, year: int | None) -> When:
    """``when`` with the table's year where it leaves the year out."""
    if when.year is not None or year is None:
        return when
    return When(year, when.month, when.day)


def _number(value: object, what: str) -> Fraction:
    if isinstance(value, str):
        try:
            return Fraction(value.strip().replace(",", ""))
        except (ValueError, ZeroDivisionError):
            raise PerfscoreError(f"{what} is a number, not {value!r}") from None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise PerfscoreError(f"{what} is a finite number, not {value}")
        return Fraction(value)
    try:
        return to_fraction(value)
    except PerfscoreError as error:
        raise PerfscoreError(f"{what}: {error.reason}") from None


def _round_to(value: Fraction, step: Fraction) -> Fraction:
    return math.floor(value / step + Fraction(1, 2)) * step
