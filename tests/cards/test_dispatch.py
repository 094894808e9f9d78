"""perfscore.cards._dispatch: score reads either kind of table, picks the
method that fits it, and refuses arguments of the wrong kind or type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore import SelfEvaluation
from perfscore.cards import Scorecard, TargetsScorecard
from perfscore.scoring import Flat
from tests.scoring_data import small, zanhuang
from tests.targets_data import TARGET_RESULTS, TARGETS, load_targets, small_targets


def zanhuang_file() -> Path:
    return Path(__file__).resolve().parents[2] / "indicators" / "zanhuang-hrss-2018.yaml"


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


# -- which card each kind of table gives ---------------------------------------------------------


@pytest.mark.parametrize(
    "table", [zanhuang, "zanhuang-hrss-2018", Path(zanhuang_file()), str(zanhuang_file())]
)
def test_a_ladder_table_given_any_way_gives_a_scorecard(table: Any) -> None:
    card = perfscore.score(table, {"1.1.1": "100%"})
    assert isinstance(card, Scorecard)
    assert (card.table, card.method) == ("zanhuang-hrss-2018", "mean")
    assert card.department.graded == 1


@pytest.mark.parametrize("table", [TARGETS, str(TARGETS)])
def test_a_targets_table_given_any_way_gives_a_targets_scorecard(table: Any) -> None:
    card = perfscore.score(table, TARGET_RESULTS)
    assert isinstance(card, TargetsScorecard)
    assert card.method == "self-evaluation"


@pytest.mark.parametrize("method", [None, "self-evaluation", "自评", SelfEvaluation(rounding="1")])
def test_a_targets_table_takes_the_self_evaluation_method_however_named(method: Any) -> None:
    card = perfscore.score(load_targets(small_targets()), {"1.1": 450}, method=method)
    assert isinstance(card, TargetsScorecard)
    assert card.rows()[0].points == 36


@pytest.mark.parametrize(
    ("method", "name"),
    [(None, "mean"), ("worst", "worst"), (" flat ", "flat"), (Flat(), "flat"),
     ("missing-as-差", "missing-as-poor")],
)  # fmt: skip
def test_a_ladder_table_takes_a_method_by_name_or_object(method: Any, name: str) -> None:
    assert perfscore.score(small, {"1.1.1": "100%"}, method=method).method == name


@pytest.mark.parametrize(
    "method",
    [
        "self-evaluation",
        "自评",
        SelfEvaluation(),
        " 自评",
    ],
)
def test_the_self_evaluation_method_is_refused_for_a_ladder_table(method: Any) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        perfscore.score(small, {}, method=method)
    assert str(raised.value) == (
        "the self-evaluation method scores targets tables; small is a ladder table"
    )


def test_weights_reach_a_ladder_tables_roll_up() -> None:
    given = {"1.1.1": "100%", "1.1.2": "85%"}
    assert perfscore.score(small, given).duties[0].score == 80
    assert perfscore.score(small, given, weights={"1.1.1": 3}).duties[0].score == 90


def test_an_empty_weights_mapping_is_no_weights_for_a_ladder_table_but_not_for_targets() -> None:
    assert perfscore.score(small, {}, weights={}).department.score is None
    with pytest.raises(perfscore.PerfscoreError, match="weights do not apply"):
        perfscore.score(load_targets(small_targets()), {}, weights={})  # type: ignore[call-overload]


def test_keep_going_reaches_both_kinds_of_card() -> None:
    ladder = perfscore.score(small, {"9.9.9": 1}, keep_going=True)
    targets = perfscore.score(load_targets(small_targets()), {"9.9": 1}, keep_going=True)
    assert [u.key for u in ladder.unscored] == ["9.9.9"]
    assert [u.key for u in targets.unscored] == ["9.9"]
