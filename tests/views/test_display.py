"""perfscore.views._display: scorecards shown as text and HTML."""

from __future__ import annotations

import math

import pytest

import perfscore
from perfscore import Grade
from perfscore.views._display import (
    comparison_html,
    comparison_text,
    csv_text,
    display_width,
    frame_score,
    grade_text,
    targets_html,
    targets_text,
    total_text,
)
from tests.scoring_data import small, small_table_data
from tests.targets_data import card_of

FULL = {"1.1.1": "100%", "1.1.2": "85%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "有效实施"}


def test_text_view_lists_every_node() -> None:
    text = str(perfscore.score(small, {k: v for k, v in FULL.items() if k != "1.2.1"}))
    lines = text.splitlines()
    assert lines[0] == "测试局 2020 · small · method mean"
    assert lines[1].startswith("department  ")
    assert "missing: 1.2.1" in text
    activity = next(line for line in lines if line.lstrip().startswith("1.2 "))
    assert activity.split()[-2:] == ["—", "0/1"]
    indicator = next(line for line in lines if line.lstrip().startswith("1.1.2 "))
    assert indicator.split()[-2:] == ["85%", "中"]


def test_html_view_colours_the_grades() -> None:
    html = perfscore.score(small, FULL)._repr_html_()
    assert html.count("<tr") == 1 + 2 + 3 + 5  # header, duties, activities, indicators
    poor = '<td style="background:#f4b4a8;text-align:center">差</td>'
    assert poor in html
    assert '<td style="background:#b7e1a1;text-align:center">优</td>' in html
    assert "<td>1次以上</td>" in html  # the cell 2.1.1 met
    assert html.count("#f4b4a8") == 3  # 2.1.1, activity 2.1 and duty 2


def test_html_escapes_names() -> None:
    from tests.scoring_data import small_table_data

    data = small_table_data()
    data["department"]["name"] = "<b>局</b>"
    html = perfscore.score(perfscore.load_table(data), {})._repr_html_()
    assert "&lt;b&gt;局&lt;/b&gt;" in html
    assert "<b>局</b>" not in html


# -- findings of the review: each reproduced, then fixed -----------------------------------

# 1.1.1 100 (weight 996) · 1.1.2 92% 良 80 (weight 1004): 1.1 is 179920/2000 = 89.96 exactly, 良.
JUST_UNDER = {"1.1.1": "100%", "1.1.2": "92%"}
UNDER_WEIGHTS = {"1.1.1": 996, "1.1.2": 1004}


def test_a_score_just_under_a_band_is_not_shown_rounded_up() -> None:
    card = perfscore.score(small, JUST_UNDER, weights=UNDER_WEIGHTS)
    assert (card.department.score, card.department.grade) == (89.96, Grade.GOOD)
    # One decimal would round onto 90.0, 优's edge: the shown-number rule shows two.
    assert repr(card) == "<Scorecard small by mean: 89.96 良, 2 of 5 graded>"
    lines = card.to_text().splitlines()
    assert lines[1].startswith("department  89.96 良  ·  graded 2 of 5")
    activity = next(line for line in lines if line.lstrip().startswith("1.1 "))
    assert activity.split()[-3:] == ["89.96", "良", "2/2"]
    html = card._repr_html_()
    assert "score 89.96 <span" in html
    assert '<td style="text-align:right">89.96</td>' in html
    assert "90.0" not in card.to_text() + html + repr(card)


# -- what every view shares ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "text"), [(Grade.EXCELLENT, "优"), (Grade.POOR, "差"), (None, None)]
)
def test_grade_text(grade: Grade | None, text: str | None) -> None:
    assert grade_text(grade) == text


@pytest.mark.parametrize(
    ("score", "shown"),
    [(89.96, "89.96"), (77.79, "77.8"), (90, "90.0"), (90.0, "90.0"), (math.nan, "—"),
     (None, "—"), ("89", "—"), (True, "—")],
)  # fmt: skip
def test_frame_score_writes_a_frames_float_as_shown_score_does(score: object, shown: str) -> None:
    assert frame_score(score) == shown


def test_coverage_is_never_shown_full_while_an_indicator_is_missing() -> None:
    from tests.scoring_data import small_table_data

    data = small_table_data()
    activity = data["duties"][0]["activities"][0]
    # 200 indicators, 199 graded: 99.5% rounds to 100%, which would hide the missing one.
    activity["indicators"] = [
        {**activity["indicators"][0], "id": f"1.1.{k}", "name": f"指标{k}"} for k in range(1, 201)
    ]
    data["duties"] = data["duties"][:1]
    data["duties"][0]["activities"] = [activity]
    card = perfscore.score(perfscore.load_table(data), {f"1.1.{k}": "100%" for k in range(1, 200)})
    assert "graded 199 of 200 (99.5%)" in card.to_text()


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("1.1 就业", 8), ("ＡＢ", 4), ("abc", 3), ("①", 1), ("e\u0301", 2)],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_a_long_name_is_clipped_to_its_column_in_display_columns() -> None:
    data = small_table_data()
    long_name = "很长的" * 20
    data["duties"][0]["name"] = long_name
    text = perfscore.score(perfscore.load_table(data), FULL).to_text()
    line = next(line for line in text.splitlines() if line.startswith("1 "))
    clipped = next(part for part in line.split() if part.startswith("很长的"))
    assert clipped.endswith("…")
    assert display_width(clipped) <= 34
    assert long_name not in text


# -- a targets table's self-evaluation -----------------------------------------------------------


def test_targets_text_lists_each_row_and_the_budget_item() -> None:
    card = card_of({"1.1": 450, "1.2": 12, "1.3": "达成", "1.budget": 95})
    assert total_text(card) == "89.50"
    assert targets_text(card).splitlines() == [
        "1 某项目: 总分 89.50 良 of 100",
        "  1.1      培训人次  目标 ≥500人次  实际 450人次  分值 40  得分 36.00",
        "  1.2      投诉次数  目标 ≤10次  实际 12次  分值 30  得分 24.00",
        "  1.3      满意度  目标 满意  实际 达成  分值 20  得分 20.00",
        "  1.budget 预算执行率  实际 95.00%  分值 10  得分 9.50",
    ]


def test_targets_text_without_results() -> None:
    card = card_of({})
    assert total_text(card) == "no score"
    lines = targets_text(card).splitlines()
    assert lines[0] == "1 某项目: 总分 — of 100"
    assert lines[1] == "  1.1      培训人次  目标 ≥500人次  实际 —  分值 40  得分 —"
    assert lines[-1] == "  no result: 1.1 1.2 1.3"


def test_targets_text_shows_two_decimals_by_the_shown_number_rule_and_flags() -> None:
    card = card_of({"1.1": 333, "1.2": {"points": 29}, "1.3": "达成", "1.budget": 120})
    lines = targets_text(card).splitlines()
    assert "得分 26.64" in lines[1]  # 40 × 333/500 = 26.64
    assert lines[2].endswith("实际 —  分值 30  得分 29.00")  # the evaluator's 得分 alone
    assert lines[4].endswith("⚑ execution 120% is above 100%, not rewarded")


def test_targets_html_has_a_row_per_record_under_its_total() -> None:
    card = card_of({"1.1": 450, "1.2": 12, "1.3": "达成", "1.budget": 95})
    html = targets_html(card)
    assert html.startswith("<p>small (self-evaluation): 总分 89.50</p><table>")
    assert html.count("<tr>") == 1 + 4
    assert "<th>rule_score</th>" in html


# -- a comparison ------------------------------------------------------------------------------


def test_comparison_text_and_html() -> None:
    before = perfscore.score(small, {"1.1.1": "100%", "2.1.1": 2})
    after = perfscore.score(small, {"1.1.1": "80%", "2.1.1": 1})
    comparison = perfscore.compare(before, after, labels=["a", "b"])
    assert comparison_text(comparison).splitlines()[:5] == [
        "测试局 · small · a → b",
        "department  50.0 差 → 80.0 良  +30.0 ↑",
        "",
        "1  职责一  100.0 优 → 60.0 中  -40.0 ↓",
        "2  职责二  0.0 差 → 100.0 优   +100.0 ↑",
    ]
    html = comparison_html(comparison)
    assert '<span style="color:#c62828">-40.0 ↓</span>' in html
    assert '<span style="color:#2e7d32">+30.0 ↑</span>' in html
    assert html.index(">1.1<") < html.index(">2<")  # rows in id order, duties above activities


def test_a_node_without_a_score_shows_no_grade() -> None:
    comparison = perfscore.compare(
        perfscore.score(small, {"1.1.1": "100%"}), perfscore.score(small, {"1.1.1": "80%"})
    )
    text = comparison_text(comparison)
    line = next(line for line in text.splitlines() if line.startswith("2  "))
    assert line.split() == ["2", "职责二", "—", "—", "→", "—", "—", "—"]
    assert "nan" not in text + comparison_html(comparison)


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_text_writes_records_under_their_columns_a_missing_value_empty() -> None:
    records: list[dict[str, object]] = [
        {"id": "1.1.1", "name": "培训, 就业", "score": 95.5, "note": None},
        {"id": "1.1.2", "name": '"引号"', "score": None, "note": "x"},
    ]
    text = csv_text(["id", "name", "score"], records)
    assert text.splitlines() == ["id,name,score", '1.1.1,"培训, 就业",95.5', '1.1.2,"""引号""",']
    assert text.endswith("\n")


# -- CSV: a text never runs as a formula ----------------------------------------------------------


def test_csv_text_neutralises_formulas_unless_raw() -> None:
    records = [{"id": "=1+2", "name": "@SUM(A1)", "value": -5, "text": "-5", "none": None}]
    columns = ["id", "name", "value", "text", "none"]
    assert csv_text(columns, records).splitlines()[1] == "'=1+2,'@SUM(A1),-5,-5,"
    assert csv_text(columns, records, raw=True).splitlines()[1] == "=1+2,@SUM(A1),-5,-5,"
    assert csv_text(["x"], [{"x": math.nan}]).splitlines()[1] == '""'


def test_a_cards_csv_neutralises_names_from_the_table() -> None:
    data = small_table_data()
    data["duties"][0]["name"] = "+cmd"
    card = perfscore.score(perfscore.load_table(data), FULL)
    text = card.to_csv()
    assert ",'+cmd," in text
    assert ",+cmd," in card.to_csv(raw=True)


def test_targets_html_shows_the_text_views_figures() -> None:
    from tests.targets_data import TARGET_RESULTS, TARGETS

    card = perfscore.score(TARGETS, TARGET_RESULTS)
    assert isinstance(card, perfscore.TargetsScorecard)
    html = targets_html(card)
    assert "得分 19.17" in targets_text(card)  # 20 × 1150/1200
    assert "<td>19.17</td>" in html  # as the text view shows it
    assert "<td>0.83</td>" in html  # its shortfall
    assert "19.16666" not in html
