"""Reading a source into rows of cell texts: text as copied or extracted, Excel, Word, PDF.

Each reader gives a [Source][perfscore.importing._sources.Source]: its rows in order, each with
the page it is on (where the source has pages) and its line or row number, and prose lines
(titles, ``323 人社局``, ``单位：万元``) marked as such. Finding the table and its header in
the rows is the layouts' work, not the readers'.

>>> source = read_text("职责活动\\t绩效指标\\n单位：万元\\n", label="example")
>>> [(row.cells, row.prose) for row in source.rows]
[(('职责活动', '绩效指标'), False), (('单位：万元',), True)]

Excel, Word and PDF are read with openpyxl, python-docx and pdfplumber; the last two come with
the ``import`` extra (``pip install "perfscore[import]"``).
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

from perfscore.errors import PerfscoreError

from ._findings import ImportFinding, Place
from ._html import looks_like_html, read_html
from ._repairs import join
from ._rows import Source, SourceRow
from ._text_forms import read_text_forms
from ._xls import read_xls

__all__ = ["Source", "SourceRow", "read_docx", "read_pdf", "read_source", "read_text", "read_xlsx"]


def _extra(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise PerfscoreError(
            f"reading this file needs {module.split('.')[0]}, which comes with the import "
            'extra: pip install "perfscore[import]"'
        ) from None


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
        return partial(read_xls, printed=_printed)  # the number formats read as in an .xlsx
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


# -- Excel ----------------------------------------------------------------------------------


def read_xlsx(path: str | Path) -> Source:
    """Rows of the first worksheet that holds a table (openpyxl), every cell as it prints.

    A merged cell's text stands in the first row and column of its range, so the rows it spans
    are read as one duty or activity; a row whose only text is merged across the sheet is
    prose (a title). Numbers are read as their number format prints them (``1`` formatted
    ``0%`` is ``100%``); a date stands for the text a person typed, which the spreadsheet took
    for a date (``3-5``), and is given back with a finding.
    """
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    label = Path(path).name
    rows: list[SourceRow] = []
    findings: list[ImportFinding] = []
    sheet = next((s for s in book.worksheets if _holds_table(s)), book.worksheets[0])
    across = {
        r.min_row
        for r in sheet.merged_cells.ranges
        if r.max_col - r.min_col + 1 >= max(2, (sheet.max_column or 1) // 2)
    }
    for row in sheet.iter_rows():
        texts = []
        for cell in row:
            text = _printed(cell.value, cell.number_format)
            if isinstance(cell.value, datetime.datetime | datetime.date):
                findings.append(
                    ImportFinding(
                        Place(row=cell.row, column=cell.column_letter, line=cell.row or 0),
                        str(cell.value),
                        f"a date in the spreadsheet, read back as the text {text!r} "
                        "it was probably typed as",
                        kind="date",
                    )
                )
            texts.append(text)
        if not any(t.strip() for t in texts):
            continue
        number = row[0].row or 0
        filled = [t for t in texts if t.strip()]
        prose = len(filled) == 1 and (number in across or len(texts) == 1)
        cells = (filled[0],) if prose else tuple(texts)
        rows.append(SourceRow(cells, number, prose=prose))
    return Source(label, tuple(rows), tuple(findings))


def _holds_table(sheet: Any) -> bool:
    """Whether a worksheet has a 绩效指标 header cell in its first rows."""
    for row in sheet.iter_rows(max_row=30, values_only=True):
        if any(isinstance(v, str) and "绩效指标" in v.replace(" ", "") for v in row):
            return True
    return False


def _printed(value: Any, number_format: str) -> str:
    """A cell's value as Excel prints it under ``number_format`` (the common formats)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime | datetime.date):
        # A typed 3-5 or 1/2 that the spreadsheet took for a date.
        return f"{value.month}-{value.day}"
    if isinstance(value, int | float):
        return _number(value, number_format)
    return str(value)


def _number(value: float, number_format: str) -> str:
    fmt = number_format.split(";")[0]
    percent = "%" in fmt
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if percent:
        exact *= 100
    if fmt in ("General", "@", "") and not percent:
        # General shows at most 15 significant digits: 0.1 + 0.2 prints as 0.3.
        shown = Decimal(f"{exact:.15g}") if exact else exact
        text = format(shown, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    decimals = 0
    if "." in fmt:
        after = fmt.split(".", 1)[1]
        decimals = len(after) - len(after.lstrip("0#"))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(rounded, f"{',' if ',' in fmt else ''}.{decimals}f")
    return text + ("%" if percent else "")


# -- Word -----------------------------------------------------------------------------------


def read_docx(path: str | Path) -> Source:
    """Paragraphs (prose) and table rows of a Word document, in document order (python-docx).

    A vertically merged cell is one cell: its text stands in its first row only, and the rows
    it spans are read as one duty or activity. A cell spanning several grid columns stands in
    the first of them.
    """
    docx = _extra("docx")
    document = docx.Document(str(path))
    rows: list[SourceRow] = []
    number = 0
    for child in document.element.body.iterchildren():
        if child.tag == _W + "p":
            number += 1
            text = _text(child)
            if text.strip():
                rows.append(SourceRow((text.strip(),), number, prose=True))
        elif child.tag == _W + "tbl":
            for tr in child.iter(_W + "tr"):
                number += 1
                cells = _docx_cells(tr)
                if any(c.strip() for c in cells):
                    rows.append(SourceRow(tuple(cells), number))
    return Source(Path(path).name, tuple(rows))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_cells(tr: Any) -> list[str]:
    """The texts of a table row's grid columns (read from the document's XML)."""
    texts: list[str] = []
    for tc in tr.findall(_W + "tc"):
        properties = tc.find(_W + "tcPr")
        span, merged = 1, False
        if properties is not None:
            grid_span = properties.find(_W + "gridSpan")
            if grid_span is not None:
                span = int(grid_span.get(_W + "val", "1"))
            v_merge = properties.find(_W + "vMerge")
            merged = v_merge is not None and v_merge.get(_W + "val", "continue") != "restart"
        text = "" if merged else "\n".join(_text(p) for p in tc.findall(_W + "p"))
        texts.extend([text] + [""] * (span - 1))
    return texts


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_W + "t"))


# -- PDF ------------------------------------------------------------------------------------


def read_pdf(path: str | Path) -> Source:
    """The ruled tables of a PDF, page by page (pdfplumber), and the text above them as prose.

    The lines a cell wraps over are joined; a table continued on the next page keeps its
    rows in order, each with its page.
    """
    pdfplumber = _extra("pdfplumber")
    label = Path(path).name
    rows: list[SourceRow] = []
    number = 0
    with pdfplumber.open(str(path)) as pdf:
        for page_number, page in enumerate(pdf.pages, start=1):
            tables = page.find_tables()
            top = min((t.bbox[1] for t in tables), default=page.height)
            above = page.crop((0, 0, page.width, top)).extract_text() if top > 1 else ""
            for line in (above or "").splitlines():
                number += 1
                if line.strip():
                    rows.append(SourceRow((line.strip(),), number, page_number, prose=True))
            for table in tables:
                for cells in table.extract():
                    number += 1
                    texts = tuple(_joined(c) for c in cells)
                    if any(texts):
                        rows.append(SourceRow(texts, number, page_number))
    return Source(label, tuple(rows))


def _joined(text: str | None) -> str:
    """A cell's wrapped lines, joined as a cut cell is joined
    (see [join][perfscore.importing._repairs.join])."""
    joined = ""
    for line in (text or "").splitlines():
        joined = join(joined, line)
    return joined
