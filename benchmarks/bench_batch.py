"""Batch grading at a province's scale: compile time, grading speed, roll-up, peak memory.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_batch.py

It builds the workload of ``benchmarks/province.py`` (340,000 ladders, 3.4 million results),
compiles the ladders with ``LadderBook.from_frame``, grades every result with
``LadderBook.grade``, times a plain numpy reference kernel on the same rows in the same process,
checks that the two agree, and reports the figures. Then it scores one province-year for real
with ``perfscore.score_frame``: 5,000 department tables (the seed table's 13 duties, 42
activities and 68 indicators, with the workload's cells), their results graded in batch and rolled
up per activity, duty and department by the scoring methods.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from province import results_frame, tables, workload

import perfscore
from perfscore import LadderBook


def reference_kernel(
    index: pd.Index, bounds: npt.NDArray[np.float64], codes: npt.NDArray[np.int8]
) -> Callable[[Any, npt.NDArray[np.float64]], npt.NDArray[np.int8]]:
    """The plain numpy kernel: look each row's key up, gather its cut points, compare, sum.

    ``bounds`` is (keys × max cuts) float64, padded with +inf; ``codes`` (keys × max cuts + 1).
    """

    def grade(keys: Any, values: npt.NDArray[np.float64]) -> npt.NDArray[np.int8]:
        position = index.get_indexer(keys)
        passed = (bounds[position] <= values[:, None]).sum(axis=1)
        return codes[position, passed]

    return grade


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def allocated_at_peak(work: Callable[[], object]) -> int:
    """Bytes allocated at the peak of one call (numpy reports its buffers to tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--indicators", type=int, default=68)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is shown")
    parser.add_argument(
        "--string-keys", action="store_true", help="key ladders by text ('130101301005')"
    )
    args = parser.parse_args()

    start = time.perf_counter()
    ladders, results = workload(
        counties=args.counties,
        departments=args.departments,
        indicators=args.indicators,
        years=args.years,
    )
    if args.string_keys:
        ladders["key"] = ladders["key"].astype(str)
        results["key"] = results["key"].astype(str)
    generated = time.perf_counter() - start

    start = time.perf_counter()
    book = LadderBook.from_frame(ladders)
    compiled = time.perf_counter() - start

    # Qualitative ladders are the ones the frame gives no unit and no number (the workload's
    # only unit-less ladders); their results are labels, graded in a call of their own.
    labelled = results["key"].isin(ladders["key"][ladders["unit"].isna()]).to_numpy()
    numeric = results[~labelled]
    labels = results[labelled]
    keys = numeric["key"].to_numpy()
    values = numeric["value"].to_numpy()

    # The reference kernel's matrices, one row per key (not per distinct ladder), from the same
    # compiled cuts: both kernels grade with identical thresholds.
    width = max(len(ladder.compiled.cuts) for ladder in book.ladders)
    per_ladder_bounds = np.full((len(book.ladders), width), np.inf)
    per_ladder_codes = np.full((len(book.ladders), width + 1), -2, dtype=np.int8)
    for row, ladder in enumerate(book.ladders):
        if ladder.categorical:
            continue
        cuts = ladder.compiled.bounds()
        per_ladder_bounds[row, : len(cuts)] = cuts
        per_ladder_codes[row, : len(cuts) + 1] = ladder.compiled.codes
        per_ladder_codes[row, len(cuts) + 1 :] = ladder.compiled.codes[-1]
    distinct = {ladder: row for row, ladder in enumerate(book.ladders)}
    ladder_of_key = np.array([distinct[book[k]] for k in book.keys])
    reference = reference_kernel(
        book.keys, per_ladder_bounds[ladder_of_key], per_ladder_codes[ladder_of_key]
    )

    # Alternate the two kernels run by run, so a busy neighbour slows both alike.
    ours_times, reference_times = [], []
    for _ in range(args.runs):
        once, ours = best_of(1, lambda: book.grade(keys, values))
        ours_times.append(once)
        once, theirs = best_of(1, lambda: reference(keys, values))
        reference_times.append(once)
    ours_time = statistics.median(ours_times)
    reference_time = statistics.median(reference_times)
    ratio = statistics.median(a / b for a, b in zip(ours_times, reference_times, strict=True))
    ours_peak = allocated_at_peak(lambda: book.grade(keys, values))
    reference_peak = allocated_at_peak(lambda: reference(keys, values))
    assert isinstance(ours, np.ndarray)
    assert isinstance(theirs, np.ndarray)
    present = ~np.isnan(values)
    if not np.array_equal(ours[present], theirs[present]):
        raise SystemExit("the book and the reference kernel disagree")

    label_time, label_codes = best_of(
        args.runs, lambda: book.grade(labels["key"].to_numpy(), labels["label"].to_numpy())
    )

    codes = np.empty(len(results), dtype=np.int8)
    codes[~labelled] = ours
    assert isinstance(label_codes, np.ndarray)
    codes[labelled] = label_codes

    def roll_up(frame: pd.DataFrame, graded: npt.NDArray[np.int8]) -> pd.DataFrame:
        scored = frame[["county", "department", "year"]].assign(code=graded)
        scored = scored[scored["code"] >= 0]
        return scored.groupby(["county", "department", "year"], sort=False)["code"].mean()

    rollup_time, _ = best_of(args.runs, lambda: roll_up(results, codes))

    def province_decade() -> object:
        book = LadderBook.from_frame(ladders)
        graded = np.empty(len(results), dtype=np.int8)
        graded[~labelled] = book.grade(keys, values)
        graded[labelled] = book.grade(labels["key"].to_numpy(), labels["label"].to_numpy())
        return roll_up(results, graded)

    decade_time, _ = best_of(1, province_decade)

    # One province-year scored for real: tables, then score_frame (compile the 340,000 ladders,
    # grade, roll up per activity, duty and department).
    year_results = results[results["year"] == results["year"].max()]
    start = time.perf_counter()
    department_tables = tables(ladders)
    tables_time = time.perf_counter() - start
    ids = [i.id for i in department_tables[0].indicators()]
    mixed = results_frame(year_results, ids)  # numbers and labels in one object column
    numbers_only = results_frame(year_results, ids, labels=False)  # float64 column
    scored: dict[str, float] = {}
    outcomes: dict[str, object] = {}
    for name, frame, method in (
        ("mean", mixed, "mean"),
        ("proportional", mixed, "proportional"),
        ("mean, float column", numbers_only, "mean"),
    ):
        scored[name], outcomes[name] = best_of(
            1, lambda f=frame, m=method: perfscore.score_frame(department_tables, f, method=m)
        )
    # Texts such as "95.0" take the single-value path row by row: time them on 100 tables.
    few = department_tables[:100]
    sample = mixed[mixed["table"].isin({t.name for t in few})]
    as_text = sample.assign(value=[v if isinstance(v, str) else repr(v) for v in sample["value"]])
    text_time, _ = best_of(1, lambda: perfscore.score_frame(few, as_text))
    number_time, _ = best_of(1, lambda: perfscore.score_frame(few, sample))

    # Spot check: one department scored on its own by score gives the same figure.
    spot = department_tables[len(department_tables) // 2]
    rows_of_spot = mixed[mixed["table"] == spot.name]
    card = perfscore.score(spot, dict(zip(rows_of_spot["id"], rows_of_spot["value"], strict=True)))
    outcome = outcomes["mean"]
    assert isinstance(outcome, perfscore.FrameScores)
    if outcome.departments.set_index("table").loc[spot.name, "score"] != card.department.score:
        raise SystemExit("score_frame and score disagree")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux

    rows = len(results)
    missing = int(np.isnan(values).sum())
    cpus = len(os.sched_getaffinity(0))
    report = [
        ("machine", f"{platform.machine()}, {cpus} cpus, Python {platform.python_version()}, "
                    f"numpy {np.__version__}, pandas {pd.__version__}", ""),
        ("workload", f"{'text' if args.string_keys else 'integer'} keys, "
                     f"{len(ladders):,} ladders ({len(book.ladders)} distinct), {rows:,} results "
                     f"({len(numeric):,} numbers of which {missing:,} missing, "
                     f"{len(labels):,} labels); generated in {generated:.1f} s", ""),
        ("compile", f"{compiled:.2f} s (LadderBook.from_frame)", "< 10 s"),
        ("grade numbers", f"{ours_time * 1e3:.0f} ms, {ns(ours_time, len(numeric))} ns/row, "
                          f"{ours_peak / 2**20:.0f} MiB allocated at peak", ""),
        ("reference kernel", f"{reference_time * 1e3:.0f} ms, {ns(reference_time, len(numeric))}"
                             f" ns/row, {reference_peak / 2**20:.0f} MiB allocated at peak", ""),
        ("ratio", f"{ratio:.2f} × the reference kernel (median of {args.runs} paired runs)",
         "≤ 1.5"),
        ("grade labels", f"{label_time * 1e3:.0f} ms, {ns(label_time, len(labels))} ns/row", ""),
        ("stand-in roll-up", f"{rollup_time * 1e3:.0f} ms (NOT scoring: mean grade code per "
                             "county, department and year, a pandas groupby)", ""),
        ("ten years", f"{decade_time:.2f} s (compile + grade {rows:,} rows + stand-in roll-up)",
         ""),
        ("tables", f"{tables_time:.2f} s (load {len(department_tables):,} tables of 68 "
                   "indicators from mappings)", ""),
        ("score_frame", f"{scored['mean']:.2f} s (mean: compile + grade {len(mixed):,} rows "
                        "+ roll up per activity, duty, department)", ""),
        ("  proportional", f"{scored['proportional']:.2f} s (points from values)", ""),
        ("  float column", f"{scored['mean, float column']:.2f} s (mean, {len(numbers_only):,} "
                           "numbers, labels left out)", ""),
        ("  texts", f"{text_time:.2f} s for {len(as_text):,} values as texts ('95.0') on 100 "
                    f"tables, {number_time:.2f} s as numbers", ""),
        ("province-year", f"{tables_time + scored['mean']:.2f} s (tables + score_frame, mean)",
         "< 20 s"),
        ("peak memory", f"{peak / 2**30:.2f} GiB (ru_maxrss, the whole process)", "< 4 GB"),
    ]  # fmt: skip
    for name, figure, target in report:
        print(f"{name:<18} {figure}" + (f"   [target {target}]" if target else ""))


def ns(seconds: float, rows: int) -> str:
    return f"{seconds / max(rows, 1) * 1e9:.1f}"


if __name__ == "__main__":
    main()
