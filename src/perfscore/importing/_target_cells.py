"""What a targets form's cell is, read from its text: a level name, a direction, a 指标性质, a
sum of money, a total row; and where the cells of a row go when it lost its merged cells.

The forms print their levels from a fixed vocabulary (产出指标 · 数量指标 …), their directions in
several spellings (正向 · 正向指标 · 越大越好 …) and money with or without its unit (``12万``).
A web copy of a table leaves merged cells out instead of blank, so a row's cells shift left;
[place][perfscore.importing._target_cells.place] puts each cell in the column whose kind it
fits, not only by position.

>>> level_of("产出指标"), level_of("數量指標"), level_of("培训人次")
(1, 2, None)
>>> direction_of("正向指标"), direction_of("越小越好"), direction_of("中性")
('正向', '反向', None)
>>> nature_of("定量指标"), nature_of("大于等于"), nature_of("正向")
('定量', '≥', None)
>>> money("12万", "元"), money("1,200.5", "万元"), money("120000元", "万元")
(120000.0, 1200.5, 12.0)
>>> is_total(["合计", "", "100"]), is_total(["合计培训补贴发放金额", "≥100万元"])
(True, False)
>>> cost_level("经济成本指标", "项目建设成本"), cost_level("项目总成本", "≤90万元")
(1, 2)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Final, Literal

from perfscore.notation._labels import simplified

from ._form_words import LEVEL_POINTS, SIGNS

__all__ = [
    "LEVEL_NAMES",
    "MONEY_IN_HEADER",
    "Placed",
    "cost_level",
    "direction_of",
    "is_cost",
    "is_total",
    "level_of",
    "money",
    "money_unit_of",
    "nature_of",
    "place",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The level names of the forms (2019 and 2020 MoF forms and the provinces' variants), by level.
LEVEL_NAMES: Final[Mapping[int, frozenset[str]]] = {
    1: _words(
        "产出指标 效益指标 满意度指标 成本指标 过程指标 决策指标 管理指标 项目管理指标 履职效能 "
        "管理效率 运行成本 产出 效益 满意度 成本"
    ),
    2: _words(
        "数量指标 质量指标 时效指标 成本指标 经济效益指标 社会效益指标 生态效益指标 可持续影响指标 "
        "服务对象满意度指标 满意度指标 经济成本指标 社会成本指标 生态环境成本指标 数量 质量 时效 "
        "经济效益 社会效益 生态效益 可持续影响 服务对象满意度 社会公众满意度 部门履职目标 "
        "重点工作任务 预算执行 预算编制 资金管理 资产管理"
    ),
}

_FORWARD: Final = _words("正向 正向指标 正指标 正 越大越好 越高越好 越多越好 ↑ 高优 递增")
_BACKWARD: Final = _words(
    "反向 反向指标 反指标 反 逆向 逆向指标 负向 负向指标 越小越好 越低越好 越少越好 ↓ 低优 递减"
)
_NEUTRAL: Final = _words("中性 中性指标 区间 区间指标 适中 无 - /")
# 指标性质 / 指标值类型 spellings: word → what the table file writes.
_NATURES: Final[Mapping[str, str]] = {
    **dict.fromkeys(_words("定量 定量指标 数值型"), "定量"),
    **dict.fromkeys(_words("定性 定性指标 文本型"), "定性"),
    **dict.fromkeys(_words("≥ ≧ >= 大于等于 大于或等于 不低于 不少于"), "≥"),
    **dict.fromkeys(_words("≤ ≦ <= 小于等于 小于或等于 不高于 不多于 不超过"), "≤"),
    **dict.fromkeys(_words("= ═ 等于"), "="),  # ═: a box-drawing line printed as =
}


def _word(text: str) -> str:
    return simplified(text).rstrip(":：")


def level_of(text: str) -> int | None:
    """1 for a 一级 name (产出指标 …), 2 for a 二级 name (数量指标 …), else None (成本指标, both
    a 一级 of the 2021 forms and a 二级 of the 2020 forms, reads as 1)."""
    word = _word(text)
    for level in (1, 2):
        if word in LEVEL_NAMES[level]:
            return level
    return None


def direction_of(text: str) -> Literal["正向", "反向"] | None:
    """正向 or 反向 for a 指标方向性 cell in any of its spellings; None for a neutral one (中性,
    区间) or one that is no direction."""
    word = _word(text)
    if word in _FORWARD:
        return "正向"
    if word in _BACKWARD:
        return "反向"
    return None


def is_direction(text: str) -> bool:
    """Whether ``text`` is a 指标方向性 cell: a direction, or a neutral one (中性, 区间)."""
    word = _word(text)
    return word in _FORWARD or word in _BACKWARD or word in _NEUTRAL


def nature_of(text: str) -> str | None:
    """A 指标性质 / 指标值类型 cell as the table file writes it (定量, 定性, ≥, ≤, =), or None."""
    return _NATURES.get(_word(text))


#: The name of both levels whose level the forms' year decides: a 二级 of 产出指标 in the 2019
#: and 2020 forms, a 一级 over 经济成本指标 · 社会成本指标 · 生态环境成本指标 since 2021.
_COST: Final = "成本指标"
# A level's points after its name, by the forms' one pattern, or a bare 30分.
_POINTS_AFTER: Final = re.compile(rf"(?:{LEVEL_POINTS}|\d+(?:\.\d+)?分)$")
# A cell no 三级指标 is: a number or a comparison first (100, ≥95%, 28.8万元).
_VALUE_FIRST: Final = re.compile(rf"^[{SIGNS}]|^[-+]?\d[\d,.]*\s*\D{{0,3}}$")


def is_cost(text: str) -> bool:
    """Whether a cell is 成本指标 (in either script, its points after it: 成本指标(0-20)分)."""
    return _POINTS_AFTER.sub("", _word(text)) == _COST


def _no_name(text: str) -> bool:
    word = _word(text)
    return nature_of(word) is not None or is_direction(word) or bool(_VALUE_FIRST.match(word))


def cost_level(after: str, then: str = "", above: str = "") -> Literal[1, 2]:
    """The level of a 成本指标 cell, the one rule every reader places it by: ``after`` is the
    row's cell after it (blank where the row prints its 二级 blank), ``then`` the next written
    cell after that, ``above`` the 一级 of the rows above it.

    - A 二级 name after it makes it the 一级 (the 2021 forms: 成本指标 · 经济成本指标 ·
      项目建设成本), unless what follows that name is no 三级指标 (a 指标性质, a direction, a
      value): then the level name is the row's 三级 (a template's level name written as the
      indicator: 成本指标 · 社会成本指标 · 定量 · 100) and 成本指标 its 二级.
    - With its 二级 printed blank, it is 产出指标's 二级 right after 产出指标's rows (the 2019 and
      2020 forms), else a 一级 with no 二级.
    - Followed by a 三级指标 (a copy leaving its merged and empty cells out), it is a 二级.

    >>> cost_level("社会成本指标", "定量"), cost_level("", "项目总成本", above="产出指标(50分)")
    (2, 2)
    >>> cost_level(""), cost_level("经济成本指标")
    (1, 1)
    """
    if level_of(after) == 2 or _word(after) in LEVEL_NAMES[2]:
        return 2 if then and _no_name(then) else 1
    if not _word(after):
        return 2 if _POINTS_AFTER.sub("", _word(above)) == "产出指标" else 1
    return 2


#: A header or label naming the money unit its figures are in: 项目资金（万元）.
MONEY_IN_HEADER: Final = re.compile(r"[（(](万元|元)[)）]")
_MONEY: Final = re.compile(
    r"^(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>亿元|万元|千元|元|亿|万|千)?$"
)
_FACTORS: Final[Mapping[str, int]] = {"元": 1, "千元": 1000, "万元": 10_000, "亿元": 100_000_000}


def money_unit_of(text: str) -> str | None:
    """The money unit a budget cell writes after its number (``12万`` → 万元), or None."""
    match = _MONEY.match(_word(text).replace(",", "").replace("，", ""))
    if match is None or match.group("unit") is None:
        return None
    unit = match.group("unit")
    return unit if unit.endswith("元") else f"{unit}元"


def money(text: str, unit: str | None) -> float | None:
    """A budget cell in the table's money ``unit``: a unit the cell writes is converted
    (``12万`` under 单位：元 is 120000); None when the cell is no sum of money."""
    match = _MONEY.match(_word(text).replace(",", "").replace("，", ""))
    if match is None:
        return None
    value = Fraction(match.group("number"))
    written = money_unit_of(text)
    if written is not None and unit is not None and written != unit and unit in _FACTORS:
        value = value * _FACTORS[written] / _FACTORS[unit]
    return float(value)


_TOTAL_WORDS: Final = frozenset(("合计", "总分", "总计", "小计", "总分值", "合计分值"))


def is_total(cells: Sequence[str]) -> bool:
    """Whether a row is a 合计 / 总分 row: its first written cell IS 合计, 总分, 总计 or 小计
    (an indicator named 合计培训补贴发放金额 is an indicator)."""
    first = next((c for c in cells if c.strip()), "")
    return _word(first) in _TOTAL_WORDS


# -- placing the cells of a row that lost its merged cells -------------------------------------

_NUMBER: Final = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_UNIT: Final = re.compile(r"^(?:%|％|[^\d\s≥≤<>=＞＜]{1,4})$")
_HAS_DIGIT: Final = re.compile(r"[0-9]")


def _fit(role: str, text: str) -> float:
    """How well a written cell fits a column of ``role``: above 0 fits, below 0 does not."""
    word = _word(text)
    level = level_of(word)
    if role in ("level1", "level2"):
        wanted = 1 if role == "level1" else 2
        if level == wanted or (level is not None and word in LEVEL_NAMES[wanted]):
            return 3
        return -4
    if level is not None:
        return -4  # a level name is in no other column
    if role in ("weight", "points", "budget"):
        return 2 if _NUMBER.match(word) else -4
    if role == "direction":
        return 3 if is_direction(word) else -4
    if role == "op":
        return 3 if nature_of(word) is not None else -4
    if role == "unit":
        return 1 if _UNIT.match(word) and word not in _FORWARD | _BACKWARD else -3
    if role == "name":
        return -3 if _NUMBER.match(word) or is_direction(word) else 1
    if role in ("target", "actual"):
        return -1 if is_direction(word) or nature_of(word) is not None else 1
    return 0


class Placed:
    """A row's cells by role, and whether they were placed otherwise than by position."""

    def __init__(self, cells: dict[str, str], moved: bool) -> None:
        self.cells = cells
        self.moved = moved


def place(cells: Sequence[str], columns: Mapping[str, int]) -> Placed:
    """The cells of a row by role (``columns``: role → column of the header).

    A row as long as the header is read by position. A shorter row lost the cells merged
    over it (a web copy leaves them out): its written cells are placed, in order, in the
    columns whose kind they fit best (a level name in a level column, a number in 分值 …),
    the left-most columns the ones left out on a tie.
    """
    width = max(columns.values()) + 1 if columns else 0
    texts = [c.strip() for c in cells]
    by_position = {role: texts[i] if i < len(texts) else "" for role, i in columns.items()}
    written = sum(bool(t) for t in texts)
    roles = {i: role for role, i in columns.items()}
    end = len(texts)
    while end and not texts[end - 1]:
        end -= 1
    if len(texts) >= width and written >= 2 and width - 6 <= end < width:
        # A copy that pads a short row with blank cells at its end (a pipe table's
        # ``| |||||``): placed by kind only where a level name stands left of the level
        # columns by position (产出指标 under 单位名称: the project's merged cells left out)
        # and placing by kind fits better.
        first_level = min((columns[r] for r in ("level1", "level2") if r in columns), default=0)
        fits = sum(_fit(roles[k], t) for k, t in enumerate(texts) if k in roles and t)
        shifted = place(texts[:end], columns)
        there = sum(_fit(r, t) for r, t in shifted.cells.items() if t)
        early = any(level_of(t) is not None for t in texts[:first_level])
        if early and shifted.moved and there > fits:
            return shifted
        return Placed(by_position, False)
    if len(texts) >= width or written < 2 or width - len(texts) > 6:
        return Placed(by_position, False)  # a single cell is a note or a level, not shifted
    best: tuple[float, int] | None = None
    chosen: tuple[int, ...] = tuple(range(len(texts)))
    for kept in itertools.combinations(range(width), len(texts)):
        fit = sum(_fit(roles[k], t) for k, t in zip(kept, texts, strict=True) if k in roles and t)
        key = (fit, sum(kept))  # on a tie, the right-most placement: the left cells merged
        if best is None or key > best:
            best, chosen = key, kept
    placed = dict.fromkeys(columns, "")
    for column, text in zip(chosen, texts, strict=True):
        if column in roles:
            placed[roles[column]] = text
    moved = chosen != tuple(range(len(texts)))
    return Placed(placed if moved else by_position, moved)
