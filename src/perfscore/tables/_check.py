"""Checking a table: every ladder over its whole domain, the ids, the names and the readings.

[check_table][perfscore.tables.check_table] looks at a loaded [Table][perfscore.tables.Table];
[check_file][perfscore.tables.check_file] also reports a file that does not load (bad YAML, an
unknown field, a cell that does not read, a ladder that contradicts itself) as findings, each with
the file and the field path, instead of raising. ``perfscore check`` prints them.

Each ladder is checked over the values its indicator can take: whole numbers from 0 for counted
units (人, 次, 种 …), ``[0, ∞)`` for percent, the real line otherwise. A gap between 499 and 500
people is no gap: no count falls in it.

>>> import perfscore
>>> from perfscore.tables import check_table
>>> check_table(perfscore.load_table("zanhuang-hrss-2018"))
[]
>>> table = perfscore.load_table({
...     "name": "example", "department": {"name": "某局"}, "year": 2018,
...     "duties": [{"id": "1", "name": "职责", "activities": [{"id": "1.1", "name": "活动",
...         "indicators": [{"id": "1.1.1", "name": "培训人数", "unit": "人",
...             "cells": {"优": "≥500人", "良": "≥400人", "中": "≥300人", "差": "<200人"}}]}]}]})
>>> for finding in check_table(table):
...     print(finding)
error: indicator 1.1.1 培训人数, cells (duties[0].activities[0].indicators[0].cells): \
no grade for 200人 (whole numbers without a grade: 200-299)
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from perfscore.errors import PerfscoreError
from perfscore.grades import GRADES
from perfscore.intervals import Interval, IntervalSet, format_number
from perfscore.ladders._ladder import Ladder, normalize_label
from perfscore.notation._exact import whole_range
from perfscore.units import UNIT_SYMBOLS

from ._files import read_table_data, table_errors, table_model
from ._findings import Finding, Severity
from ._misreadings import ladder_misreadings
from ._models import Indicator, Table, field_paths
from ._target_checks import check_targets
from ._targets_table import TargetsTable

__all__ = ["check_file", "check_table"]


# -- a loaded table ------------------------------------------------------------------------


def check_table(table: Table | TargetsTable, *, file: str | None = None) -> list[Finding]:
    """Every finding about ``table``, in table order; empty when the table is sound.

    A targets table is checked for its ids, names and the misreadings of its targets; a ladder
    table for its ids, names and every ladder over its domain, and for the misreadings that
    apply to ladders.
    """
    findings: list[Finding] = []
    if isinstance(table, TargetsTable):
        findings.extend(check_targets(table))
    else:
        findings.extend(_check_ids(table))
        findings.extend(_check_names(table))
        for path, item in field_paths(table):
            if isinstance(item, Indicator):
                findings.extend(_check_indicator(item, path))
                findings.extend(
                    Finding(Severity.WARNING, message, item.id, item.name, field, f"{path}.{field}")
                    for field, message in ladder_misreadings(item.name, item.ladder)
                )
    if file is not None:
        findings = [_with_file(f, file) for f in findings]
    return findings


def _with_file(finding: Finding, file: str) -> Finding:
    return Finding(**{**finding.__dict__, "file": file})


def _check_ids(table: Table) -> Iterator[Finding]:
    """Ids follow the scheme: each under its parent's id, numbered 1, 2, … in table order."""
    seen: dict[str, str] = {}
    for d, duty in enumerate(table.duties):
        yield from _numbered(duty.id, "", d, f"duties[{d}]", duty.name, seen)
        for a, activity in enumerate(duty.activities):
            path = f"duties[{d}].activities[{a}]"
            yield from _numbered(activity.id, duty.id, a, path, activity.name, seen)
            for i, indicator in enumerate(activity.indicators):
                yield from _numbered(
                    indicator.id,
                    activity.id,
                    i,
                    f"{path}.indicators[{i}]",
                    indicator.name,
                    seen,
                )


def _numbered(
    item_id: str, parent: str, index: int, path: str, name: str, seen: dict[str, str]
) -> Iterator[Finding]:
    expected = f"{parent}.{index + 1}" if parent else str(index + 1)

    def finding(message: str) -> Finding:
        return Finding(Severity.ERROR, message, item_id, name, "id", f"{path}.id")

    # load_table already rejects a repeated id; a table built another way is checked again here.
    if item_id in seen:
        yield finding(f"duplicate id {item_id!r}: {seen[item_id]}.id has it already")
        return
    seen[item_id] = path
    head, _, _ = item_id.rpartition(".")
    if head != parent:
        yield finding(f"id {item_id!r} is not under its parent's id {parent!r}")
    elif item_id != expected:
        yield finding(f"id {item_id!r} is out of order: in table order it is {expected!r}")


def _check_names(table: Table) -> Iterator[Finding]:
    """Names do not repeat within an activity (across activities they may: 合格率)."""
    for d, duty in enumerate(table.duties):
        for a, activity in enumerate(duty.activities):
            counts = Counter(normalize_label(i.name) for i in activity.indicators)
            first: dict[str, str] = {}
            for i, indicator in enumerate(activity.indicators):
                key = normalize_label(indicator.name)
                if counts[key] > 1 and key in first:
                    yield Finding(
                        Severity.ERROR,
                        f"the name {indicator.name!r} repeats within activity {activity.id} "
                        f"(also {first[key]})",
                        indicator.id,
                        indicator.name,
                        "name",
                        f"duties[{d}].activities[{a}].indicators[{i}].name",
                    )
                first.setdefault(key, indicator.id)


def _check_indicator(indicator: Indicator, path: str) -> Iterator[Finding]:
    def finding(severity: Severity, field: str, message: str) -> Finding:
        return Finding(severity, message, indicator.id, indicator.name, field, f"{path}.{field}")

    ladder = indicator.ladder
    if not ladder.categorical:
        gap = _first_gap(ladder)
        if gap is not None:
            yield finding(Severity.ERROR, "cells", gap)
        for grade in GRADES:
            if indicator.read_cells[grade] is None or _reachable(ladder, ladder.region(grade)):
                continue
            text = indicator.read_cells[grade]
            yield finding(
                Severity.ERROR,
                f"cells.{grade}",
                f"{text!r} is written but no {_values(ladder)} gets {grade}",
            )
        yield from (finding(Severity.WARNING, "unit", m) for m in _unit_warnings(indicator))
    for r, reading in enumerate(indicator.readings):
        message = _idle_reading(indicator, reading.field, reading.read_as, reading.published)
        if message is not None:
            yield finding(Severity.WARNING, f"readings[{r}]", message)


def _values(ladder: Ladder) -> str:
    if ladder.counted:
        return "whole number"
    return "value from 0" if ladder.unit == "percent" else "value"


def _within(ladder: Ladder, region: IntervalSet) -> IntervalSet:
    return region & ladder.domain()


def _reachable(ladder: Ladder, region: IntervalSet) -> bool:
    inside = _within(ladder, region)
    if not ladder.counted:
        return bool(inside)
    return any(_first_whole(i) is not None for i in inside)


def _first_gap(ladder: Ladder) -> str | None:
    """A message naming the smallest value no grade covers, or None if every value has one."""
    gaps = ladder.gaps()
    symbol = UNIT_SYMBOLS.get(ladder.unit or "", ladder.unit or "")
    if ladder.counted:
        ranges = [r for r in (_whole_range(i) for i in gaps) if r is not None]
        if not ranges:
            return None
        first = ranges[0][0]
        listed = ", ".join(_spell_range(low, high) for low, high in ranges)
        return f"no grade for {first}{symbol} (whole numbers without a grade: {listed})"
    if not gaps:
        return None
    intervals = list(gaps)
    first_gap = intervals[0]
    smallest = (
        f"{format_number(Fraction(first_gap.lower))}{symbol}"
        if first_gap.lower_closed
        else f"values just above {format_number(Fraction(first_gap.lower))}{symbol}"
        if not math.isinf(first_gap.lower)
        else f"values below {format_number(Fraction(first_gap.upper))}{symbol}"
    )
    unit = "" if ladder.unit == "dimensionless" else f" {ladder.unit}"
    return f"no grade for {smallest} (values without a grade: {gaps}{unit})"


def _first_whole(interval: Interval) -> int | None:
    """The smallest count (a whole number from 0) in ``interval``, or None if it holds none."""
    counts = _whole_range(interval)
    return None if counts is None else counts[0]


def _whole_range(interval: Interval) -> tuple[int, float | int] | None:
    """The counts (whole numbers from 0) in ``interval``: the first and the last (inf)."""
    bounds = whole_range(interval)
    if bounds is None:
        return None
    low, high = bounds
    first = max(low if low is not None else 0, 0)
    if high is not None and first > high:
        return None
    return first, math.inf if high is None else high


def _spell_range(low: int, high: float | int) -> str:
    if high == low:
        return str(low)
    return f"{low} and above" if math.isinf(high) else f"{low}-{int(high)}"


#: Words that say an indicator is a rate or share, measured in percent.
_RATE_WORDS = ("率", "比例", "比重", "占比")


def _unit_warnings(indicator: Indicator) -> Iterator[str]:
    unit = indicator.ladder.unit
    if unit == "dimensionless" and indicator.unit is None:
        yield "no unit: the cells' numbers are read as plain numbers"
    name = indicator.name
    if name.endswith(_RATE_WORDS) and unit not in ("percent", "permille", "dimensionless"):
        yield f"the name says a rate ({name}) but the unit is {unit}"


def _idle_reading(
    indicator: Indicator, field: str, read_as: str | None, published: str | None
) -> str | None:
    """Why a reading changes nothing, or None when it does change something.

    A reading that spells out what the notation rules read anyway (``≤1次`` for ``1次`` in a
    lower-is-better ladder) is kept silent: it is there to show a reader the choice.
    """
    if field == "name":
        if published is not None and normalize_label(published) == normalize_label(indicator.name):
            return "the reading of the name records the name itself: it changes nothing"
        return None
    cell = indicator.cells[field]  # type: ignore[index]
    if _same_text(cell, read_as):
        return f"the reading of cell {field} repeats the published cell: it changes nothing"
    return None


def _same_text(a: str | None, b: str | None) -> bool:
    return normalize_label(a or "") == normalize_label(b or "")


# -- a file --------------------------------------------------------------------------------


def check_file(source: str | Path) -> list[Finding]:
    """Every finding about the table file (or bundled table) ``source``; never raises for a
    bad file: a file that does not load is reported as error findings with its field paths.
    """
    try:
        data, label = read_table_data(source)
    except PerfscoreError as error:
        return [_from_error(error, str(source), {})]
    try:
        table = table_model(data).model_validate(data)
    except ValidationError as exc:
        found = [_from_error(e, label, data) for e in table_errors(exc, label)]
        if data.get("kind") == "targets":  # ids <project>.<n> name indicators, not activities
            found = [
                dataclasses.replace(f, kind="indicator" if "." in f.indicator else "project")
                if f.indicator is not None
                else f
                for f in found
            ]
        return found
    except PerfscoreError as error:
        # A table file of an unknown kind, or a validator's own error.
        return [_from_error(error, label, data)]
    findings = check_table(table, file=label)
    stem = Path(source).stem
    if stem != table.name:
        # A table is named by its file: a copy saved under another name would be scored and
        # reported under the old one.
        findings.insert(
            0,
            Finding(
                Severity.ERROR,
                f"the table is named {table.name!r} but its file {stem!r}: a table's name is "
                "its file name without the suffix",
                field="name",
                path="name",
                file=label,
            ),
        )
    return findings


def _from_error(error: PerfscoreError, label: str, data: Any) -> Finding:
    where = error.where
    path = where.path
    indicator, name, field = _subject(data, path)
    message = error.reason
    extra = error.details()
    if extra:
        message = f"{message}\n{extra}"
    return Finding(
        Severity.ERROR,
        message,
        indicator=where.indicator or indicator,
        name=name,
        field=field,
        path=path,
        file=where.file or label,
    )


def _subject(data: Any, path: str | None) -> tuple[str | None, str | None, str | None]:
    """The id and name of the innermost duty, activity or indicator at ``path`` in the raw
    data, and the field within it."""
    if not path:
        return None, None, None
    node: Any = data
    found: tuple[str | None, str | None, str | None] = (None, None, path)
    parts = path.replace("[", ".[").split(".")
    for at, part in enumerate(parts):
        try:
            node = node[int(part[1:-1])] if part.startswith("[") else node[part]
        except (KeyError, IndexError, TypeError, ValueError):
            break
        if isinstance(node, dict) and part.startswith("[") and "id" in node:
            rest = ".".join(parts[at + 1 :]).replace(".[", "[") or None
            item_id, item_name = node.get("id"), node.get("name")
            found = (
                None if item_id is None else str(item_id),
                item_name if isinstance(item_name, str) else None,
                rest,
            )
    return found
