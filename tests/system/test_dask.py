"""The Dask recipe of docs/performance.md: partitions on `table`, the same figures as one call."""

from __future__ import annotations

import pandas as pd
import pytest

import perfscore
from tests.frames_data import TABLES, candidates

dd = pytest.importorskip("dask.dataframe")
_LEVELS = ("activities", "duties", "departments")


def _results() -> pd.DataFrame:
    rows = []
    for t, table in enumerate(TABLES):
        for k, indicator in enumerate(table.indicators()):
            if (k + t) % 7 == 3:
                continue  # a missing result
            values = [v for v in candidates(indicator) if v is not None]
            value = values[(k * 5 + t) % len(values)]
            rows.append((table.name, indicator.id, value))
    return pd.DataFrame(rows, columns=["table", "id", "value"])


def _score_partition(part: pd.DataFrame, level: str) -> pd.DataFrame:
    # Each table's rows are all in one partition: score the tables this partition holds.
    present = set(part["table"])
    tables = [t for t in TABLES if t.name in present]
    frame: pd.DataFrame = getattr(perfscore.score_frame(tables, part), level)
    return frame


@pytest.mark.parametrize("level", _LEVELS)
def test_scoring_partitions_by_table_gives_one_calls_figures(level: str) -> None:
    results = _results()
    whole: pd.DataFrame = getattr(perfscore.score_frame(TABLES, results), level)
    # Partitioned on table: the index is the table, so no table spans two partitions.
    by_table = dd.from_pandas(results.set_index("table", drop=False), npartitions=2, sort=True)
    assert by_table.npartitions == 2
    meta = whole.iloc[:0]
    scored = by_table.map_partitions(
        lambda part: _score_partition(part.reset_index(drop=True), level), meta=meta
    ).compute(scheduler="synchronous")
    order = {t.name: k for k, t in enumerate(TABLES)}
    scored = scored.sort_values("table", key=lambda c: c.map(order), kind="stable")
    pd.testing.assert_frame_equal(
        scored.reset_index(drop=True), whole.reset_index(drop=True), check_dtype=False
    )


def _score_both(tables: pd.DataFrame, results: pd.DataFrame, level: str) -> pd.DataFrame:
    # Aligned on table: this partition's rows of the indicator frame and of the results.
    scores = perfscore.score_frame(tables.reset_index(drop=True), results.reset_index(drop=True))
    frame: pd.DataFrame = getattr(scores, level)
    return frame


@pytest.mark.parametrize("level", _LEVELS)
def test_an_indicator_frame_and_results_partitioned_together(level: str) -> None:
    """Both frames indexed by table: Dask aligns their partitions, and a table without results
    is still scored (every result missing), as in one call."""
    results = _results()
    results = results[results["table"] != TABLES[1].name]  # a table with no result at all
    indicators = perfscore.indicator_frame(TABLES)
    whole: pd.DataFrame = getattr(perfscore.score_frame(indicators, results), level)
    tables = dd.from_pandas(indicators.set_index("table", drop=False), npartitions=2, sort=True)
    rows = dd.from_pandas(results.set_index("table", drop=False), npartitions=2, sort=True)
    mapped = dd.map_partitions(_score_both, tables, rows, level, meta=whole.iloc[:0])
    assert mapped.npartitions >= 2
    scored = mapped.compute(scheduler="synchronous")
    order = {t.name: k for k, t in enumerate(TABLES)}
    scored = scored.sort_values("table", key=lambda c: c.map(order), kind="stable")
    assert set(scored["table"]) == {t.name for t in TABLES}
    pd.testing.assert_frame_equal(
        scored.reset_index(drop=True), whole.reset_index(drop=True), check_dtype=False
    )
