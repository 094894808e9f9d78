"""perfscore.frames._rollup: the column-wise roll-up gives the figures
of scoring.roll_up, table by table."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore.frames._rollup import roll_up_tables
from perfscore.scoring import METHODS, WorstGrade, get_method, roll_up
from perfscore.scoring._rollup import DEPARTMENT
from tests.frames_data import TABLES

_POINTS = st.one_of(
    st.none(),
    st.sampled_from([Fraction(0), Fraction(60), Fraction(80), Fraction(100)]),
    st.fractions(min_value=0, max_value=100, max_denominator=400),
    st.fractions(min_value=0, max_value=100, max_denominator=2**40),  # the exact path
)
_WEIGHTS = st.sampled_from([None, 0.5, 2, 3, 0.001, 1e6, 1 / 3])


@settings(max_examples=80, deadline=None)
@given(data=st.data(), method=st.sampled_from(sorted(METHODS)))
def test_roll_up_tables_equals_roll_up_table_by_table(data: st.DataObject, method: str) -> None:
    chosen = get_method(method)
    points: list[Fraction | None] = []
    weights = []
    for table in TABLES:
        points += [data.draw(_POINTS) for _ in range(len(table))]
        ids = [i.id for d in table.duties for a in d.activities for i in a.indicators]
        ids += [d.id for d in table.duties] + [a.id for a in table.activities()]
        drawn = {k: data.draw(_WEIGHTS) for k in data.draw(st.sets(st.sampled_from(ids)))}
        weights.append({k: w for k, w in drawn.items() if w is not None} or None)
    levels = roll_up_tables(TABLES, chosen, points, weights)
    start = a = d = 0
    for t, table in enumerate(TABLES):
        ids = [i.id for i in table.indicators()]
        earned = {i: p for i, p in zip(ids, points[start:], strict=False) if p is not None}
        start += len(table)
        nodes = roll_up(table, chosen, earned, weights=weights[t])
        expected = [(nodes[x.id], levels.activities, k) for k, x in
                    enumerate(table.activities(), a)]  # fmt: skip
        expected += [(nodes[x.id], levels.duties, k) for k, x in enumerate(table.duties, d)]
        expected.append((nodes[DEPARTMENT], levels.departments, t))
        a += len(table.activities())
        d += len(table.duties)
        for node, level, k in expected:
            score = math.nan if node.score is None else float(node.score)
            assert (level.score[k] == score) or (math.isnan(score) and math.isnan(level.score[k]))
            assert level.grade[k] == (None if node.grade is None else node.grade.value)
            assert (level.graded[k], level.total[k]) == (node.graded, node.total)
            assert level.missing[k] == " ".join(node.missing)


def test_a_band_edge_is_decided_exactly() -> None:
    # (0.1·90 + 0.2·90) / 0.3 is 89.99999999999999 in floats; exactly it is 90, an 优.
    table = TABLES[0]
    first = [i.id for i in table.duties[0].activities[0].indicators]
    points: list[Fraction | None] = [None] * sum(len(t) for t in TABLES)
    points[0], points[1] = Fraction(90), Fraction(90)
    weights = [{first[0]: 0.1, first[1]: 0.2}, None, None]
    levels = roll_up_tables(TABLES, get_method("mean"), points, weights)
    assert (levels.activities.score[0], levels.activities.grade[0]) == (90.0, "优")
    # Under the worst grade, 90 points are a 良 (an 优 earns 100).
    worst = roll_up_tables(TABLES, WorstGrade(), points, weights)
    assert (worst.departments.score[0], worst.departments.grade[0]) == (90.0, "良")
