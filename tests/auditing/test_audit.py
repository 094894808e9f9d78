"""perfscore.auditing._audit: every published 得分 recomputed and classed."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore.auditing import CLASSES, audit
from perfscore.scoring import SelfEvaluation
from perfscore.tables import TargetsTable

F = Fraction


def _table(*indicators: dict[str, Any], budget: dict[str, Any] | None = None) -> TargetsTable:
    project: dict[str, Any] = {"id": "1", "name": "某项目", "indicators": list(indicators)}
    if budget is not None:
        project["budget"] = budget
    table = perfscore.load_table(
        {"kind": "targets", "name": "t", "department": {"name": "某局"}, "year": 2023,
         "projects": [project]}
    )  # fmt: skip
    assert isinstance(table, TargetsTable)
    return table


def _row(
    n: int, target: str, weight: float, name: str | None = None, **more: Any
) -> dict[str, Any]:
    return {"id": f"1.{n}", "name": name or f"指标{n}", "target": target, "weight": weight, **more}


@pytest.mark.parametrize(
    ("target", "actual", "weight", "published", "klass"),
    [
        ("≥500人", "520人", 10, 10, "explained"),
        ("≥500人", "520人", 10, 9, "deduction-on-met"),
        ("≥500人", "450人", 10, 10, "full-on-unmet"),
        ("≥500人", "450人", 10, 9, "explained"),
        ("≥500人", "450人", 10, 8, "unexplained"),
        ("≤10次", "12次", 10, 8, "explained"),  # linear: 10 × (1 − 2/10)
        ("≥95%,每降低1%扣0.5分", "92.5%", 10, 9, "explained"),  # the row's own step rule
        ("±10%", "12%", 10, 0, "explained"),  # outside the band: nothing
        ("±10%", "12%", 10, 10, "full-on-unmet"),
        ("效果明显", "达成", 10, 9, "explained"),  # inside 达成 (8–10)
        ("效果明显", "达成", 10, 7, "outside-tier"),
        ("效果明显", "部分达成", 10, 7, "explained"),
        ("效果明显", "效果明显", 10, 10, "explained"),  # the target repeated: met
        ("效果明显", "未达到预期", 10, 10, "outside-tier"),  # its own words say not met
        ("≥500人", "不适用", 10, None, "explained"),
        ("≥500人", "很多", 10, 10, "unexplained"),  # the result cannot be read
        ("≥500人", "520人", 10, None, "unexplained"),  # no published 得分
        ("≥500人", "520人", 10, 12, "unexplained"),  # above the 分值
    ],
)  # fmt: skip
def test_each_row_is_classed(
    target: str, actual: str, weight: int, published: int | None, klass: str
) -> None:
    report = audit(_table(_row(1, target, weight)), {"1.1": {"value": actual, "points": published}})
    (line,) = report.rows
    assert line.klass == klass
    assert line.klass in CLASSES
    if klass == "explained" and line.rule is not None:
        assert line.difference == 0


def test_the_table_rounding_is_the_one_that_explains_most_and_a_row_names_its_own() -> None:
    # 2 × 203/214 = 1.897: cut to 0.1 gives 1.8, half-up 1.9; 2 × 69/120 = 1.15 printed 1 (cut to 1)
    table = _table(
        _row(1, "214人", 2), _row(2, "214人", 2), _row(3, "5662人", 2), _row(4, "120人", 2)
    )
    results = {
        "1.1": {"value": "203人", "points": 1.8}, "1.2": {"value": "203人", "points": 1.8},
        "1.3": {"value": "4044人", "points": 1.4}, "1.4": {"value": "69人", "points": 1},
    }  # fmt: skip
    report = audit(table, results)
    assert report.options == "rounded to 0.1, cut"
    assert [line.klass for line in report.rows] == ["explained"] * 4
    assert [line.rounding for line in report.rows] == ["rounded to 0.1, cut"] * 3 + [
        "rounded to 1, cut"
    ]


def test_the_budget_item_its_rounding_and_a_budget_of_nothing() -> None:
    table = _table(_row(1, "≥1", 90), budget={"planned": 65.66, "weight": 10})
    report = audit(
        table, {"1.1": {"value": 1, "points": 90}, "1.budget": {"value": 65.07, "points": 9}}
    )
    budget = next(line for line in report.lines if line.kind == "budget")
    assert (budget.klass, budget.rounding) == ("explained", "rounded to 1, cut")
    departs = audit(
        table, {"1.1": {"value": 1, "points": 90}, "1.budget": {"value": 65.07, "points": 10}}
    )
    assert next(line for line in departs.lines if line.kind == "budget").klass == "budget"
    empty = _table(_row(1, "≥1", 90), budget={"planned": 0, "weight": 10})
    none = audit(empty, {"1.1": {"value": 1, "points": 90}, "1.budget": {"value": 0, "points": 0}})
    assert next(line for line in none.lines if line.kind == "budget").klass == "not-applicable"


@pytest.mark.parametrize(
    ("published", "klass", "recomputed"),
    [
        (100, "explained", 100),  # the rule's rows and budget item
        (90, "explained", 90),  # the rule's rows alone: the form counts the budget apart
        (99, "rows", 100),  # the published parts: the deduction on 1.1 makes the difference
        (89, "rows", 100),  # the published rows alone
        (97, "arithmetic", 100),  # not a sum of its parts
    ],
)
def test_the_total_is_reproduced_or_its_difference_explained(
    published: int, klass: str, recomputed: int
) -> None:
    table = _table(_row(1, "≥1", 50), _row(2, "≥10", 40), budget={"planned": 10, "weight": 10})
    results = {
        "1.1": {"value": 1, "points": 49},  # met, 1 deducted
        "1.2": {"value": 10, "points": 40},
        "1.budget": {"value": 10, "points": 10},
        "1.total": {"points": published},
    }
    report = audit(table, results)
    (total,) = [line for line in report.lines if line.kind == "total"]
    assert (total.klass, total.rule) == (klass, F(recomputed))
    assert report.summary.totals == (("1", F(published), F(recomputed)),)


@given(
    target=st.integers(1, 10_000),
    actual=st.integers(0, 10_000),
    weight=st.sampled_from([1, 2, 5, 10, 15, 20, 30]),
    step=st.sampled_from([None, "0.01", "0.1", "1"]),
    mode=st.sampled_from(["half-up", "down"]),
)
def test_a_score_the_rules_give_is_explained(
    target: int, actual: int, weight: int, step: str | None, mode: str
) -> None:
    method = SelfEvaluation(rounding=step, rounding_mode=mode)  # type: ignore[arg-type]
    outcome = method.score_row(perfscore.parse_target(f"≥{target}人"), F(weight), F(actual))
    assert outcome.rule is not None
    table = _table(_row(1, f"≥{target}人", weight))
    report = audit(table, {"1.1": {"value": actual, "points": str(outcome.rule)}})
    (line,) = report.rows
    if outcome.state == "short" and outcome.rule == weight:
        assert line.klass == "full-on-unmet"  # a shortfall never rounds up to full marks
    else:
        assert line.klass == "explained"
        assert line.rule == outcome.rule


def test_an_audit_reads_a_targets_table_only() -> None:
    with pytest.raises(TypeError):
        audit(perfscore.load_table("zanhuang-hrss-2018"), {})
    with pytest.raises(perfscore.PerfscoreError, match="more than once"):
        audit(_table(_row(1, "≥1", 10)), pd.DataFrame({"id": ["1.1", "1.1"], "value": [1, 2]}))


def test_the_reviewer_chooses_the_reverse_formula_the_middle_tier_and_the_rounding() -> None:
    table = _table(_row(1, "≤10次", 10), _row(2, "效果明显", 10), _row(3, "≥3人", 10))
    results = {
        "1.1": {"value": "12次", "points": str(F(25, 3))},  # 10 × 10/12: the ratio formula
        "1.2": {"value": "部分达成", "points": 5},  # inside 50–80 %, not 60–80 %
        "1.3": {"value": "2人", "points": 6.6},  # 10 × 2/3 = 6.67 cut to 0.1
    }
    default = audit(table, results)
    assert [line.klass for line in default.rows] == ["unexplained", "outside-tier", "explained"]
    chosen = audit(table, results, method=SelfEvaluation(reverse="ratio", middle_tier=50))
    assert [line.klass for line in chosen.rows] == ["explained"] * 3
    fixed = audit(table, results, method=SelfEvaluation(rounding="1"))
    assert fixed.options == "rounded to 1"
    assert fixed.rows[2].rounding == "rounded to 0.1, cut"  # the row names its own
    with pytest.raises(TypeError):
        audit(table, results, method="ratio")  # type: ignore[arg-type]


def test_the_total_of_a_goal_block_and_of_rows_that_drop_out() -> None:
    project: dict[str, Any] = {
        "id": "1", "name": "某项目", "block": 80, "budget": {"planned": 10, "weight": 20},
        "indicators": [_row(1, "≥100人", 50), _row(2, "≥10次", 30), _row(3, "≥5个", 20)],
    }  # fmt: skip
    table = perfscore.load_table(
        {"kind": "targets", "name": "t", "department": {"name": "某局"}, "year": 2023,
         "projects": [project]}
    )  # fmt: skip
    assert isinstance(table, TargetsTable)
    results = {
        "1.1": {"value": "100人", "points": 50},
        "1.2": {"value": "不适用"},  # drops out: the rest weigh the block's 80
        "1.3": {"value": "4个", "points": 16},
        "1.budget": {"value": 9, "points": 18},
        "1.total": {"points": str(F(66 * 80, 70) + 18)},
    }
    (total,) = [line for line in audit(table, results).lines if line.kind == "total"]
    assert (total.klass, total.rule) == ("explained", F(66 * 80, 70) + 18)


def test_an_imported_self_evaluation_form_carries_its_published_scores() -> None:
    from perfscore.importing import import_table
    from tests.importing.test_target_forms import SELF_EVALUATION

    imported = import_table(SELF_EVALUATION, name="example-2023")
    report = audit(imported)
    assert [line.id for line in report.lines] == ["1.1", "1.2", "1.3", "1.4", "1.budget"]
    by_id = {line.id: line for line in report.lines}
    assert by_id["1.1"].published == 19  # 20 × 1150 / 1200 = 19.17, printed 19
    assert by_id["1.1"].klass == "explained"
    assert by_id["1.budget"].klass == "explained"  # 10 × 114 / 120 = 9.5
    with pytest.raises(TypeError, match="imported self-evaluation form"):
        audit(imported.table)


@given(st.integers(min_value=0, max_value=40), st.sampled_from(["520人", "450人", "达成"]))
def test_a_row_the_form_prints_no_weight_for_is_unexplained_and_says_why(
    published: int, actual: str
) -> None:
    # Some self-evaluation forms print 得分 without 分值: no rule gives a 得分 to check.
    row = {"id": "1.1", "name": "指标1", "target": "≥500人"}
    report = audit(_table(row), {"1.1": {"value": actual, "points": published}})
    (line,) = report.rows
    assert (line.klass, line.weight, line.rule) == ("unexplained", None, None)
    assert "no 分值 printed" in line.why
    assert line.published == published
