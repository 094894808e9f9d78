"""The rows of a run-together table body: each piece placed by what it is.

After the header, a copy that lost every separator gives the rows as one string
(``产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10水标尺宽度10…``). The levels are the
form's words (``LEVEL_NAMES``, with the points a level may print: ``产出指标(70分)``, or a range
of them, ``成本指标(0-20)分``) and cut the text into stretches; each stretch is a sequence of
rows, and each row the header's other columns in their printed order, every cell read as what
its column holds:

- a 分值 or 得分: a number (a 分值 at most the level's points, or 100);
- a target or an actual: the notation's reading of a comparison, number and unit
  (``≥266米``, ``= 8个``, ``100%``, ``475元/亩``, ``2021年12月完成``), or a text
  (``显著提升``, ``持续发挥作用``, ``达到预期``, a word of one character such as ``高`` or
  ``无``; another character alone, ``率``, is a name's last);
- a unit, a 指标性质 (定量/定性), a 得分系数 (a percent), a 是/否;
- a 指标方向性: the forms' direction words (``正向指标``, ``反向``), a cell of their own that no
  name starts with (``正向指标覆盖率`` is 正向指标 | 覆盖率);
- a 偏差原因 of 无 (nothing to explain): a cell of its own, that no name starts with;
- a name, a reason, an explanation: free text, ending where the next cell can begin (before a
  number or a sign, at a line's end, or where the copy's page broke: a site's page number at a
  line's start, taken out, falls between two cells or inside one). A comparison (each
  spelling the notation reads: ``=``, ``＝``, ``==``, ``≧``, ``>=`` …) starts the target after
  it and is never a text's last character: ``培训次数=8个`` is 培训次数 | =8个.

Where several readings fit (``1020万元`` = 10 | 20万元 or 102 | 0万元), the one the form's rules
prefer is taken: a 得分 not above its 分值, an actual that repeats its target, numbers not cut
where no cell ends, no cell left empty that the row can fill. Every row is a finding that shows
its cells, and names the next-best reading where one came close.

>>> walk = walk_body("产出指标(70分)数量指标安装标尺10≥266米≥266米10"
...                  "成本指标项目总投资1020万元20万元10",
...                  ("level1", "level2", "name", "weight", "target", "actual", "points"))
>>> [row.cells for row in walk.rows]  # doctest: +NORMALIZE_WHITESPACE
[{'level1': '产出指标(70分)', 'level2': '数量指标', 'name': '安装标尺', 'weight': '10',
  'target': '≥266米', 'actual': '≥266米', 'points': '10'},
 {'level2': '成本指标', 'name': '项目总投资', 'weight': '10', 'target': '20万元',
  'actual': '20万元', 'points': '10'}]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from perfscore.errors import NotationError, PerfscoreError
from perfscore.notation._targets import parse_target
from perfscore.notation._tokenizer import Kind, tokenize
from perfscore.units import unit_names

from ._form_words import LEVEL_POINTS, SIGNS
from ._target_cells import LEVEL_NAMES, is_direction

__all__ = ["BodyRow", "Walk", "is_sign", "walk_body"]

_LEVEL_WORDS = sorted(
    {w for words in LEVEL_NAMES.values() for w in words if w.endswith("指标")}, key=len
)[::-1]
_LEVEL = re.compile("(?:" + "|".join(_LEVEL_WORDS) + f")(?:{LEVEL_POINTS})?")
# A level printed with its points, out of the vocabulary (项目决策(10分), a damaged 顼目产出(30分)):
# four characters and (N分); no indicator's name carries points.
_POINTED = r"[\u4e00-\u9fffA-Za-z]{4}[(（]\d+(?:\.\d+)?分[)）]"
# The level-2 names of the common-indicator framework, whose level-1s are 项目决策, 项目管理,
# 项目产出 and 项目效益: read only in a form that prints those.
_FRAMEWORK = ("项目目标", "项目立项", "绩效目标", "资金投入", "投入管理", "财务管理", "资金管理",
              "组织实施", "项目实施")  # fmt: skip
# A template's numbered line (指标1:, 指标2:, 指标L before 指标2:). Left empty (a level's name,
# another numbered line, …… or the end next) it is no row; before a name (指标1:培训人次) it is
# left out too, since run together its number would read as a cell (指标 | 1), and that is a
# finding naming the name.
_PLACEHOLDER = re.compile(r"指标[\dLlI]{1,2}[:：]|指标[\dLlI](?=指标[\dLlI]{1,2}[:：])")
_NO_NAME = re.compile(rf"$|指标[\dLlI]|…|\.\.\.|{_LEVEL.pattern}|{_POINTED}")
_LEVELS = re.compile(f"{_LEVEL.pattern}|{_POINTED}")
_LEVELS_FRAMEWORK = re.compile(f"{_LEVEL.pattern}|{_POINTED}|{'|'.join(_FRAMEWORK)}")
_BARE = re.compile(f"(?:{LEVEL_POINTS})$")  # a level's points after its name, (70分), (0-20)分
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A figure, perhaps after its comparison (printed apart from it by a space: ≥ 500人次).
_QUANTITY = re.compile(rf"(?:[{SIGNS}]=?[ \u3000]?)?\d")
_NATURE = re.compile(r"定量指标|定性指标|定量|定性")
# 指标性质 words whose characters a copy may give out of order (性标定指: 定性指标).
_SCRAMBLED = {"".join(sorted(w)): w for w in ("定量指标", "定性指标")}
_RATIO = re.compile(r"\d+(?:\.\d+)?%")
# Qualitative targets a goal form's row may end with (稳步提高, 显著提升, 不超预算, 发挥作用).
_DEGREE = re.compile(
    r"(?:稳步|显著|明显|有所|逐步|进一步|持续|不断|大幅|有效)(?:提高|提升|改善|增强|增加|下降|降低|减少)"
    r"|不超预算|不超过预算"
    # an outcome the row expects: 持续发挥作用, 充分发挥效益, 达到预期, 基本达到预期效果
    r"|(?:持续|充分|有效|积极)?发挥(?:作用|效益|效果)|(?:基本)?达到预期(?:目标|效果|水平)?"
)
# A dash for a cell with nothing to say (一 as a copy gives —, -, /).
_DASHES = "一-—/／"
# Qualitative targets and results of one word (是, 高, 无 …), and the dashes.
_WORDS = frozenset(
    ("是", "否", "高", "低", "好", "优", "良", "中", "差", "无", "良好", "较好", "达到", "基本达到",
     "部分达到", "未达到", "达标", "完成", "已完成", *_DASHES)
)  # fmt: skip
# The forms' word for a 偏差原因 with nothing to explain: a cell of its own, no name's start.
_NONE = "无"
_DEGREE_BEFORE = re.compile(f"(?:{_DEGREE.pattern})$")
_FREE_KINDS = {"name": 60, "reason": 80, "explain": 60, "other": 40, "value": 16}
_ROW_END = re.compile(r"[\d%][是否](?!否)")
_LEADING_ZERO = re.compile(rf"(?:[{SIGNS}]=?[ \u3000]?)?0\d")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
# What leaving a column empty costs: a row that can fill it is the likelier reading.
_EMPTY = {
    "target": 2.0, "actual": 2.0, "weight": 2.5, "points": 2.5, "unit": 1.0, "nature": 1.0,
    "target2": 0.2, "ratio": 1.5, "yesno": 2.0, "reason": 0.0, "explain": 1.5, "other": 0.3,
}  # fmt: skip
_KEEP = 3  # readings kept per place in the row


@dataclass(frozen=True)
class BodyRow:
    """One row read: its cells by kind, where it is in the body, its text, and the next-best
    reading of the same text (when one came within reach)."""

    cells: dict[str, str]
    start: int
    end: int
    text: str
    other: dict[str, str] | None = None


@dataclass
class Walk:
    """The rows read from a body, and the texts no row could hold (a row the copy cut off)."""

    rows: list[BodyRow] = field(default_factory=list)
    left: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sums: list[str] = field(default_factory=list)
    """Levels whose rows' 分值 do not add to the points the level prints."""


@cache
def _quantity(text: str) -> bool:
    """Whether the notation reads ``text`` as a number, a comparison or a date (no text), in a
    unit the registry knows or a count word of one character (亩, 粒), or one of those per
    another (元/亩, 万元/公里): ``2可行性`` is a number and the next cell, not 2 of a unit
    可行性."""
    try:
        target = parse_target(text)
    except (PerfscoreError, ValueError):
        return False
    if target.op == "定性":
        return False
    names = unit_names()
    return all(len(u) == 1 or u in names for u in re.split("[/·]", target.unit or "") if u)


def _direction_at(s: str, pos: int, end: int) -> int | None:
    """The end of the longest 指标方向性 word of two characters or more at ``pos`` (正向指标,
    反向, 越大越好), or None: a direction is a cell of its own, never the start of a name."""
    for p in range(min(end, pos + 5), pos + 1, -1):
        if is_direction(s[pos:p]):
            return p
    return None


@cache
def is_sign(c: str) -> bool:
    """Whether the notation reads the character ``c`` as a comparison (≥ ≤ > < = in each
    spelling it takes: ≧, ＝, ═, the halves of >= and ==): one starts a target, and ends no
    text.

    >>> is_sign("＝"), is_sign("≧"), is_sign("率")
    (True, True, False)
    """
    try:
        return next(tokenize(c, words=True)).kind is Kind.OP
    except NotationError:
        return False


def _free_ends(
    s: str, pos: int, end: int, kind: str, breaks: frozenset[int] = frozenset()
) -> Iterator[int]:
    """Where a free text starting at ``pos`` may end: before a number or a sign, at a line's
    end or where the copy's page broke (``breaks``), before an explanation (反映…) or a
    qualitative word, or at the stretch's end."""
    limit = min(end, pos + _FREE_KINDS.get(kind, 40))
    degree = _DEGREE.match(s, pos, end)  # a qualitative target ends after it (达到 | 预期: no)
    for p in range(pos + 1, limit + 1):
        if p == end:
            yield p
            continue
        if degree is not None and p < degree.end():
            continue
        if is_sign(s[pos:p].rstrip()[-1:]):
            continue  # a comparison starts the target after it, and ends no text (培训次数|=8个)
        c, before = s[p], s[p - 1]
        if (
            (c.isdigit() and not before.isdigit() and not s[p - 2 : p].replace(".", "").isdigit())
            or (c in SIGNS and before not in SIGNS)
            or c == "\n"
            or p in breaks
            or (kind == "name" and (c == "%" or s[p + 1 : p + 2].isdigit()))
            or s.startswith("反映", p)
            or (c in "是否" and not s.startswith("是否", p - 1))
            or _DEGREE.match(s, p) is not None
            or _DEGREE_BEFORE.search(s, max(pos, p - 8), p) is not None
            or s[pos:p] in _WORDS  # a one-word value (是, 高, a dash) ends there
            or (kind in ("other", "direction") and p == _direction_at(s, pos, end))
            or _doubled(s, p, end)
        ):
            yield p


def _doubled(s: str, p: int, end: int) -> bool:
    """Whether a text printed twice starts at ``p`` before a figure (an actual repeating its
    target: 高高100%, 好好100%)."""
    for n in range(1, 17):
        after = p + 2 * n
        if after <= end and s[p : p + n] == s[p + n : after] and _QUANTITY.match(s, after, end):
            return not _QUANTITY.match(s, p, end)
    return False


def _numbers(s: str, pos: int, end: int, limit: float) -> Iterator[tuple[int, str, float]]:
    run = _NUMBER.match(s, pos, end)
    if run is None:
        return
    text = run.group()
    for k in range(1, len(text) + 1):
        piece = text[:k]
        if piece.endswith(".") or (len(piece) > 1 and piece[0] == "0" and piece[1] != "."):
            continue
        if float(piece) > limit:
            break
        yield pos + k, piece, 0.0 if k == len(text) else 1.0


def _values(
    s: str, pos: int, end: int, breaks: frozenset[int] = frozenset()
) -> Iterator[tuple[int, str, float]]:
    """A target's or an actual's readings: the notation's, its longest reading first (a
    shorter one costs more, one cut inside a number the most), then a text."""
    if _QUANTITY.match(s, pos, end):
        shorter = 0.0
        for p in range(min(end, pos + 16), pos, -1):
            piece = s[pos:p]
            if _quantity(piece) and not _LEADING_ZERO.match(piece):
                cut = 2.0 if s[p - 1 : p + 1].isdigit() and p < end else 0.0
                yield p, piece, cut + shorter
                shorter = 0.5
    ends = set(_free_ends(s, pos, end, "value", breaks))
    ends |= {pos + n for n in range(1, 17) if s.startswith(s[pos : pos + n], pos + n)}
    for p in sorted(e for e in ends if e <= end):
        piece = s[pos:p]
        if (_HAN.search(piece) or _DIGIT.search(piece)) and not _quantity(piece):
            if piece[0] in "%％":
                continue  # a percent sign ends the figure before it
            repeat = s.startswith(piece, p)
            # a level's or a name's word, or an explanation (反映…), is no value
            named = 3.0 if "指标" in piece or "反映" in piece else 0.0
            numbers = len(_NUMBER.findall(piece))  # a figure the copy damaged (^80%, 5=50%)
            ends_row = 4.0 * len(_ROW_END.findall(piece)) + 2.0 * piece.strip().count("\n")
            worded = _DEGREE.fullmatch(piece) is not None or piece in _WORDS  # 稳步提高, 是, 高
            base = 0.5 if repeat or worded else 1.5
            # one character that is no value of one word (率, 数): the end of a name
            base += 2.0 if len(piece) == 1 and not worded else 0.0
            base += 1.5 if piece.startswith("\n") else 0.0  # a cell starts a line: a row does
            yield p, piece, base + numbers + named + ends_row


@lru_cache(maxsize=65536)
def _candidates(
    s: str, pos: int, end: int, kind: str, limit: float, breaks: frozenset[int]
) -> tuple[tuple[int, str, float], ...]:
    """Each reading of a cell of ``kind`` starting at ``pos``: (its end, its text, its cost)."""
    return tuple(_readings(s, pos, end, kind, limit, breaks))


def _readings(
    s: str, pos: int, end: int, kind: str, limit: float, breaks: frozenset[int]
) -> Iterator[tuple[int, str, float]]:
    if kind in ("weight", "points"):
        yield from _numbers(s, pos, end, limit if kind == "weight" else 100.0)
    elif kind in ("target", "actual", "target2"):
        cut = 1.0 if 0 < pos < end and s[pos - 1].isdigit() and s[pos].isdigit() else 0.0
        cut += 1.0 if kind == "target2" else 0.0  # an adjusted target is seldom printed
        yield from ((e, piece, cost + cut) for e, piece, cost in _values(s, pos, end, breaks))
    elif kind == "unit":
        for size in (2, 1):
            piece = s[pos : pos + size]
            # a unit cell is followed by a figure in that unit (after the 指标性质, if any)
            figure = re.compile(rf"(?:.{{4}})?[{SIGNS}]?=?\d+(?:\.\d+)?{re.escape(piece)}")
            if pos + size <= end and not _DIGIT.search(piece) and figure.match(s, pos + size):
                yield pos + size, piece, 0.0
    elif kind == "nature" and (word := _SCRAMBLED.get("".join(sorted(s[pos : pos + 4])))):
        yield pos + 4, s[pos : pos + 4], 0.0 if word == s[pos : pos + 4] else 1.0
    elif kind == "direction" and (stop := _direction_at(s, pos, end)) is not None:
        yield stop, s[pos:stop], 0.0  # 正向指标, 反向: the column's word, a cell of its own
    elif kind in ("nature", "ratio", "yesno"):
        pattern = {"nature": _NATURE, "ratio": _RATIO, "yesno": re.compile("[是否]")}[kind]
        m = pattern.match(s, pos, end)
        if m is not None and not _LEADING_ZERO.match(m.group()):
            yield m.end(), m.group(), 0.0
    else:
        for p in _free_ends(s, pos, end, kind, breaks):
            piece = s[pos:p]
            if re.search(r"[\u4e00-\u9fff]", piece):
                cost = 0.0 if kind != "explain" or piece.startswith("反映") else 2.0
                if kind == "explain" and "反映" in piece[1:]:
                    cost += 3.0  # an explanation (反映…) further on: the next row's
                cost += _numbers_in(piece, 1.0 if kind == "name" else 1.5)
                cost += 1.0 * piece.strip().count("\n")  # a line's end is likelier a cell's
                if kind == "name" and _DEGREE.search(piece, 1):
                    cost += 3.0  # a qualitative target (不超预算) inside a name: the next cell
                if kind == "name" and _direction_at(s, pos, end) is not None:
                    cost += 4.0  # a direction (正向指标) starts no name: the last row's cell
                yield p, piece, cost + (1.0 if kind == "reason" and piece != _NONE else 0.0)


def _numbers_in(piece: str, each: float) -> float:
    """What the numbers inside a free text cost: a number is likelier a cell of its own, a
    percent or a bare % sign the more so; a 是/否 after a figure is a row's last cell, and a
    second explanation (反映…) the next row's."""
    cost = each * (len(_NUMBER.findall(piece)) + 2 * piece.count("%"))
    cost += 4.0 * len(_ROW_END.findall(piece))
    return cost + 2.0 * max(0, piece.count("反映") - 1)


Reading = tuple[float, tuple[tuple[str, str], ...]]


def _rows_at(
    s: str, pos: int, end: int, kinds: tuple[str, ...], limit: float, breaks: frozenset[int]
) -> dict[int, list[Reading]]:
    """Each place a row starting at ``pos`` can end, with its best readings (cost, cells)."""
    layer: dict[int, list[Reading]] = {pos: [(0.0, ())]}
    for kind in kinds:
        nxt: dict[int, list[Reading]] = {}
        for at, readings in layer.items():
            options = list(_candidates(s, at, end, kind, limit, breaks)) if at < end else []
            if kind == "name" and "reason" in kinds and s.startswith(_NONE, at):
                # 无 after a row: its 偏差原因 (无 | 覆盖率), no name's start
                options = [(e, piece, cost + 2.0) for e, piece, cost in options]
            if kind != "name":
                options.append((at, "", _EMPTY.get(kind, 1.0)))
            for e, piece, cost in options:
                for base, cells in readings:
                    nxt.setdefault(e, []).append((base + cost, (*cells, (kind, piece))))
        layer = {e: sorted(r)[:_KEEP] for e, r in nxt.items()}
    out: dict[int, list[Reading]] = {}
    for e, readings in layer.items():
        scored = sorted(
            (c + _agreement(dict(cells)) + _after(s, e, end), cells) for c, cells in readings
        )
        out[e] = scored[:_KEEP]
    return out


def _agreement(cells: dict[str, str]) -> float:
    """What the form's rules say of a row's cells together: an actual that repeats its target
    (likely), a 得分 above its 分值 (impossible)."""
    cost = 0.0
    if cells.get("target") and cells.get("target") == cells.get("actual"):
        cost -= 2.5
    weight, points = cells.get("weight"), cells.get("points")
    if weight and points:
        cost += 4.0 if float(points) > float(weight) else (-0.5 if points == weight else 0.0)
        if float(weight) == 0:
            cost += 3.0
    if cells.get("reason") and weight and points and float(points) < float(weight):
        cost -= 1.0  # a row that lost points gives its reason
    return cost


def _after(s: str, e: int, end: int) -> float:
    """A row that ends inside a number, or not at a line's end where the next begins a line."""
    if e < end and s[e].isdigit() and s[e - 1 : e].isdigit():
        return 3.0
    return 0.0


def _left_cost(s: str, at: int, end: int, before_level: bool) -> float:
    """What leaving ``s[at:end]`` unread costs: much, the more the longer; little for a short
    line of words right before a level's name (its start: 社会公众或 | 服务对象满意度指标)."""
    rest = s[at:end].strip()
    if not rest:
        return 0.0
    if before_level and "\n" in s[max(0, at - 1) : at + 1] and not _DIGIT.search(rest):
        return 1.0 if len(rest) <= 12 else 8.0
    if before_level and len(rest) <= 3 and not _HAN.search(rest):
        return 2.0  # a copy's noise before a level (IO for a damaged 10): said, not read
    return 8.0 + 0.3 * len(rest)


def _stretch(
    s: str,
    start: int,
    end: int,
    kinds: tuple[str, ...],
    limit: float,
    before_level: bool,
    breaks: frozenset[int],
) -> tuple[list[BodyRow], int]:
    """The rows of ``s[start:end]`` (between two levels), and where the rows stop (a text no
    row reads, such as a row the copy cut off, is left from there). Read forward, from each
    place a row can end: the cheapest reading of rows, then what is left (dear: a text left
    unread costs more the longer it is)."""
    reached: dict[int, tuple[float, list[BodyRow]]] = {start: (0.0, [])}
    pos = start
    while pos < end:
        if pos in reached and s[pos] == "\n":
            # past the line's end, unless a cheaper reading got there (a dearer one that ran
            # over the line's end, 培训人次=8个 | 1\n, does not hide a row ending at it)
            if pos + 1 not in reached or reached[pos][0] < reached[pos + 1][0]:
                reached[pos + 1] = reached[pos]
        elif pos in reached:
            base, before = reached[pos]
            for e, readings in _rows_at(s, pos, end, kinds, limit, breaks).items():
                cost, cells = readings[0]
                row = _row(s, pos, e, cells, readings[1:2], cost)
                if row is not None and (e not in reached or base + cost + 0.5 < reached[e][0]):
                    reached[e] = (base + cost + 0.5, [*before, row])
        pos += 1
    _, rows = min(
        (
            (base + _left_cost(s, at, end, before_level), rows)
            for at, (base, rows) in reached.items()
        ),
        key=lambda option: option[0],
    )
    stop = rows[-1].end if rows else start
    return rows, stop


def _row(
    s: str,
    pos: int,
    e: int,
    cells: tuple[tuple[str, str], ...],
    second: list[Reading],
    cost: float,
) -> BodyRow | None:
    """A row read, with its next-best reading where it came within reach; ``None`` for a
    name alone (no cell of the row but its name: a row the copy cut, or a text)."""
    if not any(v for k, v in cells if k != "name"):
        return None
    other = second[0][1] if second and second[0][0] - cost < 1.0 else None
    return BodyRow(
        {k: v.replace("\n", "") for k, v in cells if v},
        pos,
        e,
        s[pos:e].replace("\n", ""),
        None if other is None else {k: v for k, v in other if v},
    )


def _numbering_out(body: str, walk: Walk, breaks: Iterable[int]) -> tuple[str, frozenset[int]]:
    """``body`` without the template's numbered lines (``_PLACEHOLDER``), and ``breaks``
    where they are in it then; each numbered line left out before a name is a note naming it
    (the label and the text after it, to the next one)."""
    found = list(_PLACEHOLDER.finditer(body))
    pages = frozenset(
        b - sum(min(m.end(), b) - m.start() for m in found if m.start() < b) for b in breaks
    )
    for k, match in enumerate(found):
        if _NO_NAME.match(body, match.end()) is None:
            stop = found[k + 1].start() if k + 1 < len(found) else len(body)
            walk.notes.append(
                f"{body[match.start() : min(stop, match.end() + 30)]}: the form's numbering "
                f"{match.group()} before the name left out of it"
            )
    return _PLACEHOLDER.sub("", body), pages


def walk_body(body: str, kinds: tuple[str, ...], breaks: Iterable[int] = ()) -> Walk:
    """Read the rows of ``body`` (the text after the header) by the header's column ``kinds``;
    ``breaks`` are where the copy's page broke (its page number taken out): a cell may end
    there, or go on over it."""
    walk = Walk()
    row_kinds = tuple(k for k in kinds if k not in ("level1", "level2"))
    body, pages = _numbering_out(body, walk, breaks)
    framework = re.search(r"项目(?:决策|管理)[(（]\d", body) is not None
    pattern = _LEVELS_FRAMEWORK if framework else _LEVELS
    found = list(pattern.finditer(body)) if {"level1", "level2"} & set(kinds) else []
    # a level's word again right after it is the name's start (财务管理 | 财务管理制度有效性)
    levels = [
        m for i, m in enumerate(found)
        if not (i and found[i - 1].group() == m.group() and found[i - 1].end() == m.start())
    ]  # fmt: skip
    bounds = [0, *(m.start() for m in levels), len(body)]
    pending: dict[str, str] = {}
    prefix: dict[int, str] = {}
    current = ""  # the 一级 the rows are under
    limit = 100.0
    for k, (start, end) in enumerate(itertools.pairwise(bounds)):
        if k > 0:
            level = levels[k - 1]
            start = level.end()
            word = prefix.get(k, "") + level.group()
            follows = k < len(levels) and levels[k].start() == level.end()
            bare = _bare(level.group())  # the vocabulary's word, without a wrapped start
            known = bare in LEVEL_NAMES[1] | LEVEL_NAMES[2] or bare in _FRAMEWORK
            is_two = bare in LEVEL_NAMES[2] or bare in _FRAMEWORK
            is_one = "level1" in kinds and (bare in LEVEL_NAMES[1] or not known)
            key = (
                "level1"
                if is_one and (not is_two or (follows and "level1" not in pending))
                else "level2"
            )
            pending[key] = word
            if key == "level1":
                current = word
            elif "满意度" in word and "满意度" not in current and "level1" in kinds:
                # a satisfaction level under no satisfaction 一级: one cell over both levels
                pending["level1"] = current = word
                walk.notes.append(f"{word}: one cell over both levels (一级 and 二级)")
            if (points := _points(word)) is not None and key == "level1":
                limit = points[1]
        before_level = k < len(levels)
        rows, stop = _stretch(body, start, end, row_kinds, limit, before_level, pages)
        for row in rows:
            walk.rows.append(
                BodyRow({**pending, **row.cells}, row.start, row.end, row.text, row.other)
            )
            pending = {}
        rest = body[stop:end].strip()
        if rest and before_level and _left_cost(body, stop, end, True) <= 1.0:
            prefix[k + 1] = rest
            walk.notes.append(
                f"{rest}: the start of the level name after it, {rest}{levels[k].group()}"
            )
        elif rest:
            walk.left.append((stop, rest))
    walk.rows = _none_either_way(walk.rows)
    walk.sums = _sums(walk.rows)
    return walk


def _none_either_way(rows: list[BodyRow]) -> list[BodyRow]:
    """``rows``, each one after a 偏差原因 of 无 also readable with its name starting with that
    无 (无 | 害化处理率 or 无害化处理率: the text cannot tell), which its finding then shows."""
    out = list(rows)
    for k in range(1, len(out)):
        before, row = out[k - 1], out[k]
        name = row.cells.get("name", "")
        if before.cells.get("reason") == _NONE and row.start == before.end and row.other is None:
            out[k] = replace(row, other={**row.cells, "name": _NONE + name})
    return out


def _sums(rows: list[BodyRow]) -> list[str]:
    """Each level-1 that prints its points (产出指标(70分)) whose rows' 分值 add to another sum:
    a split may have gone wrong there (or the form does not add up)."""
    totals: dict[str, float] = {}
    level = ""
    for row in rows:
        level = row.cells.get("level1", level)
        weight = row.cells.get("weight")
        if level and _points(level) and weight:
            totals[level] = totals.get(level, 0.0) + float(weight)
    out = []
    for level, total in totals.items():
        points = _points(level)
        assert points is not None
        least, most = points
        if total < least - 1e-9 or total > most + 1e-9:
            printed = f"{least:g}-{most:g}" if least != most else f"{most:g}"
            out.append(f"{level}: its rows' 分值 add to {total:g}, not the {printed} printed")
    return out


def _bare(word: str) -> str:
    return _BARE.sub("", word)


def _points(word: str) -> tuple[float, float] | None:
    """The least and the most of a level's points printed after its name (by the forms' one
    pattern, ``LEVEL_POINTS``): (70分) is 70 and 70, (0-20)分 is 0 and 20."""
    found = _BARE.search(word)
    if found is None:
        return None
    numbers = [float(n) for n in _NUMBER.findall(found.group())]
    return numbers[0], numbers[-1]
