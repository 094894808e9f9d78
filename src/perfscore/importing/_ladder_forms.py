"""Table layouts: finding the header, and assembling rows into duties, activities, indicators.

Two ladder layouts are read (the targets forms are not yet):

- ``ladders``: 职责活动 · 年度预算数 · 内容描述 · 绩效目标 · 绩效指标 · 评价标准 (优 良 中 差), the
  department table of the 2018 disclosure. A duty row starts ``一、``, an activity row ``1、``;
  the rows under an activity with a blank first column are its further indicators.
- ``project``: 绩效指标分类 · 绩效指标 · 评价标准 (优 良 中 差), a project's table: each category
  (产出 / 效果 …) becomes an activity of one duty, the project.

The header may repeat at every page. The first row after a repeated header may continue the
last row of the page before: a first column with text but no ordinal continues the duty's or
activity's name; a blank name with written cells continues the last indicator's cells; a
name with all its cells blank continues its name; and a row whose indicator above ends where a
cell cannot end (after ``≥``, ``和``, ``-``) continues it. Each join is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ._findings import ImportFinding, Place
from ._repairs import clean, dangling, dangling_name, join, join_broken, simplify
from ._sources import SourceRow

__all__ = [
    "LAYOUTS",
    "ActivityDraft",
    "Assembly",
    "DutyDraft",
    "Header",
    "IndicatorDraft",
    "NodeDraft",
    "assemble",
    "find_header",
    "header_word",
]

#: The layouts ``layout=`` accepts (``auto`` decides from the header).
LAYOUTS: tuple[str, ...] = ("auto", "ladders", "project", "targets")

GRADE_NAMES: tuple[str, ...] = ("优", "良", "中", "差")

# Grade headers written out in full.
_GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "一般": "中", "较差": "差"}

_COLUMN_NAMES = {
    "duty": "部门职责",
    "activity": "职责活动",
    "budget": "年度预算数",
    "description": "内容描述",
    "goal": "绩效目标",
    "category": "绩效指标分类",
    "name": "绩效指标",
}


@dataclass(frozen=True)
class Header:
    """A recognised header: the layout, each role's column, the four grade columns, and how
    many source rows it takes."""

    layout: str
    columns: dict[str, int]
    grades: tuple[int, int, int, int]
    rows: int
    width: int


def header_word(text: str, longest: int = 8) -> str | None:
    """``text`` as a header cell's words (simplified, without a parenthesised note such as
    （万元）), or ``None`` when it cannot be one: empty, holding a digit, or longer than a
    column name is."""
    text, _ = simplify(clean(text))
    text = _NOTE.sub("", text)
    if not text or len(text) > longest or _DIGITS.search(text):
        return None
    return text


_NOTE = re.compile(r"[（(][^）)]*[)）]")
_DIGITS = re.compile(r"[0-9０-９]")


def _role(text: str) -> str | None:
    word = header_word(text)
    if word is None:
        return None
    text = word
    if text in GRADE_NAMES:
        return text
    if text in _GRADE_WORDS:
        return _GRADE_WORDS[text]
    if "分类" in text or text in ("一级指标", "指标类别", "指标类型"):
        return "category"
    if "活动" in text:
        return "activity"
    if "职责" in text:
        return "duty"  # a column of its own beside 工作活动
    if "预算" in text:
        return "budget"
    if "描述" in text or text == "内容":
        return "description"
    if "目标" in text:
        return "goal"
    if "指标" in text:
        return "name"
    if "标准" in text:
        return "standard"
    return None


def find_header(rows: Sequence[SourceRow], at: int) -> Header | None:
    """The header starting at ``rows[at]``, if one does."""
    row = rows[at]
    if row.prose:
        return None
    roles: dict[str, int] = {}
    for index, text in enumerate(row.cells):
        role = _role(text)
        if role is not None and role not in roles:
            roles[role] = index
    if "name" not in roles or ("standard" not in roles and not set(GRADE_NAMES) <= roles.keys()):
        return None
    if "activity" in roles:
        layout = "ladders"
    elif "category" in roles:
        layout = "project"
    else:
        return None
    width = len(row.cells)
    taken = 1
    grades = [roles.get(g) for g in GRADE_NAMES]
    if None in grades and at + 1 < len(rows) and not rows[at + 1].prose:
        below = {_role(t): i for i, t in enumerate(rows[at + 1].cells) if _role(t) is not None}
        if all(g in below for g in GRADE_NAMES):
            grades = [below[g] for g in GRADE_NAMES]
            taken = 2
            width = max(width, len(rows[at + 1].cells))
    if None in grades:
        if any("三级" in (header_word(t) or "") for t in row.cells):
            return None  # a goal form's 绩效标准 (计划标准 on each row) beside its 三级指标
        start = roles["standard"]
        grades = [start, start + 1, start + 2, start + 3]
    columns = {r: i for r, i in roles.items() if r in _COLUMN_NAMES}
    found = tuple(g for g in grades if g is not None)
    if len(found) != 4:  # pragma: no cover - every branch above fills all four
        return None
    return Header(layout, columns, (found[0], found[1], found[2], found[3]), taken, width)


@dataclass
class IndicatorDraft:
    """An indicator as read: its name, its four cells, and where it started."""

    id: str
    name: str
    cells: list[str]
    place: Place
    published_name: str | None = None
    repeated: str | None = None


@dataclass
class NodeDraft:
    """A duty or an activity as read: its id, ordinal, name and place, and the cells beside it."""

    id: str
    ordinal: str | None
    name: str
    place: Place
    budget: str = ""
    description: str = ""
    goal: str = ""


@dataclass
class ActivityDraft(NodeDraft):
    """An activity (工作活动) as read."""

    indicators: list[IndicatorDraft] = field(default_factory=list)


@dataclass
class DutyDraft(NodeDraft):
    """A duty (职责活动) as read."""

    activities: list[ActivityDraft] = field(default_factory=list)


@dataclass
class Assembly:
    """What the rows of a table made: duties, findings, and the rows before and after it."""

    header: Header | None
    duties: list[DutyDraft] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    before: list[SourceRow] = field(default_factory=list)
    pages: int = 0


# 一、 (一) （一） 一. ; 1、 (1) （1） 1. 1．, in ASCII or full-width digits.
_DUTY = re.compile(
    r"^(?:[（(]\s*([一二三四五六七八九十百]+)\s*[)）]|([一二三四五六七八九十百]+)\s*[、.．])\s*(.*)$",
    re.S,
)
_ACTIVITY = re.compile(
    r"^(?:[（(]\s*([0-9０-９]{1,3})\s*[)）]|([0-9０-９]{1,3})\s*[、.．](?![0-9０-９]))\s*(.*)$",
    re.S,
)
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _ordinal(match: re.Match[str]) -> tuple[str, str]:
    """The ordinal (一, 3) and the name of a duty or activity row."""
    ordinal = (match.group(1) or match.group(2)).translate(_WIDE_DIGITS)
    return ordinal, clean(match.group(3))


_SECTION = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def assemble(rows: Sequence[SourceRow], layout: str = "auto") -> Assembly:
    """Find the table in ``rows`` and read its duties, activities and indicators."""
    start = None
    header = None
    for index in range(len(rows)):
        header = find_header(rows, index)
        if header is not None and layout in ("auto", header.layout):
            start = index
            break
    if start is None or header is None:
        return Assembly(None, before=list(rows))
    assembly = Assembly(header, before=list(rows[:start]))
    _Reader(assembly, header).read(rows[start:])
    return assembly


class _Reader:
    def __init__(self, assembly: Assembly, header: Header) -> None:
        self.out = assembly
        self.header = header
        self.page = 0
        self.row = 0
        self.after_break = False
        self.owner: DutyDraft | ActivityDraft | None = None
        self.indicator: IndicatorDraft | None = None
        self.last_head = ""
        self.source_page: int | None = None
        self.pending_break = False

    # -- the rows ---------------------------------------------------------------------------

    def read(self, rows: Sequence[SourceRow]) -> None:
        index = 0
        while index < len(rows):
            row = rows[index]
            header = find_header(rows, index)
            if header is not None and header.layout == self.header.layout:
                self.page += 1
                self.row = 0
                self.after_break = self.page > 1
                self.source_page = row.page
                self.pending_break = False
                index += header.rows
                continue
            index += 1
            if row.prose:
                if _SECTION.match(clean(row.cells[0])):
                    break  # the next section of the disclosure: the table has ended
                # A running head (323 人社局, 单位：万元, a page number): a page break, even
                # where the header is not repeated after it.
                self.pending_break = True
                continue
            width = self.header.width
            if len(row.cells) > width + 1 or len(row.cells) * 2 < width:
                break  # another table
            if (
                row.page is not None
                and self.source_page is not None
                and row.page != self.source_page
            ):
                # a page that did not repeat the header
                self.page += 1
                self.row = 0
                self.after_break = True
                self.source_page = row.page
            if self.pending_break and self.page > 0:
                self.page += 1
                self.row = 0
                self.after_break = True
            self.pending_break = False
            self.row += 1
            self._row(row)
            self.after_break = False
        self.out.pages = self.page

    def _cell(self, row: SourceRow, role: str) -> str:
        column = self.header.columns.get(role)
        if column is None or column >= len(row.cells):
            return ""
        return row.cells[column]

    def _place(self, row: SourceRow, column: str | None) -> Place:
        return Place(self.page, self.row, column, row.line)

    def _note(
        self,
        row: SourceRow,
        column: str | None,
        text: str,
        action: str,
        kind: str,
        subject: str | None,
    ) -> None:
        self.out.findings.append(
            ImportFinding(self._place(row, column), text, action, kind=kind, indicator=subject)
        )

    def _row(self, row: SourceRow) -> None:
        head = clean(self._cell(row, "activity"))
        category = clean(self._cell(row, "category"))
        new_activity = False
        if "duty" in self.header.columns:
            self._duty_column(row)
        if self.header.layout == "project":
            if category:
                self._new_activity(row, None, category)
                new_activity = True
        elif (match := _DUTY.match(head)) is not None:
            ordinal, name = _ordinal(match)
            if not self._repeats(DutyDraft, ordinal, name):
                self._new_duty(row, ordinal, name)
        elif (match := _ACTIVITY.match(head)) is not None:
            ordinal, name = _ordinal(match)
            if not self._repeats(ActivityDraft, ordinal, name):
                self._new_activity(row, ordinal, name)
                new_activity = True
        elif head and self.owner is not None and (self.after_break or self._wrapped(row)):
            self._continue(row, "activity", self.owner, "name", head)
        elif head:
            self._new_activity(row, None, head)
            new_activity = True
            self._note(
                row,
                "职责活动",
                head,
                "a name without an ordinal (一、 or 1、): read as "
                f"a new activity {self.owner.id if self.owner else ''}",
                "continuation",
                self.owner.id if self.owner else None,
            )
        self.last_head = head
        fresh = self.owner is not None and self.owner.place.line == row.line
        for role in ("budget", "description", "goal"):
            text = clean(self._cell(row, role))
            if not text or (not fresh and self.owner and text == getattr(self.owner, role)):
                continue  # blank, or the owner's text repeated on each of its rows
            if fresh and self.owner is not None:
                setattr(self.owner, role, text)
            elif self.owner is not None:
                self._continue(row, role, self.owner, role, text)
            else:
                self._unplaced(row)
                return
        self._indicator_part(row, new_activity)

    def _wrapped(self, row: SourceRow) -> bool:
        """Whether a row with a name but no ordinal continues the row above it: the row above
        wrote a name too, and this one writes no indicator."""
        indicator = [
            self._cell(row, "name"),
            *(row.cells[i] for i in self.header.grades if i < len(row.cells)),
        ]
        return bool(self.last_head) and not any(clean(t) for t in indicator)

    def _duty_column(self, row: SourceRow) -> None:
        """A duty in a column of its own (部门职责 · 工作活动 …): a new duty when it changes."""
        text = clean(self._cell(row, "duty"))
        if not text:
            return
        match = _DUTY.match(text)
        ordinal, name = _ordinal(match) if match else (None, text)
        current = self.out.duties[-1] if self.out.duties else None
        if current is not None and current.name == name and current.ordinal == ordinal:
            return
        self._new_duty(row, ordinal, name)

    def _repeats(self, kind: type, ordinal: str, name: str) -> bool:
        """Whether a duty or activity row repeats the current one (a sheet that writes the
        activity on each of its indicators' rows instead of merging the cells)."""
        owner = self.owner
        if not isinstance(owner, kind) or owner is None:
            return False
        return bool(owner.ordinal == ordinal and owner.name == clean(name))

    def _new_duty(self, row: SourceRow, ordinal: str | None, name: str) -> None:
        duty = DutyDraft(str(len(self.out.duties) + 1), ordinal, name, self._place(row, None))
        self.out.duties.append(duty)
        self.owner = duty
        self.indicator = None

    def _new_activity(self, row: SourceRow, ordinal: str | None, name: str) -> None:
        if not self.out.duties:
            project = self.header.layout == "project"
            self.out.duties.append(
                DutyDraft("1", None, "项目" if project else name, self._place(row, None))
            )
            if not project:
                self._note(
                    row,
                    "职责活动",
                    name,
                    "an activity before any duty: a duty of the same name is made for it",
                    "unplaced",
                    "1",
                )
        duty = self.out.duties[-1]
        activity = ActivityDraft(
            f"{duty.id}.{len(duty.activities) + 1}", ordinal, name, self._place(row, None)
        )
        duty.activities.append(activity)
        self.owner = activity
        self.indicator = None

    def _continue(
        self, row: SourceRow, role: str, owner: DutyDraft | ActivityDraft, attribute: str, text: str
    ) -> None:
        before = getattr(owner, attribute)
        joined, repeated = (
            join_broken(before, text) if self.after_break else (join(before, text), None)
        )
        setattr(owner, attribute, joined)
        column = _COLUMN_NAMES[role]
        where = "on the next page" if self.after_break else "on the next row"
        if repeated:
            self._note(
                row,
                column,
                text,
                f"continues the {column} of {owner.id} {where}; "
                f"the {repeated} repeated across the break is kept once: {joined!r}",
                "repeated-character",
                owner.id,
            )
        else:
            self._note(
                row,
                column,
                text,
                f"continues the {column} of {owner.id} {where}: {joined!r}",
                "continuation",
                owner.id,
            )

    def _indicator_part(self, row: SourceRow, new_activity: bool) -> None:
        name = clean(self._cell(row, "name"))
        cells = [clean(row.cells[i]) if i < len(row.cells) else "" for i in self.header.grades]
        if not name and not any(cells):
            return
        current = self.indicator
        if current is not None and not new_activity:
            if not name:
                self._join_cells(row, current, cells)
                return
            if not any(cells):
                self._join_name(row, current, name)
                return
            if dangling_name(current.name) or any(map(dangling, current.cells)):
                self._join_name(row, current, name)
                self._join_cells(row, current, cells)
                return
        activity = self.owner if isinstance(self.owner, ActivityDraft) else None
        if activity is None or not name:
            self._unplaced(row)
            return
        indicator = IndicatorDraft(
            f"{activity.id}.{len(activity.indicators) + 1}", name, cells, self._place(row, None)
        )
        activity.indicators.append(indicator)
        self.indicator = indicator

    def _join_name(self, row: SourceRow, current: IndicatorDraft, text: str) -> None:
        before = current.name
        joined, repeated = join_broken(before, text)
        current.name = joined
        where = "on the next page" if self.after_break else "on the next row"
        if repeated:
            current.published_name = join(before, text)
            current.repeated = repeated
            self._note(
                row,
                "绩效指标",
                text,
                f"continues the name of {current.id} {where}; "
                f"the {repeated} repeated across the break is kept once: {joined!r} "
                f"(published {current.published_name!r})",
                "repeated-character",
                current.id,
            )
        else:
            self._note(
                row,
                "绩效指标",
                text,
                f"continues the name of {current.id} {where}: {joined!r}",
                "continuation",
                current.id,
            )

    def _join_cells(self, row: SourceRow, current: IndicatorDraft, cells: list[str]) -> None:
        for index, text in enumerate(cells):
            if not text:
                continue
            before = current.cells[index]
            current.cells[index] = join(before, text)
            grade = GRADE_NAMES[index]
            self._note(
                row,
                f"评价标准 {grade}",
                text,
                f"continues cell {grade} of {current.id} "
                f"{'on the next page' if self.after_break else 'on the next row'}: "
                f"{before!r} + {text!r} = {current.cells[index]!r}",
                "continuation",
                current.id,
            )

    def _unplaced(self, row: SourceRow) -> None:
        text = " | ".join(clean(c) for c in row.cells if clean(c))
        self._note(
            row,
            None,
            text,
            "cannot be placed in the table (no duty, activity or "
            "indicator name to attach it to); left out: enter it by hand",
            "unplaced",
            None,
        )
