"""Checks that catch silent misreadings: a table that loads and scores, but not as meant.

Each is a warning of [perfscore check][perfscore.tables.check_table], for targets tables and, where
it applies, for ladder tables (an 优 cell read in place of a target):

- weights (分值) that do not add up to the table's total (100: 90 + budget 10, or 100 rows on a
  form that counts the budget item apart);
- a 率 target above 100 % (a rate cannot exceed it, unless it is a growth rate);
- a percent target of 1 (``1`` with unit ``%``: probably 100 %);
- a target every value meets (``≥0``; a bare ``0`` read as "at least");
- a direction that contradicts the name (控制率, 发生数, 事件, 投诉, 事故, 变质, 结余率,
  调整率, 下降 … read 正向; 满意度, 合格率, 覆盖率 … read 反向);
- a number that looks like a date (``2023.12``, ``2024``);
- likely OCR damage: ``290%`` or ``2200篇`` where ``≥`` became ``2``.

>>> import perfscore
>>> table = perfscore.load_table({
...     "kind": "targets", "name": "example", "department": {"name": "某局"}, "year": 2023,
...     "projects": [{"id": "1", "name": "某项目", "indicators": [
...         {"id": "1.1", "name": "合格率", "target": "≥95%", "weight": 50},
...         {"id": "1.2", "name": "投诉次数", "target": "≥0次", "weight": 30},
...         {"id": "1.3", "name": "覆盖率", "target": "290%", "direction": "正向",
...          "weight": 10}]}]})
>>> for finding in perfscore.check_table(table):
...     print(finding)
warning: project 1 某项目 (projects[0]): the 分值 add up to 90, not the table's total 100
warning: indicator 1.2 投诉次数, target (projects[0].indicators[1].target): every value \
meets ≥0次: a target that cannot be missed
warning: indicator 1.2 投诉次数, direction (projects[0].indicators[1].direction): the name \
suggests 反向 (投诉), but the target reads 正向
warning: indicator 1.3 覆盖率, target (projects[0].indicators[2].target): a rate (率) above \
100%: ≥290%
warning: indicator 1.3 覆盖率, target (projects[0].indicators[2].target): 290% may be OCR \
damage: ≥90% with ≥ read as 2
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Final

from perfscore.grades import Grade
from perfscore.intervals import INF, Interval, IntervalSet, format_number
from perfscore.ladders._ladder import Direction, Ladder
from perfscore.notation._labels import simplified
from perfscore.notation._targets import Target

from ._directions import higher_word, lower_word
from ._targets_table import Project, TargetIndicator, TargetsTable

__all__ = [
    "Misreading",
    "ladder_misreadings",
    "target_misreadings",
    "targets_table_misreadings",
]

_GROWTH: Final = ("增长", "增幅", "提高", "提升", "增加", "增速", "同比", "环比")
_YEAR_LIKE: Final = re.compile(r"^(?:19[5-9]\d|20\d\d)(?:\.(?:0?[1-9]|1[0-2]))?$")

#: One misreading: the field it concerns (``target``, ``direction``, ``weight``, ``cells.优``)
#: and the message.
Misreading = tuple[str, str]


def target_misreadings(
    name: str, target: Target, direction: str | None, *, operators_written: bool = False
) -> Iterator[Misreading]:
    """The misreadings of one target read under ``name`` with ``direction``.

    ``operators_written``: whether most targets of the table write their comparison (then a
    bare number starting with 2 is more likely a damaged ``≥``).
    """
    text = simplified(name)
    value = target.value
    if target.form == "number" and value is not None:
        shown = str(target)
        if target.op == "≥" and value <= 0 and not target.strict:
            yield "target", f"every value meets {shown}: a target that cannot be missed"
        if target.unit == "percent":
            if "率" in text and value > 100 and not any(w in text for w in _GROWTH):
                yield "target", f"a rate (率) above 100%: {shown}"
            if value == 1 and target.op in ("≥", "="):
                yield "target", f"a percent target of 1 ({shown}): probably 100%?"
        digits = re.sub(r"[,，\s]", "", target.text)
        if _YEAR_LIKE.match(digits) and target.unit is None:
            yield "target", f"{target.text!r} looks like a date, not a number"
        if not target.written and target.text.lstrip().startswith("2"):
            rest = digits[1:]
            number = re.match(r"\d+(?:\.\d+)?", rest)
            if number is not None and number.group():
                remainder = Fraction(number.group())
                damaged = target.unit == "percent" and value > 100 and remainder <= 100
                whole = len(rest) >= 2 and "." not in rest
                if damaged or (operators_written and target.unit != "percent" and whole):
                    meant = f"≥{format_number(remainder)}{rest[len(number.group()) :]}"
                    damage = f"{target.text.strip()} may be OCR damage: {meant} with ≥ read as 2"
                    yield "target", damage
    said = direction
    lower = lower_word(name)
    if lower is not None and said == "正向":
        yield "direction", f"the name suggests 反向 ({lower}), but the target reads 正向"
    higher = higher_word(name)
    if higher is not None and said == "反向" and lower is None:
        yield "direction", f"the name suggests 正向 ({higher}), but the target reads 反向"


def targets_table_misreadings(table: TargetsTable) -> Iterator[tuple[str, Misreading]]:
    """``(field path, misreading)`` for every misreading of a targets table."""
    numeric = [i for i in table.indicators() if i.parsed.form == "number"]
    written = sum(i.parsed.written for i in numeric)
    operators_written = bool(numeric) and written * 3 >= len(numeric) * 2
    for p, project in enumerate(table.projects):
        total = _weight(project)
        unprinted = [i.id for i in project.indicators if i.weight is None]
        share = project.share(table.total)
        rows_only = total - (Fraction(repr(project.budget.weight)) if project.budget else 0)
        if unprinted and share is not None:
            yield (
                f"projects[{p}]",
                (
                    "weight",
                    f"no 分值 printed for {', '.join(unprinted)}: scoring gives each "
                    f"{format_number(share)}, an equal share of what the printed 分值 leave of "
                    f"{format_number(Fraction(repr(table.total)))}",
                ),
            )
        # A form that counts the budget item apart: its rows alone make the total.
        elif Fraction(repr(table.total)) not in (total, rows_only):
            yield (
                f"projects[{p}]",
                (
                    "weight",
                    f"the 分值 add up to {format_number(total)}, not the table's total "
                    f"{format_number(Fraction(repr(table.total)))}",
                ),
            )
        for i, indicator in enumerate(project.indicators):
            path = f"projects[{p}].indicators[{i}]"
            for field, message in target_misreadings(
                indicator.name,
                indicator.parsed,
                _direction(indicator),
                operators_written=operators_written,
            ):
                yield f"{path}.{field}", (field, message)


def _weight(project: Project) -> Fraction:
    total = sum(
        (Fraction(repr(i.weight)) for i in project.indicators if i.weight is not None), Fraction(0)
    )
    if project.block is not None:  # the printed 分值 are scaled into the block
        total = Fraction(repr(project.block))
    if project.budget is not None:
        total += Fraction(repr(project.budget.weight))
    return total


def _direction(indicator: TargetIndicator) -> str | None:
    return indicator.direction_read


def ladder_misreadings(name: str, ladder: Ladder) -> Iterator[Misreading]:
    """The misreadings of a ladder's 优 cell read as its target (a 率 above 100 %, an 优 every
    value meets, a direction against the name)."""
    if ladder.categorical:
        return
    best = ladder.region(Grade.EXCELLENT)
    text = simplified(name)
    level = ladder.unit == "percent" and "率" in text and not any(w in text for w in _GROWTH)
    # A level rate (完成率) is read over [0, ∞) even where its ladder draws a grade below 0%.
    domain = IntervalSet.of(Interval.closed_open(Fraction(0), INF)) if level else ladder.domain()
    if best and not (domain - best) and len(ladder.grades) > 1:
        yield "cells.优", "every value meets 优: the other grades cannot be reached"
    if level and not ladder.nonnegative:
        yield (
            "cells",
            (
                "the name reads a level rate (率), but the ladder grades values below 0% as a "
                "change (增长率) does: a negative result would be graded, not refused"
            ),
        )
    if level:
        low = best.endpoints()[:1]
        if low and low[0] > 100:
            yield "cells.优", f"a rate (率) whose 优 starts above 100%: {format_number(low[0])}%"
    lower = lower_word(name)
    if lower is not None and ladder.direction is Direction.HIGHER_IS_BETTER:
        yield "cells", f"the name suggests lower is better ({lower}), but the ladder reads higher"
