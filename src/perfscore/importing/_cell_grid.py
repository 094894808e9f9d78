"""Cells in reading order put back into rows under a form's header: one cell per line, pipe cells.

A web copy of a table gives its cells one a line (a browser's copy) or each ended by a pipe (a
page converted to text), and leaves out the cells a merged cell covered. The first run of
cells that are each a header word of a goal or self-evaluation form or a ladder table (一级指标 /
二级指标 / 三级指标 / 指标值 / 分值 / 得分 …, or 职责活动 … 绩效指标 / 优 / 良 / 中 / 差)
gives the columns, and the cells after it are put back into rows of that many cells. A row
starts where its first cell says: a level-1 name (产出指标 …) in the 一级 column, a level-2 name
(数量指标 …) in the 二级 column, an ordinal (``一、``, ``1、``) in the first column, a total (总分,
合计) in the first; any other row in the indicator column, its cells before it blank, as a
merged cell's rows are in a spreadsheet (each such row a finding). A page's end among the rows
(its number, the header printed again: ``page_break``) is left out, a finding each. A second
project's block (its labels, 项目名称 …, and the header again) is read as the first is.

>>> words = ["三级指标", "指标值", "分值", "培训人次", "≥500人次", "10"]
>>> read = regroup([(w, k, False) for k, w in enumerate(words, 1)], "one cell per line")
>>> [row.cells for row in read.rows]
[('三级指标', '指标值', '分值'), ('培训人次', '≥500人次', '10')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfscore.notation._labels import simplified
from perfscore.tables._findings import Severity

from ._findings import ImportFinding, Place
from ._form_words import (
    AFTER_TABLE,
    ANCHORS,
    BLOCKS,
    CLOSING,
    GRADES,
    LEVEL1,
    LEVEL2,
    LEVEL_POINTS,
    NAME_COLUMNS,
    REMARKS,
    TARGETS,
    TOTALS,
    UNITS,
    column_name,
    header_word,
)
from ._pages import page_breaks_left_out
from ._rows import SourceRow
from ._target_cells import cost_level, direction_of, is_cost, is_direction, nature_of

__all__ = ["Cell", "TextRead", "regroup"]

#: A cell in reading order: its text, its line, and whether the source marks a row end after it.
Cell = tuple[str, int, bool]

_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、])"
)
_LONG_HEADER = "偏差原因分析及改进措施"  # the one header word long enough to wrap over 3 lines
# A level's points printed under it, as the forms' one pattern has them ((50), （30分）,
# (0-20)分), or with a bracket the copy lost: (30分, 30分).
_POINTS_TEXT = rf"(?:{LEVEL_POINTS}|[(（]\s*\d+(?:\.\d+)?\s*分?|\d+(?:\.\d+)?\s*分?\s*[)）])"
_POINTS = re.compile(rf"^{_POINTS_TEXT}$")
_POINTS_AFTER = re.compile(rf"{_POINTS_TEXT}$")
_NUMBER = re.compile(r"^[-+]?[\d,，.]+%?分?$")
# A value as the notation writes it: a number first, after a comparison if any, with at most a
# unit's few characters of words after it (16.3万亩, ≥95%, 1600元/亩; not 5G基站建设数量), or a
# comparison alone (the 指标性质 cell of a form printing it in a column of its own).
_VALUE = re.compile(
    r"^(?:[≥≤<>=≧≦＞＜﹦＝═]$|[≥≤<>=≧≦＞＜﹦＝═±~～]?\s*[-+]?\d"
    r"(?:[^\u4e00-\u9fff]|[\u4e00-\u9fff]{1,3}(?![\u4e00-\u9fff]))*$)"
)


@dataclass
class TextRead:
    """Rows read from text in one of its forms, with the findings of how."""

    rows: list[SourceRow] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    full: float = 1.0  # the share of a pipe table's rows that write all its columns

    def prose(self, text: str, number: int) -> None:
        if text.strip():
            self.rows.append(SourceRow((text.strip(),), number, prose=True))


def _header_run(lines: list[str]) -> tuple[int, int, list[str]] | None:
    """The first run of three or more header-word lines with an anchor: its start and end
    indexes and its words, a word wrapped over two or three lines (``年度`` / ``指标值``) joined."""
    start, words, k = None, [], 0
    while k <= len(lines):
        line = lines[k].strip() if k < len(lines) else ""
        wrapped = next(
            (n for n in (2, 3) if k + n <= len(lines) and header_word("".join(lines[k : k + n]))),
            None,
        )
        if line and (header_word(line) or (start is not None and wrapped)):
            step = 1 if header_word(line) else wrapped or 1
            start = k if start is None else start
            word = "".join(w.strip() for w in lines[k : k + step])
            k += step
            while k < len(lines) and _LONG_HEADER.startswith(simplified(word + lines[k])):
                word, k = word + lines[k].strip(), k + 1  # 偏差原因 / 分析及 / 改进措施
            words.append(word)
            continue
        if start is not None:
            folded = {column_name(w) for w in words}
            if len(folded) >= 3 and folded & ANCHORS:
                return start, k, words
            start, words = None, []
        k += 1
    return None


def _columns(words: list[str]) -> list[str]:
    """The header's columns: a group label over the grade columns (评价标准 over 优 良 中 差)
    is not a column of its own."""
    folded = [column_name(w) for w in words]
    if "评价标准" in folded and any(w in ("优", "优秀") for w in folded):
        return [w for w, f in zip(words, folded, strict=True) if f != "评价标准"]
    levels = folded.index("一级指标") if "一级指标" in folded else 0
    if levels > 1 and folded[0] == "绩效指标":
        # Two header rows read as one: 绩效指标 and the target's label over the level and
        # target columns, then the columns both rows span (实际完成值 · 分值 · 得分 …).
        below = folded[levels:]
        spanning = [
            w for w, f in zip(words[1:levels], folded[1:levels], strict=True)
            if not (f.endswith("指标值") and "指标值" in below)
        ]  # fmt: skip
        return words[levels:] + spanning
    if levels == 1 and folded[0] == "绩效指标":
        # 绩效指标 printed down the side of the level columns (a cell merged over every row
        # of the table): a copy writes it once, in the header's line, and no row has a cell
        # under it.
        return words[1:]
    return words


@dataclass
class _Grid:
    """Lines put back into rows of ``width`` cells, each row starting where its first line
    says (see the module's docstring)."""

    columns: list[str]
    read: TextRead
    row: list[str] = field(default_factory=list)
    line: int = 0
    rows: int = 0
    state: str = "table"  # then "total" (in the total row), then "after"
    last: int = 0  # the line of the row's last cell
    named: bool = False  # the next cell, a level name, is the row's 三级 (``cost_level``)

    def column(self, *names: str) -> int | None:
        folded = [column_name(c) for c in self.columns]
        return next((folded.index(n) for n in names if n in folded), None)

    def close(self) -> None:
        if self.row:
            placed = len(self.row)
            self.row += [""] * (len(self.columns) - len(self.row))
            if self.state == "table":
                self.check_fit(placed)
            self.read.rows.append(SourceRow(tuple(self.row), self.line))
            self.rows += 1
        self.row = []

    def check_fit(self, placed: int) -> None:
        """A row whose name is a value or its own target, whose 分值 or 得分 is a word, or
        that stops before its 得分 under a remark that may be its name, lost or gained a cell
        the rules could not place: a finding to act on naming its cells from the remark above
        it on (which may be its real name). ``placed``: the row's cells before the blank ones
        it was filled up with."""
        folded = [column_name(c) for c in self.columns]
        cells = dict(zip(folded, self.row, strict=True))
        name = next((cells[c] for c in NAME_COLUMNS if c in cells), "")
        target = next((cells[c] for c in TARGETS if c in cells), "")
        if not name or simplified(name) in TOTALS | CLOSING:
            return
        above = self.read.rows[-1].cells if self.rows else ()
        remark = above[-1] if above and folded[-1].startswith(REMARKS) else ""
        words = [c for c in ("分值", "权重", "得分") if cells.get(c) and not _NUMBER.match(
            simplified(cells[c]))]  # fmt: skip
        if _VALUE.match(simplified(name)):
            misfit = "its name is a value"
        elif nature_of(name) is not None or is_direction(name):
            misfit = "its name is a 指标性质 or 指标方向性 word"
        elif target and simplified(name) == simplified(target):
            misfit = "its name is its target"
        elif words:
            misfit = f"its {words[0]} is no number"
        elif (
            remark
            and "得分" in folded
            and placed <= folded.index("得分")
            and (self.remark_may_be_a_name(remark))
        ):
            misfit = "it stops before its 得分, under a remark that may be its name"
        else:
            return
        self.read.findings.append(
            ImportFinding(
                Place(line=self.line),
                " | ".join(t for t in [remark, *self.row] if t),
                f"the row's cells do not fit its columns ({misfit}): the copy left a cell out "
                "or split one; enter the row by hand"
                + (f" (its name may be {remark!r}, read as the remark above)" if remark else ""),
                kind="placement",
                severity=Severity.ERROR,
            )
        )

    def start(self, at: int, number: int, why: str) -> None:
        self.close()
        self.row, self.line = [""] * at, number
        if at:
            self.read.findings.append(
                ImportFinding(
                    Place(line=number),
                    why,
                    f"a row of fewer cells than the header: its cells placed from column "
                    f"{self.columns[at]} on, the cells before it blank (merged in the page)",
                    kind="source",
                )
            )

    def add(
        self,
        text: str,
        number: int,
        width: int | None = None,
        after: str = "",
        within: bool = False,
        then: str = "",
    ) -> None:
        """Put a cell in its row; ``width`` is the count of cells of the row it starts, where
        the source says (a row of pipe cells); ``within``: the source marks the row's end
        after this cell, so a level name in it (the second half of a form printing 中期 and
        年度 side by side) starts no row; ``then``: the cell after ``after``."""
        word = simplified(text)
        if self.state == "total" and not (_NUMBER.match(word) or word in GRADES):
            self.state = "after"  # the lines after the total are not the table's
        if self.state == "after" or AFTER_TABLE.match(word):
            self.state = "after"
            self.close()
            self.read.prose(text, number)
            return
        named, self.named = self.named, False
        at = None if named else self.place(word, after, then)
        if within and len(self.row) < len(self.columns):
            at = None
        if at is not None and not (self.row and len(self.row) == at):
            self.start(at, number, text)
        elif not self.row or len(self.row) >= len(self.columns):
            name = self.column(*NAME_COLUMNS) or 0
            # The first row has all its cells, unless the source marks it shorter.
            first = not self.rows and not self.row and width is None
            # A row the source marks short ends in the last column when it has more cells than
            # fit from the name on (a level name the vocabulary lacks before it), else it starts
            # at its name and left its last cells (an empty remark) out.
            at = name if width is None else max(min(len(self.columns) - width, name), 0)
            if at == name and _VALUE.match(word) and self.remark_is_a_name():
                self.name_from_remark(name, text)
            else:
                self.start(0 if first else at, number, text)
        if word in TOTALS:
            self.state = "total"
        if self.over_the_target_columns(word):
            self.spread(text, number)
        else:
            self.row.append(text.strip())
        self.last = number

    def over_the_target_columns(self, word: str) -> bool:
        """Whether the cell is a target printed over the 指标性质 · 指标值 · 度量单位 columns
        (a qualitative one, 有效): a cell where the 指标性质 goes that is no comparison, no
        定量 / 定性 and no direction (正向, which some forms print there)."""
        here = len(self.row)
        if not word or self.state != "table" or not self.row or here + 1 >= len(self.columns):
            return False
        if nature_of(word) is not None or direction_of(word) is not None:
            return False
        kinds = [column_name(c) for c in self.columns[here : here + 2]]
        return kinds == ["指标性质", "指标值"] and not _VALUE.match(word)

    def spread(self, text: str, number: int) -> None:
        """A target merged over the target columns: in the 指标值, the others blank."""
        here = len(self.row)
        unit = here + 2 < len(self.columns) and column_name(self.columns[here + 2]) in UNITS
        self.row += ["", text.strip()] + ([""] if unit else [])
        self.read.findings.append(
            ImportFinding(
                Place(line=number),
                text.strip(),
                f"no 指标性质 (a comparison, 定量 or 定性): read as the {self.columns[here + 1]}, "
                "printed over the 指标性质 · 指标值 · 度量单位 columns",
                kind="placement",
            )
        )

    def remark_is_a_name(self) -> bool:
        """Whether the full row's last cell, in its remark column (偏差原因 …, 备注), is text
        that could be an indicator's name (not a number, a value or a level name)."""
        if not self.row or len(self.row) < len(self.columns):
            return False
        remark = column_name(self.columns[-1]).startswith(REMARKS)
        return remark and self.remark_may_be_a_name(self.row[-1])

    @staticmethod
    def remark_may_be_a_name(text: str) -> bool:
        """Whether a remark's text could be an indicator's name (not a number, a value or a
        level name)."""
        last = simplified(text)
        return bool(last) and not _VALUE.match(last) and last not in LEVEL1 | LEVEL2

    def name_from_remark(self, name: int, value: str) -> None:
        """A row never starts with a value: where one would, the row above left its last cell
        (an empty remark) out, and the text read as its remark is this row's name."""
        moved, line = self.row.pop(), self.last
        self.start(name, line, moved)
        self.read.findings.append(
            ImportFinding(
                Place(line=line),
                moved,
                f"read as the {self.columns[name]} of a new row, not as the "
                f"{self.columns[-1]} of the row above: the cell after it ({value.strip()!r}) "
                "is a value, which no row starts with (the row above left its last cell out)",
                kind="placement",
            )
        )
        self.row.append(moved)

    def place(self, word: str, after: str = "", then: str = "") -> int | None:
        """The column a row starting with ``word`` starts in, if the word says it (``after``
        and ``then``: the cells that follow it, which tell a level-1 成本指标 from a level-2
        one by ``cost_level``)."""
        word = _level_word(word)
        level1, level2 = self.column("一级指标"), self.column("二级指标")
        if word in TOTALS or word in CLOSING:
            return 0
        here = len(self.row)
        second = (
            self.row
            and here < len(self.columns)
            and here not in (level1, level2)
            and column_name(self.columns[here]) in ("一级指标", "二级指标")
        )
        if second and word in LEVEL1 | LEVEL2:
            # A form printing its levels twice (中期 and 年度 side by side): a level name where
            # the row is at a level column of the second half is that half's, in the row.
            return here
        if level2 is not None and word in LEVEL2 and self.row and len(self.row) == level2:
            return level2  # 满意度指标 under 满意度指标
        if is_cost(word) and level1 is not None and level2 is not None:
            if cost_level(after, then) == 1:
                return level1
            self.named = _level_word(after) in LEVEL2  # the level name after it is its 三级
            return level2
        if level2 is not None and word in LEVEL1 & LEVEL2 and _level_word(after) not in LEVEL2:
            return level2  # 满意度指标 over its indicators: a level 2
        if level1 is not None and word in LEVEL1:
            return level1
        if level2 is not None and word in LEVEL2:
            return level2
        if level1 is None and _ORDINAL.match(word):
            return 0
        return None


def _level_word(text: str) -> str:
    """A cell as the level name it may be: folded, without the points printed after it
    (产出指标(50)) or the 等 of a level naming its kind (服务对象满意度指标等)."""
    word = _POINTS_AFTER.sub("", simplified(text))
    return word[:-1] if word.endswith("指标等") else word


def regroup(cells: list[Cell], form: str) -> TextRead | None:
    """Cells in reading order (text, line, whether a row ends after it) put back into rows
    under the first header of the forms among them."""
    texts = [text for text, _, _ in cells]
    found = _header_run(texts)
    if found is None:
        return None
    start, end, words = found
    cells, breaks = page_breaks_left_out(cells, texts, [c[1] for c in cells], end, words)
    later = _next_block(cells, end)
    if later is not None:  # a second project's block: its labels and header read as the first's
        read, rest = regroup(cells[:later], form), regroup(cells[later:], form)
        assert read is not None
        assert rest is not None
        read.rows += rest.rows
        read.findings += breaks + rest.findings
        return read
    read = TextRead(findings=breaks)
    for before, number in _rows_before(cells[:start]):
        if len(before) == 1:
            read.prose(before[0], number)
        else:
            read.rows.append(SourceRow(before, number))
    columns = _columns(words)
    read.rows.append(SourceRow(tuple(columns), cells[start][1]))
    grid = _Grid(columns, read)
    width: int | None = None
    cells = cells[:end] + _levels_joined(cells[end:])
    ends_at = _row_ends(cells)
    for k in range(end, len(cells)):
        text, number, ends = cells[k]
        if not grid.row or len(grid.row) >= len(columns):
            last = ends_at[k] if form == "pipe cells" else None
            width = None if last is None else last - k + 1
        within = form == "pipe cells" and bool(grid.row) and ends_at[k] is not None
        after = cells[k + 1][0] if k + 1 < len(cells) else ""
        then = cells[k + 2][0] if k + 2 < len(cells) else ""
        grid.add(text, number, width, after, within=within, then=then)
        if ends:
            grid.close()
    grid.close()
    read.findings.insert(
        0,
        ImportFinding(
            Place(line=cells[start][1]),
            " ".join(words),
            f"read as {form}: {grid.rows} rows of {len(columns)} columns",
            kind="source",
        ),
    )
    return read


def _next_block(cells: list[Cell], end: int) -> int | None:
    """Where a second block starts after the header ending at ``end``: its first label
    (项目名称 …, ``BLOCKS``) before a header of the forms again; ``None`` if none does."""
    texts = [text for text, _, _ in cells[end:]]
    found = _header_run(texts)
    if found is None:
        return None
    return next((end + k for k in range(found[0]) if simplified(texts[k]) in BLOCKS), None)


def _levels_joined(cells: list[Cell]) -> list[Cell]:
    """Level names wrapped over two lines (``数量`` / ``指标``) joined, and a level's points
    printed under it (``产出指标`` / ``(50)``) kept in its cell."""
    joined: list[Cell] = []
    k = 0
    while k < len(cells):
        text, line, ends = cells[k]
        after = cells[k + 1][0] if k + 1 < len(cells) else ""
        levels = LEVEL1 | LEVEL2
        if text and simplified(text) not in levels and simplified(text + after) in levels:
            joined.append((text + after, line, cells[k + 1][2]))
            k += 2
            continue
        if _POINTS.match(text) and joined and simplified(joined[-1][0]) in levels:
            joined[-1] = (joined[-1][0] + text, joined[-1][1], ends)
        else:
            joined.append((text, line, ends))
        k += 1
    return joined


def _rows_before(cells: list[Cell]) -> list[tuple[tuple[str, ...], int]]:
    """The cells above the header as rows: to each marked row end where rows are marked (a
    label and its value on lines of their own), else a row a line."""
    rows: list[tuple[tuple[str, ...], int]] = []
    marked = any(ends for _, _, ends in cells)
    row: list[str] = []
    for k, (text, line, ends) in enumerate(cells):
        row.append(text)
        last = k + 1 == len(cells) or (ends if marked else cells[k + 1][1] != line)
        if last:
            rows.append((tuple(row), cells[k + 1 - len(row)][1]))
            row = []
    return rows


def _row_ends(cells: list[Cell]) -> list[int | None]:
    """For each cell, the index of the cell its row ends with, where a row end is marked."""
    ends: list[int | None] = [None] * len(cells)
    following: int | None = None
    for k in range(len(cells) - 1, -1, -1):
        following = k if cells[k][2] else following
        ends[k] = following
    return ends
