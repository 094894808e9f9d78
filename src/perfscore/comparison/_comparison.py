"""Year-on-year comparison (同比): the same table scored in two years or more, node by node.

[compare][perfscore.comparison.compare] lines up the scorecards of one department's table, scored in
different years (or two versions of a table), and gives a frame per level: one row per node, a
score and a grade column per card, ``change`` (the last card's score minus the first's) and
``move`` (grades gained, 差 → 优 is +3).

Nodes are matched by id, then, among those left, by name; every match by name, every renamed
node and every node present in some cards only is a finding in
`Comparison.findings`.

Examples:
    >>> import perfscore
    >>> before = perfscore.score("zanhuang-hrss-2018", {"1.1.1": "100%", "1.1.2": "85%"})
    >>> after = perfscore.score("zanhuang-hrss-2018", {"1.1.1": "100%", "1.1.2": "100%"})
    >>> comparison = perfscore.compare(before, after, labels=["2018", "2019"])
    >>> comparison.activities.loc[0, ["id", "score_2018", "score_2019", "change", "move"]]
    id               1.1
    score_2018      80.0
    score_2019     100.0
    change          20.0
    move               1
    Name: 0, dtype: object
    >>> print(comparison.to_text().splitlines()[1])
    department  80.0 良 → 100.0 优  +20.0 ↑
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import pandas as pd

from perfscore.cards._scorecard import Scorecard
from perfscore.cards._targets_card import TargetsScorecard
from perfscore.errors import PerfscoreError
from perfscore.grades import GRADES, Grade
from perfscore.outputs import write_output
from perfscore.scoring._records import BUDGET_NAME, LEVELS, SINGULAR, json_value
from perfscore.tables._findings import Finding, Severity
from perfscore.views import _display as display
from perfscore.views import _plots as plots
from perfscore.views import _report as report
from perfscore.views import _workbook as workbook

from ._matching import MatchedRow, Node, match_nodes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Comparison", "compare"]
_RANK: Final = {grade: rank for rank, grade in enumerate(reversed(GRADES))}  # 差 0 … 优 3


@dataclass(frozen=True, eq=False, repr=False)
class Comparison:
    """Scorecards of one table side by side: a frame per level, and what matching found.

    Every frame has ``id`` and ``name`` (the latest card's that has the node; a department's id
    is empty), then ``score_<label>`` and ``grade_<label>`` for each card (NaN and None where
    the card has no score or lacks the node), ``change`` (last minus first, NaN unless both
    have a score) and ``move`` (grades gained from the first card to the last, an ``Int64``,
    <NA> unless both have a grade). ``indicators`` also has ``duty``, ``activity`` and
    ``value_<label>``; its scores are the indicators' points. ``activities`` has ``duty``.

    Targets tables' cards are compared by project: ``projects`` has a row per project (项目),
    its score the 总分; ``indicators`` a row per indicator and budget item (``<project>.budget``),
    its score the 得分, with ``project`` instead of ``duty`` and ``activity``; ``duties`` and
    ``activities`` are empty, without columns (as ``projects`` is for ladder tables), and
    [level][perfscore.comparison.Comparison.level] refuses them. The department row is the
    card's 总分, graded when the card has one project.

    Attributes:
        labels: One label per card, in the order given.
        tables: Each card's table name.
        methods: Each card's method name.
        departments: One row: the department.
        duties: One row per duty (职责).
        activities: One row per activity (工作活动).
        indicators: One row per indicator (绩效指标).
        findings: Nodes matched by name, renamed, or present in some cards only; methods that
            differ.
        projects: One row per project (项目) of a targets table.
    """

    labels: tuple[str, ...]
    tables: tuple[str, ...]
    methods: tuple[str, ...]
    departments: pd.DataFrame
    duties: pd.DataFrame
    activities: pd.DataFrame
    indicators: pd.DataFrame
    findings: tuple[Finding, ...]
    projects: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def top(self) -> str:
        """The level under the department: ``"duties"``, or ``"projects"`` for targets tables."""
        return "projects" if len(self.projects) else "duties"

    def __repr__(self) -> str:
        d = self.departments.iloc[0]
        scores = " → ".join(display.frame_score(d[f"score_{label}"]) for label in self.labels)
        return (
            f"<Comparison of {self.tables[-1]} ({', '.join(self.labels)}): department {scores}, "
            f"{len(self.findings)} finding{'' if len(self.findings) == 1 else 's'}>"
        )

    def level(self, name: str) -> pd.DataFrame:
        """A level's frame: ``"departments"``, ``"projects"``, ``"duties"``, ``"activities"``,
        ``"indicators"``."""
        if name not in LEVELS:
            raise PerfscoreError(f"no level {name!r}; the levels are {', '.join(LEVELS)}")
        frame: pd.DataFrame = getattr(self, name)
        if frame.columns.empty:
            kind = "a targets table's" if self.top == "projects" else "a ladder table's"
            raise PerfscoreError(f"{kind} cards have no {name}")
        return frame

    def to_frame(self) -> pd.DataFrame:
        """Every level in one frame, with a ``level`` column (the CSV of ``perfscore compare``)."""
        shared = [
            "id",
            "name",
            *self._per_card("score"),
            *self._per_card("grade"),
            "change",
            "move",
        ]
        parts = []
        for name in LEVELS:
            frame: pd.DataFrame = getattr(self, name)
            if frame.empty:
                continue
            part = frame[shared].copy()
            part.insert(0, "level", SINGULAR[name])
            parts.append(part)
        return pd.concat(parts, ignore_index=True)

    def to_csv(self, path: str | Path | None = None, *, raw: bool = False) -> str:
        """[to_frame][perfscore.comparison.Comparison.to_frame] as CSV text (the exact scores
        and changes); also written to ``path`` (UTF-8 with a BOM, for Excel).

        A text a spreadsheet would run as a formula gets a leading apostrophe
        ([csv_safe][perfscore.outputs.csv_safe]) unless ``raw``."""
        frame = self.to_frame()
        columns = [str(c) for c in frame.columns]
        records = [{str(k): v for k, v in r.items()} for r in frame.to_dict(orient="records")]
        text = display.csv_text(columns, records, raw=raw)
        if path is not None:
            write_output(path, text, encoding="utf-8-sig")
        return text

    def to_excel(self, path: str | Path, *, frame_columns: bool = False) -> Path:
        """Write the comparison as a workbook, a sheet per level, grades coloured; return the
        path. Sheets and headers are in Chinese unless ``frame_columns``.

        See [perfscore.views.write_comparison][].
        """
        return workbook.write_comparison(self, path, frame_columns=frame_columns)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain data: labels, tables, methods, findings, every level's rows."""
        data: dict[str, Any] = {
            "labels": list(self.labels),
            "tables": list(self.tables),
            "methods": list(self.methods),
            "findings": [str(f) for f in self.findings],
        }
        for name in LEVELS:
            frame: pd.DataFrame = getattr(self, name)
            data[name] = [
                {key: _plain(value) for key, value in record.items()}
                for record in frame.to_dict(orient="records")
            ]
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """The comparison as JSON text: [to_dict][perfscore.comparison.Comparison.to_dict]."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self) -> str:
        """A readable table for a terminal: the department, then every duty (or project)."""
        return display.comparison_text(self)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return display.comparison_html(self)

    def to_html(self, path: str | Path | None = None, *, title: str | None = None) -> str:
        """A report to send: one self-contained HTML page (plots, tables, findings), A4 to print.

        Written to ``path`` too when one is given. See [perfscore.views.report_html][]
        (matplotlib: ``pip install "perfscore[plot]"``).
        """
        return report.report_html(self, title=title, path=path)

    def plot(
        self,
        level: str | None = None,
        *,
        ax: Axes | None = None,
        font: str | PathLike[str] | None = None,
    ) -> Axes:
        """A bar per node of ``level`` (default: duties, or projects): its change.

        See [perfscore.views.plot_comparison][].
        """
        return plots.plot_comparison(self, level or self.top, ax=ax, font=font)

    def _per_card(self, column: str) -> list[str]:
        return [f"{column}_{label}" for label in self.labels]


Card: TypeAlias = "Scorecard | TargetsScorecard"


def compare(*cards: Card, labels: Sequence[object] | None = None) -> Comparison:
    """Line up scorecards of one department's table, node by node.

    Args:
        *cards: Two scorecards or more, oldest first: the same table scored in different
            years, or two versions of one department's table. Ladder tables'
            [Scorecard][perfscore.cards.Scorecard]s, or targets tables'
            [TargetsScorecard][perfscore.cards.TargetsScorecard]s (compared by project).
        labels: One label per card (years, say); by default each card's year when the years
            differ, else the cards' positions ``1``, ``2`` ….

    Returns:
        The [Comparison][perfscore.comparison.Comparison]: a frame per level, ``change`` being
        the last card's score minus the first's.

    Raises:
        TypeError: A card is not a scorecard.
        PerfscoreError: Fewer than two cards; labels that are not one distinct label per card;
            cards of different departments, of both kinds of table, or with no indicator name
            in common.

    Examples:
        >>> import perfscore
        >>> a = perfscore.score("zanhuang-hrss-2018", {"1.2.2": 470})
        >>> b = perfscore.score("zanhuang-hrss-2018", {"1.2.2": 512})
        >>> perfscore.compare(a, b).duties.loc[[0], ["id", "score_1", "score_2", "change", "move"]]
          id  score_1  score_2  change  move
        0  1     60.0    100.0    40.0     2
    """
    for position, card in enumerate(cards, start=1):
        if not isinstance(card, Scorecard | TargetsScorecard):
            raise TypeError(f"compare takes scorecards; card {position} is {type(card).__name__}")
    if len(cards) < 2:
        raise PerfscoreError(f"compare needs two scorecards or more, got {len(cards)}")
    ladder = [c for c in cards if isinstance(c, Scorecard)]
    targets = [c for c in cards if isinstance(c, TargetsScorecard)]
    if ladder and targets:
        raise PerfscoreError(
            "cannot compare a ladder table's scorecard with a targets table's: "
            "one is graded 优 良 中 差 per indicator, the other scored 得分 out of 分值"
        )
    names = _labels(cards, labels)
    departments = {card.department.name for card in ladder}
    if len(departments) > 1:
        shown = ", ".join(
            f"{card.department.name!r} ({label})" for card, label in zip(ladder, names, strict=True)
        )
        raise PerfscoreError(f"cannot compare the scorecards of different departments: {shown}")
    findings: list[Finding] = []
    methods = [card.method for card in cards]
    if len(set(methods)) > 1:
        findings.append(
            Finding(
                Severity.WARNING,
                "the cards were scored by different methods: "
                + ", ".join(f"{m} ({label})" for m, label in zip(methods, names, strict=True)),
            )
        )
    for k in range(1, len(cards)):
        earlier = set(_indicator_names(cards[k - 1]))
        if not any(name in earlier for name in _indicator_names(cards[k])):
            raise PerfscoreError(
                f"cannot compare table {cards[k - 1].table} ({names[k - 1]}) with "
                f"{cards[k].table} ({names[k]}): no indicator name in common"
            )
    if targets:
        return _compare_targets(targets, names, findings)
    return _compare_ladders(ladder, names, findings)


def _indicator_names(card: Card) -> list[str]:
    if isinstance(card, Scorecard):
        return [i.name for i in card.indicators()]
    return [r.name for r in card.rows()]


def _compare_ladders(
    cards: list[Scorecard], names: list[str], findings: list[Finding]
) -> Comparison:
    levels = {
        "duties": [
            [Node(d.id, d.name, "", d.exact, d.grade) for d in card.duties] for card in cards
        ],
        "activities": [
            [Node(a.id, a.name, d.id, a.exact, a.grade) for d in card.duties for a in d.activities]
            for card in cards
        ],
        "indicators": [
            [
                Node(i.id, i.name, a.id, i.points, i.grade, i.number)
                for d in card.duties
                for a in d.activities
                for i in a.indicators
            ]
            for card in cards
        ],
    }
    matched = {name: match_nodes(nodes, names, findings) for name, nodes in levels.items()}
    department = MatchedRow(
        {
            k: Node("", c.department.name, "", c.department.exact, c.department.grade)
            for k, c in enumerate(cards)
        }
    )
    indicators = _frame(matched["indicators"], names, value=True)
    parents = {id(row): row.latest().parent for row in matched["indicators"]}
    activity_duty = {r.latest().id: r.latest().parent for r in matched["activities"]}
    indicators.insert(0, "activity", [parents[id(r)] for r in matched["indicators"]])
    indicators.insert(
        0,
        "duty",
        [activity_duty.get(a, a.split(".")[0]) for a in indicators["activity"]],
    )
    activities = _frame(matched["activities"], names)
    activities.insert(0, "duty", [row.latest().parent for row in matched["activities"]])
    return Comparison(
        labels=tuple(names),
        tables=tuple(card.table for card in cards),
        methods=tuple(card.method for card in cards),
        departments=_frame([department], names),
        duties=_frame(matched["duties"], names),
        activities=activities,
        indicators=indicators,
        findings=tuple(findings),
    )


def _compare_targets(
    cards: list[TargetsScorecard], names: list[str], findings: list[Finding]
) -> Comparison:
    """Targets cards: a project's score is its 总分, an indicator's its 得分 (budget items too)."""
    projects = [[Node(p.id, p.name, "", p.exact, p.grade) for p in card.projects] for card in cards]
    rows = [
        [
            node
            for p in card.projects
            for node in [
                *(Node(r.id, r.name, p.id, r.points, None, json_value(r.value)) for r in p.rows),
                *(
                    [Node(f"{p.id}.budget", BUDGET_NAME, p.id, p.budget.points, None,
                           None if p.budget.rate is None else float(p.budget.rate))]
                    if p.budget is not None
                    else []
                ),
            ]
        ]
        for card in cards
    ]  # fmt: skip
    matched_projects = match_nodes(projects, names, findings)
    matched_rows = match_nodes(rows, names, findings)
    whole = MatchedRow(
        {k: Node("", c.table, "", c.exact, _card_grade(c)) for k, c in enumerate(cards)}
    )
    indicators = _frame(matched_rows, names, value=True)
    indicators.insert(0, "project", [row.latest().parent for row in matched_rows])
    return Comparison(
        labels=tuple(names),
        tables=tuple(card.table for card in cards),
        methods=tuple(card.method for card in cards),
        departments=_frame([whole], names),
        duties=pd.DataFrame(),
        activities=pd.DataFrame(),
        indicators=indicators,
        findings=tuple(findings),
        projects=_frame(matched_projects, names),
    )


def _card_grade(card: TargetsScorecard) -> Grade | None:
    """A targets card's grade: its project's, when it has one project (总分 out of its 分值)."""
    return card.projects[0].grade if len(card.projects) == 1 else None


def _labels(cards: Sequence[Card], labels: Sequence[object] | None) -> list[str]:
    if labels is None:
        years = [str(c.department.year) if isinstance(c, Scorecard) else "" for c in cards]
        return (
            years
            if len(set(years)) == len(years) and "" not in years
            else [str(k) for k in range(1, len(cards) + 1)]
        )
    if isinstance(labels, str) or not isinstance(labels, Iterable):
        raise TypeError(f"labels are a sequence of one label per card, not {type(labels).__name__}")
    names = [str(label).strip() for label in labels]
    if len(names) != len(cards):
        raise PerfscoreError(f"{len(cards)} cards need {len(cards)} labels, got {len(names)}")
    if len(set(names)) != len(names) or "" in names:
        raise PerfscoreError(f"labels must be distinct and not blank, got {names}")
    return names


def _frame(rows: list[MatchedRow], labels: list[str], *, value: bool = False) -> pd.DataFrame:
    data: dict[str, Any] = {
        "id": [row.latest().id for row in rows],
        "name": [row.latest().name for row in rows],
    }
    last = len(labels) - 1
    for k, label in enumerate(labels):
        if value:
            data[f"value_{label}"] = pd.Series(
                [row.nodes[k].value if k in row.nodes else None for row in rows],
                dtype=object,
            )
        data[f"score_{label}"] = pd.Series(
            [_float(row.nodes[k].score) if k in row.nodes else math.nan for row in rows],
            dtype="float64",
        )
        data[f"grade_{label}"] = pd.Series(
            [display.grade_text(row.nodes[k].grade) if k in row.nodes else None for row in rows],
            dtype=object,
        )
    changes: list[float] = []
    moves: list[int | None] = []
    for row in rows:
        first, final = row.nodes.get(0), row.nodes.get(last)
        if first is None or final is None or first.score is None or final.score is None:
            changes.append(math.nan)
        else:
            changes.append(float(final.score - first.score))  # exact, then rounded once
        if first is None or final is None or first.grade is None or final.grade is None:
            moves.append(None)
        else:
            moves.append(_RANK[final.grade] - _RANK[first.grade])
    data["change"] = pd.Series(changes, dtype="float64")
    data["move"] = pd.array(moves, dtype="Int64")
    return pd.DataFrame(data)


def _float(score: Fraction | None) -> float:
    return math.nan if score is None else float(score)


def _plain(value: Any) -> Any:
    """A frame cell as JSON has it: NaN and <NA> as None, numpy numbers as Python numbers."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
