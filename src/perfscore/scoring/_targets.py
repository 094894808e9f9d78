"""Self-evaluation of a targets table's results (绩效自评): every row, budget item and project.

[self_evaluate][perfscore.scoring.self_evaluate] reads each result row against its indicator's
target, scores it by [SelfEvaluation][perfscore.scoring.SelfEvaluation] and adds each project's
rows and budget item into its 总分. It is the one path both front ends take for targets tables:
[perfscore.score][perfscore.cards.score] wraps its records in a
[TargetsScorecard][perfscore.cards.TargetsScorecard],
[perfscore.score_frame][perfscore.frames.score_frame] gathers them into frames. Every input row
ends up scored, dropped (不适用), or reported with its row and id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from perfscore.errors import PerfscoreError, UnknownIndicator
from perfscore.intervals import format_number
from perfscore.notation._exact import is_blank, to_fraction
from perfscore.notation._targets import convert, parse_target, target_unit
from perfscore.tables._targets_table import Project, TargetIndicator, TargetsTable

from ._readers import ResultsSource, read_rows
from ._records import BudgetScore, ProjectScore, RowScore, Unscored
from ._rows import BadResults, ResultRow
from ._selfevaluation import Outcome, SelfEvaluation, names_self_evaluation

__all__ = ["SelfEvaluated", "self_evaluate", "self_evaluation", "target_result_rows"]


@dataclass(frozen=True)
class SelfEvaluated:
    """A targets table's self-evaluation: the method's name, each project's scores, and the
    rows left unscored (with ``keep_going``)."""

    method: str
    projects: tuple[ProjectScore, ...]
    unscored: tuple[Unscored, ...] = ()


def self_evaluation(method: object) -> SelfEvaluation:
    """The self-evaluation method named or given (``None`` is the default)."""
    if method is None:
        return SelfEvaluation()
    if names_self_evaluation(method):
        return method if isinstance(method, SelfEvaluation) else SelfEvaluation()
    shown = method if isinstance(method, str) else getattr(method, "name", type(method).__name__)
    raise PerfscoreError(
        f"a targets table is scored by the self-evaluation method (method='self-evaluation' or "
        f"perfscore.SelfEvaluation(...)), not {shown!r}"
    )


def self_evaluate(
    table: TargetsTable,
    rows: Iterable[ResultRow],
    *,
    method: object = None,
    keep_going: bool = False,
    file: str | None = None,
) -> SelfEvaluated:
    """Score ``rows`` (each with its row number) against a targets table by the self-evaluation
    ``method`` (``None``: the default rules). Bad rows raise one
    [BadResults][perfscore.scoring.BadResults] listing each (located in ``file``), unless
    ``keep_going``: then they are listed in the answer's ``unscored``."""
    chosen = self_evaluation(method)
    label = file
    given: dict[str, ResultRow] = {}
    problems: list[PerfscoreError] = []
    budgets = {f"{p.id}.budget": p for p in table.projects if p.budget is not None}
    keyed: dict[str, list[ResultRow]] = {}
    for row in rows:
        if is_blank(row.key) and is_blank(row.value) and is_blank(row.points):
            continue  # a blank line is layout, not a result
        if row.fault is not None:  # the reader's reason (extra cells, an unsaved formula)
            problems.append(PerfscoreError(row.fault).located(row=row.row, indicator=row.key))
            continue
        try:
            key = row.key if row.key in budgets else table.indicator(row.key).id
        except UnknownIndicator as error:
            problems.append(error.located(row=row.row, indicator=row.key))
            continue
        keyed.setdefault(key, []).append(row)
    for key, repeated in keyed.items():
        if len(repeated) == 1:
            given[key] = repeated[0]
            continue
        # Which of two results is meant cannot be told: both rows are bad, as for ladders.
        listed = ", ".join(str(r.row) for r in repeated if r.row is not None)
        where = f" (rows {listed})" if listed else ""
        for row in repeated:
            problems.append(
                PerfscoreError(f"{key} is given more than once{where}").located(
                    row=row.row, indicator=key
                )
            )
    projects: list[ProjectScore] = []
    for project in table.projects:
        scored: list[RowScore] = []
        share = project.share(table.total)
        for indicator in project.indicators:
            try:
                result = given.get(indicator.id)
                scored.append(_row(chosen, project, indicator, result, table.year, share=share))
            except PerfscoreError as error:
                source = given[indicator.id]
                problems.append(error.located(row=source.row, indicator=indicator.id))
                scored.append(_row(chosen, project, indicator, None, share=share))
        budget = None
        if project.budget is not None:
            try:
                budget = _budget(chosen, table, project, given.get(f"{project.id}.budget"))
            except PerfscoreError as error:
                source = given[f"{project.id}.budget"]
                problems.append(error.located(row=source.row, indicator=f"{project.id}.budget"))
                budget = _budget(chosen, table, project, None)
        projects.append(_project(chosen, project, tuple(scored), budget))
    if problems and not keep_going:
        count = len(problems)
        raise BadResults(
            f"{count} bad result row{'s' if count > 1 else ''}; nothing was scored "
            "(fix them, or keep going to score the rest)",
            problems=tuple(problems),
        ).located(file=label)
    problems.sort(key=lambda p: -1 if p.where.row is None else p.where.row)
    unscored = tuple(Unscored(p.where.row, p.where.indicator, p.reason, str(p)) for p in problems)
    return SelfEvaluated(chosen.name, tuple(projects), unscored)


def target_result_rows(results: ResultsSource) -> list[ResultRow]:
    """The rows of a targets table's results: a mapping's values may be
    ``{"value": ..., "points": ..., "unit": ...}`` (the evaluator's 得分 beside the result); any
    other source is read as [read_rows][perfscore.scoring.read_rows] reads it."""
    if isinstance(results, Mapping):
        out = []
        for key, value in results.items():
            if isinstance(value, Mapping):
                unknown = set(map(str, value)) - {"value", "points", "unit"}
                if unknown:
                    raise PerfscoreError(
                        f"a result is a value or {{'value', 'points', 'unit'}}; "
                        f"{key!r} has {sorted(unknown)}"
                    )
                given = (value.get("value"), value.get("unit"))
                out.append(ResultRow(None, str(key), *given, points=value.get("points")))
            else:
                out.append(ResultRow(None, str(key), value))
        return out
    return list(read_rows(results))


def _row(
    method: SelfEvaluation,
    project: Project,
    indicator: TargetIndicator,
    row: ResultRow | None,
    year: int | None = None,
    *,
    share: Fraction | None = None,
) -> RowScore:
    target = indicator.parsed
    said: tuple[str, ...] = ()
    if indicator.weight is not None:
        weight = to_fraction(indicator.weight)
    else:  # the form prints no 分值: an equal share of what the printed ones leave
        weight = share if share is not None else Fraction(0)
        said = (f"分值 not printed: scored out of {format_number(weight)}, an equal share",)
    direction = indicator.direction_read
    outcome: Outcome | None = None
    if row is not None and not (is_blank(row.value) and is_blank(row.points)):
        value: object = row.value
        if row.unit is not None and not is_blank(value) and not isinstance(value, str):
            value = f"{value}{row.unit}"
        outcome = method.score_row(
            target, weight, value, direction=direction, given=row.points, year=year
        )
    return RowScore(
        project=project.id,
        id=indicator.id,
        name=indicator.name,
        levels=indicator.levels,
        target=indicator.target,
        parsed=target,
        direction=direction,
        weight=weight,
        value=None if outcome is None else outcome.value,
        points=None if outcome is None else outcome.points,
        rule=None if outcome is None else outcome.rule,
        tier=None if outcome is None else outcome.tier,
        state="missing" if outcome is None else outcome.state,
        flags=said + (() if outcome is None else outcome.flags),
        row=None if row is None else row.row,
    )


def _budget(
    method: SelfEvaluation, table: TargetsTable, project: Project, row: ResultRow | None
) -> BudgetScore:
    assert project.budget is not None
    budget = project.budget
    planned = to_fraction(budget.planned)
    weight = to_fraction(budget.weight)
    spent: Fraction | None = None if budget.spent is None else to_fraction(budget.spent)
    if row is not None and not is_blank(row.value):
        spent = _money(row.value, row.unit, table.money_unit)
    if spent is None:
        return BudgetScore(project.id, planned, None, None, weight, None, (), None)
    outcome = method.budget_points(weight, planned, spent)
    points = outcome.points
    flags = outcome.flags
    if outcome.state == "dropped":
        return BudgetScore(
            project.id, planned, spent, None, weight, None, flags,
            None if row is None else row.row, None, applies=False,
        )  # fmt: skip
    if row is not None and not is_blank(row.points):
        given = to_fraction(row.points) if not isinstance(row.points, str) else Fraction(row.points)
        if given != points:
            assert points is not None
            flags += (
                f"得分 {format_number(given)} departs from the rule's {format_number(points)}",
            )
        points = given
    return BudgetScore(
        project.id, planned, spent, outcome.value if isinstance(outcome.value, Fraction) else None,
        weight, points, flags, None if row is None else row.row, outcome.rule,
    )  # fmt: skip


def _money(value: object, unit: str | None, money_unit: str) -> Fraction:
    if isinstance(value, str):
        read = parse_target(value, unit or money_unit)
        if read.value is None or read.written:
            raise PerfscoreError(f"全年执行数 is an amount, not {value!r}")
        return convert(read.value, read.unit, target_unit(money_unit))
    amount = to_fraction(value)
    return convert(
        amount, target_unit(unit) if unit else target_unit(money_unit), target_unit(money_unit)
    )


def _project(
    method: SelfEvaluation, project: Project, rows: tuple[RowScore, ...], budget: BudgetScore | None
) -> ProjectScore:
    applicable = [r for r in rows if r.state != "dropped"]
    scored = [r for r in applicable if r.points is not None]
    row_weight = sum((r.weight for r in rows), Fraction(0))
    kept_weight = sum((r.weight for r in applicable), Fraction(0))
    total: Fraction | None = None
    if scored and kept_weight > 0:
        total = sum((r.points for r in scored if r.points is not None), Fraction(0))
        total *= row_weight / kept_weight
    if project.block is not None:
        # The 年度绩效目标 block: the printed 分值 are scaled into its points (80 beside 20).
        block = to_fraction(project.block)
        total = None if total is None else total * block / row_weight
        row_weight = block
    if budget is not None and method.budget == "add" and not budget.applies:
        # A budget item that does not apply drops out as a row does: the rows weigh its 分值 too.
        if total is not None:
            total *= (row_weight + budget.weight) / row_weight
        row_weight += budget.weight
    elif budget is not None and budget.points is not None and method.budget == "add":
        total = (total or Fraction(0)) + budget.points
    counted = budget is not None and budget.applies and method.budget == "add"
    weight = row_weight + (budget.weight if budget is not None and counted else 0)
    graded = None if total is None else total * 100 / weight
    grade = None if graded is None else method.grade(graded)
    return ProjectScore(
        id=project.id,
        name=project.name,
        rows=rows,
        budget=budget,
        exact=total,
        weight=weight,
        grade=grade,
        graded=graded,
        missing=tuple(r.id for r in rows if r.state == "missing"),
        dropped=tuple(r.id for r in rows if r.state == "dropped"),
    )
