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

from collections.abc import Callable
from functools import partial
from pathlib import Path

from perfscore.errors import PerfscoreError

from ._excel import printed_cell, xlsx_rows
from ._html import looks_like_html, read_html
from ._pdf import pdf_rows
from ._rows import Source, SourceRow, library
from ._text_forms import read_text_forms
from ._word import docx_rows
from ._xls import read_xls

__all__ = ["Source", "SourceRow", "read_docx", "read_pdf", "read_source", "read_text", "read_xlsx"]


def read_source(source: str | Path) -> Source:
    """Read a file by its suffix (``.txt``, ``.html``, ``.xlsx``, ``.xls``, ``.docx``, ``.pdf``)
    and, where the suffix says less than the bytes, by its content: a web page saved as
    ``.xls`` or ``.txt`` is read as a page, an ``.xlsx`` named ``.xls`` as an ``.xlsx``.

    Old binary Word and WPS files (``.doc``, ``.wps``, ``.et``) are refused with how to convert
    them.
    """
    if not isinstance(source, str | Path):
        raise TypeError(f"a source is a path, not {type(source).__name__}")
    path = Path(source)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise PerfscoreError(f"no such file: {path}")
    readers = {".xlsx": read_xlsx, ".xlsm": read_xlsx, ".docx": read_docx, ".pdf": read_pdf}
    reader = readers.get(suffix) or _by_content(path, suffix)
    if reader is None and suffix in (".doc", ".et", ".wps"):
        new = ".docx" if suffix in (".doc", ".wps") else ".xlsx"
        raise PerfscoreError(
            f"{path.name} is an old binary {'Word' if new == '.docx' else 'Excel'} file, which "
            f"perfscore does not read: save it as {new} (File › Save As in Word, Excel, WPS or "
            f"LibreOffice, or `soffice --headless --convert-to {new[1:]} {path.name}`)"
        )
    try:
        if reader is not None:
            return reader(path)
        data = path.read_bytes()
    except PerfscoreError:
        raise
    except Exception as exc:  # a damaged file: each library raises its own errors
        raise PerfscoreError(f"cannot read {path.name}: {exc}") from None
    return read_text(_decode(data, path.name), label=path.name)


def _by_content(path: Path, suffix: str) -> Callable[[Path], Source] | None:
    """The reader of a web page or an old Excel workbook, told by the file's first bytes."""
    with path.open("rb") as file:
        start = file.read(4096)
    if start.startswith(b"PK\x03\x04") and suffix in (".doc", ".wps"):
        return read_docx  # a .docx saved under the old name
    if start.startswith(b"PK\x03\x04") and suffix in (".xls", ".et"):
        raise PerfscoreError(f"{path.name} is an .xlsx workbook under an old name: rename it .xlsx")
    if start.startswith(b"\xd0\xcf\x11\xe0") and suffix in (".xls", ".xlt"):
        return partial(read_xls, printed=printed_cell)  # the number formats read as in an .xlsx
    if suffix in (".html", ".htm", ".xhtml", ".shtml") or looks_like_html(start.decode("latin-1")):
        return lambda page: read_html(page.read_bytes(), label=page.name)
    return None


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

    A line without a tab is prose. Non-breaking and ideographic spaces count as spaces. Text in
    another form (a web page, a pipe table, one cell per line, space-aligned columns) is read by
    its own reader (see ``_html`` and ``_text_forms``).
    """
    if looks_like_html(text):
        return read_html(text, label=label)
    forms = read_text_forms(text, label=label)
    if forms is not None:
        return forms
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
    library("docx")
    rows, findings = docx_rows(path)
    return Source(
        Path(path).name,
        tuple(SourceRow(cells, line, prose=prose) for cells, line, prose in rows),
        tuple(findings),
    )


def read_pdf(path: str | Path) -> Source:
    """The tables of a PDF, page by page (ruled, or placed by the words' positions), and the
    text above them as prose (see [pdf_rows][perfscore.importing._pdf.pdf_rows])."""
    library("pdfplumber")
    rows, findings = pdf_rows(path)
    return Source(
        Path(path).name,
        tuple(SourceRow(cells, line, page, prose) for cells, line, page, prose in rows),
        tuple(findings),
    )
