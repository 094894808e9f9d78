"""The importer against generated goal and self-evaluation forms, written as copies come.

Each example is a real-shaped form, drawn as a transcription (``expected.yaml``'s shape, see
``tests/corpus/README.md``): a title with its year (or the year on a line of its own, or none),
项目名称 and the 主管部门 / 实施单位 labels, the budget block, the indicator header in one of the
forms' column orders (年度指标值 before or after 分值, a 指标方向性 column or none), levels
(产出指标(50分) · 数量指标 …) merged down their rows, names drawn from the forms' words, targets
in the notation (≥95%, ≤90万元, 100%, 显著提升, 2023年12月前, ≤475元/亩), weights adding to 100
or none (goal forms), actuals and 得分 (self-evaluations) and perhaps a 总分 line; one project's
block or two. Also drawn: a budget code before the department (``(433)某局``), the form's
numbering before names (``指标1:培训人次``), weights of halves, a 绩效指标 cell down the side,
levels repeated on every row instead of merged, the budget block's 年初预算数 and 执行率.

It is laid out as the form prints it and written as text in the forms copies come in: tab
separated, a pipe table, pipe cells (each cell ended by ``|``, merged cells left out), one cell
per line (merged cells left out), cells apart by single spaces a row a line or flattened onto
one line, and every cell run together; and as a page, a workbook, a Word file and a PDF through
the corpus renderer (``tests/corpus/render.py``).

The invariant (issue 19): every generated row is imported with its name, target, levels,
weight, direction, actual and 得分 right, or a finding names it (its id, or its name in the
finding's text), or the import stopped with an error saying why. Never silently wrong or
missing. Whatever the layout, no name ends with a comparison (a sign starts the target); and a
form run together whose targets are printed with one (``=8个``, ``≥ 95%``) is read right. The
year and department are the printed ones, or the import asked for them (or a finding names the
printed department), as ``tests/corpus/compare.py`` judges the real tables.

Nothing is filtered out of the strategy for being hard to read: text run together where two
numbers touch (a weight and a 得分, ``1010``) has no rule to split it, and must end in a
finding like everything else.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from perfscore.errors import PerfscoreError
from perfscore.importing import Imported, ImportFailed, ImportFinding, import_table
from perfscore.importing._run_rows import is_sign
from tests.corpus.compare import answers, classify, metadata_differences
from tests.corpus.render import (
    Cell,
    Sheet,
    cell_text,
    covered,
    to_docx,
    to_html,
    to_pdf,
    to_xlsx,
)

Form = dict[str, Any]

LEVELS: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
POINTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
NAMES = (
    "培训人次", "资金拨付及时率", "项目完成率", "道路养护里程", "设备采购数量", "工程验收合格率",
    "受益群众满意度", "带动农户增收", "垃圾清运量", "新建村级活动场所", "补助发放准确率",
    "改善人居环境", "种植面积", "每亩补助标准", "项目完工时间", "学生受资助人数",
    "政策知晓率", "服务对象满意度", "成本控制率", "生态环境改善", "设施正常使用年限",
    "防治病虫害面积", "义务教育巩固率", "安全事故发生率", "群众就医便利程度",
)  # fmt: skip
DEPARTMENTS = ("某县农业农村局", "某市教育局", "某县水利局", "某区卫生健康局", "某镇人民政府")
PROJECTS = ("农村人居环境整治项目", "义务教育营养改善计划", "高标准农田建设", "道路养护经费")
QUALITATIVE = ("显著提升", "有效改善", "逐步提高", "持续发挥作用", "达到预期")
UNITS = ("%", "万元", "人次", "个", "次", "元/亩", "公里", "亩", "户")
OPS = ("≥", "≤", "=", "", ">", "<")

# -- the forms ----------------------------------------------------------------------------------


@st.composite
def targets(draw: st.DrawFn) -> tuple[str, str]:
    """A target in the notation, and an actual a self-evaluation may print beside it."""
    kind = draw(st.sampled_from(("number", "number", "percent", "qualitative", "date")))
    if kind == "qualitative":
        text = draw(st.sampled_from(QUALITATIVE))
        return text, draw(st.sampled_from((text, "已完成", "基本达到")))
    if kind == "date":
        year = draw(st.integers(2018, 2024))
        month = draw(st.integers(1, 12))
        return f"{year}年{month}月前", draw(st.sampled_from((f"{year}年{month}月", "已完成")))
    if kind == "percent":
        rate = draw(st.sampled_from((80, 85, 90, 95, 98, 100)))
        sign = draw(st.sampled_from(("≥", "", "=")))
        reached = draw(st.sampled_from((rate, 100, max(rate - 5, 0))))
        return f"{sign}{rate}%", f"{reached}%"
    op = draw(st.sampled_from(OPS))
    unit = draw(st.sampled_from(UNITS))
    value: float = draw(st.sampled_from((1, 2, 12, 90, 230, 475, 500, 1.5, 29.5)))
    shown = f"{value:g}"
    got = draw(st.sampled_from((shown, f"{value * 2:g}", "0")))
    space = draw(st.sampled_from(("", "", " ")))  # ≥ 500人次, as some forms print it
    return f"{op}{space}{shown}{unit}", f"{got}{unit}"


def _direction(target: str) -> str:
    """The 指标方向性 a form prints beside a target: 反向 for an upper bound, else 正向."""
    return "反向指标" if target[:1] in ("≤", "<") else "正向指标"


def _weights(draw: st.DrawFn, count: int, total: int) -> list[int]:
    """``count`` positive whole weights adding to ``total``."""
    cuts = draw(st.lists(st.integers(1, total - 1), min_size=count - 1, max_size=count - 1,
                         unique=True)) if count > 1 else []  # fmt: skip
    bounds = [0, *sorted(cuts), total]
    return [b - a for a, b in itertools.pairwise(bounds)]


@dataclass(frozen=True)
class _Shape:
    """How a form writes its rows: a self-evaluation, with weights, a 指标方向性 column, the
    level-1's points (产出指标(50分)), weights of halves, the numbering 指标1: before names."""

    selfeval: bool
    weighted: bool
    direction: bool
    points: bool
    halves: bool
    numbered: bool


def _rows(draw: st.DrawFn, names: list[str], shape: _Shape) -> list[dict[str, Any]]:
    """One project's rows, in the forms' order of levels, weights adding to 100 (90 beside a
    budget line of 10 in a self-evaluation)."""
    count = len(names)
    order = [(a, b) for a, bs in LEVELS.items() for b in bs]
    levels = sorted(draw(st.lists(st.sampled_from(order), min_size=count, max_size=count)),
                    key=order.index)  # fmt: skip
    scale = 2 if shape.halves else 1
    weights: list[float | None] = (
        [w / scale for w in _weights(draw, count, (90 if shape.selfeval else 100) * scale)]
        if shape.weighted else [None] * count
    )  # fmt: skip
    rows = []
    for n, (name, (level1, level2), weight) in enumerate(
        zip(names, levels, weights, strict=True), start=1
    ):
        target, actual = draw(targets())
        row: dict[str, Any] = {
            "level1": f"{level1}({POINTS[level1]}分)" if shape.points else level1,
            "level2": level2,
            "name": f"指标{n}:{name}" if shape.numbered and n % 2 else name,
            "target": target,
            "weight": weight,
            "direction": _direction(target) if shape.direction else None,
        }
        if shape.selfeval:
            assert weight is not None
            row["actual"] = actual
            row["score"] = draw(st.sampled_from((weight, round(weight * 0.9, 1), 0)))
            row["expected_class"] = "unexplained"
            row["reason"] = draw(st.sampled_from((None, "资金未及时拨付", "无")))
        rows.append(row)
    return rows


@st.composite
def forms(draw: st.DrawFn, breaks: bool = False) -> Form:
    """A goal or self-evaluation form as a transcription, with how it is laid out (``_columns``,
    the header's labels and order; ``_labels``, the label rows)."""
    selfeval = draw(st.booleans())
    year = draw(st.integers(2018, 2024))
    kind = "项目支出绩效自评表" if selfeval else "项目支出绩效目标表"
    printed = draw(st.sampled_from(("title", "line", "none")))
    title = f"{year}年度{kind}" if printed == "title" else kind
    code = draw(st.sampled_from(("", "", "(433)", "[015001]", "820001-")))  # a budget code
    department = draw(st.sampled_from((*(code + d for d in DEPARTMENTS), None)))
    implementer = draw(st.sampled_from((None, department, *DEPARTMENTS[:2])))
    weighted = selfeval or draw(st.booleans())
    direction = not selfeval and draw(st.booleans())
    shape = _Shape(selfeval, weighted, direction, draw(st.booleans()), draw(st.booleans()),
                   draw(st.booleans()))  # fmt: skip
    counts = draw(st.lists(st.integers(1, 6), min_size=1, max_size=2))  # one or two projects
    names = draw(st.lists(st.sampled_from(NAMES), min_size=sum(counts), max_size=sum(counts),
                          unique=True))  # fmt: skip
    blocks = [
        _rows(draw, names[sum(counts[:k]) : sum(counts[: k + 1])], shape)
        for k in range(len(counts))
    ]
    planned = draw(st.sampled_from((9.48, 120.5, 3309840.0, 43.2)))
    budget = {"planned": planned, "spent": planned, "weight": 10, "score": 10, "rate": "100%"} if (
        selfeval) else {"planned": planned}  # fmt: skip
    columns = _columns(draw, selfeval, weighted, direction)
    form: Form = {
        "title": title,
        "form": "self-evaluation" if selfeval else "goal",
        "scope": "project",
        "department": implementer if selfeval and implementer else department or implementer,
        "year": None if printed == "none" else year,
        "_year": year,
        "_year_line": printed == "line",
        "money_unit": draw(st.sampled_from(("万元", "元", None))),
        "projects": [{"name": project, "budget": budget if draw(st.booleans()) else None,
                      "rows": rows, "_break": draw(_breaks(len(rows))) if breaks else None}
                     for project, rows in zip(
                          draw(st.lists(st.sampled_from(PROJECTS), min_size=len(blocks),
                                        max_size=len(blocks), unique=True)), blocks, strict=True)],
        "total": selfeval and draw(st.booleans()),  # a 总分 line under each project's rows
        "_columns": columns,
        "_side": draw(st.booleans()),  # a 绩效指标 cell down the side of the header and rows
        "_merged": draw(st.sampled_from((True, True, False))),  # levels repeated on every row
        "_rate": draw(st.booleans()),  # the budget block's 年初预算数 and 执行率 columns
        "_goal": draw(st.sampled_from((None, "按时完成项目建设任务，改善群众生产生活条件"))),
        "_labels": [("主管部门", department), ("实施单位", implementer)],
    }  # fmt: skip
    return form


def _breaks(count: int) -> st.SearchStrategy[tuple[int, str, bool] | None]:
    """Where a page ends inside a project's rows (before which row), the line the page's end
    prints (its number) and whether the next page prints the header again; or no break."""
    if count < 2:
        return st.none()
    return st.none() | st.tuples(
        st.integers(1, count - 1), st.sampled_from(("第2页", "- 2 -", "2")), st.booleans()
    )


def _columns(
    draw: st.DrawFn, selfeval: bool, weighted: bool, direction: bool
) -> list[tuple[str, str]]:
    """The indicator header in one of the forms' orders: (printed label, row key)."""
    levels = [("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name")]
    target = (
        "年度指标值" if selfeval else draw(st.sampled_from(("指标值", "年度指标值"))),
        "target",
    )
    weight = (draw(st.sampled_from(("分值", "权重"))) if not selfeval else "分值", "weight")
    if selfeval:
        actual = (draw(st.sampled_from(("实际完成值", "全年实际值"))), "actual")
        reason = (
            draw(st.sampled_from(("偏差原因分析及改进措施", "未完成原因及改进措施"))),
            "reason",
        )
        if draw(st.booleans()):  # 2021: 分值 before the targets
            return [*levels, weight, target, actual, ("得分", "score"), reason]
        return [*levels, target, actual, weight, ("得分", "score"), reason]
    body = [target]
    if direction:
        body.append(("指标方向性", "direction"))
    if weighted:
        body.insert(draw(st.integers(0, len(body))), weight)
    return [*levels, *body]


# -- laid out as printed ------------------------------------------------------------------------


def layout(form: Form) -> Sheet:
    """The form as printed: title lines, then a block per project: the label rows, the budget
    block, the header, the rows with their levels merged down (or repeated), the 总分 line."""
    columns: list[tuple[str, str]] = form["_columns"]
    side = 1 if form["_side"] else 0
    cols = len(columns) + side
    cells: list[Cell] = []
    lines = [form["title"]]
    if form["_year_line"]:
        lines.append(f"({form['_year']}年度)")
    if form["money_unit"]:
        lines.append(f"单位：{form['money_unit']}")
    at = 0
    for project in form["projects"]:
        at = _block(cells, at, form, project)
    return Sheet(tuple(lines), tuple(cells), at, cols)


def _block(cells: list[Cell], at: int, form: Form, project: dict[str, Any]) -> int:
    """One project's block from grid row ``at``; the row after it."""
    columns: list[tuple[str, str]] = form["_columns"]
    side = 1 if form["_side"] else 0
    cols = len(columns) + side

    def label(text: str, value: str) -> None:
        nonlocal at
        cells.extend([Cell(at, 0, text), Cell(at, 1, value, colspan=cols - 1)])
        at += 1

    label("项目名称", project["name"])
    for text, value in form["_labels"]:
        if value:
            label(text, value)
    if project["budget"]:
        _budget(cells, at, cols, form, project["budget"])
        at += 2
    if form["_goal"]:
        label("年度总体目标", form["_goal"])
    rows = project["rows"]
    page = project.get("_break")
    if side:
        breaks = 0 if page is None else 1 + page[2]
        cells.append(Cell(at, 0, "绩效指标", rowspan=len(rows) + 1 + breaks))
    cells.extend(Cell(at, side + k, text) for k, (text, _) in enumerate(columns))
    at += 1
    for i, row in enumerate(rows):
        if page is not None and i == page[0]:  # a page ends: its number, the header again
            cells.append(Cell(at, 0, page[1], colspan=cols))
            at += 1
            if page[2]:
                cells.extend(Cell(at, side + k, text) for k, (text, _) in enumerate(columns))
                at += 1
        for k, (_, key) in enumerate(columns):
            if key in ("level1", "level2") and form["_merged"]:
                run = [r[key] for r in rows] if key == "level1" else [
                    (r["level1"], r["level2"]) for r in rows]  # fmt: skip
                cut = page[0] if page is not None else 0  # no merge across a page's end
                if i and i != cut and run[i] == run[i - 1]:
                    continue
                ends = [j for j in range(i + 1, len(rows)) if run[j] != run[i] or j == cut]
                span = ends[0] if ends else len(rows)
                cells.append(Cell(at, side + k, row[key], rowspan=span - i))
            else:
                cells.append(Cell(at, side + k, cell_text(row.get(key))))
        at += 1
    if form["total"]:
        keys = [key for _, key in columns]
        first = side + min(keys.index("target"), keys.index("weight"))
        total = {"weight": 100, "score": round(sum(r["score"] for r in rows) + 10, 1)}
        cells.append(Cell(at, 0, "总分", colspan=first))
        cells.extend(Cell(at, k, cell_text(total.get(keys[k - side]))) for k in range(first, cols))
        at += 1
    return at


def _budget(cells: list[Cell], at: int, cols: int, form: Form, budget: dict[str, Any]) -> None:
    """The budget block: 资金情况 down two rows, the column words over the figures."""
    heads = [("全年预算数", "planned")]
    if form["form"] == "self-evaluation" and form["_rate"]:
        heads = [("年初预算数", "planned"), *heads, ("全年执行数", "spent"), ("分值", "weight"),
                 ("执行率", "rate"), ("得分", "score")]  # fmt: skip
    elif form["form"] == "self-evaluation":
        heads += [("全年执行数", "spent"), ("分值", "weight"), ("得分", "score")]
    cells.append(Cell(at, 0, "资金情况", rowspan=2))
    for row in (at, at + 1):
        for i, (head, key) in enumerate(heads):
            span = cols - 1 - i if i == len(heads) - 1 else 1
            text = head if row == at else cell_text(budget[key])
            cells.append(Cell(row, 1 + i, text, colspan=span))


def _grid(sheet: Sheet) -> list[list[tuple[str, bool]]]:
    """Each printed row's cells: (text, whether a merged cell covers the place)."""
    hidden = covered(sheet)
    grid = [[("", (r, k) in hidden) for k in range(sheet.cols)] for r in range(sheet.rows)]
    for cell in sheet.cells:
        grid[cell.row][cell.col] = (cell.text, False)
    return grid


def tab(sheet: Sheet, _: int) -> str:
    rows = ["\t".join(text for text, _ in row) for row in _grid(sheet)]
    return "\n".join([*sheet.lines, *rows]) + "\n"


def pipe_table(sheet: Sheet, _: int) -> str:
    rows = ["| " + " | ".join(text for text, _ in row) + " |" for row in _grid(sheet)]
    return "\n".join([*sheet.lines, rows[0], "|" + "---|" * sheet.cols, *rows[1:]]) + "\n"


def pipe_cells(sheet: Sheet, _: int) -> str:
    """Each cell ended by ``|``, the cells merged cells cover left out, a run of pipes where the
    row ends."""
    out = [f"{line} |" for line in sheet.lines]
    for row in _grid(sheet):
        kept = [text for text, hidden in row if not hidden]
        out.append(" | ".join(kept) + " |" + " |" * max(1, len(row) - len(kept)))
    return "\n".join(out) + "\n"


def one_per_line(sheet: Sheet, apart: int) -> str:
    """Each cell on a line of its own, merged-over places left out: empty cells left out too,
    or (``apart``, a browser's copy) cells apart by an empty line and an empty cell a line of a
    space."""
    out = list(sheet.lines)
    for row in _grid(sheet):
        out += [text or " " for text, hidden in row if not hidden and (text or apart)]
    return ("\n\n" if apart else "\n").join(out) + "\n"


def _flat(sheet: Sheet, flat: int, rows: list[str], sep: str) -> str:
    """The lines above the table and its rows: a row a line (``flat`` 0), the table on one line
    (1), or everything on one line (2)."""
    if flat == 0:
        return "\n".join([*sheet.lines, *rows]) + "\n"
    if flat == 1:
        return "\n".join([*sheet.lines, sep.join(rows)]) + "\n"
    return sep.join([*sheet.lines, *rows]) + "\n"


def spaced(sheet: Sheet, flat: int) -> str:
    """Cells apart by single spaces, empty ones left out."""
    return _flat(sheet, flat, [" ".join(text for text, _ in row if text) for row in _grid(sheet)],
                 " ")  # fmt: skip


def run_together(sheet: Sheet, flat: int) -> str:
    """Every cell run together with nothing between (a row a line, or flattened)."""
    return _flat(sheet, flat, ["".join(text for text, _ in row) for row in _grid(sheet)], "")


WRITERS: dict[str, Callable[[Sheet, int], str]] = {
    "tab": tab,
    "pipe table": pipe_table,
    "pipe cells": pipe_cells,
    "one cell per line": one_per_line,
    "spaced": spaced,
    "run together": run_together,
}

# -- the invariant ------------------------------------------------------------------------------


def imported(
    source: str | Path, form: Form
) -> tuple[Imported | None, list[ImportFinding], set[str]]:
    """The import (``None`` if it stopped with an error), its findings and what it asked for
    (a year or department the form prints is asked as the user answers: with the printed one);
    a year or department the form prints none of is given up front."""
    given: dict[str, Any] = {}
    if form["year"] is None:
        given["year"] = form["_year"]
    if form["department"] is None:
        given["department"] = "（按提示给出的部门）"
    asked: set[str] = set()
    while True:
        try:
            result = import_table(source, name="fuzz-form", **given)
        except ImportFailed as error:
            more = answers({**form, "year": form["_year"]}, error.findings)
            if more and not set(more) <= set(given):
                asked |= set(more) - set(given)
                given.update(more)
                continue
            return None, list(error.findings), asked
        except PerfscoreError:
            return None, [], asked
        return result, result.findings, asked


def check(form: Form, source: str | Path) -> None:
    """The invariant: no row silently wrong or missing; the year and department the printed
    ones (the year given where none is printed), or the import asked, or a finding names the
    printed department."""
    result, findings, asked = imported(source, form)
    event("imported" if result is not None else "stopped with an error")
    classes, why = classify(form, result, findings)
    for cls in set(classes):
        event(f"rows {cls}")
    silent = [w for c, w in zip(classes, why, strict=True) if c in ("wrong", "missing")]
    assert not silent, f"silently wrong or missing: {silent}"
    if result is None:
        return
    wrong = [
        d
        for d in metadata_differences(form, result)
        if "(a finding names the printed one)" not in d
        and not any(d.startswith(key) for key in asked)
    ]
    assert not wrong, f"metadata read otherwise, no finding: {wrong}"
    assert result.table.year == form["_year"]
    # A comparison starts a target: no name the import gives ends with one (培训人次=).
    names = [
        next((r.published for r in ind.readings if r.field == "name"), None) or ind.name
        for project in getattr(result.table, "projects", ())
        for ind in project.indicators
    ]
    signed = [name for name in names if is_sign(name.rstrip()[-1:])]
    assert not signed, f"a name ends with a comparison: {signed}"


_SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(("writer", "examples"), [(w, 80) for w in WRITERS])
def test_a_form_written_as_copies_come_imports_right_or_with_a_finding(
    writer: str, examples: int
) -> None:
    @settings(_SETTINGS, max_examples=examples)
    @given(form=forms(), flat=st.integers(0, 2))
    def run(form: Form, flat: int) -> None:
        check(form, WRITERS[writer](layout(form), flat))

    run()


@pytest.mark.parametrize(
    ("fmt", "write", "examples"),
    [("html", to_html, 20), ("xlsx", to_xlsx, 20), ("docx", to_docx, 10), ("pdf", to_pdf, 6)],
)
def test_a_rendered_form_imports_right_or_with_a_finding(
    fmt: str, write: Callable[[Sheet], bytes], examples: int, tmp_path: Path
) -> None:
    @settings(_SETTINGS, max_examples=examples)
    @given(form=forms())
    def run(form: Form) -> None:
        path = tmp_path / f"form.{fmt}"
        path.write_bytes(write(layout(form)))
        check(form, path)

    run()


# Each spelling of a comparison the forms print before a figure, as the notation reads them.
SIGNS = ("=", "＝", "==", "≥", "≤", ">", "<", "≧", "≦", ">=", "<=")
# The 指标方向性 words a form prints for each direction, in full and short.
DIRECTIONS = {False: ("正向指标", "正向"), True: ("反向指标", "反向")}
FIGURES = ("8个", "100%", "95%", "500人次", "12公里", "475元/亩", "1.5万元", "29.5亩")


@st.composite
def compared_forms(draw: st.DrawFn) -> Form:
    """A form whose every target is printed with a comparison (``=8个``, ``≥ 95%``,
    ``＝100%``, ``>=12公里``), its actual the figure alone or the target again, or is a
    qualitative one met as printed (``持续发挥作用``, ``达到预期``); in the shape
    text run together is read whole in: one project, no numbering before names, a 指标方向性
    (正向指标, 反向) that agrees with the target where the form prints one, no reason but 无
    (a sentence of a reason has no word to end it before the next row's name), levels
    without their points (the strategy's weights do not keep
    within them, and a weight above its level's points is no 分值 of it), and a
    self-evaluation's 分值 before its targets (a 分值 and its 得分 touching, 10.50, have no rule
    to split them)."""
    form = draw(forms())
    project = form["projects"][0]
    form["projects"] = [project]
    labels = {key: label for label, key in form["_columns"]}
    order = ("level1", "level2", "name", "weight", "target", "actual", "score", "reason")
    if form["form"] == "self-evaluation":
        form["_columns"] = [(labels[key], key) for key in order]
    else:
        form["_columns"] = [(label, key) for key, label in labels.items()]
    printed = any(key == "direction" for _, key in form["_columns"])
    for row in project["rows"]:
        figure = draw(st.sampled_from(FIGURES))
        space = draw(st.sampled_from(("", "", " ")))
        row.update(
            name=row["name"].split(":")[-1],
            level1=row["level1"].split("(")[0],
            target=f"{draw(st.sampled_from(SIGNS))}{space}{figure}",
        )
        if form["form"] == "self-evaluation":
            row.update(
                actual=draw(st.sampled_from((figure, row["target"]))),
                reason=draw(st.sampled_from((None, "无"))),  # 无: the forms' word for none
            )
        if (outcome := draw(st.sampled_from((None, None, *QUALITATIVE)))) is not None:
            row["target"] = outcome  # a qualitative target (持续发挥作用), met as printed
            if form["form"] == "self-evaluation":
                row["actual"] = outcome
        row["direction"] = None
        if printed:
            upper = row["target"][:1] in ("≤", "<", "≦")  # an upper bound: 反向, else 正向
            row["direction"] = draw(st.sampled_from(DIRECTIONS[upper]))
    return form


@settings(_SETTINGS, max_examples=60)
@given(form=compared_forms(), flat=st.integers(0, 2))
def test_a_form_run_together_reads_each_compared_target_right(form: Form, flat: int) -> None:
    # A comparison starts the target: run together (培训人次=8个8个…), no name takes its sign
    # (培训人次= | 8个, which the actual repeating the figure would favour), and every row is
    # read right, not only reported.
    result, findings, _ = imported(run_together(layout(form), flat), form)
    assert result is not None
    classes, why = classify(form, result, findings)
    assert classes == ["right"] * len(classes), [w for w in why if w]


@settings(_SETTINGS, max_examples=60)
@given(form=forms(breaks=True), writer=st.sampled_from(sorted(WRITERS)), flat=st.integers(0, 2))
def test_a_form_with_a_page_break_in_its_rows_imports_right_or_with_a_finding(
    form: Form, writer: str, flat: int
) -> None:
    check(form, WRITERS[writer](layout(form), flat))
