"""Ladder tables as one frame, one row per indicator (指标表), to write to CSV or Parquet.

>>> import perfscore
>>> frame = perfscore.indicator_frame(["zanhuang-hrss-2018"])
>>> frame.loc[0, ["table", "duty", "activity", "id", "优", "良", "中", "差", "unit"]].tolist()
['zanhuang-hrss-2018', '1', '1.1', '1.1.1', '100%', '≥90%', '≥80%', '<80%', 'percent']
>>> len(frame), frame["weight"].isna().all()
(68, np.True_)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

import pandas as pd

from perfscore.grades import GRADES
from perfscore.scoring._rows import as_any_table
from perfscore.tables._models import Table
from perfscore.tables._targets_table import TargetsTable

from ._target_rows import TARGET_ROW_COLUMNS

__all__ = ["INDICATOR_COLUMNS", "indicator_frame"]

#: The columns of [indicator_frame][perfscore.frames.indicator_frame], in order.
INDICATOR_COLUMNS: Final = (
    "table", "duty", "activity", "id", "优", "良", "中", "差", "unit", "weight", "name",
    "activity_weight", "duty_weight", "activity_name", "duty_name", "department", "year",
)  # fmt: skip


def indicator_frame(tables: Iterable[Table | TargetsTable | str | Path]) -> pd.DataFrame:
    """Every indicator of ``tables`` as one row: where it sits (``table``, ``duty``,
    ``activity``, ``id``), the cells its ladder is read from (``优`` ``良`` ``中`` ``差``, with
    any reading applied; None for a blank cell), ``unit``, the weights (NaN where the table gives
    none), the names, the department and the year.

    A targets table's indicators come with the columns of
    [TARGET_ROW_COLUMNS][perfscore.frames._target_rows.TARGET_ROW_COLUMNS] after those (its
    project, its levels, ``op``, the ``target`` as read, ``direction``, the budget item, the
    table's ``total`` and ``money_unit``), ``weight`` holding the 分值 and the ladder columns
    blank; the targets columns are there only when a targets table is.

    ``tables`` are [Table][perfscore.tables.Table] and
    [TargetsTable][perfscore.tables.TargetsTable] objects, table files or bundled tables' names.
    """
    if isinstance(tables, Table | TargetsTable | str | Path):
        tables = [tables]
    rows: list[tuple[object, ...]] = []
    targets: list[tuple[object, ...]] = []
    blank = (None,) * len(TARGET_ROW_COLUMNS)
    for source in tables:
        table = as_any_table(source)
        if isinstance(table, TargetsTable):
            for project in table.projects:
                for item in project.indicators:
                    levels = (*item.levels, None, None)[:2]
                    rows.append((
                        table.name, None, None, item.id, None, None, None, None, item.unit,
                        item.weight, item.name, None, None, None, None, table.department.name,
                        table.year,
                    ))  # fmt: skip
                    budget = project.budget
                    targets.append((
                        project.id, project.name, *levels, item.op, item.read_target,
                        item.direction,
                        budget.planned if budget else None, budget.spent if budget else None,
                        budget.weight if budget else None, table.total, table.money_unit,
                        project.block,
                    ))  # fmt: skip
            continue
        for duty in table.duties:
            for activity in duty.activities:
                for indicator in activity.indicators:
                    read = indicator.read_cells
                    rows.append((
                        table.name, duty.id, activity.id, indicator.id,
                        *(read[g] for g in GRADES), indicator.unit, indicator.weight,
                        indicator.name, activity.weight, duty.weight, activity.name, duty.name,
                        table.department.name, table.year,
                    ))  # fmt: skip
                    targets.append(blank)
    frame = pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS))
    for column in ("weight", "activity_weight", "duty_weight"):
        frame[column] = frame[column].astype("float64")
    if any(target != blank for target in targets):
        extra = pd.DataFrame(targets, columns=list(TARGET_ROW_COLUMNS))
        for column in ("budget", "spent", "budget_weight", "total", "block"):
            extra[column] = extra[column].astype("float64")
        frame = pd.concat([frame, extra], axis=1)
    return frame
