"""Reading results: every source, every encoding, and every bad input with its message."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import perfscore
from perfscore import Grade
from perfscore.scoring import read_results
from perfscore.scoring._results import BadResults, decode

from .scoring_data import zanhuang

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


def test_value_with_a_unit_column_is_read_in_that_unit() -> None:
    frame = pd.DataFrame({"id": ["1.1.2", "2.2.2"], "value": [0.9, 94.99], "unit": ["1", "%"]})
    results = read_results(frame, zanhuang)
    # 0.9 as a plain fraction is 90% (良); 94.99% is below 95% (良)
    assert results.graded["1.1.2"].value == 90
    assert grades_of(results) == {"1.1.2": "良", "2.2.2": "良"}
    assert results.graded["2.2.2"].row == 3


def test_dataframe_rows_numbered_as_a_spreadsheet() -> None:
    frame = pd.DataFrame({"ID": ["1.1.1", "9.9.9"], "Value": ["95%", "1"]})
    results = read_results(frame, zanhuang)
    assert results.problems[0].where.row == 3
    assert grades_of(results) == {"1.1.1": "良"}


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


def test_a_blank_value_is_a_missing_result_not_an_error() -> None:
    results = read_results({"1.1.1": "", "1.1.2": None, "1.2.2": 500}, zanhuang)
    assert results.problems == []
    assert set(results.blank) == {"1.1.1", "1.1.2"}
    card = perfscore.score(zanhuang, {"1.1.1": "", "1.2.2": 500})
    assert "1.1.1" in card.department.missing


def test_blank_lines_are_layout(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,value\n1.1.1,95%\n,\n\n1.1.2,bad\n", encoding="utf-8")
    results = read_results(path, zanhuang)
    assert [p.where.row for p in results.problems] == [5]


# -- bad input: each reported with its row and id -------------------------------------------

BAD = [
    ("1.1.9,95%,", "row 2, indicator 1.1.9: table zanhuang-hrss-2018 has no indicator '1.1.9'; "
     "did you mean '1.1.2', '1.1.1'?"),
    ("1.2.1,90%,", "row 2, indicator 1.2.1: a value in percent cannot be read as 次"),
    ("9.1.1,95,人", "row 2, indicator 9.1.1: a value in 人 cannot be read as percent"),
    ("1.2.2,many,", "row 2, indicator 1.2.2: expected a number in 人, got 'many'"),
    ("1.2.3,NaN,", "row 2, indicator 1.2.3: expected a finite number, got 'NaN'"),
    ("1.2.3,-inf,", "row 2, indicator 1.2.3: expected a finite number, got '-inf'"),
    ("1.3.1,-5,", "row 2, indicator 1.3.1: a count of 人 cannot be negative: -5"),
    ("10.3.1,做得很好,", "row 2, indicator 10.3.1: '做得很好' is not one of this ladder's labels "
     "(有效实施, 能完整的实施, 基本上能实施, 不能很好实施)"),
    ("1.1.1,95,furlong", "row 2, indicator 1.1.1: unknown unit 'furlong'"),
    ("1.1.1,95%,人次", "row 2, indicator 1.1.1: a value in percent cannot be read as 人次"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "message"), BAD)
def test_bad_row(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"id,value,unit\n{line}\n", encoding="utf-8")
    results = read_results(path, zanhuang)
    assert len(results.problems) == 1
    assert str(results.problems[0]).startswith(message)
    with pytest.raises(BadResults) as raised:
        perfscore.score(zanhuang, path)
    assert str(raised.value).startswith(f"{path}: 1 bad result row; nothing was scored")
    assert message in str(raised.value)


def test_nan_and_infinity_as_numbers() -> None:
    frame = pd.DataFrame({"id": ["1.1.1", "1.1.2"], "value": [float("nan"), float("inf")]})
    problems = [str(p) for p in read_results(frame, zanhuang).problems]
    assert problems == [
        "row 2, indicator 1.1.1: expected a finite number, got nan",
        "row 3, indicator 1.1.2: expected a finite number, got inf",
    ]


def test_the_same_indicator_twice_scores_neither() -> None:
    frame = pd.DataFrame({"id": ["1.1.1", "公益性岗位补贴到位率"], "value": ["95%", "100%"]})
    results = read_results(frame, zanhuang)
    assert [str(p) for p in results.problems] == [
        "row 2, indicator 1.1.1: 1.1.1 is given twice (rows 2, 3); none is scored",
    ]
    assert results.graded == {}


def test_a_name_shared_by_two_indicators_is_not_accepted() -> None:
    results = read_results({"拓展工种": 1}, zanhuang)
    assert str(results.problems[0]) == (
        "indicator 拓展工种: '拓展工种' names 2 indicators (11.1.1, 12.1.1); use an id"
    )


def test_a_number_for_a_qualitative_indicator() -> None:
    results = read_results({"10.3.1": 3}, zanhuang)
    assert str(results.problems[0]) == (
        "indicator 10.3.1: 教学计划的实施效果 is graded by label "
        "(有效实施, 能完整的实施, 基本上能实施, 不能很好实施), not by the number 3"
    )


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


def test_keep_going_scores_the_rest_and_lists_every_bad_row() -> None:
    card = perfscore.score(
        zanhuang, {"1.1.1": "100%", "1.1.2": "lots", "9.9.9": 1}, keep_going=True
    )
    assert [(u.key, u.reason) for u in card.unscored] == [
        ("1.1.2", "expected a number in percent, got 'lots'"),
        ("9.9.9", "table zanhuang-hrss-2018 has no indicator '9.9.9'; did you mean "
                  "'9.5.1', '9.4.1', '9.3.1'?"),
    ]  # fmt: skip
    assert card.department.graded == 1
    assert card.duties[0].activities[0].indicators[0].grade is Grade.EXCELLENT
    assert "1.1.2" in card.department.missing


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


def test_a_dataframe_read_from_csv_scores_as_the_csv_does(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,value,unit\n1.1.1,95%,\n1.1.2,0.93,1\n,,\n1.2.2,470,\n", encoding="utf-8")
    frame = pd.read_csv(path)
    assert frame["unit"].isna().sum() == 3  # pandas' blank is NaN
    by_file, by_frame = perfscore.score(zanhuang, path), perfscore.score(zanhuang, frame)
    assert by_frame.to_dict() == by_file.to_dict()
    assert [(i.id, i.grade.value, i.row) for i in by_frame.indicators() if i.grade] == [
        ("1.1.1", "良", 2), ("1.1.2", "良", 3), ("1.2.2", "中", 5),
    ]  # fmt: skip


def test_a_row_of_nan_in_a_dataframe_is_layout() -> None:
    nan = float("nan")
    frame = pd.DataFrame(
        {"id": ["1.1.1", nan, "1.1.2"], "value": ["95%", nan, nan], "unit": [nan, nan, nan]}
    )
    results = read_results(frame, zanhuang)
    assert grades_of(results) == {"1.1.1": "良"}
    # The row of NaN is skipped; a NaN value beside an id is a bad number, as in score_frame.
    assert [str(p) for p in results.problems] == [
        "row 4, indicator 1.1.2: expected a finite number, got nan"
    ]


def test_a_json_object_giving_an_id_twice_scores_neither(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"1.1.1": "95%", "1.2.2": 470, "1.1.1": "100%"}', encoding="utf-8")
    results = read_results(path, zanhuang)
    assert [str(p) for p in results.problems] == [
        "indicator 1.1.1: 1.1.1 is given twice ('1.1.1', '1.1.1'); none is scored",
    ]
    assert grades_of(results) == {"1.2.2": "中"}
    with pytest.raises(BadResults, match="2 bad result rows"):
        perfscore.score(zanhuang, path)


def test_a_number_beyond_a_float_is_refused_not_an_overflow(tmp_path: Path) -> None:
    huge = 10**400
    message = "expected a number a float can hold (within ±1.8e308), got 1e+400"
    for given in ({"1.2.2": huge}, {"1.2.2": f"{huge}.5"}, {"1.2.2": Fraction(huge, 3)}):
        results = read_results(given, zanhuang)
        assert [p.reason for p in results.problems] == [message.replace("1e+400", "3.3e+399")] \
            if isinstance(given["1.2.2"], Fraction) else [message]  # fmt: skip
    path = tmp_path / "r.csv"
    path.write_text(f"id,value\n1.2.2,{huge}\n1.1.1,95%\n", encoding="utf-8")
    card = perfscore.score(zanhuang, path, keep_going=True)
    assert [u.message for u in card.unscored] == [f"row 2, indicator 1.2.2: {message}"]
    assert json.loads(card.to_json())["department"]["graded"] == 1
    assert card.to_csv().count("\n") == 69


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


@pytest.mark.parametrize(
    ("table", "results", "weights", "message"),
    [
        (zanhuang, "a\x00b.csv", None, "a\\x00b.csv: cannot read the results file: "
         "the path has a null byte"),
        (zanhuang, "a" * 300 + ".csv", None, "cannot read the results file: File name too long"),
        (zanhuang, {"1.1.1": "100%"}, {"1": "heavy"}, "expected a number, got 'heavy'"),
    ],
)  # fmt: skip
def test_bad_arguments_are_perfscore_errors(
    table: object, results: object, weights: object, message: str
) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        perfscore.score(table, results, weights=weights)  # type: ignore[call-overload]
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("table", "weights", "message"),
    [
        (None, None, "a table is a Table, a table file or a bundled table's name, not None"),
        (5, None, "a table is a Table, a table file or a bundled table's name, not int"),
        (zanhuang, [("1", 2)], "weights are a mapping of id to weight, not list"),
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors(
    table: object, weights: object, message: str
) -> None:
    with pytest.raises(TypeError) as raised:
        perfscore.score(table, {}, weights=weights)  # type: ignore[call-overload]
    assert message in str(raised.value)
    assert not isinstance(raised.value, perfscore.PerfscoreError)


def test_csv_rows_are_records_not_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('id,value,note\n1.1.1,95%,"two\nlines"\n1.1.2,bad,\n', encoding="utf-8")
    results = read_results(path, zanhuang)
    assert results.graded["1.1.1"].row == 2
    assert [str(p) for p in results.problems] == [
        "row 3, indicator 1.1.2: expected a number in percent, got 'bad'"
    ]
