"""perfscore.scoring._records: the frozen records of a scored table, the level names, and a
self-evaluation's rows as records."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

import perfscore
from perfscore import parse_target
from perfscore.grades import GRADES, Grade
from perfscore.scoring._records import (
    BUDGET_NAME,
    LEVELS,
    SELF_EVALUATION_COLUMNS,
    SINGULAR,
    ActivityScore,
    BudgetScore,
    DepartmentScore,
    DutyScore,
    IndicatorScore,
    NodeScore,
    ProjectScore,
    RowScore,
    Unscored,
    json_value,
    self_evaluation_records,
)
from tests.targets_data import card_of

F = Fraction


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, None),
        ("有效实施", "有效实施"),
        (F(3), 3),
        (F(-3), -3),
        (F(1, 4), 0.25),
        (F(1, 3), 1 / 3),
        (F(10**30), 10**30),  # a whole number stays exact
    ],
)
def test_json_value(value: Fraction | str | None, shown: object) -> None:
    assert json_value(value) == shown
    assert type(json_value(value)) is type(shown)


def test_the_levels_top_down_and_their_singular_names() -> None:
    assert LEVELS == ("departments", "projects", "duties", "activities", "indicators")
    assert [SINGULAR[level] for level in LEVELS] == [
        "department", "project", "duty", "activity", "indicator",
    ]  # fmt: skip


def counts(**by_grade: int) -> dict[Grade, int]:
    return {g: by_grade.get(g.name.lower(), 0) for g in GRADES}


def node(**fields: object) -> NodeScore:
    values: dict[str, object] = {
        "id": "1", "name": "职责", "score": 80.0, "exact": F(80), "grade": Grade.GOOD,
        "graded": 1, "total": 4, "missing": ("1.1.2", "1.1.3", "1.2.1"), "counts": counts(good=1),
    }  # fmt: skip
    values.update(fields)
    return NodeScore(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("graded", "total", "coverage"), [(1, 4, 0.25), (0, 3, 0.0), (0, 0, 0.0)])
def test_a_nodes_coverage_is_the_share_graded(graded: int, total: int, coverage: float) -> None:
    assert node(graded=graded, total=total).coverage == coverage


def test_records_are_frozen_values() -> None:
    one = node()
    assert one == node()
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.score = 90.0  # type: ignore[misc]


def test_the_levels_are_nodes_with_what_is_beneath() -> None:
    indicator = IndicatorScore("1.1.1", "到位率", "percent", F(95), Grade.GOOD, "≥90%", F(80), 2)
    activity = ActivityScore(**dataclasses.asdict(node(id="1.1")), indicators=(indicator,))
    duty = DutyScore(**{**dataclasses.asdict(node()), "activities": (activity,)})
    department = DepartmentScore(**{**dataclasses.asdict(node(id="")), "year": 2020})
    assert isinstance(activity, NodeScore)
    assert duty.activities[0].indicators[0].number == 95
    assert department.year == 2020
    assert DepartmentScore(**dataclasses.asdict(node())).year == 0


@pytest.mark.parametrize(
    ("value", "number"), [(F(95), 95), (F(191, 2), 95.5), ("有效实施", "有效实施"), (None, None)]
)
def test_an_indicators_number_is_its_value_as_json_has_it(
    value: Fraction | str | None, number: object
) -> None:
    scored = IndicatorScore("1.1.1", "x", "percent", value, None, None, None, None)
    assert scored.number == number


def test_an_unscored_row_as_json_has_it() -> None:
    message = "row 3, indicator 1.1.2: expected a number"
    unscored = Unscored(3, "1.1.2", "expected a number", message)
    assert unscored.to_dict() == {
        "row": 3,
        "id": "1.1.2",
        "reason": "expected a number",
        "message": message,
    }


# -- a self-evaluation -------------------------------------------------------------------------


def row(**fields: object) -> RowScore:
    values: dict[str, object] = {
        "project": "1", "id": "1.1", "name": "培训人次", "levels": ("产出指标", "数量指标"),
        "target": "≥500人次", "parsed": parse_target("≥500人次"), "direction": "正向",
        "weight": F(40), "value": F(450), "points": F(36), "rule": F(36), "tier": None,
        "state": "short", "flags": (), "row": 2,
    }  # fmt: skip
    values.update(fields)
    return RowScore(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("points", "score", "shortfall"),
    [(F(36), 36.0, F(4)), (F(40), 40.0, F(0)), (None, None, None), (F(73, 2), 36.5, F(7, 2))],
)
def test_a_rows_score_and_shortfall(
    points: Fraction | None, score: float | None, shortfall: Fraction | None
) -> None:
    scored = row(points=points)
    assert scored.score == score
    assert scored.shortfall == shortfall


def project(
    rows: tuple[RowScore, ...], budget: BudgetScore | None, exact: Fraction | None
) -> ProjectScore:
    return ProjectScore("1", "某项目", rows, budget, exact, F(100), None, (), ())


def test_a_projects_total_is_its_exact_total_as_a_float() -> None:
    assert project((), None, F(1795, 20)).total == 89.75
    assert project((), None, None).total is None


def test_self_evaluation_records_are_a_row_per_indicator_then_the_budget() -> None:
    budget = BudgetScore("1", F(100), F(95), F(95), F(10), F(19, 2), ("flag",), 5, F(19, 2))
    records = self_evaluation_records(
        (project((row(), row(id="1.2", levels=(), flags=("a", "b"), value="达成")), budget, None),)
    )
    assert [list(r) for r in records] == [list(SELF_EVALUATION_COLUMNS)] * 3
    first, second, item = records
    assert first == {
        "project": "1", "project_name": "某项目", "id": "1.1", "level1": "产出指标",
        "level2": "数量指标", "name": "培训人次", "target": "≥500人次", "unit": "人次",
        "direction": "正向", "value": 450, "weight": 40.0, "score": 36.0, "rule_score": 36.0,
        "shortfall": 4.0, "tier": None, "state": "short", "flags": None, "row": 2,
    }  # fmt: skip
    assert (second["level1"], second["level2"], second["value"], second["flags"]) == (
        None, None, "达成", "a; b",
    )  # fmt: skip
    assert item == {
        "project": "1", "project_name": "某项目", "id": "1.budget", "level1": None,
        "level2": None, "name": BUDGET_NAME, "target": "100%", "unit": "percent",
        "direction": "正向", "value": 95.0, "weight": 10.0, "score": 9.5, "rule_score": 9.5,
        "shortfall": 0.5, "tier": None, "state": "budget", "flags": "flag", "row": 5,
    }  # fmt: skip


def test_a_budget_item_without_a_result_is_missing() -> None:
    budget = BudgetScore("1", F(100), None, None, F(10), None)
    (item,) = self_evaluation_records((project((), budget, None),))
    assert (item["state"], item["value"], item["score"], item["shortfall"]) == (
        "missing", None, None, None,
    )  # fmt: skip
    assert (budget.flags, budget.row) == ((), None)


def test_a_cards_frame_is_these_records() -> None:
    card = card_of({"1.1": 450, "1.2": 12, "1.3": "达成", "1.budget": 95})
    assert card.to_frame().columns.tolist() == list(SELF_EVALUATION_COLUMNS)
    assert card.records() == self_evaluation_records(card.projects)
    assert isinstance(card, perfscore.TargetsScorecard)
