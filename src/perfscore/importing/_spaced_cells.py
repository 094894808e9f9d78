"""What a token of text whose cells are apart by single spaces is: how well it fits a column.

The reader of such text (``_spaced``) places each token, or a run of tokens joined, in the
column whose kind it fits best: a level name only under its level, a number up to 100 under
分值 or 得分, a target that the notation reads (or that a comparison sign starts) under the
target, free text under the name. ``fit`` says how well, ``None`` where never.

>>> fit("level1", "产出指标(50分)"), fit("name", "数量指标"), fit("weight", "8")
(3.0, None, 2.0)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from perfscore.errors import NotationError
from perfscore.notation._labels import simplified
from perfscore.notation._targets import parse_target

from ._form_words import LEVEL1, LEVEL2, LEVEL_POINTS, SIGNS
from ._target_cells import cost_level, is_cost, is_direction, nature_of

__all__ = ["EMPTY", "NUMBER", "POINTS", "fit", "form_level", "ruled"]

#: A level's points after or instead of its name: (50分), （30）, a range (0-20)分.
POINTS = re.compile(rf"{LEVEL_POINTS}$")
#: A number as 分值 and 得分 print it: 8, 12.5, 1,200.
NUMBER = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?$")
_SIGN = re.compile(f"^[{SIGNS}]")
_BARE_SIGN = re.compile(f"^[{SIGNS}]+$")
_UNIT = re.compile(rf"^(?:%|％|[^\d\s{SIGNS}]{{1,5}})$")


def form_level(text: str) -> int | None:
    """1 for a level-1 name, 2 for a level-2 one, 3 for a name of both (成本指标), else None."""
    word = POINTS.sub("", simplified(text))
    if word in LEVEL1 and word in LEVEL2:
        return 3  # 成本指标, 满意度指标: a name of both levels
    return 1 if word in LEVEL1 else 2 if word in LEVEL2 else None


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += 1 if c in "(（[【" else -1 if c in ")）]】" else 0
        if depth < 0:
            return False
    return depth == 0


@cache
def _target_fit(text: str) -> float:
    number = re.search(r"\d", text) is not None
    try:
        target = parse_target(text)
    except NotationError:
        # a comparison and a number: a target still, in a unit the notation may lack
        return (1.5 if number else -1.0) if _SIGN.match(text) else 0.0
    if not number:
        return 0.5  # a qualitative phrase
    return 2.0 if target.unit is None else 2.5  # a number; in its unit (``>= 1200 人``) better


#: What a column left empty costs, by what it holds (a merged level nothing; a name much).
EMPTY = {"level1": 0.0, "level2": 0.0, "name": -6.0, "target": -3.0, "actual": -1.0}
EMPTY |= {
    "weight": -1.5,
    "points": -1.5,
    "scaled": -1.5,
    "op": -0.5,
    "direction": -0.5,
    "unit": -0.5,
}


@cache
def fit(role: str, text: str) -> float | None:
    """How well ``text`` fits a column holding ``role``: higher is better, ``None`` never."""
    level = form_level(text)
    if role == "side":
        return None
    if role in ("level1", "level2"):
        wanted = 1 if role == "level1" else 2
        if role == "level1" and POINTS.fullmatch(text):
            return 1.0  # a level-1 cell whose name the copy lost: its points, (50分)
        if level == 3:  # 满意度指标: level 1 only where a level-2 name follows (成本指标: `ruled`)
            return 3.0 if role == "level2" else 2.9
        return 3.0 if level == wanted else None
    if level is not None:
        return None  # a level name is in no other column
    if POINTS.fullmatch(text) and role != "other":
        return None  # a level's points, (50分): under its level
    number = NUMBER.match(text) is not None
    if role in ("name", "explain", "target", "actual") and text[0] in "%％":
        return None  # a unit printed apart (``>= 98 %(百分比)``): the end of a target
    if role in ("name", "explain", "actual") and _BARE_SIGN.match(text.split()[-1]):
        return None  # a comparison printed apart (``>= 98``): the start of a target
    score = 0.0 if _balanced(text) else -3.0
    if role in ("weight", "points", "scaled"):
        if not number:
            return None
        return score + (2.0 if float(text.replace(",", "").replace("，", "")) <= 100 else 0.5)
    if role in ("op", "direction"):
        return score + 3.0 if nature_of(text) is not None or is_direction(text) else None
    if role == "unit":
        return score + (1.0 if _UNIT.match(text) else -1.0)
    if role == "name":
        return None if number else score + (-2.0 if _SIGN.match(text) else 1.0)
    if role == "target":
        return score + _target_fit(text)
    if role == "actual":
        return score + 1.0
    if role == "explain":  # an indicator's explanation: text, never a number or a comparison
        return None if number or _SIGN.match(text) else score + 0.2
    return score + 0.2


def ruled(texts: Sequence[str]) -> dict[tuple[int, str], float]:
    """The fits the one rule of 成本指标's level (``cost_level``) sets for the tokens ``texts``,
    by token and column: 成本指标 in the column of the level the cells after it say (the other
    one a poorer fit), and a level name after a 二级 成本指标 in the 三级's column (a template's
    level name written as the indicator).

    >>> ruled(["成本指标", "社会成本指标", "定量", "100"])
    {(0, 'level2'): 3.0, (0, 'level1'): 2.0, (1, 'name'): 1.0}
    """
    fits: dict[tuple[int, str], float] = {}
    for k, text in enumerate(texts):
        if not is_cost(text):
            continue
        after, then = (texts[k + n] if k + n < len(texts) else "" for n in (1, 2))
        level = cost_level(after, then)
        fits[k, f"level{level}"], fits[k, f"level{3 - level}"] = 3.0, 2.0
        if level == 2 and form_level(after) is not None:
            fits[k + 1, "name"] = 1.0
    return fits
