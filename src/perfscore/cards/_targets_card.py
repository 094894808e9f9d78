"""The self-evaluation scorecard (绩效自评表) of a targets table, and its views.

[score_targets][perfscore.cards.score_targets] (what [perfscore.score][perfscore.cards.score]
calls for a ``kind: targets`` table) reads the results, scores them by
[self_evaluate][perfscore.scoring.self_evaluate] and holds the records in a
[TargetsScorecard][perfscore.cards.TargetsScorecard]: per project, per indicator, and the 总分.

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

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfscore.outputs import write_output
from perfscore.scoring._readers import ResultsSource
from perfscore.scoring._records import (
    SELF_EVALUATION_COLUMNS,
    ProjectScore,
    RowScore,
    Unscored,
    self_evaluation_records,
)
from perfscore.scoring._rows import ResultRow
from perfscore.scoring._targets import self_evaluate, target_result_rows
from perfscore.tables._targets_table import TargetsTable
from perfscore.views import _display as display
from perfscore.views import _plots as plots
from perfscore.views import _report as report
from perfscore.views import _workbook as workbook

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["TargetsScorecard", "score_target_rows", "score_targets"]


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
        return f"<TargetsScorecard {self.table} by {self.method}: {display.total_text(self)}>"

    # -- data --------------------------------------------------------------------------------

    def records(self) -> list[dict[str, Any]]:
        """The rows of [to_frame][perfscore.cards.TargetsScorecard.to_frame], as dicts."""
        return self_evaluation_records(self.projects)

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator (and one per budget item, id ``<project>.budget``), with
        ``project``, ``id``, ``name``, ``target``, ``value``, ``weight`` (分值), ``score`` (得分)
        and the rule's score, shortfall, tier, state and flags."""
        import pandas as pd

        return pd.DataFrame(self.records(), columns=list(SELF_EVALUATION_COLUMNS))

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
        """[to_dict][perfscore.cards.TargetsScorecard.to_dict] as JSON text (Chinese kept
        as it is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_csv(self, path: str | Path | None = None, *, raw: bool = False) -> str:
        """[to_frame][perfscore.cards.TargetsScorecard.to_frame] as CSV text; also written
        to ``path`` (UTF-8 with a BOM, for Excel).

        A text a spreadsheet would run as a formula gets a leading apostrophe
        ([csv_safe][perfscore.outputs.csv_safe]) unless ``raw``."""
        text = display.csv_text(SELF_EVALUATION_COLUMNS, self.records(), raw=raw)
        if path is not None:
            write_output(path, text, encoding="utf-8-sig")
        return text

    # -- views -------------------------------------------------------------------------------

    def to_text(self) -> str:
        """A readable table for a terminal: per project, each row's target, actual, 分值, 得分."""
        return display.targets_text(self)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return display.targets_html(self)

    def to_html(self, path: str | Path | None = None, *, title: str | None = None) -> str:
        """A report to send: one self-contained HTML page (plots, tables, findings), A4 to print.

        Written to ``path`` too when one is given. See [perfscore.views.report_html][]
        (matplotlib: ``pip install "perfscore[plot]"``).
        """
        return report.report_html(self, title=title, path=path)

    def plot(
        self,
        what: str = "projects",
        *,
        ax: Axes | None = None,
        font: str | PathLike[str] | None = None,
    ) -> Axes:
        """A bar per project (总分 out of 100, by grade); or 得分 within 分值 per indicator.

        See [perfscore.views.plot_scorecard][] (matplotlib: ``pip install "perfscore[plot]"``).
        """
        return plots.plot_scorecard(self, what, ax=ax, font=font)

    def to_excel(self, path: str | Path, *, frame_columns: bool = False) -> Path:
        """Write the self-evaluation form (自评表) and the card's frames as a workbook.

        Sheets and headers are in Chinese; ``frame_columns=True`` keeps the frames' English
        column names. See [perfscore.views.write_targets_scorecard][].
        """
        return workbook.write_targets_scorecard(self, path, frame_columns=frame_columns)


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
    [ResultsError][perfscore.errors.ResultsError] listing each, unless ``keep_going``.
    """
    label = str(results) if isinstance(results, str | Path) else None
    return score_target_rows(
        table, target_result_rows(results), method=method, keep_going=keep_going, file=label
    )


def score_target_rows(
    table: TargetsTable,
    rows: Iterable[ResultRow],
    *,
    method: object = None,
    keep_going: bool = False,
    file: str | None = None,
) -> TargetsScorecard:
    """[score_targets][perfscore.cards.score_targets] for rows already read (each with its row
    number), through [self_evaluate][perfscore.scoring.self_evaluate]."""
    scored = self_evaluate(table, rows, method=method, keep_going=keep_going, file=file)
    return TargetsScorecard(table.name, scored.method, scored.projects, scored.unscored)
