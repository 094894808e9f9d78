"""Text in the forms it comes in besides tabs: pipe tables, one cell per line, aligned columns.

A table copied out of a browser, a PDF viewer or a converter comes as text in one of these forms,
and each is told by its own notation, never guessed from a few cells:

- **pipe table** (markdown, what converters write): rows ``| a | b |``, separator rows
  ``|---|:--:|`` skipped, ``<br>`` a line break inside a cell, ``\\|`` a pipe in a cell;
- **one cell per line** (a browser's copy) and **pipe cells** (a page copy that ends each cell
  with ``|``): the cells are put back into rows under the form's header, each row starting where
  its first cell says (see ``_cell_grid``);
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

from perfscore.notation._labels import simplified

from ._cell_grid import Cell, TextRead, regroup
from ._findings import ImportFinding, Place
from ._form_words import AFTER_TABLE, ANCHORS, display_width, header_word
from ._rows import Source, SourceRow
from ._spaced import read_spaced

__all__ = ["read_text_forms"]

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
    # lines that end a cell with | but start with none: a page copy, which a pipe table's
    # reader would leave out (it reads the lines that start with |)
    stream = sum(1 for line in lines if line.endswith("|") and not line.lstrip().startswith("|"))
    if (piped is None or piped.full < 0.7 or stream >= 3) and ended >= 3:
        piped = _pipe_stream(lines) or piped  # rows that leave out merged cells: a page copy
    for reader in (lambda _: piped, _one_per_line, _aligned):
        read = reader(lines)
        if read is not None:
            return Source(label, tuple(read.rows), tuple(read.findings))
    return read_spaced(lines, label=label)


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


def _pipe_table(lines: list[str]) -> TextRead | None:
    # A separator at index k follows the header at line number k (counted from 1).
    separators = {k for k, line in enumerate(lines) if _separator(line)}
    piped = sum(1 for line in lines if line.strip().startswith("|") and line.count("|") >= 2)
    if not separators and piped < 2:
        return None
    read = TextRead()
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


# -- one cell per line, and pipe cells ----------------------------------------------------------


def _one_per_line(lines: list[str]) -> TextRead | None:
    # A browser's copy sets each cell apart by an empty line and writes an empty cell as a
    # line of a space: there, that line is a cell.
    apart = sum(1 for line in lines if not line) >= sum(1 for line in lines if line.strip()) / 2
    cells = [
        (line.strip(), k, False)
        for k, line in enumerate(lines, start=1)
        if line.strip() or (apart and line)
    ]
    return regroup(cells, "one cell per line")


def _pipe_stream(lines: list[str]) -> TextRead | None:
    """Pipe text as a page copy writes it: each cell ended by ``|``, a row's cells over one or
    more lines, the cells a merged cell covered left out and a run of pipes (``| |||``) where
    the row ends."""
    cells: list[Cell] = []
    # A copy that writes a cell a line, each ended by its bar, writes an empty cell as a line
    # of the bar alone: there, that line is a cell (no merged cell is left out).
    filled = [line.strip() for line in lines if line.strip()]
    a_line = sum(1 for line in filled if len(_PIPE.findall(line)) == 1 and line.endswith("|"))
    one_a_line = bool(filled) and a_line >= 0.9 * len(filled)
    for number, line in enumerate(lines, start=1):
        if one_a_line and line.strip() == "|":
            cells.append(("", number, False))
            continue
        for part in _PIPE.split(line):
            text = _BR.sub("\n", part.replace("\\|", "|")).strip()
            if text:
                cells.append((text, number, False))
        if cells and re.search(r"\|\s*\|\s*$", line):
            cells[-1] = (*cells[-1][:2], True)  # the row ends here
    return regroup(cells, "pipe cells")


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


def _aligned(lines: list[str]) -> TextRead | None:
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
    read = TextRead()
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
        if wide or AFTER_TABLE.match(simplified(line)) or re.match(r"^\s*第\s*\d+\s*页", line):
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
