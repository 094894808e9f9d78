"""A goal or self-evaluation form, as read, made a targets table file's mapping.

What the form prints is kept; what it leaves to the reader is decided here, each decision a
finding: the money unit (as printed above the table, in a header's （万元） or a budget cell's
own unit), budget cells converted to it (``12万`` under 单位：元 is 120000), the spellings of
指标方向性 and 指标性质, a target and its 权重 run together, thousands separators, a bare
number with no direction. A goal form that prints no 权重 keeps none (scoring gives each
indicator an equal share and says so).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from perfscore.errors import PerfscoreError
from perfscore.notation._targets import parse_target
from perfscore.tables._findings import Severity

from ._findings import ImportFinding, Place
from ._repairs import clean
from ._target_cells import (
    MONEY_IN_HEADER,
    direction_of,
    is_direction,
    money,
    money_unit_of,
    nature_of,
)
from ._target_forms import TargetsAssembly

__all__ = ["targets_mapping"]


def _figure(value: float | None) -> str:
    return "" if value is None else repr(value).removesuffix(".0")


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def targets_mapping(
    assembly: TargetsAssembly,
    meta: dict[str, Any],
    findings: list[ImportFinding],
    validate: Any,
) -> dict[str, Any]:
    """The table file's mapping (``kind: targets``) of what ``assembly`` read.

    Each indicator is validated alone with ``validate`` (a mapping to a table): one whose target
    does not read is left out with a finding; a bare number with no direction is read as the
    table model reads it (正向, or 反向 where the name reads lower-is-better), with a finding; a
    target with thousands separators (``1,200``) is read without them, a reading saying so. A
    goal form that prints no 权重 gets no weights (scoring gives each indicator an equal share),
    each project a finding.
    """
    data = dict(meta)
    data.pop("duties", None)
    data["kind"] = "targets"
    data["money_unit"] = _money_unit(assembly, data.get("money_unit"), findings)
    projects = []
    total = float(data.get("total", 100))
    results: list[dict[str, str]] = []
    for project in assembly.projects:
        project = _budget_of(project, data["money_unit"], findings)
        if "spent" in project.get("budget", {}):
            spent, points = project["budget"]["spent"], project["_budget_points"]
            results.append(
                {
                    "id": f"{project['id']}.budget",
                    "value": _figure(spent),
                    "points": _figure(points),
                }
            )
        results += [r for r in assembly.results if r["id"].startswith(f"{project['id']}.")]
        if _prints_no_weights(assembly):
            _unprinted_weights(project, findings)
        else:
            _unfuse_weights(project["indicators"], total, findings)
        indicators = []
        for indicator in project["indicators"]:
            built = _indicator(indicator, findings, validate)
            if built is not None:
                indicators.append(built)
        if indicators:
            project = {k: v for k, v in project.items() if not k.startswith("_")}
            projects.append({**project, "indicators": indicators})
        elif project["indicators"]:
            findings.append(
                ImportFinding(
                    Place(),
                    project["name"],
                    "a project with no indicator that reads: left out",
                    kind="skipped",
                )
            )
    assembly.results[:] = results
    data["projects"] = projects
    return data


def _money_unit(assembly: TargetsAssembly, read: str | None, findings: list[ImportFinding]) -> str:
    """The money unit as printed: 单位：… above the table, a header's （万元）, a budget
    cell's own unit; 万元 (the model's default) with a finding when none is printed."""
    if read is not None:
        return read
    for row in assembly.before:
        for cell in row.cells:
            if (match := MONEY_IN_HEADER.search(cell)) is not None:
                return match.group(1)
    if "money_unit" in assembly.metadata:
        return assembly.metadata["money_unit"]
    for project in assembly.projects:
        written = money_unit_of(project.get("_budget", {}).get("planned", ""))
        if written is not None:
            return written
    if any(p.get("_budget") for p in assembly.projects):
        findings.append(
            ImportFinding(
                Place(),
                "",
                "no money unit printed (单位：元 or 万元): the budget read in 万元; set "
                "money_unit if it is in 元",
                kind="metadata",
            )
        )
    return "万元"


def _budget_of(project: dict[str, Any], unit: str, findings: list[ImportFinding]) -> dict[str, Any]:
    """The project with its ``budget`` read in the table's money ``unit`` (a cell writing its
    own unit, ``12万``, converted; one that is no sum of money a finding)."""
    texts: dict[str, str] = project.get("_budget") or {}
    figures = {key: money(text, unit) for key, text in texts.items() if text}
    for key, text in texts.items():
        if text and figures.get(key) is None:
            action = f"the budget's {key} is no sum of money: left blank"
            findings.append(
                ImportFinding(Place(), text, action, kind="unplaced", indicator=project["id"])
            )
        elif text and money_unit_of(text) not in (None, unit):
            action = f"read as {_figure(figures[key])} {unit} (the cell writes its own unit)"
            findings.append(
                ImportFinding(Place(), text, action, kind="unit", indicator=project["id"])
            )
    planned = figures.get("planned")
    if planned is None:
        return project
    budget: dict[str, Any] = {"planned": planned}
    if figures.get("spent") is not None:
        budget["spent"] = figures["spent"]
    if figures.get("weight"):
        budget["weight"] = figures["weight"]
    return {**project, "budget": budget, "_budget_points": figures.get("points")}


def _prints_no_weights(assembly: TargetsAssembly) -> bool:
    header = assembly.header
    return header is not None and "weight" not in header.columns


def _unprinted_weights(project: dict[str, Any], findings: list[ImportFinding]) -> None:
    """A form that prints no 权重 / 分值 column (a goal form; a self-evaluation form printing
    only 年度指标值 and 完成值, or 得分 without 分值): the indicators keep none (the table file
    says what the form prints); scoring gives each an equal share, and says so."""
    indicators = [i for i in project["indicators"] if i.get("target")]
    for indicator in indicators:
        indicator["_unweighted"] = True
    if indicators:
        findings.append(
            ImportFinding(
                Place(),
                project["name"],
                f"the form prints no 权重: its {len(indicators)} indicators have none (scoring "
                "gives each an equal share of the total; set them if they differ)",
                kind="default",
                indicator=project["id"],
                severity=Severity.NOTE,
            )
        )


def _unfuse_weights(
    indicators: list[dict[str, Any]], total: float, findings: list[ImportFinding]
) -> None:
    """A target and its 权重 run together in one cell (``210010``: 2100 and 10).

    When one indicator of a project has no weight and a target of digits only, and the other
    indicators' weights leave ``total`` short by a number the target ends with, the target is
    read as what comes before it and the weight as that number (a reading and a finding).
    """
    missing = [i for i in indicators if "weight" not in i]
    if len(missing) != 1:
        return
    (indicator,) = missing
    target = clean(indicator.get("target", ""))
    rest = total - sum(float(i["weight"]) for i in indicators if "weight" in i)
    if not target.isdigit() or rest <= 0 or not rest.is_integer():
        return
    weight = str(int(rest))
    if not target.endswith(weight) or len(target) <= len(weight):
        return
    read = target[: -len(weight)]
    indicator["weight"] = rest
    indicator["readings"] = [
        {
            "field": "target",
            "read_as": read,
            "why": f"The published 指标值 {target!r} runs the target and the 权重 together: the "
            f"other weights leave {weight} of {total:g}, so the target is {read}.",
        }
    ]
    place: Place = indicator["_place"]
    findings.append(
        ImportFinding(
            place,
            target,
            f"target and 权重 run together: read as {read} and "
            f"{weight} (the other weights leave {weight} of {total:g})",
            kind="fused-cells",
            indicator=indicator["id"],
        )
    )


def _indicator(
    indicator: dict[str, Any], findings: list[ImportFinding], validate: Any
) -> dict[str, Any] | None:
    place: Place = indicator.pop("_place")
    subject = indicator["id"]

    def note(text: str, action: str, kind: str, severity: Severity | None = None) -> None:
        finding = ImportFinding(place, text, action, kind=kind, indicator=subject)
        findings.append(finding if severity is None else replace(finding, severity=severity))

    loaded: list[Any] = []

    def check(candidate: dict[str, Any]) -> str | None:
        one = {
            "kind": "targets",
            "name": "x",
            "department": {"name": "x"},
            "year": 2000,
            "projects": [{"id": subject.split(".")[0], "name": "x", "indicators": [candidate]}],
        }
        try:
            loaded[:] = [validate(one)]
        except PerfscoreError as error:
            return error.reason
        return None

    _op_and_direction(indicator, note)
    if not indicator.get("target"):
        note(indicator["name"], "no target (指标值): left out; enter it by hand", "skipped")
        return None
    # a row the copy's end cut before its 分值 imports without it (a finding says so)
    unweighted = indicator.pop("_unweighted", False) | indicator.pop("_cut", False)
    if "weight" not in indicator and not unweighted:
        shown = indicator.pop("_weight", "")
        why = f"分值 {shown!r} is no number" if shown else "no 分值 or 权重"
        note(indicator["name"], f"{why}: left out; enter it by hand", "skipped")
        return None
    indicator.pop("_weight", None)
    target = indicator["target"]
    if _THOUSANDS.search(target) and "readings" not in indicator:
        plain = _THOUSANDS.sub("", target)
        indicator["readings"] = [
            {
                "field": "target",
                "read_as": plain,
                "why": "The thousands separators are read as such.",
            }
        ]
        note(target, f"thousands separators: read as {plain!r}", "fused-cells")
    problem = check(indicator)
    if problem is not None and _own_unit(indicator, check, note):
        problem = None
    if problem is None and loaded:  # the model's reading of a bare target, one rule for all
        inferred = loaded[0].indicators()[0].inferred_direction
        if inferred is not None:
            note(target, inferred, "direction")
    if (
        problem is not None
        and "readings" not in indicator
        and _without_note(indicator, check, note)
    ):
        problem = None
    if problem is not None:
        note(f"{indicator['name']}: {target}", f"left out: {problem}; enter it by hand", "skipped")
        return None
    return indicator


def _own_unit(indicator: dict[str, Any], check: Any, note: Any) -> bool:
    """Whether a 指标值 printing its own unit (``28.8万元``) reads once the 计量单位 column's
    other one (``%``) is set aside: a reader takes the cell's own unit, so it is read so, a
    finding to check which is meant."""
    given = indicator.get("unit")
    try:
        own = parse_target(indicator["target"]).unit
    except PerfscoreError:
        return False
    if not given or own is None:
        return False
    if check({k: v for k, v in indicator.items() if k != "unit"}) is not None:
        check(indicator)  # what was loaded is the indicator's again
        return False
    del indicator["unit"]
    note(
        f"{indicator['target']} | {given}",
        f"the 指标值 prints its own unit ({own}), the 计量单位 column another ({given}): read "
        "in the cell's own unit; check which is meant",
        "unit",
        Severity.WARNING,
    )
    return True


_NOTE_AFTER = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")


def _without_note(indicator: dict[str, Any], check: Any, note: Any) -> bool:
    """Whether a target reads once a note in brackets after it is set aside (``>=98%(百分比)``);
    it is then read so, a reading and a finding to check."""
    target = indicator["target"]
    bare = _NOTE_AFTER.sub("", target)
    if bare == target or not bare:
        return False
    candidate = {
        **indicator,
        "readings": [
            {
                "field": "target",
                "read_as": bare,
                "why": f"The note {target[len(bare) :].strip()!r} after the target is no part "
                "of it.",
            }
        ],
    }
    if check(candidate) is not None:
        return False
    indicator.update(candidate)
    note(target, f"the note in brackets set aside: read as {bare!r}", "cell-note")
    return True


def _op_and_direction(indicator: dict[str, Any], note: Any) -> None:
    """The 指标性质 / 指标值类型 and 指标方向性 cells as the table file writes them: 正向指标,
    越大越好 … read 正向; 定量指标 定量; a direction printed in the 指标性质 column read as one;
    a cell that is neither said and left out (the target's own comparison decides)."""
    op, direction = indicator.pop("_op", ""), indicator.pop("_direction", "")
    if op:
        nature = nature_of(op)
        if nature is None and is_direction(op) and not direction:
            direction = op  # the 指标性质 column of some provinces holds the direction
        elif nature is None:
            note(op, "指标性质 neither 定量/定性 nor a comparison: left out", "direction")
        if nature is not None:
            indicator["op"] = nature
            if nature in ("≥", "≤", "=") and op.strip() != nature:
                # ﹦, >=, 不低于 …: the comparison the target is read with, said
                note(op, f"指标性质 read as {nature}", "direction", Severity.NOTE)
    if direction:
        read = direction_of(direction)
        if read is not None:
            indicator["direction"] = read
            if read != direction:
                note(direction, f"指标方向性 read as {read}", "direction", Severity.NOTE)
        elif not is_direction(direction):
            note(direction, "指标方向性 is neither 正向 nor 反向: left out", "direction")
