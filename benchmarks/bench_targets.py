"""Benchmark: a self-evaluation of the invented targets table, against a plain float reference.

The workload is ``perfscore.score`` on ``examples/targets-invented-2023.yaml`` with its results
(two projects, ten indicators and two budget items) given as a mapping, by the self-evaluation
method rounded to 0.01. The reference is the least such scoring must do: the same rules in plain
floats over pre-read numbers (met → full, 正向 proportional, 反向 linear, tiers, budget), with
nothing read, checked or kept. Then ``perfscore.score_frame`` scores 200 copies of the table in
one frame, against 200 calls of ``perfscore.score``. Run from the repository root:

    PYTHONPATH=src python benchmarks/bench_targets.py

A figure, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import platform
import timeit
from pathlib import Path

import pandas as pd

import perfscore

REPEATS = 9
NUMBER = 30
COPIES = 200

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "examples" / "targets-invented-2023.yaml"
RESULTS = ROOT / "examples" / "targets-invented-2023-results.csv"

# The rows as plain numbers: (分值, kind, target, actual); kind 正 / 反 / 达 / 部分.
PLAIN = [
    (20, "正", 1200, 1150), (15, "正", 95, 96), (10, "达", 0, 0), (20, "达", 0, 0),
    (15, "反", 3, 4), (10, "正", 90, 93), (20, "反", 0, 1), (20, "正", 29.5, 30),
    (40, "部分", 0, 0), (10, "正", 95, 90),
]  # fmt: skip
BUDGETS = [(10, 120, 114), (10, 300, 280)]


def reference() -> list[float]:
    """The same rules in floats, rounded to 0.01: the least any self-evaluation must do."""
    totals = [0.0, 0.0]
    for at, (weight, kind, target, actual) in enumerate(PLAIN):
        if kind == "正":
            points = weight if actual >= target else weight * actual / target
        elif kind == "反":
            if actual <= target:
                points = weight
            else:
                points = weight * max(0.0, 1 - (actual - target) / target) if target else 0.0
        elif kind == "部分":
            points = weight * 0.6
        else:
            points = weight
        totals[0 if at < 6 else 1] += round(points, 2)
    for at, (weight, planned, spent) in enumerate(BUDGETS):
        totals[at] += round(weight * min(1.0, spent / planned), 2)
    return totals


def main() -> None:
    table = perfscore.load_table(TABLE)
    frame = pd.read_csv(RESULTS, dtype=object)
    values = {row.id: row.value for row in frame.itertuples()}
    method = perfscore.SelfEvaluation(rounding="0.01")

    def scoring() -> None:
        perfscore.score(table, values, method=method)

    card = perfscore.score(table, values, method=method)
    expected = reference()
    got = [p.total for p in card.projects]
    assert all(abs(a - b) < 1e-9 for a, b in zip(got, expected, strict=True)), (got, expected)

    tables = {f"copy-{n}": table for n in range(COPIES)}
    many = pd.concat(
        [frame.assign(table=name) for name in tables], ignore_index=True
    )  # 2,400 result rows

    def frame_scoring() -> None:
        perfscore.score_frame(tables, many, method=method)

    def looped() -> None:
        for _ in tables:
            perfscore.score(table, values, method=method)

    print(f"workload: {TABLE.name}, {len(PLAIN)} indicators and {len(BUDGETS)} budget items")
    print(f"python {platform.python_version()}, {REPEATS} interleaved repeats, best")
    single = {"reference (floats)": reference, "perfscore.score(table, mapping)": scoring}
    best = dict.fromkeys(single, float("inf"))
    for _ in range(REPEATS):
        for name, function in single.items():
            best[name] = min(best[name], timeit.timeit(function, number=NUMBER) / NUMBER)
    for name, seconds in best.items():
        print(f"{name:34} {seconds * 1e6:10.1f} µs per call")
    ratio = best["perfscore.score(table, mapping)"] / best["reference (floats)"]
    print(f"ratio score/reference: {ratio:.0f}")
    batch = {"score x200 (loop)": looped, "score_frame(200 tables)": frame_scoring}
    best = dict.fromkeys(batch, float("inf"))
    for _ in range(3):
        for name, function in batch.items():
            best[name] = min(best[name], timeit.timeit(function, number=1))
    for name, seconds in best.items():
        print(f"{name:34} {seconds * 1e3:10.1f} ms")
    print(
        f"ratio score_frame/loop: {best['score_frame(200 tables)'] / best['score x200 (loop)']:.2f}"
    )


if __name__ == "__main__":
    main()
