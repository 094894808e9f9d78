"""Scorecards as Excel workbooks (Excel 导出): a sheet per level, grades coloured.

[write_scorecard][perfscore.views.write_scorecard] (``Scorecard.to_excel``),
[write_frame_scores][perfscore.views.write_frame_scores] (``FrameScores.to_excel``) and
[write_comparison][perfscore.views.write_comparison] (``Comparison.to_excel``) write one sheet
per level (绩效指标 ``indicators``, 职责活动 ``activities``, 职责 ``duties``, 部门 ``department``
or ``departments``, 未评分 ``unscored`` …), titled and headed in Chinese for colleagues
([perfscore.views._sheets][]), or with the frames' English names with ``frame_columns=True``
(which [perfscore.score][perfscore.cards.score] reads back as results). Numbers are stored as
numbers with a number format ([perfscore.views._formats][]): a percentage as the fraction Excel
expects, shown as ``96.5%``; a score, a rate and a change by the shown-number rule, so the
workbook shows the figure the text view shows and a score of 89.96 never shows as 90.0 beside
its grade 良. Every text is a string cell, never a formula. Grades are filled with their
colours, the header row is frozen, and columns are as wide as their text, a Chinese character
counting two.

Files are written whole or not at all: to a temporary file beside the target, then renamed.

Examples:
    >>> import perfscore, tempfile, openpyxl
    >>> card = perfscore.score("zanhuang-hrss-2018", {"1.1.1": "100%", "1.1.2": "96.5%"})
    >>> path = card.to_excel(tempfile.mkdtemp() + "/card.xlsx")
    >>> sheet = openpyxl.load_workbook(path)["绩效指标"]
    >>> [c.value for c in sheet[1]][2:7]
    ['编号', '名称', '单位', '实际完成值', '等级']
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
from perfscore.outputs import replacing, text_cell

from ._display import (
    GRADE_COLOURS,
    comparison_places,
    display_width,
    frame_number,
    grade_text,
    target_text,
)
from ._formats import (
    actual_cell,
    column_writer,
    decimal_format,
    exact_number,
    exact_of,
    shown_cell,
)
from ._protocols import ComparisonView, FrameScoresView, LadderCard, TargetsCard
from ._sheets import column_name, sheet_name
from ._shown import number_format, show, shown_change

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

    from perfscore.scoring._records import BudgetScore, RowScore

__all__ = [
    "FORM_COLUMNS",
    "score_format",
    "write_comparison",
    "write_frame_scores",
    "write_scorecard",
    "write_targets_scorecard",
]

#: The widest a column is made, in display columns (longer text wraps in the cell).
_MAX_WIDTH: Final = 60
_FILLS: Final = {g.value: "FF" + GRADE_COLOURS[g].lstrip("#").upper() for g in GRADES}


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
    return number_format(show(exact_of(score), places=places))


def write_scorecard(
    card: LadderCard, path: str | os.PathLike[str], *, frame_columns: bool = False
) -> Path:
    """Write a scorecard as a workbook; return the path written.

    Sheets: 绩效指标 ``indicators`` (duty, activity, id, name, unit, value, grade, cell, points,
    row), 职责活动 ``activities``, 职责 ``duties`` (score, grade, graded, total, coverage, a count
    per grade, missing), 部门 ``department`` and 未评分 ``unscored`` (the rows left unscored;
    headers only if none). Titles and headers are in Chinese
    ([perfscore.views._sheets][]); ``frame_columns=True`` keeps the English names above.

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
    return _write(sheets, path, frame_columns=frame_columns)


def write_frame_scores(
    scores: FrameScoresView, path: str | os.PathLike[str], *, frame_columns: bool = False
) -> Path:
    """Write [FrameScores][perfscore.frames.FrameScores] as a workbook; return the path written.

    One sheet per frame (``indicators``, ``activities``, ``duties``, ``departments``,
    ``unscored``, and ``targets`` and ``projects`` when targets tables were scored), columns as
    in the frames, titled and headed in Chinese unless ``frame_columns``; a percentage value is
    stored as Excel's fraction with a percent format.

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
    two = {"targets": 2, "projects": 2}  # 得分 and 总分 to two decimals, as the form has them
    return _write(sheets, path, frame_columns=frame_columns, places=two)


def write_comparison(
    comparison: ComparisonView, path: str | os.PathLike[str], *, frame_columns: bool = False
) -> Path:
    """Write a [Comparison][perfscore.comparison.Comparison] as a workbook; return the path.

    A sheet per level that has rows (部门 ``departments``, 项目 ``projects`` or 职责 ``duties``
    and 职责活动 ``activities``, 绩效指标 ``indicators``), each card's score and grade side by
    side, grades coloured. Scores are shown by the shown-number rule and ``change`` is the
    difference of the first and last scores as shown, as the text view has it (the exact change
    is in [to_frame][perfscore.comparison.Comparison.to_frame] and the JSON). Headers in Chinese
    (``2019 得分``, ``变化``) unless ``frame_columns``; then 发现 ``findings``.

    Raises:
        PerfscoreError: The file cannot be written (naming it and why).
    """
    import pandas as pd

    places = comparison_places(comparison)
    first, last = f"score_{comparison.labels[0]}", f"score_{comparison.labels[-1]}"
    sheets: dict[str, pd.DataFrame] = {}
    for level in ("departments", "projects", "duties", "activities", "indicators"):
        frame: pd.DataFrame = getattr(comparison, level)
        if frame.empty:
            continue
        frame = frame.copy()
        frame["change"] = pd.Series(
            [
                _shown_difference(a, b, places)
                for a, b in zip(frame[first], frame[last], strict=True)
            ],
            index=frame.index,
            dtype=object,
        )
        sheets[level] = frame
    sheets["findings"] = pd.DataFrame(
        {"finding": [str(f) for f in comparison.findings]}, dtype=object
    )
    return _write(sheets, path, frame_columns=frame_columns, places=dict.fromkeys(sheets, places))


def _shown_difference(first: object, last: object, places: int) -> Fraction | None:
    shown = shown_change(frame_number(first), frame_number(last), places=places)
    return None if shown == "—" else Fraction(shown)


#: The self-evaluation form's indicator columns (绩效自评表).
FORM_COLUMNS: Final = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因",
)  # fmt: skip
_BUDGET_COLUMNS: Final = ("预算执行情况", "全年预算数", "全年执行数", "执行率", "分值", "得分")


def write_targets_scorecard(
    card: TargetsCard, path: str | os.PathLike[str], *, frame_columns: bool = False
) -> Path:
    """Write a targets table's self-evaluation as a workbook; return the path written.

    The first sheet, ``自评表``, has the self-evaluation form's layout, project by project: the
    project's name; its budget item (全年预算数 · 全年执行数 · 执行率 · 分值 · 得分); a row per
    indicator (一级 · 二级 · 三级指标 · 年度指标值 · 实际完成值 · 分值 · 得分 · 偏差原因, the
    last holding what the scoring flagged and why a result was not scored, for the evaluator to
    complete); and 总分 with the grade, coloured. 年度指标值 is written with its comparison and
    unit (``≥95%``), 实际完成值 in the published unit (人/年, 万元). Then 绩效指标 ``indicators``
    (the card's frame), 项目 ``projects`` and 未评分 ``unscored``, headed in Chinese unless
    ``frame_columns``.

    Raises:
        PerfscoreError: The file cannot be written (naming it and why).
    """
    import pandas as pd

    projects = pd.DataFrame(
        [
            {"id": p.id, "name": p.name, "score": p.exact, "grade": grade_text(p.grade),
             "weight": exact_number(p.weight), "missing": " ".join(p.missing),
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
    return _write(
        sheets,
        path,
        frame_columns=frame_columns,
        form=lambda sheet: _fill_form(sheet, card),
        places={"indicators": 2, "projects": 2},
    )


def _fill_form(sheet: Worksheet, card: TargetsCard) -> None:
    from openpyxl.utils import get_column_letter

    form = _Form(sheet)
    form.put(1, 1, f"绩效自评表 · {card.table}", strong=True, shown="")
    reasons: dict[str, list[str]] = {}
    for unscored in card.unscored:  # a result that could not be scored: why, beside its row
        reasons.setdefault(str(unscored.key), []).append(unscored.message)
    r = 3
    for project in card.projects:
        form.put(r, 1, "项目名称", strong=True)
        form.put(r, 2, f"{project.id} {project.name}", shown="")
        r += 1
        if project.budget is not None:
            r = form.budget(r, project.budget, reasons.get(f"{project.id}.budget", []))
        for c, name in enumerate(FORM_COLUMNS, start=1):
            form.put(r, c, name, strong=True)
        r += 1
        for row in project.rows:
            form.indicator(r, row, reasons.get(row.id, []))
            r += 1
        form.put(r, 1, "总分", strong=True)
        weight = project.weight
        form.put(r, 6, exact_number(weight), decimal_format(weight), strong=True)
        if project.exact is not None:
            form.put(r, 7, *shown_cell(project.exact, places=2), strong=True)
        form.put(r, 8, grade_text(project.grade))
        r += 2
    sheet.freeze_panes = "A2"
    for c, width in enumerate(form.widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(max(width, 6) + 2, _MAX_WIDTH)


class _Form:
    """The 自评表 sheet being filled: its cells, and how wide each column has to be."""

    def __init__(self, sheet: Worksheet) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.sheet = sheet
        self.widths = [0] * len(FORM_COLUMNS)
        self.bold = Font(bold=True)
        self.centred = Alignment(horizontal="center")
        self.fills = {g: PatternFill(fill_type="solid", fgColor=rgb) for g, rgb in _FILLS.items()}

    def put(self, row: int, column: int, value: Any, number_format: str | None = None,
            shown: str | None = None, *, strong: bool = False) -> None:  # fmt: skip
        if value is None:
            return
        cell = text_cell(self.sheet, row, column, value)  # text as text, never a formula
        if number_format is not None:
            cell.number_format = number_format
        if strong:
            cell.font = self.bold
        if isinstance(value, str) and value in self.fills and column > 1:
            cell.fill = self.fills[value]
            cell.alignment = self.centred
        text = shown if shown is not None else str(value)
        self.widths[column - 1] = max(self.widths[column - 1], display_width(text))

    def budget(self, r: int, budget: BudgetScore, reasons: list[str]) -> int:
        """The budget item's header and row from row ``r``; the next free row."""
        for c, name in enumerate(_BUDGET_COLUMNS, start=1):
            self.put(r, c, name, strong=True)
        self.put(r, len(FORM_COLUMNS), "偏差原因", strong=True)
        r += 1
        self.put(r, 1, "预算执行率")
        self.put(r, 2, exact_number(budget.planned), decimal_format(budget.planned))
        if budget.spent is not None:
            self.put(r, 3, exact_number(budget.spent), decimal_format(budget.spent))
        if budget.rate is not None:
            self.put(r, 4, *shown_cell(budget.rate, places=2, percent=True))
        self.put(r, 5, exact_number(budget.weight), decimal_format(budget.weight))
        if budget.points is not None:
            self.put(r, 6, *shown_cell(budget.points, places=2))
        missing = ["无执行数"] if budget.spent is None and not reasons else []
        self.put(r, len(FORM_COLUMNS), "; ".join([*budget.flags, *reasons, *missing]) or None)
        return r + 1

    def indicator(self, r: int, row: RowScore, reasons: list[str]) -> None:
        """An indicator's row: 一级 · 二级 · 三级指标 · 年度指标值 · 实际完成值 · 分值 · 得分 ·
        偏差原因 (what the scoring flagged, why a result was not scored, or 无结果)."""
        levels = [*row.levels, None, None][:2]
        self.put(r, 1, levels[0])
        self.put(r, 2, levels[1])
        self.put(r, 3, row.name)
        self.put(r, 4, target_text(row))
        value, number_format, shown = actual_cell(row.value, row.parsed.unit)
        self.put(r, 5, value, number_format, shown=shown)
        self.put(r, 6, exact_number(row.weight), decimal_format(row.weight))
        if row.state == "dropped":
            self.put(r, 7, "不适用")
        elif row.points is not None:
            self.put(r, 7, *shown_cell(row.points, places=2))
        missing = ["无结果"] if row.state == "missing" and not reasons else []
        self.put(r, 8, "; ".join([*row.flags, *reasons, *missing]) or None)


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
    frame_columns: bool,
    form: Callable[[Worksheet], None] | None = None,
    places: Mapping[str, int] | None = None,
) -> Path:
    """Write ``sheets`` (by their English names) as a workbook: titles and headers in Chinese,
    or the frames' own with ``frame_columns``; ``places`` the least decimals of each sheet's
    scores (one unless given)."""
    from openpyxl import Workbook

    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"a workbook's path is a str or a path, not {type(path).__name__}")
    target = Path(path)
    book = Workbook()
    if form is not None:
        form(book.create_sheet("自评表"))
    for key, frame in sheets.items():
        sheet = book.create_sheet(sheet_name(key, frame_columns=frame_columns))
        headers = [column_name(str(c), sheet=key, frame_columns=frame_columns) for c in frame]
        _fill_sheet(sheet, frame, headers, places=(places or {}).get(key, 1))
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    with replacing(target) as temporary:  # written whole or not at all
        book.save(temporary)
    return target


def _fill_sheet(sheet: Worksheet, frame: pd.DataFrame, headers: list[str], *, places: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = [str(c) for c in frame.columns]
    bold = Font(bold=True)
    for c, header in enumerate(headers, start=1):
        text_cell(sheet, 1, c, header).font = bold
    writers = [column_writer(name, places) for name in columns]
    units = list(frame["unit"]) if "unit" in columns else [None] * len(frame)
    graded = {c for c, name in enumerate(columns) if name == "grade" or name.startswith("grade_")}
    fills = {grade: PatternFill(fill_type="solid", fgColor=rgb) for grade, rgb in _FILLS.items()}
    centred = Alignment(horizontal="center")
    widths = [display_width(header) for header in headers]
    records = frame.itertuples(index=False, name=None)
    for r, (record, unit) in enumerate(zip(records, units, strict=True), start=2):
        for c, raw in enumerate(record):
            value, number_format, shown = writers[c](raw, unit)
            if value is None:
                continue
            cell = text_cell(sheet, r, c + 1, value)  # text as text, never a formula
            if number_format is not None:
                cell.number_format = number_format
            if c in graded and value in fills:
                cell.fill = fills[value]
                cell.alignment = centred
            widths[c] = max(widths[c], display_width(shown or ""))
    sheet.freeze_panes = "A2"
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, _MAX_WIDTH)
