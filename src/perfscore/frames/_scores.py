"""Scoring many tables' results at once (批量评分): graded in batch, rolled up as ``score`` does.

[score_frame][perfscore.frames.score_frame] takes results for many tables in one DataFrame (columns
``table``, ``id``, ``value``, optionally ``unit``), lays the tables out as columns
([Layout][perfscore.frames.Layout]), grades the results through one
[LadderBook][perfscore.ladders.LadderBook], rolls every table up column-wise by the rules of
[perfscore.scoring.roll_up][perfscore.scoring.roll_up] (the roll-up
[perfscore.score][perfscore.cards.score] uses; [perfscore.frames._rollup][] gives the same
figures) and returns one frame per level: indicators, activities, duties and departments.

>>> import pandas as pd
>>> import perfscore
>>> results = pd.DataFrame({
...     "table": ["zanhuang-hrss-2018"] * 4,
...     "id": ["1.1.1", "1.1.2", "1.2.2", "10.3.1"],
...     "value": [100, 92.5, 470, "有效实施"],
... })
>>> scores = perfscore.score_frame(["zanhuang-hrss-2018"], results)
>>> scores.departments[["table", "score", "grade", "graded", "total"]]
                table  score grade  graded  total
0  zanhuang-hrss-2018   87.5     良       4     68
>>> scores.activities.loc[[0, 1], ["id", "score", "grade", "graded", "missing"]]
    id  score grade  graded              missing
0  1.1   90.0     优       2
1  1.2   60.0     中       1  1.2.1 1.2.3 1.2.4
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from perfscore.errors import PerfscoreError
from perfscore.grades import GRADES
from perfscore.scoring._methods import Method, get_method, points_depend_on
from perfscore.scoring._rows import (
    FIRST_ROW,
    BadResults,
    ResultColumns,
    as_any_table,
    bad_rows,
    check_errors,
    check_weights,
)
from perfscore.scoring._selfevaluation import SelfEvaluation, names_self_evaluation
from perfscore.tables._models import Table
from perfscore.tables._targets_table import TargetsTable
from perfscore.views import _plots as plots
from perfscore.views import _report as report
from perfscore.views import _workbook as workbook

from ._grading import Grading
from ._ladder_rows import TABLES_FRAME, is_indicator_frame, layout_from_frame
from ._layout import Layout
from ._rollup import Level, Points, roll_up_layout
from ._target_results import PROJECT_COLUMNS, TARGET_COLUMNS, TargetFrames, score_target_frames
from ._target_rows import target_rows, targets_from_frame

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["BadFrameResults", "FrameScores", "TablesSource", "score_frame"]

#: What [score_frame][perfscore.frames.score_frame] accepts as its tables.
TablesSource: TypeAlias = (
    "Iterable[Table | TargetsTable | str | Path] | Mapping[str, Table | TargetsTable | str | Path]"
    " | pd.DataFrame"
)

#: How many bad rows an error message lists (all of them are in ``problems``).
_SHOWN: Final = 20
_GRADE_OF_CODE: Final = {g.code: g for g in GRADES}
_COUNT_COLUMNS: Final = tuple(g.value for g in GRADES)


@dataclass(eq=False)
class BadFrameResults(BadResults):
    """Bad rows in a results frame: every one in `problems`; the message lists the first."""

    def details(self) -> str:
        shown = [f"  {problem}" for problem in self.problems[:_SHOWN]]
        more = len(self.problems) - _SHOWN
        if more > 0:
            shown.append(f"  … and {more} more (all in .problems; errors='coerce' lists them)")
        return "\n".join(shown)


@dataclass(frozen=True, eq=False)
class FrameScores:
    """Scores of many tables, one frame per level; every frame has a ``table`` column.

    - ``indicators``: ``table``, ``duty``, ``activity``, ``id``, ``name``, ``unit``, ``value``
      (float, in the indicator's unit; NaN when missing or qualitative), ``label`` (a
      qualitative indicator's label), ``grade`` (优/良/中/差 or None), ``cell``, ``points``
      (float, NaN when missing), ``row`` (the input row, or <NA>);
    - ``activities`` (``duty``, ``id``, ``name``), ``duties`` (``id``, ``name``) and
      ``departments`` (``name``, ``year``): ``score`` (float, NaN when nothing was scored),
      ``grade``, ``graded``, ``total``, ``coverage``, a count per grade (``优`` … ``差``) and
      ``missing`` (the ids without a result, space-separated);
    - ``unscored``: the bad rows (``row``, ``table``, ``id``, ``value``, ``reason``,
      ``message``), empty unless ``errors="coerce"``;
    - ``targets`` and ``projects``: the targets tables' rows (a ``table`` column, then the
      columns of [TargetsScorecard.to_frame][perfscore.cards.TargetsScorecard.to_frame])
      and projects (``table``, ``id``, ``name``, ``total``, ``grade``, ``weight``, ``missing``,
      ``dropped``); empty when no targets table is given.
    """

    method: str
    indicators: pd.DataFrame
    activities: pd.DataFrame
    duties: pd.DataFrame
    departments: pd.DataFrame
    unscored: pd.DataFrame
    targets: pd.DataFrame = field(default_factory=lambda: _empty(TARGET_COLUMNS))
    projects: pd.DataFrame = field(default_factory=lambda: _empty(PROJECT_COLUMNS))

    def to_html(self, path: str | Path | None = None, *, title: str | None = None) -> str:
        """A report to send: one self-contained HTML page (plots, tables, findings), A4 to print.

        Written to ``path`` too when one is given. See [perfscore.views.report_html][]
        (matplotlib: ``pip install "perfscore[plot]"``).
        """
        return report.report_html(self, title=title, path=path)

    def plot(self, *, ax: Axes | None = None, font: str | PathLike[str] | None = None) -> Axes:
        """The departments' scores across the tables, by grade band (a histogram).

        See [perfscore.views.plot_frame_scores][] (matplotlib: ``pip install "perfscore[plot]"``).
        """
        return plots.plot_frame_scores(self, ax=ax, font=font)

    def to_excel(self, path: str | Path, *, frame_columns: bool = False) -> Path:
        """Write the frames as a workbook, a sheet each, grades coloured; return the path.

        Sheets and headers are in Chinese; ``frame_columns=True`` keeps the frames' English
        column names. See [perfscore.views.write_frame_scores][].
        """
        return workbook.write_frame_scores(self, path, frame_columns=frame_columns)


def _empty(columns: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns))


def score_frame(
    tables: TablesSource,
    results: pd.DataFrame,
    *,
    method: str | Method | SelfEvaluation | None = None,
    weights: Mapping[str, object] | None = None,
    errors: Literal["raise", "coerce"] = "raise",
) -> FrameScores:
    """Grade ``results`` for many tables at once and roll each table up, as
    [score][perfscore.cards.score] does.

    ``tables`` are [Table][perfscore.tables.Table] objects, table files or bundled tables' names
    (each known by its ``name``), a mapping of the name the results use to a table, or one DataFrame
    with a row per indicator, as [indicator_frame][perfscore.frames.indicator_frame] writes it (read
    from CSV or Parquet): it is read by [tables_from_frame][perfscore.frames.tables_from_frame],
    each distinct ladder parsed once, and its bad rows are reported as bad results are (in the file
    ``tables frame``, listed first). ``results`` is a DataFrame with columns ``table``, ``id`` (an
    indicator id, or a published name unique in its table), ``value`` and optionally ``unit``, read
    as [score][perfscore.cards.score] reads them: numbers in the indicator's unit (or in ``unit``),
    labels for qualitative indicators, texts such as ``"95%"``; a blank value (None, pd.NA, empty
    text) is a missing result; NaN and infinity are bad; a NaN table, id or unit is blank. Cells are
    classified as [score][perfscore.cards.score] classifies them
    ([cell_kind][perfscore.scoring.cell_kind]). A table without rows is
    scored with every result missing; a row blank in every column is layout, not a result, and is
    skipped (as [score][perfscore.cards.score] skips a blank line).

    ``method`` and ``weights`` are [score][perfscore.cards.score]'s; ``weights`` maps ids to
    weights for every table, or table names to such mappings. The figures equal ``score(table, rows
    of table)`` for every table. Rows are numbered as a spreadsheet shows the frame (the header is
    row 1).

    Bad rows (an unknown table or id, an indicator given twice, a unit that does not fit, text
    where a number is needed, NaN, a negative count, an unknown label) raise one
    [BadFrameResults][perfscore.frames.BadFrameResults] naming each by row, table and id; with
    ``errors="coerce"`` they are listed in
    `FrameScores.unscored` and the rest is scored.
    """
    check_errors(errors)
    if not isinstance(results, pd.DataFrame):
        raise TypeError(f"results for many tables are a DataFrame, not {type(results).__name__}")
    layout, targets, frame_problems = _read_tables(tables)
    named = layout.names
    chosen = _ladder_method(method, named)
    per_table = _weights(named, weights)
    columns = ResultColumns.of(results, ("table", "id", "value"))
    graded = Grading(layout, columns, elsewhere=frozenset(targets))
    # Without targets tables there is nothing to score there (and no row to read again).
    scored = score_target_frames(targets, columns, None if named else method) if targets else None
    target_problems = scored.problems if scored is not None else []
    if (graded.problems or target_problems or frame_problems) and errors == "raise":
        raise bad_rows(
            [e for _, e, _ in frame_problems] + _in_row_order(graded, target_problems),
            hint="pass errors='coerce' to score the rest",
            kind=BadFrameResults,
        )
    points = _points(layout, graded, chosen)
    frames = _roll_up(layout, graded, chosen, points, per_table)
    if frame_problems:
        # The tables frame's bad rows come first: their rows number the tables frame.
        frames = dataclasses.replace(
            frames, unscored=_with_frame_problems(frames.unscored, frame_problems)
        )
    return frames if scored is None else _with_targets(frames, scored, bool(named))


Problems: TypeAlias = list[tuple[int, PerfscoreError, object]]


def _read_tables(tables: TablesSource) -> tuple[Layout, dict[str, TargetsTable], Problems]:
    """The ladder tables as a `Layout`, the targets tables by name, and the bad rows of an
    indicator frame (each with its row)."""
    if not is_indicator_frame(tables):
        everything = _named_tables(tables)
        # Targets tables are scored table by table through score's own rules (self_evaluate);
        # the ladder tables go through the batch, which skips the targets tables' rows.
        targets = {n: t for n, t in everything.items() if isinstance(t, TargetsTable)}
        layout = Layout.of_tables({n: t for n, t in everything.items() if isinstance(t, Table)})
        return layout, targets, []
    assert isinstance(tables, pd.DataFrame)
    frame = tables.reset_index(drop=True)
    # A row with a target is a targets table's; the rest are ladder tables' rows.
    of_targets = target_rows(frame)
    layout, problems = layout_from_frame(frame, of_targets)
    if not of_targets.any():
        return layout, {}, problems
    targets, refused = targets_from_frame(frame, of_targets)
    both = [name for name in layout.names if name in targets]
    if both:
        raise PerfscoreError(
            f"table {both[0]!r} has ladder rows and targets rows in the tables frame"
        ).located(file=TABLES_FRAME)
    return layout, targets, sorted(problems + refused, key=lambda problem: problem[0])


def _ladder_method(method: str | Method | SelfEvaluation | None, named: Sequence[str]) -> Method:
    """The method the ladder tables are scored by (the targets tables are self-evaluated)."""
    self_evaluation = names_self_evaluation(method)
    if self_evaluation and named:
        raise PerfscoreError(
            "the self-evaluation method scores targets tables; leave method unset to score "
            "ladder and targets tables together, each by its default"
        )
    return get_method(None if isinstance(method, SelfEvaluation) or self_evaluation else method)


def _with_targets(frames: FrameScores, scored: TargetFrames, ladders: bool) -> FrameScores:
    """The ladder tables' frames with the targets tables' rows, projects and bad rows."""
    unscored = frames.unscored
    if scored.problems:
        extra = pd.DataFrame(
            [
                [row, e.where.table, e.where.indicator, value, e.reason, str(e)]
                for row, e, value in scored.problems
            ],
            columns=list(unscored.columns),
        )
        unscored = pd.concat([unscored, extra] if len(unscored) else [extra], ignore_index=True)
        in_frame = unscored["message"].str.startswith(TABLES_FRAME).to_numpy(dtype=bool)
        unscored = pd.concat(
            [unscored[in_frame], unscored[~in_frame].sort_values("row", kind="stable")],
            ignore_index=True,
        )
    return dataclasses.replace(
        frames,
        method=frames.method if ladders else "self-evaluation",
        unscored=unscored,
        targets=scored.targets,
        projects=scored.projects,
    )


def _with_frame_problems(
    unscored: pd.DataFrame, problems: list[tuple[int, PerfscoreError, object]]
) -> pd.DataFrame:
    extra = pd.DataFrame(
        [
            [row, e.where.table, e.where.indicator, cell, e.reason, str(e)]
            for row, e, cell in problems
        ],
        columns=list(unscored.columns),
    )
    return pd.concat([extra, unscored] if len(unscored) else [extra], ignore_index=True)


def _in_row_order(
    graded: Grading, extra: list[tuple[int, PerfscoreError, object]]
) -> list[PerfscoreError]:
    rows = [r + FIRST_ROW for r in graded.bad_rows] + [row for row, _, _ in extra]
    problems = [*graded.problems, *(e for _, e, _ in extra)]
    return [problems[i] for i in sorted(range(len(rows)), key=rows.__getitem__)]


# -- the tables -----------------------------------------------------------------------------


def _named_tables(tables: TablesSource) -> dict[str, Table | TargetsTable]:
    if isinstance(tables, Table | TargetsTable | str | Path):
        tables = [tables]
    if not isinstance(tables, Iterable):
        raise TypeError(
            f"tables are Tables, table files or bundled tables' names, not {type(tables).__name__}"
        )
    named: dict[str, Table | TargetsTable] = {}
    if isinstance(tables, Mapping):
        items = [(str(k).strip(), as_any_table(v)) for k, v in tables.items()]
    else:
        loaded = [as_any_table(t) for t in tables]
        items = [(t.name, t) for t in loaded]
    for name, table in items:
        if name in named:
            raise PerfscoreError(f"two tables are named {name!r}")
        named[name] = table
    return named


def _weights(
    named: Sequence[str], weights: Mapping[str, object] | None
) -> dict[str, Mapping[str, object] | None]:
    check_weights(weights)
    if not weights:
        return dict.fromkeys(named)
    if all(isinstance(w, Mapping) for w in weights.values()):
        known = set(named)
        unknown = [str(name) for name in weights if str(name) not in known]
        if unknown:
            raise PerfscoreError(
                f"weights are given for table {unknown[0]!r}, which is not among the tables"
            )
        return {name: weights.get(name) for name in named}  # type: ignore[misc]
    return dict.fromkeys(named, weights)


# -- points and the roll-up -----------------------------------------------------------------


def _points(layout: Layout, graded: Grading, method: Method) -> Points:
    """Each indicator's points, priced once per distinct argument the method depends on."""
    graded_at = np.flatnonzero(graded.code >= 0)
    codes = graded.code[graded_at]
    depends_on = points_depend_on(method)
    which = np.full(len(layout), -1, dtype=np.intp)
    values: list[Fraction] = []

    def price(g: int) -> Fraction:
        try:
            indicator = layout.indicator(g)
            return method.points(indicator, _GRADE_OF_CODE[int(graded.code[g])], graded.value_of(g))
        except PerfscoreError as error:
            row = int(graded.row[g]) + FIRST_ROW
            name = layout.names[int(layout.table_of[g])]
            raise error.located(row=row, table=name, indicator=str(layout.ids[g])) from None

    if depends_on == "grade":
        # Priced by the grade alone: once per grade, at the first indicator that gets it.
        found, first = np.unique(codes, return_index=True)
        for code, g in zip(found.tolist(), graded_at[first].tolist(), strict=True):
            which[graded_at[codes == code]] = len(values)
            values.append(price(g))
        return Points(which, tuple(values))
    if depends_on != "ladder":
        # Anything about the indicator: priced one by one.
        index: dict[Fraction, int] = {}
        for g in graded_at.tolist():
            which[g] = index.setdefault(price(g), len(index))
        return Points(which, tuple(index))
    # The ladder, the grade and the value alone: equal ladders see the same (grade, value) pairs
    # over and over. Plain numbers (the decimal each prints as) are told apart column-wise; the
    # rest (labels, numbers read in another unit or exactly) by their exact value.
    plain = graded.plain[graded_at]
    at = graded_at[plain]
    if len(at):
        number_codes, numbers = pd.factorize(graded.number[at])
        ladder_code = layout.ladder_of[at].astype(np.int64) * 4 + graded.code[at]
        key_codes, _ = pd.factorize(ladder_code * len(numbers) + number_codes)
        _, first = np.unique(key_codes, return_index=True)
        which[at] = len(values) + key_codes
        values += [price(g) for g in at[first].tolist()]
    priced: dict[tuple[int, int, Fraction | str], int] = {}
    for g in graded_at[~plain].tolist():
        key = (int(layout.ladder_of[g]), int(graded.code[g]), graded.value_of(g))
        k = priced.get(key)
        if k is None:
            k = priced[key] = len(values)
            values.append(price(g))
        which[g] = k
    return Points(which, tuple(values))


def _roll_up(
    layout: Layout,
    graded: Grading,
    method: Method,
    points: Points,
    weights: Mapping[str, Mapping[str, object] | None],
) -> FrameScores:
    levels = roll_up_layout(layout, method, points, [weights[n] for n in layout.names])
    activities, duties = layout.activities, layout.duties
    # Each node's text column is made once and taken from for every frame that shows it.
    tables, duty_ids, activity_ids = _text(layout.names), _text(duties.ids), _text(activities.ids)
    return FrameScores(
        method=method.name,
        indicators=_indicators(layout, graded, points, tables, duty_ids, activity_ids),
        activities=_frame(
            {"table": tables.take(layout.activity_table), "duty": duty_ids.take(activities.parent),
             "id": activity_ids, "name": _text(activities.names)},
            levels.activities, _counts(graded.code, layout.activity_of, len(activities)),
        ),
        duties=_frame(
            {"table": tables.take(duties.parent), "id": duty_ids, "name": _text(duties.names)},
            levels.duties, _counts(graded.code, layout.duty_of, len(duties)),
        ),
        departments=_frame(
            {"table": tables, "name": _text(layout.departments), "year": layout.years},
            levels.departments, _counts(graded.code, layout.table_of, len(layout.names)),
        ),
        unscored=graded.unscored(),
    )  # fmt: skip


def _counts(
    codes: npt.NDArray[np.int8], node_of: npt.NDArray[np.intp], nodes: int
) -> npt.NDArray[np.int64]:
    """How many indicators beneath each node got each grade, columns 优 良 中 差."""
    at = codes >= 0
    flat = node_of[at] * 4 + (3 - codes[at].astype(np.intp))
    return np.bincount(flat, minlength=nodes * 4).reshape(nodes, 4)


def _frame(data: dict[str, Any], level: Level, counts: npt.NDArray[Any]) -> pd.DataFrame:
    data = dict(data)
    data["score"] = level.score
    # Grades stay None where nothing was scored (a text column would turn None into NaN).
    data["grade"] = pd.Series(level.grade, dtype=object)
    data["graded"] = level.graded
    data["total"] = level.total
    data["coverage"] = level.coverage
    for k, grade in enumerate(_COUNT_COLUMNS):
        data[grade] = counts[:, k]
    data["missing"] = level.missing
    return pd.DataFrame(data)


def _indicators(
    layout: Layout,
    graded: Grading,
    points: Points,
    tables: Any,
    duty_ids: Any,
    activity_ids: Any,
) -> pd.DataFrame:
    codes = graded.code
    grade_names = np.array([*reversed(_COUNT_COLUMNS), None], dtype=object)  # 差 … 优, None
    grade = grade_names[np.where(codes >= 0, codes, 4)]
    labels = np.full(len(layout), None, dtype=object)
    if graded.label:
        labels[list(graded.label)] = list(graded.label.values())
    rows = pd.array(np.where(graded.row >= 0, graded.row + FIRST_ROW, 0), dtype="Int64")
    rows[graded.row < 0] = pd.NA
    return pd.DataFrame(
        {
            "table": tables.take(layout.table_of),
            "duty": duty_ids.take(layout.duty_of),
            "activity": activity_ids.take(layout.activity_of),
            "id": _taken(list(layout.id_codes[1]), layout.id_codes[0]),
            "name": _text(layout.indicator_names),
            "unit": _taken(layout.ladder_units, layout.ladder_of),
            "value": graded.number,
            "label": pd.Series(labels, dtype=object),
            "grade": pd.Series(grade, dtype=object),
            "cell": pd.Series(layout.shown_cells(codes), dtype=object),
            "points": points.floats(),
            "row": rows,
        }
    )


@functools.cache
def _text_dtype() -> Any:
    """The dtype pandas gives a column of texts (``str`` from pandas 3, ``object`` before)."""
    return pd.Series(["text"]).dtype


def _taken(distinct: Sequence[object] | npt.NDArray[Any], codes: npt.NDArray[np.intp]) -> Any:
    """A text column from distinct texts and each row's code: the column pandas would infer,
    made by one take (inferring ten million rows' texts one by one is slow)."""
    dtype = _text_dtype()
    values = np.asarray(distinct, dtype=object)
    if dtype == np.dtype(object):
        return values[codes]
    return pd.array(values, dtype=dtype).take(codes)


def _text(values: Sequence[object] | npt.NDArray[Any]) -> Any:
    """A text column from a column of texts: the column pandas would infer (see `_taken`),
    converted in one call (cheaper than factorizing first, even for few distinct texts)."""
    dtype = _text_dtype()
    texts = np.asarray(values, dtype=object)
    return texts if dtype == np.dtype(object) else pd.array(texts, dtype=dtype)
