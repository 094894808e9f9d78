"""The direction a name reads: the words that make lower better (反向) or higher (正向), and
the reading of a bare target (a number that writes no comparison).

The published forms (财预〔2020〕10号 and the provinces' notes) read a bare number (``100``,
``43.2``, ``90%``) as the least to reach: 正向. A name that reads lower-is-better by the
misreading rules (投诉, 事故, 发生率 …) makes it the most to allow: 反向. Each such reading is a
finding a reviewer sees (``perfscore check`` and the importer's findings); a ``direction`` given
in the table overrides it.

>>> bare_direction("培训人次")
('正向', "a bare number read 正向 (at least), the forms' reading; set direction if it is a \
ceiling")
>>> bare_direction("安全事故发生次数")[0], bare_direction("投诉处理率")[0]
('反向', '正向')
"""

from __future__ import annotations

from typing import Final

from perfscore.notation._labels import simplified
from perfscore.notation._targets import Direction

__all__ = [
    "HIGHER_IS_BETTER_WORDS",
    "LOWER_IS_BETTER_WORDS",
    "UNDO_WORDS",
    "bare_direction",
    "higher_word",
    "lower_word",
]

#: Words in a name that make lower better (反向).
LOWER_IS_BETTER_WORDS: Final = (
    "控制率", "发生数", "发生率", "发生次数", "事件", "投诉", "事故", "变质", "结余率", "调整率",
    "下降", "以内", "违规", "违纪", "差错", "失误", "超标", "误差", "损失", "死亡", "伤亡",
    "返工", "不合格", "逾期", "延误", "拖欠", "上访",
)  # fmt: skip
#: Words after which such a word means a good thing again (投诉处理率, 事故查处率).
UNDO_WORDS: Final = ("处理", "办结", "解决", "回复", "整改", "查处", "处置", "化解", "受理", "调处")
#: Words in a name that make higher better (正向).
HIGHER_IS_BETTER_WORDS: Final = (
    "满意度", "满意率", "合格率", "覆盖率", "完成率", "达标率", "知晓率", "及时率", "到位率",
    "受益", "参保率", "入学率", "就业率", "执行率",
)  # fmt: skip


def lower_word(name: str) -> str | None:
    """The word that makes ``name`` read lower-is-better, or ``None``.

    >>> lower_word("投诉次数"), lower_word("投诉处理率")
    ('投诉', None)
    """
    text = simplified(name)
    for word in LOWER_IS_BETTER_WORDS:
        at = text.find(word)
        if at >= 0 and not any(undo in text[at:] for undo in UNDO_WORDS):
            return word
    return None


def higher_word(name: str) -> str | None:
    """The word that makes ``name`` read higher-is-better, or ``None``."""
    text = simplified(name)
    return next((w for w in HIGHER_IS_BETTER_WORDS if w in text), None)


def bare_direction(name: str) -> tuple[Direction, str]:
    """The direction a bare target is read in under ``name``, and the finding that says so."""
    word = lower_word(name)
    if word is not None:
        return "反向", (
            f"a bare number read 反向 (at most): the name reads lower-is-better ({word}); "
            "set direction if it is a floor"
        )
    return "正向", (
        "a bare number read 正向 (at least), the forms' reading; set direction if it is a ceiling"
    )
