"""The roll-up of many tables at once, column-wise and exact (批量汇总).

[score_frame][perfscore.frames.score_frame] rolls every table up here. For the built-in methods
(`MeanOfPoints` and its kin `Flat`, `MissingAsPoor`, `ProportionalCredit` and `WorstGrade`) the
scores are computed over all tables at once in integers: each table's points share one
denominator ``D`` and its weights another, so a node's score is ``numerator / denominator`` with
both whole numbers, summed with `numpy.add.at` over the nodes, reduced by their greatest common
divisor, and graded by cross-multiplying with each band in integers. A score is shown as the
float ``numerator / denominator``: both are below 2**53, so both are exact floats and the one
division rounds correctly, giving the very float ``float(Fraction(numerator, denominator))``
gives. Nothing is approximated, so no band edge needs a second look.

Where the integers could outgrow int64 (points with large denominators, as proportional credit
can give, or extreme weights), the table is rolled up by [roll_up][perfscore.scoring.roll_up],
the exact per-table path [score][perfscore.cards.score] uses; a method of one's own always
is. Either way the figures are those of [score][perfscore.cards.score].

>>> import pandas as pd
>>> from fractions import Fraction as F
>>> from perfscore import load_table
>>> from perfscore.scoring import MeanOfPoints
>>> table = load_table("zanhuang-hrss-2018")
>>> points = [None] * len(table)
>>> points[:3] = [F(100), F(80), F(60)]
>>> levels = roll_up_tables([table], MeanOfPoints(), points, [None])
>>> levels.activities.score[:2].tolist(), levels.activities.grade[:2]
([90.0, 60.0], ['优', '中'])
>>> levels.departments.score.tolist(), levels.departments.missing[0][:17]
([75.0], '1.2.2 1.2.3 1.2.4')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import numpy as np
import numpy.typing as npt

from perfscore.grades import GRADES, Grade
from perfscore.notation._exact import to_fraction
from perfscore.scoring._methods import (
    Flat,
    MeanOfPoints,
    Method,
    MissingAsPoor,
    ProportionalCredit,
    WorstGrade,
)
from perfscore.scoring._records import coverage
from perfscore.scoring._rollup import DEPARTMENT, Node, roll_up, table_weights
from perfscore.tables._models import Table

from ._layout import Layout

__all__ = ["Level", "Levels", "Points", "roll_up_layout", "roll_up_tables"]

#: The methods rolled up column-wise: exactly these classes (a subclass may change any rule).
_COLUMN_WISE: Final = (MeanOfPoints, Flat, MissingAsPoor, ProportionalCredit, WorstGrade)
#: Whole numbers kept below this, so every float conversion and division is exact.
_SAFE: Final = 2**53
_ONE: Final = Fraction(1)


@dataclass
class Level:
    """One level's nodes (activities, duties or departments), in table order."""

    score: npt.NDArray[np.float64]
    grade: list[str | None]
    graded: npt.NDArray[np.int64]
    total: npt.NDArray[np.int64]
    coverage: npt.NDArray[np.float64]
    missing: list[str]


@dataclass
class Levels:
    """The roll-up of every table: activities, duties and departments."""

    activities: Level
    duties: Level
    departments: Level


@dataclass(frozen=True, eq=False)
class Points:
    """Every indicator's points, as a column: ``which[g]`` numbers indicator ``g``'s points among
    ``values`` (-1: no result). Points are few distinct fractions (priced once per grade, or per
    ladder, grade and value), so each is taken apart once."""

    which: npt.NDArray[np.intp]
    values: tuple[Fraction, ...]

    @classmethod
    def of(cls, points: Sequence[Fraction | None]) -> Points:
        """The column of a list of points (``None``: no result)."""
        index: dict[Fraction, int] = {}
        which = np.fromiter(
            (-1 if p is None else index.setdefault(p, len(index)) for p in points),
            dtype=np.intp,
            count=len(points),
        )
        return cls(which, tuple(index))

    def __len__(self) -> int:
        return len(self.which)

    def get(self, g: int) -> Fraction | None:
        """Indicator ``g``'s points (``None``: no result)."""
        k = int(self.which[g])
        return None if k < 0 else self.values[k]

    def floats(self) -> npt.NDArray[np.float64]:
        """The points as floats (NaN: no result)."""
        table = np.array([*(float(p) for p in self.values), math.nan])
        return table[np.where(self.which >= 0, self.which, len(self.values))]


def roll_up_tables(
    tables: Sequence[Table],
    method: Method,
    points: Sequence[Fraction | None],
    weights: Sequence[Mapping[str, object] | None],
) -> Levels:
    """Roll every table up from its indicators' points, as
    [roll_up][perfscore.scoring.roll_up] does table by table.

    ``points`` holds every indicator's points in table order (``None``: no result);
    ``weights`` holds each table's weights argument (see
    [table_weights][perfscore.scoring._rollup.table_weights]).
    """
    layout = Layout.of_tables({str(t): table for t, table in enumerate(tables)})
    if len(points) != len(layout):
        raise ValueError(f"{len(points)} points for {len(layout)} indicators")
    return roll_up_layout(layout, method, Points.of(points), weights)


def roll_up_layout(
    layout: Layout,
    method: Method,
    points: Points,
    weights: Sequence[Mapping[str, object] | None],
) -> Levels:
    """Roll every table of ``layout`` up from its indicators' ``points`` (see
    [roll_up_tables][perfscore.frames._rollup.roll_up_tables])."""
    if len(points) != len(layout):
        raise ValueError(f"{len(points)} points for {len(layout)} indicators")
    if type(method) in _COLUMN_WISE:
        assert isinstance(method, MeanOfPoints)
        levels, exact_tables = _column_wise(layout, method, points, weights)
    else:
        levels, exact_tables = _empty(layout), list(range(len(layout.names)))
    _exact_tables(levels, layout, method, points, weights, exact_tables)
    return levels


# -- column-wise ----------------------------------------------------------------------------


def _column_wise(
    layout: Layout,
    method: MeanOfPoints,
    points: Points,
    weights: Sequence[Mapping[str, object] | None],
) -> tuple[Levels, list[int]]:
    ratios = _Ratios.of(layout, method, points)
    wi, wa, wd = _weights(layout, weights, ratios.unsafe)
    worst = isinstance(method, WorstGrade)
    if worst:
        sums = _least_per_level(layout, ratios)
    else:
        sums = _means_per_level(layout, method, ratios, (wi, wa, wd))
    levels = _empty(layout)
    _fill(levels, layout, method, ratios, sums, worst)
    return levels, np.flatnonzero(ratios.unsafe).tolist()


@dataclass
class _Ratios:
    """Each indicator's points as a whole-number ratio ``numer / denom``, where scored."""

    numer: npt.NDArray[np.int64]
    denom: npt.NDArray[np.int64]
    #: Whether the indicator has a result, and whether it counts (a missing one can be priced).
    has_result: npt.NDArray[np.bool_]
    scored: npt.NDArray[np.bool_]
    #: The distinct denominators (the lcm of those a node sees is its common denominator).
    denominators: set[int]
    #: Tables whose ratios are too large for int64 sums: left to the exact path.
    unsafe: npt.NDArray[np.bool_]

    @classmethod
    def of(cls, layout: Layout, method: MeanOfPoints, points: Points) -> _Ratios:
        has_result = points.which >= 0
        values = list(points.values)
        which = points.which
        priced = method.missing(None)
        if priced is not None:
            which = np.where(has_result, which, len(values))
            values.append(priced)
        scored = which >= 0
        # A table with a ratio too large for the integers below is left to the exact path.
        unsafe = np.zeros(len(layout.names), dtype=bool)
        parts = [(p.numerator, p.denominator) for p in values]
        large = np.array([abs(n) >= _SAFE or d >= _SAFE for n, d in parts] + [False], dtype=bool)
        safe_parts = [(0, 1) if large[k] else part for k, part in enumerate(parts)] + [(0, 1)]
        at = np.where(scored, which, len(parts))
        if large.any():
            unsafe[layout.table_of[large[at]]] = True
        return cls(
            np.array([n for n, _ in safe_parts], dtype=np.int64)[at],
            np.array([d for _, d in safe_parts], dtype=np.int64)[at],
            has_result,
            scored,
            {d for _, d in safe_parts},
            unsafe,
        )


#: Per level (activities, duties, departments): numerators, denominators and the nodes whose
#: exact score is known apart (too large for the integers).
_Sums = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], dict[int, Fraction]]


def _least_per_level(layout: Layout, ratios: _Ratios) -> tuple[_Sums, _Sums, _Sums]:
    """The least points beneath each node: over one denominator, numerators compare."""
    common = math.lcm(*ratios.denominators)
    numer, denom = ratios.numer, ratios.denom
    if common >= 2**20 or (np.abs(numer) * (common / denom) >= _SAFE).any():
        ratios.unsafe[:] = True
        common = 1
    whole = numer * (common // denom)

    def least(node_of: npt.NDArray[np.intp], count: int) -> _Sums:
        return (*_least(whole, common, ratios.scored, node_of, count), {})

    return (
        least(layout.activity_of, len(layout.activities)),
        least(layout.duty_of, len(layout.duties)),
        least(layout.table_of, len(layout.names)),
    )


def _means_per_level(
    layout: Layout,
    method: MeanOfPoints,
    ratios: _Ratios,
    weights: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]],
) -> tuple[_Sums, _Sums, _Sums]:
    """Σ (n/d)·w / Σ w over each node's scored children, over the lcm of their d."""
    wi, wa, wd = weights
    numer, denom, scored = ratios.numer, ratios.denom, ratios.scored
    n_act, n_duty, n_table = len(layout.activities), len(layout.duties), len(layout.names)
    activities = _mean_of_means(numer, denom, scored, wi, layout.activity_of, n_act)
    if method.flat:
        duties = _mean_of_means(numer, denom, scored, wi, layout.duty_of, n_duty)
        return activities, duties, _mean_of_means(numer, denom, scored, wi, layout.table_of,
                                                  n_table)  # fmt: skip
    a_has = np.zeros(n_act, dtype=bool)
    np.logical_or.at(a_has, layout.activity_of, scored)
    duties = _mean_of_means(*activities[:2], a_has, wa, layout.activities.parent, n_duty,
                            activities[2])  # fmt: skip
    d_has = np.zeros(n_duty, dtype=bool)
    np.logical_or.at(d_has, layout.activities.parent, a_has)
    departments = _mean_of_means(*duties[:2], d_has, wd, layout.duties.parent, n_table,
                                 duties[2])  # fmt: skip
    return activities, duties, departments


def _fill(
    levels: Levels,
    layout: Layout,
    method: MeanOfPoints,
    ratios: _Ratios,
    sums: tuple[_Sums, _Sums, _Sums],
    worst: bool,
) -> None:
    """Each level's scores, grades, counts, coverage and missing ids from its sums."""
    for level, (num, den, exact_nodes), node_of in zip(
        (levels.activities, levels.duties, levels.departments),
        sums,
        (layout.activity_of, layout.duty_of, layout.table_of),
        strict=True,
    ):
        count = len(num)
        has = np.zeros(count, dtype=bool)
        np.logical_or.at(has, node_of, ratios.scored)
        level.score = np.where(has, num / np.where(den == 0, 1, den), np.nan)
        level.grade = _grades(method, num, den, has, worst)
        for node, value in exact_nodes.items():
            level.score[node] = float(value)
            level.grade[node] = method.grade(value).value
        level.graded = np.bincount(node_of[ratios.has_result], minlength=count).astype(np.int64)
        level.total = np.bincount(node_of, minlength=count).astype(np.int64)
        level.coverage = np.where(level.total > 0, level.graded / np.maximum(level.total, 1), 0.0)
        level.missing = _missing(layout, node_of, ratios.has_result, count)


def _weights(
    layout: Layout,
    weights: Sequence[Mapping[str, object] | None],
    unsafe: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Whole-number weights of indicators, activities and duties, one denominator a table (the
    denominator cancels in every mean)."""
    wi = np.ones(len(layout), dtype=np.int64)
    wa = np.ones(len(layout.activities), dtype=np.int64)
    wd = np.ones(len(layout.duties), dtype=np.int64)
    levels = (
        (wi, layout.weights, layout.table_of, layout.ids),
        (wa, layout.activities.weights, layout.activity_table, layout.activities.ids),
        (wd, layout.duties.weights, layout.duties.parent, layout.duties.ids),
    )
    # The tables with a weight other than 1 (given in the table, or as an argument).
    chosen = np.zeros(len(layout.names), dtype=bool)
    for _, column, table_of, _ in levels:
        chosen[table_of[~np.isnan(column) & (column != 1)]] = True
    chosen[[t for t, w in enumerate(weights) if w]] = True
    if not chosen.any():
        return wi, wa, wd
    # Each distinct weight is read exactly once (a float stands for the decimal it prints as).
    as_fraction: dict[float, Fraction] = {}
    for t in np.flatnonzero(chosen).tolist():
        found: list[tuple[npt.NDArray[np.int64], int, Fraction]] = []
        given = weights[t]
        spans = [(int(start[t]), int(start[t + 1])) for start in layout.spans]
        known = table_weights(layout.table(t), given) if given else None
        for (array, column, _, ids), (begin, end) in zip(levels, spans, strict=True):
            for k in range(begin, end):
                number = float(column[k])
                if known is not None:
                    w = known[str(ids[k])]
                elif math.isnan(number):
                    continue
                elif number in as_fraction:
                    w = as_fraction[number]
                else:
                    w = as_fraction[number] = to_fraction(number)
                if w != _ONE:
                    found.append((array, k, w))
        if not found:
            continue
        common = math.lcm(*(w.denominator for _, _, w in found))
        scaled = [(array, k, w * common) for array, k, w in found]
        if common >= 2**20 or any(w >= 2**20 for _, _, w in scaled):
            unsafe[t] = True
            continue
        # Every weight of the table over the common denominator, then the ones that differ.
        for (array, *_), (begin, end) in zip(levels, spans, strict=True):
            array[begin:end] = common
        for array, k, w in scaled:
            array[k] = int(w)
    return wi, wa, wd


def _mean_of_means(
    numer: npt.NDArray[np.int64],
    denom: npt.NDArray[np.int64],
    has: npt.NDArray[np.bool_],
    weight: npt.NDArray[np.int64],
    node_of: npt.NDArray[np.intp],
    count: int,
    exact_children: Mapping[int, Fraction] | None = None,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], dict[int, Fraction]]:
    """Σ (n/d)·w / Σ w over each node's scored children, over the lcm of their ``d``.

    A node whose whole numbers would outgrow int64 (or with a child computed so) is computed
    in Python's integers instead and answered in the dict, by node.
    """
    child_den = np.where(has, denom, 1)
    common = np.ones(count, dtype=np.int64)
    scale: npt.NDArray[np.int64] | int = 1
    if exact_children or bool((child_den != 1).any()):
        # The lcm of a node's children cannot exceed their product: guard it in floats first.
        size = np.zeros(count, dtype=np.float64)
        np.add.at(size, node_of, np.log2(np.maximum(child_den, 1).astype(np.float64)))
        big = size >= 52
        if exact_children:
            big[node_of[list(exact_children)]] = True
        np.lcm.at(common, node_of, np.where(big[node_of], 1, child_den))
        scale = common[node_of] // child_den
    else:  # whole points throughout (grade points 100, 80, 60, 0): no denominator to share
        big = np.zeros(count, dtype=bool)
    terms = np.where(has, numer, 0).astype(np.float64) * scale * weight
    estimate = np.zeros(count, dtype=np.float64)
    np.add.at(estimate, node_of, np.abs(terms))
    total_weight = np.zeros(count, dtype=np.int64)
    np.add.at(total_weight, node_of, np.where(has, weight, 0))
    big |= (estimate >= _SAFE) | (total_weight.astype(np.float64) * common >= _SAFE)
    safe_child = ~big[node_of] & has
    top = np.zeros(count, dtype=np.int64)
    np.add.at(top, node_of[safe_child], (numer * scale * weight)[safe_child])
    bottom = np.where(big, 1, total_weight * common)
    # The few large nodes, exactly in Python's integers.
    children: dict[int, list[tuple[Fraction, int]]] = {}
    known = exact_children or {}
    for c in np.flatnonzero(big[node_of] & has).tolist():
        value = known.get(c)
        if value is None:
            value = Fraction(int(numer[c]), int(denom[c]))
        children.setdefault(int(node_of[c]), []).append((value, int(weight[c])))
    exact_nodes = {node: _weighted_mean(pairs) for node, pairs in children.items()}
    return (*_reduced(np.where(big, 0, top), bottom), exact_nodes)


def _weighted_mean(pairs: list[tuple[Fraction, int]]) -> Fraction:
    """Σ f·w / Σ w exactly, over one common denominator, reduced once."""
    common = math.lcm(*(f.denominator for f, _ in pairs))
    top = sum(f.numerator * (common // f.denominator) * w for f, w in pairs)
    return Fraction(top, common * sum(w for _, w in pairs))


def _least(
    numer: npt.NDArray[np.int64],
    denom: int,
    scored: npt.NDArray[np.bool_],
    node_of: npt.NDArray[np.intp],
    count: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each node's least scored points (over one denominator, so numerators compare)."""
    least = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(least, node_of[scored], numer[scored])
    bottom = np.full(count, denom, dtype=np.int64)
    least[least == np.iinfo(np.int64).max] = 0
    return _reduced(least, bottom)


def _reduced(
    top: npt.NDArray[np.int64], bottom: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    bottom = np.where(bottom == 0, 1, bottom)
    common = np.gcd(top, bottom)
    return top // common, bottom // common


def _grades(
    method: MeanOfPoints,
    num: npt.NDArray[np.int64],
    den: npt.NDArray[np.int64],
    has: npt.NDArray[np.bool_],
    worst: bool,
) -> list[str | None]:
    """The grade each score earns, decided in integers (score ≥ least ⇔ n·q ≥ p·d)."""
    least: dict[Grade, Fraction] = (
        {g: method.points_of[g] for g in GRADES}
        if worst
        else {g: b for g, b in method.bands.items() if g is not Grade.POOR}
    )
    codes = np.full(len(num), Grade.POOR.code, dtype=np.int8)
    decided = np.zeros(len(num), dtype=bool)
    for grade in GRADES:
        bound = least.get(grade)
        if bound is None:
            continue
        if abs(bound.numerator) >= 2**9 or bound.denominator >= 2**9:
            # Products beyond int64: compare in Python integers (bands are rarely like this).
            meets = np.array(
                [n * bound.denominator >= bound.numerator * d for n, d in
                 zip(num.tolist(), den.tolist(), strict=True)], dtype=bool)  # fmt: skip
        else:
            meets = num * bound.denominator >= bound.numerator * den
        newly = meets & ~decided
        codes[newly] = grade.code
        decided |= meets
    names = np.array([*(g.value for g in reversed(GRADES)), None], dtype=object)
    return list(names[np.where(has, codes, 4)])


def _missing(
    layout: Layout, node_of: npt.NDArray[np.intp], has_result: npt.NDArray[np.bool_], count: int
) -> list[str]:
    missing = [""] * count
    at = np.flatnonzero(~has_result)
    if not len(at):
        return missing
    # Indicators are in table order, so each node's missing ids are one run.
    nodes = node_of[at]
    ids = layout.ids[at].tolist()
    starts = np.flatnonzero(np.r_[True, nodes[1:] != nodes[:-1]]).tolist()
    for begin, end in zip(starts, [*starts[1:], len(at)], strict=True):
        missing[int(nodes[begin])] = " ".join(ids[begin:end])
    return missing


# -- the exact path, table by table ---------------------------------------------------------


def _empty(layout: Layout) -> Levels:
    def level(count: int) -> Level:
        return Level(
            score=np.full(count, np.nan),
            grade=[None] * count,
            graded=np.zeros(count, dtype=np.int64),
            total=np.zeros(count, dtype=np.int64),
            coverage=np.zeros(count, dtype=np.float64),
            missing=[""] * count,
        )

    return Levels(
        level(len(layout.activities)), level(len(layout.duties)), level(len(layout.names))
    )


def _exact_tables(
    levels: Levels,
    layout: Layout,
    method: Method,
    points: Points,
    weights: Sequence[Mapping[str, object] | None],
    chosen: list[int],
) -> None:
    if not chosen:
        return
    _, activity_start, duty_start = layout.spans
    for t in chosen:
        table = layout.table(t)
        earned = {}
        for g in range(int(layout.offsets[t]), int(layout.offsets[t + 1])):
            p = points.get(g)
            if p is not None:
                earned[str(layout.ids[g])] = p
        nodes = roll_up(table, method, earned, weights=weights[t])
        a, d = int(activity_start[t]), int(duty_start[t])
        for duty in table.duties:
            for activity in duty.activities:
                _put(levels.activities, a, nodes[activity.id])
                a += 1
            _put(levels.duties, d, nodes[duty.id])
            d += 1
        _put(levels.departments, t, nodes[DEPARTMENT])


def _put(level: Level, k: int, node: Node) -> None:
    level.score[k] = math.nan if node.score is None else float(node.score)
    level.grade[k] = None if node.grade is None else node.grade.value
    level.graded[k] = node.graded
    level.total[k] = node.total
    level.coverage[k] = coverage(node.graded, node.total)
    level.missing[k] = " ".join(node.missing)
