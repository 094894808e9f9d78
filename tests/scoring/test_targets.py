"""perfscore.scoring._targets: a targets table's rows scored by
self-evaluation: totals, missing and dropped rows, bad rows."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore import SelfEvaluation
from perfscore.scoring import MeanOfPoints
from perfscore.scoring._rows import BadResults, ResultRow
from perfscore.scoring._targets import self_evaluate, self_evaluation, target_result_rows
from tests.targets_data import card_of, load_targets, small_targets

F = Fraction


# -- totals -----------------------------------------------------------------------------------


def test_not_applicable_rows_rescale_to_the_same_total() -> None:
    card = card_of({"1.1": 500, "1.2": "不适用", "1.3": "部分达成", "1.budget": 100})
    project = card.projects[0]
    assert project.dropped == ("1.2",)
    # rows 40 + 12 out of 60 applicable, re-scaled to 90, plus the budget item's 10
    assert project.exact == F(52) * F(90, 60) + 10


def test_missing_rows_add_nothing_and_are_listed() -> None:
    card = card_of({"1.1": 500})
    project = card.projects[0]
    assert project.missing == ("1.2", "1.3")
    assert project.exact == F(40)
    assert card.to_frame().set_index("id").loc["1.2", "state"] == "missing"


def test_budget_exclude_and_spent_in_the_table() -> None:
    data = small_targets(budget={"planned": 100, "spent": 80, "weight": 10})
    table = load_targets(data)
    full = {"1.1": 500, "1.2": 0, "1.3": "满意"}
    assert perfscore.score(table, full).total == 98.0
    assert perfscore.score(table, full, method=SelfEvaluation(budget="exclude")).total == 90.0
    assert perfscore.score(table, {**full, "1.budget": "1,000,000元"}).total == 100.0


def test_given_points_and_flags_reach_the_frame() -> None:
    card = card_of(
        {"1.1": {"value": 450, "points": 40}, "1.2": {"points": 30}, "1.3": "达成", "1.budget": 120}
    )
    frame = card.to_frame().set_index("id")
    assert frame.loc["1.1", "score"] == 40.0
    assert frame.loc["1.1", "rule_score"] == 36.0
    assert frame.loc["1.1", "flags"] == "得分 40 departs from the rule's 36"
    assert frame.loc["1.2", "state"] == "given"
    assert frame.loc["1.budget", "flags"] == "execution 120% is above 100%, not rewarded"
    assert frame.loc["1.budget", "score"] == 10.0


# -- bad rows --------------------------------------------------------------------------------


def test_bad_rows_are_reported_with_row_and_id(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text("id,value\n1.1,很多\n1.9,3\n1.2,5\n1.2,6\n", encoding="utf-8")
    table = load_targets(small_targets())
    with pytest.raises(perfscore.ResultsError) as raised:
        perfscore.score(table, path)
    text = str(raised.value)
    assert "4 bad result rows" in text
    assert "row 2, indicator 1.1: the target '≥500人次' is a number; '很多' is not" in text
    assert "row 3, indicator 1.9: table small has no indicator '1.9'" in text
    assert "row 4, indicator 1.2: 1.2 is given more than once (rows 4, 5)" in text
    assert "row 5, indicator 1.2: 1.2 is given more than once (rows 4, 5)" in text
    card = perfscore.score(table, path, keep_going=True)
    assert [u.row for u in card.unscored] == [2, 3, 4, 5]
    assert card.projects[0].rows[1].state == "missing"
    assert "unscored" in card.to_dict()


def test_results_by_traditional_name() -> None:
    card = card_of({"培訓人次": 500})
    assert card.rows()[0].points == 40


rounding_methods = st.builds(
    SelfEvaluation,
    rounding=st.sampled_from([None, "0.01", "0.1", "1"]),
    rounding_mode=st.sampled_from(["half-up", "down"]),
    reverse=st.sampled_from(["linear", "ratio"]),
    budget=st.sampled_from(["add", "exclude"]),
)


@settings(max_examples=50)
@given(
    rounding_methods,
    st.integers(-5, 2000),
    st.integers(-5, 50),
    st.sampled_from(["达成", "部分达成", "未达成", "不适用", None]),
    st.one_of(st.none(), st.integers(0, 300)),
)
def test_the_total_never_exceeds_the_weights(
    method: SelfEvaluation, trained: int, complaints: int, tier: str | None, spent: int | None
) -> None:
    card = perfscore.score(
        load_targets(small_targets()),
        {"1.1": trained, "1.2": complaints, "1.3": tier, "1.budget": spent},
        method=method,
    )
    project = card.projects[0]
    assert project.exact is not None
    assert 0 <= project.exact <= project.weight
    assert project.weight == (100 if method.budget == "add" else 90)
    for row in project.rows:
        assert row.points is None or 0 <= row.points <= row.weight


def test_a_deadline_without_a_year_is_in_the_tables_year() -> None:
    indicator = {"id": "1.1", "name": "完成时间", "target": "12月底前", "weight": 100}
    table = load_targets(small_targets(budget=None, indicators=[indicator]))  # year 2023
    late = perfscore.score(table, {"1.1": "2024年1月"}).rows()[0]
    assert (late.points, late.flags) == (F(0), ("2024年1月 is after 2023年12月",))
    assert perfscore.score(table, {"1.1": "2023年11月"}).rows()[0].points == 100
    assert perfscore.score(table, {"1.1": "11月"}).rows()[0].points == 100


# -- self_evaluate and its arguments, without a card -------------------------------------------


@pytest.mark.parametrize("method", [None, "self-evaluation", " 自评 "])
def test_the_self_evaluation_method_by_name_or_default(method: object) -> None:
    assert self_evaluation(method) == SelfEvaluation()


def test_a_self_evaluation_given_is_used_as_it_is() -> None:
    method = SelfEvaluation(rounding="1")
    assert self_evaluation(method) is method


@pytest.mark.parametrize(
    ("method", "shown"), [("mean", "'mean'"), (MeanOfPoints(), "'mean'"), (3, "'int'")]
)
def test_another_method_is_refused_by_name(method: object, shown: str) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        self_evaluation(method)
    assert str(raised.value) == (
        "a targets table is scored by the self-evaluation method (method='self-evaluation' or "
        f"perfscore.SelfEvaluation(...)), not {shown}"
    )


def test_a_mapping_may_give_a_value_its_unit_and_the_evaluators_points() -> None:
    rows = target_result_rows({"1.1": {"value": 450, "points": 40, "unit": "人次"}, "1.2": 3})
    assert rows == [
        ResultRow(None, "1.1", 450, "人次", points=40),
        ResultRow(None, "1.2", 3),
    ]
    with pytest.raises(perfscore.PerfscoreError) as raised:
        target_result_rows({"1.1": {"value": 1, "score": 2}})
    assert str(raised.value) == (
        "a result is a value or {'value', 'points', 'unit'}; '1.1' has ['score']"
    )


def test_other_sources_are_read_as_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,value,得分\n1.1,450,40\n", encoding="utf-8")
    assert target_result_rows(path) == [ResultRow(2, "1.1", "450", points="40")]


def test_every_row_is_scored_or_reported_with_its_row_and_id() -> None:
    rows = [
        ResultRow(2, "1.1", 500),
        ResultRow(3, "", None),  # a blank line: layout
        ResultRow(4, "1.2", "x"),
        ResultRow(5, "1.9", 1),
        ResultRow(6, "1.3", "达成", fault="the row has 3 cells under a header of 2"),
        ResultRow(7, "1.budget", "很多"),
    ]
    evaluated = self_evaluate(load_targets(small_targets()), rows, keep_going=True, file="r.csv")
    assert evaluated.method == "self-evaluation"
    assert [(u.row, u.key, u.reason) for u in evaluated.unscored] == [
        (4, "1.2", "the target '≤10次' is a number; 'x' is not"),
        (5, "1.9", "table small has no indicator '1.9'; did you mean '1.3', '1.2', '1.1'?"),
        (6, "1.3", "the row has 3 cells under a header of 2"),
        (7, "1.budget", "全年执行数 is an amount, not '很多'"),
    ]
    (project,) = evaluated.projects
    assert (project.exact, project.missing, project.weight) == (F(40), ("1.2", "1.3"), F(100))
    assert project.budget is not None
    assert project.budget.points is None  # the table gives no 全年执行数 either


def test_bad_rows_raise_one_error_in_the_file_unless_keep_going() -> None:
    rows = [ResultRow(2, "1.1", 500), ResultRow(3, "1.1", 400)]
    with pytest.raises(BadResults) as raised:
        self_evaluate(load_targets(small_targets()), rows, file="r.csv")
    assert str(raised.value) == (
        "r.csv: 2 bad result rows; nothing was scored (fix them, or keep going to score the rest)\n"
        "  row 2, indicator 1.1: 1.1 is given more than once (rows 2, 3)\n"
        "  row 3, indicator 1.1: 1.1 is given more than once (rows 2, 3)"
    )


@pytest.mark.parametrize(
    ("row", "spent", "points", "flags"),
    [
        (ResultRow(None, "1.budget", "80万元"), F(80), F(8), ()),
        (ResultRow(None, "1.budget", 800_000, unit="元"), F(80), F(8), ()),
        (ResultRow(None, "1.budget", 80), F(80), F(8), ()),
        (ResultRow(None, "1.budget", 80, points=9), F(80), F(9),
         ("得分 9 departs from the rule's 8",)),
    ],
)  # fmt: skip
def test_the_budget_item_reads_the_amount_spent_in_the_tables_money_unit(
    row: ResultRow, spent: Fraction, points: Fraction, flags: tuple[str, ...]
) -> None:
    (project,) = self_evaluate(load_targets(small_targets()), [row]).projects
    assert project.budget is not None
    assert (project.budget.spent, project.budget.rate) == (spent, spent)  # of 100 planned
    assert (project.budget.points, project.budget.flags) == (points, flags)


def test_no_rows_leave_every_row_missing_and_no_total() -> None:
    (project,) = self_evaluate(load_targets(small_targets()), []).projects
    assert (project.exact, project.total, project.grade) == (None, None, None)
    assert project.missing == ("1.1", "1.2", "1.3")
    assert [r.state for r in project.rows] == ["missing"] * 3


def test_rows_find_their_indicator_by_name_in_either_script() -> None:
    (project,) = self_evaluate(
        load_targets(small_targets()), [ResultRow(None, "培訓人次", 500)]
    ).projects
    assert (project.rows[0].id, project.rows[0].state, project.rows[0].points) == (
        "1.1", "met", F(40),
    )  # fmt: skip


def test_a_budget_of_nothing_does_not_apply_and_stops_nothing() -> None:
    table = load_targets(small_targets(budget={"planned": 0, "spent": 0, "weight": 10}))
    rows = target_result_rows(
        {"1.1": "500人次", "1.2": "8次", "1.3": "达成", "1.budget": {"value": 0, "points": 0}}
    )
    (project,) = self_evaluate(table, rows).projects
    assert project.budget is not None
    assert not project.budget.applies
    assert project.budget.points is None
    # it drops out as a row does: the rows (all met) weigh the whole 100
    assert project.weight == 100
    assert project.exact == 100
    assert not project.rescaled
    assert project.budget.flags
    assert "does not apply" in project.budget.flags[0]


def test_the_budget_records_rule_score_is_the_rules_not_the_given() -> None:
    table = load_targets(small_targets(budget={"planned": 100, "weight": 10}))
    rows = target_result_rows({"1.1": "500人次", "1.budget": {"value": 95, "points": 10}})
    (project,) = self_evaluate(table, rows).projects
    assert project.budget is not None
    assert project.budget.points == 10
    assert project.budget.rule == F(19, 2)
    frame = perfscore.score(table, {"1.1": "500人次", "1.budget": {"value": 95, "points": 10}})
    budget = frame.to_frame().set_index("id").loc["1.budget"]
    assert (budget["score"], budget["rule_score"]) == (10.0, 9.5)


def test_a_total_of_other_than_100_is_graded_re_scaled_and_says_so() -> None:
    table = load_targets(small_targets(budget=None))  # 分值 40 + 30 + 20 = 90
    card = perfscore.score(table, {"1.1": "450人次", "1.2": "8次", "1.3": "达成"})
    (project,) = card.projects
    assert project.exact == 86
    assert project.weight == 90
    assert project.rescaled
    assert project.graded == F(8600, 90)
    assert project.grade == perfscore.Grade.EXCELLENT  # 95.6 of 100, not 86
    assert "re-scaled" in card.to_text()


def test_a_goal_block_scales_the_printed_weights_into_its_points() -> None:
    # 40 + 30 + 20 printed, scaled into an 80-point 年度绩效目标 block beside a budget of 20
    table = load_targets(small_targets(block=80, budget={"planned": 100, "weight": 20}))
    card = perfscore.score(table, {"1.1": "450人次", "1.2": "8次", "1.3": "达成", "1.budget": 95})
    (project,) = card.projects
    assert project.weight == 100
    assert project.exact == F(86 * 80, 90) + 19  # rows 86 of 90 → of 80; budget 20 × 95 %
    assert not [f for f in perfscore.check_table(table) if f.field == "weight"]
