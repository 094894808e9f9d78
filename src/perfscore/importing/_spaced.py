"""Text whose cells are apart by single spaces: each cell placed by what it is.

A copy out of a Word file or a page often sets cells apart by one space, leaves out the cells a
merged cell covered (a row's cells shift) and may run the whole table onto one line. A single
space does not end a cell for certain (``≥ 90%``, free text), so the tokens are joined back into
cells by what they are:

- the header is a run of three or more header words of the forms (一级指标 · 三级指标 · 年度指标值
  · 分值 · 得分 …, an indicator column among them; a 绩效指标 before 一级指标 labels the table's
  side and no row has a cell under it); a next line naming parts of its columns (符号 ·
  单位(文字描述) under the target, 单项指标得分 · 权重占比(%) · 单项指标折算得分 under 自评得分)
  makes it a header over two lines, read as one (``_spaced_header``: the rows may fill an
  explanation column after the name the header does not name, and leave a column it names
  empty);
- each later token goes to a column whose kind it fits: a level-1 name (产出指标(50分)) in 一级指标,
  a level-2 name in 二级指标, a target (the notation reads it, or a comparison sign starts it)
  in the target column, a number up to 100 in 分值 or 得分, free text in the name; tokens join
  into a cell that reads better whole (``>= 98 %(百分比)``, a name with its brackets closed).
  The rows are the best reading of the tokens as a whole (a dynamic programme over where each
  cell and each row ends): a row a line where lines are rows, and in a table flattened onto
  one line a row ends where the next level name or indicator begins; a page's end among the
  rows (its number, the header printed again: ``page_break``) is left out, a finding each, and
  the table ends at its total, a note or the next project's labels;
- the text above the header becomes rows at the forms' labels (项目名称 X, 主管部门 Y, the
  budget's column words and its figures ``年度资金总额: 0 0 0 10 0 0``), which the metadata and
  budget readers take as from a spreadsheet; a line with no label is prose.

A row with no name, no target or none of the header's 分值 and 得分 is kept as a line to act on
(kind ``unplaced``); every row placed is a finding (kind ``placement``: to check where a cell
was joined, left empty inside the row or a row ended inside a line; for the record where a
line's tokens fill its columns in order). A text that also reads as cells run together is read
the way more of its rows fit their columns, a row that does not counting twice against it (the
run-together way on a tie where it split cells).

>>> source = read_spaced(["主管部门 某县农业农村局",
...     "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
...     "产出指标(50分) 数量指标 培训人次 ≥ 500人次 520人次 10 10 "
...     "质量指标 培训合格率 ≥90% 95% 10 9"])
>>> for row in source.rows:
...     print(row.cells)
('主管部门', '某县农业农村局')
('绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分')
('', '产出指标(50分)', '数量指标', '培训人次', '≥ 500人次', '520人次', '10', '10')
('', '', '质量指标', '培训合格率', '≥90%', '95%', '10', '9')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from perfscore.notation._labels import simplified
from perfscore.tables._findings import Severity

from ._findings import ImportFinding, Place
from ._form_words import (
    AFTER_TABLE,
    ANCHORS,
    BUDGET_PARTS,
    BUDGET_TOTALS,
    FORM_LABELS,
    GRADES,
    LEVEL1,
    LEVEL2,
    TOTALS,
    column_name,
    header_word,
)
from ._pages import block_start, page_breaks_left_out
from ._rows import Source, SourceRow
from ._run_together import read_run_together
from ._spaced_cells import EMPTY, NUMBER, POINTS, fit, form_level, ruled
from ._spaced_header import column_roles, fitted, sub_columns
from ._target_cells import direction_of, nature_of

__all__ = ["read_spaced"]

_BRACKET = re.compile(r"^[(（][^()（）]*[)）]$")  # a note in brackets of its own: (万元)
# The labels the block above a form's indicators is printed with; a row starts at each.
_LABELS = (*FORM_LABELS, *BUDGET_TOTALS, *BUDGET_PARTS)
_CELL_TOKENS = 6  # the most tokens one cell is joined from
_ROW_TOKENS = 24  # the most tokens one row is read from


@dataclass(frozen=True)
class _Token:
    text: str
    line: int
    first: bool  # the first token of its line


# -- the header ------------------------------------------------------------------------------


def _header(tokens: Sequence[_Token], k: int = 0) -> tuple[int, int] | None:
    """The first run from token ``k`` of three or more header-word tokens of one line with an
    indicator column among them: its start and end indexes."""
    while k < len(tokens):
        end = k
        while (
            end < len(tokens)
            and header_word(tokens[end].text)
            and (end == k or not tokens[end].first or _alone(tokens, end - 1))
        ):
            end += 1
        words = {column_name(t.text) for t in tokens[k:end]}
        if end - k >= 3 and words & ANCHORS:
            return k, end
        k = max(end, k + 1)
    return None


def _alone(tokens: Sequence[_Token], k: int) -> bool:
    """Whether token ``k`` is its line's only one (a header word wrapped onto lines of its
    own goes on to the next line's)."""
    return tokens[k].first and (k + 1 == len(tokens) or tokens[k + 1].first)


# -- the rows: the best reading of the tokens ----------------------------------------------

_Span = tuple[int, int]  # a cell's tokens: start and end indexes


class _Costs:
    """The fit of every run of tokens as a cell of every column, computed once: its kind, less
    a cost for each token joined and each line the cell crosses (``None``: never)."""

    def __init__(self, tokens: Sequence[_Token], roles: Sequence[str]) -> None:
        self.tokens = tokens
        self.roles = roles
        levels = [form_level(t.text) is not None for t in tokens]
        rule = ruled([t.text for t in tokens])  # 成本指标's level, by the one rule
        self.cells: list[list[list[float | None]]] = []
        for role in roles:
            by_start = []
            for i in range(len(tokens)):
                costs: list[float | None] = []
                crossed = 0
                for j in range(i + 1, min(len(tokens), i + _CELL_TOKENS) + 1):
                    if j - i > 1:
                        crossed += tokens[j - 1].first
                        if levels[j - 1] or levels[i]:
                            break  # a level name is a cell of its own
                    text = " ".join(t.text for t in tokens[i:j])
                    kind = rule.get((i, role)) if j == i + 1 else None  # 成本指标's, if any
                    kind = fit(role, text) if kind is None else kind
                    costs.append(None if kind is None else kind - 0.8 * (j - i - 1) - 2.0 * crossed)
                by_start.append(costs)
            self.cells.append(by_start)

    def row(self, start: int) -> tuple[dict[int, float], list[list[int]]]:
        """The best reading of one row starting at ``start``: its score for each token it may
        end before, and the table to trace its cells back by (``back[c][k]``: where column
        ``c``'s cell starts when the columns after it begin at token ``start + k``)."""
        tokens = self.tokens
        limit = min(len(tokens), start + _ROW_TOKENS)
        width = limit - start + 1
        none = float("-inf")
        score = [0.0] + [none] * (width - 1)
        back: list[list[int]] = []
        for c, role in enumerate(self.roles):
            empty = EMPTY.get(role, 0.0)
            after = [s + empty for s in score]  # the column left empty
            came = list(range(width))
            for k in range(width - 1):
                here = score[k]
                if here == none:
                    continue
                i = start + k
                moved = 1.5 if k and tokens[i].first else 0.0  # a cell starting a new line
                for w, cost in enumerate(self.cells[c][i], start=1):
                    if cost is None or k + w >= width:
                        continue
                    total = here + cost - moved
                    if total > after[k + w]:
                        after[k + w], came[k + w] = total, k
            back.append(came)
            score = after
        ends = {}
        for k in range(1, width):
            if score[k] != none:
                inside = start + k < len(tokens) and not tokens[start + k].first
                ends[start + k] = score[k] - (1.0 if inside else 0.0)
        return ends, back


def _read_rows(tokens: Sequence[_Token], roles: Sequence[str]) -> tuple[list[list[_Span]], float]:
    """The tokens read as rows: the reading of best score over every way to end each row, and
    its score."""
    costs = _Costs(tokens, roles)
    total: list[tuple[float, int] | None] = [None] * (len(tokens) + 1)
    total[0] = (0.0, 0)
    for start in range(len(tokens)):
        here = total[start]
        if here is None:
            continue
        for end, score in costs.row(start)[0].items():
            there = total[end]
            if there is None or here[0] + score > there[0]:
                total[end] = (here[0] + score, start)
    starts: list[tuple[int, int]] = []
    end = len(tokens)
    while end:
        found = total[end]
        if found is None:
            raise ValueError("tokens no column of the header takes")
        starts.append((found[1], end))
        end = found[1]
    rows = []
    for start, end in reversed(starts):
        back = costs.row(start)[1]
        spans: list[_Span] = []
        k = end - start
        for c in range(len(roles) - 1, -1, -1):
            before = back[c][k]
            spans.append((start + before, start + k))
            k = before
        rows.append(spans[::-1])
    whole = total[len(tokens)]
    return rows, whole[0] if whole is not None else 0.0


# -- the text above the header ---------------------------------------------------------------


def _label(text: str) -> bool:
    return simplified(text).startswith(_LABELS)


def _rows_before(tokens: Sequence[_Token]) -> list[SourceRow]:
    """The tokens above the header as rows: a row from each of the forms' labels to the next
    (the label's colon dropped), and a line's text before its first label as prose."""
    joined: list[_Token] = []
    for token in tokens:
        if joined and not token.first and _BRACKET.match(token.text):
            joined[-1] = _Token(
                f"{joined[-1].text} {token.text}", joined[-1].line, joined[-1].first
            )
        else:
            joined.append(token)
    rows: list[SourceRow] = []
    run: list[_Token] = []

    def close() -> None:
        if not run:
            return
        cells = [t.text for t in run]
        if _label(cells[0]):
            cells[0] = cells[0].rstrip(":：") or cells[0]
        if len(cells) > 1 and _label(cells[0]):
            rows.append(SourceRow(tuple(cells), run[0].line))
        else:
            rows.append(SourceRow((" ".join(cells),), run[0].line, prose=True))
        run.clear()

    for token in joined:
        if token.first or _label(token.text):
            close()
        run.append(token)
    close()
    return rows


# -- the reader ------------------------------------------------------------------------------


def read_spaced(lines: Sequence[str], *, label: str = "<text>") -> Source | None:
    """The rows of a text whose cells are apart by single spaces, or of its cells run together
    where that reading gives more rows whose cells fit their columns; ``None`` when it is
    neither."""
    spaced, ends_line = _read(lines, label)
    if spaced is not None and not ends_line:
        return spaced  # a header inside a line, which the run-together reader does not read
    # A space read as a wrapped cell's only where the text reads as no spaced table either.
    together = read_run_together(list(lines), label=label, unwrap=spaced is None)
    if spaced is None or together is None:
        return spaced or together
    fused = any(f.kind == "fused-cells" for f in together.findings)
    ahead = _fitting(together) - _fitting(spaced)
    return together if ahead > 0 or (fused and ahead == 0) else spaced


def _fitting(source: Source) -> int:
    """How many of a reading's rows have a name, a target and cells that each fit their
    column, less twice those that do not (a row read wrong is worse than one left to enter);
    each project's rows under its own header, its label rows (项目名称 X …) and total no rows,
    a label read inside a row (项目名称 as a name) a row read wrong."""
    roles: list[str] | None = None
    count = 0
    for row in source.rows:
        if row.prose:
            continue
        words = [column_name(c) for c in row.cells]
        if sum(header_word(c) for c in row.cells) >= 3 and set(words) & ANCHORS:
            roles = column_roles(row.cells)
            continue
        if roles is None or simplified(row.cells[0]) in TOTALS or _label(row.cells[0]):
            continue
        cells = {r: c for r, c in zip(roles, row.cells, strict=False) if c}
        if set(cells) <= {"level1", "level2"}:
            continue
        fits = all(
            fit(r, c) is not None and not block_start(simplified(c)) for r, c in cells.items()
        )
        count += 1 if fits and "name" in cells and "target" in cells else -2
    return count


def _tokens(lines: Sequence[str]) -> tuple[list[_Token], list[ImportFinding]]:
    """The tokens of the lines: a header word or a level name wrapped over lines of their own
    (``一级`` / ``指标``) joined, a line of only dashes (empty cells) left out, and a level name
    or a total's word run together with the cell after it (``时效指标发放及时率``, ``合计100``)
    split off, each split a finding; a level name's points after it (``产出指标 (50分)``, or
    ``(40-50)分`` on the next line, where the cell wrapped) are one token with it."""
    tokens: list[_Token] = []
    findings: list[ImportFinding] = []
    kept = [
        (n, line)
        for n, line in enumerate(lines, start=1)
        if line.strip() and not re.fullmatch(r"[\s\-—–/]+", line)
    ]
    numbers = [n for n, _ in kept]
    lines = [line for _, line in kept]
    k = 0
    while k < len(lines):
        wrapped = _wrapped(lines, k)
        if wrapped is not None:
            tokens.append(_Token(wrapped[0], numbers[k], True))
            k = wrapped[1]
            continue
        number = numbers[k]
        for n, text in enumerate(lines[k].split()):
            if tokens and _level_without_points(tokens[-1].text) and POINTS.fullmatch(text):
                last = tokens[-1]
                joined = f"{last.text}{'' if n == 0 else ' '}{text}"  # a wrapped cell's lines
                tokens[-1] = _Token(joined, last.line, last.first)
                continue
            word = _fused(text)
            tokens.append(_Token(text if word is None else word, number, n == 0))
            if word is not None:
                tokens.append(_Token(text[len(word) :], number, False))
                action = f"a cell run together with the next, split by the form's words: {word}"
                findings.append(ImportFinding(Place(line=number), text, action, kind="fused-cells"))
        k += 1
    return tokens, findings


def _level_without_points(text: str) -> bool:
    """Whether ``text`` is a level's name of the forms, printed without its points."""
    return form_level(text) is not None and POINTS.search(text) is None


def _wrapped(lines: Sequence[str], k: int) -> tuple[str, int] | None:
    """A header word or level name wrapped over lines of one word each from line ``k``, and
    the line after it; the last piece may start a line of more cells (``指标`` of ``三级指标 …``
    is not joined: only whole lines are)."""
    first = lines[k].strip()
    if not first or " " in first or header_word(first) or form_level(first):
        return None
    for size in (2, 3):
        pieces = [line.strip() for line in lines[k : k + size]]
        if len(pieces) < size or any(not p or " " in p for p in pieces):
            return None
        joined = "".join(pieces)
        if header_word(joined) or form_level(joined):
            return joined, k + size
    return None


def _fused(text: str) -> str | None:
    """The level name or total's word ``text`` starts with, if more than its points follow."""
    for word in sorted(LEVEL1 | LEVEL2 | TOTALS, key=len, reverse=True):
        rest = text[len(word) :]
        if text.startswith(word) and rest and not POINTS.match(rest):
            if word in TOTALS and not NUMBER.match(rest):
                continue  # 合计培训补贴发放金额: an indicator's name
            return word
    return None


def _read(lines: Sequence[str], label: str) -> tuple[Source | None, bool]:
    """The text read, a form after each header (a second project's after the first's total),
    and whether the first header ends its line."""
    tokens, split = _tokens(lines)
    found = _header(tokens)
    if found is None:
        return None, False
    ends_line = found[1] == len(tokens) or tokens[found[1]].first
    rows: list[SourceRow] = []
    findings = [f for f in split if f.where.line and f.where.line >= tokens[found[0]].line]
    done = 0
    while found is not None:
        start, end = found
        columns = [t.text for t in tokens[start:end]]
        below = _line_after(tokens, end)
        merged = None
        if below:
            merged = sub_columns(columns, column_roles(columns), [t.text for t in below])
        if merged is not None:
            action = (
                "a header over two lines, the second naming parts of the first's columns "
                f"(a target's, a score's): read as one, {' · '.join(merged)}"
            )
            words = " ".join(t.text for t in tokens[start : end + len(below)])
            findings.append(
                ImportFinding(Place(line=tokens[start].line), words, action, kind="placement")
            )
            columns, end = merged, end + len(below)
        printed = [t.text for t in tokens[start:end]]  # the header's words, both lines
        tokens, breaks = _page_breaks_left_out(tokens, end, printed)
        findings += breaks
        body, after = _body(tokens[end:])
        try:
            columns, roles, spans, notes = fitted(
                partial(_read_rows, body), columns, column_roles(columns)
            )
        except ValueError:
            return None, ends_line  # tokens no column of this header takes
        where = Place(line=tokens[start].line)
        findings += [ImportFinding(where, " ".join(columns), n, kind="placement") for n in notes]
        rows += [*_rows_before(tokens[done:start]), SourceRow(tuple(columns), tokens[start].line)]
        findings.append(
            ImportFinding(
                Place(line=tokens[start].line),
                " ".join(columns),
                f"read as cells apart by single spaces: {len(spans)} rows of {len(columns)} "
                "columns, each cell placed by what it is",
                kind="source",
            )
        )
        for row in spans:
            _add_row(body, row, columns, roles, rows, findings)
        done = end + len(body) + _total(after)
        rows += _rows_after(after[: _total(after)], len(columns))
        found = _header(tokens, done)
    rows += _rows_after(tokens[done:], 0)
    return Source(label, tuple(rows), tuple(findings)), ends_line


def _line_after(tokens: Sequence[_Token], end: int) -> list[_Token]:
    """The tokens of the line from ``end`` where a line starts there (a header's next line)."""
    if end >= len(tokens) or not tokens[end].first:
        return []
    k = end + 1
    while k < len(tokens) and not tokens[k].first:
        k += 1
    return list(tokens[end:k])


def _page_breaks_left_out(
    tokens: list[_Token], end: int, header: list[str]
) -> tuple[list[_Token], list[ImportFinding]]:
    """The tokens without the pages' ends after the header ending at ``end`` (see
    `page_breaks_left_out`); a page's number that a cell may also read (``2``) is a page's
    where it is a line of its own."""

    def alone(i: int, j: int) -> bool:
        return tokens[i].first and (j == len(tokens) or tokens[j].first)

    texts = [t.text for t in tokens]
    lines = [t.line for t in tokens]
    return page_breaks_left_out(tokens, texts, lines, end, header, alone=alone)


def _body(tokens: Sequence[_Token]) -> tuple[list[_Token], list[_Token]]:
    """The table's tokens, and those from where it ends: a total (合计, 总分), a note (注:), a
    signature line (填表人) or the next project's block (项目名称 …, where the form prints no
    total)."""
    for k, token in enumerate(tokens):
        word = simplified(token.text)
        if word in TOTALS or block_start(word) or (token.first and AFTER_TABLE.match(word)):
            return list(tokens[:k]), list(tokens[k:])
    return list(tokens), []


def _total(tokens: Sequence[_Token]) -> int:
    """How many tokens the total row the tokens start with has: its word (合计, 总分) and the
    numbers or grade after it; 0 where they start with none."""
    if not tokens or simplified(tokens[0].text) not in TOTALS:
        return 0
    k = 1
    while k < len(tokens) and (
        NUMBER.match(tokens[k].text) or simplified(tokens[k].text) in GRADES
    ):
        k += 1
    return k


def _rows_after(tokens: Sequence[_Token], width: int) -> list[SourceRow]:
    """The total row the tokens start with, then lines of prose."""
    k = _total(tokens)
    rows = []
    if k:
        cells = [t.text for t in tokens[:k]]
        rows.append(SourceRow(tuple(cells + [""] * (width - len(cells))), tokens[0].line))
    line: list[_Token] = []
    for token in [*tokens[k:], _Token("", 0, True)]:
        if token.first and line:
            rows.append(SourceRow((" ".join(t.text for t in line),), line[0].line, prose=True))
            line = []
        line.append(token)
    return rows


def _add_row(
    tokens: Sequence[_Token],
    spans: Sequence[_Span],
    columns: Sequence[str],
    roles: Sequence[str],
    rows: list[SourceRow],
    findings: list[ImportFinding],
) -> None:
    """One row read: its cells, or a line to act on when it has no name, no target or none of
    the header's 分值 and 得分; and a finding that says how its cells were told apart."""
    cells = [" ".join(t.text for t in tokens[i:j]) for i, j in spans]
    swapped = _swap_direction(cells, roles)
    first, last = spans[0][0], spans[-1][1]
    text = " ".join(t.text for t in tokens[first:last])
    where = Place(line=tokens[first].line)
    filled = {role for role, cell in zip(roles, cells, strict=True) if cell}
    if filled <= {"level1", "level2"}:
        rows.append(SourceRow(tuple(cells), tokens[first].line))
        return
    numbers = {"weight", "points"} & set(roles)
    if not {"name", "target"} <= filled or (numbers and not numbers & filled):
        rows.append(SourceRow((text,), tokens[first].line, prose=True))
        action = (
            f"cells apart by single spaces that do not read as a row of its {len(columns)} "
            "columns (a name, a target and its 分值 or 得分): kept as a line of text, for a "
            "person to enter"
        )
        findings.append(ImportFinding(where, text, action, kind="unplaced"))
        return
    rows.append(SourceRow(tuple(cells), tokens[first].line))
    written = [k for k, cell in enumerate(cells) if cell and roles[k] not in ("level1", "level2")]
    whole_line = (
        tokens[first].first
        and (last == len(tokens) or tokens[last].first)
        and not any(t.first for t in tokens[first + 1 : last])
    )
    joined = any(j - i > 1 for i, j in spans)
    gaps = any(not cells[k] for k in range(written[0], written[-1] + 1))
    shown = ", ".join(f"{c} {cell!r}" for c, cell in zip(columns, cells, strict=True) if cell)
    if swapped:
        shown += " (a direction under 指标性质 and a comparison under 指标方向: swapped)"
    above = _score_above_weight(cells, roles)
    if above:
        shown += " (得分 above 分值: check which number is which)"
    if whole_line and not joined and not gaps and not swapped and not above:
        action = f"cells apart by single spaces, one a token, in order: {shown}"
        severity = Severity.NOTE
    else:
        action = f"cells apart by single spaces, placed by what each is: {shown}"
        severity = Severity.WARNING
    findings.append(ImportFinding(where, text, action, kind="placement", severity=severity))


def _score_above_weight(cells: Sequence[str], roles: Sequence[str]) -> bool:
    """Whether a row's 得分 is above its 分值 (no form scores above the weight)."""
    if "weight" not in roles or "points" not in roles:
        return False
    weight, points = cells[roles.index("weight")], cells[roles.index("points")]
    if not (NUMBER.match(weight) and NUMBER.match(points)):
        return False
    return float(points.replace(",", "")) > float(weight.replace(",", ""))


def _swap_direction(cells: list[str], roles: Sequence[str]) -> bool:
    """A direction (正向) under 指标性质 and a comparison (=) under 指标方向, as some provinces'
    forms print them, each put in the column of its kind; whether they were."""
    if "op" not in roles or "direction" not in roles:
        return False
    op, direction = roles.index("op"), roles.index("direction")
    if (
        direction_of(cells[op])
        and nature_of(cells[direction])
        and not direction_of(cells[direction])
    ):
        cells[op], cells[direction] = cells[direction], cells[op]
        return True
    return False
