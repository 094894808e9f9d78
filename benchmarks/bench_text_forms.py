"""Benchmark: reading a self-evaluation form written in each text form, against a plain split.

Workload: one self-evaluation form (项目支出绩效自评表) of N indicator rows:
the title, the year, 项目名称 · 主管部门 · 实施单位, the header
一级指标 · 二级指标 · 三级指标 · 年度指标值 · 实际完成值 · 分值 · 得分 · 偏差原因分析及改进措施,
the rows with their level cells merged (产出指标(50分) over 数量指标 · 质量指标 · 时效指标 ·
成本指标, 效益指标(30分), 满意度指标(10分): a block of eleven rows repeated, each name told
apart by a place), targets as forms print them (``≥95%``, ``≤90万元``, ``=8个``, ``显著提升``,
``合规``), actuals, 分值 and 得分, a reason on some rows, and the 总分 line; written
from the one table of rows as:

- ``tab``: tab-separated, one row a line (a merged cell blank below its first row);
- ``pipe``: a markdown pipe table (``| a | b |``, a separator row);
- ``pipe-cells``: a page copy's pipes: each cell ended by ``|``, the cells a merged cell covered
  and the empty cells left out, a run of pipes where the row ends;
- ``per-line``: one cell per line, as a browser copies a page (cells apart by empty lines, an
  empty cell a line of a space, merged cells left out);
- ``spaced``: one row a line, cells apart by single spaces (empty and merged cells left out);
- ``flat``: the same cells, the whole form flattened onto one line;
- ``run``: every cell run together, no separator at all, the whole form one line.

N is 50, 500 and 5,000 rows (1×, 10×, 100×). Ours is ``perfscore.importing._sources.read_text``
(the text's form found, its rows put back into the header's columns, every row's findings);
``--import`` times ``import_table`` instead (the rows laid out as a targets table too). The
plain reference, timed in the same process right after ours, is the tokenisation a reader of
that form could not do less than: the text split into lines and the lines at their
separators (tabs, pipes, single spaces; for ``run``, a regular expression cutting the text into
runs of digits, comparison signs and other characters). ``× tab`` is ours on that form against
ours on the same rows as tab text. Each read runs in a fresh interpreter, after a read of 50
rows of other names (the notation's tables loaded; the readers cache what each cell's text
reads as, so a second read of the same text would be cheaper): the best of three processes at
1× and 10×, one at 100×; then the peak of the Python heap during a read in another process
(``tracemalloc``; ``× mem`` against the plain split's peak).
``right`` counts the indicator rows read back with their name, target, actual, 分值 and 得分
(a check that the figure is of a real reading, not of text left unread). Run from the
repository root:

    PYTHONPATH=src python benchmarks/bench_text_forms.py
    PYTHONPATH=src python benchmarks/bench_text_forms.py --forms run flat --scales 1 10

A figure, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BASE = 50
_MEASURE = """
import json, sys, time, tracemalloc
sys.path.insert(0, sys.argv[4])
from bench_text_forms import BASE, plain, right, table, write
from perfscore.importing import import_table
from perfscore.importing._sources import read_text
form, path, traced, whole = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[5] == "1"
text = open(path, encoding="utf-8").read()
split = plain(form)
def ours(text=text):
    if whole:
        return import_table(text, name="bench").findings
    return read_text(text)
# The notation's tables loaded, on rows of other names (a read of the same names would find
# its cells' readings cached): not timed.
ours(write(form, table(BASE)).replace("县", "旗"))
if traced:
    tracemalloc.start()
start = time.perf_counter()
result = ours()
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if traced else 0
held = tracemalloc.get_traced_memory()[0] if traced else 0  # ours' result, still held
tracemalloc.reset_peak()
start = time.perf_counter()
split(text)
plain_seconds = time.perf_counter() - start
plain_peak = tracemalloc.get_traced_memory()[1] - held if traced else 0
count = int(sys.argv[6])
read = [] if whole else [r.cells for r in result.rows if not r.prose]
print(json.dumps({"seconds": seconds, "plain": plain_seconds, "peak": peak,
                  "plain_peak": plain_peak, "right": right(table(count), read) if read else -1}))
"""
HEADER = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
    "偏差原因分析及改进措施",
)  # fmt: skip
#: One block of rows: (level 1, level 2, name, target, actual, 分值, 得分, reason).
BLOCK: tuple[tuple[str, ...], ...] = (
    ("产出指标(50分)", "数量指标", "补助村(社区)数量", "=8个", "8个", "8", "8", ""),
    ("产出指标(50分)", "数量指标", "培训农民人次", "≥500人次", "520人次", "6", "6", ""),
    ("产出指标(50分)", "数量指标", "新建高标准农田面积", "≥1.2万亩", "1.26万亩", "6", "6", ""),
    ("产出指标(50分)", "质量指标", "项目(工程)验收合格率", "≥95%", "96%", "8", "8", ""),
    ("产出指标(50分)", "质量指标", "补助资格合规性", "合规", "达成预期指标", "6", "5",
     "个别资料不全,已补齐"),
    ("产出指标(50分)", "时效指标", "资金拨付及时率", "100%", "98%", "8", "7",
     "部分资金未按期支付"),
    ("产出指标(50分)", "成本指标", "项目计划总投资", "≤90万元", "88.6万元", "8", "8", ""),
    ("效益指标(30分)", "经济效益指标", "带动农户增收", "≥11.376万元", "12万元", "10", "10", ""),
    ("效益指标(30分)", "社会效益指标", "受益脱贫人口数", "≥1000人", "1026人", "10", "10", ""),
    ("效益指标(30分)", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", "10",
     "10", ""),
    ("满意度指标(10分)", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", "10", "10",
     ""),
)  # fmt: skip
#: Where each round of the block is: a county, a town and a village, so every name is its own.
PLACES = (
    ("中江县", "稷山县", "萧县", "贵池区", "金寨县", "原州区", "临翔区", "永德县"),
    ("城关镇", "张庄寨镇", "棠溪镇", "马踏镇", "明朗镇", "青山乡", "河西乡", "古城镇"),
    ("河西村", "沙湾村", "新华村", "团结村", "和平村", "红星村", "光明村", "前进村"),
)
FORMS = ("tab", "pipe", "pipe-cells", "per-line", "spaced", "flat", "run")


def table(count: int) -> list[tuple[str, ...]]:
    """``count`` indicator rows, the block repeated, each name told apart by its place."""
    rows = []
    for k in range(count):
        level1, level2, name, *rest = BLOCK[k % len(BLOCK)]
        rounds = k // len(BLOCK)
        place = "".join(words[rounds // 8**i % 8] for i, words in enumerate(PLACES))
        rows.append((level1, level2, f"{place}{name}", *rest))
    return rows


def merged(rows: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The rows as printed: a level's cell once, blank below while it goes on."""
    out = []
    for k, row in enumerate(rows):
        above = rows[k - 1] if k else ("", "")
        block = k % len(BLOCK) == 0  # each block of rows its own merged cells
        level1 = "" if row[0] == above[0] and not block else row[0]
        level2 = "" if row[:2] == above[:2] and not block else row[1]
        out.append((level1, level2, *row[2:]))
    return out


_TITLE = ("项目支出绩效自评表", "(2022年度)")
_LABELS = (("项目名称", "村级补助及运转经费"), ("主管部门", "某县农业农村局"),
           ("实施单位", "某县张庄寨镇人民政府"))  # fmt: skip


def _grid(rows: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    total = sum(float(r[6]) for r in rows)
    return [*_LABELS, HEADER, *merged(rows), ("总分", f"{total:g}")]


def write(form: str, rows: Sequence[tuple[str, ...]]) -> str:
    """The form's text: the title lines, the labels, the header, the rows and the total."""
    grid = _grid(rows)
    if form == "tab":
        return "\n".join([*_TITLE, *("\t".join(r) for r in grid)]) + "\n"
    if form == "pipe":
        width = len(HEADER)
        head = ["| " + " | ".join(HEADER) + " |", "|---" * width + "|"]
        body = ["| " + " | ".join([*r, *[""] * (width - len(r))]) + " |" for r in grid]
        return "\n".join([*_TITLE, *body[:3], *head, *body[4:]]) + "\n"
    cells = [[c for c in r if c] for r in grid]
    if form == "pipe-cells":
        lines = [*([t] for t in _TITLE), *cells]  # the title's lines too, as a page copy writes
        return "\n".join(" | ".join(r) + " | |||" for r in lines) + "\n"
    if form == "per-line":
        lines = [*_TITLE, *(c or " " for r in grid[:3] + grid[3:] for c in _shown(r))]
        return "\n\n".join(lines) + "\n"
    if form == "spaced":
        return "\n".join([*_TITLE, *(" ".join(r) for r in cells)]) + "\n"
    if form == "flat":
        return " ".join([*_TITLE, *(" ".join(r) for r in cells)]) + "\n"
    if form == "run":
        return "".join([*_TITLE, *("".join(r) for r in cells)]) + "\n"
    raise ValueError(form)


def _shown(row: tuple[str, ...]) -> tuple[str, ...]:
    """A row as a browser copies it: the cells a merged cell covered are not there at all."""
    if len(row) != len(HEADER) or row == HEADER:
        return row
    start = 0 if row[0] else 1 if row[1] else 2
    return row[start:]


def plain(form: str) -> Callable[[str], int]:
    """The plain tokenisation of a form's text: how many pieces it cuts the text into."""
    import re

    pieces = re.compile(r"\d+(?:\.\d+)?|[≥≤=<>%]|[^\d≥≤=<>%]+")
    separator = {"tab": "\t", "pipe": "|", "pipe-cells": "|", "spaced": " ", "flat": " "}
    if form == "run":
        return lambda text: len(pieces.findall(text))
    if form == "per-line":
        return lambda text: len(text.splitlines())
    mark = separator[form]
    return lambda text: sum(len(line.split(mark)) for line in text.splitlines())


def right(rows: Sequence[tuple[str, ...]], read: Sequence[Sequence[str]]) -> int:
    """How many of ``rows`` come back with their name, target, actual, 分值 and 得分."""
    want = {(r[2], r[3], r[4], r[5], r[6]) for r in rows}
    names = {r[2] for r in rows}
    got = set()
    for cells in read:
        texts = [" ".join(c.split()) for c in cells]
        for k, text in enumerate(texts):
            if text in names and len(texts) >= k + 5:
                got.add(tuple(texts[k : k + 5]))
    return len(want & got)


def measure(form: str, path: Path, count: int, traced: bool, whole: bool) -> dict[str, Any]:
    here = str(Path(__file__).resolve().parent)
    argv = [form, str(path), "1" if traced else "0", here, "1" if whole else "0", str(count)]
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv], check=True, capture_output=True, text=True
    )
    figures: dict[str, Any] = json.loads(out.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", nargs="+", default=list(FORMS), choices=FORMS)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeats", type=int, default=3, help="runs at 1× and 10× (1 above)")
    parser.add_argument("--import", dest="whole", action="store_true", help="time import_table")
    args = parser.parse_args()
    what = "import_table" if args.whole else "read_text"
    print(f"python {platform.python_version()}; {what}; a fresh process each; "
          f"best of {args.repeats} processes up to 10×, one at 100×; heap in another")  # fmt: skip
    print(
        f"{'form':<11}{'scale':>6}{'rows':>7}{'KB':>6}{'s':>8}{'µs/row':>8}{'peak MB':>8}"
        f"{'KB/row':>7}{'× plain':>9}{'× mem':>7}{'× tab':>7}{'right':>7}"
    )
    tab: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for form in ["tab", *(f for f in args.forms if f != "tab")]:
            for scale in args.scales:
                count = BASE * scale
                path = Path(folder) / f"{form}-{scale}.txt"
                path.write_text(write(form, table(count)), encoding="utf-8")
                repeats = args.repeats if scale <= 10 else 1
                runs = [measure(form, path, count, False, args.whole) for _ in range(repeats)]
                run = min(runs, key=lambda r: r["seconds"])
                run |= {k: v for k, v in measure(form, path, count, True, args.whole).items()
                        if k.endswith("peak")}  # fmt: skip
                seconds = run["seconds"]
                tab.setdefault(scale, seconds)
                if form == "tab" and "tab" not in args.forms:
                    continue
                right_rows = "—" if run["right"] < 0 else f"{run['right']:,}"
                print(
                    f"{form:<11}{scale:>5}×{count:>7,}{path.stat().st_size / 1024:>6.0f}"
                    f"{seconds:>8.2f}{seconds / count * 1e6:>8.0f}"
                    f"{run['peak'] / 2**20:>8.1f}{run['peak'] / 1024 / count:>7.1f}"
                    f"{seconds / max(run['plain'], 1e-9):>9.0f}"
                    f"{run['peak'] / max(run['plain_peak'], 1):>7.1f}"
                    f"{seconds / max(tab[scale], 1e-9):>7.0f}{right_rows:>7}",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
