"""The two front ends agree: score_frame gives the figures score
gives, table by table, from tables, indicator frames and targets tables."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.scoring import METHODS
from perfscore.tables import Indicator
from tests.frames_data import (
    TABLES,
    assert_same_figures,
    candidates,
    frame_of,
    table_results,
    weights_of,
)
from tests.scoring_data import small, zanhuang
from tests.targets_data import load_targets, small_targets


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    method=st.sampled_from(sorted(METHODS)),
)
def test_figures_equal_scoring_table_by_table(data: st.DataObject, method: str) -> None:
    scores, cards = _both_front_ends(data, TABLES, method)
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


def test_a_row_with_only_a_note_is_reported_by_both_front_ends() -> None:
    """A row blank in its id and value (and table) but not in every cell is not layout: both
    front ends report it, each in its own words, and score the rest."""
    nan = float("nan")
    rows = pd.DataFrame(
        {"id": ["1.1.1", nan, None], "value": ["100%", nan, None], "note": [None, "备注", None]}
    )
    card = perfscore.score(small, rows, keep_going=True)
    tables = pd.Series(["small", nan, None], dtype=object)
    scores = perfscore.score_frame([small], rows.assign(table=tables), errors="coerce")
    assert [u.message for u in card.unscored] == [
        "row 3: the id is blank: each result row names its indicator"
    ]
    assert scores.unscored["message"].tolist() == [
        "row 3: the table is blank: each result row names its table"
    ]
    assert card.department.graded == scores.departments["graded"].item() == 1


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


FRAME = perfscore.indicator_frame(TABLES)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), method=st.sampled_from(sorted(METHODS)))
def test_an_indicator_frame_scores_as_score_does(data: st.DataObject, method: str) -> None:
    """A table → indicator_frame → score_frame equals score, exactly, weights and gaps included."""
    scores, cards = _both_front_ends(data, FRAME, method)
    assert scores.method == cards[zanhuang.name].method
    assert scores.unscored.empty
    assert_same_figures(scores, cards, published=False)
    assert scores.departments["year"].tolist() == [t.year for t in TABLES]


# -- score_frame equals score ---------------------------------------------------------------

values = st.one_of(
    st.integers(0, 1000),
    st.sampled_from(["达成", "部分达成", "未达成", "完成", "不适用", "满意", "9次", "600人次"]),
    st.none(),
)


@settings(max_examples=30)
@given(
    st.lists(st.tuples(st.sampled_from(["1.1", "1.2", "1.3"]), values), unique_by=lambda r: r[0])
)
def test_score_frame_equals_score_per_table(rows: list[tuple[str, object]]) -> None:
    table = load_targets(small_targets())
    fits = {"1.1": "600人次", "1.2": "9次"}
    usable = [
        (key, value)
        for key, value in rows
        if not (key == "1.3" and isinstance(value, int))
        and not (key != "1.3" and value == "满意")
        and not (value in fits.values() and fits.get(key) != value)
    ]
    results = pd.DataFrame(
        {
            "table": ["small"] * len(usable),
            "id": [k for k, _ in usable],
            "value": [v for _, v in usable],
        },
        dtype=object,
    )
    card = perfscore.score(table, dict(usable))
    frames = perfscore.score_frame([table], results)
    expected = card.to_frame()
    got = frames.targets.drop(columns=["table", "row"])
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.drop(columns=["row"]), check_dtype=False
    )
    assert frames.projects["total"].tolist() == [p.total for p in card.projects]


def _both_front_ends(
    data: st.DataObject, tables: Any, method: str
) -> tuple[perfscore.FrameScores, dict[str, perfscore.Scorecard]]:
    """Draw results and weights for every table, in a drawn row order; score them with
    score_frame (``tables``: the tables, or their indicator frame) and with score, table by
    table."""
    given = {t.name: data.draw(table_results(t), label=t.name) for t in TABLES}
    weights = {t.name: data.draw(weights_of(t), label=f"weights {t.name}") for t in TABLES}
    count = sum(len(r) for r in given.values())
    order = data.draw(st.permutations(range(count)), label="order")
    chosen = {name: w for name, w in weights.items() if w}
    scores = perfscore.score_frame(
        tables, frame_of(given, order), method=method, weights=chosen or None
    )
    cards = {
        t.name: perfscore.score(t, given[t.name], method=method, weights=weights[t.name])
        for t in TABLES
    }
    return scores, cards


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.floats(0, 1000, width=32), min_size=2, max_size=2))
def test_float32_results_of_a_targets_table_read_alike_in_both_front_ends(
    values: list[float],
) -> None:
    # A float32 stands for the decimal it prints as on both paths (np.float32(94.9) is 94.9).
    import numpy as np

    table = load_targets(small_targets())
    narrow = np.array(values, dtype=np.float32)
    card = perfscore.score(table, {"1.1": narrow[0], "1.2": narrow[1]})
    frame = pd.DataFrame({"table": ["small"] * 2, "id": ["1.1", "1.2"], "value": narrow})
    frames = perfscore.score_frame([table], frame)
    assert frames.projects["total"].tolist() == [p.total for p in card.projects]
    as_printed = {"1.1": Fraction(str(narrow[0])), "1.2": Fraction(str(narrow[1]))}
    assert card.exact == perfscore.score(table, as_printed).exact
