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
