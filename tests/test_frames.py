"""score_frame: the same figures as score table by table, and every bad row named."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.frames import _grading as frame_grading
from perfscore.scoring import METHODS
from perfscore.tables import Indicator
from tests.frames_data import (
    TABLES,
    assert_same_figures,
    candidates,
    frame_of,
    table_results,
    weighted,
    weights_of,
)

from .scoring_data import small, zanhuang


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    method=st.sampled_from(sorted(METHODS)),
)
def test_figures_equal_scoring_table_by_table(data: st.DataObject, method: str) -> None:
    given = {t.name: data.draw(table_results(t), label=t.name) for t in TABLES}
    weights = {t.name: data.draw(weights_of(t), label=f"weights {t.name}") for t in TABLES}
    count = sum(len(r) for r in given.values())
    order = data.draw(st.permutations(range(count)), label="order")
    chosen = {name: w for name, w in weights.items() if w}
    scores = perfscore.score_frame(
        TABLES, frame_of(given, order), method=method, weights=chosen or None
    )
    cards = {
        t.name: perfscore.score(t, given[t.name], method=method, weights=weights[t.name])
        for t in TABLES
    }
    assert scores.method == cards[zanhuang.name].method
    assert scores.unscored.empty
    assert_same_figures(scores, cards)


@settings(max_examples=30, deadline=None)
@given(data=st.data(), method=st.sampled_from(sorted(METHODS)))
def test_float_columns_and_units_give_the_same_figures(data: st.DataObject, method: str) -> None:
    """A float64 value column (the column-wise path), and fractions given with unit 1."""
    numeric = [i.id for i in zanhuang.indicators() if not i.ladder.categorical]
    ids = data.draw(st.lists(st.sampled_from(numeric), unique=True, min_size=1))
    chosen = [zanhuang.indicator(i) for i in ids]
    values = {}
    for indicator in chosen:
        value = data.draw(st.sampled_from([v for v in candidates(indicator)
                                           if isinstance(v, float)]))  # fmt: skip
        values[indicator.id] = value
    as_fraction = {i.id for i in chosen if i.ladder.unit == "percent" and data.draw(st.booleans())}
    frame = pd.DataFrame(
        {
            "table": zanhuang.name,
            "id": list(values),
            "value": [v / 100 if k in as_fraction else v for k, v in values.items()],
            "unit": pd.Series(["1" if k in as_fraction else None for k in values], dtype=object),
        }
    )
    scores = perfscore.score_frame([zanhuang], frame, method=method)
    card = perfscore.score(zanhuang, frame.drop(columns="table"), method=method)
    assert_same_figures(scores, {zanhuang.name: card})


def test_a_table_without_rows_is_scored_with_every_result_missing() -> None:
    frame = pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": [95.0]})
    scores = perfscore.score_frame([small, zanhuang], frame)
    department = scores.departments.set_index("table")
    assert department.loc["small", "score"] == 80
    assert department["score"].isna().tolist() == [False, True]
    assert department.loc[zanhuang.name, "grade"] is None
    assert department.loc[zanhuang.name, "graded"] == 0
    assert department.loc[zanhuang.name, "total"] == 68
    assert len(scores.indicators) == 68 + 5


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


def test_tables_by_name_by_mapping_and_alone() -> None:
    frame = pd.DataFrame({"table": ["hrss"], "id": ["1.1.1"], "value": ["100%"]})
    by_mapping = perfscore.score_frame({"hrss": "zanhuang-hrss-2018"}, frame)
    assert by_mapping.departments["table"].tolist() == ["hrss"]
    assert by_mapping.departments["score"].item() == 100
    named = frame.assign(table="zanhuang-hrss-2018")
    assert perfscore.score_frame("zanhuang-hrss-2018", named).departments["score"].item() == 100
    with pytest.raises(perfscore.PerfscoreError, match="two tables are named 'small'"):
        perfscore.score_frame([small, small], frame)


def test_weights_for_every_table_or_by_table() -> None:
    frame = pd.DataFrame(
        {"table": "small", "id": ["1.1.1", "1.2.1"], "value": [100, 300]}  # 1.1: 100, 1.2: 60
    )
    assert perfscore.score_frame([small], frame).duties["score"][0] == 80
    shared = perfscore.score_frame([small], frame, weights={"1.2": 3})
    by_table = perfscore.score_frame([small], frame, weights={"small": {"1.2": 3}})
    assert shared.duties["score"][0] == by_table.duties["score"][0] == 70
    with pytest.raises(perfscore.PerfscoreError, match="weights are given for table 'big'"):
        perfscore.score_frame([small], frame, weights={"big": {"1.2": 3}})


BAD = pd.DataFrame(
    {
        "table": ["small", "nosuch", "small", "small-weighted", "small", "small", "small", "small",
                  "small", "small", None],
        "id": ["1.1.9", "1.1.1", "1.2.1", "1.2.1", "1.1.2", "2.1.1", "2.1.2", "1.1.1", "1.1.1",
               "到位率", None],
        "value": [1, 1, 90, "many", float("inf"), -1, "做得很好", "95%", 0.9, "100%", None],
        "unit": [None, None, "percent", None, None, None, None, None, "1", None, None],
    }
)  # fmt: skip
MESSAGES = [
    "row 2, table small, indicator 1.1.9: table small has no indicator '1.1.9'; "
    "did you mean '1.1.2', '1.1.1'?",
    "row 3, table nosuch, indicator 1.1.1: no table 'nosuch' among the 2 tables given",
    "row 4, table small, indicator 1.2.1: a value in percent cannot be read as 人",
    "row 5, table small-weighted, indicator 1.2.1: expected a number in 人, got 'many'",
    "row 6, table small, indicator 1.1.2: expected a finite number, got inf",
    "row 7, table small, indicator 2.1.1: a count of 次 cannot be negative: -1",
    "row 8, table small, indicator 2.1.2: '做得很好' is not one of this ladder's labels "
    "(有效实施, 能完整的实施, 基本上能实施, 不能很好实施)",
    # One problem for the three rows giving 1.1.1, counting them all.
    "row 9, table small, indicator 1.1.1: 1.1.1 is given 3 times (rows 9, 10, 11); none is scored",
]


def test_every_bad_row_is_named_in_one_error() -> None:
    with pytest.raises(perfscore.ResultsError) as caught:
        perfscore.score_frame([small, weighted], BAD)
    lines = str(caught.value).splitlines()
    assert lines[0] == (
        "10 bad result rows; nothing was scored (fix them, or pass errors='coerce' to score "
        "the rest)"
    )
    assert [line.strip() for line in lines[1:]] == MESSAGES
    assert len(caught.value.problems) == 8  # type: ignore[attr-defined]
    problems: list[perfscore.PerfscoreError] = caught.value.problems  # type: ignore[attr-defined]
    assert sum(perfscore.scoring._rows.rows_in(p) for p in problems) == 10


def test_coerce_lists_the_bad_rows_and_scores_the_rest() -> None:
    good = pd.DataFrame({"table": "small-weighted", "id": ["1.1.1", "2.1.2"],
                         "value": pd.Series([None, "有效实施"], dtype=object)})  # fmt: skip
    frame = pd.concat([BAD, good], ignore_index=True)
    scores = perfscore.score_frame([small, weighted], frame, errors="coerce")
    unscored = scores.unscored
    assert unscored["row"].tolist() == list(range(2, 10))
    assert [m.strip() for m in unscored["message"]] == MESSAGES
    assert unscored["reason"].tolist()[1] == "no table 'nosuch' among the 2 tables given"
    assert unscored["table"].tolist()[1] == "nosuch"
    assert unscored["value"].tolist()[3] == "many"
    # small-weighted: 2.1.2 is scored (优) from row 14; 1.1.1 is missing, blank at row 13.
    indicators = scores.indicators.set_index(["table", "id"])
    assert indicators["grade"].notna().sum() == 1
    assert indicators.loc[("small-weighted", "2.1.2"), "label"] == "有效实施"
    assert indicators.loc[("small-weighted", "2.1.2"), "row"] == 14
    assert indicators.loc[("small-weighted", "1.1.1"), "row"] == 13
    departments = scores.departments.set_index("table")
    rows = frame[frame["table"] == "small-weighted"].drop(columns=["table", "unit"])
    card = perfscore.score(weighted, rows, keep_going=True)
    assert departments.loc["small-weighted", "score"] == card.department.score == 100
    assert departments["score"].isna().tolist() == [True, False]


def test_more_bad_rows_than_the_message_shows_are_all_kept() -> None:
    frame = pd.DataFrame({"table": "small", "id": [f"9.9.{k}" for k in range(30)], "value": 1})
    with pytest.raises(perfscore.ResultsError) as caught:
        perfscore.score_frame([small], frame)
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 + 20 + 1
    assert lines[-1].strip() == "… and 10 more (all in .problems; errors='coerce' lists them)"
    assert len(caught.value.problems) == 30  # type: ignore[attr-defined]


def test_a_frame_without_a_table_column_is_refused() -> None:
    with pytest.raises(perfscore.ResultsError, match=r"row 1: the results need the column table"):
        perfscore.score_frame([small], pd.DataFrame({"id": ["1.1.1"], "value": [1]}))
    with pytest.raises(perfscore.PerfscoreError, match="errors must be 'raise' or 'coerce'"):
        perfscore.score_frame([small], BAD, errors="ignore")  # type: ignore[arg-type]


class ValueAsPoints:
    """A method of one's own that prices the value itself (so score_frame must pass it exactly)."""

    name, flat = "value", False

    def points(
        self, indicator: Indicator, grade: perfscore.Grade, value: Fraction | str
    ) -> Fraction:
        return value if isinstance(value, Fraction) else Fraction(grade.code)

    def missing(self, indicator: Indicator) -> Fraction | None:
        return None

    def combine(self, scored: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
        return max(s for s, _ in scored)

    def grade(self, score: Fraction) -> perfscore.Grade:
        return perfscore.Grade.EXCELLENT if score >= 90 else perfscore.Grade.POOR


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_method_of_ones_own_gets_the_exact_values(data: st.DataObject) -> None:
    given = {t.name: data.draw(table_results(t), label=t.name) for t in TABLES}
    scores = perfscore.score_frame(TABLES, frame_of(given, []), method=ValueAsPoints())
    cards = {t.name: perfscore.score(t, given[t.name], method=ValueAsPoints()) for t in TABLES}
    assert scores.method == "value"
    assert_same_figures(scores, cards)


def test_score_and_score_frame_read_blank_nan_and_na_cells_alike() -> None:
    nan = float("nan")
    rows = pd.DataFrame(
        {
            "id": ["1.1.1", "1.1.2", nan, "1.2.1", "2.1.1"],
            "value": [0.95, "92%", nan, pd.NA, nan],
            "unit": ["1", nan, nan, nan, nan],
        }
    )
    card = perfscore.score(small, rows, keep_going=True)
    tables = rows.assign(table=["small", "small", nan, "small", "small"])
    scores = perfscore.score_frame([small], tables, errors="coerce")
    # 0.95 in unit 1 is 95% (良) · a NaN unit is blank · the row of NaN is layout · pd.NA is a
    # missing result · NaN beside an id is a bad number, in both.
    assert [(i.id, str(i.grade)) for i in card.indicators() if i.grade] == [
        ("1.1.1", "良"), ("1.1.2", "良"),
    ]  # fmt: skip
    indicators = scores.indicators.set_index("id")
    assert indicators.loc[["1.1.1", "1.1.2"], "grade"].tolist() == ["良", "良"]
    assert indicators.loc["1.2.1", "grade"] is None
    assert [u.message for u in card.unscored] == [
        "row 6, indicator 2.1.1: expected a finite number, got nan"
    ]
    assert scores.unscored["message"].tolist() == [
        "row 6, table small, indicator 2.1.1: expected a finite number, got nan"
    ]
    assert card.department.score == scores.departments["score"].item() == 80.0
    assert card.indicators()[2].row == indicators.loc["1.2.1", "row"] == 5


@pytest.mark.parametrize(
    ("tables", "weights", "message"),
    [
        (None, None, "tables are Tables, table files or bundled tables' names, not NoneType"),
        (5, None, "tables are Tables, table files or bundled tables' names, not int"),
        ([None], None, "a table is a Table, a table file or a bundled table's name, not NoneType"),
        (["small"], [("1", 2)], "weights are a mapping of id to weight, not list"),
    ],
)
def test_score_frame_refuses_arguments_of_the_wrong_type(
    tables: object, weights: object, message: str
) -> None:
    rows = pd.DataFrame({"table": ["small"], "id": ["1.1.1"], "value": ["100%"]})
    named = {"small": small} if tables == ["small"] else tables
    with pytest.raises(TypeError) as raised:
        perfscore.score_frame(named, rows, weights=weights)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_a_number_beyond_a_float_is_an_unscored_row_in_score_frame() -> None:
    rows = pd.DataFrame(
        {"table": ["small", "small"], "id": ["1.2.1", "1.1.1"], "value": [10**400, "100%"]}
    )
    scores = perfscore.score_frame([small], rows, errors="coerce")
    assert scores.unscored["message"].tolist() == [
        "row 2, table small, indicator 1.2.1: expected a number a float can hold "
        "(within ±1.8e308), got 1e+400"
    ]
    assert scores.departments["graded"].item() == 1
    card = perfscore.score(small, rows.drop(columns="table"), keep_going=True)
    assert [u.reason for u in card.unscored] == [scores.unscored["reason"].item()]


def test_an_indicator_frame_round_trips_through_csv(tmp_path: Any) -> None:
    frame = perfscore.indicator_frame(TABLES)
    assert len(frame) == sum(len(t) for t in TABLES)
    path = tmp_path / "indicators.csv"
    frame.to_csv(path, index=False)
    back = pd.read_csv(path, dtype={"duty": str, "activity": str, "id": str})
    for table in TABLES:
        rows = back[back["table"] == table.name]
        for indicator, (_, row) in zip(table.indicators(), rows.iterrows(), strict=True):
            cells = [None if pd.isna(row[g]) else row[g] for g in ("优", "良", "中", "差")]
            assert cells == [indicator.read_cells[g] for g in perfscore.GRADES]
            assert row["id"] == indicator.id
    weighted_row = frame[(frame["table"] == "small-weighted") & (frame["duty"] == "1")]
    assert (weighted_row["duty_weight"] == 3).all()
