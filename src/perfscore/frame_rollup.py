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
can give, or extreme weights), the table is rolled up by [roll_up][perfscore.rollup.roll_up],
the exact per-table path [score][perfscore.scorecard.score] uses; a method of one's own always
is. Either way the figures are those of [score][perfscore.scorecard.score].

>>> import pandas as pd
>>> from fractions import Fraction as F
>>> from perfscore import load_table
>>> from perfscore.methods import MeanOfPoints
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

from .grades import GRADES, Grade
from .methods import (
    Flat,
    MeanOfPoints,
    Method,
    MissingAsPoor,
    ProportionalCredit,
    WorstGrade,
    exact,
)
from .rollup import DEPARTMENT, Node, coverage, roll_up, table_weights
from .tables import Table

__all__ = ["Level", "Levels", "roll_up_tables"]

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


class _Shape:
    """Which activity, duty and table each indicator and node belongs to."""

    def __init__(self, tables: Sequence[Table]) -> None:
        activity_of: list[int] = []
        activity_duty: list[int] = []
        duty_table: list[int] = []
        ids: list[str] = []
        a = d = 0
        for t, table in enumerate(tables):
            for duty in table.duties:
                for activity in duty.activities:
                    activity_of += [a] * len(activity.indicators)
                    ids += [i.id for i in activity.indicators]
                    activity_duty.append(d)
                    a += 1
                duty_table.append(t)
                d += 1
        self.ids = ids
        self.activity_of = np.asarray(activity_of, dtype=np.intp)
        self.activity_duty = np.asarray(activity_duty, dtype=np.intp)
        self.duty_table = np.asarray(duty_table, dtype=np.intp)
        self.duty_of = self.activity_duty[self.activity_of]
        self.table_of = self.duty_table[self.duty_of]
        self.activity_table = self.duty_table[self.activity_duty]
        self.counts = (a, d, len(tables))


def roll_up_tables(
    tables: Sequence[Table],
    method: Method,
    points: Sequence[Fraction | None],
    weights: Sequence[Mapping[str, object] | None],
) -> Levels:
    """Roll every table up from its indicators' points, as
    [roll_up][perfscore.rollup.roll_up] does table by table.

    ``points`` holds every indicator's points in table order (``None``: no result);
    ``weights`` holds each table's weights argument (see
    [table_weights][perfscore.rollup.table_weights]).
    """
    shape = _Shape(tables)
    if len(points) != len(shape.ids):
        raise ValueError(f"{len(points)} points for {len(shape.ids)} indicators")
    if type(method) in _COLUMN_WISE:
        assert isinstance(method, MeanOfPoints)
        levels, exact_tables = _column_wise(tables, shape, method, points, weights)
    else:
        levels, exact_tables = _empty(shape), list(range(len(tables)))
    _exact_tables(levels, shape, tables, method, points, weights, exact_tables)
    return levels


# -- column-wise ----------------------------------------------------------------------------


def _column_wise(
    tables: Sequence[Table],
    shape: _Shape,
    method: MeanOfPoints,
    points: Sequence[Fraction | None],
    weights: Sequence[Mapping[str, object] | None],
) -> tuple[Levels, list[int]]:
    n_act, n_duty, n_table = shape.counts
    has_result = np.fromiter((p is not None for p in points), dtype=bool, count=len(points))
    earned = list(points)
    priced = method.missing(None)
    if priced is not None:
        earned = [priced if p is None else p for p in points]
    scored = np.fromiter((p is not None for p in earned), dtype=bool, count=len(earned))

    # Each indicator's points as a whole-number ratio; a table with a ratio too large for the
    # integers below is left to the exact path. Points are shared objects (priced once per grade,
    # or per ladder and value), so each is taken apart once.
    unsafe = np.zeros(n_table, dtype=bool)
    distinct = {id(p): p for p in earned if p is not None}
    parts = {k: (p.numerator, p.denominator) for k, p in distinct.items()}
    large = {k for k, (n, d) in parts.items() if abs(n) >= _SAFE or d >= _SAFE}
    for k in large:
        parts[k] = (0, 1)
    numer = np.array([0 if p is None else parts[id(p)][0] for p in earned], dtype=np.int64)
    denom = np.array([1 if p is None else parts[id(p)][1] for p in earned], dtype=np.int64)
    if large:
        at = [g for g, p in enumerate(earned) if p is not None and id(p) in large]
        unsafe[shape.table_of[at]] = True

    wi, wa, wd = _weights(tables, shape, weights, unsafe)
    worst = isinstance(method, WorstGrade)
    levels = _empty(shape)
    act, duty, dept = levels.activities, levels.duties, levels.departments
    a_has = np.zeros(n_act, dtype=bool)
    np.logical_or.at(a_has, shape.activity_of, scored)

    a_exact: dict[int, Fraction] = {}
    d_exact: dict[int, Fraction] = {}
    t_exact: dict[int, Fraction] = {}
    if worst:
        # The least points beneath each node: over one denominator, numerators compare.
        common = math.lcm(*{d for _, d in parts.values()})
        if common >= 2**20 or (np.abs(numer) * (common / denom) >= _SAFE).any():
            unsafe[:] = True
            common = 1
        whole = numer * (common // denom)
        a_num, a_den = _least(whole, common, scored, shape.activity_of, n_act)
        d_num, d_den = _least(whole, common, scored, shape.duty_of, n_duty)
        t_num, t_den = _least(whole, common, scored, shape.table_of, n_table)
    else:
        # Σ (n/d)·w / Σ w over each node's scored children, over the lcm of their d.
        a_num, a_den, a_exact = _mean_of_means(numer, denom, scored, wi, shape.activity_of, n_act)
        if method.flat:
            d_num, d_den, d_exact = _mean_of_means(numer, denom, scored, wi, shape.duty_of,
                                                   n_duty)  # fmt: skip
            t_num, t_den, t_exact = _mean_of_means(numer, denom, scored, wi, shape.table_of,
                                                   n_table)  # fmt: skip
        else:
            d_num, d_den, d_exact = _mean_of_means(a_num, a_den, a_has, wa, shape.activity_duty,
                                                   n_duty, a_exact)  # fmt: skip
            d_has = np.zeros(n_duty, dtype=bool)
            np.logical_or.at(d_has, shape.activity_duty, a_has)
            t_num, t_den, t_exact = _mean_of_means(d_num, d_den, d_has, wd, shape.duty_table,
                                                   n_table, d_exact)  # fmt: skip

    for level, num, den, node_of, exact_nodes in (
        (act, a_num, a_den, shape.activity_of, a_exact),
        (duty, d_num, d_den, shape.duty_of, d_exact),
        (dept, t_num, t_den, shape.table_of, t_exact),
    ):
        has = np.zeros(len(num), dtype=bool)
        np.logical_or.at(has, node_of, scored)
        level.score = np.where(has, num / np.where(den == 0, 1, den), np.nan)
        level.grade = _grades(method, num, den, has, worst)
        for node, value in exact_nodes.items():
            level.score[node] = float(value)
            level.grade[node] = method.grade(value).value
        level.graded = np.bincount(node_of[has_result], minlength=len(num)).astype(np.int64)
    for level, node_of, count in (
        (act, shape.activity_of, n_act),
        (duty, shape.duty_of, n_duty),
        (dept, shape.table_of, n_table),
    ):
        level.total = np.bincount(node_of, minlength=count).astype(np.int64)
        level.coverage = np.where(level.total > 0, level.graded / np.maximum(level.total, 1), 0.0)
        level.missing = _missing(shape, node_of, has_result, count)
    return levels, np.flatnonzero(unsafe).tolist()


def _weights(
    tables: Sequence[Table],
    shape: _Shape,
    weights: Sequence[Mapping[str, object] | None],
    unsafe: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Whole-number weights of indicators, activities and duties, one denominator a table (the
    denominator cancels in every mean)."""
    n_act, n_duty, _ = shape.counts
    wi = np.ones(len(shape.ids), dtype=np.int64)
    wa = np.ones(n_act, dtype=np.int64)
    wd = np.ones(n_duty, dtype=np.int64)
    g = a = d = 0
    for t, table in enumerate(tables):
        given = weights[t]
        known = table_weights(table, given) if given else None
        found: list[tuple[npt.NDArray[np.int64], int, Fraction]] = []
        for duty in table.duties:
            if known is not None or duty.weight is not None:
                w = known[duty.id] if known is not None else exact(duty.weight)
                if w != _ONE:
                    found.append((wd, d, w))
            for activity in duty.activities:
                if known is not None or activity.weight is not None:
                    w = known[activity.id] if known is not None else exact(activity.weight)
                    if w != _ONE:
                        found.append((wa, a, w))
                for indicator in activity.indicators:
                    if known is not None or indicator.weight is not None:
                        w = known[indicator.id] if known is not None else exact(indicator.weight)
                        if w != _ONE:
                            found.append((wi, g, w))
                    g += 1
                a += 1
            d += 1
        if not found:
            continue
        common = math.lcm(*(w.denominator for _, _, w in found))
        scaled = [(array, k, w * common) for array, k, w in found]
        if common >= 2**20 or any(w >= 2**20 for _, _, w in scaled):
            unsafe[t] = True
            continue
        # Every weight of the table over the common denominator, then the ones that differ.
        wd[shape.duty_table == t] = common
        wa[shape.activity_table == t] = common
        wi[shape.table_of == t] = common
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
    # The lcm of a node's children cannot exceed their product: guard it in floats first.
    size = np.zeros(count, dtype=np.float64)
    np.add.at(size, node_of, np.log2(np.maximum(child_den, 1).astype(np.float64)))
    big = size >= 52
    if exact_children:
        big[node_of[list(exact_children)]] = True
    np.lcm.at(common, node_of, np.where(big[node_of], 1, child_den))
    scale = common[node_of] // child_den
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
    shape: _Shape, node_of: npt.NDArray[np.intp], has_result: npt.NDArray[np.bool_], count: int
) -> list[str]:
    out: dict[int, list[str]] = {}
    ids = shape.ids
    for g in np.flatnonzero(~has_result).tolist():
        out.setdefault(int(node_of[g]), []).append(ids[g])
    missing = [""] * count
    for node, listed in out.items():
        missing[node] = " ".join(listed)
    return missing


# -- the exact path, table by table ---------------------------------------------------------


def _empty(shape: _Shape) -> Levels:
    def level(count: int) -> Level:
        return Level(
            score=np.full(count, np.nan),
            grade=[None] * count,
            graded=np.zeros(count, dtype=np.int64),
            total=np.zeros(count, dtype=np.int64),
            coverage=np.zeros(count, dtype=np.float64),
            missing=[""] * count,
        )

    n_act, n_duty, n_table = shape.counts
    return Levels(level(n_act), level(n_duty), level(n_table))


def _exact_tables(
    levels: Levels,
    shape: _Shape,
    tables: Sequence[Table],
    method: Method,
    points: Sequence[Fraction | None],
    weights: Sequence[Mapping[str, object] | None],
    chosen: list[int],
) -> None:
    if not chosen:
        return
    table_start = np.searchsorted(shape.table_of, np.arange(len(tables) + 1))
    duty_start = np.searchsorted(shape.duty_table, np.arange(len(tables) + 1))
    activity_start = np.searchsorted(shape.activity_table, np.arange(len(tables) + 1))
    for t in chosen:
        table = tables[t]
        start = int(table_start[t])
        earned = {
            shape.ids[g]: points[g]
            for g in range(start, int(table_start[t + 1]))
            if points[g] is not None
        }
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
