"""The analyst's views against plain pandas and matplotlib doing the same job, in one run.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_views.py [--tables 100]

Workload: the bundled 2018 table of 赞皇县人力资源和社会保障局 (68 indicators) scored with the two
invented results files in ``examples/``. Each view is timed (best of a few runs) beside a plain
reference that does the bare job, and the ratio is reported:

- ``Scorecard.to_excel`` (five sheets, number formats, fills, widths) against pandas writing
  ``card.to_frame()`` with openpyxl;
- ``FrameScores.to_excel`` for ``--tables`` copies of the table against pandas writing the same
  four frames to four sheets;
- ``perfscore.compare`` of two cards against a pandas merge of their ``summary()`` frames;
- ``Scorecard.plot`` (Agg, saved as PNG) against a bare ``ax.bar`` of the duty scores, saved.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd

import perfscore
from perfscore.views import NoChineseFont

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=100, help="copies of the table (batch)")
    args = parser.parse_args()
    warnings.simplefilter("ignore", NoChineseFont)
    table = perfscore.load_table("zanhuang-hrss-2018")
    first = perfscore.score(table, EXAMPLES / "zanhuang-hrss-2018-results.csv")
    second = perfscore.score(table, EXAMPLES / "zanhuang-hrss-2019-results.csv")
    results = pd.read_csv(EXAMPLES / "zanhuang-hrss-2018-results.csv", dtype=str)
    names = [f"t{k}" for k in range(args.tables)]
    batch = pd.concat([results[["id", "value"]].assign(table=name) for name in names])
    scores = perfscore.score_frame(dict.fromkeys(names, table), batch)
    out = Path(tempfile.mkdtemp())

    def plain_card() -> None:
        first.to_frame().to_excel(out / "plain-card.xlsx", engine="openpyxl", index=False)

    def plain_batch() -> None:
        with pd.ExcelWriter(out / "plain-batch.xlsx", engine="openpyxl") as writer:
            for name in ("indicators", "activities", "duties", "departments"):
                getattr(scores, name).to_excel(writer, sheet_name=name, index=False)

    def plain_compare() -> None:
        a, b = first.summary(), second.summary()
        merged = a[["duty", "name", "score", "grade"]].merge(
            b[["duty", "score", "grade"]], on="duty", suffixes=("_1", "_2")
        )
        merged["change"] = merged["score_2"] - merged["score_1"]

    def plain_plot() -> None:
        figure, ax = plt.subplots(figsize=(8, 4))
        ax.bar([d.id for d in first.duties], [d.score or 0 for d in first.duties])
        figure.savefig(out / "plain.png")
        plt.close(figure)

    def card_plot() -> None:
        ax = first.plot()
        figure = ax.get_figure(root=True)
        assert figure is not None
        figure.savefig(out / "card.png")
        plt.close("all")

    rows = sum(
        len(getattr(scores, n)) for n in ("indicators", "activities", "duties", "departments")
    )
    cases = [
        ("Scorecard.to_excel (68 indicators)",
         lambda: first.to_excel(out / "card.xlsx"), plain_card),
        (f"FrameScores.to_excel ({args.tables} tables, {rows} rows)",
         lambda: scores.to_excel(out / "batch.xlsx"), plain_batch),
        ("compare (2 cards)", lambda: perfscore.compare(first, second), plain_compare),
        ("Scorecard.plot, saved as PNG", card_plot, plain_plot),
    ]  # fmt: skip
    print(
        f"workload: zanhuang-hrss-2018 (68 indicators) scored twice; {args.tables} copies of it "
        "for the batch workbook; reference: plain pandas or matplotlib doing the bare job"
    )
    print(f"{'view':<48} {'perfscore':>10} {'reference':>10} {'ratio':>6}")
    for name, ours, reference in cases:
        runs = 1 if "FrameScores" in name else 5
        mine, plain = best_of(runs, ours), best_of(runs, reference)
        print(f"{name:<48} {mine:>9.3f}s {plain:>9.3f}s {mine / plain:>6.2f}")


if __name__ == "__main__":
    main()
