"""Reading a source into rows of cell texts: text as copied or extracted, Excel, Word, PDF.

Each reader gives a [Source][perfscore.importing._sources.Source]: its rows in order, each with
the page it is on (where the source has pages) and its line or row number, and prose lines
(titles, ``323 人社局``, ``单位：万元``) marked as such. Finding the table and its header in
the rows is the layouts' work, not the readers'.

>>> source = read_text("职责活动\\t绩效指标\\n单位：万元\\n", label="example")
>>> [(row.cells, row.prose) for row in source.rows]
[(('职责活动', '绩效指标'), False), (('单位：万元',), True)]

Excel, Word and PDF are read with openpyxl, python-docx and pdfplumber (in ``_excel``, ``_word``
and ``_pdf``); the last two come with the ``import`` extra (``pip install "perfscore[import]"``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from perfscore.errors import PerfscoreError

from ._excel import xlsx_rows
from ._findings import ImportFinding
from ._pdf import pdf_rows
from ._word import docx_rows

__all__ = ["Source", "SourceRow", "read_docx", "read_pdf", "read_source", "read_text", "read_xlsx"]


@dataclass(frozen=True)
class SourceRow:
    """One row of the source: its cell texts, the source page, its line, and whether it is
    prose (a line of text outside any table row)."""

    cells: tuple[str, ...]
    line: int
    page: int | None = None
    prose: bool = False


@dataclass(frozen=True)
class Source:
    """A source read into rows; ``findings`` are what reading it repaired (a date cell)."""

    label: str
    rows: tuple[SourceRow, ...]
    findings: tuple[ImportFinding, ...] = field(default=())


def _extra(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise PerfscoreError(
            f"reading this file needs {module.split('.')[0]}, which comes with the import "
            'extra: pip install "perfscore[import]"'
        ) from None


def read_source(source: str | Path) -> Source:
    """Read a file by its suffix (``.txt``, ``.xlsx``, ``.docx``, ``.pdf``).

    Old binary Word and Excel files (``.doc``, ``.xls``) are refused with how to convert them.
    """
    if not isinstance(source, str | Path):
        raise TypeError(f"a source is a path, not {type(source).__name__}")
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in (".doc", ".xls", ".et", ".wps"):
        new = ".docx" if suffix in (".doc", ".wps") else ".xlsx"
        raise PerfscoreError(
            f"{path.name} is an old binary {'Word' if new == '.docx' else 'Excel'} file, which "
            f"perfscore does not read: save it as {new} (File › Save As in Word, Excel, WPS or "
            f"LibreOffice, or `libreoffice --headless --convert-to {new[1:]} {path.name}`)"
        )
    if not path.is_file():
        raise PerfscoreError(f"no such file: {path}")
    readers = {".xlsx": read_xlsx, ".xlsm": read_xlsx, ".docx": read_docx, ".pdf": read_pdf}
    reader = readers.get(suffix)
    try:
        if reader is not None:
            return reader(path)
        data = path.read_bytes()
    except PerfscoreError:
        raise
    except Exception as exc:  # a damaged file: each library raises its own errors
        raise PerfscoreError(f"cannot read {path.name}: {exc}") from None
    return read_text(_decode(data, path.name), label=path.name)


def _decode(data: bytes, label: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PerfscoreError(f"{label} is not a text file (use .xlsx, .docx or .pdf for those)")
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PerfscoreError(f"{label}: not UTF-8, UTF-16 or GB18030 text")


def read_text(text: str, *, label: str = "<text>") -> Source:
    """Rows from text as copied from a table: cells separated by tabs, one row a line.

    A line without a tab is prose. Non-breaking and ideographic spaces count as spaces.
    """
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.replace("\u00a0", " ")
        if not line.strip():
            continue
        if "\t" in line:
            rows.append(SourceRow(tuple(line.split("\t")), number))
        else:
            rows.append(SourceRow((line.strip(),), number, prose=True))
    return Source(label, tuple(rows))


def read_xlsx(path: str | Path) -> Source:
    """Rows of the first visible worksheet that holds a table, every cell as it prints, hidden
    rows and columns left out with findings
    (see [xlsx_rows][perfscore.importing._excel.xlsx_rows])."""
    rows, findings = xlsx_rows(path)
    return Source(
        Path(path).name,
        tuple(SourceRow(cells, line, prose=prose) for cells, line, prose in rows),
        tuple(findings),
    )


def read_docx(path: str | Path) -> Source:
    """Paragraphs (prose) and table rows of a Word document, in document order
    (see [docx_rows][perfscore.importing._word.docx_rows])."""
    _extra("docx")
    rows, findings = docx_rows(path)
    return Source(
        Path(path).name,
        tuple(SourceRow(cells, line, prose=prose) for cells, line, prose in rows),
        tuple(findings),
    )


def read_pdf(path: str | Path) -> Source:
    """The tables of a PDF, page by page (ruled, or placed by the words' positions), and the
    text above them as prose (see [pdf_rows][perfscore.importing._pdf.pdf_rows])."""
    _extra("pdfplumber")
    rows, findings = pdf_rows(path)
    return Source(
        Path(path).name,
        tuple(SourceRow(cells, line, page, prose) for cells, line, page, prose in rows),
        tuple(findings),
    )
