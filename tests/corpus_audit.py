"""The real self-evaluation tables of tests/corpus audited: each table and its published results
built from its hand transcription (expected.yaml, not through the importer), audited, and the
audit's classes set beside the hand-written ones.

Run as a script it prints the per-table figures::

    python -m tests.corpus_audit
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import perfscore
from perfscore.auditing import Audit, audit
from perfscore.tables import TargetIndicator, TargetsTable

CORPUS = Path(__file__).resolve().parent / "corpus"
_DIRECTIONS = {"正向指标": "正向", "正向": "正向", "反向指标": "反向", "反向": "反向"}


@dataclass
class Built:
    """A corpus table built for the audit: the table, its results, and what could not be built."""

    slug: str
    expected: dict[str, Any]
    table: TargetsTable | None
    results: dict[str, Any]
    totals: dict[str, object]
    #: (project id, row number from 1 in the project, indicator id or None, hand row)
    rows: list[tuple[str, int, str | None, dict[str, Any]]] = field(default_factory=list)
    #: the ids of rows whose target the notation cannot read, kept as text (定性)
    as_text: list[str] = field(default_factory=list)
    #: hand rows that are not in the table, with why
    left_out: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def self_evaluations() -> list[Path]:
    """The corpus folders that hold a self-evaluation table."""
    found = []
    for folder in sorted(CORPUS.iterdir()):
        path = folder / "expected.yaml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if data.get("form") == "self-evaluation":
                found.append(folder)
    return found


def _indicator(row: dict[str, Any], ident: str, at: int) -> dict[str, Any]:
    levels = [x for x in (row.get("level1"), row.get("level2")) if x]
    indicator: dict[str, Any] = {
        "id": ident,
        "levels": levels,
        "name": row.get("name") or f"(unnamed row {at})",
        "target": str(row["target"]),
    }
    if row.get("weight") is not None:  # a form printing no 分值 leaves its rows without one
        indicator["weight"] = float(row["weight"])
    direction = _DIRECTIONS.get(str(row.get("direction") or "").strip())
    if direction is not None:
        indicator["direction"] = direction
    return indicator


def build(folder: Path) -> Built:
    """The table and results of one corpus folder."""
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    built = Built(folder.name, expected, None, {}, {})
    projects = []
    for p, project in enumerate(expected["projects"], start=1):
        pid = str(p)
        indicators: list[dict[str, Any]] = []
        for at, row in enumerate(project["rows"], start=1):
            if row.get("target") in (None, ""):
                built.left_out.append((row, "no target printed"))
                built.rows.append((pid, at, None, row))
                continue
            candidate = _indicator(row, f"{pid}.{len(indicators) + 1}", at)
            try:
                TargetIndicator.model_validate(candidate)
            except ValueError:
                # A target the notation cannot read is kept as its text (定性): a result that
                # repeats it meets it, as a reviewer reads it; any other result is not read.
                candidate["op"] = "定性"
                built.as_text.append(candidate["id"])
            indicators.append(candidate)
            built.rows.append((pid, at, candidate["id"], row))
            built.results[candidate["id"]] = {
                "value": row.get("actual"),
                "points": row.get("score"),
            }
        if not indicators:
            continue
        entry: dict[str, Any] = {
            "id": pid, "name": project.get("name") or expected.get("title") or "部门整体",
            "indicators": indicators,
        }  # fmt: skip
        budget = project.get("budget")
        if budget and budget.get("weight") is not None and budget.get("planned") is not None:
            entry["budget"] = {
                "planned": float(budget["planned"]),
                "weight": float(budget["weight"]),
            }
            built.results[f"{pid}.budget"] = {
                "value": budget.get("spent"), "points": budget.get("score"),
            }  # fmt: skip
        projects.append(entry)
    if not projects:
        return built
    total = expected.get("total")
    if total and total.get("score") is not None and len(projects) == 1:
        built.totals["1"] = total["score"]
    table = perfscore.load_table(
        {
            "kind": "targets",
            "name": folder.name,
            "department": {"name": expected.get("department") or "(not printed)"},
            "year": expected.get("year") or 2000,
            "money_unit": expected.get("money_unit") or "万元",
            "source": expected["source"],
            "projects": projects,
        }
    )
    assert isinstance(table, TargetsTable)
    built.table = table
    return built


def run(built: Built) -> Audit | None:
    """The audit of a built table (``None`` when no row of it could be built)."""
    if built.table is None:
        return None
    return audit(built.table, built.results, totals=built.totals)


def figures(built: Built, report: Audit | None) -> str:
    """One table's figures: rows, explained, departing by class, left out, budget and totals."""
    if report is None:
        return f"{built.slug}: rows {len(built.rows)}, none could be built: {built.left_out[0][1]}"
    summary = report.summary
    departing = ", ".join(f"{k} {n}" for k, n in sorted(summary.departing.items())) or "none"
    budget = [line for line in report.lines if line.kind == "budget"]
    totals = [line for line in report.lines if line.kind == "total"]
    text = (
        f"{built.slug}: rows {summary.rows + len(built.left_out)}, audited {summary.rows}, "
        f"explained {summary.explained}, departing {departing}; left out {len(built.left_out)}, "
        f"target read as text {len(built.as_text)}; "
        f"options {report.options}"
    )
    for line in budget:
        text += f"; budget {line.klass}"
    for line in totals:
        text += f"; total published {line.published} recomputed {line.rule} ({line.klass})"
    return text


def comparison(built: Built, report: Audit | None) -> list[tuple[str, str, str, str]]:
    """(id, hand class, audit class, why) for every row the two class differently."""
    by_id = {} if report is None else {line.id: line for line in report.rows}
    out = []
    for _, at, ident, row in built.rows:
        hand = row.get("expected_class")
        if ident is None:
            if hand == "explained":
                out.append((f"row {at}", hand, "left out", "not in the table"))
            continue
        line = by_id[ident]
        if line.klass != hand:
            out.append((f"row {at}", str(hand), line.klass, f"{row.get('name')}: {line.why}"))
    return out


def main() -> None:
    """Print every table's figures and the rows the audit and the hand class differently."""
    totals: Counter[str] = Counter()
    for folder in self_evaluations():
        built = build(folder)
        report = run(built)
        print(figures(built, report))
        totals["tables"] += 1
        if report is not None:
            totals["rows"] += report.summary.rows
            totals["explained"] += report.summary.explained
        for ident, hand, mine, why in comparison(built, report):
            print(f"    {ident}: hand {hand}, audit {mine}: {why}")
    print(dict(totals))


if __name__ == "__main__":
    main()
