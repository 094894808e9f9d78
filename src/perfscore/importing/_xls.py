"""Reading an old Excel workbook (``.xls``, BIFF) into rows, as an ``.xlsx`` is read.

Many departments still post their tables as ``.xls``. They are read with xlrd (the ``import``
extra) opened with ``formatting_info=True``: that keeps each cell's number format and the
sheet's merged ranges, which the printed text and the layouts need. (python-calamine reads
``.xls`` faster and keeps merged ranges, but gives numbers without their formats: ``0.95``
formatted ``0%`` would be read ``0.95``, not the ``95%`` the page prints.)

The cells are the ones [read_xlsx][perfscore.importing._sources.read_xlsx] gives for the same
table: the first visible sheet that holds a table; each number printed as its number format
prints it, by the function ``read_xlsx`` prints with (handed in as ``printed``, so both formats
follow one rule); a merged cell's text in the first row and column of its range and blanks in
the rest; a row whose only text is merged across half the sheet or more is prose; a date is
read back as the ``3-5`` it was typed as, with a finding. Hidden rows, columns and sheets are
not read (a reader of the printed page does not see them).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from perfscore.errors import PerfscoreError

from ._findings import ImportFinding, Place
from ._rows import Source, SourceRow, library

__all__ = ["read_xls"]

#: How a reader prints a cell's value under its number format (``_sources``'s rule for xlsx).
Printer = Callable[[Any, str], str]


def read_xls(path: str | Path, *, printed: Printer) -> Source:
    """Rows of the first visible worksheet of an ``.xls`` that holds a table (xlrd)."""
    xlrd = library("xlrd")
    label = Path(path).name
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.XLRDError as exc:
        raise PerfscoreError(f"cannot read {label} as an Excel 97-2003 workbook: {exc}") from None
    try:
        sheet = _sheet(book)
        return _read_sheet(book, sheet, label, printed)
    finally:
        book.release_resources()


def _sheet(book: Any) -> Any:
    """The first visible sheet with a header word (…指标) in its first rows, else the first
    visible sheet."""
    first = None
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.visibility != 0:
            book.unload_sheet(index)
            continue
        first = first if first is not None else sheet
        for r in range(min(sheet.nrows, 30)):
            if any(isinstance(v, str) and "指标" in v for v in sheet.row_values(r)):
                return sheet
        if sheet is not first:
            book.unload_sheet(index)
    if first is None:
        raise PerfscoreError(f"{book.sheet_names()[0] if book.nsheets else 'the workbook'}: "
                             "no visible worksheet")  # fmt: skip
    return first


def _read_sheet(book: Any, sheet: Any, label: str, printed: Printer) -> Source:
    xlrd = library("xlrd")
    hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
    hidden_columns = {c for c, info in sheet.colinfo_map.items() if info.hidden}
    columns = [c for c in range(sheet.ncols) if c not in hidden_columns]
    across = {
        low
        for low, _, left, right in sheet.merged_cells
        if right - left >= max(2, sheet.ncols // 2)
    }
    formats = [book.format_map[xf.format_key].format_str for xf in book.xf_list]
    rows: list[SourceRow] = []
    findings: list[ImportFinding] = []
    for r in range(sheet.nrows):
        if r in hidden_rows:
            continue
        cells = sheet.row(r)
        texts = []
        for c in columns:
            cell = cells[c] if c < len(cells) else None
            value = _value(xlrd, book, cell)
            text = printed(value, formats[cell.xf_index] if cell is not None else "General")
            if isinstance(value, datetime.datetime):
                where = Place(row=r + 1, column=xlrd.formula.colname(c), line=r + 1)
                findings.append(
                    ImportFinding(
                        where,
                        str(value),
                        f"a date in the spreadsheet, read back as the text {text!r} "
                        "it was probably typed as",
                        kind="date",
                    )
                )
            texts.append(text)
        filled = [t for t in texts if t.strip()]
        if not filled:
            continue
        prose = len(filled) == 1 and (r in across or len(texts) == 1)
        rows.append(SourceRow((filled[0],) if prose else tuple(texts), r + 1, prose=prose))
    return Source(label, tuple(rows), tuple(findings))


def _value(xlrd: Any, book: Any, cell: Any) -> Any:
    """A cell's value as openpyxl gives it: text, a number, a bool, a datetime or None."""
    if cell is None or cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        value = cell.value
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return str(cell.value)
