"""A national year from files on disk to the four frames: wall time and peak memory.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_national.py                 # 150,000 tables
    PYTHONPATH=src python benchmarks/bench_national.py --tables 15000  # a tenth of it

Workload: ``benchmarks/province.py``'s generator at national size: ``--tables`` department tables
(default 150,000; counties of 50 departments) shaped as the seed table (13 duties, 42 activities,
68 indicators) with the generator's cells, about 10 million results (numbers, and labels for the
qualitative ladders; 2 % missing). A first process writes them to a directory as two Parquet files,
``indicators.parquet`` (the columns of ``perfscore.indicator_frame``) and ``results.parquet``
(``table``, ``id``, ``value`` float, ``label`` text); a fresh process then times reading both,
putting the labels into the value column, and ``score_frame`` (method ``mean``) down to the four
frames, and reports the wall time and the peak resident memory (``resource.getrusage``) against
the targets (under 60 s and 8 GB). One table is checked against ``score``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from province import results_frame, workload

import perfscore
from perfscore.frames import tables_from_frame

TARGET_SECONDS = 60
TEXT_COLUMNS = ["table", "duty", "activity", "id", "优", "良", "中", "差", "unit", "name"]
TARGET_GB = 8


def indicator_rows(ladders: pd.DataFrame) -> pd.DataFrame:
    """The generated ladders as an indicator frame, built column-wise from the seed's layout."""
    seed = perfscore.indicator_frame(["zanhuang-hrss-2018"])
    width = len(seed)
    count = len(ladders) // width
    names = ("c" + (130101 + ladders["county"]).astype(str) + "-d"
             + (301 + ladders["department"]).astype(str))  # fmt: skip
    frame = pd.DataFrame({"table": names.to_numpy()})
    for column in ("duty", "activity", "id"):
        frame[column] = np.tile(seed[column].to_numpy(dtype=object), count)
    for column in ("优", "良", "中", "差", "unit"):
        frame[column] = ladders[column].to_numpy(dtype=object)
    frame["name"] = np.tile(seed["name"].to_numpy(dtype=object), count)
    frame["year"] = 2018
    return frame


def national_frames(tables: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicator frame and the results as the files hold them (``table``, ``id``, ``value``
    float, ``label`` text) for ``tables`` department tables (counties of 50 departments)."""
    counties = max(1, tables // 50)
    ladders, results = workload(counties=counties, departments=50, indicators=68, years=1)
    ids = perfscore.indicator_frame(["zanhuang-hrss-2018"])["id"].tolist()
    frame = results_frame(results, ids)
    value = frame["value"]
    is_label = value.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    numbers = np.where(is_label, np.nan, value.to_numpy(dtype=object)).astype(np.float64)
    labels = np.where(is_label, value.to_numpy(dtype=object), None)
    return indicator_rows(ladders), pd.DataFrame(
        {"table": frame["table"], "id": frame["id"], "value": numbers, "label": labels}
    )


def with_labels(raw: pd.DataFrame) -> pd.DataFrame:
    """The results as ``score_frame`` takes them: the labels put into the value column."""
    value: Any = raw["value"].to_numpy(dtype=object)
    has_label = raw["label"].notna().to_numpy()
    value[has_label] = raw["label"].to_numpy()[has_label]
    return pd.DataFrame({"table": raw["table"], "id": raw["id"], "value": value})


def generate(directory: Path, tables: int) -> None:
    indicators, results = national_frames(tables)
    indicators.to_parquet(directory / "indicators.parquet")
    results.to_parquet(directory / "results.parquet")


def score(directory: Path) -> None:
    start = time.perf_counter()
    # Text columns kept dictionary-encoded, as Parquet stores them (pandas categoricals): each
    # distinct text is held once, and score_frame reads a column's distinct cells once anyway.
    indicators = pd.read_parquet(directory / "indicators.parquet", read_dictionary=TEXT_COLUMNS)
    raw = pd.read_parquet(directory / "results.parquet", read_dictionary=["table", "id", "label"])
    results = with_labels(raw)
    del raw
    read = time.perf_counter() - start
    scores = perfscore.score_frame(indicators, results)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9  # KiB on Linux
    tables = scores.departments["table"].nunique()
    print(f"{tables:,} tables, {len(indicators):,} indicators, {len(results):,} results")
    print(f"  read both files       : {read:.1f} s")
    print(f"  files → four frames   : {wall:.1f} s (target < {TARGET_SECONDS} s)")
    print(f"  peak RSS              : {peak:.2f} GB (target < {TARGET_GB} GB)")
    if not scores.unscored.empty:
        raise SystemExit(f"{len(scores.unscored)} rows unscored")
    spot = scores.departments["table"].iloc[len(scores.departments) // 2]
    part = indicators[indicators["table"] == spot]
    table, _ = tables_from_frame(part)
    rows = results[results["table"] == spot]
    card = perfscore.score(table[spot], dict(zip(rows["id"], rows["value"], strict=True)))
    if scores.departments.set_index("table").loc[spot, "score"] != card.department.score:
        raise SystemExit("score_frame and score disagree")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tables", type=int, default=150_000)
    parser.add_argument("--score", type=Path, help=argparse.SUPPRESS)  # the timed child
    args = parser.parse_args()
    if args.score is not None:
        score(args.score)
        return
    with tempfile.TemporaryDirectory() as directory:
        start = time.perf_counter()
        generate(Path(directory), args.tables)
        print(f"(generated and written in {time.perf_counter() - start:.0f} s, not timed)")
        # A fresh process, so the peak memory is the scoring's alone.
        subprocess.run([sys.executable, __file__, "--score", directory], check=True)


if __name__ == "__main__":
    main()
