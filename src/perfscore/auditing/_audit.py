"""Auditing a published self-evaluation (财政评价 of a 自评): every published 得分 recomputed by
the published rules, and every departure classed.

[audit][perfscore.auditing.audit] reads each row's target, result (实际完成值), 分值 and
published 得分, scores it by [SelfEvaluation][perfscore.scoring.SelfEvaluation] under every
rounding the published tables use (exact; to 0.01, 0.1 or a whole number, rounded half-up or
cut), chooses the rounding that explains the most rows of the table, and classes each row:

- ``explained``: the 得分 follows from the rules (met → full 分值; short → 分值 × actual /
  target under the table's rounding, or under another one, which the row then names; a
  qualitative row inside its tier; a row that does not apply and has no 得分);
- ``deduction-on-met``: the row meets its target but the 得分 is below the 分值;
- ``full-on-unmet``: the row misses its target but gets the full 分值 (a shortfall never
  rounds up to full marks);
- ``outside-tier``: a qualitative row whose 得分 is outside the tier its result reads as;
- ``unexplained``: anything else (no rule gives the 得分, the result cannot be read, no 得分).

The budget item (预算执行率) is ``explained`` or ``budget`` (its 得分 departs from 分值 ×
execution rate under every rounding), ``not-applicable`` for a budget of 0; the 总分 is
``explained`` (equal to the recomputed total), ``rows`` (equal to the sum of the published 得分,
so the rows' departures explain the difference) or ``arithmetic`` (not the sum of its parts).

>>> import perfscore
>>> table = perfscore.load_table({
...     "kind": "targets", "name": "example", "department": {"name": "某局"}, "year": 2023,
...     "projects": [{"id": "1", "name": "某项目", "budget": {"planned": 100, "weight": 10},
...         "indicators": [
...             {"id": "1.1", "name": "培训人次", "target": "500人次", "weight": 40},
...             {"id": "1.2", "name": "发放册数", "target": "≥120册", "weight": 30},
...             {"id": "1.3", "name": "满意度", "target": "≥90%", "weight": 20}]}]})
>>> report = audit(table, {"1.1": {"value": "450人次", "points": 36},
...     "1.2": {"value": "69册", "points": 17}, "1.3": {"value": "95%", "points": 18},
...     "1.budget": {"value": 98, "points": 9.8}})
>>> [(line.id, line.klass, line.rounding) for line in report.lines]
[('1.1', 'explained', 'exact'), ('1.2', 'explained', 'rounded to 1'), \
('1.3', 'deduction-on-met', None), ('1.budget', 'explained', 'exact')]
>>> report.options, report.summary.explained, report.summary.at_stake
('exact', 2, Fraction(2, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final, Literal, Protocol, runtime_checkable

from perfscore.errors import PerfscoreError
from perfscore.intervals import format_number
from perfscore.notation._exact import is_blank, to_fraction
from perfscore.notation._labels import simplified
from perfscore.scoring._readers import ResultsSource
from perfscore.scoring._rows import ResultRow
from perfscore.scoring._selfevaluation import NOT_MET_WORDS, SelfEvaluation
from perfscore.scoring._targets import target_result_rows
from perfscore.tables._targets_table import Project, TargetIndicator, TargetsTable

__all__ = ["CLASSES", "ROUNDINGS", "Audit", "AuditLine", "PublishedForm", "Summary", "audit"]

#: The classes of a row, the budget item and the total, explained first.
CLASSES: Final = (
    "explained", "deduction-on-met", "full-on-unmet", "outside-tier", "unexplained",
    "budget", "not-applicable", "rows", "arithmetic",
)  # fmt: skip

Kind = Literal["row", "budget", "total"]
#: A rounding: (step, mode); a step of ``None`` is exact.
Rounding = tuple[str | None, Literal["half-up", "down"]]

#: The roundings tried, in order of preference when they explain as many rows:
#: (step, mode); a step of ``None`` is exact.
ROUNDINGS: Final[tuple[Rounding, ...]] = (
    (None, "half-up"),
    ("0.01", "half-up"), ("0.1", "half-up"), ("1", "half-up"),
    ("0.01", "down"), ("0.1", "down"), ("1", "down"),
)  # fmt: skip

_PARTIAL_WORDS: Final = ("部分",)


def rounding_name(step: str | None, mode: str) -> str:
    """How a rounding is named in an audit: ``exact``, ``rounded to 0.1``, ``… cut``."""
    if step is None:
        return "exact"
    return f"rounded to {step}" + (", cut" if mode == "down" else "")


@dataclass(frozen=True)
class AuditLine:
    """One row, budget item or total: the published 得分, the rule's, the difference, the class.

    ``rule`` is the rule's 得分 under the table's rounding (or, for a row explained by another
    rounding, under that one, named in ``rounding``); ``difference`` is published − rule.
    """

    kind: Kind
    project: str
    id: str
    name: str
    target: str | None
    actual: str | None
    weight: Fraction | None
    published: Fraction | None
    rule: Fraction | None
    klass: str
    why: str
    rounding: str | None = None

    @property
    def difference(self) -> Fraction | None:
        """Published − rule (``None`` where either is missing)."""
        if self.published is None or self.rule is None:
            return None
        return self.published - self.rule


@dataclass(frozen=True)
class Summary:
    """The audit in figures: rows, explained, departing by class, points at stake, totals."""

    rows: int
    explained: int
    departing: Mapping[str, int]
    at_stake: Fraction
    totals: tuple[tuple[str, Fraction | None, Fraction | None], ...] = field(default=())


@dataclass(frozen=True)
class Audit:
    """A table's self-evaluation audited: a line per row, budget item and total, the options
    that explain the table best, and the summary."""

    table: str
    options: str
    lines: tuple[AuditLine, ...]

    @property
    def rows(self) -> tuple[AuditLine, ...]:
        """The indicator rows' lines."""
        return tuple(line for line in self.lines if line.kind == "row")

    @property
    def summary(self) -> Summary:
        """The figures: rows explained and departing, points at stake, totals."""
        rows = self.rows
        departing: dict[str, int] = {}
        for line in rows:
            if line.klass != "explained":
                departing[line.klass] = departing.get(line.klass, 0) + 1
        stake = sum(
            (abs(line.difference) for line in rows
             if line.klass != "explained" and line.difference is not None),
            Fraction(0),
        )  # fmt: skip
        totals = tuple(
            (line.project, line.published, line.rule) for line in self.lines if line.kind == "total"
        )
        explained = sum(line.klass == "explained" for line in rows)
        return Summary(len(rows), explained, departing, stake, totals)


@dataclass(frozen=True)
class _Reading:
    """One row read once: met / short / tier / dropped, and the credit of a short row."""

    state: str
    credit: Fraction | None = None
    tier: str | None = None
    note: str = ""
    value: Fraction | None = None


def audit(
    table: TargetsTable | object,
    results: ResultsSource | None = None,
    *,
    totals: Mapping[str, object] | None = None,
    method: SelfEvaluation | None = None,
) -> Audit:
    """Audit a self-evaluation: ``results`` gives each row's result and published 得分 as
    [perfscore.score][perfscore.cards.score] reads them (``{"1.1": {"value": "450人", "points":
    36}}``, or a frame or file with ``id``, ``value`` and ``points``; ``<project>.budget`` the
    全年执行数 and its 得分, ``<project>.total`` the published 总分). ``totals`` maps a project
    id to its published 总分 too.

    ``method`` is the reviewer's choice of the rules (a
    [SelfEvaluation][perfscore.scoring.SelfEvaluation]): its ``reverse`` formula, ``middle_tier``
    and ``rate_rounding`` are used; its ``rounding``, when given, is the table's rounding instead
    of the one that explains the most rows.

    ``table`` may instead be an imported self-evaluation form
    ([perfscore.import_table][perfscore.importing.import_table]'s answer), which carries its
    published 得分: then ``results`` is left out.
    """
    if results is None:
        table, results = _published_form(table)
    if not isinstance(table, TargetsTable):
        raise TypeError(f"an audit reads a targets table, not {type(table).__name__}")
    base = SelfEvaluation() if method is None else method
    if not isinstance(base, SelfEvaluation):
        raise TypeError(f"method is a SelfEvaluation, not {type(method).__name__}")
    given = _given(table, target_result_rows(results))
    readings = {i.id: _read(i, given.get(i.id), table.year, base) for i in table.indicators()}
    best: Rounding = (
        _best_rounding(table, given, readings, base)
        if base.rounding is None
        else (format_number(base.rounding), base.rounding_mode)
    )
    lines: list[AuditLine] = []
    for project in table.projects:
        rows = [
            _row_line(project, i, given.get(i.id), readings[i.id], best, base)
            for i in project.indicators
        ]
        lines += rows
        budget = _budget_line(project, given.get(f"{project.id}.budget"), best, base)
        if budget is not None:
            lines.append(budget)
        published = None if totals is None else totals.get(project.id)
        total_row = given.get(f"{project.id}.total")
        if is_blank(published) and total_row is not None:
            published = total_row.points if not is_blank(total_row.points) else total_row.value
        if not is_blank(published):
            exact = _budget_rule(project, given.get(f"{project.id}.budget"), (None, "down"), base)
            lines.append(_total_line(project, rows, budget, _fraction(published), exact, base))
    return Audit(table.name, rounding_name(*best), tuple(lines))


@runtime_checkable
class PublishedForm(Protocol):
    """An imported self-evaluation form: its table and its rows' published results
    (``id``, ``value``, ``points``), as [Imported][perfscore.importing.Imported] holds them."""

    table: object
    results: list[dict[str, str]]


def _published_form(form: object) -> tuple[object, dict[str, object]]:
    """The table and the published results of an imported self-evaluation form."""
    if not isinstance(form, PublishedForm):
        raise TypeError(
            f"an audit reads a targets table and its results, or an imported self-evaluation "
            f"form, not {type(form).__name__} alone"
        )
    if not form.results:
        raise PerfscoreError("the imported form carries no results: it is a goal table")
    results: dict[str, object] = {
        str(row["id"]): {"value": row.get("value"), "points": row.get("points")}
        for row in form.results
    }
    return form.table, results


def _fraction(value: object) -> Fraction:
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except ValueError:
            raise PerfscoreError(f"a 得分 is a number, not {value!r}") from None
    return to_fraction(value)


def _given(table: TargetsTable, rows: Iterable[ResultRow]) -> dict[str, ResultRow]:
    own = {f"{p.id}.budget" for p in table.projects if p.budget is not None}
    own |= {f"{p.id}.total" for p in table.projects}
    given: dict[str, ResultRow] = {}
    for row in rows:
        if is_blank(row.key):
            continue
        key = str(row.key) if row.key in own else table.indicator(str(row.key)).id
        if key in given:
            raise PerfscoreError(f"{key} is given more than once").located(row=row.row)
        given[key] = row
    return given


def _actual_text(row: ResultRow | None) -> str | None:
    if row is None or is_blank(row.value):
        return None
    if row.unit is not None and not isinstance(row.value, str):
        return f"{row.value}{row.unit}"
    return str(row.value)


def _read(
    indicator: TargetIndicator, row: ResultRow | None, year: int, base: SelfEvaluation
) -> _Reading:
    """The row's state under the rules (the rounding does not change it)."""
    actual = _actual_text(row)
    if actual is None:
        return _Reading("missing", note="no result (实际完成值)")
    if indicator.weight is None:  # a form printing no 分值: no rule gives a 得分 to check
        return _Reading("unread", note="no 分值 printed: the 得分 cannot be checked")
    method = base
    value: object = actual
    if row is not None and not isinstance(row.value, str) and row.unit is None:
        value = row.value
    weight = to_fraction(indicator.weight)
    try:
        outcome = method.score_row(
            indicator.parsed, weight, value, direction=indicator.direction_read, year=year
        )
    except PerfscoreError as error:
        if indicator.parsed.qualitative and not any(ch.isdigit() for ch in actual):
            return _tier_of_text(actual)
        return _Reading("unread", note=f"the result cannot be read: {error.reason}")
    if outcome.state == "dropped":
        return _Reading("dropped", note="不适用: the row drops out")
    if outcome.tier is not None:
        return _Reading("tier", tier=outcome.tier)
    assert outcome.credit is not None
    value = outcome.value if isinstance(outcome.value, Fraction) else None
    return _Reading("met" if outcome.credit == 1 else "short", outcome.credit, value=value)


def _tier_of_text(actual: str) -> _Reading:
    """A qualitative result in words of its own: 未达成 where it says not, 部分达成 where it
    says partly, else 达成 (the result restates the goal)."""
    text = simplified(actual)
    if text in NOT_MET_WORDS or any(w in text for w in ("未", "没有", "不到")):
        return _Reading("tier", tier="未达成", note=f"{actual!r} read as 未达成")
    if any(w in text for w in _PARTIAL_WORDS):
        return _Reading("tier", tier="部分达成", note=f"{actual!r} read as 部分达成")
    return _Reading("tier", tier="达成", note=f"{actual!r} read as 达成 (it restates the goal)")


def _method(rounding: Rounding, base: SelfEvaluation, rate: str | None = None) -> SelfEvaluation:
    """The reviewer's rules (``base``) under one rounding."""
    step, mode = rounding
    return SelfEvaluation(
        rounding=step, rounding_mode=mode, reverse=base.reverse, middle_tier=base.middle_tier,
        bands=base.bands, rate_rounding=rate if rate is not None else base.rate_rounding,
    )  # fmt: skip


def _short_rule(
    indicator: TargetIndicator,
    reading: _Reading,
    rounding: Rounding,
    base: SelfEvaluation,
) -> Fraction:
    assert reading.credit is not None
    weight = to_fraction(indicator.weight)
    method = _method(rounding, base)
    if indicator.parsed.step is not None and reading.value is not None:  # the row's own rule
        points = method.step_points(
            indicator.parsed, reading.value, weight, indicator.direction_read
        )
        return method.rounded(points, weight)
    return method.rounded(weight * reading.credit, weight)


def _best_rounding(
    table: TargetsTable,
    given: Mapping[str, ResultRow],
    readings: Mapping[str, _Reading],
    base: SelfEvaluation,
) -> Rounding:
    """The rounding that reproduces the most short rows' and budget items' 得分."""
    counts = []
    for rounding in ROUNDINGS:
        count = 0
        for indicator in table.indicators():
            reading = readings[indicator.id]
            row = given.get(indicator.id)
            if reading.state != "short" or row is None or is_blank(row.points):
                continue
            count += _short_rule(indicator, reading, rounding, base) == _fraction(row.points)
        for project in table.projects:
            budget = _budget_rule(project, given.get(f"{project.id}.budget"), rounding, base)
            row = given.get(f"{project.id}.budget")
            if budget is not None and row is not None and not is_blank(row.points):
                count += budget == _fraction(row.points)
        counts.append(count)
    return ROUNDINGS[counts.index(max(counts))]


def _row_line(
    project: Project,
    indicator: TargetIndicator,
    row: ResultRow | None,
    reading: _Reading,
    best: Rounding,
    base: SelfEvaluation,
) -> AuditLine:
    weight = None if indicator.weight is None else to_fraction(indicator.weight)
    published = None if row is None or is_blank(row.points) else _fraction(row.points)
    klass, why, rule, rounding = _classify(indicator, reading, published, best, base)
    if reading.note:
        why = f"{why}; {reading.note}" if why else reading.note
    return AuditLine(
        "row", project.id, indicator.id, indicator.name, indicator.target,
        _actual_text(row), weight, published, rule, klass, why, rounding,
    )  # fmt: skip


def _classify(
    indicator: TargetIndicator,
    reading: _Reading,
    published: Fraction | None,
    best: Rounding,
    base: SelfEvaluation,
) -> tuple[str, str, Fraction | None, str | None]:
    """(class, why, the rule's 得分, the rounding that explains it)."""
    if reading.state == "dropped":
        if published is None:
            return "explained", "", None, None
        return "unexplained", "a row that does not apply has a 得分", None, None
    if reading.state in ("missing", "unread"):
        return "unexplained", "", None, None
    if published is None:
        return "unexplained", "no published 得分", None, None
    weight = to_fraction(indicator.weight)  # an unweighted row reads as unread
    if published > weight or published < 0:
        return "unexplained", f"得分 outside 0 to the 分值 {format_number(weight)}", None, None
    if reading.state == "tier":
        return _classify_tier(reading, weight, published, base)
    if reading.state == "met":
        if published == weight:
            return "explained", "met: full 分值", weight, None
        return "deduction-on-met", "met, yet below the full 分值", weight, None
    rule = _short_rule(indicator, reading, best, base)
    if published == rule and rule < weight:
        return "explained", "short: 分值 × actual / target", rule, rounding_name(*best)
    if published == weight:
        return "full-on-unmet", "short of the target, yet the full 分值", rule, None
    for other in sorted(ROUNDINGS, key=lambda r: r[1] != best[1]):  # the table's mode first
        mine = _short_rule(indicator, reading, other, base)
        if mine == published and mine < weight:
            why = f"short: 分值 × actual / target, {rounding_name(*other)} (not as the table)"
            return "explained", why, mine, rounding_name(*other)
    return "unexplained", "no rounding of 分值 × actual / target gives it", rule, None


def _classify_tier(
    reading: _Reading, weight: Fraction, published: Fraction, method: SelfEvaluation
) -> tuple[str, str, Fraction | None, str | None]:
    assert reading.tier is not None
    low, high = {
        "达成": (weight * Fraction(4, 5), weight),
        "部分达成": (weight * method.middle_tier / 100, weight * Fraction(4, 5)),
        "未达成": (Fraction(0), weight * method.middle_tier / 100),
    }[reading.tier]
    inside = low <= published <= high if reading.tier == "达成" else low <= published < high
    rule = method.tier_points(reading.tier, weight)
    shown = f"{reading.tier} ({format_number(low)}–{format_number(high)})"
    if inside:  # the evaluator's 得分 inside the tier is the rule's
        return "explained", f"qualitative: inside the tier {shown}", published, None
    return "outside-tier", f"qualitative: outside the tier {shown}", rule, None


def _budget_rule(
    project: Project,
    row: ResultRow | None,
    rounding: Rounding,
    base: SelfEvaluation,
    rate_rounding: str | None = None,
) -> Fraction | None:
    budget = project.budget
    if budget is None:
        return None
    spent = budget.spent if row is None or is_blank(row.value) else row.value
    if spent is None or is_blank(spent) or budget.planned <= 0:
        return None
    method = _method(rounding, base, rate_rounding)
    outcome = method.budget_points(
        to_fraction(budget.weight), to_fraction(budget.planned), _fraction(spent)
    )
    return outcome.points


def _budget_line(
    project: Project,
    row: ResultRow | None,
    best: Rounding,
    base: SelfEvaluation,
) -> AuditLine | None:
    budget = project.budget
    if budget is None:
        return None
    published = None if row is None or is_blank(row.points) else _fraction(row.points)
    weight = to_fraction(budget.weight)
    name = "预算执行率"
    key = f"{project.id}.budget"
    actual = _actual_text(row) or (
        None if budget.spent is None else format_number(to_fraction(budget.spent))
    )
    if budget.planned <= 0:
        return AuditLine(
            "budget", project.id, key, name, None, actual, weight, published, None,
            "not-applicable", "the planned budget is 0: no execution rate, the item does not apply",
        )  # fmt: skip
    rule = _budget_rule(project, row, best, base)
    if rule is None or published is None:
        why = "no 全年执行数" if rule is None else "no published 得分"
        return AuditLine(
            "budget", project.id, key, name, None, actual, weight, published, rule, "budget", why
        )
    candidates = [(best, None)] + [(r, None) for r in ROUNDINGS] + [(r, "0.1") for r in ROUNDINGS]
    for rounding, rate in candidates:
        mine = _budget_rule(project, row, rounding, base, rate)
        exact = _budget_rule(project, row, (None, "down"), base)
        if mine == published and not (mine == weight and exact != weight):
            # (a shortfall of the budget never rounds up to full marks, as for a row)
            shown = rounding_name(*rounding) + (", the rate to 0.1%" if rate else "")
            return AuditLine(
                "budget", project.id, key, name, None, actual, weight, published, mine,
                "explained", "分值 × execution rate", shown,
            )  # fmt: skip
    return AuditLine(
        "budget", project.id, key, name, None, actual, weight, published, rule, "budget",
        "no rounding of 分值 × execution rate gives it",
    )  # fmt: skip


def _total_line(
    project: Project,
    rows: list[AuditLine],
    budget: AuditLine | None,
    published: Fraction,
    exact_budget: Fraction | None,
    base: SelfEvaluation,
) -> AuditLine:
    """The 总分 against the recomputed total, then against the sums a form may have made."""
    counted = [r for r in rows if not (r.klass == "explained" and r.rule is None)]
    recomputed: Fraction | None = Fraction(0)
    printed: Fraction | None = Fraction(0)
    for line in counted:
        rule = line.published if line.klass == "explained" else line.rule
        recomputed = None if recomputed is None or rule is None else recomputed + rule
        printed = None if printed is None or line.published is None else printed + line.published
    # Rows that drop out re-scale the rest to the rows' 分值, a 年度绩效目标 block to its points.
    kept = sum((r.weight or Fraction(0) for r in counted), Fraction(0))
    whole = sum((r.weight or Fraction(0) for r in rows), Fraction(0))
    scale = (to_fraction(project.block) if project.block is not None else whole) / (kept or 1)
    if kept and scale != 1:
        recomputed = None if recomputed is None else recomputed * scale
        printed = None if printed is None else printed * scale
    applies = budget is not None and budget.klass != "not-applicable"
    rows_only = recomputed
    if applies and budget is not None:
        part = budget.published if budget.klass == "explained" else budget.rule
        recomputed = None if recomputed is None or part is None else recomputed + part
    sums: list[tuple[Fraction | None, str, str]] = [
        (recomputed, "explained", "the sum of the rule's 得分"),
    ]
    if applies and budget is not None:
        sums.append((rows_only, "explained", "the rule's 得分 without the budget item (the form "
                     "counts it apart)"))  # fmt: skip
        with_budget = None if printed is None or budget.published is None else (
            printed + budget.published
        )  # fmt: skip
        sums.append((with_budget, "rows", "the sum of the published 得分: the rows' departures "
                     "make the difference"))  # fmt: skip
        sums.append((printed, "rows", "the sum of the published 得分 without the budget item"))
        if printed is not None and exact_budget is not None:
            for step, mode in ROUNDINGS:
                unrounded = _method((step, mode), base).rounded(
                    printed + exact_budget, to_fraction(project.weight)
                )
                sums.append((unrounded, "rows", "the published 得分 with the budget item "
                             f"unrounded, the sum {rounding_name(step, mode)}"))  # fmt: skip
    else:
        sums.append((printed, "rows", "the sum of the published 得分: the rows' departures "
                     "make the difference"))  # fmt: skip
    klass, why = (
        "arithmetic",
        "not the sum of the published 得分 ({})".format(
            "unknown" if printed is None else format_number(printed)
        ),
    )
    for total, one, reason in sums:
        if total is not None and total == published:
            klass, why = one, reason
            recomputed = total if one == "explained" else recomputed
            break
    return AuditLine(
        "total", project.id, f"{project.id}.total", "总分", None, None,
        to_fraction(project.weight), published, recomputed, klass, why,
    )  # fmt: skip
