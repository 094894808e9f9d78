"""Year-end results (年度实际完成值): read from a mapping, a DataFrame or a file, and graded.

Results come as rows of an indicator ``id`` (or its published name, where that is unique in the
table), a ``value`` and optionally a ``unit`` (then ``value`` is a number in that unit). Values
are read as :meth:`perfscore.Ladder.grade` reads them: ``"95%"``, ``0.95`` with unit ``1``,
``"499 人"``, a label for a qualitative indicator.

Every row ends up in exactly one place: graded (:attr:`Results.graded`), blank (a row whose
value is empty: the result is missing, and says so) or bad (:attr:`Results.problems`, each with
its row number, its id and the reason); a row blank in every cell (a blank line, a frame's row
of NaN) is layout, not a result. A repeated id, in a JSON object too, is a bad row, twice.

>>> import perfscore
>>> table = perfscore.load_table("zanhuang-hrss-2018")
>>> given = {"1.1.1": "95%", "新增就业人员数量": 505, "9.9.9": 1}
>>> results = read_results(given, table)
>>> [(r.indicator.id, str(r.grade), r.cell) for r in results.graded.values()]
[('1.1.1', '良', '≥90%'), ('1.2.2', '优', '≥500')]
>>> print(results.problems[0])  # doctest: +ELLIPSIS
indicator 9.9.9: table zanhuang-hrss-2018 has no indicator '9.9.9'; did you mean '9.5.1', ...

Row numbers count as a spreadsheet shows them (the header is row 1, the first result row 2) for
CSV, XLSX and DataFrames; the item number (from 1) in a JSON list; a mapping's rows are named by
their key alone.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Real
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import numpy as np

from .errors import NotationError, PerfscoreError, ResultsError, UnknownIndicator
from .grades import Grade
from .ladders import read_value
from .tables import Indicator, Table
from .units import canonical_unit, factor

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BadResults",
    "GradedResult",
    "ResultRow",
    "Results",
    "ResultsSource",
    "beyond_float",
    "cell_kind",
    "cell_text",
    "read_results",
    "read_rows",
]

#: What :func:`read_results` (and :func:`perfscore.score`) accept as results.
ResultsSource: TypeAlias = "Mapping[str, object] | pd.DataFrame | str | Path"

_NOT_FINITE = frozenset({"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"})
# The largest magnitude a float holds: scores, frames and JSON carry values as floats.
_FLOAT_MAX: Final = Fraction(sys.float_info.max)

#: What a result cell is (:func:`cell_kind`): a real number (NaN and infinity included: bad
#: values, reported), text (a number with its unit, or a label), blank (a missing result), or
#: anything else (Fraction, Decimal, a quantity, bool …: the value reader takes it or says why).
NUMBER: Final = 0
TEXT: Final = 1
BLANK: Final = 2
OTHER: Final = 3


def cell_kind(cell: object) -> int:
    """What a result cell is: :data:`NUMBER`, :data:`TEXT`, :data:`BLANK` or :data:`OTHER`.

    ``None``, pandas' ``NA`` and ``NaT`` and empty text are blank; a float NaN is a number (a
    bad one). :func:`perfscore.score` and :func:`perfscore.score_frame` both classify by this.

    >>> [cell_kind(c) for c in (95, 0.5, float("nan"), "95%", " ", None, True)]
    [0, 0, 0, 1, 2, 2, 3]
    """
    kind = type(cell)
    if kind is float or kind is int or kind is np.float64 or kind is np.int64:
        return NUMBER
    if kind is str:
        return TEXT if cell.strip() else BLANK  # type: ignore[attr-defined]
    if cell is None or kind.__name__ in ("NAType", "NaTType"):
        return BLANK
    if isinstance(cell, bool):
        return OTHER
    if isinstance(cell, int | float) or (kind.__module__ == "numpy" and isinstance(cell, Real)):
        return NUMBER
    return OTHER


def cell_text(cell: object) -> str | None:
    """An id, unit or table cell as stripped text; ``None`` when blank or NaN (pandas' blank).

    >>> cell_text(" 1.1.1 "), cell_text(float("nan")), cell_text(""), cell_text(3)
    ('1.1.1', None, None, '3')
    """
    if cell_kind(cell) == BLANK or _is_nan(cell):
        return None
    return str(cell).strip()


def _is_nan(cell: object) -> bool:
    return isinstance(cell, float) and math.isnan(cell)


@dataclass(eq=False)
class BadResults(ResultsError):
    """Results with bad rows: each problem names its row and id; the message lists them all."""

    problems: Sequence[PerfscoreError] = ()

    def details(self) -> str:
        return "\n".join(f"  {problem}" for problem in self.problems)


@dataclass(frozen=True)
class ResultRow:
    """One input row as given: where it came from, the key, the value and the unit column."""

    row: int | None
    key: str
    value: object
    unit: str | None = None
    #: The evaluator's 得分, from a ``points`` (or ``得分``) column (self-evaluations only).
    points: object = None

    @property
    def blank(self) -> bool:
        """Whether the value is empty (``None``, pandas' NA or blank text): a missing result."""
        return cell_kind(self.value) == BLANK


@dataclass(frozen=True)
class GradedResult:
    """A graded row: the indicator, the value in the indicator's unit, its grade and cell."""

    indicator: Indicator
    row: int | None
    given: object
    #: The value in the indicator's unit (exact), or the label of a qualitative indicator.
    value: Fraction | str
    grade: Grade
    #: The published cell of the grade met (评价标准), or the cell it is read as if blank.
    cell: str | None


@dataclass
class Results:
    """Rows read against a table: graded, blank (missing) and bad."""

    table: Table
    source: str | None = None
    graded: dict[str, GradedResult] = field(default_factory=dict)
    #: Indicator ids given with an empty value, and the row that gave each.
    blank: dict[str, int | None] = field(default_factory=dict)
    problems: list[PerfscoreError] = field(default_factory=list)

    def raise_problems(self) -> None:
        """Raise one :class:`~perfscore.errors.ResultsError` listing every bad row, if any."""
        if not self.problems:
            return
        count = len(self.problems)
        raise BadResults(
            f"{count} bad result row{'s' if count > 1 else ''}; nothing was scored "
            "(fix them, or keep going to score the rest)",
            problems=tuple(self.problems),
        ).located(file=self.source)


def read_results(source: ResultsSource, table: Table) -> Results:
    """Read results from ``source`` and grade each row against ``table``.

    Bad rows are collected in :attr:`Results.problems`, never raised; a source that cannot be
    read at all (a missing file, a missing column) raises :class:`~perfscore.errors.ResultsError`.
    """
    label = str(source) if isinstance(source, str | Path) else None
    results = Results(table=table, source=label)
    rows = list(read_rows(source))
    by_indicator: dict[str, list[int]] = {}
    outcomes: list[tuple[ResultRow, Indicator | None, GradedResult | PerfscoreError | None]] = []
    for row in rows:
        try:
            indicator = table.indicator(row.key)
        except UnknownIndicator as error:
            outcomes.append((row, None, error.located(row=row.row, indicator=row.key)))
            continue
        by_indicator.setdefault(indicator.id, []).append(len(outcomes))
        outcome: GradedResult | PerfscoreError | None
        if row.blank:
            outcome = None
        else:
            try:
                outcome = _grade(indicator, row)
            except PerfscoreError as error:
                outcome = error.located(row=row.row, indicator=indicator.id)
        outcomes.append((row, indicator, outcome))
    for indicator_id, positions in by_indicator.items():
        if len(positions) > 1:
            # Which of two results is right cannot be guessed: neither is scored.
            given = ", ".join(_place(outcomes[p][0]) for p in positions)
            numbered = all(outcomes[p][0].row is not None for p in positions)
            given = f"rows {given.replace('row ', '')}" if numbered else given
            for p in positions:
                row, named, _ = outcomes[p]
                twice = ResultsError(f"{indicator_id} is given more than once ({given})")
                outcomes[p] = (row, named, twice.located(row=row.row, indicator=row.key))
    for row, found, outcome in outcomes:
        if isinstance(outcome, PerfscoreError):
            results.problems.append(outcome)
        elif outcome is None:
            assert found is not None
            results.blank[found.id] = row.row
        else:
            results.graded[outcome.indicator.id] = outcome
    return results


def _place(row: ResultRow) -> str:
    return f"row {row.row}" if row.row is not None else repr(row.key)


def _grade(indicator: Indicator, row: ResultRow) -> GradedResult:
    ladder = indicator.ladder
    value: Fraction | str
    if ladder.categorical:
        if row.unit is not None:
            raise ResultsError(
                f"{indicator.name} is graded by label ({', '.join(ladder.labels)}), "
                f"not by a value in {row.unit}"
            )
        if not isinstance(row.value, str):
            raise ResultsError(
                f"{indicator.name} is graded by label ({', '.join(ladder.labels)}), "
                f"not by the number {row.value!r}"
            )
        value = row.value.strip()
        grade = ladder.grade(value)
    else:
        assert ladder.unit is not None
        value = _magnitude(row, ladder.unit)
        grade = ladder.grade(value)
    cell = indicator.cells[grade.value] or indicator.read_cells[grade]
    return GradedResult(indicator, row.row, row.value, value, grade, cell)


def _magnitude(row: ResultRow, unit: str) -> Fraction:
    """The row's value in ``unit``, exactly; the unit column, if any, says what the number is in."""
    value = row.value
    if isinstance(value, str) and value.strip().lower() in _NOT_FINITE:
        raise ResultsError(f"expected a finite number, got {value.strip()!r}")
    try:
        # read_value refuses NaN and infinity ("expected a finite number, got nan") and reads
        # integers and Fractions exactly, however large.
        if row.unit is None:
            magnitude = read_value(value, unit)
        else:
            given_unit = canonical_unit(row.unit)
            magnitude = read_value(value, given_unit) * factor(given_unit, unit)
    except NotationError:
        expected = "a plain number" if unit == "dimensionless" else f"a number in {unit}"
        raise ResultsError(f"expected {expected}, got {value!r}") from None
    if beyond_float(magnitude):
        raise ResultsError(
            f"expected a number a float can hold (within ±1.8e308), got {_scientific(magnitude)}"
        )
    return magnitude


def beyond_float(number: Fraction) -> bool:
    """Whether a float cannot hold ``number`` (scores, frames and JSON carry floats).

    >>> [beyond_float(Fraction(n)) for n in (10**308, 10**309, -(10**309))]
    [False, True, True]
    """
    # Bit lengths first: a Fraction comparison per row would cost a province's scoring.
    size = number.numerator.bit_length() - number.denominator.bit_length()
    return size > 1000 and abs(number) > _FLOAT_MAX


def _scientific(number: Fraction) -> str:
    """A huge number in two figures, without a float (it would overflow).

    >>> _scientific(Fraction(10**400, 3)), _scientific(Fraction(-(10**309)))
    ('3.3e+399', '-1e+309')
    """
    size = abs(number)
    exponent = len(str(size.numerator // size.denominator)) - 1
    mantissa = float(size / 10**exponent)
    return f"{'-' if number < 0 else ''}{mantissa:.2g}e+{exponent}"


# -- reading rows ---------------------------------------------------------------------------


def read_rows(source: ResultsSource) -> Iterator[ResultRow]:
    """The rows of ``source`` as given, without grading them.

    ``source`` is a mapping of id to value, a pandas DataFrame, or a path to a ``.csv``,
    ``.xlsx`` or ``.json`` file. Raises :class:`~perfscore.errors.ResultsError` for a file that
    cannot be read or lacks the ``id`` or ``value`` column.
    """
    if isinstance(source, str | Path):
        yield from _read_file(Path(source))
    elif isinstance(source, Mapping):
        for key, value in source.items():
            yield ResultRow(None, str(key), value)
    elif _is_frame(source):
        yield from _from_frame(source)
    else:
        raise ResultsError(
            "results are a mapping of id to value, a DataFrame, or a path to a CSV, XLSX or "
            f"JSON file, not {type(source).__name__}"
        )


def _is_frame(source: object) -> bool:
    return type(source).__name__ == "DataFrame" and hasattr(source, "itertuples")


def _from_frame(frame: Any) -> Iterator[ResultRow]:
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
    index = {name: position for position, name in reversed(list(enumerate(header)))}
    absent = [name for name in ("id", "value") if name not in index]
    if absent:
        found = ", ".join(repr(h) for h in header if h) or "none"
        raise ResultsError(
            f"the results need the column{'s' if len(absent) > 1 else ''} "
            f"{' and '.join(absent)} (found {found})"
        ).located(file=label, row=header_row)
    unit_at = index.get("unit")
    points_at = index.get("points", index.get("得分"))
    for number, record in records:
        if all(cell_text(cell) is None for cell in record):
            # A blank line between rows is layout, not a result; so is a frame's row of NaN
            # (pandas' blank). NaN beside an id is a value, and a bad one: reported.
            continue
        cells = list(record) + [None] * (len(header) - len(record))
        key = cell_text(cells[index["id"]])
        unit = cell_text(cells[unit_at]) if unit_at is not None else None
        points = cells[points_at] if points_at is not None else None
        yield ResultRow(number, key or "", cells[index["value"]], unit, points)


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
    from .intervals import format_number

    exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
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
