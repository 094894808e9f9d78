"""PDF files read into rows: ruled tables page by page, and the text above them as prose
(pdfplumber, the ``import`` extra).

[read_pdf][perfscore.importing._sources.read_pdf] gives these rows as a source; this module
reads the pages.
"""

from __future__ import annotations

from pathlib import Path

from ._repairs import join

__all__ = ["PdfRow", "pdf_rows"]

#: One row read: its cell texts, its number in the file, its page, and whether it is prose.
PdfRow = tuple[tuple[str, ...], int, int, bool]


def pdf_rows(path: str | Path) -> list[PdfRow]:
    """The ruled tables of a PDF, page by page, and the text above them as prose.

    The lines a cell wraps over are joined; a table continued on the next page keeps its
    rows in order, each with its page.
    """
    import pdfplumber

    rows: list[PdfRow] = []
    number = 0
    with pdfplumber.open(str(path)) as pdf:
        for page_number, page in enumerate(pdf.pages, start=1):
            tables = page.find_tables()
            top = min((t.bbox[1] for t in tables), default=page.height)
            above = page.crop((0, 0, page.width, top)).extract_text() if top > 1 else ""
            for line in (above or "").splitlines():
                number += 1
                if line.strip():
                    rows.append(((line.strip(),), number, page_number, True))
            for table in tables:
                for cells in table.extract():
                    number += 1
                    texts = tuple(_joined(c) for c in cells)
                    if any(texts):
                        rows.append((texts, number, page_number, False))
    return rows


def _joined(text: str | None) -> str:
    """A cell's wrapped lines, joined as a cut cell is joined
    (see [join][perfscore.importing._repairs.join])."""
    joined = ""
    for line in (text or "").splitlines():
        joined = join(joined, line)
    return joined
