"""Scorecards as Excel workbooks (Excel 导出): a sheet per level, grades coloured.

[write_scorecard][perfscore.views.write_scorecard] (``Scorecard.to_excel``) and
[write_frame_scores][perfscore.views.write_frame_scores] (``FrameScores.to_excel``) write one
sheet per level (``indicators``, ``activities``, ``duties``, ``department`` or ``departments``,
``unscored``). Numbers are stored as numbers with a number format: a percentage as the fraction
Excel expects, shown as ``96.5%`` (and read back as 96.5% by
[perfscore.score][perfscore.cards.score]); a score to one decimal, or to as many as it takes not
to round up onto the next whole number, so a score of 89.96 never shows as 90.0 beside its grade
良. Grades are filled with their colours, the header row is frozen, and columns are as wide as
their text, a Chinese character counting two.

Files are written whole or not at all: to a temporary file beside the target, then renamed.

Examples:
    >>> import perfscore, tempfile, openpyxl
    >>> card = perfscore.score("zanhuang-hrss-2018", {"1.1.1": "100%", "1.1.2": "96.5%"})
    >>> path = card.to_excel(tempfile.mkdtemp() + "/card.xlsx")
    >>> sheet = openpyxl.load_workbook(path)["indicators"]
    >>> [c.value for c in sheet[3]][2:7], sheet["F3"].number_format
    (['1.1.2', '社会保险补贴到位率', '%', 0.965, '良'], '0.0%')
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from perfscore.grades import GRADES
from perfscore.notation._targets import unit_symbol
from perfscore.outputs import replacing, text_cell

from ._display import GRADE_COLOURS, display_width, grade_text
from ._protocols import FrameScoresView, LadderCard, TargetsCard
from ._shown import Shown, number_format, show

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "FORM_COLUMNS",
    "score_format",
    "write_frame_scores",
    "write_scorecard",
    "write_targets_scorecard",
]

#: The widest a column is made, in display columns (longer text wraps in the cell).
_MAX_WIDTH: Final = 60
_FILLS: Final = {g.value: "FF" + GRADE_COLOURS[g].lstrip("#").upper() for g in GRADES}
_UNIT_SHOWN: Final = {"percent": "%", "dimensionless": ""}


def score_format(score: float, *, places: int = 1) -> str:
    """The number format of a score: the figure the shown-number rule gives
    ([shown_score][perfscore.views.shown_score]), one decimal or more where one would round onto
    the next band.

    Bands are whole numbers (90, 80, 60), so a score shown rounded up onto one would read as the
    better grade; with more decimals it never does (up to six, beyond any table's precision).
    ``places`` is the least number of decimals (2 for a self-evaluation's 得分 and 总分).

    Examples:
        >>> score_format(83.333), score_format(89.96), score_format(89.9996), score_format(90)
        ('0.0', '0.00', '0.0000', '0.0')
        >>> score_format(19.1666, places=2), score_format(89.996, places=2)
        ('0.00', '0.000')
    """
    if math.isnan(score):
        return "0." + "0" * places
    return number_format(show(_exact(score), places=places))


def write_scorecard(card: LadderCard, path: str | os.PathLike[str]) -> Path:
    """Write a scorecard as a workbook; return the path written.

    Sheets: ``indicators`` (duty, activity, id, name, unit, value, grade, cell, points, row),
    ``activities``, ``duties`` (score, grade, graded, total, coverage, a count per grade,
    missing), ``department`` and ``unscored`` (the rows left unscored; headers only if none).

    Raises:
        PerfscoreError: The file cannot be written (naming it and why).
    """
    import pandas as pd

    frame = card.to_frame()
    indicators = pd.DataFrame(
        {
            "duty": frame["duty"],
            "activity": frame["activity"],
            "id": frame["id"],
            "name": frame["name"],
            "unit": frame["unit"],
            "value": pd.Series([i.value for i in card.indicators()], dtype=object),
            "grade": frame["grade"],
            "cell": frame["cell"],
            "points": frame["points"],
            "row": pd.array([i.row for i in card.indicators()], dtype="Int64"),
        }
    )
    node_columns = ["score", "grade", "graded", "total", "coverage", *(g.value for g in GRADES)]
    activities = pd.DataFrame(
        [
            {"duty": d.id, "id": a.id, "name": a.name, **_node(a), "missing": " ".join(a.missing)}
            for d in card.duties
            for a in d.activities
        ],
        columns=["duty", "id", "name", *node_columns, "missing"],
    )
    duties = pd.DataFrame(
        [
            {"id": d.id, "name": d.name, **_node(d), "missing": " ".join(d.missing)}
            for d in card.duties
        ],
        columns=["id", "name", *node_columns, "missing"],
    )
    d = card.department
    department = pd.DataFrame(
        [
            {
                "name": d.name,
                "year": d.year,
                "table": card.table,
                "method": card.method,
                **_node(d),
                "missing": " ".join(d.missing),
            }
        ],
    )
    sheets = {
        "indicators": indicators,
        "activities": activities,
        "duties": duties,
        "department": department,
        "unscored": card.unscored_frame(),
    }
    return _write(sheets, path)


def write_frame_scores(scores: FrameScoresView, path: str | os.PathLike[str]) -> Path:
    """Write [FrameScores][perfscore.frames.FrameScores] as a workbook; return the path written.

    One sheet per frame (``indicators``, ``activities``, ``duties``, ``departments``,
    ``unscored``, and ``targets`` and ``projects`` when targets tables were scored), columns as
    in the frames; a percentage value is stored as Excel's fraction with a percent format.

    Raises:
        PerfscoreError: The file cannot be written (naming it and why).
    """
    import pandas as pd

    indicators = scores.indicators.copy()
    # A qualitative indicator's value is its label: one column, as the scorecard's sheet has it.
    labels = indicators.pop("label")
    indicators["value"] = pd.Series(
        [
            lab if isinstance(lab, str) else v
            for v, lab in zip(indicators["value"], labels, strict=True)
        ],
        dtype=object,
    )
    sheets = {
        "indicators": indicators,
        "activities": scores.activities,
        "duties": scores.duties,
        "departments": scores.departments,
        "unscored": scores.unscored,
    }
    if not scores.targets.empty:  # targets tables' rows and projects, when there are any
        sheets["targets"] = scores.targets
        sheets["projects"] = scores.projects
    return _write(sheets, path)


#: The self-evaluation form's indicator columns (绩效自评表).
FORM_COLUMNS: Final = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因",
)  # fmt: skip
_BUDGET_COLUMNS: Final = ("预算执行情况", "全年预算数", "全年执行数", "执行率", "分值", "得分")


def write_targets_scorecard(card: TargetsCard, path: str | os.PathLike[str]) -> Path:
    """Write a targets table's self-evaluation as a workbook; return the path written.

    The first sheet, ``自评表``, has the self-evaluation form's layout, project by project: the
    project's name; its budget item (全年预算数 · 全年执行数 · 执行率 · 分值 · 得分); a row per
    indicator (一级 · 二级 · 三级指标 · 年度指标值 · 实际完成值 · 分值 · 得分 · 偏差原因, the
    last holding what the scoring flagged, for the evaluator to complete); and 总分 with the
    grade, coloured. Then ``indicators`` (the card's frame), ``projects`` and ``unscored``.

    Raises:
        PerfscoreError: The file cannot be written (naming it and why).
    """
    import pandas as pd

    projects = pd.DataFrame(
        [
            {"id": p.id, "name": p.name, "score": p.exact, "grade": grade_text(p.grade),
             "weight": _exact_number(p.weight), "missing": " ".join(p.missing),
             "dropped": " ".join(p.dropped)}
            for p in card.projects
        ],
        columns=["id", "name", "score", "grade", "weight", "missing", "dropped"],
    )  # fmt: skip
    unscored = pd.DataFrame(
        [{"row": u.row, "id": u.key, "reason": u.reason, "message": u.message}
         for u in card.unscored],
        columns=["row", "id", "reason", "message"],
    )  # fmt: skip
    sheets = {"indicators": card.to_frame(), "projects": projects, "unscored": unscored}
    return _write(sheets, path, form=lambda sheet: _fill_form(sheet, card))


def _fill_form(sheet: Worksheet, card: TargetsCard) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fills = {grade: PatternFill(fill_type="solid", fgColor=rgb) for grade, rgb in _FILLS.items()}
    widths = [0] * len(FORM_COLUMNS)

    def put(row: int, column: int, value: Any, number_format: str | None = None,
            shown: str | None = None, *, strong: bool = False) -> None:  # fmt: skip
        if value is None:
            return
        cell = text_cell(sheet, row, column, value)  # text as text, never a formula
        if number_format is not None:
            cell.number_format = number_format
        if strong:
            cell.font = bold
        if isinstance(value, str) and value in fills and column > 1:
            cell.fill = fills[value]
            cell.alignment = Alignment(horizontal="center")
        text = shown if shown is not None else str(value)
        widths[column - 1] = max(widths[column - 1], display_width(text))

    put(1, 1, f"绩效自评表 · {card.table}", strong=True, shown="")
    r = 3
    for project in card.projects:
        put(r, 1, "项目名称", strong=True)
        put(r, 2, f"{project.id} {project.name}", shown="")
        r += 1
        budget = project.budget
        if budget is not None:
            for c, name in enumerate(_BUDGET_COLUMNS, start=1):
                put(r, c, name, strong=True)
            r += 1
            put(r, 1, "预算执行率")
            put(r, 2, _exact_number(budget.planned), _decimal_format(budget.planned))
            if budget.spent is not None:
                put(r, 3, _exact_number(budget.spent), _decimal_format(budget.spent))
            if budget.rate is not None:
                put(r, 4, *_shown_cell(budget.rate, places=2, percent=True))
            put(r, 5, _exact_number(budget.weight), _decimal_format(budget.weight))
            if budget.points is not None:
                put(r, 6, *_shown_cell(budget.points, places=2))
            r += 1
        for c, name in enumerate(FORM_COLUMNS, start=1):
            put(r, c, name, strong=True)
        r += 1
        for row in project.rows:
            levels = [*row.levels, None, None][:2]
            put(r, 1, levels[0])
            put(r, 2, levels[1])
            put(r, 3, row.name)
            put(r, 4, row.target)
            value, number_format, shown = _actual(row.value, row.parsed.unit)
            put(r, 5, value, number_format, shown=shown)
            put(r, 6, _exact_number(row.weight), _decimal_format(row.weight))
            if row.state == "dropped":
                put(r, 7, "不适用")
            elif row.points is not None:
                put(r, 7, *_shown_cell(row.points, places=2))
            put(r, 8, "; ".join(row.flags) or ("无结果" if row.state == "missing" else None))
            r += 1
        put(r, 1, "总分", strong=True)
        put(r, 6, _exact_number(project.weight), _decimal_format(project.weight), strong=True)
        if project.exact is not None:
            put(r, 7, *_shown_cell(project.exact, places=2), strong=True)
        put(r, 8, grade_text(project.grade))
        r += 2
    sheet.freeze_panes = "A2"
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width, 6) + 2, _MAX_WIDTH)


def _actual(value: Fraction | str | None, unit: str | None) -> tuple[Any, str | None, str]:
    """实际完成值 as a number in its unit (the unit in the number format), or as text."""
    if value is None or isinstance(value, str):
        return value, None, value or ""
    if unit == "percent":
        decimals = _decimals(value)
        number_format = "0%" if decimals == 0 else "0." + "0" * min(decimals, 6) + "%"
        return _number(value / 100), number_format, f"{float(value):g}%"
    symbol = unit_symbol(unit).replace('"', "")
    suffix = f'"{symbol}"' if symbol else ""
    return _number(value), _decimal_format(value) + suffix, f"{float(value):g}{symbol}"


def _shown_cell(
    exact: Fraction, *, places: int, percent: bool = False
) -> tuple[int | float, str, str]:
    """A figure's cell by the shown-number rule: the number stored (the exact one, or the
    figure shown where the rule cuts it), its number format, and its text (for the width)."""
    shown: Shown = show(exact, places=places)
    stored = shown.value if shown.cut else exact
    text = f"{shown}%" if percent else str(shown)
    return _number(stored / 100 if percent else stored), number_format(shown, percent=percent), text


def _exact_number(number: Fraction) -> int | float:
    return _number(number)


def _node(node: Any) -> dict[str, Any]:
    return {
        "score": node.exact,
        "grade": grade_text(node.grade),
        "graded": node.graded,
        "total": node.total,
        "coverage": node.coverage,
        **{g.value: node.counts[g] for g in GRADES},
    }


# -- writing -----------------------------------------------------------------------------------


def _write(
    sheets: Mapping[str, pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    form: Callable[[Worksheet], None] | None = None,
) -> Path:
    from openpyxl import Workbook

    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"a workbook's path is a str or a path, not {type(path).__name__}")
    target = Path(path)
    book = Workbook()
    if form is not None:
        form(book.create_sheet("自评表"))
    for title, frame in sheets.items():
        _fill_sheet(book.create_sheet(title), frame)
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    with replacing(target) as temporary:  # written whole or not at all
        book.save(temporary)
    return target


def _fill_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = [str(c) for c in frame.columns]
    bold = Font(bold=True)
    for c, name in enumerate(columns, start=1):
        text_cell(sheet, 1, c, name).font = bold
    writers = [_column_writer(name) for name in columns]
    units = list(frame["unit"]) if "unit" in columns else [None] * len(frame)
    grade_at = columns.index("grade") if "grade" in columns else -1
    fills = {grade: PatternFill(fill_type="solid", fgColor=rgb) for grade, rgb in _FILLS.items()}
    centred = Alignment(horizontal="center")
    widths = [display_width(name) for name in columns]
    records = frame.itertuples(index=False, name=None)
    for r, (record, unit) in enumerate(zip(records, units, strict=True), start=2):
        for c, raw in enumerate(record):
            value, number_format, shown = writers[c](raw, unit)
            if value is None:
                continue
            cell = text_cell(sheet, r, c + 1, value)  # text as text, never a formula
            if number_format is not None:
                cell.number_format = number_format
            if c == grade_at and value in fills:
                cell.fill = fills[value]
                cell.alignment = centred
            widths[c] = max(widths[c], display_width(shown or ""))
    sheet.freeze_panes = "A2"
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, _MAX_WIDTH)


Writer = Callable[[Any, Any], tuple[Any, str | None, str | None]]


def _column_writer(name: str) -> Writer:
    """How a column's cells are stored: (value, number format, text for the width)."""
    if name in ("score", "total") or name.endswith("_score"):
        return _score_cell
    if name == "coverage":
        return _coverage_cell
    if name == "value":
        return _value_cell
    if name == "unit":
        return _unit_cell
    if name == "points":
        return lambda raw, _unit: _number_cell(raw, None)
    return _plain_cell


def _blank(raw: Any) -> bool:
    import pandas as pd

    if raw is None or raw is pd.NA:
        return True
    return isinstance(raw, float) and math.isnan(raw)


def _plain_cell(raw: Any, _unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    if hasattr(raw, "item") and not isinstance(raw, str):
        raw = raw.item()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw, None, str(raw)
    return str(raw), None, str(raw)


def _unit_cell(raw: Any, _unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    shown = _UNIT_SHOWN.get(str(raw), str(raw))
    return shown, None, shown


def _score_cell(raw: Any, _unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    return _shown_cell(_exact(raw), places=1)


def _coverage_cell(raw: Any, _unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    return _shown_cell(_exact(raw) * 100, places=0, percent=True)


def _number_cell(
    raw: Any, number_format: str | None, *, percent: bool = False
) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    number = float(raw) if not isinstance(raw, int) else raw
    shown = f"{number:.0%}" if percent else f"{number:g}"
    return number, number_format or _decimal_format(_exact(raw)), shown


def _value_cell(raw: Any, unit: Any) -> tuple[Any, str | None, str | None]:
    if _blank(raw):
        return None, None, None
    if isinstance(raw, str):
        return raw, None, raw
    exact = _exact(raw)
    if unit == "percent":
        fraction = exact / 100
        decimals = _decimals(exact)
        number_format = "0%" if decimals == 0 else "0." + "0" * min(decimals, 6) + "%"
        return _number(fraction), number_format, f"{float(exact):g}%"
    return _number(exact), _decimal_format(exact), f"{float(exact):g}"


def _exact(raw: Any) -> Fraction:
    if isinstance(raw, Fraction):
        return raw
    if hasattr(raw, "item"):
        raw = raw.item()
    if isinstance(raw, int):
        return Fraction(raw)
    return Fraction(repr(float(raw)))  # a float stands for the decimal it prints as


def _number(exact: Fraction) -> int | float:
    return exact.numerator if exact.denominator == 1 else float(exact)


def _decimals(exact: Fraction) -> int:
    """Decimal places of a number with a finite decimal expansion; 7 for one without."""
    denominator = exact.denominator
    for places in range(7):
        if (10**places) % denominator == 0:
            return places
    return 7


def _decimal_format(exact: Fraction) -> str:
    decimals = _decimals(exact)
    if decimals == 0:
        return "0"
    if decimals > 6:
        return "0.0#####"
    return "0." + "0" * decimals
