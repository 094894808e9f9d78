"""The scorecard (绩效评分表): every indicator's grade and every node's score, and their views.

>>> import perfscore
>>> card = perfscore.score("zanhuang-hrss-2018", {"1.1.1": "100%", "1.1.2": "92%", "1.2.2": 470})
>>> card.department.score, card.department.grade, card.department.graded
(75.0, <Grade.FAIR: '中'>, 3)
>>> activity = card.duties[0].activities[0]
>>> activity.id, activity.score, str(activity.grade), [str(i.grade) for i in activity.indicators]
('1.1', 90.0, '优', ['优', '良'])
>>> card.to_dict()["duties"][0]["activities"][1]["indicators"][1]
{'id': '1.2.2', 'name': '新增就业人员数量', 'value': 470, 'grade': '中'}
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from . import display
from .errors import PerfscoreError
from .grades import GRADES, Grade
from .methods import Method, get_method
from .outputs import write_output
from .projects import TargetsTable
from .results import ResultsSource, read_results
from .rollup import DEPARTMENT, Node, coverage, roll_up
from .rows import as_any_table, check_weights
from .selfevaluation import SelfEvaluation, names_self_evaluation
from .tables import Table

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from .targetcard import TargetsScorecard

__all__ = [
    "ActivityScore",
    "DepartmentScore",
    "DutyScore",
    "IndicatorScore",
    "NodeScore",
    "Scorecard",
    "Unscored",
    "score",
]


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator: its value (in its unit, or a label), grade, the cell met and its points."""

    id: str
    name: str
    unit: str | None
    value: Fraction | str | None
    grade: Grade | None
    cell: str | None
    points: Fraction | None
    #: The input row the result came from (None for a mapping, or no row).
    row: int | None

    @property
    def number(self) -> int | float | str | None:
        """`value` as JSON has it: a whole number as an int, a label as text."""
        return _plain(self.value)


@dataclass(frozen=True)
class NodeScore:
    """A node's score (unrounded, ``None`` if nothing was scored) and what it was built from."""

    id: str
    name: str
    score: float | None
    exact: Fraction | None
    grade: Grade | None
    graded: int
    total: int
    missing: tuple[str, ...]
    #: How many indicators beneath got each grade.
    counts: Mapping[Grade, int]

    @property
    def coverage(self) -> float:
        """The share of the indicators beneath that have a result (0 to 1)."""
        return coverage(self.graded, self.total)


@dataclass(frozen=True)
class ActivityScore(NodeScore):
    """An activity (工作活动) and its indicators."""

    indicators: tuple[IndicatorScore, ...] = ()


@dataclass(frozen=True)
class DutyScore(NodeScore):
    """A duty (职责) and its activities."""

    activities: tuple[ActivityScore, ...] = ()


@dataclass(frozen=True)
class DepartmentScore(NodeScore):
    """The department (部门) as a whole, for the table's year."""

    year: int = 0


@dataclass(frozen=True)
class Unscored:
    """An input row that could not be scored, and why."""

    row: int | None
    key: str | None
    reason: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The row as it appears in a card's JSON ``"unscored"`` list."""
        return {"row": self.row, "id": self.key, "reason": self.reason, "message": self.message}


@dataclass(frozen=True, repr=False)
class Scorecard:
    """Grades and scores at every level of one table, by one method."""

    table: str
    method: str
    department: DepartmentScore
    duties: tuple[DutyScore, ...]
    unscored: tuple[Unscored, ...] = field(default=())

    def __repr__(self) -> str:
        # The whole card is str() / the HTML view; the repr stays one line, as in a REPL list.
        d = self.department
        score = "no score" if d.exact is None else f"{display.shown_score(d.exact)} {d.grade}"
        unscored = f", {len(self.unscored)} unscored" if self.unscored else ""
        return (
            f"<Scorecard {self.table} by {self.method}: {score}, "
            f"{d.graded} of {d.total} graded{unscored}>"
        )

    @property
    def total(self) -> float | None:
        """The department's score (总分), as for a targets table's scorecard."""
        return self.department.score

    # -- navigation ----------------------------------------------------------------------

    def indicators(self) -> list[IndicatorScore]:
        """Every indicator, in table order."""
        return [i for d in self.duties for a in d.activities for i in a.indicators]

    def activities(self) -> list[ActivityScore]:
        """Every activity, in table order."""
        return [a for d in self.duties for a in d.activities]

    # -- data ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The scorecard as plain data: grades 优/良/中/差, unrounded scores, ``None`` if none.

        When rows were left unscored (``keep_going``), a top-level ``"unscored"`` list gives
        each one's ``row``, ``id``, ``reason`` and ``message``; the other keys keep their shape.
        """
        department = self.department
        data: dict[str, Any] = {
            "department": {
                "name": department.name,
                "year": department.year,
                "score": department.score,
                "grade": _grade(department.grade),
                "graded": department.graded,
                "missing": list(department.missing),
            },
            "duties": [
                {
                    "id": duty.id,
                    "name": duty.name,
                    "score": duty.score,
                    "grade": _grade(duty.grade),
                    "activities": [
                        {
                            "id": activity.id,
                            "name": activity.name,
                            "score": activity.score,
                            "grade": _grade(activity.grade),
                            "indicators": [
                                {
                                    "id": i.id,
                                    "name": i.name,
                                    "value": i.number,
                                    "grade": _grade(i.grade),
                                }
                                for i in activity.indicators
                            ],
                        }
                        for activity in duty.activities
                    ],
                }
                for duty in self.duties
            ],
        }
        if self.unscored:
            data["unscored"] = [u.to_dict() for u in self.unscored]
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """`to_dict` as JSON text (Chinese kept as it is, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator, with its activity's, duty's and the department's scores."""
        import pandas as pd

        return pd.DataFrame(self._records(), columns=list(_COLUMNS))

    def unscored_frame(self) -> pd.DataFrame:
        """The rows left unscored (``keep_going``): ``row``, ``id``, ``reason``, ``message``.

        The companion of `to_frame` and `to_csv`, which keep one row per indicator.
        """
        import pandas as pd

        return pd.DataFrame(
            {
                "row": pd.array([u.row for u in self.unscored], dtype="Int64"),
                "id": pd.Series([u.key for u in self.unscored], dtype=object),
                "reason": pd.Series([u.reason for u in self.unscored], dtype=object),
                "message": pd.Series([u.message for u in self.unscored], dtype=object),
            }
        )

    def summary(self) -> pd.DataFrame:
        """One row per duty: score, grade, graded and total counts, coverage and grade counts."""
        import pandas as pd

        rows = [
            {
                "duty": d.id,
                "name": d.name,
                "score": d.score,
                "grade": _grade(d.grade),
                "graded": d.graded,
                "total": d.total,
                "coverage": d.coverage,
                **{g.value: d.counts[g] for g in GRADES},
                "missing": " ".join(d.missing),
            }
            for d in self.duties
        ]
        return pd.DataFrame(rows)

    def to_csv(self, path: str | Path | None = None) -> str:
        """`to_frame` as CSV text; also written to ``path`` (UTF-8 with a BOM, for Excel)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_COLUMNS)
        for record in self._records():
            writer.writerow(["" if record[c] is None else record[c] for c in _COLUMNS])
        text = out.getvalue()
        if path is not None:
            write_output(path, text, encoding="utf-8-sig")
        return text

    def _records(self) -> list[dict[str, Any]]:
        department = self.department
        return [
            {
                "department_score": department.score,
                "department_grade": _grade(department.grade),
                "duty": d.id,
                "duty_name": d.name,
                "duty_score": d.score,
                "duty_grade": _grade(d.grade),
                "activity": a.id,
                "activity_name": a.name,
                "activity_score": a.score,
                "activity_grade": _grade(a.grade),
                "id": i.id,
                "name": i.name,
                "unit": i.unit,
                "value": i.number,
                "grade": _grade(i.grade),
                "cell": i.cell,
                "points": None if i.points is None else float(i.points),
            }
            for d in self.duties
            for a in d.activities
            for i in a.indicators
        ]

    # -- views ---------------------------------------------------------------------------

    def to_text(self) -> str:
        """A readable table for a terminal: every duty, activity and indicator."""
        return display.text(self)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return display.html_table(self)

    def plot(self, what: str = "duties", *, ax: Axes | None = None) -> Axes:
        """A bar per duty coloured by grade, with band lines; or per indicator (``"indicators"``).

        See [perfscore.plots.plot_scorecard][] (matplotlib: ``pip install "perfscore[plot]"``).
        """
        from .plots import plot_scorecard

        return plot_scorecard(self, what, ax=ax)

    def to_excel(self, path: str | Path) -> Path:
        """Write the card as a workbook, a sheet per level, grades coloured; return the path.

        See [perfscore.workbook.write_scorecard][].
        """
        from .workbook import write_scorecard

        return write_scorecard(self, path)


_COLUMNS = (
    "department_score", "department_grade", "duty", "duty_name", "duty_score", "duty_grade",
    "activity", "activity_name", "activity_score", "activity_grade", "id", "name", "unit",
    "value", "grade", "cell", "points",
)  # fmt: skip


@overload
def score(
    table: Table,
    results: ResultsSource,
    *,
    method: str | Method | None = None,
    weights: Mapping[str, object] | None = None,
    keep_going: bool = False,
) -> Scorecard: ...


@overload
def score(
    table: TargetsTable,
    results: ResultsSource,
    *,
    method: str | SelfEvaluation | None = None,
    weights: None = None,
    keep_going: bool = False,
) -> TargetsScorecard: ...


@overload
def score(
    table: str | Path,
    results: ResultsSource,
    *,
    method: str | Method | SelfEvaluation | None = None,
    weights: Mapping[str, object] | None = None,
    keep_going: bool = False,
) -> Any: ...


def score(
    table: Table | TargetsTable | str | Path,
    results: ResultsSource,
    *,
    method: str | Method | SelfEvaluation | None = None,
    weights: Mapping[str, object] | None = None,
    keep_going: bool = False,
) -> Scorecard | TargetsScorecard:
    """Grade ``results`` against ``table`` and roll them up into a
    [Scorecard][perfscore.scorecard.Scorecard].

    ``table`` is a [Table][perfscore.tables.Table], a table file or a bundled table's name;
    ``results`` a mapping of id (or unique published name) to value, a DataFrame, or a CSV, XLSX or
    JSON file with columns ``id``, ``value`` and optionally ``unit``. ``method`` is a name (see
    `perfscore.methods.METHODS`) or a [Method][perfscore.methods.Method];
    ``weights`` maps duty, activity or indicator ids to weights, over those in the table file.

    Bad rows raise one [ResultsError][perfscore.errors.ResultsError] listing each with its row
    number and id, unless ``keep_going``: then they are listed in
    `Scorecard.unscored` and the rest is scored. A missing
    result is never a zero (see ``docs/scoring.md``).

    A targets table (``kind: targets``) is scored by the self-evaluation method
    (``method="self-evaluation"``, the default for it, or a
    [SelfEvaluation][perfscore.SelfEvaluation]) into a
    [TargetsScorecard][perfscore.targetcard.TargetsScorecard]; see ``docs/targets.md``.
    """
    table = as_any_table(table)
    check_weights(weights)
    if isinstance(table, TargetsTable):
        from .targetcard import score_targets

        if weights is not None:
            raise PerfscoreError("a targets table carries its weights (分值); weights do not apply")
        return score_targets(table, results, method=method, keep_going=keep_going)
    if names_self_evaluation(method):
        raise PerfscoreError(
            f"the self-evaluation method scores targets tables; {table.name} is a ladder table"
        )
    assert not isinstance(method, SelfEvaluation)
    chosen = get_method(method)
    results_read = read_results(results, table)
    if not keep_going:
        results_read.raise_problems()
    points: dict[str, Fraction | None] = {}
    for indicator_id, result in results_read.graded.items():
        try:
            earned = chosen.points(result.indicator, result.grade, result.value)
        except PerfscoreError as error:
            raise error.located(indicator=indicator_id, row=result.row) from None
        points[indicator_id] = earned
    nodes = roll_up(table, chosen, points, weights=weights)

    def counts(ids: list[str]) -> dict[Grade, int]:
        tally = dict.fromkeys(GRADES, 0)
        for indicator_id in ids:
            graded = results_read.graded.get(indicator_id)
            if graded is not None:
                tally[graded.grade] += 1
        return tally

    duties = []
    for duty in table.duties:
        activities = []
        for activity in duty.activities:
            indicators = []
            for indicator in activity.indicators:
                graded = results_read.graded.get(indicator.id)
                indicators.append(
                    IndicatorScore(
                        id=indicator.id,
                        name=indicator.name,
                        unit=indicator.ladder.unit,
                        value=None if graded is None else graded.value,
                        grade=None if graded is None else graded.grade,
                        cell=None if graded is None else graded.cell,
                        points=points.get(indicator.id),
                        row=graded.row
                        if graded is not None
                        else results_read.blank.get(indicator.id),
                    )
                )
            ids = [i.id for i in activity.indicators]
            activities.append(
                ActivityScore(
                    **_node_fields(nodes[activity.id], activity.name, counts(ids)),
                    indicators=tuple(indicators),
                )
            )
        ids = [i.id for a in duty.activities for i in a.indicators]
        duties.append(
            DutyScore(
                **_node_fields(nodes[duty.id], duty.name, counts(ids)),
                activities=tuple(activities),
            )
        )
    department = DepartmentScore(
        **_node_fields(
            nodes[DEPARTMENT], table.department.name, counts([i.id for i in table.indicators()])
        ),
        year=table.year,
    )
    unscored = tuple(
        Unscored(p.where.row, p.where.indicator, p.reason, str(p)) for p in results_read.problems
    )
    return Scorecard(table.name, chosen.name, department, tuple(duties), unscored)


def _node_fields(node: Node, name: str, counts: dict[Grade, int]) -> dict[str, Any]:
    return {
        "id": node.id,
        "name": name,
        "score": None if node.score is None else float(node.score),
        "exact": node.score,
        "grade": node.grade,
        "graded": node.graded,
        "total": node.total,
        "missing": node.missing,
        "counts": counts,
    }


# -- formatting helpers ---------------------------------------------------------------------

_grade = display.grade_text


def _plain(value: Fraction | str | None) -> int | float | str | None:
    if value is None or isinstance(value, str):
        return value
    return value.numerator if value.denominator == 1 else float(value)
