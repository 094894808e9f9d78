"""Year-end results (年度实际完成值): read from a mapping, a DataFrame or a file, and graded.

Results come as rows of an indicator ``id`` (or its published name, where that is unique in the
table), a ``value`` and optionally a ``unit`` (then ``value`` is a number in that unit). Values
are read as [Ladder.grade][perfscore.ladders.Ladder.grade] reads them: ``"95%"``, ``0.95`` with unit
``1``, ``"499 人"``, a label for a qualitative indicator.

Every row ends up in exactly one place: graded
(`Results.graded`), blank (a row whose value is empty: the
result is missing, and says so) or bad (`Results.problems`,
each with its row number, its id and the reason); a row blank in every cell (a blank line, a
frame's row of NaN) is layout, not a result. A repeated id, in a JSON object too, is a bad row,
twice.

>>> import perfscore
>>> table = perfscore.load_table("zanhuang-hrss-2018")
>>> given = {"1.1.1": "95%", "新增就业人员数量": 505, "9.9.9": 1}
>>> results = read_results(given, table)
>>> [(r.indicator.id, str(r.grade), r.cell) for r in results.graded.values()]
[('1.1.1', '良', '≥90%'), ('1.2.2', '优', '≥500')]
>>> print(results.problems[0])  # doctest: +ELLIPSIS
indicator 9.9.9: table zanhuang-hrss-2018 has no indicator '9.9.9'; did you mean '9.5.1', ...

The rules a row is read and graded by are [perfscore.scoring._rows][]' (the same for
[score_frame][perfscore.frames.score_frame]); the file formats are [perfscore.scoring._readers][]'.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Final

from perfscore.errors import PerfscoreError, ResultsError, UnknownIndicator
from perfscore.intervals import format_number
from perfscore.notation._exact import beyond_float
from perfscore.tables._models import Indicator, Table

from ._cells import CellKind, cell_kind, cell_text
from ._readers import ResultsSource, decode, read_rows
from ._rows import (
    SHOWN_ROWS,
    BadResults,
    GradedResult,
    ResultRow,
    RowsError,
    UnknownRows,
    bad_rows,
    given_twice,
    grade_row,
    places,
)

__all__ = [
    "SUGGESTED",
    "BadResults",
    "FractionsWarning",
    "GradedResult",
    "ResultRow",
    "Results",
    "ResultsSource",
    "beyond_float",
    "cell_kind",
    "cell_text",
    "decode",
    "read_results",
    "read_rows",
]

# What cell_kind returned before it returned a CellKind (members equal these ints).
NUMBER: Final = CellKind.NUMBER
TEXT: Final = CellKind.TEXT
BLANK: Final = CellKind.BLANK
OTHER: Final = CellKind.OTHER


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
        """Raise one [BadResults][perfscore.scoring.BadResults] listing every bad row, if any."""
        if self.problems:
            raise bad_rows(self.problems, hint="keep going to score the rest").located(
                file=self.source
            )


def read_results(source: ResultsSource, table: Table) -> Results:
    """Read results from ``source`` and grade each row against ``table``.

    Bad rows are collected in `Results.problems`, never
    raised; a source that cannot be read at all (a missing file, a missing column) raises
    [ResultsError][perfscore.errors.ResultsError].

    Rows are read one at a time and only what a message needs is kept, so time and memory grow with
    the table, not the file: an id given many times is one problem
    ([RowsError][perfscore.scoring._rows.RowsError]) naming its first rows and counting them all;
    each distinct id the table lacks is one problem
    ([UnknownRows][perfscore.scoring._rows.UnknownRows]), with close ids suggested for the first
    `SUGGESTED` of them and the rest counted in one. When every plain number given for a percent
    indicator is at most 1, a [FractionsWarning][perfscore.scoring.FractionsWarning] says they were
    probably meant as fractions.
    """
    label = str(source) if isinstance(source, str | Path) else None
    results = Results(table=table, source=label)
    reading = _Reading(table)
    for row in read_rows(source):
        reading.add(row)
    reading.finish(results)
    if reading.percents and max(reading.percents) <= 1:
        shown = ", ".join(format_number(v) for v in reading.percents[:3])
        warnings.warn(
            FractionsWarning(
                f"{label + ': ' if label else ''}every percent value is at most 1 ({shown} …): "
                "0.85 is read as 0.85%, not 85%; write 85 or 85%, or give the unit 1"
            ),
            stacklevel=2,
        )
    return results


#: How many distinct unknown ids get "did you mean" suggestions; the rest are counted.
SUGGESTED: Final = 20


class FractionsWarning(UserWarning):
    """Every plain number given for a percent indicator is at most 1: probably fractions."""


class _Reading:
    """The rows of one source as they arrive: the first row per indicator, and tallies."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.by_id = {i.id: i for i in table.indicators()}
        self.names = {i.name for i in table.indicators()}
        self.sequence = 0
        # indicator id -> (sequence, first row, its outcome); later rows only tallied.
        self.first: dict[str, tuple[int, ResultRow, GradedResult | PerfscoreError | None]] = {}
        self.again: dict[str, list[ResultRow]] = {}
        self.again_count: dict[str, int] = {}
        # key -> (sequence, the lookup's error, rows shown, count): one problem per distinct id.
        self.unknown: dict[str, tuple[int, PerfscoreError, list[ResultRow], list[int]]] = {}
        self.rest: tuple[int, list[ResultRow], list[int]] | None = None
        self.faults: list[tuple[int, PerfscoreError]] = []
        self.percents: list[Fraction] = []

    def lookup(self, key: str) -> Indicator | PerfscoreError:
        found = self.by_id.get(key)
        if found is not None:
            return found
        if not key.strip():
            return ResultsError("the id is blank: each result row names its indicator")
        try:
            return self.table.indicator(key)
        except UnknownIndicator as error:
            return error

    def add(self, row: ResultRow) -> None:
        self.sequence += 1
        key = row.key
        if key in self.unknown:
            _, _, shown, count = self.unknown[key]
            count[0] += 1
            if len(shown) < SHOWN_ROWS:
                shown.append(row)
            return
        if key not in self.by_id and len(self.unknown) >= SUGGESTED and not self.named(key):
            # Past the first few unknown ids, no suggestions (difflib per id is the cost).
            if self.rest is None:
                self.rest = (self.sequence, [], [0])
            self.rest[2][0] += 1
            if len(self.rest[1]) < SHOWN_ROWS:
                self.rest[1].append(row)
            return
        found = self.lookup(key)
        if isinstance(found, PerfscoreError):
            self.unknown[key] = (self.sequence, found, [row], [1])
            return
        if found.id in self.first:
            self.again_count[found.id] = self.again_count.get(found.id, 0) + 1
            shown = self.again.setdefault(found.id, [])
            if len(shown) < SHOWN_ROWS:
                shown.append(row)
            return
        outcome: GradedResult | PerfscoreError | None = None
        if row.fault is not None or not row.blank:
            try:
                outcome = grade_row(found, row)
            except PerfscoreError as error:
                outcome = row.locate(error, found.id)
            else:
                self.note_percent(found, row, outcome.value)
        self.first[found.id] = (self.sequence, row, outcome)

    def named(self, key: str) -> bool:
        """Whether ``key`` is an indicator's name (then the table resolves it, fast)."""
        return key.strip() in self.names

    def note_percent(self, indicator: Indicator, row: ResultRow, value: Fraction | str) -> None:
        if indicator.ladder.unit != "percent" or row.unit is not None:
            return
        given = row.value
        plain = not isinstance(given, str) or ("%" not in given and "％" not in given)
        if plain and isinstance(value, Fraction):
            self.percents.append(value)

    def finish(self, results: Results) -> None:
        problems: list[tuple[int, PerfscoreError]] = []
        for indicator_id, (sequence, row, outcome) in self.first.items():
            if indicator_id in self.again:
                rows = [row, *self.again[indicator_id]]
                count = 1 + self.again_count[indicator_id]
                problems.append((sequence, given_twice(indicator_id, rows, count=count)))
            elif isinstance(outcome, PerfscoreError):
                problems.append((sequence, outcome))
            elif outcome is None:
                results.blank[indicator_id] = row.row
            else:
                results.graded[indicator_id] = outcome
        for key, (sequence, error, shown, tally) in self.unknown.items():
            problems.append((sequence, _unknown(key, error, shown, tally[0])))
        if self.rest is not None:
            sequence, shown, tally = self.rest
            more = RowsError(
                f"{tally[0]:,} more row{'s' if tally[0] > 1 else ''} whose ids the table does "
                f"not have, past the first {SUGGESTED} such ids ({places(shown, tally[0])})",
                count=tally[0],
                rows=tuple(r.row for r in shown),
            )
            problems.append((sequence, shown[0].locate(more)))
        problems.sort(key=lambda item: item[0])
        results.problems.extend(problem for _, problem in problems)


def _unknown(key: str, error: PerfscoreError, shown: list[ResultRow], count: int) -> PerfscoreError:
    """One problem for every row giving ``key``, an id the table lacks (or a blank id)."""
    reason = error.reason if count == 1 else f"{error.reason} ({places(shown, count)})"
    rows = tuple(r.row for r in shown)
    if isinstance(error, UnknownIndicator):
        grouped: PerfscoreError = UnknownRows(
            reason, key=error.key, suggestions=error.suggestions, count=count, rows=rows
        )
    else:
        grouped = RowsError(reason, count=count, rows=rows)
    if not key.strip():  # no id to name
        return grouped.located(row=shown[0].row, table=shown[0].table)
    return shown[0].locate(grouped)
