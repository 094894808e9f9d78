"""perfscore.scoring._results: one table's results, each bad row
reported with its row and id."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import perfscore
from perfscore import Grade
from perfscore.scoring import read_results
from perfscore.scoring._results import BadResults
from tests.scoring_data import zanhuang


def grades_of(results: perfscore.scoring.Results) -> dict[str, str]:
    return {k: r.grade.value for k, r in results.graded.items()}


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


def test_a_blank_value_is_a_missing_result_not_an_error() -> None:
    results = read_results({"1.1.1": "", "1.1.2": None, "1.2.2": 500}, zanhuang)
    assert results.problems == []
    assert set(results.blank) == {"1.1.1", "1.1.2"}
    card = perfscore.score(zanhuang, {"1.1.1": "", "1.2.2": 500})
    assert "1.1.1" in card.department.missing


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
