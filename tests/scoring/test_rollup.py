"""Invariants of the roll-up, over any subset of results, any method
and any weights (perfscore.scoring._rollup)."""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.scoring import METHODS, get_method, roll_up
from perfscore.scoring._rollup import DEPARTMENT
from tests.scoring_data import small

TABLE = perfscore.load_table("zanhuang-hrss-2018")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zanhuang-hrss-2018-results.csv"


with EXAMPLE.open(encoding="utf-8") as _file:
    VALUES = {row["id"]: row["value"] for row in csv.DictReader(_file)}


IDS = sorted(VALUES)
MEANS = ("mean", "flat", "proportional", "proportional-ratio")
subsets = st.sets(st.sampled_from(IDS)).map(lambda ids: {i: VALUES[i] for i in ids})


def nodes(card: perfscore.Scorecard) -> list[perfscore.scoring.NodeScore]:
    return [card.department, *card.duties, *card.activities()]


def beneath(node_id: str) -> list[str]:
    return [
        i.id for i in TABLE.indicators() if node_id == DEPARTMENT or i.id.startswith(node_id + ".")
    ]


@settings(max_examples=60, deadline=None)
@given(results=subsets, method=st.sampled_from(sorted(METHODS)))
def test_every_indicator_is_graded_or_missing(results: dict[str, str], method: str) -> None:
    card = perfscore.score(TABLE, results, method=method)
    for node in nodes(card):
        ids = beneath(node.id)
        assert node.graded + len(node.missing) == node.total == len(ids)
        assert set(node.missing) == {i for i in ids if i not in results}
        assert sum(node.counts.values()) == node.graded


@settings(max_examples=60, deadline=None)
@given(results=subsets, method=st.sampled_from(MEANS))
def test_a_mean_lies_between_the_points_beneath(results: dict[str, str], method: str) -> None:
    card = perfscore.score(TABLE, results, method=method)
    points = {i.id: i.points for i in card.indicators() if i.points is not None}
    for node in nodes(card):
        earned = [points[i] for i in beneath(node.id) if i in points]
        assert (node.exact is None) == (not earned)  # no score exactly when nothing is graded
        if earned:
            assert node.exact is not None
            assert min(earned) <= node.exact <= max(earned)


@settings(max_examples=40, deadline=None)
@given(
    results=subsets,
    weights=st.dictionaries(
        st.sampled_from([d.id for d in TABLE.duties] + [a.id for a in TABLE.activities()] + IDS),
        st.integers(1, 9),
    ),
    scale=st.fractions(min_value=Fraction(1, 10), max_value=10).filter(lambda f: f > 0),
)
def test_scaling_every_weight_changes_nothing(
    results: dict[str, str], weights: dict[str, int], scale: Fraction
) -> None:
    ids = [d.id for d in TABLE.duties] + [a.id for a in TABLE.activities()] + IDS
    every = dict.fromkeys(ids, 1) | weights
    scaled = {k: Fraction(v) * scale for k, v in every.items()}
    one = perfscore.score(TABLE, results, weights=every)
    other = perfscore.score(TABLE, results, weights=scaled)
    assert [n.exact for n in nodes(one)] == [n.exact for n in nodes(other)]


@settings(max_examples=40, deadline=None)
@given(results=subsets, method=st.sampled_from(sorted(METHODS)))
def test_roll_up_from_points_alone_gives_the_scorecards_figures(
    results: dict[str, str], method: str
) -> None:
    card = perfscore.score(TABLE, results, method=method)
    points = {i.id: i.points for i in card.indicators()}
    rolled = roll_up(TABLE, get_method(method), points)
    assert {n.id: (n.exact, n.grade) for n in nodes(card)} == {
        key: (node.score, node.grade) for key, node in rolled.items()
    }


def test_points_beyond_a_float_are_refused_with_the_indicator() -> None:
    from perfscore.scoring import MeanOfPoints

    class Huge(MeanOfPoints):
        def points(self, indicator: object, grade: object, value: object) -> Fraction:
            return Fraction(10**400)

    for scorer in (
        lambda: perfscore.score("zanhuang-hrss-2018", {"1.1.1": "95%"}, method=Huge()),
        lambda: perfscore.score_frame(
            ["zanhuang-hrss-2018"],
            pd.DataFrame({"table": ["zanhuang-hrss-2018"], "id": ["1.1.1"], "value": ["95%"]}),
            method=Huge(),
        ),
    ):
        with pytest.raises(perfscore.PerfscoreError) as raised:
            scorer()
        assert str(raised.value).endswith(
            "indicator 1.1.1: points of 1e+400 are beyond what a float can hold (±1.8e308)"
        )


def test_coverage_is_the_roll_ups() -> None:
    from perfscore.scoring._rollup import Node

    card = perfscore.score(small, {"1.1.1": "100%"})
    node = Node("1", None, None, card.duties[0].graded, card.duties[0].total, ())
    assert card.duties[0].coverage == node.coverage == 1 / 3
    empty = Node("", None, None, 0, 0, ())
    assert empty.coverage == 0.0
