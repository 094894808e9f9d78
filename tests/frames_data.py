"""The tables, values and figure comparisons the score_frame tests share: results
drawn at every cut of a table's ladders, and an assertion that score_frame's figures are the
scorecards'."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pandas as pd
from hypothesis import strategies as st

import perfscore
from perfscore.frames import _scores as frames
from perfscore.tables import Indicator, Table

from .scoring_data import small, small_table_data, zanhuang


def _weighted() -> Table:
    data = small_table_data()
    data["name"] = "small-weighted"
    data["duties"][0]["weight"] = 3
    data["duties"][0]["activities"][1]["weight"] = 2
    data["duties"][1]["activities"][0]["indicators"][0]["weight"] = 0.5
    return perfscore.load_table(data)


weighted = _weighted()
TABLES = (zanhuang, small, weighted)


def candidates(indicator: Indicator) -> list[object]:
    """Values the indicator's ladder grades: at, just below and just above every cut, in the
    forms a results frame carries (floats, whole numbers, texts with units, labels)."""
    ladder = indicator.ladder
    if ladder.categorical:
        return [*ladder.labels, None]
    points: set[Fraction] = set()
    for cut, _ in ladder.compiled.cuts:
        points |= {cut, cut - 1, cut + 1, cut - Fraction(1, 2), cut + Fraction(1, 10)}
    out: list[object] = [None]
    for point in sorted(points):
        try:
            if ladder.code(point) < 0:
                continue
        except perfscore.PerfscoreError:
            continue  # a broken count: a bad row, tested below
        if point.denominator == 1:
            out.append(int(point))
        out.append(float(point))
        if ladder.unit == "percent":
            out.append(f"{float(point)}%")
    return out


@st.composite
def table_results(draw: st.DrawFn, table: Table) -> dict[str, object]:
    chosen = draw(
        st.lists(
            st.sampled_from([i.id for i in table.indicators()]), unique=True, max_size=len(table)
        )
    )
    return {i: draw(st.sampled_from(candidates(table.indicator(i)))) for i in chosen}


def weights_of(table: Table) -> st.SearchStrategy[dict[str, int] | None]:
    ids = (
        [d.id for d in table.duties]
        + [a.id for a in table.activities()]
        + [i.id for i in table.indicators()]
    )
    return st.none() | st.dictionaries(st.sampled_from(ids), st.integers(1, 5), max_size=4)


def frame_of(given: dict[str, dict[str, object]], order: list[int]) -> pd.DataFrame:
    rows = [(name, key, value) for name, results in given.items() for key, value in results.items()]
    rows = [rows[i] for i in order] if len(order) == len(rows) else rows
    return pd.DataFrame(rows, columns=["table", "id", "value"], dtype=object)


def same(a: float | None, b: Any) -> bool:
    return (a is None and math.isnan(b)) or bool(a == b)


def assert_same_figures(
    scores: frames.FrameScores, cards: dict[str, perfscore.Scorecard], *, published: bool = True
) -> None:
    """The figures of ``scores`` are the cards'; ``published=False``: the cells are the read ones
    (an indicator frame carries the cells the ladders are read from, not the published ones)."""
    for name, card in cards.items():
        department = scores.departments.set_index("table").loc[name]
        assert same(card.department.score, department["score"])
        assert (card.department.grade.value if card.department.grade else None) == (
            department["grade"]
        )
        assert card.department.graded == department["graded"]
        assert card.department.total == department["total"]
        assert " ".join(card.department.missing) == department["missing"]
        assert [card.department.counts[g] for g in perfscore.GRADES] == [
            department[g.value] for g in perfscore.GRADES
        ]
        for level, nodes in (("duties", card.duties), ("activities", card.activities())):
            frame = getattr(scores, level)
            frame = frame[frame["table"] == name].set_index("id")
            assert list(frame.index) == [n.id for n in nodes]
            for node in nodes:
                row = frame.loc[node.id]
                assert same(node.score, row["score"]), (name, node.id)
                assert (node.grade.value if node.grade else None) == row["grade"]
                assert (node.graded, node.total) == (row["graded"], row["total"])
                assert node.coverage == row["coverage"]
                assert " ".join(node.missing) == row["missing"]
                assert [node.counts[g] for g in perfscore.GRADES] == [
                    row[g.value] for g in perfscore.GRADES
                ]
        indicators = scores.indicators[scores.indicators["table"] == name].set_index("id")
        for indicator in card.indicators():
            row = indicators.loc[indicator.id]
            assert (indicator.grade.value if indicator.grade else None) == row["grade"]
            points = None if indicator.points is None else float(indicator.points)
            assert same(points, row["points"])
            if published:
                assert indicator.cell == row["cell"]
            elif indicator.grade is not None:
                table_indicator = {t.name: t for t in TABLES}[name].indicator(indicator.id)
                assert table_indicator.read_cells[indicator.grade] == row["cell"]
