"""The header of text whose cells are apart by single spaces, as the rows fill it.

A form may print its header over two lines, the second naming the parts of some columns of the
first (a county budget system's 预算项目绩效自评表)::

    一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分
    符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分

The target's parts (符号, its value, 单位(文字描述)) are one target cell as printed
(``>= 98 %(百分比)``), so the target keeps one column; the parts of a score column (自评得分:
单项指标得分 · 权重占比(%) · 单项指标折算得分) take its place (``sub_columns``). Read whole, the
header may still name a column no row fills where a column of the same kind does (指标分值 beside
权重占比: every row prints its weight under the second), and the rows may print a cell the
header names no column for: the indicator's explanation (指标解释) after its name. The reader
(``_spaced``) reads the rows under the header, then under the header with an explanation column
after the name (``with_explanation``), and keeps the second where every row fills it; and it
leaves out a number column no row fills (``unfilled``). Each is a finding.

>>> sub_columns(["三级指标", "预期指标值", "自评得分"], ["name", "target", "points"],
...             ["符号", "单位(文字描述)", "单项指标得分", "权重占比(%)"])
['三级指标', '预期指标值', '单项指标得分', '权重占比(%)']
>>> unfilled(["name", "weight", "target", "weight"], [{0, 2, 3}, {0, 2, 3}])
[1]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from perfscore.notation._labels import simplified

from ._form_words import TARGET_PARTS, column_kinds, score_column

__all__ = [
    "EXPLANATION",
    "Reading",
    "Span",
    "column_roles",
    "fitted",
    "sub_columns",
    "unfilled",
    "with_explanation",
]

#: The column a row's explanation of its indicator is read into where the header names none.
EXPLANATION = "指标解释"
#: A cell's tokens: the index of its first and the one after its last (equal: an empty cell).
Span = tuple[int, int]
#: A reading of a table's tokens under a header's roles: each row's cells, and its score.
Reading = tuple[list[list[Span]], float]
_NOTE = re.compile(r"[(（][^()（）]*[)）]$")


def column_roles(columns: Sequence[str]) -> list[str]:
    """What each column of a header holds, by its word and the forms' one vocabulary of them
    (``column_kinds``: a 绩效指标 over the level columns holds no cell of a row, ``side``).

    >>> column_roles(["绩效指标", "一级指标", "三级指标", "指标值类型", "指标值", "分值"])
    ['side', 'level1', 'name', 'op', 'target', 'weight']
    """
    return [kind if kind in _ROLES else "other" for kind in column_kinds(columns)]


# The kinds of column (``column_kinds``) the reader fits tokens to; any other column (偏差原因,
# 备注, 指标解释 …) is free text, often blank (``"other"``).
_ROLES = frozenset((
    "side", "level1", "level2", "name", "op", "actual", "target", "unit", "weight", "points",
    "scaled", "direction",
))  # fmt: skip


def _part(word: str) -> str | None:
    """What part a second header line's word names: ``"target"`` for a target's (符号,
    单位(文字描述)), a score column's kind for a score's (单项指标得分 → ``"points"``), else
    ``None``."""
    folded = simplified(word)
    if folded in TARGET_PARTS or _NOTE.sub("", folded) in TARGET_PARTS:
        return "target"
    return score_column(_NOTE.sub("", folded))


def sub_columns(
    columns: Sequence[str], roles: Sequence[str], words: Sequence[str]
) -> list[str] | None:
    """The columns of a header whose next line (``words``) names parts of its columns: the
    target's parts kept in the target's one column, a score's parts in place of the last 得分
    column (自评得分); ``None`` where the line is no such line (a word naming no part, fewer
    than two words, or a part whose column the first line lacks)."""
    parts = [_part(w) for w in words]
    if len(words) < 2 or None in parts:
        return None
    if "target" in parts and "target" not in roles:
        return None
    merged = list(columns)
    scores = [w for w, p in zip(words, parts, strict=True) if p != "target"]
    if scores:
        groups = [k for k, role in enumerate(roles) if role == "points"]
        if not groups:
            return None
        merged[groups[-1] : groups[-1] + 1] = scores
    return merged


def with_explanation(columns: Sequence[str], roles: Sequence[str]) -> tuple[list[str], list[str]]:
    """The header with a column for the indicator's explanation (指标解释) after its name (the
    role ``"explain"``); unchanged where it has no name column or one follows it already."""
    if "name" not in roles:
        return list(columns), list(roles)
    k = roles.index("name") + 1
    if k < len(roles) and roles[k] in ("explain", "other"):
        return list(columns), list(roles)
    return [*columns[:k], EXPLANATION, *columns[k:]], [*roles[:k], "explain", *roles[k:]]


def unfilled(roles: Sequence[str], rows: Sequence[Collection[int]]) -> list[int]:
    """The number columns (分值, 权重, 得分) no row fills where a column of the same kind is
    filled (``rows``: each row's filled columns): the form names them, no row prints them,
    so they are left out rather than taken for the column (指标分值 beside 权重占比(%))."""
    filled = set().union(*rows) if rows else set()
    kinds = {roles[k] for k in filled}
    return [
        k
        for k, role in enumerate(roles)
        if role in ("weight", "points") and k not in filled and role in kinds
    ]


def fitted(
    read: Callable[[Sequence[str]], Reading], columns: Sequence[str], roles: Sequence[str]
) -> tuple[list[str], list[str], list[list[Span]], list[str]]:
    """The rows ``read`` under the header: under it with a column for the indicator's
    explanation after the name where that reads better and every row fills it (the header
    names none), and without the number columns no row fills; the header's columns and roles
    as read, and what was changed (a sentence each, for a finding)."""
    spans, score = read(roles)
    notes = []
    wider_columns, wider = with_explanation(columns, roles)
    if len(wider) > len(roles) and _joined_names(spans, roles):
        again, better = read(wider)
        full = [row for row in again if _placed(row, wider)]
        if (
            better > score
            and len(full) >= 2
            and all(_filled(row, wider, "explain") for row in full)
        ):
            columns, roles, spans = wider_columns, wider, again
            notes.append(
                "every row prints a text after its name that the header names no column for: "
                f"read as the indicator's explanation, a column {EXPLANATION} of its own"
            )
    dropped = unfilled(roles, [{c for c, (i, j) in enumerate(row) if j > i} for row in spans])
    if dropped:
        notes.append(
            f"the header names {' · '.join(columns[k] for k in dropped)} but no row fills it, "
            "where a column of its kind is filled: left out, so that no cell moves into it"
        )
    keep = [k for k in range(len(roles)) if k not in dropped]
    return (
        [columns[k] for k in keep],
        [roles[k] for k in keep],
        [[row[k] for k in keep] for row in spans],
        notes,
    )


def _joined_names(rows: Sequence[Sequence[Span]], roles: Sequence[str]) -> bool:
    """Whether the names of two or more rows, half of those read or more, are joined from
    two or more tokens: where an explanation after the name may have been joined into it
    (only then is the reading with an explanation column worth its time; a row whose target
    is a phrase may have taken the explanation as its target instead)."""
    placed = [row for row in rows if _placed(row, roles)]
    k = roles.index("name")
    joined = sum(row[k][1] - row[k][0] >= 2 for row in placed)
    return joined >= 2 and 2 * joined >= len(placed)


def _filled(row: Sequence[Span], roles: Sequence[str], *wanted: str) -> bool:
    """Whether a row's cells of each of the ``wanted`` roles the header has are written."""
    return all(row[roles.index(r)][1] > row[roles.index(r)][0] for r in wanted if r in roles)


def _placed(row: Sequence[Span], roles: Sequence[str]) -> bool:
    """Whether a row reads as one, as the spaced reader keeps it: a name, a target, and a 分值
    or 得分 where the header has them."""
    numbers = [k for k, role in enumerate(roles) if role in ("weight", "points")]
    written = not numbers or any(row[k][1] > row[k][0] for k in numbers)
    return written and _filled(row, roles, "name", "target")
