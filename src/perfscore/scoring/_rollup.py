"""The roll-up (汇总): indicator points to activity, duty and department scores, in one place.

[roll_up][perfscore.scoring.roll_up] works from each indicator's points alone (``None`` for a
missing result), so every front end that grades values its own way, one by one or in batches, gets
the same figures.

>>> from fractions import Fraction as F
>>> from perfscore import load_table
>>> from perfscore.scoring import MeanOfPoints
>>> table = load_table("zanhuang-hrss-2018")
>>> nodes = roll_up(table, MeanOfPoints(), {"1.1.1": F(100), "1.1.2": F(80), "1.2.1": F(60)})
>>> nodes["1.1"].score, nodes["1.2"].score, nodes["1"].score, nodes["1"].missing
(Fraction(90, 1), Fraction(60, 1), Fraction(75, 1), ('1.2.2', '1.2.3', '1.2.4', '1.3.1'))
>>> nodes[DEPARTMENT].score == nodes["1"].score, nodes["2"].score, nodes["2"].grade
(True, None, None)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from perfscore.errors import PerfscoreError
from perfscore.grades import Grade
from perfscore.notation._exact import beyond_float, scientific, to_fraction
from perfscore.tables._models import Table

from ._methods import Method
from ._records import coverage

__all__ = ["DEPARTMENT", "Node", "roll_up", "table_weights"]

_ONE: Final[Fraction] = Fraction(1)

#: The key of the department in [roll_up][perfscore.scoring.roll_up]'s answer (duties are "1",
#: activities "1.1").
DEPARTMENT: Final[str] = ""


@dataclass(frozen=True)
class Node:
    """A duty's, an activity's or the department's score, and how much of it was graded."""

    id: str
    #: The exact score; ``None`` when nothing beneath was scored.
    score: Fraction | None
    grade: Grade | None
    #: Indicators beneath with a result, and all indicators beneath.
    graded: int
    total: int
    #: Ids of the indicators beneath without a result, in table order.
    missing: tuple[str, ...]

    @property
    def coverage(self) -> float:
        """The share of the indicators beneath that have a result (0 to 1)."""
        return coverage(self.graded, self.total)


def table_weights(table: Table, weights: Mapping[str, object] | None = None) -> dict[str, Fraction]:
    """The weight of every duty, activity and indicator: ``weights``, else the table's, else 1.

    ``weights`` maps ids (``"3"``, ``"3.1"``, ``"3.1.2"``) to positive numbers.
    """
    if weights is not None and not isinstance(weights, Mapping):
        raise TypeError(f"weights are a mapping of id to weight, not {type(weights).__name__}")
    known: dict[str, Fraction] = {}
    for duty in table.duties:
        known[duty.id] = _ONE if duty.weight is None else to_fraction(duty.weight)
        for activity in duty.activities:
            known[activity.id] = _ONE if activity.weight is None else to_fraction(activity.weight)
            for indicator in activity.indicators:
                known[indicator.id] = (
                    _ONE if indicator.weight is None else to_fraction(indicator.weight)
                )
    for key, value in (weights or {}).items():
        key = str(key).strip()
        if key not in known:
            raise PerfscoreError(f"a weight is given for {key!r}, which table {table.name} lacks")
        if isinstance(value, float) and not math.isfinite(value):
            raise PerfscoreError(f"the weight of {key} is {value}; weights are positive numbers")
        weight = to_fraction(value)
        if weight <= 0:
            raise PerfscoreError(f"the weight of {key} is {value}; weights are positive numbers")
        known[key] = weight
    return known


def roll_up(
    table: Table,
    method: Method,
    points: Mapping[str, Fraction | None],
    *,
    weights: Mapping[str, object] | None = None,
) -> dict[str, Node]:
    """Score every activity, duty and the department of ``table`` from indicator points.

    ``points`` maps indicator ids to their points; an id absent or mapped to ``None`` is a
    missing result, which ``method.missing`` prices (``None``: left out of every mean). A node
    whose children all lack a score has no score and no grade. Answers by id, the department
    under `DEPARTMENT`.
    """
    weight = table_weights(table, weights)
    nodes: dict[str, Node] = {}
    everything: list[tuple[Fraction, Fraction]] = []
    duty_scores: list[tuple[Fraction, Fraction]] = []
    all_missing: list[str] = []
    for duty in table.duties:
        beneath: list[tuple[Fraction, Fraction]] = []
        activity_scores: list[tuple[Fraction, Fraction]] = []
        duty_missing: list[str] = []
        duty_total = 0
        for activity in duty.activities:
            scored: list[tuple[Fraction, Fraction]] = []
            missing: list[str] = []
            for indicator in activity.indicators:
                earned = points.get(indicator.id)
                if earned is None:
                    missing.append(indicator.id)
                    earned = method.missing(indicator)
                if earned is not None:
                    scored.append((_points(earned, indicator.id), weight[indicator.id]))
            node = _node(activity.id, method, scored, len(activity.indicators), missing)
            nodes[activity.id] = node
            beneath += scored
            duty_missing += missing
            duty_total += node.total
            if node.score is not None:
                activity_scores.append((node.score, weight[activity.id]))
        children = beneath if method.flat else activity_scores
        node = _node(duty.id, method, children, duty_total, duty_missing)
        nodes[duty.id] = node
        everything += beneath
        all_missing += duty_missing
        if node.score is not None:
            duty_scores.append((node.score, weight[duty.id]))
    children = everything if method.flat else duty_scores
    nodes[DEPARTMENT] = _node(DEPARTMENT, method, children, len(table), all_missing)
    return nodes


def _points(earned: object, indicator_id: str) -> Fraction:
    """An indicator's points, exact; refused beyond a float, which every score is shown as."""
    try:
        points = to_fraction(earned)
    except PerfscoreError as error:
        raise error.located(indicator=indicator_id) from None
    if beyond_float(points):
        raise PerfscoreError(
            f"points of {scientific(points)} are beyond what a float can hold (±1.8e308)"
        ).located(indicator=indicator_id)
    return points


def _node(
    node_id: str,
    method: Method,
    scored: list[tuple[Fraction, Fraction]],
    total: int,
    missing: list[str],
) -> Node:
    if not scored:
        return Node(node_id, None, None, total - len(missing), total, tuple(missing))
    score = to_fraction(method.combine(scored))
    return Node(node_id, score, method.grade(score), total - len(missing), total, tuple(missing))
