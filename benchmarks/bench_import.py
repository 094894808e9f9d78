"""Benchmark: reading published tables from .xlsx, .docx and .pdf at 1×, 10× and 100× sizes,
against the parser library's own reading of the same file.

Workloads, each the bundled 68-indicator table's rows (``zanhuang-hrss-2018``, in its published
nine-column layout) repeated to the size asked, under the two header rows:

- ``xlsx``: 100, 1,000 and 10,000 rows, each duty row merged across the grade columns and each
  activity's cells merged down its indicators (the merged ranges the quadratic reader paid
  for); the reference is ``openpyxl.load_workbook`` and every row's values;
- ``docx``: 100, 1,000 and 10,000 rows of one Word table; the reference is ``docx.Document``
  and a count of the table's rows (python-docx's ``row.cells`` rebuilds the table's grid on each
  call, which no reader of a long table can afford);
- ``pdf``: a ruled table over about 1, 10 and 100 pages (landscape A4, 8 pt); the reference is
  ``pdfplumber`` ``page.extract_text()`` over every page.

Ours is ``perfscore.importing._sources.read_source`` (the rows read: hidden content, formulas,
scans and every row accounted for); laying the rows out as a table is not timed here. Each
figure runs in a fresh interpreter: time and the growth of the resident size (RSS: what the
parsers' C libraries hold too, as lxml's trees) in one run, peak memory under tracemalloc
(Python's own allocations) in another. Run from the repository root:

    PYTHONPATH=src python benchmarks/bench_import.py
    PYTHONPATH=src python benchmarks/bench_import.py --formats pdf --scales 1 10

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

TABLE = "zanhuang-hrss-2018"
HEADER = (
    ("职责活动", "年度预算数", "内容描述", "绩效目标", "绩效指标", "评价标准", "", "", ""),
    ("", "", "", "", "", "优", "良", "中", "差"),
)
#: Rows at 1× for each format (a PDF page holds about 23 short rows with the header).
BASE = {"xlsx": 100, "docx": 100, "pdf": 23}

_MEASURE = """
import json, resource, sys, time, tracemalloc
fmt, path, how, traced = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"

def ours():
    from perfscore.importing._sources import read_source
    source = read_source(path)
    return sum(not r.prose for r in source.rows), len(source.findings)

def plain():
    if fmt == "xlsx":
        import openpyxl
        book = openpyxl.load_workbook(path)
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)), 0
    if fmt == "docx":
        import docx
        document = docx.Document(path)  # the parse; python-docx's row.cells is quadratic
        return sum(1 for _ in document.element.body.iter(docx.oxml.ns.qn("w:tr"))), 0
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return sum(len((p.extract_text() or "").splitlines()) for p in pdf.pages), len(pdf.pages)

run = ours if how == "perfscore" else plain
import openpyxl, docx, pdfplumber, perfscore.importing._sources  # imports are not timed
if traced:
    tracemalloc.start()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
rows, extra = run()
seconds = time.perf_counter() - start
rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) * 1024
peak = tracemalloc.get_traced_memory()[1] if traced else 0
print(json.dumps({"seconds": seconds, "peak": peak, "rss": rss, "rows": rows, "extra": extra}))
"""


def body(count: int) -> list[tuple[str, ...]]:
    """The bundled table's rows repeated to ``count`` rows."""
    import perfscore
    from perfscore.importing._export import rows

    once = list(rows(perfscore.load_table(TABLE)))
    return [once[k % len(once)] for k in range(count)]


def write_xlsx(path: Path, data: list[tuple[str, ...]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (*HEADER, *data):
        sheet.append(list(row))
    sheet.merge_cells("F1:I1")
    start: int | None = None
    for number, row in enumerate(data, start=len(HEADER) + 1):
        if row[4] == "":  # a duty row: merged across the grade columns
            sheet.merge_cells(start_row=number, start_column=5, end_row=number, end_column=9)
        if row[0] or row[4] == "":
            if start is not None and number - 1 > start:
                sheet.merge_cells(start_row=start, start_column=1, end_row=number - 1, end_column=1)
            start = number if row[4] else None
    book.save(path)


def write_docx(path: Path, data: list[tuple[str, ...]]) -> None:
    from xml.sax.saxutils import escape

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    table = document.add_table(rows=0, cols=9)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for row in (*HEADER, *data):
        cells = "".join(f"<w:tc><w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p></w:tc>" for t in row)
        table._tbl.append(parse_xml(f'<w:tr xmlns:w="{w}">{cells}</w:tr>'))
    document.save(str(path))


def write_pdf(path: Path, data: list[tuple[str, ...]]) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10)
    short = [tuple(t[:8] for t in row) for row in data]  # one line a cell: pages by rows
    cells = [[Paragraph(escape(t), style) for t in row] for row in (*HEADER, *short)]
    grid = Table(cells, colWidths=[w * mm for w in (40, 16, 55, 45, 38, 22, 22, 22, 22)],
                 repeatRows=2)  # fmt: skip
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])


def measure(fmt: str, path: Path, how: str, traced: bool) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, fmt, str(path), how, "1" if traced else "0"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures: dict[str, Any] = json.loads(out.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=["xlsx", "docx", "pdf"])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    writers = {"xlsx": write_xlsx, "docx": write_docx, "pdf": write_pdf}
    print(f"python {platform.python_version()}, rows of {TABLE} repeated; a fresh process each")
    print(
        f"{'format':<7}{'scale':>6}{'rows':>8}{'KB':>8}{'s':>8}{'µs/row':>9}{'peak MB':>9}"
        f"{'KB/row':>8}{'RSS MB':>8}{'× lib time':>11}{'× lib mem':>10}{'× lib RSS':>10}"
        "  reference"
    )
    references = {
        "xlsx": "openpyxl.load_workbook + iter_rows",
        "docx": "docx.Document + rows counted",
        "pdf": "pdfplumber extract_text",
    }
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats:
            for scale in args.scales:
                count = BASE[fmt] * scale
                path = Path(folder) / f"t-{scale}.{fmt}"
                writers[fmt](path, body(count))
                ours = measure(fmt, path, "perfscore", traced=False)
                plain = measure(fmt, path, "plain", traced=False)
                ours_mem = measure(fmt, path, "perfscore", traced=True)["peak"]
                plain_mem = measure(fmt, path, "plain", traced=True)["peak"]
                assert ours["rows"] >= count, (fmt, scale, ours)  # every row read
                pages = f", {plain['extra']} pages" if fmt == "pdf" else ""
                # The resident size is a high-water mark: a read that stays under the mark
                # importing left grows it by nothing, and no ratio is shown.
                grew = min(ours["rss"], plain["rss"]) >= 2**20
                rss_ratio = f"{ours['rss'] / plain['rss']:.2f}" if grew else "—"
                print(
                    f"{fmt:<7}{scale:>5}×{count:>8,}{path.stat().st_size / 1024:>8.0f}"
                    f"{ours['seconds']:>8.2f}{ours['seconds'] / count * 1e6:>9.0f}"
                    f"{ours_mem / 2**20:>9.1f}{ours_mem / 1024 / count:>8.1f}"
                    f"{ours['rss'] / 2**20:>8.0f}"
                    f"{ours['seconds'] / max(plain['seconds'], 1e-9):>11.2f}"
                    f"{ours_mem / max(plain_mem, 1):>10.2f}"
                    f"{rss_ratio:>10}  {references[fmt]}{pages}",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
