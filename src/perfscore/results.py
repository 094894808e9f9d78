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

The rules a row is read and graded by are [perfscore.rows][]' (the same for
[score_frame][perfscore.frames.score_frame]); the file formats are [perfscore.readers][]'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from .errors import PerfscoreError, UnknownIndicator
from .exact import beyond_float
from .readers import ResultsSource, decode, read_rows
from .rows import (
    BadResults,
    CellKind,
    GradedResult,
    ResultRow,
    bad_rows,
    cell_kind,
    cell_text,
    given_twice,
    grade_row,
)
from .tables import Indicator, Table

__all__ = [
    "BadResults",
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
        """Raise one [BadResults][perfscore.rows.BadResults] listing every bad row, if any."""
        if self.problems:
            raise bad_rows(self.problems, hint="keep going to score the rest").located(
                file=self.source
            )


def read_results(source: ResultsSource, table: Table) -> Results:
    """Read results from ``source`` and grade each row against ``table``.

    Bad rows are collected in `Results.problems`, never
    raised; a source that cannot be read at all (a missing file, a missing column) raises
    [ResultsError][perfscore.errors.ResultsError].
    """
    label = str(source) if isinstance(source, str | Path) else None
    results = Results(table=table, source=label)
    by_indicator: dict[str, list[int]] = {}
    outcomes: list[tuple[ResultRow, Indicator | None, GradedResult | PerfscoreError | None]] = []
    for row in read_rows(source):
        try:
            indicator = table.indicator(row.key)
        except UnknownIndicator as error:
            outcomes.append((row, None, row.locate(error)))
            continue
        by_indicator.setdefault(indicator.id, []).append(len(outcomes))
        outcome: GradedResult | PerfscoreError | None = None
        if not row.blank:
            try:
                outcome = grade_row(indicator, row)
            except PerfscoreError as error:
                outcome = row.locate(error, indicator.id)
        outcomes.append((row, indicator, outcome))
    for indicator_id, positions in by_indicator.items():
        if len(positions) > 1:
            twice = given_twice(indicator_id, [outcomes[p][0] for p in positions])
            for p, repeated in zip(positions, twice, strict=True):
                outcomes[p] = (outcomes[p][0], outcomes[p][1], repeated)
    for row, found, outcome in outcomes:
        if isinstance(outcome, PerfscoreError):
            results.problems.append(outcome)
        elif outcome is None:
            assert found is not None
            results.blank[found.id] = row.row
        else:
            results.graded[outcome.indicator.id] = outcome
    return results
