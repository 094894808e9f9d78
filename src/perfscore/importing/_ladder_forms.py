"""Table layouts: assembling a ladder table's rows into duties, activities, indicators.

Two ladder layouts are read (their headers are recognised in ``_ladder_headers``):

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

Each page is read by its own header (its grade columns may be in another order). A page's
running head is a page break (``_pages``); the table ends only where its layout does (a
section heading the header does not follow, a row of another width, a second table numbering
its duties from 一 again), with an ``end`` finding that says where and why. An activity with no
indicator row and a duty with no activity are left out with a finding naming their source line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ._findings import ImportFinding, Place
from ._ladder_headers import COLUMN_NAMES, GRADE_NAMES, LAYOUTS, Header, find_header, header_word
from ._pages import SECTION, chinese_number, head_key, running_head, title_like
from ._repairs import clean, dangling, dangling_name, join, join_broken
from ._sources import SourceRow

__all__ = [
    "GRADE_NAMES",
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
    """What the rows of a table made: duties, findings, the rows before the table, and the
    rows after where it ends (another section or table: a finding says where and why)."""

    header: Header | None
    duties: list[DutyDraft] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    before: list[SourceRow] = field(default_factory=list)
    pages: int = 0
    after: list[SourceRow] = field(default_factory=list)


# 一、 (一) （一） 一. ; 1、 (1) （1） 1. 1．, in ASCII or full-width digits.
_DUTY = re.compile(
    r"^(?:[（(]\s*([一二三四五六七八九十百千零]+)\s*[)）]|([一二三四五六七八九十百千零]+)\s*[、.．])\s*(.*)$",
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
    heads = {head_key(t[0]) for r in assembly.before if len(t := _written(r)) == 1}
    _Reader(assembly, header, heads).read(rows[start:])
    return assembly


def _written(row: SourceRow) -> list[str]:
    return [text for cell in row.cells if (text := clean(cell))]


class _Reader:
    def __init__(self, assembly: Assembly, header: Header, heads: set[str]) -> None:
        self.out = assembly
        self.header = header
        self.heads = heads
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
        gap: int | None = None  # where the lines between the last data row and this one began
        while index < len(rows):
            row = rows[index]
            header = find_header(rows, index)
            if header is not None and header.layout == self.header.layout:
                gap = index if gap is None else gap
                self._new_page(row, header)
                index += header.rows
                continue
            head = self._head_text(row)
            if head is not None:
                if (why := self._ends_at_heading(rows, index, head)) is not None:
                    self._end(rows, index, why)
                    break
                # A running head (323 人社局, 单位：万元, a page number, the section heading
                # again): a page break, even where the header is not repeated after it.
                gap = index if gap is None else gap
                self.pending_break = True
                index += 1
                continue
            width = self.header.width
            if len(row.cells) > width + 1 or len(row.cells) * 2 < width:
                self._end(rows, index, f"a row of {len(row.cells)} cells where the table's "
                          f"have {width}: another table starts here")  # fmt: skip
                break
            if gap is not None and (why := self._second_table(rows, gap, index)) is not None:
                self._end(rows, gap, why)
                break
            gap = None
            index += 1
            self._data_row(row)
        self.out.pages = self.page
        self._prune()

    def _new_page(self, row: SourceRow, header: Header) -> None:
        """A header: a new page, read by its own header (its grade columns may be in another
        order than the first page's)."""
        self.header = header
        self.page += 1
        self.row = 0
        self.after_break = self.page > 1
        self.source_page = row.page
        self.pending_break = False

    def _data_row(self, row: SourceRow) -> None:
        if row.page is not None and self.source_page is not None and row.page != self.source_page:
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

    def _head_text(self, row: SourceRow) -> str | None:
        """The text of a line that is no table row: prose, or a row whose only cells, from the
        first column on, are a page's running head (``323 人社局 | 单位：万元``) or a title."""
        if row.prose:
            return row.cells[0]
        written = [(i, t) for i, c in enumerate(row.cells) if (t := clean(c))]
        if not written or len(written) > 2 or written[0][0] != 0:
            return None
        if all(running_head(t, self.heads) for _, t in written) or (
            len(written) == 1 and title_like(written[0][1])
        ):
            return " ".join(row.cells[i].strip() for i, _ in written)
        return None

    def _ends_at_heading(self, rows: Sequence[SourceRow], index: int, text: str) -> str | None:
        """Why a section heading ends the table, or ``None`` when it is a running head: it
        repeats a line above the table, says 续表, or the table's header follows it."""
        if running_head(text, self.heads) or not SECTION.match(clean(text)):
            return None
        for later in range(index + 1, len(rows)):
            if self._head_text(rows[later]) is not None:
                continue
            header = find_header(rows, later)
            if header is not None and header.layout == self.header.layout:
                return None  # the table goes on under this page's heading
            break
        return f"the section heading {clean(text)!r} is not followed by the table's header"

    def _second_table(self, rows: Sequence[SourceRow], gap: int, index: int) -> str | None:
        """Why ``rows[index]``, after a page's lines or header, starts a second table: its duty
        starts the numbering over (一 again after 十三), or repeats the last duty's row under a
        line that is no running head (another table's title)."""
        row = rows[index]
        if not self.out.duties or self.header.layout != "ladders":
            return None
        text = clean(self._cell(row, "duty") or self._cell(row, "activity"))
        match = _DUTY.match(text)
        last = self.out.duties[-1]
        if match is None:
            return None
        ordinal, name = _ordinal(match)
        value, before = chinese_number(ordinal), chinese_number(last.ordinal or "")
        if value is None or before is None or value > before:
            return None
        titles = [
            line
            for r in rows[gap:index]
            if (line := self._head_text(r) or "").strip() and not running_head(line, self.heads)
        ][:1]
        if value == before and name == last.name and not titles:
            return None  # the duty's row repeated on the next page
        title = f" ({titles[0].strip()})" if titles else ""
        return (
            f"duty {ordinal}、{name} at source line {row.line} numbers the duties from "
            f"{ordinal} again after {last.ordinal}: a second table{title} starts here and is "
            "not merged into this one; import it on its own, from a copy of the source that "
            "holds only that table"
        )

    def _end(self, rows: Sequence[SourceRow], at: int, why: str) -> None:
        """End the table at ``rows[at]``, with a finding saying where and why."""
        self.out.after = list(rows[at:])
        row = rows[at]
        page = f", page {row.page}" if row.page is not None else ""
        self.out.findings.append(
            ImportFinding(
                Place(self.page, None, None, row.line),
                " | ".join(c.strip() for c in row.cells if c.strip()),
                f"the table ends at source line {row.line}{page}: {why}; the "
                f"{len(self.out.after)} source rows from there on are not read",
                kind="end",
            )
        )

    def _prune(self) -> None:
        """Leave out an activity with no indicator row and a duty with no activity, each with
        a finding naming its source row (the others keep their ids)."""
        for duty in self.out.duties:
            for activity in [a for a in duty.activities if not a.indicators]:
                duty.activities.remove(activity)
                self._left_out(activity, "an activity with no indicator row")
        for duty in [d for d in self.out.duties if not d.activities]:
            self.out.duties.remove(duty)
            self._left_out(duty, "a duty with no activity that has an indicator")

    def _left_out(self, node: NodeDraft, what: str) -> None:
        self.out.findings.append(
            ImportFinding(
                node.place,
                node.name,
                f"{what}, at source line {node.place.line}: left out (the rest keep their "
                "ids); enter it by hand if it has indicators",
                kind="unplaced",
                indicator=node.id,
            )
        )

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
            last = self.out.duties[-1] if self.out.duties else None
            if last is not None and (last.ordinal, last.name) == (ordinal, name):
                if self.owner is not last:  # the duty's row repeated on a later page
                    self._note(row, "职责活动", head, f"repeats duty {last.id}'s row: read once",
                               "continuation", last.id)  # fmt: skip
            else:
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
        column = COLUMN_NAMES[role]
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
        if len(activity.indicators) > 1:
            self._blank_under_written(row, activity.indicators[-2], indicator)

    def _blank_under_written(
        self, row: SourceRow, above: IndicatorDraft, indicator: IndicatorDraft
    ) -> None:
        """A finding for each grade cell left blank under a written one: the rows read carry no
        merged cells, so a cell merged over two indicators reads as blank in the second, and a
        blank cell is also how a ladder says a grade does not apply. It stays blank (filling it
        would make a wrong ladder of a real blank) and a person is asked to look."""
        for grade, mine, theirs in zip(GRADE_NAMES, indicator.cells, above.cells, strict=True):
            if mine or not theirs:
                continue
            self._note(
                row,
                f"评价标准 {grade}",
                theirs,
                f"cell {grade} of {indicator.id} (source line {row.line}) is blank under "
                f"{above.id}'s {theirs!r}: if the published cell is merged over both, it is "
                f"{indicator.id}'s too; left blank: check it and enter it by hand if so",
                "blank-cell",
                indicator.id,
            )

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
            f"source line {row.line}: cannot be placed in the table (no duty, activity or "
            "indicator name to attach it to); left out: enter it by hand",
            "unplaced",
            None,
        )
