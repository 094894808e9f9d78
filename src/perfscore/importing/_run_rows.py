"""The rows of a run-together table body: each piece placed by what it is.

After the header, a copy that lost every separator gives the rows as one string
(``产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10水标尺宽度10…``). The levels are the
form's words (``LEVEL_NAMES``, with the points a level may print: ``产出指标(70分)``) and cut the
text into stretches; each stretch is a sequence of rows, and each row the header's other columns
in their printed order, every cell read as what its column holds:

- a 分值 or 得分: a number (a 分值 at most the level's points, or 100);
- a target or an actual: the notation's reading of a comparison, number and unit
  (``≥266米``, ``100%``, ``20万元``, ``2021年12月完成``), or a text (``显著提升``);
- a unit, a 指标性质 (定量/定性), a 得分系数 (a percent), a 是/否;
- a name, a reason, an explanation: free text, ending where the next cell can begin (before a
  number or a sign, at a line's end).

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
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from perfscore.errors import PerfscoreError
from perfscore.notation._targets import parse_target

from ._target_cells import LEVEL_NAMES

__all__ = ["BodyRow", "Walk", "walk_body"]

_LEVEL_WORDS = sorted(
    {w for words in LEVEL_NAMES.values() for w in words if w.endswith("指标")}, key=len
)[::-1]
_LEVEL = re.compile("(?:" + "|".join(_LEVEL_WORDS) + r")(?:[(（]\d+(?:\.\d+)?分?[)）])?")
_POINTS = re.compile(r"[(（](\d+(?:\.\d+)?)分?[)）]$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SIGNS = "≥≤><=＞＜≧≦"
_QUANTITY = re.compile(rf"[{_SIGNS}]?=?\d")
_NATURE = re.compile(r"定量指标|定性指标|定量|定性")
_RATIO = re.compile(r"\d+(?:\.\d+)?%")
# Qualitative targets a goal form's row may end with (稳步提高, 显著提升, 不超预算).
_DEGREE = re.compile(
    r"(?:稳步|显著|明显|有所|逐步|进一步|持续|不断|大幅|有效)(?:提高|提升|改善|增强|增加|下降|降低|减少)"
    r"|不超预算|不超过预算"
)
_FREE_KINDS = {"name": 60, "reason": 80, "explain": 60, "other": 40}
# What leaving a column empty costs: a row that can fill it is the likelier reading.
_EMPTY = {
    "target": 3.0, "actual": 3.0, "weight": 3.0, "points": 3.0, "unit": 1.0, "nature": 1.0,
    "target2": 0.2, "ratio": 1.0, "yesno": 2.0, "reason": 0.0, "explain": 1.5, "other": 0.3,
}  # fmt: skip
_KEEP = 3  # readings kept per place in the row


@dataclass(frozen=True)
class BodyRow:
    """One row read: its cells by kind, where it is in the body, how sure the reading is, and
    the next-best reading of the same text (when one came within reach)."""

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


@cache
def _quantity(text: str) -> bool:
    """Whether the notation reads ``text`` as a number, a comparison or a date (no text)."""
    try:
        target = parse_target(text)
    except (PerfscoreError, ValueError):
        return False
    return target.op != "定性"


def _free_ends(s: str, pos: int, end: int, kind: str) -> Iterator[int]:
    """Where a free text starting at ``pos`` may end: before a number or a sign, at a line's
    end, before an explanation (反映…) or a qualitative word, or at the stretch's end."""
    limit = min(end, pos + _FREE_KINDS.get(kind, 40))
    for p in range(pos + 1, limit + 1):
        if p == end:
            yield p
            continue
        c, before = s[p], s[p - 1]
        if (
            (c.isdigit() and not before.isdigit() and before != ".")
            or (c in _SIGNS and before not in _SIGNS)
            or c == "\n"
            or (kind == "name" and (c == "%" or s[p + 1 : p + 2].isdigit()))
            or s.startswith("反映", p)
            or (c in "是否" and not s.startswith("是否", p - 1))
            or _DEGREE.match(s, p) is not None
        ):
            yield p


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


def _values(s: str, pos: int, end: int) -> Iterator[tuple[int, str, float]]:
    """A target's or an actual's readings: the notation's (each length it reads), then text."""
    if _QUANTITY.match(s, pos, end):
        for p in range(min(end, pos + 16), pos, -1):
            piece = s[pos:p]
            if s[p - 1 : p + 1].isdigit() and p < end:
                continue  # a number is not cut where no cell ends
            if _quantity(piece):
                yield p, piece, 0.0
    ends = set(_free_ends(s, pos, end, "other"))
    ends |= {pos + n for n in range(1, 21) if s.startswith(s[pos : pos + n], pos + n)}
    for p in sorted(e for e in ends if e <= end):
        piece = s[pos:p]
        if not _quantity(piece):
            repeat = s.startswith(piece, p)
            named = 3.0 if "指标" in piece else 0.0  # a level's or a name's word, not a value
            yield p, piece, (0.5 if repeat else 1.5) + _numbers_in(piece, 1.0) + named


def _candidates(
    s: str, pos: int, end: int, kind: str, limit: float
) -> Iterator[tuple[int, str, float]]:
    if kind in ("weight", "points"):
        yield from _numbers(s, pos, end, limit if kind == "weight" else 100.0)
    elif kind in ("target", "actual", "target2"):
        cut = 1.0 if 0 < pos < end and s[pos - 1].isdigit() and s[pos].isdigit() else 0.0
        yield from ((e, piece, cost + cut) for e, piece, cost in _values(s, pos, end))
    elif kind == "unit":
        for size in (2, 1):
            piece = s[pos : pos + size]
            if pos + size <= end and not piece[-1].isdigit() and _quantity("1" + piece):
                yield pos + size, piece, 0.0
    elif kind in ("nature", "ratio", "yesno"):
        pattern = {"nature": _NATURE, "ratio": _RATIO, "yesno": re.compile("[是否]")}[kind]
        if (m := pattern.match(s, pos, end)) is not None:
            yield m.end(), m.group(), 0.0
    else:
        for p in _free_ends(s, pos, end, kind):
            piece = s[pos:p]
            if re.search(r"[\u4e00-\u9fff]", piece):
                cost = 0.0 if kind != "explain" or piece.startswith("反映") else 2.0
                cost += _numbers_in(piece, 0.5 if kind == "name" else 1.5)
                yield p, piece, cost + (1.0 if kind == "reason" else 0.0)


def _numbers_in(piece: str, each: float) -> float:
    """What the numbers inside a free text cost: a number is likelier a cell of its own, a
    percent the more so; a second explanation (反映…) is the next row's."""
    percents = len(re.findall(r"\d%", piece))
    return each * (len(_NUMBER.findall(piece)) + 2 * percents) + 2.0 * max(
        0, piece.count("反映") - 1
    )


Reading = tuple[float, tuple[tuple[str, str], ...]]


def _rows_at(
    s: str, pos: int, end: int, kinds: tuple[str, ...], limit: float
) -> dict[int, list[Reading]]:
    """Each place a row starting at ``pos`` can end, with its best readings (cost, cells)."""
    layer: dict[int, list[Reading]] = {pos: [(0.0, ())]}
    for kind in kinds:
        nxt: dict[int, list[Reading]] = {}
        for at, readings in layer.items():
            options = list(_candidates(s, at, end, kind, limit)) if at < end else []
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


def _stretch(
    s: str, start: int, end: int, kinds: tuple[str, ...], limit: float
) -> tuple[list[BodyRow], int]:
    """The rows of ``s[start:end]`` (between two levels), and where the rows stop (a text no
    row reads, such as a row the copy cut off, is left from there)."""
    best: dict[int, tuple[float, list[BodyRow]]] = {end: (0.0, [])}
    for pos in range(end - 1, start - 1, -1):
        if s[pos] == "\n":
            if pos + 1 in best:
                best[pos] = best[pos + 1]
            continue
        options: list[tuple[float, list[BodyRow]]] = [(8.0 + (end - pos) * 0.01, [])]
        for e, readings in _rows_at(s, pos, end, kinds, limit).items():
            if e not in best:
                continue
            cost, cells = readings[0]
            other = readings[1][1] if len(readings) > 1 and readings[1][0] - cost < 1.0 else None
            row = BodyRow(
                {k: v.replace("\n", "") for k, v in cells if v},
                pos,
                e,
                s[pos:e].replace("\n", ""),
                None if other is None else {k: v for k, v in other if v},
            )
            options.append((cost + 0.5 + best[e][0], [row, *best[e][1]]))
        best[pos] = min(options, key=lambda o: o[0])
    rows = best[start][1] if start in best else []
    stop = rows[-1].end if rows else start
    return rows, stop


def walk_body(body: str, kinds: tuple[str, ...]) -> Walk:
    """Read the rows of ``body`` (the text after the header) by the header's column ``kinds``."""
    walk = Walk()
    row_kinds = tuple(k for k in kinds if k not in ("level1", "level2"))
    levels = list(_LEVEL.finditer(body)) if {"level1", "level2"} & set(kinds) else []
    bounds = [0, *(m.start() for m in levels), len(body)]
    pending: dict[str, str] = {}
    limit = 100.0
    for k, (start, end) in enumerate(itertools.pairwise(bounds)):
        if k > 0:
            level = levels[k - 1]
            start = level.end()
            word = level.group()
            follows = k < len(levels) and levels[k].start() == level.end()
            is_one = _bare(word) in LEVEL_NAMES[1] and "level1" in kinds
            is_two = _bare(word) in LEVEL_NAMES[2]
            key = (
                "level1"
                if is_one and (not is_two or (follows and "level1" not in pending))
                else "level2"
            )
            pending[key] = word
            if (points := _POINTS.search(word)) is not None and key == "level1":
                limit = float(points.group(1))
        rows, stop = _stretch(body, start, end, row_kinds, limit)
        for row in rows:
            walk.rows.append(
                BodyRow({**pending, **row.cells}, row.start, row.end, row.text, row.other)
            )
            pending = {}
        rest = body[stop:end].strip()
        if rest:
            walk.left.append((stop, rest))
    return walk


def _bare(word: str) -> str:
    return _POINTS.sub("", word)
