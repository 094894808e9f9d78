"""How scores look as text: terminal tables and HTML tables with the grades coloured.

Every text view of perfscore is here: a ladder table's scorecard
([card_text][perfscore.views._display.card_text], [card_html][perfscore.views._display.card_html]),
a targets table's self-evaluation ([targets_text][perfscore.views._display.targets_text],
[targets_html][perfscore.views._display.targets_html]) and a comparison
([comparison_text][perfscore.views._display.comparison_text],
[comparison_html][perfscore.views._display.comparison_html]), with what they share: how a grade
and a score are written, and how wide a text is on a screen.
"""

from __future__ import annotations

import csv
import html
import io
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from perfscore.errors import PerfscoreError, printable
from perfscore.grades import GRADES, Grade
from perfscore.intervals import format_number
from perfscore.notation._targets import parse_target, unit_symbol
from perfscore.outputs import csv_safe
from perfscore.scoring._records import (
    BUDGET_NAME,
    SELF_EVALUATION_COLUMNS,
    IndicatorScore,
    NodeScore,
    RowScore,
    Unscored,
)
from perfscore.tables._lookup import id_key

from ._shown import shown_change, shown_rate, shown_score

if TYPE_CHECKING:
    import pandas as pd

    from ._protocols import ComparisonView, LadderCard, TargetsCard

__all__ = [
    "GRADE_COLOURS",
    "card_html",
    "card_text",
    "comparison_html",
    "comparison_places",
    "comparison_text",
    "csv_text",
    "display_width",
    "frame_grade",
    "frame_number",
    "frame_score",
    "grade_text",
    "target_text",
    "targets_html",
    "targets_text",
    "total_text",
]

#: Background colours of the grades in the HTML view (green to red).
GRADE_COLOURS: Mapping[Grade, str] = {
    Grade.EXCELLENT: "#b7e1a1",
    Grade.GOOD: "#dcefc4",
    Grade.FAIR: "#fbe3a6",
    Grade.POOR: "#f4b4a8",
}


# -- what every view shares ----------------------------------------------------------------------


def grade_text(grade: Grade | None) -> str | None:
    """A grade as its character (优 良 中 差), ``None`` for no grade: how every view writes it."""
    return None if grade is None else grade.value


def display_width(text: str) -> int:
    """How many columns ``text`` takes in a terminal or a spreadsheet: a wide character two.

    Examples:
        >>> display_width("1.1 就业"), display_width("ＡＢ")
        (8, 4)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def csv_text(
    columns: Sequence[str], records: Iterable[Mapping[str, Any]], *, raw: bool = False
) -> str:
    """Records as CSV text under ``columns``, a missing value (None, NaN) an empty cell: how
    every card's ``to_csv`` and a comparison's write their frames.

    A text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) gets a
    leading apostrophe ([csv_safe][perfscore.outputs.csv_safe]); numbers stay numbers.
    ``raw=True`` writes every text as it is.

    >>> records = [{"id": "1.1.1", "grade": "优"}, {"id": "1.1.2", "grade": None}]
    >>> print(csv_text(["id", "grade"], records))
    id,grade
    1.1.1,优
    1.1.2,
    <BLANKLINE>
    >>> formula = [{"name": "=1+2"}]
    >>> csv_text(["name"], formula).splitlines(), csv_text(["name"], formula, raw=True).splitlines()
    (['name', "'=1+2"], ['name', '=1+2'])
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns if raw else [csv_safe(c) for c in columns])
    for record in records:
        writer.writerow([_csv_cell(record[c], raw) for c in columns])
    return out.getvalue()


def _csv_cell(value: object, raw: bool) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return value if raw else csv_safe(value)
    if type(value).__name__ == "NAType":  # pandas' missing value, without importing pandas
        return ""
    return value


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _aligned(rows: list[tuple[str, ...]], right: int | None = None) -> list[str]:
    """Rows of cells in columns, each as wide as its widest cell (the last cell is not padded)."""
    columns = len(rows[0]) - 1 if rows else 0
    widths = [max(display_width(r[k]) for r in rows) for k in range(columns)]
    return [
        "  ".join(
            [*(_pad(r[k], widths[k], right=k == right) for k in range(columns)), r[-1]]
        ).rstrip()
        for r in rows
    ]


def _unscored_lines(unscored: tuple[Unscored, ...]) -> list[str]:
    if not unscored:
        return []
    return ["", f"unscored rows ({len(unscored)}):", *(f"  {u.message}" for u in unscored)]


def _unscored_html(unscored: tuple[Unscored, ...]) -> str:
    if not unscored:
        return ""
    items = "".join(f"<li>{_e(u.message)}</li>" for u in unscored)
    return f'<p>unscored rows ({len(unscored)}):</p><ul class="perfscore-unscored">{items}</ul>'


# -- a ladder table's scorecard -----------------------------------------------------------------


def card_text(card: LadderCard) -> str:
    """The scorecard as a table for a terminal, names aligned in display columns."""
    d = card.department
    lines = [
        f"{d.name} {d.year} · {card.table} · method {card.method}",
        f"department  {shown_score(d.exact)} {grade_text(d.grade) or '—'}  ·  graded {d.graded} of "
        f"{d.total} ({_coverage(d)})  ·  {_counts(d.counts)}",
    ]
    if d.missing:
        lines.append(f"missing: {' '.join(d.missing)}")
    rows: list[tuple[str, str, str, str]] = []
    for duty in card.duties:
        rows.append((duty.id, duty.name, shown_score(duty.exact), _node_note(duty)))
        for a in duty.activities:
            rows.append((f"  {a.id}", a.name, shown_score(a.exact), _node_note(a)))
            for i in a.indicators:
                value = "—" if i.value is None else _show_value(i)
                rows.append((f"    {i.id}", i.name, value, grade_text(i.grade) or "missing"))
    # Ids, names and values come from files: control characters are shown escaped.
    shown = [
        (printable(r[0]), _clip(printable(r[1]), 34), _clip(printable(r[2]), 16), printable(r[3]))
        for r in rows
    ]
    lines += ["", *_aligned(list(shown), right=2), *_unscored_lines(card.unscored)]
    return printable("\n".join(lines), keep="\n")


def card_html(card: LadderCard) -> str:
    """The scorecard as an HTML table (for Jupyter), each grade on its colour."""
    d = card.department
    head = (
        f"<p><b>{_e(d.name)}</b> {d.year} · {_e(card.table)} · method {_e(card.method)}: "
        f"score {shown_score(d.exact)} {_badge(d.grade)} · graded {d.graded} of {d.total}</p>"
    )
    rows = []
    for duty in card.duties:
        rows.append(_html_row("duty", duty.id, duty.name, shown_score(duty.exact), duty.grade, ""))
        for a in duty.activities:
            rows.append(_html_row("activity", a.id, a.name, shown_score(a.exact), a.grade, ""))
            for i in a.indicators:
                value = "" if i.value is None else _show_value(i)
                rows.append(_html_row("indicator", i.id, i.name, value, i.grade, i.cell or ""))
    table = (
        '<table class="perfscore-scorecard"><thead><tr><th>id</th><th>name</th>'
        "<th>score / value</th><th>grade</th><th>cell</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    return head + table + _unscored_html(card.unscored)


def _show_value(indicator: IndicatorScore) -> str:
    value = indicator.value
    if isinstance(value, str) or value is None:
        return value or ""
    unit = {"percent": "%", "dimensionless": "", None: ""}.get(indicator.unit, indicator.unit)
    return f"{format_number(value) if _decimal(value) else f'{float(value):.4g}'}{unit}"


def _decimal(value: Fraction) -> bool:
    return "/" not in format_number(value)


def _coverage(node: NodeScore) -> str:
    """The share of indicators graded, as a rate: never 100% while one is missing."""
    share = Fraction(100 * node.graded, node.total) if node.total else None
    return shown_rate(share, places=0)


def _counts(counts: Mapping[Grade, int]) -> str:
    return " ".join(f"{g.value} {counts[g]}" for g in GRADES)


def _node_note(node: NodeScore) -> str:
    grade = grade_text(node.grade) or "—"
    return f"{grade}  {node.graded}/{node.total}"


def _badge(grade: Grade | None) -> str:
    if grade is None:
        return '<span class="grade-none">—</span>'
    return (
        f'<span class="grade grade-{grade.name.lower()}" '
        f'style="background:{GRADE_COLOURS[grade]};padding:0 .4em">{grade.value}</span>'
    )


def _html_row(
    level: str, node_id: str, name: str, shown: str, grade: Grade | None, cell: str
) -> str:
    indent = {"duty": 0, "activity": 1, "indicator": 2}[level]
    weight = "font-weight:bold;" if level == "duty" else ""
    background = f"background:{GRADE_COLOURS[grade]};" if grade is not None else ""
    return (
        f'<tr class="{level}"><td style="{weight}">{_e(node_id)}</td>'
        f'<td style="padding-left:{indent * 1.5}em;{weight}">{_e(name)}</td>'
        f'<td style="text-align:right">{_e(shown)}</td>'
        f'<td style="{background}text-align:center">{_e(grade_text(grade) or "—")}</td>'
        f"<td>{_e(cell)}</td></tr>"
    )


# -- a targets table's self-evaluation ----------------------------------------------------------


def total_text(card: TargetsCard) -> str:
    """A self-evaluation's 总分 as its repr shows it: two decimals by the shown-number rule
    ([shown_score][perfscore.views.shown_score]), so it never reaches a band it missed."""
    return "no score" if card.exact is None else shown_score(card.exact, places=2)


def targets_text(card: TargetsCard) -> str:
    """A readable table for a terminal: per project, each row's target, actual, 分值, 得分."""
    lines: list[str] = []
    for p in card.projects:
        total = shown_score(p.exact, places=2)
        grade = "" if p.grade is None else f" {p.grade.value}"
        head = f"{p.id} {p.name}: 总分 {total}{grade} of {format_number(p.weight)}"
        if p.graded is not None and p.weight != 100:
            graded = shown_score(p.graded, places=2)
            head = (
                f"{p.id} {p.name}: 总分 {total} of {format_number(p.weight)}; graded{grade} on "
                f"{graded} of 100 (re-scaled: the 分值 add up to {format_number(p.weight)})"
            )
        lines.append(head)
        for r in p.rows:
            lines.append(
                f"  {r.id:<8} {r.name}  目标 {target_text(r)}  "
                f"实际 {_actual(r.value, r.parsed.unit)}  分值 {format_number(r.weight)}  "
                f"得分 {_points(r.points)}{_flags(r.flags)}"
            )
        if p.budget is not None:
            b = p.budget
            rate = shown_rate(b.rate, places=2)
            lines.append(
                f"  {p.id + '.budget':<8} {BUDGET_NAME}  实际 {rate}  "
                f"分值 {format_number(b.weight)}  得分 {_points(b.points)}{_flags(b.flags)}"
            )
        if p.missing:
            lines.append(f"  no result: {' '.join(p.missing)}")
    if len(card.projects) > 1 and card.exact is not None:
        lines.append(f"总分 (mean of the projects): {shown_score(card.exact, places=2)}")
    lines += [f"unscored: {unscored.message}" for unscored in card.unscored]
    return printable("\n".join(lines), keep="\n")  # names and targets come from files


def targets_html(card: TargetsCard) -> str:
    """The self-evaluation's rows as an HTML table (for Jupyter), under its 总分."""
    head = "".join(f"<th>{_e(c)}</th>" for c in SELF_EVALUATION_COLUMNS)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{_e(_record_cell(c, r[c]))}</td>" for c in SELF_EVALUATION_COLUMNS)
        + "</tr>"
        for r in card.records()
    )
    total = "" if card.exact is None else shown_score(card.exact, places=2)
    return (
        f"<p>{_e(card.table)} ({_e(card.method)}): 总分 {total}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _record_cell(column: str, value: object) -> str:
    """A self-evaluation record's cell as the text view shows it: 得分 by the shown-number rule."""
    if value is None:
        return ""
    if column in _POINTS_COLUMNS and isinstance(value, float | int):
        return shown_score(float(value), places=2)
    return str(value)


#: The self-evaluation records' columns of points, shown to two decimals as 得分 is.
_POINTS_COLUMNS: Final = frozenset({"score", "rule_score", "shortfall"})


def target_text(row: RowScore) -> str:
    """年度指标值 as every view shows it: as published when the text alone gives its comparison
    and unit (``≥1,200人次``, ``12月底前``), else as read with the indicator's 指标性质 and unit
    (``≥95%`` for a published ``95`` under ``≥`` and ``%``, never a bare ``95``)."""
    if row.parsed.form != "number":
        return row.target
    try:
        alone = parse_target(row.target)
    except PerfscoreError:  # a bare number needs the indicator's direction
        return str(row.parsed)
    same = alone.written and str(alone) == str(row.parsed)
    return row.target if same else str(row.parsed)


def _actual(value: Fraction | str | None, unit: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{format_number(value)}{unit_symbol(unit)}"


def _points(points: Fraction | None) -> str:
    return shown_score(points, places=2)


def _flags(flags: tuple[str, ...]) -> str:
    return f"  ⚑ {'; '.join(flags)}" if flags else ""


# -- a comparison ----------------------------------------------------------------------------


def comparison_places(comparison: ComparisonView) -> int:
    """The decimals a comparison's scores are shown with: two for targets tables' 总分 and
    得分 (as their cards show them), one for ladder tables' scores."""
    return 2 if comparison.top == "projects" else 1


def comparison_text(comparison: ComparisonView) -> str:
    """A comparison for a terminal: the department, then every duty (or project).

    Each score is shown by the shown-number rule and the change is the difference of the first
    and last figures shown, so the line adds up (``77.8 中 → 80.8 良  +3.0 ↑``).
    """
    d = comparison.departments.iloc[0]
    labels, places = comparison.labels, comparison_places(comparison)
    lines = [
        f"{d['name']} · {comparison.tables[-1]} · {' → '.join(labels)}",
        f"department  {_scores(d, labels, places)}  {_change(d, labels, places)}",
    ]
    rows = [
        (str(r["id"]), str(r["name"]), _scores(r, labels, places), _change(r, labels, places))
        for _, r in comparison.level(comparison.top).iterrows()
    ]
    lines += ["", *_aligned(list(rows))]
    if comparison.findings:
        lines += ["", f"findings ({len(comparison.findings)}):"]
        lines += [f"  {f}" for f in comparison.findings]
    return "\n".join(lines)


def comparison_html(comparison: ComparisonView) -> str:
    """A comparison as an HTML table (for Jupyter): a row per duty, activity or project."""
    d = comparison.departments.iloc[0]
    labels, places = comparison.labels, comparison_places(comparison)
    head = (
        f"<p><b>{_e(str(d['name']))}</b> · {_e(comparison.tables[-1])}: "
        f"{_html_scores(d, labels, places)} {_html_change(_change(d, labels, places))}</p>"
    )
    header = "".join(f"<th>{_e(label)}</th>" for label in labels)
    rows = []
    levels = (("duty", comparison.duties), ("activity", comparison.activities),
              ("duty", comparison.projects))  # fmt: skip
    for level, frame in levels:
        for _, r in frame.iterrows():
            indent = 0 if level == "duty" else 1.5
            weight = "font-weight:bold;" if level == "duty" else ""
            cells = "".join(
                _html_grade_cell(r[f"score_{label}"], r[f"grade_{label}"], places)
                for label in labels
            )
            change = _html_change(_change(r, labels, places))
            rows.append(
                (
                    r["id"],
                    f'<tr class="{level}"><td style="{weight}">{_e(str(r["id"]))}</td>'
                    f'<td style="padding-left:{indent}em;{weight}">{_e(str(r["name"]))}</td>'
                    f"{cells}<td style='text-align:right'>{change}</td></tr>",
                )
            )
    rows.sort(key=lambda pair: id_key(str(pair[0])))
    table = (
        '<table class="perfscore-comparison"><thead><tr><th>id</th><th>name</th>'
        f"{header}<th>change</th></tr></thead><tbody>"
        + "".join(row for _, row in rows)
        + "</tbody></table>"
    )
    findings = ""
    if comparison.findings:
        items = "".join(f"<li>{_e(str(f))}</li>" for f in comparison.findings)
        findings = f"<p>findings ({len(comparison.findings)}):</p><ul>{items}</ul>"
    return head + table + findings


def frame_score(score: object, *, places: int = 1) -> str:
    """A score from a frame (a float, NaN for none) as [shown_score][perfscore.views.shown_score]
    writes it."""
    return shown_score(frame_number(score), places=places)


def frame_number(score: object) -> float | None:
    """A number from a frame as a float, ``None`` for none (NaN, ``pd.NA``, not a number)."""
    if isinstance(score, bool) or not isinstance(score, float | int) or math.isnan(score):
        return None
    return float(score)


def frame_grade(grade: object) -> str:
    """A grade from a frame as a view writes it: a missing one (None, or NaN as pandas may give
    it back) is ``—``.

    >>> frame_grade("良"), frame_grade(None), frame_grade(float("nan"))
    ('良', '—', '—')
    """
    return grade if isinstance(grade, str) and grade else "—"


def _scores(row: pd.Series, labels: tuple[str, ...], places: int) -> str:
    return " → ".join(
        f"{frame_score(row[f'score_{label}'], places=places)} {frame_grade(row[f'grade_{label}'])}"
        for label in labels
    )


def _html_scores(row: pd.Series, labels: tuple[str, ...], places: int) -> str:
    return _e(_scores(row, labels, places))


def _change(row: pd.Series, labels: tuple[str, ...], places: int) -> str:
    """The change shown: the last shown score less the first, with an arrow."""
    first = frame_number(row[f"score_{labels[0]}"])
    last = frame_number(row[f"score_{labels[-1]}"])
    text = shown_change(first, last, places=places)
    if text == "—":
        return text
    arrow = "↑" if text.startswith("+") else "↓" if text.startswith("-") else "="
    return f"{text} {arrow}"


def _html_change(text: str) -> str:
    if text == "—" or text.endswith("="):
        return _e(text)
    colour = "#2e7d32" if text.endswith("↑") else "#c62828"
    return f'<span style="color:{colour}">{_e(text)}</span>'


def _html_grade_cell(score: object, grade: object, places: int) -> str:
    colours = {g.value: c for g, c in GRADE_COLOURS.items()}
    background = f"background:{colours[grade]};" if isinstance(grade, str) else ""
    shown = f"{frame_score(score, places=places)} {frame_grade(grade)}"
    return f'<td style="{background}text-align:right">{_e(shown)}</td>'
