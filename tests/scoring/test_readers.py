"""perfscore.scoring._readers: results files read in every encoding
and format, and every unreadable file named."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

import perfscore
from perfscore.scoring import read_results
from perfscore.scoring._results import decode
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
