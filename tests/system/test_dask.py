"""The Dask recipe of docs/performance.md: partitions on `table`, the same figures as one call,
on Dask's synchronous scheduler and on a real cluster of two worker processes."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

import perfscore
from perfscore.tables import Table
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


def _by_table(frame: pd.DataFrame) -> Any:
    """The frame in two partitions on `table`. Sorted here first, stably, so that each table's
    rows keep their order (dask-expr 1.0 sorts the index with an unstable sort)."""
    ordered = frame.sort_values("table", kind="stable").set_index("table", drop=False)
    return dd.from_pandas(ordered, npartitions=2, sort=True)


def _assert_same_figures(scored: pd.DataFrame, whole: pd.DataFrame) -> None:
    """The figures of one call, table by table. Within a table the nodes are compared by id:
    Dask's sort on the index need not keep the order of a table's rows (dask-expr 1.0 does not)."""
    order = {t.name: k for k, t in enumerate(TABLES)}

    def ordered(frame: pd.DataFrame) -> pd.DataFrame:
        by = ["table", "id"] if "id" in frame.columns else ["table"]
        key = {"table": frame["table"].map(order)}
        frame = frame.sort_values(by, key=lambda c: key.get(str(c.name), c), kind="stable")
        return frame.reset_index(drop=True)

    pd.testing.assert_frame_equal(ordered(scored), ordered(whole), check_dtype=False)


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
    by_table = _by_table(results)
    assert by_table.npartitions == 2
    meta = whole.iloc[:0]
    scored = by_table.map_partitions(
        lambda part: _score_partition(part.reset_index(drop=True), level), meta=meta
    ).compute(scheduler="synchronous")
    _assert_same_figures(scored, whole)


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
    tables = _by_table(indicators)
    rows = _by_table(results)
    mapped = dd.map_partitions(_score_both, tables, rows, level, meta=whole.iloc[:0])
    assert mapped.npartitions >= 2
    scored = mapped.compute(scheduler="synchronous")
    assert set(scored["table"]) == {t.name for t in TABLES}
    _assert_same_figures(scored, whole)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A client of a real LocalCluster: two worker processes of one thread each, no dashboard.
    Shared by the module's tests, closed after them, its worker processes checked gone."""
    distributed = pytest.importorskip("distributed")
    psutil = pytest.importorskip("psutil")  # a dependency of distributed
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # a heartbeat cut short by the close is no news
            local_directory=tmp_path_factory.mktemp("dask"),
        ) as local,
        distributed.Client(local, timeout="60s") as client,
    ):
        workers = client.run(os.getpid)
        assert len(workers) == 2
        assert os.getpid() not in workers.values()
        yield client
    left = [pid for pid in workers.values() if psutil.pid_exists(pid)]
    assert not left, f"worker processes left running: {left}"


def _on_cluster(client: Any, collections: list[Any]) -> list[pd.DataFrame]:
    """Compute on the cluster (never the local scheduler), with a timeout rather than a hang."""
    distributed = pytest.importorskip("distributed")
    with distributed.get_task_stream(client) as stream:
        futures = client.compute(collections)
        frames = [future.result(timeout=120) for future in futures]
    ran_on = {task["worker"] for task in stream.data}
    assert ran_on, "no task ran on the cluster"
    assert ran_on <= set(client.scheduler_info()["workers"])
    return frames


def _score_shipped(part: pd.DataFrame, tables: dict[str, Table], level: str) -> pd.DataFrame:
    # On a worker: the tables arrived pickled with the task, the rows are this partition's.
    part = part.reset_index(drop=True)
    held = [tables[name] for name in part["table"].unique()]
    frame: pd.DataFrame = getattr(perfscore.score_frame(held, part), level)
    return frame


def test_two_worker_processes_give_one_calls_figures(cluster: Any) -> None:
    """The recipe from loaded tables on a real cluster: the tables are pickled to the worker
    processes with the tasks and score there as in one call, at every level."""
    results = _results()
    whole = perfscore.score_frame(TABLES, results)
    by_table = _by_table(results)
    tables = {t.name: t for t in TABLES}
    mapped = [
        by_table.map_partitions(
            _score_shipped, tables, level, meta=getattr(whole, level).iloc[:0]
        ).optimize()
        for level in _LEVELS
    ]
    for level, scored in zip(_LEVELS, _on_cluster(cluster, mapped), strict=True):
        _assert_same_figures(scored, getattr(whole, level))


def test_an_indicator_frame_on_two_worker_processes(cluster: Any) -> None:
    """The recipe from an indicator frame on a real cluster, both frames partitioned on table;
    a table without results is scored with every result missing, as in one call."""
    results = _results()
    results = results[results["table"] != TABLES[1].name]
    indicators = perfscore.indicator_frame(TABLES)
    whole = perfscore.score_frame(indicators, results)
    tables = _by_table(indicators)
    rows = _by_table(results)
    mapped = [
        dd.map_partitions(
            _score_both, tables, rows, level, meta=getattr(whole, level).iloc[:0]
        ).optimize()
        for level in _LEVELS
    ]
    for level, scored in zip(_LEVELS, _on_cluster(cluster, mapped), strict=True):
        assert set(scored["table"]) == {t.name for t in TABLES}
        _assert_same_figures(scored, getattr(whole, level))
