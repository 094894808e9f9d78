"""Excel workbooks (.xlsx, .xlsm) read into rows of cell texts as they print (openpyxl).

[read_xlsx][perfscore.importing._sources.read_xlsx] gives these rows as a source; this module
reads the workbook. Only what a reader of the printed sheet sees is read: hidden sheets, rows
and columns are skipped, each with a finding, and a formula no program has computed is named
rather than read as a blank cell.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path
from typing import Any

from perfscore.errors import PerfscoreError
from perfscore.notation._spreadsheets import (
    NO_SAVED_VALUE,
    check_archive,
    formula_cells,
    printed_number,
)

from ._findings import ImportFinding, Place

__all__ = ["XlsxRow", "printed_cell", "xlsx_rows"]

#: One row read: its cell texts, its row number, and whether it is prose (a title).
XlsxRow = tuple[tuple[str, ...], int, bool]


def xlsx_rows(path: str | Path) -> tuple[list[XlsxRow], list[ImportFinding]]:
    """Rows of the first visible worksheet that holds a table, every cell as it prints, and
    what reading them repaired or skipped.

    A merged cell's text stands in the first row and column of its range, so the rows it spans
    are read as one duty or activity; a row whose only text is merged across the sheet is
    prose (a title). Numbers are read as their number format prints them (``1`` formatted
    ``0%`` is ``100%``, ``95`` formatted ``"≥"0"%"`` is ``≥95%``); a date stands for the text a
    person typed, which the spreadsheet took for a date (``3-5``), and is given back with a
    finding. Hidden sheets, rows and columns are not read, and a formula without a saved value
    is a finding: each is named for a person to check.
    """
    import openpyxl

    label = Path(path).name
    check_archive(path, label, largest="table")
    book = openpyxl.load_workbook(path, data_only=True)
    findings: list[ImportFinding] = []
    sheet = _visible_sheet(book.worksheets, label, findings)
    hidden_columns = _hidden_columns(sheet)
    hidden_rows = {r for r, d in sheet.row_dimensions.items() if d.hidden}
    width = sheet.max_column or 1  # once: openpyxl counts every cell each time it is asked
    across = {
        r.min_row
        for r in sheet.merged_cells.ranges
        if r.max_col - r.min_col + 1 >= max(2, (width - len(hidden_columns)) // 2)
    }
    formulas = formula_cells(path, sheet.title) if _has_unsaved_formulas(path) else {}
    rows: list[XlsxRow] = []
    shown_hidden: dict[int, int] = {}  # hidden column → cells with text skipped in it
    for row in sheet.iter_rows():
        number = row[0].row or 0
        if number in hidden_rows:
            _hidden_row(row, number, findings)
            continue
        texts = []
        for cell in row:
            if cell.column in hidden_columns:
                if cell.value is not None:
                    shown_hidden[cell.column] = shown_hidden.get(cell.column, 0) + 1
                continue
            texts.append(_cell_text(cell, sheet.title, formulas, findings))
        if not any(t.strip() for t in texts):
            continue
        filled = [t for t in texts if t.strip()]
        prose = len(filled) == 1 and (number in across or len(texts) == 1)
        rows.append(((filled[0],) if prose else tuple(texts), number, prose))
    findings.extend(_hidden_column_findings(shown_hidden, sheet.title))
    return rows, findings


def _visible_sheet(sheets: list[Any], label: str, findings: list[ImportFinding]) -> Any:
    """The first visible sheet that holds a table (or the first visible sheet); a finding for
    each hidden sheet that holds anything, which is not read."""
    visible = [s for s in sheets if s.sheet_state == "visible"]
    for sheet in sheets:
        if sheet.sheet_state != "visible" and sheet.max_row and _has_text(sheet):
            findings.append(
                ImportFinding(
                    Place(),
                    sheet.title,
                    f"the sheet {sheet.title!r} is hidden and was not read (a reader of the "
                    "printed workbook does not see it); unhide it and import again if it "
                    "holds the table",
                    kind="hidden",
                )
            )
    if not visible:
        raise PerfscoreError("every sheet of the workbook is hidden").located(file=label)
    return next((s for s in visible if _holds_table(s)), visible[0])


def _has_text(sheet: Any) -> bool:
    return any(v is not None for row in sheet.iter_rows(values_only=True) for v in row)


def _hidden_columns(sheet: Any) -> set[int]:
    """The columns (from 1) a sheet hides; a dimension may cover a range of them."""
    hidden: set[int] = set()
    width = sheet.max_column or 1
    for dimension in sheet.column_dimensions.values():
        if dimension.hidden and dimension.min is not None:
            hidden.update(range(dimension.min, min(dimension.max or dimension.min, width) + 1))
    return hidden


def _hidden_row(row: Any, number: int, findings: list[ImportFinding]) -> None:
    texts = [str(c.value) for c in row if c.value is not None]
    if texts:
        findings.append(
            ImportFinding(
                Place(row=number, line=number),
                " | ".join(texts),
                f"row {number} is hidden and was not read; unhide it and import again if it "
                "belongs to the table",
                kind="hidden",
            )
        )


def _hidden_column_findings(counts: dict[int, int], title: str) -> list[ImportFinding]:
    from openpyxl.utils import get_column_letter

    return [
        ImportFinding(
            Place(column=get_column_letter(column)),
            f"{count} cell{'s' if count > 1 else ''}",
            f"column {get_column_letter(column)} of the sheet {title!r} is hidden and was not "
            "read; unhide it and import again if it belongs to the table",
            kind="hidden",
        )
        for column, count in sorted(counts.items())
    ]


def _cell_text(
    cell: Any, title: str, formulas: dict[tuple[int, int], str], findings: list[ImportFinding]
) -> str:
    """A cell's text as it prints, with a finding for a date or a formula without a value."""
    text = printed_cell(cell.value, cell.number_format)
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
    elif cell.value is None and (cell.row, cell.column) in formulas:
        formula = formulas[cell.row, cell.column]
        findings.append(
            ImportFinding(
                Place(row=cell.row, column=cell.column_letter, line=cell.row or 0),
                formula,
                f"sheet {title!r}, cell {cell.coordinate} holds the formula {formula!r} "
                f"{NO_SAVED_VALUE}; read as blank",
                kind="formula",
            )
        )
    return text


# A formula element closing its cell with no value or an empty one after it: <f>1+1</f></c>,
# <f>1+1</f><v></v></c> (as scripts write it), <f .../></c>.
_UNSAVED = re.compile(
    rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^<>]*/>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)


def _has_unsaved_formulas(path: str | Path) -> bool:
    """Whether any worksheet holds a formula with no saved value, found by scanning its XML:
    reading the formulas is a second pass over the sheet, only made then."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    if _UNSAVED.search(tail + chunk):
                        return True
                    tail = chunk[-256:]
    return False


def _holds_table(sheet: Any) -> bool:
    """Whether a worksheet has a 绩效指标 header cell in its first rows."""
    for row in sheet.iter_rows(max_row=30, values_only=True):
        if any(isinstance(v, str) and "绩效指标" in v.replace(" ", "") for v in row):
            return True
    return False


def printed_cell(value: Any, number_format: str) -> str:
    """A cell's value as Excel prints it under ``number_format`` (see [printed_number][
    perfscore.notation._spreadsheets.printed_number])."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime | datetime.date):
        # A typed 3-5 or 1/2 that the spreadsheet took for a date.
        return f"{value.month}-{value.day}"
    if isinstance(value, int | float):
        return printed_number(value, number_format)
    return str(value)
