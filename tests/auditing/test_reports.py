"""perfscore.auditing._reports: an audit as text, JSON, a frame and an annotatable sheet."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import perfscore
from perfscore.auditing import (
    AUDIT_COLUMNS,
    audit,
    audit_frame,
    audit_json,
    audit_text,
    write_audit,
)
from perfscore.tables import TargetsTable


def _report() -> perfscore.auditing.Audit:
    table = perfscore.load_table(
        {"kind": "targets", "name": "t", "department": {"name": "某局"}, "year": 2023,
         "projects": [{"id": "1", "name": "某项目", "budget": {"planned": 100, "weight": 10},
                       "indicators": [
                           {"id": "1.1", "name": "=SUM(A1)", "target": "≥500人", "weight": 50},
                           {"id": "1.2", "name": "满意度", "target": "≥90%", "weight": 40}]}]}
    )  # fmt: skip
    assert isinstance(table, TargetsTable)
    results = {
        "1.1": {"value": "450人", "points": 45},
        "1.2": {"value": "95%", "points": 36},
        "1.budget": {"value": 100, "points": 10},
        "1.total": {"points": 91},
    }
    return audit(table, results)


def test_the_text_has_every_line_and_the_summary() -> None:
    report = _report()
    text = audit_text(report)
    for line in report.lines:
        assert line.id in text
        assert line.klass in text
    assert "explained 1, departing 1 (deduction-on-met 1); points at stake 4" in text
    assert "total of project 1: published 91, recomputed 95" in text


def test_the_json_and_the_frame_say_the_same() -> None:
    report = _report()
    data = json.loads(audit_json(report))
    frame = audit_frame(report)
    assert list(frame.columns) == list(AUDIT_COLUMNS)
    assert len(data["lines"]) == len(frame) == len(report.lines)
    assert list(frame["class"]) == [line["class"] for line in data["lines"]]
    assert data["summary"]["departing"] == {"deduction-on-met": 1}
    assert data["summary"]["totals"] == [{"project": "1", "published": 91, "recomputed": 95}]


def test_the_sheet_has_a_notes_column_and_text_is_never_a_formula(tmp_path: Path) -> None:
    path = write_audit(_report(), tmp_path / "audit.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["audit"]
    header = [c.value for c in sheet[1]]
    assert header == [*AUDIT_COLUMNS, "notes"]
    names = [row[3].value for row in sheet.iter_rows(min_row=2)]
    assert "=SUM(A1)" in names
    cell = next(row[3] for row in sheet.iter_rows(min_row=2) if row[3].value == "=SUM(A1)")
    assert cell.data_type == "s"
    assert all(row[-1].value is None for row in sheet.iter_rows(min_row=2))
    assert book["summary"]["A1"].value == "options"


def test_the_sheet_is_not_written_over_a_folder(tmp_path: Path) -> None:
    (tmp_path / "audit.xlsx").mkdir()
    with pytest.raises(perfscore.PerfscoreError):
        write_audit(_report(), tmp_path / "audit.xlsx")
