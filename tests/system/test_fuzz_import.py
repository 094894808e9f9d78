"""The importer against damaged renderings: generated ladder tables exported to every format,
then damaged as published files are, and imported. Every indicator comes back right or is
named in a finding; nothing is silently wrong.

The damage, drawn per example:

- page breaks between rows, each with a page's running head (``五、…（续表）``, the title
  again, ``323 人社局``, ``单位：万元``, a page number), in a workbook as a line merged across
  the sheet or as a lone cell;
- the header repeated after a break, its grade columns in another order (and the page's rows
  in that order);
- a second department's table after the first, under its own title and header.

Left out, because the readers on this branch do not claim them: hidden rows and columns
(xlsx) and hidden text (docx) are read as published today; cells cut across a page are
``test_import_pagination``'s.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.importing import Imported, export_table, exportable, import_table
from perfscore.importing._export import HEADER, Grid, grid, rows, write_grid
from perfscore.testing.strategies import tables

# A unit the cells never write (dimensionless) is one the layout cannot carry.
UNITS = ("percent", "人", "次", "种", "万元", "天")
RUNNING = ("五、部门职责-工作活动绩效目标（续表）", "323 人社局", "单位：万元", "- 3 -", "第2页")
ORDERS = st.permutations(range(4))


@st.composite
def damaged(draw: st.DrawFn, table: perfscore.Table) -> tuple[Grid, bool]:
    """``table``'s grid with page breaks, reordered headers and perhaps a second table; and
    whether a second table was added."""
    layout = grid(table)
    body = layout.body
    cuts = draw(st.lists(st.integers(1, len(body) - 1), max_size=3, unique=True)) if (
        len(body) > 1
    ) else []  # fmt: skip
    bounds = [0, *sorted(cuts), len(body)]
    new_body: list[tuple[str, ...]] = []
    merges = [m for m in layout.merges if m[0] < len(HEADER)]
    where: dict[int, int] = {}  # a body row's index in the damaged body
    order: tuple[int, ...] = (0, 1, 2, 3)
    for page, (start, end) in enumerate(itertools.pairwise(bounds)):
        if page:
            for line in draw(st.lists(st.sampled_from([layout.title, *RUNNING]), max_size=3)):
                if draw(st.booleans()):  # merged across the sheet (a workbook's title row)
                    top = len(HEADER) + len(new_body)
                    merges.append((top, 0, top, len(HEADER[0]) - 1))
                new_body.append((line,))
            if draw(st.booleans()):
                order = tuple(draw(ORDERS))
                new_body += [_ordered(row, order) for row in HEADER]
        for at in range(start, end):
            where[at] = len(new_body)
            new_body.append(_ordered(body[at], order))
    # An activity's cells merged over its rows, cut where a page ends.
    for top, left, bottom, right in layout.merges:
        if top < len(HEADER):
            continue
        for start, end in itertools.pairwise(bounds):
            first, last = max(top - len(HEADER), start), min(bottom - len(HEADER), end - 1)
            if last > first:
                merges.append((where[first] + len(HEADER), left, where[last] + len(HEADER), right))
    second = draw(st.booleans())
    if second:
        other = draw(tables(units=UNITS, max_size=3))
        new_body += [("某县第二局 2021 年部门职责-工作活动绩效目标",), ("324 第二局",)]
        new_body += [*HEADER, *rows(other)]
    return Grid(
        layout.title,
        layout.heads,
        layout.header,
        new_body,
        sorted(merges),
        layout.sheet_widths,
        layout.page_widths,
    ), second


def _ordered(row: tuple[str, ...], order: tuple[int, ...]) -> tuple[str, ...]:
    """A row with its four grade cells (the last four) in the page's column order."""
    grades = row[5:9]
    return (*row[:5], *(grades[i] for i in order))


@st.composite
def cases(draw: st.DrawFn) -> tuple[perfscore.Table, Grid, bool]:
    table = draw(tables(units=UNITS))
    layout, second = draw(damaged(table))
    return table, layout, second


def check(table: perfscore.Table, imported: Imported, second: bool) -> None:
    expected = {i.id: (i.name, i.unit, i.cells) for i in exportable(table).indicators()}
    got = {i.id: (i.name, i.unit, i.cells) for i in imported.table.indicators()}
    named = {f.indicator for f in imported.findings if f.indicator}
    wrong = {key for key in expected.keys() | got.keys() if expected.get(key) != got.get(key)}
    assert wrong <= named, f"silently wrong: {sorted(wrong - named)}"
    assert got == expected  # the damage here is all the layouts claim to read through
    ends = [f for f in imported.findings if f.kind == "end"]
    assert bool(ends) == second
    if second:
        assert "second table" in ends[0].action


_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.mark.parametrize(("format", "examples"), [("txt", 40), ("xlsx", 20), ("docx", 20)])
def test_damaged_renderings_import_right_or_with_a_finding(
    format: str, examples: int, tmp_path: Path
) -> None:
    @settings(_SETTINGS, max_examples=examples)
    @given(case=cases())
    def run(case: tuple[perfscore.Table, Grid, bool]) -> None:
        table, layout, second = case
        path = tmp_path / f"{table.name}.{format}"
        path.write_bytes(_bytes(write_grid(layout, format)))
        check(table, import_table(path, name=table.name), second)

    run()


@settings(_SETTINGS, max_examples=6)  # a PDF takes about a tenth of a second to read back
@given(case=cases())
def test_damaged_pdfs_import_right_or_with_a_finding(
    case: tuple[perfscore.Table, Grid, bool], tmp_path: Path
) -> None:
    table, layout, second = case
    path = tmp_path / f"{table.name}.pdf"
    path.write_bytes(_bytes(write_grid(layout, "pdf")))
    check(table, import_table(path, name=table.name), second)


def test_an_undamaged_export_imports_to_itself() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    text = export_table(table, "txt")
    assert isinstance(text, str)
    check(table, import_table(text, name=table.name), second=False)


def _bytes(out: str | bytes) -> bytes:
    return out.encode("utf-8") if isinstance(out, str) else out
