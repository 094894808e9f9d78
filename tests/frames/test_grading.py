"""perfscore.frames._grading: results graded column-wise, each row
the batch cannot grade passed to the single-value rule."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore.frames import _grading as frame_grading
from perfscore.frames._grading import Grading
from perfscore.frames._layout import Layout
from perfscore.grades import Grade
from perfscore.ladders._ladder import NEGATIVE_RATE
from perfscore.scoring._rows import ResultColumns
from tests.scoring_data import small, zanhuang


def test_the_numeric_column_never_takes_the_single_value_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: Any) -> Any:
        raise AssertionError("a float column went through the single-value path")

    monkeypatch.setattr(frame_grading, "grade_row", refuse)
    numeric = [i for i in zanhuang.indicators() if not i.ladder.categorical]
    frame = pd.DataFrame(
        {
            "table": zanhuang.name,
            "id": [i.id for i in numeric],
            "value": np.array([float(i.ladder.compiled.cuts[0][0]) for i in numeric]),
        }
    )
    scores = perfscore.score_frame([zanhuang], frame, method="proportional")
    assert scores.departments["graded"].item() == len(numeric)


# -- Grading itself ------------------------------------------------------------------------------

LAYOUT = Layout.of_tables({"small": small})


def grading(frame: pd.DataFrame, elsewhere: frozenset[str] = frozenset()) -> Grading:
    return Grading(LAYOUT, ResultColumns.of(frame, ("table", "id", "value")), elsewhere)


def test_each_row_finds_its_indicator_and_is_graded() -> None:
    graded = grading(
        pd.DataFrame(
            {
                "table": ["small"] * 4,
                "id": ["1.1.1", "完成率", "1.2.1", "2.1.2"],
                "value": ["100%", 85, 420, "有效实施"],
            }
        )
    )
    assert graded.found.tolist() == [0, 1, 2, 4]  # 完成率 is 1.1.2's name
    assert graded.code.tolist() == [3, 1, 2, -1, 3]  # 2.1.1 has no row: missing
    assert graded.row.tolist() == [0, 1, 2, -1, 3]
    assert graded.problems == []
    assert graded.unscored().empty
    assert [graded.value_of(g) for g in (0, 1, 2, 4)] == [
        Fraction(100), Fraction(85), Fraction(420), "有效实施",
    ]  # fmt: skip


def test_a_float_value_is_exact_as_the_decimal_it_prints_as() -> None:
    graded = grading(pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": [89.99]}))
    assert graded.value_of(0) == Fraction(8999, 100)
    assert graded.code[0] == Grade.FAIR.code


def test_rows_that_find_no_indicator_are_problems_in_row_order() -> None:
    graded = grading(
        pd.DataFrame(
            {
                "table": ["small", "small", "nosuch", "small", None, "targets"],
                "id": ["1.1.1", "1.1.1", "1.1.1", "1.9.9", None, "1.1"],
                "value": [1, 2, 3, 4, None, 5],
            }
        ),
        elsewhere=frozenset({"targets"}),
    )
    assert graded.found.tolist() == [0, 0, -1, -1, -2, -2]  # -2: layout, or scored elsewhere
    assert graded.bad_rows == [0, 2, 3]
    assert [str(p) for p in graded.problems] == [
        "row 2, table small, indicator 1.1.1: 1.1.1 is given twice (rows 2, 3); none is scored",
        "row 4, table nosuch, indicator 1.1.1: no table 'nosuch' among the 1 tables given",
        "row 5, table small, indicator 1.9.9: table small has no indicator '1.9.9'; "
        "did you mean '1.2.1', '1.1.2', '1.1.1'?",
    ]
    unscored = graded.unscored()
    assert unscored.columns.tolist() == ["row", "table", "id", "value", "reason", "message"]
    assert unscored["row"].tolist() == [2, 4, 5]
    assert unscored["table"].tolist() == ["small", "nosuch", "small"]
    assert graded.code.tolist() == [-1] * 5


def test_a_unit_column_converts_values_or_sends_the_row_down_the_single_path() -> None:
    graded = grading(
        pd.DataFrame(
            {
                "table": ["small"] * 3,
                "id": ["1.1.1", "1.1.2", "1.2.1"],
                "value": [0.95, 90, 420],
                "unit": ["1", None, "千人"],
            }
        )
    )
    assert graded.code.tolist()[:2] == [2, 2]
    assert graded.value_of(0) == Fraction(95)
    assert [str(p) for p in graded.problems] == [
        "row 4, table small, indicator 1.2.1: unknown unit '千人'"
    ]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-5%", NEGATIVE_RATE.format("-5%")),
        (-5, NEGATIVE_RATE.format("-5%")),
        (math.inf, "expected a finite number, got inf"),
        ("lots", "expected a number in percent, got 'lots'"),
        (True, "expected a number, got True"),
    ],
)
def test_what_the_batch_cannot_grade_the_single_path_words(value: object, reason: str) -> None:
    column = pd.Series([value], dtype=object)
    graded = grading(pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": column}))
    (problem,) = graded.problems
    assert problem.reason == reason
    assert graded.code[0] == -1


@given(st.lists(st.sampled_from([79.9, 80, 89.99, 90, 100, 101, "85%", "100%", None]), max_size=1))
def test_a_row_grades_as_score_grades_it(values: list[object]) -> None:
    results = {"1.1.1": values[0]} if values else {}
    frame = pd.DataFrame(
        {"table": ["small"] * len(results), "id": list(results), "value": list(results.values())},
        dtype=object,
    )
    card = perfscore.score(small, results)
    graded = grading(frame)
    expected = card.indicators()[0].grade
    assert graded.code[0] == (-1 if expected is None else expected.code)
