"""A province-year scored by ``score_frame`` beside a plain pandas floor, alternated in one process.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_province_frame.py              # 5,000 tables, 3 rounds
    PYTHONPATH=src python benchmarks/bench_province_frame.py --counties 20 # 1,000 tables

Workload: ``benchmarks/province.py``'s province-year, 100 counties × 50 departments = 5,000
department tables shaped as the seed table (68 indicators), about 333,000 results (numbers and
labels in one column; 2 % missing). The tables are given to ``score_frame`` as one indicator frame
(``perfscore.indicator_frame``, one row per indicator, as read from CSV or Parquet), built once
before timing; reading it into tables (ladders parsed once per distinct cells) is timed, as part
of ``score_frame``.

The floor does only the work no scorer can skip, in plain pandas: merge the results with a frame
of numeric cut columns (three float thresholds per indicator), compare each value with the three
cuts, and take three groupby means (per activity, duty and table). It grades nothing exactly and
rolls nothing up by the scoring rules; it is a yardstick, not a scorer. ``score_frame`` (method
``mean``) and the floor run alternately; the ratio is taken round by round and its median reported.
"""

from __future__ import annotations

import argparse
import gc
import math
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from province import results_frame, tables, workload

import perfscore


def cut_frame(department_tables: list[perfscore.Table]) -> pd.DataFrame:
    """Three float cuts per indicator (NaN where a ladder has fewer), keyed by table and id, with
    each indicator's duty and activity (the strict floor reads them; the first splits ids)."""
    rows = []
    for table in department_tables:
        for indicator in table.indicators():
            cuts = [float(c) for c, _ in indicator.ladder.compiled.cuts[:3]]
            activity = indicator.id.rsplit(".", 1)[0]
            rows.append((table.name, indicator.id, activity.split(".")[0], activity, *cuts,
                         *[np.nan] * (3 - len(cuts))))  # fmt: skip
    return pd.DataFrame(rows, columns=["table", "id", "duty", "activity", "c1", "c2", "c3"])


def floor(results: pd.DataFrame, cuts: pd.DataFrame) -> pd.DataFrame:
    """The first floor: duty and activity split out of the ids inside the timed part."""
    merged = results.merge(cuts.drop(columns=["duty", "activity"]), on=["table", "id"],
                           how="right")  # fmt: skip
    value = pd.to_numeric(merged["value"], errors="coerce")
    merged["code"] = (
        (value >= merged["c1"]).astype(np.int8) + (value >= merged["c2"]) + (value >= merged["c3"])
    )
    activity = merged["id"].str.rsplit(".", n=1).str[0]
    duty = activity.str.split(".", n=1).str[0]
    merged.groupby([merged["table"], activity])["code"].mean()
    merged.groupby([merged["table"], duty])["code"].mean()
    return merged.groupby("table")["code"].mean().to_frame()


def strict_floor(results: pd.DataFrame, cuts: pd.DataFrame) -> pd.DataFrame:
    """The strict floor, as an analyst writes it: the duty and activity columns come with the cut
    frame, so nothing is split while timed; merge, compare with three cuts, three groupby means."""
    merged = results.merge(cuts, on=["table", "id"], how="right")
    value = pd.to_numeric(merged["value"], errors="coerce")
    merged["code"] = (
        (value >= merged["c1"]).astype(np.int8) + (value >= merged["c2"]) + (value >= merged["c3"])
    )
    merged.groupby(["table", "activity"], sort=False)["code"].mean()
    merged.groupby(["table", "duty"], sort=False)["code"].mean()
    return merged.groupby("table", sort=False)["code"].mean().to_frame()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--counties", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ladders, results = workload(counties=args.counties, departments=50, indicators=68, years=1)
    department_tables = tables(ladders)
    ids = [i.id for i in department_tables[0].indicators()]
    frame = results_frame(results, ids)
    cuts = cut_frame(department_tables)
    indicators = perfscore.indicator_frame(department_tables)
    ours: list[float] = []
    plain: list[float] = []
    strict: list[float] = []
    for _ in range(args.rounds):  # the three alternate, round by round
        gc.collect()
        start = time.perf_counter()
        scores = perfscore.score_frame(indicators, frame)
        ours.append(time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        floor(frame, cuts)
        plain.append(time.perf_counter() - start)
        gc.collect()
        start = time.perf_counter()
        strict_floor(frame, cuts)
        strict.append(time.perf_counter() - start)
    # Sample tables scored one by one by score: every activity, duty and department figure.
    by_table = dict(list(frame.groupby("table", sort=False)))
    for spot in department_tables[:: max(1, len(department_tables) // 7)]:
        part = by_table.get(spot.name, frame.iloc[:0])
        card = perfscore.score(spot, dict(zip(part["id"], part["value"], strict=True)))
        for level, nodes in (("activities", card.activities()), ("duties", card.duties)):
            got = getattr(scores, level)
            got = got[got["table"] == spot.name]
            expected = [(n.score, None if n.grade is None else n.grade.value) for n in nodes]
            found = [
                (None if math.isnan(score) else score, grade)
                for score, grade in zip(got["score"].tolist(), got["grade"].tolist(), strict=True)
            ]
            if expected != found:
                raise SystemExit(f"score_frame and score disagree on {spot.name} ({level})")
        department = scores.departments.set_index("table").loc[spot.name]
        if department["score"] != card.department.score:
            raise SystemExit(f"score_frame and score disagree on {spot.name}")
    ratios = [o / p for o, p in zip(ours, plain, strict=True)]
    strict_ratios = [o / s for o, s in zip(ours, strict, strict=True)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"workload: {len(department_tables):,} tables, {len(frame):,} results, "
          f"{args.rounds} alternated rounds")  # fmt: skip
    print(f"  score_frame (mean, from the indicator frame) : {statistics.median(ours):.2f} s")
    print(f"  pandas floor (ids split while timed)          : {statistics.median(plain):.2f} s")
    print(f"  strict pandas floor (duty, activity given)    : {statistics.median(strict):.2f} s")
    print(f"  ratio to the floor                            : {statistics.median(ratios):.2f}× "
          f"({min(ratios):.2f}–{max(ratios):.2f})")  # fmt: skip
    print(f"  ratio to the strict floor                     : "
          f"{statistics.median(strict_ratios):.2f}× ({min(strict_ratios):.2f}–"
          f"{max(strict_ratios):.2f})   [target ≤ 2.5]")  # fmt: skip
    print(f"  peak RSS                                      : {peak:.2f} GiB")


if __name__ == "__main__":
    main()
