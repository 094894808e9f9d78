"""Benchmark: reading a web page's table and an old .xls sheet, against the parser library alone.

Workloads, each a goal form (一级 · 二级 · 三级指标 · 指标值 · 分值 · 预算数) whose level cells are
merged over ten rows, with a title and a 单位 line above it:

- ``html``: a page holding one ``<table>`` with ``rowspan`` cells, read by
  ``perfscore.importing._sources.read_source`` (spans expanded, cell texts, prose lines); the
  reference is lxml's HTML parse of the same bytes (``lxml.etree.fromstring`` with an
  ``HTMLParser``, as the reader parses) (the parse alone, no cell
  read). Sizes 50, 500 and 5,000 rows (1×, 10×, 100×).
- ``xls``: a BIFF workbook written with xlwt (merged ranges, a ``0%`` and a ``#,##0.00``
  column), read by ``read_source`` (the sheet chosen, every cell printed under its number
  format); the reference is ``xlrd.open_workbook(formatting_info=True)`` (the file parsed, no
  cell read). Sizes 100, 1,000 and 10,000 rows (1×, 10×, 100×; an .xls sheet holds at most
  65,536 rows).

For each file, in a fresh interpreter: the time of one read, the best of five reads interleaved
with five reads of the reference (so both meet the same load on a shared machine), and the
Python heap's peak during a read (``tracemalloc``, which does not see lxml's or xlrd's C
buffers); then, in a fresh interpreter for each, the peak resident size of one read above the
size after the imports (which does see them).
Run from the repository root (needs the ``test`` extra for xlwt):

    PYTHONPATH=src python benchmarks/bench_sources.py

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
from typing import Any

SIZES = {"html": (50, 500, 5_000), "xls": (100, 1_000, 10_000)}

_MEASURE = """
import json, resource, sys, time, tracemalloc
import lxml.etree, xlrd
from perfscore.importing._sources import read_source
path, format, how = sys.argv[1], sys.argv[2], sys.argv[3]
def ours():
    return len(read_source(path).rows)
def reference():
    if format == "html":
        with open(path, "rb") as file:
            return len(lxml.etree.fromstring(file.read(), lxml.etree.HTMLParser()))
    return xlrd.open_workbook(path, formatting_info=True).nsheets
if how == "rss":  # the peak resident size of one read, in a process of its own
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (ours if sys.argv[4] == "perfscore" else reference)()
    print(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base}))
    sys.exit()
seconds = {"perfscore": [], "reference": []}
rows = 0
for _ in range(5):  # interleaved, so both reads meet the same load on a shared machine
    for name, run in (("perfscore", ours), ("reference", reference)):
        start = time.perf_counter()
        result = run()
        seconds[name].append(time.perf_counter() - start)
        rows = result if name == "perfscore" else rows
heap = {}
tracemalloc.start()
for name, run in (("perfscore", ours), ("reference", reference)):
    tracemalloc.reset_peak()
    run()
    heap[name] = tracemalloc.get_traced_memory()[1]
print(json.dumps({"seconds": {k: min(v) for k, v in seconds.items()}, "heap": heap,
                  "rows": rows}))
"""


def _row(k: int) -> tuple[str, str, str, str, float, float]:
    return ("产出指标", f"数量指标{k // 10}", f"培训人次{k}", f"≥{k % 500}人次", 0.05, 1234.5 + k)


def write_html(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write('<html><head><meta charset="utf-8"><title>x</title></head><body>\n')
        file.write("<h3>某县2023年项目绩效目标表</h3><p>单位：万元</p>\n<table>\n")
        file.write("<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>")
        file.write("<th>分值</th><th>预算数</th></tr>\n")
        for k in range(rows):
            level1, level2, name, target, weight, budget = _row(k)
            merged = f'<td rowspan="10">{level1}</td><td rowspan="10">{level2}</td>'
            file.write(
                f"<tr>{merged if k % 10 == 0 else ''}<td>{name}</td><td>{target}</td>"
                f"<td>{weight:.0%}</td><td>{budget:,.2f}</td></tr>\n"
            )
        file.write("</table></body></html>\n")


def write_xls(path: Path, rows: int) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("目标表")
    percent = xlwt.easyxf(num_format_str="0%")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    sheet.write_merge(0, 0, 0, 5, "某县2023年项目绩效目标表")
    for c, word in enumerate(("一级指标", "二级指标", "三级指标", "指标值", "分值", "预算数")):
        sheet.write(1, c, word)
    for k in range(rows):
        level1, level2, name, target, weight, budget = _row(k)
        r = k + 2
        if k % 10 == 0:
            last = min(r + 9, rows + 1)
            sheet.write_merge(r, last, 0, 0, level1)
            sheet.write_merge(r, last, 1, 1, level2)
        sheet.write(r, 2, name)
        sheet.write(r, 3, target)
        sheet.write(r, 4, weight, percent)
        sheet.write(r, 5, budget, money)
    book.save(str(path))


def measure(path: Path, format: str, *how: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), format, *how],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures: dict[str, Any] = json.loads(out.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=list(SIZES), choices=list(SIZES))
    args = parser.parse_args()
    print(
        f"python {platform.python_version()}; best of 5 interleaved reads; rss: one read a process"
    )
    print(
        f"{'format':<7}{'rows':>7}{'KB':>7}{'ms':>8}{'µs/row':>8}{'× ref time':>11}"
        f"{'heap MB':>9}{'B/row':>7}{'× ref heap':>11}{'rss MB':>8}{'× ref rss':>10}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for format in args.formats:
            for rows in SIZES[format]:
                path = Path(folder) / f"t{rows}.{format}"
                (write_html if format == "html" else write_xls)(path, rows)
                run = measure(path, format, "time")
                rss = measure(path, format, "rss", "perfscore")["rss_kb"]
                rss_ref = measure(path, format, "rss", "reference")["rss_kb"]
                assert run["rows"] == rows + 3 - (format == "xls"), (format, rows, run)
                ours, plain = run["seconds"]["perfscore"], run["seconds"]["reference"]
                heap, heap_ref = run["heap"]["perfscore"], run["heap"]["reference"]
                print(
                    f"{format:<7}{rows:>7,}{path.stat().st_size / 1024:>7.0f}"
                    f"{ours * 1e3:>8.1f}{ours / rows * 1e6:>8.1f}{ours / plain:>11.1f}"
                    f"{heap / 2**20:>9.2f}{heap / rows:>7.0f}{heap / max(heap_ref, 1):>11.1f}"
                    f"{rss / 1024:>8.1f}{rss / max(rss_ref, 1):>10.1f}",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
