"""Targets tables in an indicator frame: the rows that carry a ``target`` (目标表的行).

An indicator frame ([indicator_frame][perfscore.frames.indicator_frame]) may hold
targets tables beside ladder tables: a row with a ``target`` is a targets table's indicator,
with its project (``project``, ``project_name``, the budget item ``budget``, ``spent``,
``budget_weight``), its levels (``level1``, ``level2``), ``op``, ``direction``, and the columns
both kinds share (``table``, ``id``, ``name``, ``unit``, ``weight`` as 分值, ``department``,
``year``, and ``total`` and ``money_unit`` for the table). Targets tables are scored table by
table, so each is validated as a model, whole; a row the model refuses is reported by row,
table, id and column (in the file ``tables frame``), left out, and the rest validated again.

>>> import perfscore
>>> frame = perfscore.indicator_frame(["examples/targets-invented-2023.yaml"])
>>> frame.loc[0, ["table", "project", "id", "level1", "target"]].tolist()
['targets-invented-2023', '1', '1.1', '产出指标', '≥1,200人次']
>>> frame.loc[1, "target"] = "≥≥95%"
>>> tables, problems = targets_from_frame(frame, target_rows(frame))
>>> len(tables["targets-invented-2023"])
9
>>> [(row, e.where.indicator, e.where.cell) for row, e, _ in problems]
[(3, '1.2', 'target')]
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import ValidationError

from perfscore.errors import PerfscoreError, TableError
from perfscore.scoring._cells import cell_text
from perfscore.tables._files import table_errors
from perfscore.tables._targets_table import TargetsTable

__all__ = ["TARGET_ROW_COLUMNS", "target_rows", "targets_from_frame"]

#: The columns only a targets table's rows use, in the order indicator_frame writes them.
TARGET_ROW_COLUMNS: Final = (
    "project", "project_name", "level1", "level2", "op", "target", "direction", "budget",
    "spent", "budget_weight", "total", "money_unit", "block",
)  # fmt: skip
_FILE: Final = "tables frame"
#: A model's field, under an indicator, a project or the table, and the column it is read from.
_INDICATOR_COLUMN: Final = {
    "id": "id", "levels": "level1", "name": "name", "op": "op", "target": "target",
    "unit": "unit", "weight": "weight", "direction": "direction", "readings": "target",
}  # fmt: skip
_PROJECT_COLUMN: Final = {
    "id": "project", "name": "project_name", "budget": "budget", "budget.planned": "budget",
    "budget.spent": "spent", "budget.weight": "budget_weight", "indicators": "id",
    "block": "block",
}  # fmt: skip
_TABLE_COLUMN: Final = {
    "name": "table", "department": "department", "year": "year", "total": "total",
    "money_unit": "money_unit", "projects": "project",
}  # fmt: skip
_PATH: Final = re.compile(r"^projects\[(\d+)\](?:\.indicators\[(\d+)\])?(?:\.(.*))?$")

Problems = list[tuple[int, PerfscoreError, object]]


def target_rows(frame: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """Where a row of an indicator frame is a targets table's (its ``target`` is not blank)."""
    if "target" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    codes, uniques = pd.factorize(frame["target"], use_na_sentinel=True)
    given = np.array([cell_text(u) is not None for u in uniques] + [False], dtype=bool)
    return given[codes]


def targets_from_frame(
    frame: pd.DataFrame, rows: npt.NDArray[np.bool_]
) -> tuple[dict[str, TargetsTable], Problems]:
    """The targets tables of the ``rows`` of an indicator frame, by name, and the rows refused
    as (row, error, cell), rows numbered as a spreadsheet shows the frame (the header is row 1).

    Tables come in the order they first appear, projects in the order they first appear in their
    table, indicators in row order.
    """
    frame = frame.reset_index(drop=True)
    at = np.flatnonzero(rows)
    used = ("table", "id", "name", "unit", "weight", "department", "year", *TARGET_ROW_COLUMNS)
    columns = {n: frame[n].to_numpy(dtype=object)[at] for n in used if n in frame.columns}
    by_table: dict[str, list[int]] = {}
    problems: Problems = []
    for k, r in enumerate(at.tolist()):
        name = cell_text(columns["table"][k]) if "table" in columns else None
        if name is None:
            error = TableError("a targets row names no table").located(
                file=_FILE, row=r + 2, indicator=_text(columns, "id", k), cell="table"
            )
            problems.append((r + 2, error, None))
            continue
        by_table.setdefault(name, []).append(k)
    tables: dict[str, TargetsTable] = {}
    for name, chosen in by_table.items():
        chosen = _agreeing(name, chosen, columns, at, problems)
        table = _validated(name, chosen, columns, at, problems)
        if table is not None:
            tables[name] = table
    problems.sort(key=lambda problem: problem[0])
    return tables, problems


def _agreeing(
    name: str, chosen: list[int], columns: dict[str, Any], at: npt.NDArray[np.intp],
    problems: Problems,
) -> list[int]:  # fmt: skip
    """The rows ``chosen`` less those whose department or year differs from the first row of the
    table that gives one; those are reported, not ignored."""
    kept = chosen
    for column in ("department", "year"):
        first: tuple[int, object] | None = None
        agreeing = []
        for k in kept:
            value = (
                _text(columns, column, k) if column == "department"
                else _number(columns, column, k)
            )  # fmt: skip
            if first is None and value is not None:
                first = (k, value)
            if value is None or first is None or value == first[1]:
                agreeing.append(k)
                continue
            error = TableError(
                f"table {name}'s {column} is {_shown(first[1])} (row {int(at[first[0]]) + 2}), "
                f"not {_shown(value)}"
            ).located(file=_FILE, row=int(at[k]) + 2, table=name,
                      indicator=_text(columns, "id", k), cell=column)  # fmt: skip
            problems.append((int(at[k]) + 2, error, columns[column][k]))
        kept = agreeing
    return kept


def _shown(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _validated(
    name: str, chosen: list[int], columns: dict[str, Any], at: npt.NDArray[np.intp],
    problems: Problems,
) -> TargetsTable | None:  # fmt: skip
    """The table of the rows ``chosen`` (positions among the targets rows), validated whole;
    the rows a problem is found in are reported and left out, and the rest tried again."""
    while chosen:
        data, where = _mapping(name, chosen, columns)
        try:
            return TargetsTable.model_validate(data)
        except ValidationError as exc:
            dropped: set[int] = set()
            for error in table_errors(exc, _FILE):
                rows, column = _rows_of(error.where.path or "", where, chosen)
                k = rows[0]
                cell = columns[column][k] if column in columns else None
                error.where = dataclasses.replace(error.where, path=None)
                error.located(
                    row=int(at[k]) + 2, table=name, indicator=_text(columns, "id", k), cell=column
                )
                problems.append((int(at[k]) + 2, error, cell))
                dropped.update(rows)
            chosen = [k for k in chosen if k not in dropped]
    return None


def _mapping(
    name: str, chosen: list[int], columns: dict[str, Any]
) -> tuple[dict[str, Any], list[list[int]]]:
    """A targets table file's mapping from the rows ``chosen``, and each project's rows."""
    projects: dict[str, dict[str, Any]] = {}
    rows_of: dict[str, list[int]] = {}
    for k in chosen:
        project_id = _text(columns, "project", k) or ""
        project = projects.get(project_id)
        if project is None:
            project = projects[project_id] = _dropping_none(
                id=project_id,
                name=_text(columns, "project_name", k) or project_id,
                budget=_budget(columns, k),
                block=_number(columns, "block", k),
                indicators=[],
            )
            rows_of[project_id] = []
        levels = [t for t in (_text(columns, "level1", k), _text(columns, "level2", k)) if t]
        key = _text(columns, "id", k) or ""
        project["indicators"].append(
            _dropping_none(
                id=key, levels=levels, name=_text(columns, "name", k) or key,
                op=_text(columns, "op", k), target=_text(columns, "target", k),
                unit=_text(columns, "unit", k), weight=_number(columns, "weight", k),
                direction=_text(columns, "direction", k),
            )
        )  # fmt: skip
        rows_of[project_id].append(k)
    first = chosen[0]
    year = _number(columns, "year", first)
    data = _dropping_none(
        kind="targets",
        name=name,
        department={"name": _text(columns, "department", first) or name},
        year=int(year) if isinstance(year, float) and year.is_integer() else year,
        total=_number(columns, "total", first),
        money_unit=_text(columns, "money_unit", first),
        projects=list(projects.values()),
    )
    return data, list(rows_of.values())


def _rows_of(path: str, projects: list[list[int]], chosen: list[int]) -> tuple[list[int], str]:
    """The rows a field path names (an indicator's, a project's, or all of the table's) and the
    column its field is read from."""
    found = _PATH.match(path)
    if found is None:
        field = path.split(".", 1)[0].split("[", 1)[0]
        return chosen, _TABLE_COLUMN.get(field, "table")
    project, indicator, field = found.groups()
    rows = projects[int(project)]
    if indicator is not None:
        head = (field or "id").split(".", 1)[0].split("[", 1)[0]
        return [rows[int(indicator)]], _INDICATOR_COLUMN.get(head, "id")
    head = (field or "id").split("[", 1)[0]
    return rows, _PROJECT_COLUMN.get(head, _PROJECT_COLUMN.get(head.split(".")[0], "project"))


def _budget(columns: dict[str, Any], k: int) -> dict[str, Any] | None:
    planned = _number(columns, "budget", k)
    if planned is None:
        return None
    return _dropping_none(
        planned=planned, spent=_number(columns, "spent", k),
        weight=_number(columns, "budget_weight", k),
    )  # fmt: skip


def _text(columns: dict[str, Any], name: str, k: int) -> str | None:
    return cell_text(columns[name][k]) if name in columns else None


def _number(columns: dict[str, Any], name: str, k: int) -> Any:
    """A number cell as the model takes it (a float; text and other values as given, for the
    model to refuse); None when blank."""
    if name not in columns:
        return None
    cell = columns[name][k]
    if cell is None or cell is pd.NA or (isinstance(cell, float) and math.isnan(cell)):
        return None
    if isinstance(cell, str):
        if not cell.strip():
            return None
        try:
            return float(cell)
        except ValueError:
            return cell
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float | np.integer | np.floating):
        return float(cell)
    return cell


def _dropping_none(**fields: Any) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}
