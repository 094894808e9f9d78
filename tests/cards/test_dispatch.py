"""perfscore.cards._dispatch: score reads either kind of table, picks the
method that fits it, and refuses arguments of the wrong kind or type."""

from __future__ import annotations

from typing import Any

import pytest

import perfscore
from tests.scoring_data import zanhuang
from tests.targets_data import load_targets, small_targets


@pytest.mark.parametrize(
    ("table", "results", "weights", "message"),
    [
        (zanhuang, "a\x00b.csv", None, "a\\x00b.csv: cannot read the results file: "
         "the path has a null byte"),
        (zanhuang, "a" * 300 + ".csv", None, "cannot read the results file: File name too long"),
        (zanhuang, {"1.1.1": "100%"}, {"1": "heavy"}, "expected a number, got 'heavy'"),
    ],
)  # fmt: skip
def test_bad_arguments_are_perfscore_errors(
    table: object, results: object, weights: object, message: str
) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        perfscore.score(table, results, weights=weights)  # type: ignore[call-overload]
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("table", "weights", "message"),
    [
        (None, None, "a table is a Table, a table file or a bundled table's name, not None"),
        (5, None, "a table is a Table, a table file or a bundled table's name, not int"),
        (zanhuang, [("1", 2)], "weights are a mapping of id to weight, not list"),
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors(
    table: object, weights: object, message: str
) -> None:
    with pytest.raises(TypeError) as raised:
        perfscore.score(table, {}, weights=weights)  # type: ignore[call-overload]
    assert message in str(raised.value)
    assert not isinstance(raised.value, perfscore.PerfscoreError)


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ("mean", "a targets table is scored by the self-evaluation method"),
        (perfscore.get_method("proportional"), "not 'proportional'"),
    ],
)
def test_a_targets_table_is_scored_by_self_evaluation(method: Any, message: str) -> None:
    with pytest.raises(perfscore.PerfscoreError, match=message):
        perfscore.score(load_targets(small_targets()), {}, method=method)


def test_self_evaluation_refuses_a_ladder_table() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="scores targets tables"):
        perfscore.score("zanhuang-hrss-2018", {}, method="self-evaluation")


def test_weights_do_not_apply() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="weights do not apply"):
        perfscore.score(load_targets(small_targets()), {}, weights={"1.1": 2})  # type: ignore[call-overload]
