"""Targets layouts: the goal form (绩效目标表) and the self-evaluation form (绩效自评表).

Both give one target per indicator (三级指标) under its 一级 and 二级 levels. Two shapes are read:

- *wide*: a header row 单位名称 · 项目名称 · 预算数 · 年度目标 · 一级指标 · 二级指标 ·
  三级指标 · 指标性质 · 指标值 · 度量单位 · 权重 · 指标方向性, the project's cells merged over
  its rows;
- *form*: a block per project, its labels in cells of their own (项目名称 | X,
  主管部门 | Y, 实施单位 | Z, 年度目标 | …), the budget as a small table (全年预算数 ·
  全年执行数 · 分值 · 执行率 · 得分 over its figures), then the indicator header (一级指标 ·
  二级指标 · 三级指标 · 年度指标值 · 实际完成值 · 分值 · 得分 · 偏差原因) and its rows,
  ending at 总分 or the next block.

A self-evaluation also gives the results (实际完成值, 全年执行数) and the published scores (得分),
so ``perfscore score`` can recompute them and show where they differ.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from perfscore.errors import PerfscoreError

from ._findings import ImportFinding, Place
from ._ladder_forms import header_word
from ._repairs import clean
from ._sources import SourceRow

__all__ = ["TargetsAssembly", "assemble_targets", "find_targets_header", "targets_mapping"]

# Column roles by the words of their header, first match wins.
_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("name", ("三级指标", "指标名称")),
    ("op", ("指标性质",)),
    ("actual", ("实际完成值", "全年实际值", "实际完成", "实际值", "完成值")),
    ("target", ("年度指标值", "指标值", "目标值")),
    ("unit", ("度量单位", "计量单位")),
    ("points", ("得分",)),
    ("weight", ("权重", "分值")),
    ("direction", ("方向",)),
    ("reason", ("偏差", "原因")),
    ("unit_name", ("单位名称", "部门名称", "预算单位")),
    ("project", ("项目名称",)),
    ("budget", ("预算数", "预算金额", "资金总额", "项目资金")),
    ("goal", ("年度目标", "总体目标", "绩效目标")),
)

# Labels of a project block: the value is the next written cell to the right.
_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("项目名称",)),
    ("department", ("主管部门",)),
    ("implementer", ("实施单位",)),
    ("period", ("实施期", "项目期")),
    ("funding", ("资金来源",)),
    ("goal", ("年度目标", "总体目标", "年度总体目标", "预期目标")),
)
_BUDGET_COLUMNS = {
    "全年预算数": "planned",
    "全年执行数": "spent",
    "分值": "weight",
    "得分": "points",
}
_TOTAL = re.compile(r"^(总分|合计|总计)")


def _role(text: str) -> str | None:
    word = header_word(text, longest=12)
    if word is None:
        return None
    for role, words in _ROLES:
        if any(w in word for w in words):
            return role
    return None


@dataclass(frozen=True)
class TargetsHeader:
    """A recognised indicator header of a targets form: each role's column."""

    form: str  # "goal" or "self-evaluation"
    columns: dict[str, int]


def find_targets_header(row: SourceRow) -> TargetsHeader | None:
    """The targets header in ``row``, if it is one (三级指标 and a target column)."""
    if row.prose:
        return None
    columns: dict[str, int] = {}
    for index, text in enumerate(row.cells):
        role = _role(text)
        if role is not None and role not in columns:
            columns[role] = index
    if "name" not in columns or "target" not in columns:
        return None
    form = "self-evaluation" if "actual" in columns or "points" in columns else "goal"
    return TargetsHeader(form, columns)


@dataclass
class TargetsAssembly:
    """Projects (as table-file mappings), results, published scores and findings."""

    header: TargetsHeader | None
    projects: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, str]] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    before: list[SourceRow] = field(default_factory=list)


def _number(text: str) -> float | None:
    text = clean(text).replace(",", "").replace("，", "").rstrip("元万")
    try:
        return float(text)
    except ValueError:
        return None


def assemble_targets(rows: Sequence[SourceRow]) -> TargetsAssembly:
    """Read the projects of a goal or self-evaluation form from ``rows``."""
    first = next((i for i, r in enumerate(rows) if find_targets_header(r)), None)
    if first is None:
        return TargetsAssembly(None, before=list(rows))
    header = find_targets_header(rows[first])
    assert header is not None
    wide = "project" in header.columns
    start = first if wide else _block_start(rows, first)
    out = TargetsAssembly(header, before=list(rows[:start]))
    _Reader(out, wide).read(rows[start:])
    return out


def _block_start(rows: Sequence[SourceRow], header: int) -> int:
    """Where the first project block starts: its 项目名称 row, above its indicator header."""
    for index in range(header, -1, -1):
        if any("项目名称" in clean(c) for c in rows[index].cells):
            return index
    return header


class _Reader:
    def __init__(self, out: TargetsAssembly, wide: bool) -> None:
        self.out = out
        self.wide = wide
        self.header: TargetsHeader | None = None
        self.project: dict[str, Any] | None = None
        self.levels = ["", ""]
        self.budget_columns: dict[int, str] | None = None
        self.labels: dict[str, str] = {}
        self.labels_budget: dict[str, float | None] | None = None
        self.goal_column: int | None = None
        self.row = 0

    def read(self, rows: Sequence[SourceRow]) -> None:
        for row in rows:
            self.row += 1
            header = find_targets_header(row)
            if header is not None:
                self.header = header
                if not self.wide:
                    self._open_block()
                continue
            cells = [clean(c) for c in row.cells]
            if row.prose or not any(cells):
                continue
            if _TOTAL.match(next((c for c in cells if c), "")):
                self.header = None if not self.wide else self.header
                continue
            if not self.wide and (self.header is None or self._starts_block(cells)):
                if self.header is not None:
                    self.header = None
                self._label_row(cells)
                continue
            if self.header is not None:
                self._indicator_row(row, cells)

    # -- project blocks ---------------------------------------------------------------------

    def _starts_block(self, cells: list[str]) -> bool:
        return any(c in ("项目名称", "主管部门", "实施单位") for c in cells)

    def _label_row(self, cells: list[str]) -> bool:
        """Read labels (项目名称 | X) and the budget table; whether the row held any."""
        found = False
        if self.goal_column is not None:
            column, self.goal_column = self.goal_column, None
            if column < len(cells) and cells[column]:
                self.labels["goal"] = cells[column]
                return True
        if "预期目标" in cells:
            self.goal_column = cells.index("预期目标")
            return True
        if self.budget_columns is not None:
            figures = {
                k: _number(cells[i]) for i, k in self.budget_columns.items() if i < len(cells)
            }
            if any(v is not None for v in figures.values()):
                self.labels_budget = figures
                self.budget_columns = None
                return True
        if sum(clean(c) in _BUDGET_COLUMNS for c in cells) >= 2:
            self.budget_columns = {
                i: _BUDGET_COLUMNS[c] for i, c in enumerate(cells) if c in _BUDGET_COLUMNS
            }
            return True
        for index, text in enumerate(cells):
            for key, words in _LABELS:
                if text in words:
                    value = next(
                        (
                            c
                            for c in cells[index + 1 :]
                            if c and c not in {w for _, ws in _LABELS for w in ws}
                        ),
                        "",
                    )
                    if key == "name" and value and self.project is not None:
                        self.project = None  # the next project's block
                    if value:
                        self.labels[key] = value
                    found = True
        return found

    def _open_block(self) -> None:
        name = self.labels.get("name") or "项目"
        project: dict[str, Any] = {"id": str(len(self.out.projects) + 1), "name": name}
        for key in ("department", "implementer", "period", "funding", "goal"):
            if self.labels.get(key):
                project[key] = self.labels[key]
        budget = self.labels_budget
        if budget and budget.get("planned") is not None:
            project["budget"] = {"planned": budget["planned"]}
            spent = budget.get("spent")
            if spent is not None:
                project["budget"]["spent"] = spent
                result = {"id": f"{project['id']}.budget", "value": _figure(spent)}
                self.out.results.append({**result, "points": _figure(budget.get("points"))})
            if budget.get("weight"):
                project["budget"]["weight"] = budget["weight"]
        project["indicators"] = []
        self.out.projects.append(project)
        self.project = project
        self.labels = {}
        self.labels_budget = None
        self.levels = ["", ""]

    # -- indicator rows ---------------------------------------------------------------------

    def _cell(self, cells: list[str], role: str) -> str:
        assert self.header is not None
        column = self.header.columns.get(role)
        return cells[column] if column is not None and column < len(cells) else ""

    def _indicator_row(self, row: SourceRow, cells: list[str]) -> None:
        if self.wide:
            self._wide_project(cells)
        for level, role in enumerate(("level1", "level2")):
            text = self._cell(cells, role)
            if text:
                self.levels[level] = text
                if level == 0:
                    self.levels[1] = ""
        name = self._cell(cells, "name")
        target = self._cell(cells, "target")
        if not name:
            return
        if self.project is None:
            self._note(row, name, "an indicator before any project: left out", "unplaced")
            return
        project = self.project
        number = len(project["indicators"]) + 1
        indicator: dict[str, Any] = {
            "id": f"{project['id']}.{number}",
            "levels": [x for x in self.levels if x],
            "name": name,
            "target": target,
        }
        for role in ("op", "unit", "direction"):
            if self._cell(cells, role):
                indicator[role] = self._cell(cells, role)
        weight = _number(self._cell(cells, "weight"))
        if weight is not None:
            indicator["weight"] = weight
        indicator["_place"] = Place(None, self.row, None, row.line)
        project["indicators"].append(indicator)
        actual, points = self._cell(cells, "actual"), self._cell(cells, "points")
        if actual or points:
            self.out.results.append({"id": indicator["id"], "value": actual, "points": points})

    def _wide_project(self, cells: list[str]) -> None:
        name = self._cell(cells, "project")
        if not name and self.project is not None:
            return
        project: dict[str, Any] = {
            "id": str(len(self.out.projects) + 1),
            "name": name or self._cell(cells, "unit_name") or "项目",
            "indicators": [],
        }
        if self._cell(cells, "unit_name"):
            project["department"] = self._cell(cells, "unit_name")
        planned = _number(self._cell(cells, "budget"))
        if planned is not None:
            project["budget"] = {"planned": planned}
        if self._cell(cells, "goal"):
            project["goal"] = self._cell(cells, "goal")
        self.out.projects.append(project)
        self.project = project
        self.levels = ["", ""]

    def _note(self, row: SourceRow, text: str, action: str, kind: str) -> None:
        self.out.findings.append(
            ImportFinding(Place(None, self.row, None, row.line), text, action, kind=kind)
        )


def _figure(value: float | None) -> str:
    return "" if value is None else repr(value).removesuffix(".0")


# -- the table file -------------------------------------------------------------------------

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_MONEY_IN_HEADER = re.compile(r"[（(](万元|元)[)）]")


def targets_mapping(
    assembly: TargetsAssembly,
    meta: dict[str, Any],
    findings: list[ImportFinding],
    validate: Any,
) -> dict[str, Any]:
    """The table file's mapping (``kind: targets``) of what ``assembly`` read.

    Each indicator is validated alone with ``validate`` (a mapping to a table): one whose target
    does not read is left out with a finding; a bare number with no direction is read 正向
    ("at least", as the forms' notes say) with a finding; a target with thousands separators
    (``1,200``) is read without them, a reading saying so.
    """
    data = dict(meta)
    data.pop("duties", None)
    data["kind"] = "targets"
    if data.get("money_unit") is None:
        data.pop("money_unit", None)
        for row in assembly.before:
            for cell in row.cells:
                if (match := _MONEY_IN_HEADER.search(cell)) is not None:
                    data["money_unit"] = match.group(1)
    if data["department"]["name"] == "(department)":
        named = next((p.get("department") for p in assembly.projects if p.get("department")), None)
        if named:
            data["department"]["name"] = named
    projects = []
    total = float(data.get("total", 100))
    for project in assembly.projects:
        _unfuse_weights(project["indicators"], total, findings)
        indicators = []
        for indicator in project["indicators"]:
            built = _indicator(indicator, findings, validate)
            if built is not None:
                indicators.append(built)
        if indicators:
            projects.append({**project, "indicators": indicators})
        else:
            findings.append(
                ImportFinding(
                    Place(),
                    project["name"],
                    "a project with no indicator that reads: left out",
                    kind="skipped",
                )
            )
    data["projects"] = projects
    return data


def _unfuse_weights(
    indicators: list[dict[str, Any]], total: float, findings: list[ImportFinding]
) -> None:
    """A target and its 权重 run together in one cell (``210010``: 2100 and 10).

    When one indicator of a project has no weight and a target of digits only, and the other
    indicators' weights leave ``total`` short by a number the target ends with, the target is
    read as what comes before it and the weight as that number (a reading and a finding).
    """
    missing = [i for i in indicators if "weight" not in i]
    if len(missing) != 1:
        return
    (indicator,) = missing
    target = clean(indicator.get("target", ""))
    rest = total - sum(float(i["weight"]) for i in indicators if "weight" in i)
    if not target.isdigit() or rest <= 0 or not rest.is_integer():
        return
    weight = str(int(rest))
    if not target.endswith(weight) or len(target) <= len(weight):
        return
    read = target[: -len(weight)]
    indicator["weight"] = rest
    indicator["readings"] = [
        {
            "field": "target",
            "read_as": read,
            "why": f"The published 指标值 {target!r} runs the target and the 权重 together: the "
            f"other weights leave {weight} of {total:g}, so the target is {read}.",
        }
    ]
    place: Place = indicator["_place"]
    findings.append(
        ImportFinding(
            place,
            target,
            f"target and 权重 run together: read as {read} and "
            f"{weight} (the other weights leave {weight} of {total:g})",
            kind="fused-cells",
            indicator=indicator["id"],
        )
    )


def _indicator(
    indicator: dict[str, Any], findings: list[ImportFinding], validate: Any
) -> dict[str, Any] | None:
    place: Place = indicator.pop("_place")
    subject = indicator["id"]

    def note(text: str, action: str, kind: str) -> None:
        findings.append(ImportFinding(place, text, action, kind=kind, indicator=subject))

    loaded: list[Any] = []

    def check(candidate: dict[str, Any]) -> str | None:
        one = {
            "kind": "targets",
            "name": "x",
            "department": {"name": "x"},
            "year": 2000,
            "projects": [{"id": subject.split(".")[0], "name": "x", "indicators": [candidate]}],
        }
        try:
            loaded[:] = [validate(one)]
        except PerfscoreError as error:
            return error.reason
        return None

    if not indicator.get("target"):
        note(indicator["name"], "no target (指标值): left out; enter it by hand", "skipped")
        return None
    if "weight" not in indicator:
        note(indicator["name"], "no 分值 or 权重: left out; enter it by hand", "skipped")
        return None
    target = indicator["target"]
    if _THOUSANDS.search(target) and "readings" not in indicator:
        plain = _THOUSANDS.sub("", target)
        indicator["readings"] = [
            {
                "field": "target",
                "read_as": plain,
                "why": "The thousands separators are read as such.",
            }
        ]
        note(target, f"thousands separators: read as {plain!r}", "fused-cells")
    problem = check(indicator)
    if problem is None and loaded:  # the model's reading of a bare target, one rule for all
        inferred = loaded[0].indicators()[0].inferred_direction
        if inferred is not None:
            note(target, inferred, "direction")
    if problem is not None:
        note(f"{indicator['name']}: {target}", f"left out: {problem}; enter it by hand", "skipped")
        return None
    return indicator
