"""perfscore.importing._sources: published tables read into rows
from Excel, Word, PDF and text."""

from __future__ import annotations

import builtins
import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import perfscore
from perfscore.importing import export_table, import_table
from perfscore.importing._sources import read_source, read_text

HEADER = [
    ["职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准", None, None, None],
    [None, None, None, None, None, "优", "良", "中", "差"],
]


def workbook(rows: list[list[Any]], formats: dict[str, str] | None = None) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某县某局 2019 年部门职责-工作活动绩效目标"])
    sheet.merge_cells("A1:I1")
    for row in (*HEADER, *rows):
        sheet.append(row)
    sheet.merge_cells("F2:I2")
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    return book


def test_xlsx_numbers_as_they_print_and_merged_cells(tmp_path: Path) -> None:
    book = workbook(
        [
            ["一、职责", 1234.5, "职责描述", None, None, None, None, None, None],
            ["1、活动", None, "活动描述", "目标", "到位率", 1, 0.9, 0.8, "<80%"],
            [None, None, None, None, "培训人数", 1000, 950, 900, "<900"],
            ["2、下一活动", None, None, None, "完成率", "100%", "≥90%", "≥80%", "<80%"],
        ],
        {"F5": "0%", "G5": "0%", "H5": "0.0%", "B4": "#,##0.00"},
    )
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("A5:A6")  # the activity's name over both its indicators' rows
    sheet.merge_cells("C5:C6")
    path = tmp_path / "example.xlsx"
    book.save(path)
    imported = import_table(path)
    table = imported.table
    assert [(i.id, i.name) for i in table.indicators()] == [
        ("1.1.1", "到位率"),
        ("1.1.2", "培训人数"),
        ("1.2.1", "完成率"),
    ]
    assert table.indicator("1.1.1").cells == {
        "优": "100%",
        "良": "90%",
        "中": "80.0%",
        "差": "<80%",
    }
    assert table.indicator("1.1.2").cells == {"优": "1000", "良": "950", "中": "900", "差": "<900"}
    assert table.duties[0].budget == 1234.5
    assert table.activities()[0].description == "活动描述"
    assert (table.department.name, table.year) == ("某县某局", 2019)


def test_xlsx_a_title_in_an_unmerged_cell(tmp_path: Path) -> None:
    book = workbook(
        [
            ["一、职责", None, None, None, None, None, None, None, None],
            ["1、活动", None, None, None, "完成率", "100%", "≥90%", "≥80%", "<80%"],
        ]
    )
    sheet = book.active
    assert sheet is not None
    sheet.unmerge_cells("A1:I1")
    path = tmp_path / "example.xlsx"
    book.save(path)
    table = import_table(path).table
    assert (table.department.name, table.year, len(table)) == ("某县某局", 2019, 1)


def test_xlsx_the_sheet_that_holds_the_table(tmp_path: Path) -> None:
    book = workbook(
        [
            ["一、职责", None, None, None, None, None, None, None, None],
            ["1、活动", None, None, None, "完成率", "100%", "≥90%", "≥80%", "<80%"],
        ]
    )
    cover = book.create_sheet("封面", 0)
    cover.append(["2019 年部门预算公开"])
    path = tmp_path / "example.xlsx"
    book.save(path)
    assert len(import_table(path).table) == 1


def test_xlsx_a_date_is_given_back_as_the_text_it_was_typed_as(tmp_path: Path) -> None:
    book = workbook(
        [
            ["一、职责", None, None, None, None, None, None, None, None],
            [
                "1、活动",
                None,
                None,
                None,
                "培训次数",
                "≥3次",
                datetime.datetime(2019, 1, 2),
                None,
                "0",
            ],
        ]
    )
    path = tmp_path / "example.xlsx"
    book.save(path)
    imported = import_table(path)
    assert imported.table.indicator("1.1.1").cells["良"] == "1-2"
    (date,) = [f for f in imported.findings if f.kind == "date"]
    assert (date.where.row, date.where.column) == (5, "G")
    assert "'1-2'" in date.action


def test_docx_vertically_merged_cells_are_one_cell(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("某县某局 2019 年部门职责-工作活动绩效目标")
    rows = [
        ["职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准", "", "", ""],
        ["", "", "", "", "", "优", "良", "中", "差"],
        ["一、职责", "", "职责描述", "", "", "", "", "", ""],
        ["1、活动", "", "活动描述", "目标", "到位率", "100%", "≥90%", "≥80%", "<80%"],
        ["", "", "", "", "完成率", "≥95%", "≥90%", "≥80%", "<80%"],
    ]
    grid = document.add_table(rows=len(rows), cols=9)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    for column in range(4):
        grid.cell(3, column).merge(grid.cell(4, column))
    path = tmp_path / "example.docx"
    document.save(str(path))
    source = read_source(path)
    merged = [row.cells for row in source.rows if not row.prose][4]
    assert merged[:5] == ("", "", "", "", "完成率")  # not the activity's texts again
    table = import_table(path).table
    assert [(i.id, i.name) for i in table.indicators()] == [
        ("1.1.1", "到位率"),
        ("1.1.2", "完成率"),
    ]
    assert table.activities()[0].description == "活动描述"


def test_pdf_pages_repeat_the_header(tmp_path: Path) -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    path = tmp_path / "zanhuang-hrss-2018.pdf"
    export_table(table, "pdf", path)
    source = read_source(path)
    pages = {row.page for row in source.rows}
    assert len(pages) > 3
    headers = [row for row in source.rows if row.cells[:1] == ("职责活动",)]
    assert len(headers) == len(pages)  # one on every page, each recognised and skipped
    imported = import_table(path)
    assert len(imported.table) == 68
    assert imported.findings
    assert all(f.kind == "unit" for f in imported.findings)


def test_pdf_cells_wrapped_over_lines_are_joined(tmp_path: Path) -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    path = tmp_path / "zanhuang-hrss-2018.pdf"
    export_table(table, "pdf", path)
    long = table.activities()[2].description
    assert long is not None
    assert len(long) > 40  # wraps in its 55 mm column
    assert import_table(path).table.activities()[2].description == long


@pytest.mark.parametrize(
    ("suffix", "advice"), [(".doc", ".docx"), (".wps", ".docx"), (".et", ".xlsx")]
)
def test_old_binary_formats_say_how_to_convert(tmp_path: Path, suffix: str, advice: str) -> None:
    path = tmp_path / f"table{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    said = rf"table\{suffix} is an old .* save it as \{advice}.*"
    said += rf"`soffice --headless --convert-to {advice[1:]} table\{suffix}`"
    with pytest.raises(perfscore.PerfscoreError, match=said):
        import_table(path)


def test_a_missing_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    path = tmp_path / "t.docx"
    export_table(table, "docx", path)
    real = builtins.__import__

    def no_docx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "docx" or name.startswith("docx."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    monkeypatch.delitem(__import__("sys").modules, "docx", raising=False)
    with pytest.raises(perfscore.PerfscoreError, match=r'pip install "perfscore\[import\]"'):
        import_table(path)


def test_damaged_files_are_errors_not_tracebacks(tmp_path: Path) -> None:
    for suffix in (".xlsx", ".docx", ".pdf"):
        path = tmp_path / f"broken{suffix}"
        path.write_bytes(b"PK\x03\x04 not really" if suffix != ".pdf" else b"%PDF-1.4 broken")
        with pytest.raises(perfscore.PerfscoreError):
            import_table(path)


def test_text_in_gb18030(tmp_path: Path) -> None:
    text = export_table(perfscore.load_table("zanhuang-hrss-2018"), "txt")
    assert isinstance(text, str)
    path = tmp_path / "zanhuang-hrss-2018.txt"
    path.write_bytes(text.encode("gb18030"))
    assert len(import_table(path).table) == 68


def test_read_text_marks_prose() -> None:
    source = read_text("标题\n职责活动\t绩效指标\n\n323 人社局\n", label="x")
    assert [(r.line, r.prose) for r in source.rows] == [(1, True), (2, False), (4, True)]
