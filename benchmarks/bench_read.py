"""Benchmark: reading results files of 10^4 … 10^6 rows, against a plain pandas.read_csv.

Workloads, each a CSV of ``id,value`` rows read against the bundled 68-indicator table
(``perfscore.scoring.read_results``: read, classified, graded or reported):

- ``valid``: the table's ids in turn with good values (so every id is given many times: one
  grouped problem per id, as a real file repeated by mistake);
- ``duplicated``: one row repeated;
- ``unknown``: a distinct id the table lacks on every row (suggestions for the first 20);
- ``blank``: blank lines after the header (layout, skipped), then one result.

The reference is ``pandas.read_csv(path, dtype=str)`` of the same file in the same run: a
columnar read doing no checking at all. Each measurement runs in a fresh interpreter, so peak
memory is the process's peak resident size less its size after imports. Run from the repository
root (10^7 rows: add ``--sizes 10000000``):

    PYTHONPATH=src python benchmarks/bench_read.py

A figure, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

TABLE = "zanhuang-hrss-2018"
WORKLOADS = ("valid", "duplicated", "unknown", "blank")

_MEASURE = """
import json, resource, sys, time, warnings
import pandas, perfscore
from perfscore.scoring import read_results
from perfscore.scoring._rows import rows_in
table = perfscore.load_table(sys.argv[1])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if sys.argv[3] == "pandas":
    frame = pandas.read_csv(sys.argv[2], dtype=str, skip_blank_lines=False)
    accounted = len(frame)
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = read_results(sys.argv[2], table)
    accounted = (len(results.graded) + len(results.blank)
                 + sum(rows_in(p) for p in results.problems))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
print(json.dumps({"seconds": seconds, "peak_kb": peak, "accounted": accounted}))
"""


def write(path: Path, workload: str, rows: int, ids: list[str]) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write("id,value\n")
        if workload == "blank":
            file.write("\n" * (rows - 1) + "1.1.1,95%\n")
            return
        for start in range(0, rows, 10_000):
            count = min(10_000, rows - start)
            if workload == "valid":
                lines = (f"{ids[(start + k) % len(ids)]},1\n" for k in range(count))
            elif workload == "duplicated":
                lines = ("1.1.1,95%\n" for _ in range(count))
            else:
                lines = (f"x.{start + k},1\n" for k in range(count))
            file.writelines(lines)


def measure(path: Path, how: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, TABLE, str(path), how],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures: dict[str, float] = json.loads(out.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--workloads", nargs="+", default=list(WORKLOADS), choices=WORKLOADS)
    args = parser.parse_args()
    import perfscore

    table = perfscore.load_table(TABLE)
    ids = [i.id for i in table.indicators() if not i.ladder.categorical]
    print(f"python {platform.python_version()}, table {TABLE}; one fresh process per figure")
    print(
        f"{'workload':<11}{'rows':>10}{'MB':>7}{'s':>8}{'µs/row':>8}{'peak MB':>9}"
        f"{'B/row':>7}{'× pandas time':>15}{'× pandas mem':>14}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for workload in args.workloads:
            for rows in args.sizes:
                path = Path(folder) / f"{workload}-{rows}.csv"
                write(path, workload, rows, ids)
                ours = measure(path, "perfscore")
                plain = measure(path, "pandas")
                expected = 1 if workload == "blank" else rows
                assert ours["accounted"] == expected, (workload, rows, ours)
                size = path.stat().st_size / 2**20
                peak = ours["peak_kb"] / 1024
                print(
                    f"{workload:<11}{rows:>10,}{size:>7.1f}{ours['seconds']:>8.2f}"
                    f"{ours['seconds'] / rows * 1e6:>8.2f}{peak:>9.1f}"
                    f"{ours['peak_kb'] * 1024 / rows:>7.0f}"
                    f"{ours['seconds'] / max(plain['seconds'], 1e-9):>15.1f}"
                    f"{ours['peak_kb'] / max(plain['peak_kb'], 1):>14.1f}",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
