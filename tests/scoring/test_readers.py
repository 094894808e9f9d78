"""perfscore.scoring._readers: results files read in every encoding
and format, and every unreadable file named."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import perfscore
from perfscore.errors import ResultsError
from perfscore.scoring import read_results
from perfscore.scoring._readers import read_rows
from perfscore.scoring._results import decode
from perfscore.scoring._rows import ResultRow
from tests.scoring_data import zanhuang

CSV = "id,value,unit\n1.1.1,100%,\n1.1.2,0.93,1\n新增就业人员数量,505,\n10.3.1,有效实施,\n"


def grades_of(results: perfscore.scoring.Results) -> dict[str, str]:
    return {k: r.grade.value for k, r in results.graded.items()}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_excel_saves(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(CSV.encode(encoding))
    results = read_results(path, zanhuang)
    assert grades_of(results) == {"1.1.1": "优", "1.1.2": "良", "1.2.2": "优", "10.3.1": "优"}
    assert results.graded["1.2.2"].row == 4  # the header is row 1
    assert results.problems == []


def test_gb18030_is_not_mistaken_for_utf8() -> None:
    text = "id,value\n10.3.1,基本上能实施\n"
    assert decode(text.encode("gb18030")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


def test_json_object_and_list(tmp_path: Path) -> None:
    as_object = tmp_path / "a.json"
    as_object.write_text(json.dumps({"1.1.1": "95%", "1.2.2": 470}), encoding="utf-8")
    assert grades_of(read_results(as_object, zanhuang)) == {"1.1.1": "良", "1.2.2": "中"}
    as_list = tmp_path / "b.json"
    as_list.write_text(
        json.dumps([{"id": "1.1.1", "value": 0.95, "unit": "1"}, {"id": "x", "value": 1}]),
        encoding="utf-8",
    )
    results = read_results(as_list, zanhuang)
    assert grades_of(results) == {"1.1.1": "良"}
    assert results.problems[0].where.row == 2


def test_xlsx_with_a_percent_formatted_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "value"])
    sheet.append(["1.1.1", 0.95])
    sheet["B2"].number_format = "0%"  # shown as 95%, stored as 0.95
    sheet.append(["1.2.2", 480])
    sheet.append(["10.3.1", "基本上能实施"])
    path = tmp_path / "results.xlsx"
    book.save(path)
    results = read_results(path, zanhuang)
    assert results.graded["1.1.1"].value == 95
    assert grades_of(results) == {"1.1.1": "良", "1.2.2": "良", "10.3.1": "中"}
    assert results.graded["10.3.1"].row == 4


def test_blank_lines_are_layout(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,value\n1.1.1,95%\n,\n\n1.1.2,bad\n", encoding="utf-8")
    results = read_results(path, zanhuang)
    assert [p.where.row for p in results.problems] == [5]


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        (
            b"id,val\n1.1.1,2\n",
            ".csv",
            "row 1: the results need the column value (found 'id', 'val')",
        ),
        (b"name,x\n", ".csv", "the results need the columns id and value (found 'name', 'x')"),
        # A UTF-16 BOM, then half a surrogate pair: no encoding reads it.
        (b"\xff\xfe\x00\xd8", ".csv", "the file is neither UTF-8, UTF-16 nor GB18030 text"),
        (b"\x81\x30", ".csv", "the file is neither UTF-8, UTF-16 nor GB18030 text"),
        (b"{", ".json", "not valid JSON"),
        (b"[1, 2]", ".json", "JSON results are an object"),
        (b"not a zip", ".xlsx", "not a readable XLSX workbook"),
        (b"", ".ods", "cannot tell the format of 'r.ods'"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, suffix: str, message: str) -> None:
    path = tmp_path / f"r{suffix}"
    path.write_bytes(content)
    with pytest.raises(perfscore.ResultsError) as raised:
        perfscore.score(zanhuang, path)
    assert str(raised.value).startswith(str(path))
    assert message in str(raised.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(perfscore.ResultsError, match="cannot read the results file: No such file"):
        perfscore.score(zanhuang, tmp_path / "absent.csv")


def test_not_a_results_source() -> None:
    with pytest.raises(perfscore.ResultsError, match="results are a mapping of id to value"):
        perfscore.score(zanhuang, 42)  # type: ignore[call-overload]


# -- findings of the review: each reproduced, then fixed -----------------------------------


@pytest.mark.parametrize(
    ("number", "number_format", "value", "grade"),
    [
        (0.95, "0%", 95, "良"),  # a real percentage: shown as 95%, stored as 0.95
        (0.955, "0.0%", Fraction("95.5"), "良"),
        (95, '0"%"', 95, "良"),  # the % is quoted text: the cell holds 95 and shows 95%
        (92, "0\\%", 92, "良"),  # an escaped %: 92, not 9200
        (100, '0"%"', 100, "优"),
        (0.9, '[Red]0%;"-"0%', 90, "良"),  # a real percent after a colour section
    ],
)
def test_xlsx_percent_shown_only_as_text_is_not_scaled(
    tmp_path: Path, number: float, number_format: str, value: Fraction, grade: str
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "value"])
    sheet.append(["1.1.1", number])
    sheet["B2"].number_format = number_format
    path = tmp_path / "results.xlsx"
    book.save(path)
    results = read_results(path, zanhuang)
    assert (results.graded["1.1.1"].value, results.graded["1.1.1"].grade.value) == (value, grade)


def test_malformed_xml_inside_an_xlsx_is_a_results_error(tmp_path: Path) -> None:
    import zipfile

    from openpyxl import Workbook

    good = tmp_path / "good.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "value"])
    sheet.append(["1.1.1", 0.95])
    book.save(good)
    for broken in ("xl/worksheets/sheet1.xml", "xl/workbook.xml"):
        path = tmp_path / "bad.xlsx"
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                target.writestr(item, b"<worksheet><sheetData><row" if item.filename == broken
                                else data)  # fmt: skip
        with pytest.raises(perfscore.ResultsError) as raised:
            perfscore.score(zanhuang, path)
        assert str(raised.value).startswith(f"{path}: not a readable XLSX workbook: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
        ('{"1.2.2": ' + "9" * 5000 + "}", "not valid JSON: a number of more than 4300 digits"),
    ],
)
def test_json_too_deep_or_too_long_is_a_results_error(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(perfscore.ResultsError) as raised:
        perfscore.score(zanhuang, path)
    assert str(raised.value) == f"{path}: {message}"


def test_csv_rows_are_records_not_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('id,value,note\n1.1.1,95%,"two\nlines"\n1.1.2,bad,\n', encoding="utf-8")
    results = read_results(path, zanhuang)
    assert results.graded["1.1.1"].row == 2
    assert [str(p) for p in results.problems] == [
        "row 3, indicator 1.1.2: expected a number in percent, got 'bad'"
    ]


# -- read_rows: the rows as given, without grading them ------------------------------------------


def rows_of(path: Path, data: bytes) -> list[tuple[object, ...]]:
    path.write_bytes(data)
    return [(r.row, r.key, r.value, r.unit, r.points, r.fault) for r in read_rows(path)]


def test_a_mapping_gives_its_pairs_named_by_key() -> None:
    keyed: dict[object, object] = {"1.1.1": "95%", 2: 3}  # a key that is no text is named as one
    assert list(read_rows(keyed)) == [  # type: ignore[arg-type]
        ResultRow(None, "1.1.1", "95%"),
        ResultRow(None, "2", 3),
    ]


def test_a_frame_gives_its_rows_numbered_as_a_spreadsheet_shows_them() -> None:
    frame = pd.DataFrame({"Id": ["a", "b"], "VALUE": [1, 2], "Unit": ["人", None]})
    assert [(r.row, r.key, r.value, r.unit) for r in read_rows(frame)] == [
        (2, "a", 1, "人"),
        (3, "b", 2, None),
    ]


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (b"id,value\n1.1.1,95%\n", [(2, "1.1.1", "95%", None, None, None)]),
        (b"id\tvalue\n1.1.1\t95%\n", [(2, "1.1.1", "95%", None, None, None)]),
        (b"id,value\r1.1.1,95%\r1.1.2,90%\r",  # old Mac line ends
         [(2, "1.1.1", "95%", None, None, None), (3, "1.1.2", "90%", None, None, None)]),
        (b"ID,Value,Unit,Points\n1.1.1,0.95,1,36\n", [(2, "1.1.1", "0.95", "1", "36", None)]),
        (b"id,value\n1.1.1\n", [(2, "1.1.1", None, None, None, None)]),  # a short row
        (b"id,value\n\n,\n1.1.2,1\n", [(4, "1.1.2", "1", None, None, None)]),  # blank lines
        (b"id,value\n,95%\n", [(2, "", "95%", None, None, None)]),  # a value without an id
        (b"id,value\n1.1.1,1,234\n",
         [(2, "1.1.1", "1", None, None, "the row has 3 cells under a header of 2 (extra: "
           "'234'); quote a value holding a comma")]),
        (b"id,value\n1.1.1,95%,,\n", [(2, "1.1.1", "95%", None, None, None)]),
    ],
)  # fmt: skip
def test_csv_rows(tmp_path: Path, data: bytes, rows: list[tuple[object, ...]]) -> None:
    assert rows_of(tmp_path / "r.csv", data) == rows


def test_a_txt_or_tsv_file_is_read_as_csv(tmp_path: Path) -> None:
    for name in ("r.txt", "r.tsv"):
        assert rows_of(tmp_path / name, b"id,value\n1.1.1,95\n") == [
            (2, "1.1.1", "95", None, None, None)
        ]


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (b'{"1.1.1": "95%", "1.1.2": 0.9}',
         [(None, "1.1.1", "95%", None, None, None), (None, "1.1.2", 0.9, None, None, None)]),
        (b'[{"ID": "1.1.1", "Value": 95, "unit": "%", "points": 36}]',
         [(1, "1.1.1", 95, "%", 36, None)]),
        ('\ufeff{"1.1.1": 1}'.encode(), [(None, "1.1.1", 1, None, None, None)]),
    ],
)  # fmt: skip
def test_json_rows(tmp_path: Path, data: bytes, rows: list[tuple[object, ...]]) -> None:
    assert rows_of(tmp_path / "r.json", data) == rows


@pytest.mark.parametrize(
    ("data", "fault"),
    [
        (b'{"1.1.1": [1, 2]}', "the value is a list, not a number or text"),
        (b'{"1.1.1": {"value": 1}}', "the value is an object, not a number or text"),
        (b'[{"id": "1.1.1", "value": {"a": 1}}]',
         "the field 'value' is an object, not a number or text"),
    ],
)  # fmt: skip
def test_a_nested_json_value_is_a_row_with_a_fault(tmp_path: Path, data: bytes, fault: str) -> None:
    ((_, key, value, _, _, found),) = rows_of(tmp_path / "r.json", data)
    assert (key, value) == ("1.1.1", None)
    assert isinstance(found, str)
    assert found.startswith(fault)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("r.csv", b"", "row 1: the results need the columns id and value (found none)"),
        ("r.csv", b"id,value\n\n,\n", "the file holds no result rows"),
        ("r.json", b"{}", "the file holds no result rows"),
        ("r.json", b"[]", "the file holds no result rows"),
        ("r.json", b'"x"', 'JSON results are an object {"id": value, ...} or a list of'),
        ("r.json", b'[{"id": "1.1.1", "ID": "x", "value": 1}]',
         "row 1: the item gives 'id' more than once"),
        ("r.csv", b"id,value\n\x00\n", "the file holds NUL characters"),
        ("r.xlsx", b"PK\x03\x04", "not a readable XLSX workbook: "),
        ("r.xls", b"", "cannot tell the format of 'r.xls': results files are .csv, .xlsx or .json"),
    ],
)  # fmt: skip
def test_a_file_that_holds_no_rows_is_named(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    with pytest.raises(ResultsError) as raised:
        rows_of(path, data)
    assert raised.value.where.file == str(path)
    assert message in str(raised.value)


def test_anything_else_is_no_results_source() -> None:
    with pytest.raises(ResultsError) as raised:
        list(read_rows(42))  # type: ignore[arg-type]
    assert str(raised.value) == (
        "results are a mapping of id to value, a DataFrame, or a path to a CSV, XLSX or JSON "
        "file, not int"
    )


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"id,value", "id,value"),
        ("\ufeffid,满意".encode(), "id,满意"),
        ("id,满意度".encode("gb18030"), "id,满意度"),
        ("id,value".encode("utf-16"), "id,value"),  # with its byte order mark
        ("id,value".encode("utf-16-le"), "id,value"),
        ("id,value".encode("utf-16-be"), "id,value"),
        (b"", ""),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_bytes_no_encoding_reads_are_a_unicode_error() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode(b"\x81\x30")
