"""How a card looks: a terminal table and an HTML table with the grades coloured."""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from .errors import printable
from .grades import GRADES, Grade
from .intervals import format_number

if TYPE_CHECKING:
    from .scorecard import IndicatorScore, NodeScore, Scorecard

__all__ = ["GRADE_COLOURS", "grade_text", "html_table", "shown_score", "text"]

#: Background colours of the grades in the HTML view (green to red).
GRADE_COLOURS: Mapping[Grade, str] = {
    Grade.EXCELLENT: "#b7e1a1",
    Grade.GOOD: "#dcefc4",
    Grade.FAIR: "#fbe3a6",
    Grade.POOR: "#f4b4a8",
}


def text(card: Scorecard) -> str:
    """The scorecard as a table for a terminal, names aligned in display columns."""
    d = card.department
    lines = [
        f"{d.name} {d.year} · {card.table} · method {card.method}",
        f"department  {shown_score(d.exact)} {grade_text(d.grade) or '—'}  ·  graded {d.graded} of "
        f"{d.total} ({d.coverage:.0%})  ·  {_counts(d.counts)}",
    ]
    if d.missing:
        lines.append(f"missing: {' '.join(d.missing)}")
    rows: list[tuple[str, str, str, str]] = []
    for duty in card.duties:
        rows.append((duty.id, duty.name, shown_score(duty.exact), _node_note(duty)))
        for activity in duty.activities:
            rows.append(
                (
                    f"  {activity.id}",
                    activity.name,
                    shown_score(activity.exact),
                    _node_note(activity),
                )
            )
            for i in activity.indicators:
                value = "—" if i.value is None else _show_value(i)
                rows.append((f"    {i.id}", i.name, value, grade_text(i.grade) or "missing"))
    # Ids, names and values come from files: control characters are shown escaped.
    rows = [
        (printable(r[0]), _clip(printable(r[1]), 34), _clip(printable(r[2]), 16), printable(r[3]))
        for r in rows
    ]
    widths = [max(_width(r[k]) for r in rows) for k in range(3)]
    lines.append("")
    for row in rows:
        lines.append(
            f"{_pad(row[0], widths[0])}  {_pad(row[1], widths[1])}  "
            f"{_pad(row[2], widths[2], right=True)}  {row[3]}".rstrip()
        )
    if card.unscored:
        lines += ["", f"unscored rows ({len(card.unscored)}):"]
        lines += [f"  {u.message}" for u in card.unscored]
    return printable("\n".join(lines), keep="\n")


def html_table(card: Scorecard) -> str:
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
    return head + table + _html_unscored(card)


def _html_unscored(card: Scorecard) -> str:
    if not card.unscored:
        return ""
    items = "".join(f"<li>{_e(u.message)}</li>" for u in card.unscored)
    return (
        f'<p>unscored rows ({len(card.unscored)}):</p><ul class="perfscore-unscored">{items}</ul>'
    )


def grade_text(grade: Grade | None) -> str | None:
    """A grade as its character (优 良 中 差), ``None`` for no grade: how every view writes it."""
    return None if grade is None else grade.value


def shown_score(score: Fraction | None) -> str:
    """A score to one decimal, rounded down: a score under a band edge never shows on it.

    >>> shown_score(Fraction(8996, 100)), shown_score(Fraction(250, 3)), shown_score(None)
    ('89.9', '83.3', '—')
    """
    if score is None:
        return "—"
    return f"{math.floor(score * 10) / 10:.1f}"


def _show_value(indicator: IndicatorScore) -> str:
    value = indicator.value
    if isinstance(value, str) or value is None:
        return value or ""
    unit = {"percent": "%", "dimensionless": "", None: ""}.get(indicator.unit, indicator.unit)
    return f"{format_number(value) if _decimal(value) else f'{float(value):.4g}'}{unit}"


def _decimal(value: Fraction) -> bool:
    return "/" not in format_number(value)


def _counts(counts: Mapping[Grade, int]) -> str:
    return " ".join(f"{g.value} {counts[g]}" for g in GRADES)


def _node_note(node: NodeScore) -> str:
    grade = grade_text(node.grade) or "—"
    return f"{grade}  {node.graded}/{node.total}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


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
