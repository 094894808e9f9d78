"""Targets tables in [perfscore.score_frame][perfscore.frames.score_frame]: each table's rows
scored as [perfscore.score][perfscore.cards.score] scores them, gathered into frames with a
``table`` column.

The rows of a results frame that name a targets table are read here (with the row numbers a
spreadsheet shows) and scored table by table through the same function ``score`` uses, so the
figures are the same by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from perfscore.errors import PerfscoreError
from perfscore.scoring._cells import distinct_texts
from perfscore.scoring._records import SELF_EVALUATION_COLUMNS, self_evaluation_records
from perfscore.scoring._rows import ResultColumns
from perfscore.scoring._targets import self_evaluate, self_evaluation
from perfscore.tables._targets_table import TargetsTable

__all__ = ["PROJECT_COLUMNS", "TARGET_COLUMNS", "TargetFrames", "score_target_frames"]

#: The columns of ``FrameScores.targets``: a ``table`` column, then the scorecard's.
TARGET_COLUMNS: Final = ("table", *SELF_EVALUATION_COLUMNS)
#: The columns of ``FrameScores.projects``.
PROJECT_COLUMNS: Final = ("table", "id", "name", "total", "grade", "weight", "missing", "dropped")


@dataclass(frozen=True)
class TargetFrames:
    """The targets tables' rows, projects, and bad rows (each with its row number)."""

    targets: pd.DataFrame
    projects: pd.DataFrame
    problems: list[tuple[int, PerfscoreError, object]]


def score_target_frames(
    tables: Mapping[str, TargetsTable], columns: ResultColumns, method: object
) -> TargetFrames:
    """Score the rows of a results frame that name one of ``tables``, table by table."""
    chosen = self_evaluation(method)
    assert columns.table is not None, "many tables' results name their table"
    codes, names = distinct_texts(columns.table)
    position = {name: k for k, name in enumerate(names)}
    by_table = {
        name: list(columns.rows(codes == position[name])) if name in position else []
        for name in tables
    }
    values = {row.row: row.value for rows in by_table.values() for row in rows}
    records: list[dict[str, Any]] = []
    projects: list[list[Any]] = []
    problems: list[tuple[int, PerfscoreError, object]] = []
    for name, table in tables.items():
        scored = self_evaluate(table, by_table[name], method=chosen, keep_going=True)
        records.extend(
            {"table": name, **record} for record in self_evaluation_records(scored.projects)
        )
        for p in scored.projects:
            projects.append(
                [
                    name, p.id, p.name, p.total, None if p.grade is None else p.grade.value,
                    float(p.weight), " ".join(p.missing), " ".join(p.dropped),
                ]
            )  # fmt: skip
        for unscored in scored.unscored:
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
