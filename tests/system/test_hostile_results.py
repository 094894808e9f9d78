"""Hostile and edge-case results: nothing silently wrong, nothing lost, cost linear in the input."""

from __future__ import annotations

import re
import sys
import warnings
import zipfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import perfscore
from perfscore.cli import main
from perfscore.errors import ResultsError
from perfscore.ladders._ladder import NEGATIVE_RATE
from perfscore.notation._exact import as_decimal, scientific, to_float64
from perfscore.scoring import FractionsWarning, read_results
from perfscore.scoring._results import SUGGESTED, BadResults
from perfscore.scoring._rows import rows_in
from tests.scoring_data import zanhuang


@pytest.mark.parametrize("narrow", [np.float32, np.float16])
def test_narrow_floats_grade_as_the_decimal_they_print(narrow: type[np.floating]) -> None:
    value = narrow(0.9)
    assert as_decimal(value) == Fraction(9, 10)
    ladder = zanhuang.indicator("1.1.1").ladder  # ≥90% is 良
    assert str(ladder.grade(perfscore.ureg.Quantity(value, "1"))) == "良"
    assert ladder.grade_array(np.array([value]), unit="1").tolist() == [2]
    card = perfscore.score(
        zanhuang, pd.DataFrame({"id": ["1.1.1"], "value": [value], "unit": ["1"]})
    )
    assert card.to_frame().iloc[0]["grade"] == "良"
    frame = pd.DataFrame(
        {"table": [zanhuang.name], "id": ["1.1.1"], "value": np.array([0.9], dtype=narrow),
         "unit": ["1"]}
    )  # fmt: skip
    scores = perfscore.score_frame([zanhuang], frame)
    assert scores.indicators.iloc[0]["grade"] == "良"
    assert to_float64(np.array([0.9], dtype=narrow)).tolist() == [0.9]


# -- XLSX -------------------------------------------------------------------------------------


def _book(tmp_path: Path, rows: list[list[object]], *, dimension: str | None = None) -> Path:
    """A workbook of ``rows``; ``dimension`` rewrites the sheet's declared <dimension>."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "r.xlsx"
    book.save(path)
    if dimension is not None:
        edited = tmp_path / "edited.xlsx"
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(edited, "w") as target:
            for part in source.infolist():
                data = source.read(part.filename)
                if part.filename == "xl/worksheets/sheet1.xml":
                    data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'
                                  .encode(), data)  # fmt: skip
                    assert dimension.encode() in data
                target.writestr(part, data)
        path = edited
    return path


ROWS: list[list[object]] = [
    ["id", "value", "unit"],
    ["1.1.1", 0.95, "1"],
    ["1.1.2", 0.95, "1"],
    ["1.2.2", 505, None],
]


@pytest.mark.parametrize("dimension", ["A1:B3", "A1:B2", "A1:A1"])
def test_xlsx_read_past_a_wrong_dimension(tmp_path: Path, dimension: str) -> None:
    results = read_results(_book(tmp_path, ROWS, dimension=dimension), zanhuang)
    assert results.problems == []
    assert {k: str(r.grade) for k, r in results.graded.items()} == {
        "1.1.1": "良",  # 0.95 with unit 1 is 95%: not 0.95% (the unit column was lost)
        "1.1.2": "良",
        "1.2.2": "优",  # the fourth row was lost under A1:B2
    }


def test_xlsx_formula_without_a_saved_value_is_named(tmp_path: Path) -> None:
    path = _book(tmp_path, [["id", "value"], ["1.2.2", "=400+105"], ["1.1.1", "95%"]])
    results = read_results(path, zanhuang)
    assert [str(p) for p in results.problems] == [
        "row 2, indicator 1.2.2: B2 holds the formula '=400+105' with no saved value: open and "
        "save the workbook in a spreadsheet program to compute it, or give the value"
    ]
    assert results.blank == {}
    assert list(results.graded) == ["1.1.1"]


def test_xlsx_decompression_bomb_refused_unopened(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (64 * 2**20) + b"/>")
    with pytest.raises(ResultsError) as raised:
        read_results(path, zanhuang)
    assert str(raised.value) == (
        f"{path}: the workbook part 'xl/worksheets/sheet1.xml' unpacks 1,028 times its packed "
        "size (a zip bomb?): refused unopened"
    )


def test_xlsx_too_large_unpacked_refused(tmp_path: Path) -> None:
    path = tmp_path / "large.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", b"")
    # The declared size is what unzipping would write: a header saying 2 GiB is refused unread.
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature)
        data[at + offset : at + offset + 4] = (2**31).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(ResultsError, match=r"the workbook unpacks to 2,048 MB, more than any "
                       r"results sheet \(1,024 MB at most\): refused unopened"):  # fmt: skip
        read_results(path, zanhuang)


# -- CSV --------------------------------------------------------------------------------------


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_row_with_more_cells_than_the_header_is_reported(tmp_path: Path) -> None:
    results = read_results(_csv(tmp_path, "id,value\n1.2.2,1,234\n1.1.1,95%\n"), zanhuang)
    assert [str(p) for p in results.problems] == [
        "row 2, indicator 1.2.2: the row has 3 cells under a header of 2 (extra: '234'); "
        "quote a value holding a comma"
    ]
    assert list(results.graded) == ["1.1.1"]


def test_a_row_with_trailing_empty_cells_is_fine(tmp_path: Path) -> None:
    results = read_results(_csv(tmp_path, "id,value\n1.2.2,505,,\n"), zanhuang)
    assert results.problems == []
    assert list(results.graded) == ["1.2.2"]


def test_repeated_columns_refused(tmp_path: Path) -> None:
    with pytest.raises(ResultsError) as raised:
        read_results(_csv(tmp_path, "id,value,value\n1.2.2,1,234\n"), zanhuang)
    assert str(raised.value).endswith("row 1: the column value is given twice (columns 2 and 3)")
    frame = pd.DataFrame([["1.2.2", 1, 505]], columns=["id", "value", "Value"])
    with pytest.raises(ResultsError, match=r"the column value is given twice \(columns 2 and 3\)"):
        perfscore.score(zanhuang, frame)
    frame.insert(0, "table", zanhuang.name)
    with pytest.raises(ResultsError, match=r"the column value is given twice \(columns 3 and 4\)"):
        perfscore.score_frame([zanhuang], frame)


# -- percent ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-5%", -5, "-0.5"])
def test_negative_rates_are_refused(value: object) -> None:
    results = read_results({"1.1.1": value}, zanhuang)
    shown = "-5" if value in ("-5%", -5) else "-0.5"
    assert [str(p) for p in results.problems] == [
        f"indicator 1.1.1: {NEGATIVE_RATE.format(f'{shown}%')}"
    ]


def test_all_percent_values_at_most_one_warn_once(tmp_path: Path) -> None:
    path = _csv(tmp_path, "id,value\n1.1.1,0.9\n1.1.2,0.85\n2.2.2,1\n")
    with pytest.warns(FractionsWarning) as caught:
        read_results(path, zanhuang)
    assert len(caught) == 1
    assert str(caught[0].message) == (
        f"{path}: every percent value is at most 1 (0.9, 0.85, 1 …): 0.85 is read as 0.85%, "
        "not 85%; write 85 or 85%, or give the unit 1"
    )


def test_percent_values_written_as_percent_do_not_warn(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_results(_csv(tmp_path, "id,value\n1.1.1,0.9%\n1.1.2,95\n"), zanhuang)
        read_results(_csv(tmp_path, "id,value,unit\n1.1.1,0.9,1\n"), zanhuang)


def test_the_cli_warns_in_one_line_and_offers_no_fraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path, "id,value\n1.1.1,0.9\n")
    assert main(["score", "zanhuang-hrss-2018", str(path), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert err == (
        f"perfscore: warning: {path}: every percent value is at most 1 (0.9 …): 0.85 is read "
        "as 0.85%, not 85%; write 85 or 85%, or give the unit 1\n"
    )
    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    assert "e.g. 95%, 499人, 有效实施" in capsys.readouterr().out


# -- cost -------------------------------------------------------------------------------------


def test_a_repeated_row_is_reported_once_with_a_count(tmp_path: Path) -> None:
    path = _csv(tmp_path, "id,value\n" + "1.1.1,95%\n" * 8000 + "1.2.2,505\n")
    results = read_results(path, zanhuang)
    assert [str(p) for p in results.problems] == [
        "row 2, indicator 1.1.1: 1.1.1 is given 8,000 times (rows 2, 3, 4, 5, 6 …); none is scored"
    ]
    assert rows_in(results.problems[0]) == 8000
    with pytest.raises(BadResults, match="8000 bad result rows; nothing was scored"):
        perfscore.score(zanhuang, path)


def test_unknown_ids_suggested_for_the_first_few_and_counted(tmp_path: Path) -> None:
    lines = [f"9.9.{k % 50},1" for k in range(2000)]
    results = read_results(_csv(tmp_path, "id,value\n" + "\n".join(lines) + "\n"), zanhuang)
    assert len(results.problems) == SUGGESTED + 1
    first = str(results.problems[0])
    assert first.startswith("row 2, indicator 9.9.0: table zanhuang-hrss-2018 has no indicator")
    assert "did you mean" in first
    assert first.endswith("(rows 2, 52, 102, 152, 202 …)")
    assert rows_in(results.problems[0]) == 40
    assert str(results.problems[-1]) == (
        "row 22, indicator 9.9.20: 1,200 more rows whose ids the table does not have, past "
        "the first 20 such ids (rows 22, 23, 24, 25, 26 …)"
    )
    assert sum(map(rows_in, results.problems)) == 2000


# -- smaller ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"1.1.1": {"value": "95%"}}', "indicator 1.1.1: the value is an object, not a number"),
        ('{"1.1.1": [95]}', "indicator 1.1.1: the value is a list, not a number"),
        (
            '[{"id": "1.1.1", "value": {"v": 1}}]',
            "row 1, indicator 1.1.1: the field 'value' is an object, not a number or text",
        ),
    ],
)
def test_nested_json_values_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in read_results(path, zanhuang).problems]
    assert len(problems) == 1
    assert problems[0].startswith(message)
    assert "_Pairs" not in problems[0]


def test_five_hundred_nines_print_honestly() -> None:
    results = read_results({"1.2.2": "9" * 500}, zanhuang)
    assert str(results.problems[0]) == (
        "indicator 1.2.2: expected a number a float can hold (within ±1.8e308), got 1e+500"
    )
    assert scientific(Fraction(10**500 - 1)) == "1e+500"
    assert scientific(Fraction(96 * 10**300)) == "9.6e+301"


@pytest.mark.parametrize(
    ("value", "grade"), [("4.8e2", "良"), ("5E2", "优"), ("3.99e+2", "差"), ("+5.0e2", "优")]
)
def test_e_notation_in_text_is_a_number(value: str, grade: str) -> None:
    # Excel writes large numbers into CSV this way: read exactly, as the digits say.
    results = read_results({"1.2.2": value}, zanhuang)
    assert results.problems == []
    assert str(results.graded["1.2.2"].grade) == grade


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e400", "expected a number a float can hold (within ±1.8e308), got 1e+400"),
        ("1e999999", "expected a number a float can hold, got '1e999999' (beyond ±1.8e308)"),
        (
            "1e-999999",
            "expected a number a float can hold, got '1e-999999' (too small for a float)",
        ),
    ],
)
def test_e_notation_beyond_a_float_is_refused_at_once(value: str, message: str) -> None:
    problems = [str(p) for p in read_results({"1.2.2": value}, zanhuang).problems]
    assert problems == [f"indicator 1.2.2: {message}"]


def test_a_blank_id_is_named(tmp_path: Path) -> None:
    results = read_results(_csv(tmp_path, "id,value\n,95%\n  ,90%\n"), zanhuang)
    assert [str(p) for p in results.problems] == [
        "row 2: the id is blank: each result row names its indicator (rows 2, 3)"
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_with_or_without_a_bom_is_read(tmp_path: Path, encoding: str) -> None:
    results = read_results(_csv(tmp_path, "id,value\n1.1.1,95%\n", encoding), zanhuang)
    assert results.problems == []
    assert list(results.graded) == ["1.1.1"]


def test_nul_bytes_are_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"id,value\n1.1.1,9\x005%\n")
    with pytest.raises(ResultsError, match="the file holds NUL characters: not a text CSV"):
        read_results(path, zanhuang)


@pytest.mark.parametrize(
    ("name", "content"),
    [("r.csv", "id,value\n"), ("r.csv", "id,value\n\n,\n"), ("r.json", "{}"), ("r.json", "[]")],
)
def test_a_file_without_rows_is_refused_as_an_empty_list_is(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ResultsError) as raised:
        read_results(path, zanhuang)
    assert str(raised.value) == f"{path}: the file holds no result rows"


def test_huge_values_are_quoted_in_a_window() -> None:
    digits = "9" * 100_000 + "x"
    problems = [str(p) for p in read_results({"1.2.2": digits}, zanhuang).problems]
    assert problems == [
        "indicator 1.2.2: expected a number in 人, got '" + "9" * 58 + "' … (100,001 "
        "characters): too long for a value"
    ]
    frame = pd.DataFrame({"id": ["1.2.2"] * 3, "value": [1, 2, 3], "unit": ["bogus"] * 3})
    messages = [str(p) for p in read_results(frame.iloc[:1], zanhuang).problems]
    assert messages == ["row 2, indicator 1.2.2: unknown unit 'bogus'"]


def test_score_frame_refuses_negative_rates_as_score_does() -> None:
    frame = pd.DataFrame(
        {"table": zanhuang.name, "id": ["1.1.1", "1.1.2", "2.2.2"], "value": [-5, "-5%", -0.5]}
    )
    with pytest.raises(ResultsError) as raised:
        perfscore.score_frame([zanhuang], frame)
    assert str(raised.value).splitlines()[1:] == [
        f"  row 2, table {zanhuang.name}, indicator 1.1.1: {NEGATIVE_RATE.format('-5%')}",
        f"  row 3, table {zanhuang.name}, indicator 1.1.2: {NEGATIVE_RATE.format('-5%')}",
        f"  row 4, table {zanhuang.name}, indicator 2.2.2: {NEGATIVE_RATE.format('-0.5%')}",
    ]


def test_the_cli_notes_a_large_file_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _csv(tmp_path, "id,value\n1.1.1,95%\n")
    monkeypatch.setattr(perfscore.cli, "LARGE", 0)
    main(["score", "zanhuang-hrss-2018", str(path), "--format", "json"])
    assert "reading" not in capsys.readouterr().err  # not a terminal: nothing
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    main(["score", "zanhuang-hrss-2018", str(path), "--format", "json"])
    assert capsys.readouterr().err == "perfscore: reading 0 MB of results…\n"
