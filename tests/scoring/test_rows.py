"""perfscore.scoring._rows: the rules both front ends read and grade a result row by: the
columns a source needs, an indicator given twice, the arguments, and grading one row."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore.errors import PerfscoreError, ResultsError, UnknownIndicator
from perfscore.grades import Grade
from perfscore.scoring._rows import (
    FIRST_ROW,
    SHOWN_ROWS,
    BadResults,
    ResultColumns,
    ResultRow,
    RowsError,
    UnknownRows,
    as_any_table,
    as_table,
    bad_rows,
    check_errors,
    check_weights,
    find_columns,
    given_twice,
    grade_row,
    places,
    points_column,
    row_magnitude,
    rows_in,
)
from perfscore.tables import Table, TargetsTable
from tests.scoring_data import small, zanhuang
from tests.targets_data import TARGETS

# -- find_columns ------------------------------------------------------------------------------


def test_columns_are_found_by_name_in_any_case_and_spacing() -> None:
    index = find_columns([" ID ", "Value", "UNIT", "note", "Table", "points"], ("id", "value"))
    assert {k: index[k] for k in ("id", "value", "unit", "table", "points")} == {
        "id": 0, "value": 1, "unit": 2, "table": 4, "points": 5,
    }  # fmt: skip
    assert index["note"] == 3


@pytest.mark.parametrize(
    ("header", "required", "message"),
    [
        (["id", "val"], ("id", "value"),
         "row 1: the results need the column value (found 'id', 'val')"),
        (["name", "x"], ("id", "value"),
         "row 1: the results need the columns id and value (found 'name', 'x')"),
        (["", ""], ("id", "value"),
         "row 1: the results need the columns id and value (found none)"),
        (["id", "value", "Value"], ("id", "value"),
         "row 1: the column value is given twice (columns 2 and 3)"),
        (["id", "value", "unit", "unit", "Unit"], ("id", "value"),
         "row 1: the column unit is given 3 times (columns 3, 4 and 5)"),
        (["table", "id", "value", "TABLE"], ("table", "id", "value"),
         "row 1: the column table is given twice (columns 1 and 4)"),
    ],
)  # fmt: skip
def test_a_missing_or_repeated_column_is_refused(
    header: list[str], required: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ResultsError) as raised:
        find_columns(header, required)
    assert str(raised.value) == message


def test_the_header_is_located_where_the_reader_says() -> None:
    with pytest.raises(ResultsError) as raised:
        find_columns(["id"], ("id", "value"), file="r.json", row=None)
    assert raised.value.where.file == "r.json"
    assert raised.value.where.row is None


def test_a_repeated_column_perfscore_does_not_read_is_fine() -> None:
    assert find_columns(["id", "value", "note", "note"], ("id", "value"))["note"] == 2


@pytest.mark.parametrize(
    ("header", "at"),
    [(["id", "value", "points"], 2), (["id", "value", "得分"], 2),
     (["得分", "points", "id", "value"], 1), (["id", "value"], None)],
)  # fmt: skip
def test_points_column(header: list[str], at: int | None) -> None:
    assert points_column(find_columns(header, ("id", "value"))) == at


# -- ResultRow ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "blank"),
    [(None, True), ("", True), (" ", True), (pd.NA, True), (0, False), (math.nan, False),
     ("0", False)],
)  # fmt: skip
def test_a_row_is_blank_when_its_value_is(value: object, blank: bool) -> None:
    assert ResultRow(2, "1.1.1", value).blank is blank


def test_a_row_is_placed_by_its_number_or_else_its_key() -> None:
    assert ResultRow(7, "1.1.1", 1).place() == "row 7"
    assert ResultRow(None, "1.1.1", 1).place() == "'1.1.1'"


def test_locate_names_the_row_table_and_key() -> None:
    row = ResultRow(4, "到位率", "95%", table="t")
    error = row.locate(PerfscoreError("bad"))
    assert str(error) == "row 4, table t, indicator 到位率: bad"
    assert str(row.locate(PerfscoreError("bad"), "1.1.1")) == "row 4, table t, indicator 1.1.1: bad"


# -- ResultColumns -----------------------------------------------------------------------------


def test_the_columns_of_a_frame_and_its_rows() -> None:
    frame = pd.DataFrame(
        {"ID": [" 1.1.1", None, "1.1.2", math.nan], "Value": ["95%", None, 0.9, 3],
         "unit": [None, None, "1", None], "note": ["", None, "x", None]},
        index=[10, 11, 12, 13],
    )  # fmt: skip
    columns = ResultColumns.of(frame, ("id", "value"))
    assert len(columns) == 4
    assert columns.table is None
    assert columns.points is None
    rows = list(columns.rows())
    # row 3 (from 0: 1) is blank in every cell: layout; a value beside no id is a row of its own
    assert [(r.row, r.key, r.value, r.unit) for r in rows] == [
        (2, "1.1.1", "95%", None), (4, "1.1.2", 0.9, "1"), (5, "", 3, None),
    ]  # fmt: skip
    assert columns.row(2) == ResultRow(4, "1.1.2", 0.9, "1")
    assert columns.is_layout(1)
    assert not columns.is_layout(3)


def test_rows_may_be_chosen() -> None:
    frame = pd.DataFrame({"id": ["a", "b", "c"], "value": [1, 2, 3]})
    chosen = ResultColumns.of(frame, ("id", "value")).rows(np.array([True, False, True]))
    assert [(r.row, r.key) for r in chosen] == [(2, "a"), (4, "c")]


def test_a_narrow_float_column_is_read_as_the_decimals_it_shows() -> None:
    frame = pd.DataFrame({"id": ["1.1.1"], "value": np.array([0.95], dtype=np.float32)})
    (row,) = ResultColumns.of(frame, ("id", "value")).rows()
    assert row.value == 0.95  # not 0.949999988079071, float32's value widened


def test_the_table_and_points_columns_are_read_when_present() -> None:
    frame = pd.DataFrame({"table": [" t "], "id": ["1.1"], "value": [450], "得分": [36]})
    (row,) = ResultColumns.of(frame, ("table", "id", "value")).rows()
    assert (row.table, row.points) == ("t", 36)


def test_results_here_are_a_frame() -> None:
    with pytest.raises(TypeError, match="results are a DataFrame here, not dict"):
        ResultColumns.of({"id": [1]}, ("id", "value"))  # type: ignore[arg-type]


def test_first_row_is_the_row_after_the_header() -> None:
    assert FIRST_ROW == 2


# -- rows given twice, many rows, bad rows -----------------------------------------------------


def test_an_indicator_given_twice_is_one_error_naming_both_rows() -> None:
    error = given_twice("1.1.1", [ResultRow(2, "1.1.1", 1), ResultRow(9, "到位率", 2)])
    assert isinstance(error, RowsError)
    assert str(error) == "row 2, indicator 1.1.1: 1.1.1 is given twice (rows 2, 9); none is scored"
    assert (error.count, error.rows) == (2, (2, 9))
    assert rows_in(error) == 2


def test_many_copies_of_a_row_name_the_first_few_and_count_them_all() -> None:
    rows = [ResultRow(n, "1.1.1", 1) for n in range(2, 2 + SHOWN_ROWS)]
    error = given_twice("1.1.1", rows, count=1_000_000)
    assert str(error) == (
        "row 2, indicator 1.1.1: 1.1.1 is given 1,000,000 times (rows 2, 3, 4, 5, 6 …); "
        "none is scored"
    )
    assert error.rows == (2, 3, 4, 5, 6)
    assert rows_in(error) == 1_000_000


@pytest.mark.parametrize(
    ("shown", "count", "text"),
    [
        ([ResultRow(2, "a", 1)], 1, "row 2"),
        ([ResultRow(2, "a", 1), ResultRow(7, "a", 1)], 2, "rows 2, 7"),
        ([ResultRow(2, "a", 1)], 3, "rows 2 …"),
        ([ResultRow(None, "a", 1), ResultRow(None, "b", 1)], 2, "'a', 'b'"),
        ([ResultRow(None, "a", 1)], 4, "'a' …"),
    ],
)
def test_places(shown: list[ResultRow], count: int, text: str) -> None:
    assert places(shown, count) == text


def test_rows_in_counts_grouped_rows() -> None:
    assert rows_in(ResultsError("x")) == 1
    assert rows_in(UnknownRows("x", count=4)) == 4
    assert rows_in(UnknownIndicator("x")) == 1


def test_bad_rows_lists_every_problem_and_counts_the_rows() -> None:
    problems = [
        ResultsError(
            "bad",
        ).located(row=2),
        RowsError("twice", count=3),
    ]
    error = bad_rows(problems, hint="keep going to score the rest")
    assert isinstance(error, BadResults)
    assert str(error) == (
        "4 bad result rows; nothing was scored (fix them, or keep going to score the rest)\n"
        "  row 2: bad\n"
        "  twice"
    )
    assert list(error.problems) == problems
    one = bad_rows([ResultsError("bad")], hint="x")
    assert one.reason == "1 bad result row; nothing was scored (fix them, or x)"


def test_bad_rows_may_be_a_kind_of_its_own() -> None:
    class Mine(BadResults):
        pass

    assert isinstance(bad_rows([ResultsError("x")], hint="y", kind=Mine), Mine)


# -- the arguments -----------------------------------------------------------------------------


def test_a_table_is_a_table_a_file_or_a_bundled_name() -> None:
    assert as_table(small) is small
    assert as_table("zanhuang-hrss-2018") == zanhuang
    assert isinstance(as_any_table(TARGETS), TargetsTable)
    assert isinstance(as_any_table(str(TARGETS)), TargetsTable)
    assert isinstance(as_any_table(Path("zanhuang-hrss-2018")), Table)
    targets = as_any_table(TARGETS)
    assert as_any_table(targets) is targets


@pytest.mark.parametrize("table", [None, 5, {"name": "t"}, b"zanhuang-hrss-2018"])
def test_anything_else_is_a_type_error(table: object) -> None:
    message = (
        f"a table is a Table, a table file or a bundled table's name, not {type(table).__name__}"
    )
    for read in (as_table, as_any_table):
        with pytest.raises(TypeError) as raised:
            read(table)
        assert str(raised.value) == message


def test_as_table_refuses_a_targets_table_by_its_type() -> None:
    with pytest.raises(TypeError, match="not TargetsTable"):
        as_table(as_any_table(TARGETS))


@pytest.mark.parametrize("weights", [None, {}, {"1": 2}, pd.Series({"1": 2}).to_dict()])
def test_weights_are_a_mapping(weights: object) -> None:
    check_weights(weights)


@pytest.mark.parametrize(("weights", "kind"), [([("1", 2)], "list"), ("1=2", "str"), (3, "int")])
def test_weights_of_another_type_are_a_type_error(weights: object, kind: str) -> None:
    with pytest.raises(TypeError) as raised:
        check_weights(weights)
    assert str(raised.value) == f"weights are a mapping of id to weight, not {kind}"


def test_errors_is_raise_or_coerce() -> None:
    check_errors("raise")
    check_errors("coerce")
    for wrong in ("ignore", None, "Raise"):
        with pytest.raises(PerfscoreError) as raised:
            check_errors(wrong)
        assert str(raised.value) == f"errors must be 'raise' or 'coerce', not {wrong!r}"


# -- grading one row ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "value", "unit", "grade", "magnitude", "cell"),
    [
        ("1.1.1", "95%", None, "良", Fraction(95), "≥90%"),
        ("1.1.1", 0.95, "1", "良", Fraction(95), "≥90%"),
        ("1.1.1", "100", None, "优", Fraction(100), "100%"),
        ("1.2.1", 420, None, "良", Fraction(420), "≥400"),
        ("1.2.1", "4.8e2", None, "良", Fraction(480), "≥400"),
        ("2.1.1", 0, None, "优", Fraction(0), "1次"),  # the published cell, though it reads ≤1次
        ("2.1.2", " 有效 實施 ", None, "优", "有效 實施", "有效实施"),
    ],
)  # fmt: skip
def test_grade_row(
    indicator: str, value: object, unit: str | None, grade: str, magnitude: object, cell: str
) -> None:
    graded = grade_row(small.indicator(indicator), ResultRow(3, indicator, value, unit))
    assert (str(graded.grade), graded.value, graded.cell) == (grade, magnitude, cell)
    assert (graded.row, graded.given, graded.indicator.id) == (3, value, indicator)


@pytest.mark.parametrize(
    ("indicator", "value", "unit", "message"),
    [
        ("2.1.2", 3, None, "实施效果 is graded by label (有效实施, 能完整的实施, 基本上能实施, "
         "不能很好实施), not by the number 3"),
        ("2.1.2", "有效实施", "次",
         "实施效果 is graded by label (有效实施, 能完整的实施, 基本上能实施, 不能很好实施), "
         "not by a value in 次"),
        ("1.1.1", "-5%", None, "a rate cannot be negative: -5%"),
        ("1.1.1", "nan", None, "expected a finite number, got 'nan'"),
        ("1.1.1", " -Infinity ", None, "expected a finite number, got '-Infinity'"),
        ("1.1.1", "lots", None, "expected a number in percent, got 'lots'"),
        ("1.1.1", "9" * 1001, None, "too long for a value"),
        ("1.1.1", 95, "furlong", "unknown unit 'furlong'"),
        ("1.1.1", 95, "人", "a value in 人 cannot be read as percent"),
        ("1.2.1", 10**400, None,
         "expected a number a float can hold (within ±1.8e308), got 1e+400"),
        ("1.2.1", "1e999", None,
         "expected a number a float can hold, got '1e999' (beyond ±1.8e308)"),
        ("1.2.1", 2.5, None, "a count of 人 is a whole number, not 2.5"),
    ],
)  # fmt: skip
def test_a_row_that_cannot_be_graded_says_why(
    indicator: str, value: object, unit: str | None, message: str
) -> None:
    with pytest.raises(PerfscoreError) as raised:
        grade_row(small.indicator(indicator), ResultRow(3, indicator, value, unit))
    assert message in str(raised.value)
    assert raised.value.where.row is None  # unlocated: the caller says where


def test_a_row_the_reader_faulted_is_not_graded() -> None:
    row = ResultRow(3, "1.1.1", "95%", fault="the row has 3 cells under a header of 2")
    with pytest.raises(ResultsError, match="the row has 3 cells under a header of 2"):
        grade_row(small.indicator("1.1.1"), row)


@pytest.mark.parametrize(
    ("value", "unit", "ladder_unit", "magnitude"),
    [
        ("95%", None, "percent", Fraction(95)),
        (0.95, "1", "percent", Fraction(95)),
        (83, "%", "dimensionless", Fraction(83, 100)),
        (1_000_000, "元", "万元", Fraction(100)),
        ("-1.5E-1", None, "dimensionless", Fraction(-3, 20)),
        (Fraction(1, 3), None, "dimensionless", Fraction(1, 3)),
    ],
)
def test_row_magnitude_is_exact_in_the_ladders_unit(
    value: object, unit: str | None, ladder_unit: str, magnitude: Fraction
) -> None:
    assert row_magnitude(ResultRow(2, "x", value, unit), ladder_unit) == magnitude


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_a_float_row_reads_as_the_decimal_it_prints_as(number: float) -> None:
    assert row_magnitude(ResultRow(2, "x", number), "dimensionless") == Fraction(repr(number))


def test_grade_row_agrees_with_the_indicators_own_grade() -> None:
    for indicator in zanhuang.indicators():
        ladder = indicator.ladder
        values: list[object] = (
            list(ladder.labels) if ladder.categorical else [cut for cut, _ in ladder.compiled.cuts]
        )
        for value in values:
            try:
                expected = indicator.grade(value)
            except PerfscoreError:
                continue
            graded = grade_row(indicator, ResultRow(2, indicator.id, value))
            assert graded.grade is expected
            assert isinstance(graded.grade, Grade)


def test_score_reads_a_frames_rows_by_these_rules() -> None:
    frame = pd.DataFrame({"id": ["1.1.1", "1.1.1"], "value": ["95%", "96%"]})
    with pytest.raises(BadResults) as raised:
        perfscore.score(small, frame)
    (problem,) = raised.value.problems
    assert str(problem) == (
        "row 2, indicator 1.1.1: 1.1.1 is given twice (rows 2, 3); none is scored"
    )
