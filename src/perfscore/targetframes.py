"""Targets tables in [perfscore.score_frame][]: each table's rows scored as
[perfscore.score][] scores them, gathered into frames with a ``table`` column.

The rows of a results frame that name a targets table are read here (with the row numbers a
spreadsheet shows) and scored table by table through the same function ``score`` uses, so the
figures are the same by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from .errors import PerfscoreError
from .projects import TargetsTable
from .rows import ResultRow, cell_text, find_columns
from .selfevaluation import SelfEvaluation
from .targetcard import COLUMNS, score_target_rows, self_evaluation

__all__ = ["PROJECT_COLUMNS", "TARGET_COLUMNS", "TargetFrames", "score_target_frames"]

#: The columns of ``FrameScores.targets``: a ``table`` column, then the scorecard's.
TARGET_COLUMNS: Final = ("table", *COLUMNS)
#: The columns of ``FrameScores.projects``.
PROJECT_COLUMNS: Final = ("table", "id", "name", "total", "grade", "weight", "missing", "dropped")


@dataclass(frozen=True)
class TargetFrames:
    """The targets tables' rows, projects, and bad rows (each with its row number)."""

    targets: pd.DataFrame
    projects: pd.DataFrame
    problems: list[tuple[int, PerfscoreError, object]]


def score_target_frames(
    tables: Mapping[str, TargetsTable], results: pd.DataFrame, method: object
) -> TargetFrames:
    """Score the rows of ``results`` that name one of ``tables``, table by table."""
    chosen: SelfEvaluation = self_evaluation(method)
    # The columns found by the rule every results reader uses (rows.find_columns).
    index = find_columns(list(results.columns), ("table", "id", "value"))
    frame = results.reset_index(drop=True)
    cells = {name: frame.iloc[:, index[name]].tolist() for name in ("table", "id", "value")}
    units = frame.iloc[:, index["unit"]].tolist() if "unit" in index else None
    points_at = index.get("points", index.get("得分"))
    points = frame.iloc[:, points_at].tolist() if points_at is not None else None
    by_table: dict[str, list[ResultRow]] = {name: [] for name in tables}
    values: dict[int, object] = {}
    for r, cell in enumerate(cells["table"]):
        name = cell_text(cell)
        if name is None or name not in tables:
            continue
        value = cells["value"][r]
        values[r + 2] = value
        by_table[name].append(
            ResultRow(
                r + 2,
                cell_text(cells["id"][r]) or "",
                value,
                None if units is None else cell_text(units[r]),
                points=None if points is None else points[r],
            )
        )
    records: list[dict[str, Any]] = []
    projects: list[list[Any]] = []
    problems: list[tuple[int, PerfscoreError, object]] = []
    for name, table in tables.items():
        card = score_target_rows(table, by_table[name], method=chosen, keep_going=True)
        records.extend({"table": name, **record} for record in card.records())
        for p in card.projects:
            projects.append(
                [
                    name, p.id, p.name, p.total, None if p.grade is None else p.grade.value,
                    float(p.weight), " ".join(p.missing), " ".join(p.dropped),
                ]
            )  # fmt: skip
        for unscored in card.unscored:
            error = PerfscoreError(unscored.reason).located(
                row=unscored.row, table=name, indicator=unscored.key
            )
            row = unscored.row if unscored.row is not None else 0
            problems.append((row, error, values.get(row)))
    return TargetFrames(
        pd.DataFrame(records, columns=list(TARGET_COLUMNS)),
        pd.DataFrame(projects, columns=list(PROJECT_COLUMNS)),
        problems,
    )
