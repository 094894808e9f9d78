"""Checking a targets table: ids, names, readings, and the misreadings that load silently.

[perfscore.check_table][perfscore.tables.check_table] calls
[check_targets][perfscore.tables._target_checks.check_targets] for a ``kind: targets`` table;
``perfscore check`` prints the findings.

>>> import perfscore
>>> table = perfscore.load_table({
...     "kind": "targets", "name": "example", "department": {"name": "某局"}, "year": 2023,
...     "projects": [{"id": "1", "name": "某项目", "indicators": [
...         {"id": "1.2", "name": "應保盡保率", "target": "100%", "direction": "正向",
...          "weight": 50},
...         {"id": "1.1", "name": "应保尽保率", "target": "≥95%", "weight": 50}]}]})
>>> for finding in perfscore.check_table(table):
...     print(finding)
error: indicator 1.2 應保盡保率, id (projects[0].indicators[0].id): id '1.2' is out of order: \
in table order it is '1.1'
error: indicator 1.1 应保尽保率, id (projects[0].indicators[1].id): id '1.1' is out of order: \
in table order it is '1.2'
warning: indicator 1.1 应保尽保率, name (projects[0].indicators[1].name): the name \
'应保尽保率' repeats within project 1 (also 1.2)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from perfscore.notation._labels import same_label, simplified

from ._findings import Finding, Severity
from ._misreadings import targets_table_misreadings
from ._targets_table import TargetsTable

__all__ = ["check_targets"]


def check_targets(table: TargetsTable) -> Iterator[Finding]:
    """Every finding about a targets table, in table order."""
    misread: dict[str, list[tuple[str, str]]] = {}
    for path, (field, message) in targets_table_misreadings(table):
        owner = path.removesuffix(f".{field}")
        misread.setdefault(owner, []).append((field, message))
    for p, project in enumerate(table.projects):
        path = f"projects[{p}]"
        for _, message in misread.get(path, []):
            yield Finding(
                Severity.WARNING, message, project.id, project.name, None, path, kind="project"
            )
        first: dict[str, str] = {}
        for i, indicator in enumerate(project.indicators):
            at = f"{path}.indicators[{i}]"

            def finding(
                severity: Severity, field: str, message: str, at: str = at, item: Any = indicator
            ) -> Finding:
                return Finding(
                    severity, message, item.id, item.name, field, f"{at}.{field}", kind="indicator"
                )

            expected = f"{project.id}.{i + 1}"
            if indicator.id != expected:
                yield finding(
                    Severity.ERROR,
                    "id",
                    f"id {indicator.id!r} is out of order: in table order it is {expected!r}",
                )
            key = simplified(indicator.name)
            if key in first:
                yield finding(
                    Severity.WARNING,
                    "name",
                    f"the name {indicator.name!r} repeats within project {project.id} "
                    f"(also {first[key]})",
                )
            first.setdefault(key, indicator.id)
            for r, reading in enumerate(indicator.readings):
                idle = (
                    reading.field == "target"
                    and same_label(reading.read_as or "", indicator.target)
                ) or (
                    reading.field == "name" and same_label(reading.published or "", indicator.name)
                )
                if idle:
                    yield finding(
                        Severity.WARNING,
                        f"readings[{r}]",
                        f"the reading of the {reading.field} repeats it: it changes nothing",
                    )
            if indicator.inferred_direction is not None:
                yield finding(
                    Severity.WARNING,
                    "direction",
                    f"{indicator.target!r}: {indicator.inferred_direction}",
                )
            for field, message in misread.get(at, []):
                yield finding(Severity.WARNING, field, message)
