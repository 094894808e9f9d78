"""The export in every format against the writer library writing the same cells plainly, at
1×, 10× and 100× the bundled table, in one run: time and peak memory, per row and as ratios.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_export.py [--sizes 1,10,100] [--formats txt,pdf]

Workload: the bundled 2018 table of 赞皇县人力资源和社会保障局 (68 indicators in 81 rows of the
published layout), its duties repeated ``size`` times. Each export (``export_table``: the
published layout, merged cells, widths, wrapping) is timed (best of three, one run at 100×)
after every library is loaded, and its peak memory taken with tracemalloc in a run of its own,
beside a plain reference that writes the same cells with the same library and
nothing else: text joined with tabs; openpyxl appending the rows; python-docx filling a table
of the same shape; reportlab drawing a plain grid of the same strings. The export is linear when
its time per row stays flat from 1× to 100×.
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from typing import Any

import perfscore
from perfscore.importing import export_table
from perfscore.importing._export import grid


def repeated(times: int) -> perfscore.Table:
    """The bundled table with its duties repeated ``times`` times (ids renumbered)."""
    base: dict[str, Any] = perfscore.load_table("zanhuang-hrss-2018").model_dump(mode="json")
    duties = []
    for _ in range(times):
        for duty in base["duties"]:
            number = str(len(duties) + 1)
            activities = []
            for a, activity in enumerate(duty["activities"], start=1):
                indicators = [
                    {**indicator, "id": f"{number}.{a}.{i}"}
                    for i, indicator in enumerate(activity["indicators"], start=1)
                ]
                activities.append({**activity, "id": f"{number}.{a}", "indicators": indicators})
            duties.append({**duty, "id": number, "ordinal": None, "activities": activities})
    return perfscore.load_table({**base, "duties": duties})


def measured(work: Callable[[], object], runs: int) -> tuple[float, int]:
    """Seconds (best of ``runs``) and peak bytes allocated (in a run of its own, traced)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return min(times), peak


def plain_txt(cells: list[tuple[str, ...]]) -> str:
    return "\n".join("\t".join(row) for row in cells)


def plain_xlsx(cells: list[tuple[str, ...]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in cells:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plain_docx(cells: list[tuple[str, ...]]) -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    for row, texts in zip(table.rows, cells, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            if text:
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def plain_pdf(cells: list[tuple[str, ...]]) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    # Each cell cut to a line (a plain grid does not wrap), in the same font.
    grid = Table([[text[:12] for text in row] for row in cells], repeatRows=2)
    grid.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build([grid])
    return buffer.getvalue()


PLAIN: dict[str, Callable[[list[tuple[str, ...]]], object]] = {
    "txt": plain_txt,
    "xlsx": plain_xlsx,
    "docx": plain_docx,
    "pdf": plain_pdf,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="copies of the table's duties")
    parser.add_argument("--formats", default="txt,xlsx,docx,pdf")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    print(
        "workload: zanhuang-hrss-2018 (68 indicators) with its duties repeated "
        f"{', '.join(f'{s}×' for s in sizes)}; reference: the writer library writing the "
        "same cells plainly"
    )
    print(
        f"{'format':<6} {'size':>5} {'rows':>6} {'export':>9} {'µs/row':>8} {'peak MB':>8} "
        f"{'plain':>9} {'µs/row':>8} {'peak MB':>8} {'time ×':>7} {'mem ×':>6}"
    )
    small = repeated(1)
    for format in formats:  # each library imported and warmed up before any timing
        export_table(small, format)
        PLAIN[format]([*grid(small).header, *grid(small).body])
    for size in sizes:
        table = repeated(size)
        runs = 3 if size < 100 else 1
        layout = grid(table)
        cells = [*layout.header, *layout.body]
        for format in formats:
            mine, mine_peak = measured(partial(export_table, table, format), runs)
            plain, plain_peak = measured(partial(PLAIN[format], cells), runs)
            count = len(cells)
            print(
                f"{format:<6} {size:>4}× {count:>6} {mine:>8.3f}s {mine / count * 1e6:>8.0f} "
                f"{mine_peak / 2**20:>8.1f} {plain:>8.3f}s {plain / count * 1e6:>8.0f} "
                f"{plain_peak / 2**20:>8.1f} {mine / plain:>7.2f} {mine_peak / plain_peak:>6.2f}"
            )


if __name__ == "__main__":
    main()
