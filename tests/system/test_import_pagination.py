"""The bundled table paginated at random, as a PDF extraction cuts it, imports to itself.

At each page break the rows' text is cut as a PDF cuts a row across pages: the first part of
every cell stays on the page, the rest follows on the next page after the running head and the
repeated header. Names and descriptions are cut anywhere (after the ordinal, never between two
equal characters: that is what the repeated-character repair undoes); grading cells are cut only
where a line wraps in them, after ``≥``, ``和`` or ``-``. Whatever the cuts, the import gives
back the same 68 indicators, duties and activities, and says where it joined.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.importing import import_table
from perfscore.importing._export import HEADER, rows
from perfscore.importing._repairs import dangling

TABLE = perfscore.load_table("zanhuang-hrss-2018")
ROWS = [list(row) for row in rows(TABLE)]
BREAK = ["", "323 人社局", "", "单位：万元", "", *("\t".join(r) for r in HEADER)]
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+|\d+)、")


def cut_points(text: str, column: int) -> list[int]:
    """Where a text may be cut: inside it, after any ordinal, never between equal characters."""
    if column >= 5:
        return [i for i in range(1, len(text)) if dangling(text[:i])]
    start = (m.end() + 1) if (m := _ORDINAL.match(text)) else 1
    return [i for i in range(start, len(text)) if text[i - 1] != text[i]]


@st.composite
def paginated(draw: st.DrawFn) -> tuple[str, int]:
    lines = ["赞皇县人力资源和社会保障局 2018 年部门职责-工作活动绩效目标", *BREAK[1:]]
    cuts = 0
    for row in ROWS:
        if draw(st.integers(0, 5)) != 0:  # about one row in six ends a page
            lines.append("\t".join(row))
            continue
        if not draw(st.booleans()):  # the break falls between two rows
            lines += BREAK
            lines.append("\t".join(row))
            continue
        head, tail = [], []
        for column, text in enumerate(row):
            points = cut_points(text, column)
            at = draw(st.sampled_from([len(text), *points]))
            head.append(text[:at])
            tail.append(text[at:])
        lines.append("\t".join(head))
        lines += BREAK
        lines.append("\t".join(tail))
        cuts += any(tail)
    return "\n".join(lines) + "\n", cuts


@settings(max_examples=25, deadline=None)
@given(paginated())
def test_any_pagination_imports_to_the_same_table(case: tuple[str, int]) -> None:
    text, cuts = case
    imported = import_table(text, name="zanhuang-hrss-2018")
    table = imported.table
    assert [(i.id, i.name, i.unit, i.cells) for i in table.indicators()] == [
        (i.id, i.name, i.unit, i.cells) for i in TABLE.indicators()
    ]
    assert [(a.id, a.name) for a in table.activities()] == [
        (a.id, a.name) for a in TABLE.activities()
    ]
    assert [(d.id, d.ordinal, d.name) for d in table.duties] == [
        (d.id, d.ordinal, d.name) for d in TABLE.duties
    ]
    mine: list[perfscore.Duty | perfscore.Activity] = [*table.duties, *table.activities()]
    theirs: list[perfscore.Duty | perfscore.Activity] = [*TABLE.duties, *TABLE.activities()]
    for got, want in zip(mine, theirs, strict=True):
        assert re.sub(r"\s", "", got.description or "") == re.sub(r"\s", "", want.description or "")
        assert re.sub(r"\s", "", got.goal or "") == re.sub(r"\s", "", want.goal or "")
    joined = {(f.where.page, f.where.row) for f in imported.findings if f.kind == "continuation"}
    assert len(joined) == cuts  # one joined row for each row cut across a page
    assert all(row == 1 for _, row in joined)
