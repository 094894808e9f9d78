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

from perfscore.notation._labels import same_label, simplified

from ._findings import ImportFinding, Place
from ._form_words import BLOCK_LABELS, BUDGET_TOTALS, LEVEL1, LEVEL2, column_kinds, form_labels
from ._ladder_forms import header_word
from ._repairs import clean
from ._sources import SourceRow
from ._target_cells import MONEY_IN_HEADER, cost_level, is_cost, is_total, money, place

__all__ = ["TargetsAssembly", "TargetsHeader", "assemble_targets", "find_targets_header"]

# The kinds of column (``column_kinds``) this reader reads: another column is none of a row.
_ROLES = frozenset((
    "level1", "level2", "name", "op", "actual", "target", "unit", "weight", "points", "scaled",
    "direction", "reason", "unit_name", "project", "budget", "goal",
))  # fmt: skip

# Labels of a project block, by the form's words (``form_labels``): the value is the next
# written cell to the right.
_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", form_labels("项目名称")),
    ("unit_name", form_labels("单位名称", "部门名称")),
    ("department", form_labels("主管部门")),
    ("implementer", form_labels("实施单位")),
    ("period", form_labels("实施期")),
    ("funding", form_labels("资金来源")),
    ("goal", form_labels("年度目标", "总体目标")),
)
_BUDGET_COLUMNS = {
    "全年预算数": "planned",
    "全年执行数": "spent",
    "分值": "weight",
    "得分": "points",
}


def _roles(cells: Sequence[str]) -> list[str | None]:
    """What each cell of a header row names a column of, by the forms' one vocabulary (a
    折算得分 is a column of its own, ``"scaled"``, never 得分); ``None`` for a cell this reader
    reads no column of."""
    kinds = column_kinds([header_word(text, longest=12) or "" for text in cells])
    return [kind if kind in _ROLES else None for kind in kinds]


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
    roles = _roles(row.cells)
    halves = roles.count("name") > 1
    for index, (text, role) in enumerate(zip(row.cells, roles, strict=True)):
        if role is None:
            continue
        # The 2019 form prints 中期 and 年度 targets side by side: the year's are read, the
        # half marked 年度, else the second half (中期 is printed first).
        earlier = columns.get(role)
        if (
            earlier is None
            or ("年度" in text and "年度" not in row.cells[earlier])
            or (halves and "年度" not in row.cells[earlier])
        ):
            columns[role] = index
    if "name" not in columns or "target" not in columns:
        return None
    form = "self-evaluation" if "actual" in columns or "points" in columns else "goal"
    return TargetsHeader(form, columns)


@dataclass
class TargetsAssembly:
    """Projects (as table-file mappings), results, published scores and findings; and
    ``metadata``, what the form's own cells say of the table (单位名称, 主管部门, 实施单位, a
    money unit), for the metadata to fall back on."""

    header: TargetsHeader | None
    projects: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, str]] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    before: list[SourceRow] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def assemble_targets(rows: Sequence[SourceRow]) -> TargetsAssembly:
    """Read the projects of a goal or self-evaluation form from ``rows``."""
    first = next((i for i, r in enumerate(rows) if find_targets_header(r)), None)
    if first is None:
        return TargetsAssembly(None, before=list(rows))
    header = find_targets_header(rows[first])
    assert header is not None
    wide = bool({"project", "unit_name", "budget"} & set(header.columns))
    start = first if wide else _block_start(rows, first)
    out = TargetsAssembly(header, before=list(rows[:start]))
    _Reader(out, wide).read(rows[start:])
    return out


def _block_start(rows: Sequence[SourceRow], header: int) -> int:
    """Where the first project block starts: its 项目名称 (or 单位名称, for a 部门整体 form) row,
    above its indicator header."""
    for label in ("项目名称", "项目支出名称", "单位名称", "部门名称", "部门(单位)名称", "主管部门"):
        for index in range(header, -1, -1):
            if any(simplified(c).startswith(label) for c in rows[index].cells):
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
        self.labels_budget: dict[str, str] | None = None
        self.goal_column: int | None = None
        self.row = 0
        self.last = 0  # the copy's last row with a written cell

    def read(self, rows: Sequence[SourceRow]) -> None:
        self.last = max(
            (k for k, r in enumerate(rows, 1) if any(map(str.strip, r.cells))), default=0
        )
        for row in rows:
            self.row += 1
            header = find_targets_header(row)
            if header is not None and self._header_again(row, header):
                continue
            if header is not None:
                self.header = header
                if not self.wide:
                    self._open_block()
                continue
            cells = [clean(c) for c in row.cells]
            labels = not self.wide and self.header is None
            if (row.prose and not labels) or not any(cells):
                continue
            if is_total(cells):
                self._total(row, cells)
                continue
            if not self.wide and (self.header is None or self._starts_block(cells)):
                if self.header is not None:
                    self.header = None
                if not self._label_row(cells) and (self.project or self.out.projects):
                    # after a block's labels too (the next project's 项目名称 closed the last
                    # one): a row of a header the copy lost is left out, never in silence
                    self._between(row, cells)
                continue
            if self.header is not None:
                self._indicator_row(row, cells)

    def _header_again(self, row: SourceRow, header: TargetsHeader) -> bool:
        """Whether a header among a project's rows, with no label read since, is the one a
        new page prints again: the rows under it go on in the same project (a finding says
        so)."""
        if self.wide or self.header is None or self.project is None or self.labels:
            return False
        if self.labels_budget is not None:
            return False
        self.header = header
        action = f"the header printed again (a new page): the rows go on in {self.project['name']}"
        self._note(row, " | ".join(c for c in row.cells if c), action, "source")
        return True

    def _between(self, row: SourceRow, cells: list[str]) -> None:
        """A row between projects that is no label: a row of cells (to act on) or a line of
        notes, a signature (for the record)."""
        written = [c for c in cells if c]
        if len(written) >= 3:
            action = "a row between projects that is no label and no indicator: left out"
            self._note(row, " | ".join(written), action, "unplaced")
        else:
            self._note(row, " ".join(written), "a line after the table: left out", "source")

    def _total(self, row: SourceRow, cells: list[str]) -> None:
        """A 合计 / 总分 row: the form's total, said for the record; it ends a block."""
        self._note(
            row, " | ".join(c for c in cells if c), "the total row (合计 / 总分): not an indicator",
            "total",
        )  # fmt: skip
        if not self.wide:
            self.header = None

    # -- project blocks ---------------------------------------------------------------------

    def _starts_block(self, cells: list[str]) -> bool:
        return any(simplified(c).startswith(BLOCK_LABELS) for c in cells)

    def _label_row(self, cells: list[str]) -> bool:
        """Read labels (项目名称 | X) and the budget table; whether the row held any."""
        if self.goal_column is not None:
            column, self.goal_column = self.goal_column, None
            if column < len(cells) and cells[column]:
                self.labels["goal"] = cells[column]
                return True
        if "预期目标" in cells:
            self.goal_column = cells.index("预期目标")
            return True
        if self.budget_columns is not None:
            figures = {k: cells[i] for i, k in self.budget_columns.items() if i < len(cells)}
            numbers = [c for c in cells if money(c, None) is not None]
            if len(self.budget_columns) == 1 and len(numbers) == 1:
                # one figure under one label, the copy having lost the cells before it
                figures = {next(iter(self.budget_columns.values())): numbers[0]}
            if any(money(v, None) is not None for v in figures.values()):
                self.labels_budget = figures
                self.budget_columns = None
                return True
        written = [c for c in cells if c]
        budget_words = sum(clean(c) in _BUDGET_COLUMNS for c in cells)
        if budget_words >= 2 or (
            budget_words == 1 and len(written) <= 2 and written[-1] in _BUDGET_COLUMNS
        ):
            self.budget_columns = {
                i: _BUDGET_COLUMNS[c] for i, c in enumerate(cells) if c in _BUDGET_COLUMNS
            }
            return True
        return self._labels(cells)

    def _labels(self, cells: list[str]) -> bool:
        found = False
        words = {w for _, ws in _LABELS for w in ws} | set(BUDGET_TOTALS)
        for cell in cells:
            if (match := MONEY_IN_HEADER.search(cell)) is not None:
                self.out.metadata.setdefault("money_unit", match.group(1))
        for index, text in enumerate(simplified(c) for c in cells):
            value = next((c for c in cells[index + 1 :] if c and c not in words), "")
            if text in BUDGET_TOTALS:
                if money(value, None) is not None and self.labels_budget is None:
                    self.labels_budget = {"planned": value}
                found = True
                continue
            for key, labels in _LABELS:
                if text in labels or any(text.startswith(f"{w}：") for w in labels):
                    if "：" in text and text.split("：", 1)[1]:
                        value = text.split("：", 1)[1]
                    if key == "name" and value and self.project is not None:
                        self.project = None  # the next project's block
                    if value:
                        self.labels[key] = value
                        self.out.metadata.setdefault(key, value)
                    found = True
        return found

    def _open_block(self) -> None:
        name = self.labels.get("name") or self.labels.get("unit_name") or "项目"
        project: dict[str, Any] = {"id": str(len(self.out.projects) + 1), "name": name}
        if "name" not in self.labels and "unit_name" in self.labels:
            project["_whole"] = True
        for key in ("department", "implementer", "period", "funding", "goal"):
            if self.labels.get(key):
                project[key] = self.labels[key]
        budget = self.labels_budget
        if budget and budget.get("planned"):
            project["_budget"] = budget
        project["indicators"] = []
        self.out.projects.append(project)
        self.project = project
        self.labels = {}
        self.labels_budget = None
        self.levels = ["", ""]

    # -- indicator rows ---------------------------------------------------------------------

    def _indicator_row(self, row: SourceRow, cells: list[str]) -> None:
        assert self.header is not None
        placed = place(cells, self.header.columns)
        got = placed.cells
        if placed.moved:
            shown = ", ".join(f"{role} {text!r}" for role, text in got.items() if text)
            self._note(row, " | ".join(cells), f"a row shorter than its header (merged cells "
                       f"left out): placed by what each cell is: {shown}", "placement")  # fmt: skip
        if self.wide and not self._wide_project(row, got):
            return
        if is_cost(got.get("level1", "")):
            got = self._cost(row, cells, got)
        for level, role in enumerate(("level1", "level2")):
            if got.get(role):
                self.levels[level] = got[role]
                if level == 0:
                    self.levels[1] = ""
        name = got.get("name", "")
        if simplified(name) in LEVEL1 | LEVEL2 and is_cost(self.levels[1]):
            action = (
                f"the 三级指标 is the level name {name!r} (a template's, with no 三级 after it): "
                "read as the indicator's name, under the 二级 成本指标"
            )
            self._note(row, " | ".join(c for c in cells if c), action, "placement")
        if not name:
            rest = [got[r] for r in ("target", "weight", "actual", "points") if got.get(r)]
            if rest:
                action = "a row with a target but no 三级指标 (name): left out; enter it by hand"
                self._note(row, " | ".join(c for c in cells if c), action, "unplaced")
            return
        if self.project is None:
            self._note(row, name, "an indicator before any project: left out", "unplaced")
            return
        self._add_indicator(row, got, name)

    def _cost(self, row: SourceRow, cells: list[str], got: dict[str, str]) -> dict[str, str]:
        """A row whose 一级 cell is 成本指标, its level by the one rule (``cost_level``): read as
        the 二级 where the rule says so, a finding."""
        assert self.header is not None
        columns = self.header.columns
        later = sorted((i, r) for r, i in columns.items() if i > columns.get("level2", -1))
        then = next((got[r] for _, r in later if got.get(r)), "")
        after = got.get("level2", "")
        if cost_level(after, then, self.levels[0]) == 1:
            return got
        if not after:
            action = (
                "成本指标 with no 二级 beside it, after 产出指标: read as its 二级 (the 2019 and "
                "2020 forms)"
            )
            self._note(row, " | ".join(c for c in cells if c), action, "placement")
            return {**got, "level1": "", "level2": got["level1"]}
        if not got.get("name"):
            return {**got, "level1": "", "level2": got["level1"], "name": after}
        # read by position one column left: the 一级 cell left out
        end = max((k for k, c in enumerate(cells) if c), default=0) + 1
        return place(["", *cells[:end]], columns).cells

    def _add_indicator(self, row: SourceRow, got: dict[str, str], name: str) -> None:
        assert self.project is not None
        project = self.project
        number = len(project["indicators"]) + 1
        indicator: dict[str, Any] = {
            "id": f"{project['id']}.{number}",
            "levels": [x for x in self.levels if x],
            "name": name,
            "target": got.get("target", ""),
        }
        if got.get("unit"):
            indicator["unit"] = got["unit"]
        for role in ("op", "direction"):
            if got.get(role):
                indicator[f"_{role}"] = got[role]
        weight = money(got.get("weight", ""), None)
        if weight is not None:
            indicator["weight"] = weight
        elif got.get("weight"):
            indicator["_weight"] = got["weight"]
        indicator["_place"] = Place(None, self.row, None, row.line)
        if self.row == self.last and (cut := self._cut(got)):
            indicator["_cut"] = True
            action = (
                f"the copy ends inside this row, before its {' · '.join(cut)}: imported with "
                "what it has (its name and target); enter the rest by hand"
            )
            self.out.findings.append(
                ImportFinding(indicator["_place"], name, action, "cut", indicator["id"])
            )
        project["indicators"].append(indicator)
        actual, points = got.get("actual", ""), got.get("points", "")
        if actual or points:
            self.out.results.append({"id": indicator["id"], "value": actual, "points": points})

    def _cut(self, got: dict[str, str]) -> list[str]:
        """The columns a complete row fills (分值, 实际完成值, 得分) that the copy's last row
        stops before, where it stops before its 分值 (on a form printing none, its 实际完成值,
        else its 得分): the end of the copy cut it. None where it does not."""
        assert self.header is not None
        columns = self.header.columns
        written = max((columns[r] for r, text in got.items() if text and r in columns), default=0)
        missing = [r for r in _FILLED if columns.get(r, -1) > written]
        first = next((r for r in _FILLED if r in columns), None)
        if not got.get("target") or first not in missing:
            return []
        return [_FILLED[r] for r in sorted(missing, key=columns.__getitem__)]

    def _wide_project(self, row: SourceRow, got: dict[str, str]) -> bool:
        """The project a wide row belongs to (a new one where its name changes); False for a
        department's total row (``820-马踏镇部门``), which is no project."""
        name = got.get("project", "")
        unit_name = got.get("unit_name", "")
        if unit_name and not _DEPARTMENT_ROW.match(unit_name):
            self.out.metadata.setdefault("unit_name", unit_name)  # not a department's total
        bare = not any(got.get(r) for r in ("name", "level1", "level2", "target"))
        if bare and (
            _DEPARTMENT_ROW.match(name or unit_name)
            or (not name and "project" in self.header_columns and (unit_name or got.get("budget")))
        ):
            shown = " | ".join(t for t in got.values() if t)
            self._note(row, shown, "a department's total row (no indicator): not a project",
                       "total")  # fmt: skip
            return False
        if not name and "project" not in self.header_columns and unit_name:
            name = unit_name  # a 部门整体 table: the department as its one project
        if not name and self.project is not None:
            return True
        if self.project is not None and same_label(self.project["name"], name):
            self._same_project(row, got)
            return True
        project: dict[str, Any] = {
            "id": str(len(self.out.projects) + 1),
            "name": name or "项目",
            "indicators": [],
        }
        if unit_name:
            project["department"] = unit_name
        if got.get("budget"):
            project["_budget"] = {"planned": got["budget"]}
        if got.get("goal"):
            project["goal"] = got["goal"]
        self.out.projects.append(project)
        self.project = project
        self.levels = ["", ""]
        return True

    @property
    def header_columns(self) -> dict[str, int]:
        return self.header.columns if self.header is not None else {}

    def _same_project(self, row: SourceRow, got: dict[str, str]) -> None:
        """A row repeating its project's name (the form repeats it instead of merging it):
        the same project, its budget once."""
        assert self.project is not None
        project = self.project
        budget = project.get("_budget", {}).get("planned")
        if got.get("budget") and budget and money(got["budget"], None) != money(budget, None):
            self._note(row, got["budget"], f"the project's budget again, but not {budget}: "
                       f"the first one kept", "unplaced")  # fmt: skip
        if not project.get("_repeated"):
            project["_repeated"] = True
            self._note(row, project["name"], "the project's name repeated on its rows: read as "
                       "one project, its budget once", "project")  # fmt: skip

    def _note(self, row: SourceRow, text: str, action: str, kind: str) -> None:
        self.out.findings.append(
            ImportFinding(Place(None, self.row, None, row.line), text, action, kind=kind)
        )


# The columns a complete row fills, by what the form names them.
_FILLED = {"weight": "分值", "actual": "实际完成值", "points": "得分"}

# A department's total row in a wide table: its code and name (820-马踏镇部门).
_DEPARTMENT_ROW = re.compile(r"^\d{3,}\s*[-－—_ ]\s*(?=\S*(?:部门|单位|本级|合计))")
