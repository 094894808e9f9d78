"""Text whose cells ran together: split only where the form's own words say where a cell ends.

Some copies lose the separators between cells: ``一级指标二级指标三级指标指标值分值`` for a header,
``产出指标数量指标培训人次≥500人次 10`` for a row. Nothing in such a line marks a cell's end
except the form's fixed vocabulary, so a line is split only at what that vocabulary makes
certain:

- the header, when the whole line is header words one after another (一级指标 · 二级指标 · …);
- a level-1 name (产出指标 …) and then a level-2 name (数量指标 …) at the start of a row, when the
  header has those columns, and a total's label (合计, 总分) before its numbers;
- the indicator's name and its target at the first comparison sign (``培训人次≥500人次``), or
  before a percent that ends the text (``覆盖率100%``), when the row lacks exactly that one
  cell; a sign printed apart from its figure (``培训人次≥ 500人次``) starts the target too;
- white space between the other cells.

A row whose cells still do not fit the header is kept as prose with a finding, never guessed;
every split row is a finding (kind ``fused-cells``) and the form itself one (kind ``source``).

>>> source = read_run_together(["一级指标二级指标三级指标指标值分值",
...                             "产出指标数量指标培训人次≥500人次 10"])
>>> for row in source.rows:
...     print(row.cells)
('一级指标', '二级指标', '三级指标', '指标值', '分值')
('产出指标', '数量指标', '培训人次', '≥500人次', '10')
>>> print(source.findings[1].action)
cells run together, split by the form's words: 产出指标 | 数量指标 | 培训人次 | ≥500人次 | 10
"""

from __future__ import annotations

import re
from functools import cache

from perfscore.notation._labels import simplified

from ._findings import ImportFinding, Place
from ._form_words import (
    AFTER_TABLE,
    ANCHORS,
    HEADER_WORDS,
    LEVEL1,
    LEVEL2,
    NAME_COLUMNS,
    SIGNS,
    TOTALS,
)
from ._rows import Source, SourceRow
from ._run_body import read_run, split_before

__all__ = ["read_run_together", "split_header"]

_SIGN = re.compile(f"[{SIGNS}]")
_SIGN_AT_END = re.compile(f"[{SIGNS}]+$")
# A space between a comparison and its figure (= 8个): inside the target, between no cells.
_SIGN_SPACE = re.compile(rf"(?<=[{SIGNS}])\s+(?=\d)")
# A percent that ends a name's cell (覆盖率100%): the target, when the name ends in a character.
_PERCENT = re.compile(r"(?<=[^\d.．])\d+(?:\.\d+)?[%％]$")
_LONGEST = max(len(w) for w in HEADER_WORDS)


def split_header(line: str) -> tuple[str, ...] | None:
    """A line's header words, if the whole line is three or more of them run together (with
    an indicator column among them); ``None`` otherwise.

    >>> split_header("一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因")
    ('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因')
    >>> split_header("一级指标培训人次"), split_header("三级指标  指标值")
    (None, None)
    """
    found = _header_in(line)
    return found[1] if found is not None and not found[0] else None


def _header_in(line: str) -> tuple[str, tuple[str, ...]] | None:
    """The header words a line ends with (the whole line, or its last words apart by single
    spaces), and the text before them (a label such as 绩效指标 merged down the rows)."""
    if re.search(r"\s{2,}|\t|\|", line.strip()):
        return None  # separated cells: another form's
    tokens = line.split()
    for k in range(len(tokens)):
        parts = [_segment(simplified(token)) for token in tokens[k:]]
        if all(part is not None for part in parts):
            words = tuple(w for part in parts if part is not None for w in part)
            if len(words) >= 3 and set(words) & ANCHORS:
                return " ".join(tokens[:k]), words
            return None
    return None


@cache
def _segment(text: str) -> tuple[str, ...] | None:
    """``text`` as header words one after another, the longer word first where two fit."""
    if not text:
        return ()
    if text.startswith("偏差原因"):
        return (text,)  # 偏差原因… is the last column, however it is worded
    for size in range(min(_LONGEST, len(text)), 0, -1):
        if text[:size] in HEADER_WORDS:
            rest = _segment(text[size:])
            if rest is not None:
                return (text[:size], *rest)
    return None


def _peel(text: str, words: frozenset[str]) -> tuple[str, str] | None:
    """The longest of ``words`` that ``text`` starts with, and the rest of it."""
    for word in sorted(words, key=len, reverse=True):
        if text.startswith(word):
            return word, text[len(word) :]
    return None


def _signs_on(tokens: list[str]) -> list[str]:
    """``tokens`` with a comparison printed apart from its figure put with it: it starts the
    target, so it ends no name's cell and is no cell of its own.

    >>> _signs_on(["产出指标数量指标培训人次≥", "500人次"]), _signs_on(["培训人次", "=", "8个"])
    (['产出指标数量指标培训人次', '≥ 500人次'], ['培训人次', '= 8个'])
    """
    out: list[str] = []
    for token in tokens:
        sign = _SIGN_AT_END.search(out[-1]) if out else None
        if sign is not None and token[:1].isdigit():
            out[-1] = out[-1][: sign.start()]
            token = f"{sign.group()} {token}"
            if not out[-1]:
                out.pop()
        out.append(token)
    return out


def _outside_brackets(text: str) -> int | None:
    """Where a name's cell ends and its target's begins: at the first comparison sign, else
    before a percent that ends the text; never inside brackets (数量(≥**个) is one name)."""
    for match in (*_SIGN.finditer(text), *_PERCENT.finditer(text)):
        before = text[: match.start()]
        depth = sum(before.count(c) for c in "(（") - sum(before.count(c) for c in ")）")
        if match.start() > 0 and depth <= 0:
            return match.start()
    return None


def _cells(tokens: list[str], header: tuple[str, ...]) -> tuple[dict[int, str], bool] | None:
    """A row's cells by column, and whether a run-together cell was split; ``None`` when the
    row's cells do not fit the header."""
    placed: dict[int, str] = {}
    split = False
    level1 = header.index("一级指标") if "一级指标" in header else None
    level2 = header.index("二级指标") if "二级指标" in header else None
    name = next(header.index(a) for a in NAME_COLUMNS if a in header)
    first, *queue = tokens
    total = _peel(first, TOTALS)
    if total is not None:
        cells = [total[0], *([total[1]] if total[1] else []), *queue]
        return dict(enumerate(cells)), bool(total[1])
    for column, words in ((level1, LEVEL1), (level2, LEVEL2)):
        if not first and queue:
            first = queue.pop(0)  # the level before stood apart
        peeled = _peel(first, words) if column is not None else None
        if peeled is not None and column is not None:
            placed[column], first = peeled
            split = split or bool(first)
    rest = ([first] if first else []) + queue
    room = len(header) - name
    # A last column of remarks (备注, 偏差原因…) may be blank: a row one cell short is whole.
    optional = simplified(header[-1]).startswith(("备注", "偏差原因", "未完成原因", "说明"))
    if len(rest) == room - 1 - optional and rest:
        cut = _outside_brackets(rest[0])
        if cut is not None:
            rest = [rest[0][:cut], rest[0][cut:], *rest[1:]]
            split = True
    if len(rest) > room:
        return None
    placed.update({name + k: cell for k, cell in enumerate(rest)})
    return placed, split


def read_run_together(
    lines: list[str], *, label: str = "<text>", unwrap: bool = True
) -> Source | None:
    """The rows of a text whose header ran together, split by the form's words; with
    ``unwrap``, a text in which no header reads is read again with the spaces between two
    characters dropped (where a cell's text wrapped)."""
    found = next(((k, head) for k, line in enumerate(lines) if (head := _header_in(line))), None)
    if found is None or not any(" " in _SIGN_SPACE.sub("", line) for line in lines[found[0] :]):
        run = read_run(lines, label=label)  # no spaces at all: pieces placed by what they are
        if run is not None or found is not None or not unwrap:
            return run
        return _unwrapped(lines, label)

    at, (label_before, header) = found
    rows, findings = split_before(lines[:at])
    if label_before:
        rows.append(SourceRow((label_before,), at + 1, prose=True))
    rows.append(SourceRow(header, at + 1))
    findings += [
        ImportFinding(
            Place(line=at + 1),
            lines[at].strip(),
            f"read as cells run together: the header split into its {len(header)} words",
            kind="source",
        )
    ]
    after = False
    for number, line in enumerate(lines[at + 1 :], start=at + 2):
        tokens = _signs_on(line.split())
        if not tokens:
            continue
        read = None if after or AFTER_TABLE.match(tokens[0]) else _cells(tokens, header)
        after = after or bool(AFTER_TABLE.match(tokens[0]))
        if read is None:
            rows.append(SourceRow((line.strip(),), number, prose=True))
            if not after:
                findings.append(_unsplit(line, number, len(header)))
            continue
        placed, split = read
        cells = tuple(placed.get(k, "") for k in range(len(header)))
        rows.append(SourceRow(cells, number))
        if split:
            shown = " | ".join(c for c in cells if c)
            findings.append(
                ImportFinding(
                    Place(line=number),
                    line.strip(),
                    f"cells run together, split by the form's words: {shown}",
                    kind="fused-cells",
                )
            )
    return Source(label, tuple(rows), tuple(findings))


# A space between two characters of a text whose cells ran together: where a cell's text
# wrapped in the printed table (县级储备粮管理制 度严格执行率, 一级 指标), no cell's end.
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _unwrapped(lines: list[str], label: str) -> Source | None:
    """The text read with a wrapped cell's spaces dropped, when no header reads without: a
    finding says so."""
    joined = [_WRAP.sub("", line) for line in lines]
    if joined == lines:
        return None
    read = read_run(joined, label=label)
    if read is None:
        return None
    said = ImportFinding(
        Place(),
        label,
        "cells run together, a space between two characters read as where a cell's text "
        "wrapped (dropped): 一级 指标 as 一级指标",
        kind="source",
    )
    return Source(read.label, read.rows, (said, *read.findings))


def _unsplit(line: str, number: int, columns: int) -> ImportFinding:
    return ImportFinding(
        Place(line=number),
        line.strip(),
        f"cells run together that the form's words cannot split into its {columns} columns: "
        "kept as a line of text, for a person to enter",
        kind="unplaced",
    )
