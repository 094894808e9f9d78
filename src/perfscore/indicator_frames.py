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

from .grades import GRADES
from .rows import as_table
from .tables import Table

__all__ = ["INDICATOR_COLUMNS", "indicator_frame"]

#: The columns of [indicator_frame][perfscore.indicator_frames.indicator_frame], in order.
INDICATOR_COLUMNS: Final = (
    "table", "duty", "activity", "id", "优", "良", "中", "差", "unit", "weight", "name",
    "activity_weight", "duty_weight", "activity_name", "duty_name", "department", "year",
)  # fmt: skip


def indicator_frame(tables: Iterable[Table | str | Path]) -> pd.DataFrame:
    """Every indicator of ladder ``tables`` as one row: where it sits (``table``, ``duty``,
    ``activity``, ``id``), the cells its ladder is read from (``优`` ``良`` ``中`` ``差``, with
    any reading applied; None for a blank cell), ``unit``, the weights (NaN where the table gives
    none), the names, the department and the year.

    ``tables`` are [Table][perfscore.tables.Table] objects, table files or bundled tables' names.
    """
    if isinstance(tables, Table | str | Path):
        tables = [tables]
    rows: list[tuple[object, ...]] = []
    for source in tables:
        table = as_table(source)
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
    frame = pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS))
    for column in ("weight", "activity_weight", "duty_weight"):
        frame[column] = frame[column].astype("float64")
    return frame
