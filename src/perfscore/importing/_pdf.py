"""PDF files read into rows: ruled tables page by page, tables without ruling lines by the
words' positions, and the text above them as prose (pdfplumber, the ``import`` extra).

[read_pdf][perfscore.importing._sources.read_pdf] gives these rows as a source; this module
reads the pages, one at a time: each page's objects are let go once it is read, so memory
stays that of one page however long the file.
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from perfscore.errors import PerfscoreError

from ._findings import ImportFinding, Place
from ._repairs import join

__all__ = ["MAX_COLUMNS", "MAX_CROSSINGS", "WRAP", "PdfRow", "pdf_rows"]

#: One row read: its cell texts, its number in the file, its page, and whether it is prose.
PdfRow = tuple[tuple[str, ...], int, int, bool]

#: A page whose ruling lines could cross at more points than this is not searched for ruled
#: cells (the search grows with the square of the crossings; a dense real table has a few
#: hundred): its words are placed by position instead, with a finding.
MAX_CROSSINGS: Final = 1500


def pdf_rows(path: str | Path) -> tuple[list[PdfRow], list[ImportFinding]]:
    """The tables of a PDF, page by page, and the text above them as prose; and what reading
    them could not do (a page with no text layer, ruling lines too many to search).

    A ruled table's cells are its ruled cells, the lines a cell wraps over joined. A table
    without ruling lines is read by the words' positions: its columns from the header's words
    (a header over sub-headers, as 评价标准 over 优 良 中 差, gives the sub-headers' columns),
    its lines from the words' heights, and a line closer to the one above than rows stand
    apart is a cell's wrapped line, joined to it. A table continued on the next page keeps its
    rows in order, each with its page. A file with no text at all (scanned pages) is an error.
    """
    import pdfplumber

    reader = _Reader()
    with pdfplumber.open(str(path)) as pdf:
        for page_number, page in enumerate(pdf.pages, start=1):
            try:
                reader.page(page, page_number)
            finally:
                page.close()  # the page's parsed objects, which would stay until the end
        pages = len(pdf.pages)
    if pages and reader.scans == pages:
        raise PerfscoreError(
            f"no page of the file has a text layer (all {pages} are images: a scan?); run "
            "OCR on it (for example ocrmypdf) or type the table, and import that"
        ).located(file=Path(path).name)
    return reader.rows, reader.findings


@dataclass
class _Chunk:
    """A run of words on one line close enough to be one cell's text."""

    text: str
    x0: float
    x1: float
    top: float


@dataclass
class _Reader:
    rows: list[PdfRow] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    number: int = 0
    scans: int = 0
    header: tuple[str, ...] = ()
    bounds: list[float] | None = None  # the x where each column but the first starts
    ruled: bool = False  # whether a ruled table was found on an earlier page

    def page(self, page: Any, number: int) -> None:
        if not page.chars:
            self.scans += 1
            if page.images:
                self._note(
                    number,
                    "",
                    f"page {number} has no text layer (an image: a scanned page?), so nothing "
                    "was read from it; run OCR on the file (for example ocrmypdf) or type the "
                    "page's rows",
                    "scan",
                )
            return
        crossings = _crossings(page)
        if crossings > MAX_CROSSINGS:
            self._note(
                number,
                "",
                f"the page's ruling lines could cross at {crossings:,} points, more than a "
                "table has: its words were placed by position instead of by ruled cells",
                "source",
            )
            tables = []
        else:
            tables = page.find_tables()
        if tables:
            self.ruled = True
            self._ruled(page, number, tables)
        elif self.ruled and crossings <= MAX_CROSSINGS:
            self._ruled(page, number, [])  # a page of notes after a ruled table: prose
        else:
            self._placed(page, number)

    def _note(self, page: int, text: str, action: str, kind: str) -> None:
        self.findings.append(ImportFinding(Place(page=page), text, action, kind=kind))

    def _ruled(self, page: Any, number: int, tables: list[Any]) -> None:
        top = min((t.bbox[1] for t in tables), default=page.height)
        above = page.crop((0, 0, page.width, top)).extract_text() if top > 1 else ""
        for line in (above or "").splitlines():
            self.number += 1
            if line.strip():
                self.rows.append(((line.strip(),), self.number, number, True))
        for table in tables:
            for cells in table.extract():
                self.number += 1
                texts = tuple(_joined(c) for c in cells)
                if any(texts):
                    self.rows.append((texts, self.number, number, False))

    def _placed(self, page: Any, number: int) -> None:
        """A page without ruled tables: lines of chunks, placed in the header's columns."""
        size = statistics.median(c["size"] for c in page.chars) or 10.0
        words = page.extract_words(
            keep_blank_chars=True, x_tolerance=0.8 * size, y_tolerance=0.4 * size
        )
        lines = _lines(words, 0.5 * size)
        start, fixed = 0, []
        if self.bounds is None or _header_at(lines, self.header) is not None:
            at = _header_at(lines, self.header) if self.bounds is not None else _first_table(lines)
            if at is None:
                for line in lines:  # no table on the page: its text is prose
                    self._prose(line, number)
                return
            for line in lines[:at]:
                self._prose(line, number)
            self.header = tuple(c.text for c in lines[at])
            block = at + 1  # the header's wrapped lines: as close as a cell's lines are
            while (
                block < len(lines) and lines[block][0].top - lines[block - 1][0].top < 1.45 * size
            ):
                block += 1
            self.bounds, sub = _columns(lines, at, block)
            start, fixed = at, [block - at] + [1] * sub
        self._table(lines[start:], number, size, fixed)

    def _prose(self, line: list[_Chunk], number: int) -> None:
        self.number += 1
        self.rows.append((((" ".join(c.text for c in line)),), self.number, number, True))

    def _table(self, lines: list[list[_Chunk]], number: int, size: float, fixed: list[int]) -> None:
        """Lines placed in the columns, a line closer to the one above than rows stand apart
        joined to its row; the first lines in rows of ``fixed`` lines each (the header, its
        sub-headers)."""
        assert self.bounds is not None
        row: list[str] | None = None
        ends = [sum(fixed[: k + 1]) for k in range(len(fixed))]
        previous: float | None = None
        for k, line in enumerate(lines):
            self.number += 1
            if _crosses(line, self.bounds):
                self._flush(row, number)
                row, previous = None, None
                self._prose(line, number)
                continue
            cells = self._placed_cells(line)
            if k < (ends[-1] if ends else 0):
                wrapped = k not in ends and k > 0
            else:
                wrapped = previous is not None and line[0].top - previous < WRAP * size
                wrapped = wrapped and k != (ends[-1] if ends else 0)
            if row is not None and wrapped:
                row = [join(a, b) for a, b in zip(row, cells, strict=True)]
            else:
                self._flush(row, number)
                row = cells
            previous = line[0].top
        self._flush(row, number)

    def _placed_cells(self, line: list[_Chunk]) -> list[str]:
        assert self.bounds is not None
        cells = [""] * (len(self.bounds) + 1)
        for chunk in line:
            column = bisect.bisect_right(self.bounds, chunk.x0 + 1)
            cells[column] = join(cells[column], chunk.text) if cells[column] else chunk.text
        return cells

    def _flush(self, row: list[str] | None, number: int) -> None:
        if row is not None and any(row):
            self.rows.append((tuple(row), self.number, number, False))


def _crossings(page: Any) -> int:
    """At most how many points the page's ruling lines cross at: the distinct heights of its
    horizontal edges times the distinct places of its vertical ones (3 points apart, as
    pdfplumber snaps them)."""
    heights, places = set(), set()
    for edge in page.edges:
        if edge["orientation"] == "h":
            heights.add(round(edge["top"] / 3))
        else:
            places.add(round(edge["x0"] / 3))
    return len(heights) * len(places)


#: A line closer to the one above than this many times the text's size is the same cell's
#: next line (a cell's lines stand about 1.2 sizes apart, rows at least 1.6 with padding).
WRAP: Final = 1.45


def _wraps(above: list[_Chunk], line: list[_Chunk], size: float) -> bool:
    return line[0].top - above[0].top < WRAP * size


def _lines(words: list[dict[str, Any]], tolerance: float) -> list[list[_Chunk]]:
    """Words as lines (by their tops, within ``tolerance``), each in order of x."""
    lines: list[list[_Chunk]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        text = str(word["text"]).strip()
        if not text:
            continue
        chunk = _Chunk(text, float(word["x0"]), float(word["x1"]), float(word["top"]))
        if lines and chunk.top - lines[-1][0].top <= tolerance:
            lines[-1].append(chunk)
        else:
            lines.append([chunk])
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


#: The most columns a header may give: placing the words costs the columns times the words.
MAX_COLUMNS: Final = 64


def _first_table(lines: list[list[_Chunk]]) -> int | None:
    """The header's line: the first line of three or more cells (and at most
    ``MAX_COLUMNS``)."""
    return next((k for k, line in enumerate(lines) if 3 <= len(line) <= MAX_COLUMNS), None)


def _header_at(lines: list[list[_Chunk]], header: Sequence[str]) -> int | None:
    """The line repeating the table's header on a later page, if one does."""
    if not header:
        return None
    return next((k for k, line in enumerate(lines) if [c.text for c in line] == list(header)), None)


def _columns(lines: list[list[_Chunk]], at: int, block: int) -> tuple[list[float], int]:
    """Where each column but the first starts, from the header at ``lines[at]`` (its wrapped
    lines up to ``block``): between two header cells, at the middle of the widest stretch no
    cell below crosses; and whether the line after the header holds sub-headers (1 or 0)."""
    anchors = list(lines[at])
    if block < len(lines):
        refined = _with_sub_headers(anchors, lines[block])
        anchors = refined if len(refined) <= MAX_COLUMNS else anchors
    below = [c for line in lines[block:] for c in line]
    bounds = []
    for left, right in itertools.pairwise(anchors):
        bounds.append(_gutter(left.x1, right.x0, below))
    return bounds, int(len(anchors) > len(lines[at]))


def _with_sub_headers(header: list[_Chunk], under: list[_Chunk]) -> list[_Chunk]:
    """The header's cells, a cell over two or more of the line below (each of those nearer to
    it than to any other header cell) replaced by those."""
    owned: list[list[_Chunk]] = [[] for _ in header]
    for chunk in under:
        nearest = min(range(len(header)), key=lambda k: _apart(header[k], chunk))
        owned[nearest].append(chunk)
    anchors: list[_Chunk] = []
    for cell, below in zip(header, owned, strict=True):
        anchors.extend(below if len(below) >= 2 else [cell])
    return anchors


def _apart(a: _Chunk, b: _Chunk) -> float:
    """How far apart two chunks stand across the page: the gap between them, or less than
    nothing by how much they overlap."""
    return max(a.x0, b.x0) - min(a.x1, b.x1)


def _gutter(low: float, high: float, chunks: list[_Chunk]) -> float:
    """The middle of the widest stretch of ``low``–``high`` that fewest ``chunks`` cross."""
    if high <= low:
        return (low + high) / 2
    events = sorted(
        [(max(c.x0, low), 1) for c in chunks if c.x0 < high and c.x1 > low]
        + [(min(c.x1, high), -1) for c in chunks if c.x0 < high and c.x1 > low]
    )
    best = (len(chunks) + 1, 0.0, (low + high) / 2)  # (crossing, -width, middle)
    depth, at = 0, low
    for x, step in events:
        if x > at:
            best = min(best, (depth, -(x - at), (at + x) / 2))
        depth += step
        at = max(at, x)
    if high > at:
        best = min(best, (depth, -(high - at), (at + high) / 2))
    return best[2]


def _crosses(line: list[_Chunk], bounds: list[float]) -> bool:
    """Whether a line is prose: one run of text over two or more columns (a title, a note)."""
    if len(line) != 1 or not bounds:
        return False
    chunk = line[0]
    return bisect.bisect_right(bounds, chunk.x0 + 1) != bisect.bisect_right(bounds, chunk.x1 - 1)


def _joined(text: str | None) -> str:
    """A cell's wrapped lines, joined as a cut cell is joined
    (see [join][perfscore.importing._repairs.join])."""
    joined = ""
    for line in (text or "").splitlines():
        joined = join(joined, line)
    return joined
