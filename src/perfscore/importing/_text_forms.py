"""Text in the forms it comes in besides tabs: pipe tables, one cell per line, aligned columns.

A table copied out of a browser, a PDF viewer or a converter comes as text in one of these forms,
and each is told by its own notation, never guessed from a few cells:

- **pipe table** (markdown, what converters write): rows ``| a | b |``, separator rows
  ``|---|:--:|`` skipped, ``<br>`` a line break inside a cell, ``\\|`` a pipe in a cell;
- **one cell per line** (a web copy): a run of lines that are each a header word of a goal
  or self-evaluation form or a ladder table (一级指标 / 二级指标 / 三级指标 / 指标值 / 分值 /
  得分 …, or 职责活动 … 绩效指标 / 优 / 良 / 中 / 差) gives the columns, and the lines after
  it are put back into rows of that many cells. A web copy leaves out the cells a merged cell
  covered, so a row starts where its first line says: a level-1 name (产出指标 …) in the 一级
  column, a level-2 name (数量指标 …) in the 二级 column, an ordinal (``一、``, ``1、``) in
  the first column, a total (总分, 合计) in the first; any other row in the indicator column,
  its cells before it blank, as a merged cell's rows are in a spreadsheet (each such row a
  finding);
- **space-aligned columns** (what PDF-to-text tools write): a header line of those words gives
  the columns by their positions (a full-width character counts two), and each later line's
  runs of text (apart by two spaces or more) go to the column they lie under.

Each form read is a finding (kind ``source``) that says which; text in none of them is left to
the tab reader. Blank lines carry nothing in these forms and are skipped.

>>> source = read_text_forms("| 一级指标 | 三级指标 | 指标值 |\\n|---|---|---|\\n"
...                          "| 产出指标 | 培训人次 | ≥500人次 |\\n", label="example.md")
>>> [row.cells for row in source.rows]
[('一级指标', '三级指标', '指标值'), ('产出指标', '培训人次', '≥500人次')]
>>> print(source.findings[0])
line 1: '| 一级指标 | 三级指标 | 指标值 |': read as a pipe table: 2 rows of 3 columns
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from perfscore.notation._labels import simplified

from ._findings import ImportFinding, Place
from ._form_words import (
    ANCHORS,
    GRADES,
    LEVEL1,
    LEVEL2,
    NAME_COLUMNS,
    TOTALS,
    column_name,
    display_width,
    header_word,
)
from ._rows import Source, SourceRow
from ._spaced import read_spaced

__all__ = ["read_text_forms"]

_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、])"
)
_AFTER = re.compile(
    r"^(?:注[:：]|说明[:：]|填[表报]人|联系电话|单位负责人|财务负责人|项目负责人[:：])"
)
_LONG_HEADER = "偏差原因分析及改进措施"  # the one header word long enough to wrap over 3 lines
_POINTS = re.compile(r"^[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")  # a level's points: (50), （30分）
_POINTS_AFTER = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")
_NUMBER = re.compile(r"^[-+]?[\d,，.]+%?分?$")
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_PIPE = re.compile(r"(?<!\\)\|")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_RUNS = re.compile(r"\S+(?: \S+)*")  # text apart by two spaces or more


def read_text_forms(text: str, *, label: str = "<text>") -> Source | None:
    """The text's rows, if it is a pipe table, one cell per line or space-aligned columns;
    ``None`` for tab-separated text and text in none of the forms."""
    # Trailing white space dropped, but a line of only a space stays one (an empty cell).
    lines = [line.replace("\u00a0", " ").rstrip() or line[:1] for line in text.splitlines()]
    if any("\t" in line for line in lines):
        return None
    piped = _pipe_table(lines)
    ended = sum(1 for line in lines if line.endswith("|"))
    if (piped is None or piped.full < 0.7) and ended >= 3:
        piped = _pipe_stream(lines) or piped  # rows that leave out merged cells: a page copy
    for reader in (lambda _: piped, _one_per_line, _aligned):
        read = reader(lines)
        if read is not None:
            return Source(label, tuple(read.rows), tuple(read.findings))
    return read_spaced(lines, label=label)


@dataclass
class _Read:
    rows: list[SourceRow] = field(default_factory=list)
    findings: list[ImportFinding] = field(default_factory=list)
    full: float = 1.0  # the share of a pipe table's rows that write all its columns

    def prose(self, text: str, number: int) -> None:
        if text.strip():
            self.rows.append(SourceRow((text.strip(),), number, prose=True))


# -- pipe tables ------------------------------------------------------------------------------


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = []
    for cell in _PIPE.split(body):
        cell = _BR.sub("\n", cell.replace("\\|", "|"))
        cells.append("\n".join(part.strip() for part in cell.split("\n")).strip())
    return cells


def _separator(line: str) -> bool:
    """Whether a line is a pipe table's separator row (``|---|:--:|``, ``--- | ---``)."""
    line = line.strip()
    return _SEPARATOR.match(line) is not None and ("|" in line or line.count("-") >= 3)


def _pipe_table(lines: list[str]) -> _Read | None:
    # A separator at index k follows the header at line number k (counted from 1).
    separators = {k for k, line in enumerate(lines) if _separator(line)}
    piped = sum(1 for line in lines if line.strip().startswith("|") and line.count("|") >= 2)
    if not separators and piped < 2:
        return None
    read = _Read()
    tables = 0
    table: list[tuple[int, list[str]]] = []

    def close() -> None:
        nonlocal tables
        if not table:
            return
        width = max(len(cells) for _, cells in table)
        tables += 1
        first = lines[table[0][0] - 1].strip()
        read.findings.append(
            ImportFinding(
                Place(line=table[0][0]),
                first,
                f"read as a pipe table: {len(table)} rows of {width} columns",
                kind="source",
            )
        )
        read.full = sum(len(cells) == width for _, cells in table) / len(table)
        for number, cells in table:
            if len(cells) == 1:
                read.prose(cells[0], number)
            elif any(c.strip() for c in cells):
                cells += [""] * (width - len(cells))
                read.rows.append(SourceRow(tuple(cells), number))
        table.clear()

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if _separator(stripped):
            continue
        if "|" in stripped and (stripped.startswith("|") or table or number in separators):
            table.append((number, _pipe_cells(stripped)))
            continue
        close()
        read.prose(line, number)
    close()
    return read if tables else None


# -- one cell per line ------------------------------------------------------------------------


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
            folded = {simplified(w) for w in words}
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
    read: _Read
    row: list[str] = field(default_factory=list)
    line: int = 0
    rows: int = 0
    state: str = "table"  # then "total" (in the total row), then "after"

    def column(self, *names: str) -> int | None:
        folded = [column_name(c) for c in self.columns]
        return next((folded.index(n) for n in names if n in folded), None)

    def close(self) -> None:
        if self.row:
            self.row += [""] * (len(self.columns) - len(self.row))
            self.read.rows.append(SourceRow(tuple(self.row), self.line))
            self.rows += 1
        self.row = []

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
    ) -> None:
        """Put a cell in its row; ``width`` is the count of cells of the row it starts, where
        the source says (a row of pipe cells), so that a short row ends in the last column;
        ``within``: the source marks the row's end after this cell, so a level name in it
        (the second half of a form printing 中期 and 年度 side by side) starts no row."""
        word = simplified(text)
        if self.state == "total" and not (_NUMBER.match(word) or word in GRADES):
            self.state = "after"  # the lines after the total are not the table's
        if self.state == "after" or _AFTER.match(word):
            self.state = "after"
            self.close()
            self.read.prose(text, number)
            return
        at = self.place(word, after)
        if within and len(self.row) < len(self.columns):
            at = None
        if at is not None and not (self.row and len(self.row) == at):
            self.start(at, number, text)
        elif not self.row or len(self.row) >= len(self.columns):
            name = self.column(*NAME_COLUMNS) or 0
            # The first row has all its cells, unless the source marks it shorter.
            first = not self.rows and not self.row and width is None
            at = name if width is None else max(len(self.columns) - width, 0)
            self.start(0 if first else at, number, text)
        if word in TOTALS:
            self.state = "total"
        self.row.append(text.strip())

    def place(self, word: str, after: str = "") -> int | None:
        """The column a row starting with ``word`` starts in, if the word says it (``after``:
        the cell that follows it, which tells a level-1 成本指标 from a level-2 one)."""
        word = _POINTS_AFTER.sub("", word)
        level1, level2 = self.column("一级指标"), self.column("二级指标")
        if word in TOTALS:
            return 0
        if level2 is not None and word in LEVEL2 and self.row and len(self.row) == level2:
            return level2  # 满意度指标 under 满意度指标
        if level2 is not None and word in LEVEL1 & LEVEL2 and simplified(after) not in LEVEL2:
            return level2  # 成本指标 over its indicators: the 2019 and 2020 forms' level 2
        if level1 is not None and word in LEVEL1:
            return level1
        if level2 is not None and word in LEVEL2:
            return level2
        if level1 is None and _ORDINAL.match(word):
            return 0
        return None


def _one_per_line(lines: list[str]) -> _Read | None:
    # A browser's copy sets each cell apart by an empty line and writes an empty cell as a
    # line of a space: there, that line is a cell.
    apart = sum(1 for line in lines if not line) >= sum(1 for line in lines if line.strip()) / 2
    cells = [
        (line.strip(), k, False)
        for k, line in enumerate(lines, start=1)
        if line.strip() or (apart and line)
    ]
    return _regrouped(cells, "one cell per line")


def _pipe_stream(lines: list[str]) -> _Read | None:
    """Pipe text as a page copy writes it: each cell ended by ``|``, a row's cells over one or
    more lines, the cells a merged cell covered left out and a run of pipes (``| |||``) where
    the row ends."""
    cells: list[tuple[str, int, bool]] = []
    for number, line in enumerate(lines, start=1):
        for part in _PIPE.split(line):
            text = _BR.sub("\n", part.replace("\\|", "|")).strip()
            if text:
                cells.append((text, number, False))
        if cells and re.search(r"\|\s*\|\s*$", line):
            cells[-1] = (*cells[-1][:2], True)  # the row ends here
    return _regrouped(cells, "pipe cells")


def _regrouped(cells: list[tuple[str, int, bool]], form: str) -> _Read | None:
    """Cells in reading order (text, line, whether a row ends after it) put back into rows
    under the first header of the forms among them."""
    texts = [text for text, _, _ in cells]
    found = _header_run(texts)
    if found is None:
        return None
    start, end, words = found
    read = _Read()
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
        grid.add(text, number, width, after, within=within)
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


def _levels_joined(cells: list[tuple[str, int, bool]]) -> list[tuple[str, int, bool]]:
    """Level names wrapped over two lines (``数量`` / ``指标``) joined, and a level's points
    printed under it (``产出指标`` / ``(50)``) kept in its cell."""
    joined: list[tuple[str, int, bool]] = []
    k = 0
    while k < len(cells):
        text, line, ends = cells[k]
        after = cells[k + 1][0] if k + 1 < len(cells) else ""
        levels = LEVEL1 | LEVEL2
        if simplified(text) not in levels and simplified(text + after) in levels:
            joined.append((text + after, line, cells[k + 1][2]))
            k += 2
            continue
        if _POINTS.match(text) and joined and simplified(joined[-1][0]) in levels:
            joined[-1] = (joined[-1][0] + text, joined[-1][1], ends)
        else:
            joined.append((text, line, ends))
        k += 1
    return joined


def _rows_before(cells: list[tuple[str, int, bool]]) -> list[tuple[tuple[str, ...], int]]:
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


def _row_ends(cells: list[tuple[str, int, bool]]) -> list[int | None]:
    """For each cell, the index of the cell its row ends with, where a row end is marked."""
    ends: list[int | None] = [None] * len(cells)
    following: int | None = None
    for k in range(len(cells) - 1, -1, -1):
        following = k if cells[k][2] else following
        ends[k] = following
    return ends


# -- space-aligned columns --------------------------------------------------------------------


def _runs(line: str) -> list[tuple[int, int, str]]:
    """The runs of text of a line: (first column, end column, text), in display columns."""
    runs = []
    for match in _RUNS.finditer(line):
        begin = display_width(line[: match.start()])
        runs.append((begin, begin + display_width(match.group()), match.group()))
    return runs


def _header_runs(line: str) -> list[tuple[int, int, str]] | None:
    """A line's runs as header columns (a run of header words apart by one space split
    into its words), if the line is a header of the forms."""
    columns: list[tuple[int, int, str]] = []
    for begin, _, text in _runs(line):
        parts = text.split(" ")
        if len(parts) > 1 and all(header_word(p) for p in parts):
            at = begin
            for part in parts:
                columns.append((at, at + display_width(part), part))
                at += display_width(part) + 1
        else:
            columns.append((begin, begin + display_width(text), text))
    if len(_runs(line)) < 2:
        return None  # words apart by single spaces: no positions to go by
    words = [simplified(c[2]) for c in columns]
    known = sum(1 for c in columns if header_word(c[2]))
    if known >= 3 and known >= 0.7 * len(columns) and set(words) & ANCHORS:
        return columns
    return None


def _overlap(begin: int, end: int, span: tuple[float, float]) -> float:
    return min(end, span[1]) - max(begin, span[0])


def _aligned(lines: list[str]) -> _Read | None:
    found = next(
        ((k, cols) for k, line in enumerate(lines) if (cols := _header_runs(line)) is not None),
        None,
    )
    if found is None:
        return None
    at, columns = found
    below = next((k for k in range(at + 1, len(lines)) if lines[k].strip()), None)
    if below is not None and all(header_word(r[2]) for r in _runs(lines[below])):
        grades = _runs(lines[below])  # 优 良 中 差 under 评价标准
        columns = sorted(
            [c for c in columns if not any(g[0] < c[1] and c[0] < g[1] for g in grades)] + grades
        )
    else:
        below = at
    centres = [(c[0] + c[1]) / 2 for c in columns]
    bounds = [(a + b) / 2 for a, b in itertools.pairwise(centres)]
    spans = list(zip([float("-inf"), *bounds], [*bounds, float("inf")], strict=True))
    read = _Read()
    for number, line in enumerate(lines[:at], start=1):
        read.prose(line, number)
    read.rows.append(SourceRow(tuple(c[2] for c in columns), at + 1))
    count = 0
    for number, line in enumerate(lines[below + 1 :], start=below + 2):
        runs = _runs(line)
        if not runs:
            continue
        cells = [""] * len(columns)
        for begin, end, text in runs:
            k = max(
                range(len(spans)), key=lambda j: min(end, spans[j][1]) - max(begin, spans[j][0])
            )
            cells[k] = f"{cells[k]} {text}".strip()
        wide = len(runs) == 1 and sum(1 for a, b in spans if runs[0][0] < b and a < runs[0][1]) > 2
        if wide or _AFTER.match(simplified(line)) or re.match(r"^\s*第\s*\d+\s*页", line):
            read.prose(line, number)
            continue
        read.rows.append(SourceRow(tuple(cells), number))
        count += 1
    read.findings.append(
        ImportFinding(
            Place(line=at + 1),
            lines[at].strip(),
            f"read as space-aligned columns: {count} rows of {len(columns)} columns, "
            "each text put in the column it lies under",
            kind="source",
        )
    )
    return read
