"""Benchmark: scoring the 68-indicator table per call, against grading its values one by one.

The reference is the least any scoring must do: ``Ladder.grade`` on each of the 68 values. The
workload is ``perfscore.score`` on the same values given as a mapping (no file reading), with the
default method, so the ratio is what reading rows, the unit handling, the roll-up and building the
scorecard add. Run from the repository root:

    PYTHONPATH=src python benchmarks/bench_score.py

A figure, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import csv
import platform
import timeit
from pathlib import Path

import perfscore

REPEATS = 15
NUMBER = 40


def main() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    example = Path(__file__).resolve().parent.parent / "examples" / "zanhuang-hrss-2018-results.csv"
    with example.open(encoding="utf-8") as file:
        values = {row["id"]: row["value"] for row in csv.DictReader(file)}
    pairs = [(table.indicator(key).ladder, value) for key, value in values.items()]

    def reference() -> None:
        for ladder, value in pairs:
            ladder.grade(value)

    def scoring() -> None:
        perfscore.score(table, values)

    def scoring_file() -> None:
        perfscore.score(table, example)

    # The same grades both ways, or the comparison means nothing.
    card = perfscore.score(table, values)
    assert [i.grade for i in card.indicators()] == [ladder.grade(v) for ladder, v in pairs]

    print(f"workload: table {table.name}, {len(pairs)} indicators, one result each")
    print(
        f"python {platform.python_version()}, {REPEATS} interleaved repeats of {NUMBER} calls, best"
    )
    workloads = {
        "Ladder.grade x68 (reference)": reference,
        "perfscore.score(table, mapping)": scoring,
        "perfscore.score(table, csv file)": scoring_file,
    }
    # Interleaved, so a busy machine slows all three alike; the best of each is kept.
    figures = dict.fromkeys(workloads, float("inf"))
    for _ in range(REPEATS):
        for name, function in workloads.items():
            figures[name] = min(figures[name], timeit.timeit(function, number=NUMBER) / NUMBER)
    for name, best in figures.items():
        print(f"{name:34} {best * 1e3:8.3f} ms per call")
    base = figures["Ladder.grade x68 (reference)"]
    print(f"ratio score/reference: {figures['perfscore.score(table, mapping)'] / base:.2f}")
    print(f"ratio score(csv)/reference: {figures['perfscore.score(table, csv file)'] / base:.2f}")


if __name__ == "__main__":
    main()
