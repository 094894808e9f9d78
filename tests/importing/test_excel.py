"""perfscore.importing._excel: Excel workbooks read into rows as they print."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from perfscore.errors import PerfscoreError
from perfscore.importing import import_table
from perfscore.importing._excel import xlsx_rows
from perfscore.notation._spreadsheets import MAX_RATIO


def test_a_title_merged_across_the_sheet_is_prose(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某县某局 2019 年绩效目标"])
    sheet.merge_cells("A1:D1")
    sheet.append(["职责活动", "绩效指标", "优", "良"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    rows, findings = xlsx_rows(path)
    assert rows == [
        (("某县某局 2019 年绩效目标",), 1, True),
        (("职责活动", "绩效指标", "优", "良"), 2, False),
    ]
    assert findings == []


def _sheet(rows: list[list[Any]]) -> tuple[openpyxl.Workbook, Any]:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    return book, sheet


def test_literal_percent_and_scaled_formats_read_as_printed(tmp_path: Path) -> None:
    book, sheet = _sheet([["绩效指标", "优", "良", "中", "差"], ["完成率", 100, 95, 15000, 0.8]])
    for cell, number_format in (
        ("B2", '0"%"'),
        ("C2", '"≥"0"%"'),
        ("D2", '"≥"0,'),
        ("E2", '"<"0%'),
    ):
        sheet[cell].number_format = number_format
    path = tmp_path / "t.xlsx"
    book.save(path)
    rows, _ = xlsx_rows(path)
    assert rows[1][0] == ("完成率", "100%", "≥95%", "≥15", "<80%")


def test_a_formula_without_a_saved_value_is_named(tmp_path: Path) -> None:
    book, sheet = _sheet(
        [["绩效指标", "优", "良", "中", "差"], ["完成率", "=1+1", "≥90%", "≥80%", "<80%"]]
    )
    sheet.title = "目标表"
    path = tmp_path / "t.xlsx"
    book.save(path)  # openpyxl saves the formula with no value, as a script would
    rows, findings = xlsx_rows(path)
    assert rows[1][0][1] == ""
    (finding,) = findings
    assert finding.kind == "formula"
    assert (finding.where.row, finding.where.column) == (2, "B")
    assert "'目标表'" in finding.action
    assert "B2" in finding.action
    assert "'=1+1'" in finding.action
    assert "no saved value" in finding.action


def test_hidden_sheets_are_not_chosen_and_are_named(tmp_path: Path) -> None:
    book, shown = _sheet([["绩效指标", "优"], ["完成率", "100%"]])
    shown.title = "公开"
    draft = book.create_sheet("草稿", 0)
    draft.append(["绩效指标", "优"])
    draft.append(["草稿指标", "0"])
    draft.sheet_state = "hidden"
    path = tmp_path / "t.xlsx"
    book.save(path)
    rows, findings = xlsx_rows(path)
    assert [r[0] for r in rows] == [("绩效指标", "优"), ("完成率", "100%")]
    assert [(f.kind, f.text) for f in findings] == [("hidden", "草稿")]


def test_every_sheet_hidden_is_an_error(tmp_path: Path) -> None:
    book, _ = _sheet([["绩效指标"]])
    path = tmp_path / "t.xlsx"
    book.save(path)  # openpyxl keeps one sheet visible: hide it in the XML
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'state="visible" r:id', b'state="hidden" r:id'
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(PerfscoreError, match="every sheet of the workbook is hidden"):
        xlsx_rows(path)


def test_hidden_rows_and_columns_are_skipped_each_with_a_finding(tmp_path: Path) -> None:
    book, sheet = _sheet(
        [
            ["绩效指标", "备注", "优", "良"],
            ["完成率", "内部", "100%", "≥90%"],
            ["作废指标", None, "0", "0"],
            ["满意度", "内部", "≥95%", "≥90%"],
        ]
    )
    sheet.column_dimensions["B"].hidden = True
    sheet.row_dimensions[3].hidden = True
    path = tmp_path / "t.xlsx"
    book.save(path)
    rows, findings = xlsx_rows(path)
    assert [r[0] for r in rows] == [
        ("绩效指标", "优", "良"),
        ("完成率", "100%", "≥90%"),
        ("满意度", "≥95%", "≥90%"),
    ]
    kinds = [(f.kind, f.where.row, f.where.column) for f in findings]
    assert kinds == [("hidden", 3, None), ("hidden", None, "B")]
    (row,) = [f for f in findings if f.where.row == 3]
    assert "作废指标" in row.text


def test_max_column_is_asked_once_however_many_merged_ranges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book, sheet = _sheet([["绩效指标", "优", "良"]] + [[f"指标{k}", "", ""] for k in range(200)])
    for k in range(2, 202):
        sheet.merge_cells(f"B{k}:C{k}")
    path = tmp_path / "t.xlsx"
    book.save(path)
    asked = []
    real = Worksheet.max_column

    def counted(self: Worksheet) -> int:
        asked.append(1)
        return real.fget(self)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(Worksheet, "max_column", property(counted))
    rows, _ = xlsx_rows(path)
    assert len(rows) == 201
    assert len(asked) < 10  # not once for each of the 200 merged ranges


def test_a_zip_bomb_is_refused_unopened(tmp_path: Path) -> None:
    book, _ = _sheet([["绩效指标"]])
    path = tmp_path / "t.xlsx"
    book.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.xml", b" " * (MAX_RATIO * 2**14))
    with pytest.raises(PerfscoreError, match="zip bomb"):
        xlsx_rows(path)


def test_an_import_names_every_row_it_did_not_read(tmp_path: Path) -> None:
    book, sheet = _sheet(
        [
            ["某县某局 2019 年部门职责-工作活动绩效目标"],
            ["职责活动", "绩效指标", "评价标准", None, None, None],
            [None, None, "优", "良", "中", "差"],
            ["一、职责", None, None, None, None, None],
            ["1、活动", "完成率", "100%", "≥90%", "≥80%", "<80%"],
            [None, "草稿指标", "100%", "≥90%", "≥80%", "<80%"],
            [None, "满意度", "=A1", "≥90%", "≥80%", "<80%"],
        ]
    )
    sheet.row_dimensions[6].hidden = True
    path = tmp_path / "t.xlsx"
    book.save(path)
    imported = import_table(path)
    assert [i.name for i in imported.table.indicators()] == ["完成率", "满意度"]
    kinds = {f.kind: f for f in imported.findings}
    assert "草稿指标" in kinds["hidden"].text
    assert kinds["formula"].where.row == 7


def test_a_formula_with_its_saved_value_is_read_as_the_value(tmp_path: Path) -> None:
    book, _ = _sheet([["绩效指标", "优"], ["完成率", "=SUM(1,1)"]])
    path = tmp_path / "t.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b"<f>SUM(1,1)</f><v></v>" in sheet or b"<f>SUM(1,1)</f>" in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"<v></v>", b"").replace(
        b"<f>SUM(1,1)</f>", b"<f>SUM(1,1)</f><v>2</v>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    rows, findings = xlsx_rows(path)
    assert rows[1][0] == ("完成率", "2")
    assert findings == []
