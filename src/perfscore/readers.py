"""Results files and frames (结果文件): the rows a results source holds, as given.

A results source is a mapping of id to value, a pandas DataFrame, or a ``.csv`` (UTF-8 or
GB18030, comma or tab), ``.xlsx`` or ``.json`` file. Readers know file formats only: what a row
means, and how it is graded, is [perfscore.rows][]' part.

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
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd

from .errors import ResultsError
from .exact import as_decimal
from .intervals import format_number
from .rows import ResultRow, cell_text, find_columns, is_layout

__all__ = ["ResultsSource", "decode", "read_rows"]

#: What [read_results][perfscore.results.read_results] (and [score][perfscore.scorecard.score])
#: accept as
#: results.
ResultsSource: TypeAlias = "Mapping[str, object] | pd.DataFrame | str | Path"


def read_rows(source: ResultsSource) -> Iterator[ResultRow]:
    """The rows of ``source`` as given, without grading them.

    ``source`` is a mapping of id to value, a pandas DataFrame, or a path to a ``.csv``,
    ``.xlsx`` or ``.json`` file. Raises [ResultsError][perfscore.errors.ResultsError] for a file
    that cannot be read or lacks the ``id`` or ``value`` column.
    """
    if isinstance(source, str | Path):
        yield from _read_file(Path(source))
    elif isinstance(source, Mapping):
        for key, value in source.items():
            yield ResultRow(None, str(key), value)
    elif isinstance(source, pd.DataFrame):
        yield from _from_frame(source)
    else:
        raise ResultsError(
            "results are a mapping of id to value, a DataFrame, or a path to a CSV, XLSX or "
            f"JSON file, not {type(source).__name__}"
        )


def _from_frame(frame: pd.DataFrame) -> Iterator[ResultRow]:
    columns = [str(c).strip().lower() for c in frame.columns]
    # Row numbers as if the frame were written to a spreadsheet: header row 1.
    records = enumerate((list(r) for r in frame.itertuples(index=False)), start=2)
    yield from _from_records(columns, records, None, header_row=1)


def _from_records(
    header: list[str],
    records: Iterable[tuple[int, list[Any]]],
    label: str | None,
    *,
    header_row: int | None,
) -> Iterator[ResultRow]:
    """Rows from numbered records under ``header``; checks the columns before any row."""
    index = find_columns(header, ("id", "value"), file=label, row=header_row)
    unit_at = index.get("unit")
    points_at = index.get("points", index.get("得分"))
    for number, record in records:
        if is_layout(record):
            continue
        cells = list(record) + [None] * (len(header) - len(record))
        key = cell_text(cells[index["id"]])
        unit = cell_text(cells[unit_at]) if unit_at is not None else None
        points = cells[points_at] if points_at is not None else None
        yield ResultRow(number, key or "", cells[index["value"]], unit, points=points)


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
    """Text of a CSV file saved as UTF-8 (with or without a BOM) or GB18030.

    Excel in China saves "CSV" in the system code page (GB18030's subset GBK) and "CSV UTF-8"
    with a BOM; both are read. UTF-8 is tried first: GB18030 decodes almost any bytes, UTF-8
    rarely decodes text that is not UTF-8.

    >>> decode("﻿id,value".encode("utf-8")), decode("满意度".encode("gb18030"))
    ('id,value', '满意度')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _read_csv(data: bytes, label: str) -> Iterator[ResultRow]:
    try:
        text = decode(data)
    except UnicodeDecodeError:
        raise ResultsError("the file is neither UTF-8 nor GB18030 text").located(
            file=label
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        # Records, not lines: a spreadsheet shows a quoted value running over lines in one row.
        for number, record in enumerate(reader, start=2):
            records.append((number, record))
    except csv.Error as exc:
        raise ResultsError(f"not a readable CSV file: {exc}").located(
            file=label, row=len(records) + 2
        ) from None
    yield from _from_records(header, records, label, header_row=1)


def _read_xlsx(data: bytes, label: str) -> Iterator[ResultRow]:
    from openpyxl import load_workbook

    records = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = sheet.iter_rows()
        header = [str(c.value).strip().lower() if c.value is not None else "" for c in
                  next(rows, ())]  # fmt: skip
        for cells in rows:
            record: list[Any] = []
            for c in cells:
                value = c.value
                number = isinstance(value, int | float) and not isinstance(value, bool)
                if number and _shows_percent(str(getattr(c, "number_format", ""))):
                    # A cell shown as 95% holds 0.95: read it as the percentage it shows.
                    value = _percent(value)  # type: ignore[arg-type]
                record.append(value)
            records.append(record)
        book.close()
    except Exception as exc:
        # openpyxl lets the XML parser's, zipfile's and its own errors through, of many types.
        raise ResultsError(f"not a readable XLSX workbook: {exc}").located(file=label) from None
    yield from _from_records(header, enumerate(records, start=2), label, header_row=1)


def _shows_percent(number_format: str) -> bool:
    """Whether a number format scales by 100 and shows %: a bare %, not a quoted ``"%"``, an
    escaped ``\\%`` or one inside a ``[…]`` section (a colour, a locale).

    >>> [_shows_percent(f) for f in ("0%", "0.0%", '0"%"', "0\\\\%", "[Red]0%", "0")]
    [True, True, False, False, True, False]
    """
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)
    return "%" in bare


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
        # Every pair, a repeated id included: read_results reports both, as for any source.
        for key, value in parsed:
            yield ResultRow(None, str(key), value)
        return
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
    yield from _from_records(header, enumerate(records, start=1), label, header_row=None)
