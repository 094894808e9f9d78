"""An audit where a reviewer reads it: text, JSON, a frame and an Excel sheet with a notes column.

The Excel sheet is written through [perfscore.outputs][perfscore.outputs] (whole or not at all);
every text cell is stored as text, so a published cell that starts with ``=`` is never a
formula; the ``notes`` column is left empty for the reviewer.

>>> import perfscore
>>> table = perfscore.load_table({
...     "kind": "targets", "name": "example", "department": {"name": "某局"}, "year": 2023,
...     "projects": [{"id": "1", "name": "某项目", "indicators": [
...         {"id": "1.1", "name": "培训人次", "target": "≥500人次", "weight": 60},
...         {"id": "1.2", "name": "满意度", "target": "≥90%", "weight": 40}]}]})
>>> report = perfscore.audit(table, {"1.1": {"value": 450, "points": 54},
...     "1.2": {"value": "95%", "points": 36}})
>>> print(audit_text(report))  # doctest: +NORMALIZE_WHITESPACE
audit of example (options: exact)
id   name      分值  published  rule  difference  class             why
1.1  培训人次  60    54         54    0           explained         short: 分值 × actual / target
1.2  满意度    40    36         40    -4          deduction-on-met  met, yet below the full 分值
rows 2: explained 1, departing 1 (deduction-on-met 1); points at stake 4
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from perfscore.intervals import format_number
from perfscore.outputs import replacing

from ._audit import Audit, AuditLine

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["AUDIT_COLUMNS", "audit_frame", "audit_json", "audit_text", "write_audit"]

#: The columns of an audit's frame and sheet, one line per row, budget item and total.
AUDIT_COLUMNS: Final = (
    "kind", "project", "id", "name", "target", "actual", "weight", "published", "rule",
    "difference", "class", "rounding", "why",
)  # fmt: skip
_TEXT_COLUMNS: Final = ("id", "name", "分值", "published", "rule", "difference", "class", "why")


def _number(value: Fraction | None) -> int | float | None:
    if value is None:
        return None
    return value.numerator if value.denominator == 1 else float(value)


def _shown(value: Fraction | None) -> str:
    return "" if value is None else format_number(_rounded(value))


def _rounded(value: Fraction) -> Fraction:
    """A recomputed 得分 shown to 4 decimals at most (it is exact in the records)."""
    return value if (value * 10_000).denominator == 1 else Fraction(round(value * 10_000), 10_000)


def _record(line: AuditLine) -> dict[str, Any]:
    return {
        "kind": line.kind,
        "project": line.project,
        "id": line.id,
        "name": line.name,
        "target": line.target,
        "actual": line.actual,
        "weight": _number(line.weight),
        "published": _number(line.published),
        "rule": _number(line.rule),
        "difference": _number(line.difference),
        "class": line.klass,
        "rounding": line.rounding,
        "why": line.why,
    }


def _summary_line(report: Audit) -> str:
    summary = report.summary
    departing = sum(summary.departing.values())
    classes = ", ".join(f"{k} {n}" for k, n in summary.departing.items())
    text = (
        f"rows {summary.rows}: explained {summary.explained}, departing {departing}"
        + (f" ({classes})" if classes else "")
        + f"; points at stake {format_number(_rounded(summary.at_stake))}"
    )
    for project, published, recomputed in summary.totals:
        text += (
            f"\ntotal of project {project}: published {_shown(published)}, "
            f"recomputed {_shown(recomputed) or 'unknown'}"
        )
    return text


def audit_text(report: Audit) -> str:
    """The audit as an aligned text table and its summary."""
    from perfscore.views._display import display_width

    rows = [list(_TEXT_COLUMNS)]
    for line in report.lines:
        rows.append(
            [
                line.id, line.name, _shown(line.weight), _shown(line.published),
                _shown(line.rule), _shown(line.difference), line.klass,
                line.why + (f" [{line.rounding}]" if line.rounding and line.kind != "row" else ""),
            ]
        )  # fmt: skip
    widths = [max(display_width(r[c]) for r in rows) for c in range(len(_TEXT_COLUMNS))]
    out = [f"audit of {report.table} (options: {report.options})"]
    for row in rows:
        cells = [c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)]
        out.append("  ".join(cells).rstrip())
    out.append(_summary_line(report))
    return "\n".join(out)


def audit_json(report: Audit) -> str:
    """The audit as JSON: the options, a record per line, and the summary."""
    summary = report.summary
    data = {
        "table": report.table,
        "options": report.options,
        "lines": [_record(line) for line in report.lines],
        "summary": {
            "rows": summary.rows,
            "explained": summary.explained,
            "departing": dict(summary.departing),
            "at_stake": _number(summary.at_stake),
            "totals": [
                {"project": p, "published": _number(a), "recomputed": _number(b)}
                for p, a, b in summary.totals
            ],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def audit_frame(report: Audit) -> pd.DataFrame:
    """The audit as a frame with [AUDIT_COLUMNS][perfscore.auditing.AUDIT_COLUMNS]."""
    import pandas as pd

    return pd.DataFrame([_record(line) for line in report.lines], columns=list(AUDIT_COLUMNS))


def write_audit(report: Audit, path: str | os.PathLike[str]) -> Path:
    """Write the audit as an Excel workbook: a sheet ``audit`` (a line per row with an empty
    ``notes`` column for the reviewer) and a sheet ``summary``."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "audit"
    sheet.append([*AUDIT_COLUMNS, "notes"])
    for line in report.lines:
        record = _record(line)
        sheet.append([record[c] for c in AUDIT_COLUMNS] + [None])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    summary = book.create_sheet("summary")
    summary.append(["options", report.options])
    for text in _summary_line(report).splitlines():
        summary.append([text])
    for row in summary.iter_rows():
        for cell in row:
            cell.data_type = "s"
    target = Path(path)
    with replacing(target) as temporary:
        book.save(temporary)
    return target
