"""The self-evaluation scorecard (绩效自评表) of a targets table, and its views.

[score_targets][perfscore.targetcard.score_targets] (what [perfscore.score][] calls for a
``kind: targets`` table) reads each result against its indicator's target, scores it by
[SelfEvaluation][perfscore.SelfEvaluation] and adds each project's rows and budget item into its
总分. Every input row ends up scored, dropped (不适用), or reported with its row and id.

>>> import perfscore
>>> table = perfscore.load_table({
...     "kind": "targets", "name": "example", "department": {"name": "某局"}, "year": 2023,
...     "projects": [{"id": "1", "name": "某项目", "budget": {"planned": 120, "weight": 10},
...         "indicators": [
...             {"id": "1.1", "name": "培训人次", "target": "≥1,200人次", "weight": 50},
...             {"id": "1.2", "name": "投诉率", "target": "≤3%", "weight": 20},
...             {"id": "1.3", "name": "就业能力", "op": "定性", "target": "明显提高",
...              "weight": 20}]}]})
>>> card = perfscore.score(table, {"1.1": 1150, "1.2": "4%", "1.3": "部分达成",
...     "1.budget": 114}, method=perfscore.SelfEvaluation(rounding="0.01"))
>>> [(row.id, row.score) for row in card.rows()]
[('1.1', 47.92), ('1.2', 13.33), ('1.3', 12.0)]
>>> card.projects[0].budget.points, card.total
(Fraction(19, 2), 82.75)
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from .errors import PerfscoreError, UnknownIndicator, printable
from .exact import is_blank
from .intervals import format_number
from .methods import exact
from .outputs import write_output
from .projects import Project, TargetIndicator, TargetsTable
from .readers import ResultsSource, read_rows
from .rows import BadResults, ResultRow
from .scorecard import Unscored
from .selfevaluation import Outcome, SelfEvaluation
from .targets import target_unit, unit_symbol
from .targetscores import BudgetScore, ProjectScore, RowScore

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "BudgetScore",
    "ProjectScore",
    "RowScore",
    "TargetsScorecard",
    "score_target_rows",
    "score_targets",
    "self_evaluation",
]

#: The columns of [TargetsScorecard.to_frame][perfscore.targetcard.TargetsScorecard.to_frame].
COLUMNS: Final = (
    "project", "project_name", "id", "level1", "level2", "name", "target", "unit", "direction",
    "value", "weight", "score", "rule_score", "shortfall", "tier", "state", "flags", "row",
)  # fmt: skip
BUDGET_NAME: Final = "预算执行率"


@dataclass(frozen=True, repr=False)
class TargetsScorecard:
    """A targets table's self-evaluation: per project, per indicator, and the 总分."""

    table: str
    method: str
    projects: tuple[ProjectScore, ...]
    unscored: tuple[Unscored, ...] = field(default=())

    @property
    def exact(self) -> Fraction | None:
        """总分: a project's total, or the mean of the projects' totals (exact)."""
        totals = [p.exact for p in self.projects if p.exact is not None]
        return sum(totals, Fraction(0)) / len(totals) if totals else None

    @property
    def total(self) -> float | None:
        """总分 as a float; with several projects, the mean of their totals."""
        return None if self.exact is None else float(self.exact)

    def rows(self) -> list[RowScore]:
        """Every indicator row, in table order."""
        return [r for p in self.projects for r in p.rows]

    def __repr__(self) -> str:
        total = "no score" if self.exact is None else format_number(_shown(self.exact))
        return f"<TargetsScorecard {self.table} by {self.method}: {total}>"

    # -- data --------------------------------------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        """The rows of [to_frame][perfscore.targetcard.TargetsScorecard.to_frame], as dicts."""
        records: list[dict[str, Any]] = []
        for project in self.projects:
            for r in project.rows:
                records.append(
                    {
                        "project": project.id,
                        "project_name": project.name,
                        "id": r.id,
                        "level1": r.levels[0] if r.levels else None,
                        "level2": r.levels[1] if len(r.levels) > 1 else None,
                        "name": r.name,
                        "target": r.target,
                        "unit": r.parsed.unit,
                        "direction": r.direction,
                        "value": _plain(r.value),
                        "weight": float(r.weight),
                        "score": r.score,
                        "rule_score": None if r.rule is None else float(r.rule),
                        "shortfall": None if r.shortfall is None else float(r.shortfall),
                        "tier": r.tier,
                        "state": r.state,
                        "flags": "; ".join(r.flags) or None,
                        "row": r.row,
                    }
                )
            b = project.budget
            if b is not None:
                records.append(
                    {
                        "project": project.id,
                        "project_name": project.name,
                        "id": f"{project.id}.budget",
                        "level1": None,
                        "level2": None,
                        "name": BUDGET_NAME,
                        "target": "100%",
                        "unit": "percent",
                        "direction": "正向",
                        "value": None if b.rate is None else float(b.rate),
                        "weight": float(b.weight),
                        "score": None if b.points is None else float(b.points),
                        "rule_score": None if b.points is None else float(b.points),
                        "shortfall": None if b.points is None else float(b.weight - b.points),
                        "tier": None,
                        "state": "missing" if b.points is None else "budget",
                        "flags": "; ".join(b.flags) or None,
                        "row": b.row,
                    }
                )
        return records

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator (and one per budget item, id ``<project>.budget``), with
        ``project``, ``id``, ``name``, ``target``, ``value``, ``weight`` (分值), ``score`` (得分)
        and the rule's score, shortfall, tier, state and flags."""
        import pandas as pd

        return pd.DataFrame(self.records(), columns=list(COLUMNS))

    def to_dict(self) -> dict[str, Any]:
        """The scorecard as plain data: projects with their totals, rows and budget item."""
        records = self.records()
        data: dict[str, Any] = {
            "table": self.table,
            "method": self.method,
            "total": self.total,
            "projects": [
                {
                    "id": p.id,
                    "name": p.name,
                    "total": p.total,
                    "grade": None if p.grade is None else p.grade.value,
                    "weight": float(p.weight),
                    "missing": list(p.missing),
                    "dropped": list(p.dropped),
                    "rows": [r for r in records if r["project"] == p.id],
                }
                for p in self.projects
            ],
        }
        if self.unscored:
            data["unscored"] = [u.to_dict() for u in self.unscored]
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """[to_dict][perfscore.targetcard.TargetsScorecard.to_dict] as JSON text (Chinese kept
        as it is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self, path: str | Path | None = None) -> str:
        """[to_frame][perfscore.targetcard.TargetsScorecard.to_frame] as CSV text; also written
        to ``path`` (UTF-8 with a BOM, for Excel)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for record in self.records():
            writer.writerow(["" if record[c] is None else record[c] for c in COLUMNS])
        text = out.getvalue()
        if path is not None:
            write_output(path, text, encoding="utf-8-sig")
        return text

    # -- views -------------------------------------------------------------------------------

    def to_text(self) -> str:
        """A readable table for a terminal: per project, each row's target, actual, 分值, 得分."""
        lines: list[str] = []
        for p in self.projects:
            total = "—" if p.exact is None else format_number(_shown(p.exact))
            grade = "" if p.grade is None else f" {p.grade.value}"
            lines.append(f"{p.id} {p.name}: 总分 {total}{grade} of {format_number(p.weight)}")
            for r in p.rows:
                lines.append(
                    f"  {r.id:<8} {r.name}  目标 {r.target}  实际 {_text(r.value, r.parsed.unit)}  "
                    f"分值 {format_number(r.weight)}  得分 {_points(r.points)}{_flags(r.flags)}"
                )
            if p.budget is not None:
                b = p.budget
                rate = "—" if b.rate is None else f"{format_number(_shown(b.rate))}%"
                lines.append(
                    f"  {p.id + '.budget':<8} {BUDGET_NAME}  实际 {rate}  "
                    f"分值 {format_number(b.weight)}  得分 {_points(b.points)}{_flags(b.flags)}"
                )
            if p.missing:
                lines.append(f"  no result: {' '.join(p.missing)}")
        if len(self.projects) > 1 and self.exact is not None:
            lines.append(f"总分 (mean of the projects): {format_number(_shown(self.exact))}")
        for unscored in self.unscored:
            lines.append(f"unscored: {unscored.message}")
        return printable("\n".join(lines), keep="\n")  # names and targets come from files

    def __str__(self) -> str:
        return self.to_text()

    def plot(self, what: str = "projects", *, ax: Axes | None = None) -> Axes:
        """A bar per project (总分 out of 100, by grade); or 得分 within 分值 per indicator.

        See [perfscore.plots.plot_scorecard][] (matplotlib: ``pip install "perfscore[plot]"``).
        """
        from .plots import plot_scorecard

        return plot_scorecard(self, what, ax=ax)

    def to_excel(self, path: str | Path) -> Path:
        """Write the self-evaluation form (自评表) and the card's frames as a workbook.

        See [perfscore.workbook.write_targets_scorecard][].
        """
        from .workbook import write_targets_scorecard

        return write_targets_scorecard(self, path)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape('' if r[c] is None else str(r[c]))}</td>" for c in COLUMNS)
            + "</tr>"
            for r in self.records()
        )
        total = "" if self.exact is None else format_number(_shown(self.exact))
        return (
            f"<p>{html.escape(self.table)} ({html.escape(self.method)}): 总分 {total}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


def _shown(x: Fraction) -> Fraction:
    """Two decimals, rounded down, for display (the exact figure is in the data)."""
    return Fraction(int(x * 100) if x >= 0 else -int(-x * 100), 100)


def _plain(value: Fraction | str | None) -> int | float | str | None:
    if value is None or isinstance(value, str):
        return value
    return value.numerator if value.denominator == 1 else float(value)


def _text(value: Fraction | str | None, unit: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{format_number(value)}{unit_symbol(unit)}"


def _points(points: Fraction | None) -> str:
    return "—" if points is None else format_number(_shown(points))


def _flags(flags: tuple[str, ...]) -> str:
    return f"  ⚑ {'; '.join(flags)}" if flags else ""


# -- scoring ----------------------------------------------------------------------------------


def self_evaluation(method: object) -> SelfEvaluation:
    """The self-evaluation method named or given (``None`` is the default)."""
    if method is None:
        return SelfEvaluation()
    if isinstance(method, SelfEvaluation):
        return method
    if isinstance(method, str) and method.strip() in ("self-evaluation", "自评"):
        return SelfEvaluation()
    shown = method if isinstance(method, str) else getattr(method, "name", type(method).__name__)
    raise PerfscoreError(
        f"a targets table is scored by the self-evaluation method (method='self-evaluation' or "
        f"perfscore.SelfEvaluation(...)), not {shown!r}"
    )


def score_targets(
    table: TargetsTable,
    results: ResultsSource,
    *,
    method: object = None,
    keep_going: bool = False,
) -> TargetsScorecard:
    """Score ``results`` against a targets table by the self-evaluation method.

    ``results`` maps ids (or unique names) to results, or to ``{"value": ..., "points": ...}``
    with the evaluator's 得分; or is a DataFrame or CSV / XLSX / JSON file with columns ``id``,
    ``value`` and optionally ``unit`` and ``points`` (得分). ``<project>.budget`` gives a
    project's 全年执行数 in the table's ``money_unit``. Bad rows raise one
    [ResultsError][perfscore.ResultsError] listing each, unless ``keep_going``.
    """
    label = str(results) if isinstance(results, str | Path) else None
    return score_target_rows(
        table, _rows(results), method=method, keep_going=keep_going, file=label
    )


def score_target_rows(
    table: TargetsTable,
    rows: Iterable[ResultRow],
    *,
    method: object = None,
    keep_going: bool = False,
    file: str | None = None,
) -> TargetsScorecard:
    """[score_targets][perfscore.targetcard.score_targets] for rows already read (each with
    its row number), as [perfscore.score_frame][] passes them."""
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
        for indicator in project.indicators:
            try:
                scored.append(_row(chosen, project, indicator, given.get(indicator.id), table.year))
            except PerfscoreError as error:
                source = given[indicator.id]
                problems.append(error.located(row=source.row, indicator=indicator.id))
                scored.append(_row(chosen, project, indicator, None))
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
    return TargetsScorecard(table.name, chosen.name, tuple(projects), unscored)


def _rows(results: ResultsSource) -> list[ResultRow]:
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
) -> RowScore:
    target = indicator.parsed
    weight = exact(indicator.weight)
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
        flags=() if outcome is None else outcome.flags,
        row=None if row is None else row.row,
    )


def _budget(
    method: SelfEvaluation, table: TargetsTable, project: Project, row: ResultRow | None
) -> BudgetScore:
    assert project.budget is not None
    budget = project.budget
    planned = exact(budget.planned)
    weight = exact(budget.weight)
    spent: Fraction | None = None if budget.spent is None else exact(budget.spent)
    if row is not None and not is_blank(row.value):
        spent = _money(row.value, row.unit, table.money_unit)
    if spent is None:
        return BudgetScore(project.id, planned, None, None, weight, None, (), None)
    outcome = method.budget_points(weight, planned, spent)
    points = outcome.points
    flags = outcome.flags
    if row is not None and not is_blank(row.points):
        given = exact(row.points) if not isinstance(row.points, str) else Fraction(row.points)
        if given != points:
            assert points is not None
            flags += (
                f"得分 {format_number(given)} departs from the rule's {format_number(points)}",
            )
        points = given
    return BudgetScore(
        project.id, planned, spent, outcome.value if isinstance(outcome.value, Fraction) else None,
        weight, points, flags, None if row is None else row.row,
    )  # fmt: skip


def _money(value: object, unit: str | None, money_unit: str) -> Fraction:
    from .targets import convert, parse_target

    if isinstance(value, str):
        read = parse_target(value, unit or money_unit)
        if read.value is None or read.written:
            raise PerfscoreError(f"全年执行数 is an amount, not {value!r}")
        return convert(read.value, read.unit, target_unit(money_unit))
    amount = exact(value)
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
    if budget is not None and budget.points is not None and method.budget == "add":
        total = (total or Fraction(0)) + budget.points
    weight = row_weight + (budget.weight if budget is not None and method.budget == "add" else 0)
    grade = None if total is None else method.grade(total * 100 / weight)
    return ProjectScore(
        id=project.id,
        name=project.name,
        rows=rows,
        budget=budget,
        exact=total,
        weight=weight,
        grade=grade,
        missing=tuple(r.id for r in rows if r.state == "missing"),
        dropped=tuple(r.id for r in rows if r.state == "dropped"),
    )
