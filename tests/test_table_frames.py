"""score_frame from an indicator frame: the figures of score, and every bad row of it named."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.frames import tables_from_frame
from perfscore.frames._ladder_rows import TABLES_FRAME
from perfscore.scoring import METHODS
from tests.frames_data import TABLES, assert_same_figures, frame_of, table_results, weights_of

from .scoring_data import zanhuang

FRAME = perfscore.indicator_frame(TABLES)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), method=st.sampled_from(sorted(METHODS)))
def test_an_indicator_frame_scores_as_score_does(data: st.DataObject, method: str) -> None:
    """A table → indicator_frame → score_frame equals score, exactly, weights and gaps included."""
    given_ = {t.name: data.draw(table_results(t), label=t.name) for t in TABLES}
    weights = {t.name: data.draw(weights_of(t), label=f"weights {t.name}") for t in TABLES}
    count = sum(len(r) for r in given_.values())
    order = data.draw(st.permutations(range(count)), label="order")
    chosen = {name: w for name, w in weights.items() if w}
    scores = perfscore.score_frame(
        FRAME, frame_of(given_, order), method=method, weights=chosen or None
    )
    cards = {
        t.name: perfscore.score(t, given_[t.name], method=method, weights=weights[t.name])
        for t in TABLES
    }
    assert scores.method == cards[zanhuang.name].method
    assert scores.unscored.empty
    assert_same_figures(scores, cards, published=False)
    assert scores.departments["year"].tolist() == [t.year for t in TABLES]


def test_equal_cells_share_one_parsed_ladder() -> None:
    one = FRAME[FRAME["table"] == zanhuang.name]
    tables, problems = tables_from_frame(pd.concat([one, one.assign(table="again")]))
    assert not problems
    first, again = tables[zanhuang.name], tables["again"]
    assert all(
        a.ladder is b.ladder for a, b in zip(first.indicators(), again.indicators(), strict=True)
    )
    assert [i.ladder for i in first.indicators()] == [i.ladder for i in zanhuang.indicators()]


def _broken() -> pd.DataFrame:
    frame = FRAME[FRAME["table"] == zanhuang.name].copy()
    frame.loc[1, "良"] = "≥≥90%"  # row 3
    frame.loc[2, "weight"] = 0  # row 4
    frame.loc[3, "activity"] = "9.9"  # row 5: not the id's activity
    frame.loc[4, ["duty", "activity", "id"]] = ["1", "1.1", "1.1.1"]  # row 6: given twice
    frame.loc[5, "table"] = "Not A Name"  # row 7
    return frame


def test_bad_rows_of_the_tables_frame_are_all_named() -> None:
    results = pd.DataFrame({"table": [zanhuang.name], "id": ["1.1.1"], "value": [100]})
    with pytest.raises(perfscore.PerfscoreError) as raised:
        perfscore.score_frame(_broken(), results)
    problems = raised.value.problems  # type: ignore[attr-defined]
    ids = FRAME["id"].tolist()
    assert [(e.where.file, e.where.row, e.where.indicator, e.where.cell) for e in problems] == [
        (TABLES_FRAME, 3, ids[1], "良"),
        (TABLES_FRAME, 4, ids[2], "weight"),
        (TABLES_FRAME, 5, ids[3], "activity"),
        (TABLES_FRAME, 6, ids[0], "id"),
        (TABLES_FRAME, 7, ids[5], "table"),
    ]
    assert "tables frame, row 3, table zanhuang-hrss-2018, indicator 1.1.2, cell 良" in str(
        raised.value
    )


def test_coerce_lists_the_bad_rows_and_scores_the_rest() -> None:
    results = pd.DataFrame(
        {"table": [zanhuang.name] * 2, "id": ["1.1.1", "1.1.2"], "value": [100, 95]}
    )
    scores = perfscore.score_frame(_broken(), results, errors="coerce")
    unscored = scores.unscored
    assert unscored["message"].str.startswith(TABLES_FRAME).tolist()[:5] == [True] * 5
    assert unscored["row"].tolist() == [3, 4, 5, 6, 7, 3]  # then the result for 1.1.2
    assert unscored["value"].tolist()[:2] == ["≥≥90%", 0]
    assert scores.departments["total"].tolist() == [68 - 5]
    assert scores.departments["graded"].tolist() == [1]


def test_a_frame_without_the_needed_columns_is_refused() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="missing 优"):
        perfscore.score_frame(
            FRAME.drop(columns="优"), pd.DataFrame(columns=["table", "id", "value"])
        )


def test_a_frame_read_back_from_csv_and_parquet_scores_the_same(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    results = pd.DataFrame(
        {
            "table": [zanhuang.name] * 3,
            "id": ["1.1.1", "1.1.2", "10.3.1"],
            "value": [100, 92.5, "有效实施"],
        }
    )
    expected = perfscore.score_frame([zanhuang], results).departments
    FRAME.to_csv(tmp_path / "t.csv", index=False)
    FRAME.to_parquet(tmp_path / "t.parquet")
    for read in (
        pd.read_csv(tmp_path / "t.csv", dtype={"duty": str, "activity": str, "id": str}),
        pd.read_parquet(tmp_path / "t.parquet"),
    ):
        got = perfscore.score_frame(read, results).departments
        got = got[got["table"] == zanhuang.name].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_rows_find_their_indicator_when_every_table_has_ids_of_its_own() -> None:
    """Few shared ids make a table × id grid too large: the lookup hashes instead, same answers."""
    count = 3000
    frame = pd.DataFrame(
        {
            "table": [f"t{k}" for k in range(count)],
            "id": [f"1.1.{k + 1}" for k in range(count)],
            "优": "100%",
            "良": "≥90%",
            "中": "≥80%",
            "差": "<80%",
            "unit": "percent",
        }
    )
    results = pd.DataFrame(
        {"table": ["t7", "t9", "t9"], "id": ["1.1.8", "1.1.10", "1.1.8"], "value": [95, 85, 100]}
    )
    scores = perfscore.score_frame(frame, results, errors="coerce")
    graded = scores.indicators.dropna(subset=["grade"])
    assert graded[["table", "id", "grade"]].values.tolist() == [
        ["t7", "1.1.8", "良"],
        ["t9", "1.1.10", "中"],
    ]
    assert scores.unscored["row"].tolist() == [4]  # t9 has no indicator 1.1.8


def test_categorical_text_columns_score_the_same() -> None:
    """Text columns read dictionary-encoded (Parquet's read_dictionary, dtype='category')."""
    results = pd.DataFrame(
        {
            "table": [zanhuang.name] * 4,
            "id": ["1.1.1", "1.1.2", "10.3.1", "1.2.2"],
            "value": [100, 92.5, "有效实施", 470],
        }
    )
    expected = perfscore.score_frame(FRAME, results)
    text = ["table", "duty", "activity", "id", "优", "良", "中", "差", "unit", "name"]
    got = perfscore.score_frame(
        FRAME.astype(dict.fromkeys(text, "category")),
        results.astype({"table": "category", "id": "category"}),
    )
    for level in ("indicators", "activities", "duties", "departments"):
        pd.testing.assert_frame_equal(getattr(got, level), getattr(expected, level))
