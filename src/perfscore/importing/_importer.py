"""``import_table``: a published table, as text, Excel, Word or PDF, into a perfscore table.

The import reads the source into rows, finds the table's header, assembles duties, activities
and indicators (joining what page breaks split), repairs what extraction damaged, and builds a
validated [Table][perfscore.tables.Table]. Everything it joined, repaired or inferred is a
finding for a person to review; every repair that changes a published text is also a
[Reading][perfscore.tables.Reading] in the table, with its reason.

>>> import perfscore
>>> text = (
...     "某县人社局 2019 年部门职责-工作活动绩效目标\\n"
...     "职责活动\\t年度预算数\\t内容描述\\t绩效目标\\t绩效指标\\t评价标准\\t\\t\\t\\n"
...     "\\t\\t\\t\\t\\t优\\t良\\t中\\t差\\n"
...     "一、促进就业\\t\\t\\t\\t\\t\\t\\t\\t\\n"
...     "1、就业服务\\t\\t\\t\\t就业服务到位率\\t100%\\t≥ 90%\\t≥ 80%\\t<80%\\n"
...     "\\t\\t\\t\\t新增就业人员数量\\t≥500\\t≥480\\t≥460\\t<460\\n"
... )
>>> imported = perfscore.import_table(text, name="example-2019")
>>> imported.table.department.name, imported.table.year, len(imported.table)
('某县人社局', 2019, 2)
>>> [(i.id, i.name, i.unit, i.cells["良"]) for i in imported.table.indicators()]
[('1.1.1', '就业服务到位率', 'percent', '≥90%'), ('1.1.2', '新增就业人员数量', '人', '≥480')]
>>> print(imported.findings[-1])
page 1, row 3, column 绩效指标 (1.1.2): '新增就业人员数量': unit 人, inferred from the \
name (the cells write no unit)
>>> perfscore.load_table(imported.to_dict()) == imported.table
True
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from perfscore.errors import PerfscoreError
from perfscore.ladders._ladder import parse_ladder
from perfscore.tables._files import load_table
from perfscore.tables._findings import Severity
from perfscore.tables._models import Table

from ._findings import ImportFinding, Place, must_act
from ._ladder_forms import (
    GRADE_NAMES,
    LAYOUTS,
    Assembly,
    IndicatorDraft,
    NodeDraft,
    assemble,
)
from ._metadata import Given, MetadataMissing, metadata
from ._repairs import clean, operator_read_as_2, simplify, split_fused, unit_from_name
from ._sources import Source, SourceRow, read_source, read_text
from ._target_file import targets_mapping
from ._target_forms import TargetsAssembly, assemble_targets, find_targets_header

__all__ = ["ImportFailed", "Imported", "import_table"]


@dataclass(eq=False)
class ImportFailed(PerfscoreError):
    """No valid table came out of a source; ``findings`` say what was seen and done."""

    findings: tuple[ImportFinding, ...] = ()

    def details(self) -> str:
        return "\n".join(f"  {finding}" for finding in self.findings)


@dataclass(frozen=True)
class Imported:
    """A table read from a published source, and what a person should review.

    ``table`` is the validated [Table][perfscore.tables.Table] (a
    [TargetsTable][perfscore.tables.TargetsTable] for the targets forms; typed as
    [load_table][perfscore.tables.load_table] types it); ``findings`` every join, repair and
    inference the import made (and every row it could not place), in source order; ``source``
    the file (or ``<text>``) it came from; ``layout`` the layout read.
    """

    table: Table | Any
    findings: list[ImportFinding] = field(default_factory=list)
    source: str = "<text>"
    layout: str = "ladders"
    results: list[dict[str, str]] = field(default_factory=list)
    """For a self-evaluation form: each row's 实际完成值 (``value``) and published 得分
    (``points``) by indicator id, and each project's 全年执行数 as ``<project>.budget``."""

    @property
    def must_act(self) -> list[ImportFinding]:
        """The findings to act on (severity ``error``): a row left out, a value to give."""
        return must_act(self.findings)

    def results_csv(self) -> str:
        """The results as a CSV file ``perfscore score`` reads (columns id, value, points)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["id", "value", "points"])
        for row in self.results:
            writer.writerow([row["id"], row["value"], row["points"]])
        return buffer.getvalue()

    def to_dict(self) -> dict[str, Any]:
        """The table as a table file's mapping (``load_table`` reads it back to ``table``)."""
        data: dict[str, Any] = _pruned(self.table.model_dump(mode="json"))
        return data

    def to_yaml(self) -> str:
        """The table file: published texts verbatim, each repair a reading with its reason,
        and a head comment naming the source and the findings to review."""
        head = [
            f"# Imported by perfscore from {self.source} (layout {self.layout}).",
            f"# {len(self.findings)} findings to review, {len(self.must_act)} of them to act on "
            "(perfscore import",
            "# --all prints them); every repair of a published text is a `readings` entry with "
            "its reason.",
        ]
        body = yaml.safe_dump(
            self.to_dict(), allow_unicode=True, sort_keys=False, width=100, default_flow_style=None
        )
        return "\n".join(head) + "\n" + body


def _pruned(data: Any) -> Any:
    # Keep the file short: leave out empty readings and absent weights, as written by hand.
    if isinstance(data, dict):
        return {
            k: _pruned(v)
            for k, v in data.items()
            if not (k == "readings" and not v) and not (k == "weight" and v is None)
        }
    if isinstance(data, list):
        return [_pruned(v) for v in data]
    return data


def import_table(
    source: str | Path,
    *,
    layout: str = "auto",
    name: str | None = None,
    year: int | None = None,
    department: str | None = None,
) -> Imported:
    """Import a published table from ``source``: a ``.txt``, ``.xlsx``, ``.docx`` or ``.pdf``
    file, or the text itself (a string holding a tab or a line break).

    ``layout`` is ``auto`` (decided from the header), ``ladders``, ``project`` or ``targets``
    (a goal or self-evaluation form); ``name`` the table's name (default: the file name, when
    it is a valid name); ``year`` the budget year and ``department`` the department's name
    (default: as printed: the form's 单位名称, then its 实施单位 in a self-evaluation or its
    主管部门 in a goal form, then the other, then the title; where none is printed the import
    stops, asking for them).

    Raises [ImportFailed][perfscore.importing.ImportFailed] (a
    [PerfscoreError][perfscore.errors.PerfscoreError]) with the findings when no valid table comes
    out.
    """
    if not isinstance(source, str | Path):
        raise TypeError(f"a source is a path or text, not {type(source).__name__}")
    if layout not in LAYOUTS:
        raise PerfscoreError(f"unknown layout {layout!r}; the layouts are {', '.join(LAYOUTS)}")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise TypeError(f"year is an int, not {type(year).__name__}")
    if department is not None and not isinstance(department, str):
        raise TypeError(f"department is a str, not {type(department).__name__}")
    if isinstance(source, str) and ("\n" in source or "\t" in source):
        read = read_text(source)
    else:
        read = read_source(source)
    given = Given(name, year, department)
    return _build(read, layout=layout, given=given, path=source)


def _build(read: Source, *, layout: str, given: Given, path: str | Path) -> Imported:
    findings = list(read.findings)
    assembly = assemble(read.rows, layout) if layout != "targets" else Assembly(None)
    if assembly.header is None and layout in ("auto", "targets"):
        targets = assemble_targets(read.rows)
        if targets.header is not None:
            return _build_targets(read, targets, findings, given=given, path=path)
    findings.extend(assembly.findings)
    if assembly.header is None:
        findings.append(
            ImportFinding(
                Place(),
                read.label,
                "no table header found (绩效指标 with 评价标准 or "
                "优 良 中 差, and 职责活动 or 绩效指标分类)",
                kind="source",
            )
        )
        raise ImportFailed(f"{read.label}: no table found", findings=tuple(findings))
    meta = _metadata(read, assembly.before, given, path, findings)
    duties: list[dict[str, Any]] = []
    project = assembly.header.layout == "project"
    for duty in assembly.duties:
        if project and duty.ordinal is None and meta["title"]:
            duty.name = meta["title"]  # the project the table is for
        activities: list[dict[str, Any]] = []
        for activity in duty.activities:
            indicators = [
                built
                for draft in activity.indicators
                if (built := _indicator(draft, findings)) is not None
            ]
            activities.append({**_node(activity, findings), "indicators": indicators})
        duties.append({**_node(duty, findings, ordinal=True), "activities": activities})
    if not any(a["indicators"] for d in duties for a in d["activities"]):
        raise ImportFailed(f"{read.label}: no indicator could be read", findings=tuple(findings))
    try:
        table = load_table({**meta, "duties": duties})
    except PerfscoreError as error:
        raise ImportFailed(
            f"{read.label}: the table read does not validate: {error}", findings=tuple(findings)
        ) from None
    findings.sort(key=_order)
    return Imported(table, findings, read.label, assembly.header.layout)


def _build_targets(
    read: Source,
    assembly: TargetsAssembly,
    findings: list[ImportFinding],
    *,
    given: Given,
    path: str | Path,
) -> Imported:
    assert assembly.header is not None
    findings.extend(assembly.findings)
    start = len(assembly.before)
    rows = read.rows
    header = next((i for i in range(start, len(rows)) if find_targets_header(rows[i])), start)
    block = rows[start:header]  # the form's labels and their values, above its header
    meta = _metadata(
        read, assembly.before, given, path, findings, assembly.metadata, block, assembly.header.form
    )
    data = targets_mapping(assembly, meta, findings, load_table)
    if not data["projects"]:
        raise ImportFailed(f"{read.label}: no indicator could be read", findings=tuple(findings))
    try:
        table = load_table(data)
    except PerfscoreError as error:
        raise ImportFailed(
            f"{read.label}: the table read does not validate: {error}", findings=tuple(findings)
        ) from None
    findings.sort(key=_order)
    layout = f"targets ({assembly.header.form})"
    return Imported(table, findings, read.label, layout, results=_own_results(table, assembly))


def _metadata(
    read: Source,
    before: list[Any],
    given: Given,
    path: str | Path,
    findings: list[ImportFinding],
    form: dict[str, str] | None = None,
    block: Sequence[SourceRow] = (),
    kind: str | None = None,
) -> dict[str, Any]:
    """The metadata, or ImportFailed naming --year / --department when one is printed nowhere."""
    try:
        return metadata(before, read.label, given, path, findings, form, block, kind)
    except MetadataMissing as missing:
        raise ImportFailed(f"{read.label}: {missing.reason}", findings=tuple(findings)) from None


def _own_results(table: Any, assembly: TargetsAssembly) -> list[dict[str, str]]:
    """The results of the rows the table kept: a left-out row's result would name an id the
    table does not have (its row is a finding already)."""
    ids = {i.id for i in table.indicators()}
    ids |= {f"{p.id}.budget" for p in table.projects if p.budget is not None}
    return [r for r in assembly.results if r["id"] in ids]


def _order(finding: ImportFinding) -> tuple[int, int, int]:
    where = finding.where
    return (where.page or 0, where.row or 0, where.line or 0)


def _budget(text: str, owner: str, findings: list[ImportFinding]) -> float | None:
    text = clean(text).replace(",", "").replace("，", "")
    if not text or text in ("-", "—", "——", "/"):
        return None
    try:
        return float(text)
    except ValueError:
        findings.append(
            ImportFinding(
                Place(),
                text,
                f"年度预算数 of {owner} is not a number; left blank",
                kind="unplaced",
                indicator=owner,
            )
        )
        return None


def _node(
    draft: NodeDraft, findings: list[ImportFinding], *, ordinal: bool = False
) -> dict[str, Any]:
    """The fields a duty and an activity share, as the table file writes them (a duty's
    ordinal, 一 … 十三, after its id)."""
    return {
        "id": draft.id,
        **({"ordinal": draft.ordinal} if ordinal else {}),
        "name": draft.name or "(unnamed)",
        "budget": _budget(draft.budget, draft.id, findings),
        "description": draft.description or None,
        "goal": draft.goal or None,
    }


# -- indicators -----------------------------------------------------------------------------


def _indicator(draft: IndicatorDraft, findings: list[ImportFinding]) -> dict[str, Any] | None:
    place = draft.place
    cells: dict[str, str | None] = {
        g: (c or None) for g, c in zip(GRADE_NAMES, draft.cells, strict=True)
    }
    read: dict[str, str | None] = dict(cells)
    why: dict[str, str] = {}

    def note(
        column: str, text: str, action: str, kind: str, severity: Severity | None = None
    ) -> None:
        finding = ImportFinding(
            Place(page=place.page, row=place.row, column=column, line=place.line),
            text,
            action,
            kind=kind,
            indicator=draft.id,
        )
        findings.append(finding if severity is None else replace(finding, severity=severity))

    _fused(cells, read, why, note)
    name, published, name_why = _name(draft, note)
    _simplified_cells(read, why, note)
    _operator_as_2(read, why, note)
    unit = _unit(name, read, note)
    data: dict[str, Any] = {"id": draft.id, "name": name, "unit": unit, "cells": cells}
    readings: list[dict[str, Any]] = []
    if published is not None and published != name:
        readings.append({"field": "name", "published": published, "why": " ".join(name_why)})
    for grade in GRADE_NAMES:
        if grade in why:
            readings.append({"field": grade, "read_as": read[grade] or "", "why": why[grade]})
    if readings:
        data["readings"] = readings
    reason = _not_a_ladder(data)
    if reason is not None:
        shown = " / ".join(c or "—" for c in cells.values())
        note(
            "评价标准",
            f"{name}: {shown}",
            f"left out: its cells do not make a ladder ({reason}); enter it by hand",
            "skipped",
        )
        return None
    return data


def _name(draft: IndicatorDraft, note: Any) -> tuple[str, str | None, list[str]]:
    """The indicator's name as read, the published one where it differs, and why."""
    name, published, name_why = draft.name, draft.published_name, []
    if draft.repeated:
        name_why.append(
            f"The name cell breaks across a page and the text after the break starts again "
            f"with {draft.repeated!r}, which ends the text before it; the character is kept once."
        )
    simple, changed = simplify(name)
    if changed:
        published = published or name
        name = simple
        name_why.append(f"Traditional characters {changed} read as their simplified forms.")
        note(
            "绩效指标",
            draft.name,
            f"traditional characters {changed} simplified: {simple!r}",
            "traditional",
        )
    return name, published, name_why


def _simplified_cells(read: dict[str, str | None], why: dict[str, str], note: Any) -> None:
    """Grading cells holding numbers in traditional characters (``≥90%以上個``) read in their
    simplified forms, for the grammar; a cell of words only (``有效實施``) is kept as printed,
    since a categorical ladder compares its labels across scripts."""
    for grade in GRADE_NAMES:
        text = read[grade]
        if text is None or not _DIGIT.search(text):
            continue
        simple, changed = simplify(text)
        if changed:
            read[grade] = simple
            why[grade] = f"Traditional characters {changed} read as their simplified forms."
            note(
                f"评价标准 {grade}",
                text,
                f"traditional characters {changed} simplified: {simple!r}",
                "traditional",
            )


def _not_a_ladder(indicator: dict[str, Any]) -> str | None:
    """Why an indicator's cells (and readings) do not load as a ladder; None when they do."""
    activity = {"id": "1.1", "name": "x", "indicators": [{**indicator, "id": "1.1.1"}]}
    table = {"name": "x", "department": {"name": "x"}, "year": 2000,
             "duties": [{"id": "1", "name": "x", "activities": [activity]}]}  # fmt: skip
    try:
        load_table(table)
    except (PerfscoreError, ValidationError) as error:
        return error.reason if isinstance(error, PerfscoreError) else str(error)
    return None


def _fused(
    cells: dict[str, str | None], read: dict[str, str | None], why: dict[str, str], note: Any
) -> None:
    """Spread a cell that holds several cells' values (``100%90%85%85%``) over the blank
    cells after it."""
    grades = list(GRADE_NAMES)
    for index, grade in enumerate(grades):
        text = cells[grade]
        if text is None:
            continue
        blanks = 0
        for later in grades[index + 1 :]:
            if cells[later] is not None:
                break
            blanks += 1
        if blanks == 0:
            continue
        for count in range(blanks + 1, 1, -1):
            parts = split_fused(text, count)
            if parts is None:
                continue
            for offset, part in enumerate(parts):
                target = grades[index + offset]
                read[target] = part
                why[target] = (
                    f"The published cell {grade} {text!r} holds {count} cells' values run "
                    f"together; the {offset + 1}. of them, {part!r}, is this cell's."
                )
            note(
                f"评价标准 {grade}",
                text,
                f"{count} cells run together, split into {' / '.join(parts)}",
                "fused-cells",
            )
            break


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DIGIT = re.compile(r"[0-9０-９]")


def _operator_as_2(read: dict[str, str | None], why: dict[str, str], note: Any) -> None:
    texts = {g: t for g, t in read.items() if t}
    if not any("%" in t for t in texts.values()):
        return
    for grade, text in texts.items():
        fixed = operator_read_as_2(text)
        if fixed is None:
            continue
        others = [float(n) for g, t in texts.items() if g != grade for n in _NUMBER.findall(t)]
        if others and max(others) <= 100:
            read[grade] = fixed
            why[grade] = (
                f"{text!r} is no percentage this ladder can mean (its other cells stay within "
                f"100%): the extraction read ≥ as the digit 2, so it is read as {fixed!r}."
            )
            note(
                f"评价标准 {grade}",
                text,
                f"≥ read as 2 by the extraction: read as {fixed!r}",
                "operator-as-2",
            )


def _unit(name: str, read: dict[str, str | None], note: Any) -> str | None:
    try:
        ladder = parse_ladder(read)
    except PerfscoreError:
        return unit_from_name(name)
    unit = ladder.unit
    if unit is None:
        return None
    if unit != "dimensionless":
        bare = [g for g, t in read.items() if t and not _has_unit(t)]
        extra = f"; cells {' '.join(bare)} write none and are read in it" if bare else ""
        note(
            "评价标准",
            " / ".join(t or "—" for t in read.values()),
            f"unit {unit}, from the cells{extra}",
            "unit",
            Severity.WARNING if bare else None,  # a cell read in a unit it does not write
        )
        return unit
    guessed = unit_from_name(name)
    if guessed is not None:
        note(
            "绩效指标",
            name,
            f"unit {guessed}, inferred from the name (the cells write no unit)",
            "unit",
            Severity.WARNING,
        )
    else:
        note(
            "绩效指标",
            name,
            "no unit in the cells or the name: numbers read as plain "
            "numbers; set unit if they count something",
            "unit",
            Severity.WARNING,
        )
    return guessed


def _has_unit(text: str) -> bool:
    # Digits, comparisons and connectives only: the unit was left off this cell.
    stripped = re.sub(r"[\d.,%\s≥≤<>=＞＜≧≦＝和或且及以上下内至-]", "", text)
    return "%" in text or bool(stripped)
