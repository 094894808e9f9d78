"""perfscore.frames._target_rows: targets tables read back from an
indicator frame and scored as the tables are."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.frames._ladder_rows import TABLES_FRAME
from perfscore.frames._target_rows import target_rows, targets_from_frame
from perfscore.tables import TargetsTable, read_table

ROOT = Path(__file__).resolve().parents[2]


def _example() -> TargetsTable:
    table = read_table(ROOT / "examples" / "targets-invented-2023.yaml")
    assert isinstance(table, TargetsTable)
    return table


EXAMPLE = _example()
RESULTS = pd.read_csv(ROOT / "examples" / "targets-invented-2023-results.csv", dtype=str)
LADDERS = "zanhuang-hrss-2018"
FRAME = perfscore.indicator_frame([LADDERS, EXAMPLE])


def _shape(table: TargetsTable) -> tuple[object, ...]:
    """What a targets table is scored by (descriptive fields and readings left out)."""
    return (
        table.name, table.department.name, table.year, table.total, table.money_unit,
        [
            (p.id, p.name, p.budget, [
                (i.id, i.levels, i.name, i.op, i.read_target, i.unit, i.weight, i.direction)
                for i in p.indicators
            ])
            for p in table.projects
        ],
    )  # fmt: skip


def test_the_frame_reads_back_to_the_table() -> None:
    tables, problems = targets_from_frame(FRAME, target_rows(FRAME))
    assert not problems
    assert list(tables) == [EXAMPLE.name]
    assert _shape(tables[EXAMPLE.name]) == _shape(EXAMPLE)


def test_a_ladder_only_frame_has_no_targets_columns() -> None:
    assert "target" not in perfscore.indicator_frame([LADDERS]).columns
    assert not target_rows(perfscore.indicator_frame([LADDERS])).any()


LADDER_RESULTS = [("1.1.1", 100), ("1.1.2", 92.5), ("1.2.2", 470), ("10.3.1", "有效实施")]


def _results(rows: list[int], ladder_rows: list[int]) -> pd.DataFrame:
    chosen = RESULTS.iloc[rows]
    ladder = [LADDER_RESULTS[k] for k in ladder_rows]
    return pd.DataFrame(
        {
            "table": [EXAMPLE.name] * len(chosen) + [LADDERS] * len(ladder),
            "id": [*chosen["id"], *(key for key, _ in ladder)],
            "value": [*chosen["value"], *(value for _, value in ladder)],
        }
    )


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(st.integers(0, len(RESULTS) - 1), unique=True),
    ladder_rows=st.lists(st.integers(0, len(LADDER_RESULTS) - 1), unique=True),
)
def test_targets_rows_score_as_the_tables_do(rows: list[int], ladder_rows: list[int]) -> None:
    results = _results(rows, ladder_rows)
    expected = perfscore.score_frame([LADDERS, EXAMPLE], results)
    got = perfscore.score_frame(FRAME, results)
    for level in ("targets", "projects", "departments", "activities", "indicators"):
        pd.testing.assert_frame_equal(getattr(got, level), getattr(expected, level))
    assert got.unscored.empty


def test_refused_rows_are_named_and_the_rest_scored() -> None:
    frame = FRAME.copy()
    ours = frame["table"] == EXAMPLE.name
    at = dict(zip(frame.loc[ours, "id"], frame.index[ours].tolist(), strict=True))
    frame.loc[at["1.2"], "target"] = "≥≥95%"
    frame.loc[at["1.5"], "weight"] = 0
    frame.loc[at["2.1"], "budget"] = -3  # the project's budget: every row of project 2
    results = _results(list(range(len(RESULTS))), [0])
    scores = perfscore.score_frame(frame, results, errors="coerce")
    refused = scores.unscored[scores.unscored["message"].str.startswith(TABLES_FRAME)]
    assert refused[["row", "id"]].values.tolist() == [
        [at["1.2"] + 2, "1.2"],
        [at["1.5"] + 2, "1.5"],
        [at["2.1"] + 2, "2.1"],
    ]
    messages = refused["message"].tolist()
    assert f"row {at['1.2'] + 2}, table {EXAMPLE.name}, indicator 1.2, cell target" in messages[0]
    assert "cell weight" in messages[1]
    assert "cell budget" in messages[2]
    # Project 1 is scored without its two refused rows; project 2's rows are all refused.
    assert scores.projects["id"].tolist() == ["1"]
    assert sorted(scores.targets["id"]) == ["1.1", "1.3", "1.4", "1.6", "1.budget"]
    with pytest.raises(perfscore.PerfscoreError, match="cell target"):
        perfscore.score_frame(frame, results)


def test_a_frame_of_targets_tables_alone_needs_no_ladder_columns() -> None:
    alone = perfscore.indicator_frame([EXAMPLE])
    alone = alone.drop(columns=["duty", "activity", "优", "良", "中", "差"])
    results = _results(list(range(len(RESULTS))), [])
    expected = perfscore.score_frame([EXAMPLE], results)
    got = perfscore.score_frame(alone, results)
    pd.testing.assert_frame_equal(got.projects, expected.projects)


def test_a_table_with_both_kinds_of_row_is_refused() -> None:
    frame = FRAME.copy()
    frame.loc[frame["table"] == EXAMPLE.name, "table"] = LADDERS
    with pytest.raises(perfscore.PerfscoreError, match="ladder rows and targets rows"):
        perfscore.score_frame(frame, _results([], [0]))


@pytest.mark.parametrize(("column", "other"), [("department", "别的局"), ("year", 2019)])
def test_a_targets_row_whose_department_or_year_disagrees_is_reported(
    column: str, other: str | int
) -> None:
    from tests.targets_data import load_targets, small_targets

    frame = perfscore.indicator_frame([load_targets(small_targets())])
    frame.loc[2, column] = other
    tables, problems = targets_from_frame(frame, target_rows(frame))
    assert [(row, error.where.cell) for row, error, _ in problems] == [(4, column)]
    assert "(row 2)" in str(problems[0][1])
    assert [i.id for i in tables["small"].projects[0].indicators] == ["1.1", "1.2"]


def test_a_bare_target_reads_the_same_through_an_indicator_frame() -> None:
    table = perfscore.load_table({
        "kind": "targets", "name": "bare", "department": {"name": "某局"}, "year": 2023,
        "projects": [{"id": "1", "name": "某项目", "indicators": [
            {"id": "1.1", "name": "培训人次", "target": "100", "weight": 50},
            {"id": "1.2", "name": "安全事故发生次数", "target": "1", "weight": 50}]}]})  # fmt: skip
    assert isinstance(table, TargetsTable)
    frame = perfscore.indicator_frame([table])
    tables, problems = targets_from_frame(frame, target_rows(frame))
    assert not problems
    back = tables["bare"]
    for one, other in zip(table.indicators(), back.indicators(), strict=True):
        assert one.parsed == other.parsed
        assert one.inferred_direction == other.inferred_direction is not None


def test_a_goal_block_reads_back_through_an_indicator_frame() -> None:
    table = perfscore.load_table({
        "kind": "targets", "name": "block", "department": {"name": "某局"}, "year": 2023,
        "projects": [{"id": "1", "name": "某项目", "block": 80,
                      "budget": {"planned": 10, "weight": 20}, "indicators": [
            {"id": "1.1", "name": "培训人次", "target": "≥100", "weight": 60},
            {"id": "1.2", "name": "覆盖率", "target": "≥90%", "weight": 40}]}]})  # fmt: skip
    assert isinstance(table, TargetsTable)
    frame = perfscore.indicator_frame([table])
    tables, problems = targets_from_frame(frame, target_rows(frame))
    assert not problems
    assert tables["block"].projects[0].block == 80
    assert tables["block"] == table
