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

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfscore.errors import PerfscoreError
from perfscore.grades import GRADES, Grade
from perfscore.outputs import write_output
from perfscore.scoring._methods import Method
from perfscore.scoring._records import (
    ActivityScore,
    DepartmentScore,
    DutyScore,
    IndicatorScore,
    Unscored,
)
from perfscore.scoring._results import Results, ResultsSource, read_results
from perfscore.scoring._rollup import DEPARTMENT, Node, roll_up
from perfscore.tables._models import Activity, Indicator, Table
from perfscore.views import _display as display
from perfscore.views import _plots as plots
from perfscore.views import _report as report
from perfscore.views import _workbook as workbook
from perfscore.views._shown import shown_score

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["Scorecard", "score_ladders"]


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
        score = "no score" if d.exact is None else f"{shown_score(d.exact)} {d.grade}"
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

    def to_csv(self, path: str | Path | None = None, *, raw: bool = False) -> str:
        """`to_frame` as CSV text; also written to ``path`` (UTF-8 with a BOM, for Excel).

        A text a spreadsheet would run as a formula gets a leading apostrophe
        ([csv_safe][perfscore.outputs.csv_safe]) unless ``raw``."""
        text = display.csv_text(_COLUMNS, self._records(), raw=raw)
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
        return display.card_text(self)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return display.card_html(self)

    def to_html(self, path: str | Path | None = None, *, title: str | None = None) -> str:
        """A report to send: one self-contained HTML page (plots, tables, findings), A4 to print.

        Written to ``path`` too when one is given. See [perfscore.views.report_html][]
        (matplotlib: ``pip install "perfscore[plot]"``).
        """
        return report.report_html(self, title=title, path=path)

    def plot(
        self,
        what: str = "duties",
        *,
        ax: Axes | None = None,
        font: str | PathLike[str] | None = None,
    ) -> Axes:
        """A bar per duty coloured by grade, with band lines; or per indicator (``"indicators"``).

        See [perfscore.views.plot_scorecard][] (matplotlib: ``pip install "perfscore[plot]"``).
        """
        return plots.plot_scorecard(self, what, ax=ax, font=font)

    def to_excel(self, path: str | Path, *, frame_columns: bool = False) -> Path:
        """Write the card as a workbook, a sheet per level, grades coloured; return the path.

        Sheets and headers are in Chinese; ``frame_columns=True`` keeps the frames' English
        column names. See [perfscore.views.write_scorecard][].
        """
        return workbook.write_scorecard(self, path, frame_columns=frame_columns)


_COLUMNS = (
    "department_score", "department_grade", "duty", "duty_name", "duty_score", "duty_grade",
    "activity", "activity_name", "activity_score", "activity_grade", "id", "name", "unit",
    "value", "grade", "cell", "points",
)  # fmt: skip


def score_ladders(
    table: Table,
    results: ResultsSource,
    method: Method,
    *,
    weights: Mapping[str, object] | None = None,
    keep_going: bool = False,
) -> Scorecard:
    """Grade ``results`` against a ladder table and roll them up by ``method``: what
    [perfscore.score][perfscore.cards.score] does for a ladder table, its arguments already
    checked."""
    results_read = read_results(results, table)
    if not keep_going:
        results_read.raise_problems()
    points: dict[str, Fraction | None] = {}
    for indicator_id, result in results_read.graded.items():
        try:
            earned = method.points(result.indicator, result.grade, result.value)
        except PerfscoreError as error:
            raise error.located(indicator=indicator_id, row=result.row) from None
        points[indicator_id] = earned
    nodes = roll_up(table, method, points, weights=weights)
    duties = tuple(
        DutyScore(
            **_node_fields(
                nodes[duty.id],
                duty.name,
                _counts(results_read, (i for a in duty.activities for i in a.indicators)),
            ),
            activities=tuple(_activity(a, nodes, results_read, points) for a in duty.activities),
        )
        for duty in table.duties
    )
    everything = _counts(results_read, table.indicators())
    department = DepartmentScore(
        **_node_fields(nodes[DEPARTMENT], table.department.name, everything), year=table.year
    )
    unscored = tuple(
        Unscored(p.where.row, p.where.indicator, p.reason, str(p)) for p in results_read.problems
    )
    return Scorecard(table.name, method.name, department, duties, unscored)


def _activity(
    activity: Activity,
    nodes: Mapping[str, Node],
    results: Results,
    points: Mapping[str, Fraction | None],
) -> ActivityScore:
    indicators = []
    for indicator in activity.indicators:
        graded = results.graded.get(indicator.id)
        indicators.append(
            IndicatorScore(
                id=indicator.id,
                name=indicator.name,
                unit=indicator.ladder.unit,
                value=None if graded is None else graded.value,
                grade=None if graded is None else graded.grade,
                cell=None if graded is None else graded.cell,
                points=points.get(indicator.id),
                row=graded.row if graded is not None else results.blank.get(indicator.id),
            )
        )
    return ActivityScore(
        **_node_fields(nodes[activity.id], activity.name, _counts(results, activity.indicators)),
        indicators=tuple(indicators),
    )


def _counts(results: Results, indicators: Iterable[Indicator]) -> dict[Grade, int]:
    """How many of ``indicators`` got each grade."""
    tally = dict.fromkeys(GRADES, 0)
    for indicator in indicators:
        graded = results.graded.get(indicator.id)
        if graded is not None:
            tally[graded.grade] += 1
    return tally


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


_grade = display.grade_text
