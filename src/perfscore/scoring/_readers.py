"""Results files and frames (结果文件): the rows a results source holds, as given.

A results source is a mapping of id to value, a pandas DataFrame, or a ``.csv`` (UTF-8 or
GB18030, comma or tab), ``.xlsx`` or ``.json`` file. Readers know file formats only: what a row
means, and how it is graded, is [perfscore.scoring._rows][]' part.

>>> [(r.row, r.key, r.value) for r in read_rows({"1.1.1": "95%"})]
[(None, '1.1.1', '95%')]

Row numbers count as a spreadsheet shows them (the header is row 1, the first result row 2) for
CSV, XLSX and DataFrames; the item number (from 1) in a JSON list; a mapping's rows are named by
their key alone.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from perfscore.errors import ResultsError
from perfscore.intervals import format_number
from perfscore.notation._exact import as_decimal
from perfscore.notation._spreadsheets import (
    NO_SAVED_VALUE,
    check_archive,
    formula_cells,
    shows_percent,
)

from ._cells import cell_text, is_layout, loaded_pandas, quoted
from ._rows import FIRST_ROW, ResultColumns, ResultRow, find_columns, points_column

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ResultsSource", "decode", "read_rows"]

#: What [read_results][perfscore.scoring.read_results] (and [score][perfscore.cards.score])
#: accept as
#: results.
ResultsSource: TypeAlias = "Mapping[str, object] | pd.DataFrame | str | Path"


def read_rows(source: ResultsSource) -> Iterator[ResultRow]:
    """The rows of ``source`` as given, without grading them.

    ``source`` is a mapping of id to value, a pandas DataFrame, or a path to a ``.csv``,
    ``.xlsx`` or ``.json`` file. Raises [ResultsError][perfscore.errors.ResultsError] for a file
    that cannot be read or lacks the ``id`` or ``value`` column.
    """
    pd = loaded_pandas()  # a DataFrame exists only where pandas is imported
    if isinstance(source, str | Path):
        yield from _read_file(Path(source))
    elif isinstance(source, Mapping):
        for key, value in source.items():
            yield ResultRow(None, str(key), value)
    elif pd is not None and isinstance(source, pd.DataFrame):
        yield from ResultColumns.of(source, ("id", "value")).rows()
    else:
        raise ResultsError(
            "results are a mapping of id to value, a DataFrame, or a path to a CSV, XLSX or "
            f"JSON file, not {type(source).__name__}"
        )


def _from_records(
    header: list[str],
    records: Iterable[tuple[int, list[Any]]],
    label: str | None,
    *,
    header_row: int | None,
    faults: Mapping[int, str] | None = None,
) -> Iterator[ResultRow]:
    """Rows from numbered records under ``header``; checks the columns before any row.
    ``faults`` are reasons a reader found, by row number, to report rows rather than grade
    them."""
    index = find_columns(header, ("id", "value"), file=label, row=header_row)
    unit_at, id_at, value_at = index.get("unit"), index["id"], index["value"]
    points_at = points_column(index)
    width = len(header)
    given = 0
    for number, record in records:
        # The common row first: an id as text is no layout and is its own key (the cost of a
        # million-row file is in this loop).
        named = record[id_at] if len(record) > id_at else None
        key = named.strip() if isinstance(named, str) else None
        if not key:
            if is_layout(record):
                continue
            key = cell_text(named)
        given += 1
        fault = faults.get(number) if faults else None
        if fault is None and len(record) > width and not is_layout(record[width:]):
            # 1.2.2,1,234 under id,value: is the value 1, or 1,234? Not guessed.
            fault = (
                f"the row has {len(record)} cells under a header of {width} "
                f"(extra: {quoted(', '.join(str(c) for c in record[width:]))}); "
                "quote a value holding a comma"
            )
        cells = record if len(record) >= width else [*record, *[None] * (width - len(record))]
        unit = cell_text(cells[unit_at]) if unit_at is not None else None
        points = cells[points_at] if points_at is not None else None
        yield ResultRow(number, key or "", cells[value_at], unit, points=points, fault=fault)
    if not given and label is not None:
        # As for an empty JSON list: a file of no results is a wrong export, not "all missing".
        raise ResultsError("the file holds no result rows").located(file=label)


def _read_file(path: Path) -> Iterator[ResultRow]:
    label = str(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ResultsError(f"cannot read the results file: {exc.strerror}").located(
            file=label
        ) from None
    except ValueError:  # the only one open() raises: a NUL in the path
        raise ResultsError("cannot read the results file: the path has a null byte").located(
            file=label
        ) from None
    if suffix in (".csv", ".tsv", ".txt"):
        yield from _read_csv(data, label)
    elif suffix in (".xlsx", ".xlsm"):
        yield from _read_xlsx(data, label)
    elif suffix == ".json":
        yield from _read_json(data, label)
    else:
        raise ResultsError(
            f"cannot tell the format of {path.name!r}: results files are .csv, .xlsx or .json"
        ).located(file=label)


def decode(data: bytes) -> str:
    """Text of a CSV file saved as UTF-8 (with or without a BOM), UTF-16 or GB18030.

    Excel in China saves "CSV" in the system code page (GB18030's subset GBK) and "CSV UTF-8"
    with a BOM; both are read. UTF-8 is tried first: GB18030 decodes almost any bytes, UTF-8
    rarely decodes text that is not UTF-8. "Unicode text" (UTF-16) is read by its BOM, or
    without one when every other byte of its first line is zero (ASCII in UTF-16).

    >>> decode("﻿id,value".encode("utf-8")), decode("满意度".encode("gb18030"))
    ('id,value', '满意度')
    >>> decode("id,value".encode("utf-16-le"))
    'id,value'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    head = data[:200]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        # ASCII headers in UTF-16 without a BOM: a zero byte beside each letter.
        if not any(head[1::2]) or head[1::2].count(0) > head[0::2].count(0):
            return data.decode("utf-16-le")
        return data.decode("utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _read_csv(data: bytes, label: str) -> Iterator[ResultRow]:
    try:
        text = decode(data)
    except UnicodeDecodeError:
        raise ResultsError("the file is neither UTF-8, UTF-16 nor GB18030 text").located(
            file=label
        ) from None
    del data
    if "\x00" in text:
        raise ResultsError(
            "the file holds NUL characters: not a text CSV (a spreadsheet saved in another "
            "format?); save it as CSV UTF-8"
        ).located(file=label)
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    # Records, not lines: a spreadsheet shows a quoted value running over lines in one row.
    # Read as they come, one line at a time: memory is the text and the rows kept, not a list
    # of every record.
    reader = csv.reader(_lines(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    yield from _from_records(header, _records(reader, label), label, header_row=1)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, as csv.reader reads a file (newline="")."""
    end = "\n" if "\n" in text else "\r"  # a file saved with old Mac line ends
    start, size = 0, len(text)
    while start < size:
        stop = text.find(end, start)
        stop = size if stop < 0 else stop + 1
        yield text[start:stop]
        start = stop


def _records(reader: Any, label: str) -> Iterator[tuple[int, list[str]]]:
    number = 1
    try:
        for number, record in enumerate(reader, start=FIRST_ROW):
            yield number, record
    except csv.Error as exc:
        raise ResultsError(f"not a readable CSV file: {quoted(str(exc))}").located(
            file=label, row=number + 1
        ) from None


def _read_xlsx(data: bytes, label: str) -> Iterator[ResultRow]:
    from openpyxl import load_workbook

    check_archive(data, label, error=ResultsError)
    records: list[list[Any]] = []
    blank_at: list[tuple[int, int]] = []  # (record, column) of blank cells: formulas, maybe
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        # The <dimension> a sheet declares may be wrong (scripts write A1:A1, or stale): read
        # every cell the sheet holds, not the rectangle it claims.
        sheet.reset_dimensions()
        rows = sheet.iter_rows()
        header = [str(c.value).strip().lower() if c.value is not None else "" for c in
                  next(rows, ())]  # fmt: skip
        read = {i for i, name in enumerate(header) if name in ("id", "value")}
        for cells in rows:
            record: list[Any] = []
            for c in cells:
                value = getattr(c, "value", None)
                number = isinstance(value, int | float) and not isinstance(value, bool)
                if number and shows_percent(str(getattr(c, "number_format", ""))):
                    # A cell shown as 95% holds 0.95: read it as the percentage it shows.
                    value = _percent(value)  # type: ignore[arg-type]
                if value is None and len(record) in read:
                    blank_at.append((len(records), len(record)))
                record.append(value)
            records.append(record)
        book.close()
        formulas = _unsaved_formulas(data, blank_at) if blank_at else {}
    except Exception as exc:
        # openpyxl lets the XML parser's, zipfile's and its own errors through, of many types.
        raise ResultsError(f"not a readable XLSX workbook: {quoted(str(exc))}").located(
            file=label
        ) from None
    faults = {r + FIRST_ROW: f"{where} {NO_SAVED_VALUE}" for r, where in formulas.items()}
    yield from _from_records(
        header, enumerate(records, start=FIRST_ROW), label, header_row=1, faults=faults
    )


def _unsaved_formulas(data: bytes, blank_at: list[tuple[int, int]]) -> dict[int, str]:
    """For the records (from 0) with a blank cell in ``blank_at``, the first such cell that
    holds a formula no program has computed (see [formula_cells][perfscore.notation.
    _spreadsheets.formula_cells])."""
    from openpyxl.utils import get_column_letter

    rows = {r + FIRST_ROW for r, _ in blank_at}
    formulas = formula_cells(data, rows=rows)
    found: dict[int, str] = {}
    for r, column in blank_at:
        formula = formulas.get((r + FIRST_ROW, column + 1))
        if formula is not None and r not in found:
            where = f"{get_column_letter(column + 1)}{r + FIRST_ROW}"
            found[r] = f"{where} holds the formula {quoted(formula)}"
    return found


def _percent(value: float | int) -> str:
    exact = as_decimal(value) if isinstance(value, float) else Fraction(value)
    return f"{format_number(exact * 100)}%"


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its pairs in order, so a repeated key is seen, not overwritten."""


def _read_json(data: bytes, label: str) -> Iterator[ResultRow]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_Pairs)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultsError(f"not valid JSON: {exc}").located(file=label) from None
    except RecursionError:
        raise ResultsError("not valid JSON: nested too deeply").located(file=label) from None
    except ValueError:  # int() refuses a number too long to convert in reasonable time
        digits = sys.get_int_max_str_digits()
        raise ResultsError(f"not valid JSON: a number of more than {digits} digits").located(
            file=label
        ) from None
    if isinstance(parsed, _Pairs):
        if not parsed:
            raise ResultsError("the file holds no result rows").located(file=label)
        # Every pair, a repeated id included: read_results reports both, as for any source.
        for key, value in parsed:
            if isinstance(value, list):  # a nested object or list is no value
                yield ResultRow(None, str(key), None, fault=_nested("the value", value))
            else:
                yield ResultRow(None, str(key), value)
        return
    if isinstance(parsed, list) and not parsed:
        raise ResultsError("the file holds no result rows").located(file=label)
    if not isinstance(parsed, list) or not all(isinstance(item, _Pairs) for item in parsed):
        raise ResultsError(
            'JSON results are an object {"id": value, ...} or a list of '
            '{"id": ..., "value": ..., "unit": ...} objects'
        ).located(file=label)
    items: list[dict[str, Any]] = []
    for number, item in enumerate(parsed, start=1):
        fields = [str(k).strip().lower() for k, _ in item]
        repeated = sorted({f for f in fields if fields.count(f) > 1})
        if repeated:
            raise ResultsError(
                f"the item gives {', '.join(repr(f) for f in repeated)} more than once"
            ).located(file=label, row=number)
        items.append({str(k).strip().lower(): v for k, v in item})
    header = sorted({k for item in items for k in item})
    records = [[item.get(h) for h in header] for item in items]
    faults = {}
    for number, record in enumerate(records, start=1):
        for name, cell in zip(header, record, strict=True):
            if isinstance(cell, list):
                faults[number] = _nested(name, cell)
                break
    for record in records:  # a nested value is reported by the fault, not shown as pairs
        record[:] = [None if isinstance(c, list) else c for c in record]
    yield from _from_records(
        header, enumerate(records, start=1), label, header_row=None, faults=faults
    )


def _nested(name: str, value: list[Any]) -> str:
    kind = "an object" if isinstance(value, _Pairs) else "a list"
    field = "the value" if name == "the value" else f"the field {name!r}"
    return (
        f"{field} is {kind}, not a number or text (JSON results are "
        '{"1.1.1": "95%", ...} or [{"id": "1.1.1", "value": "95%", "unit": "%"}, ...])'
    )
