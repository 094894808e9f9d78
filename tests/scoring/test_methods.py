"""Every scoring method against figures worked out by hand (in the comments)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore import Grade
from perfscore.scoring import (
    Flat,
    MeanOfPoints,
    Method,
    MissingAsPoor,
    ProportionalCredit,
    WorstGrade,
    get_method,
)
from tests.scoring_data import small, small_table_data, zanhuang

# 1.1.1 100% 优 100 · 1.1.2 85% 中 60 · 1.2.1 420人 良 80 · 2.1.1 2次 差 0 · 2.1.2 有效实施 优 100
FULL = {"1.1.1": "100%", "1.1.2": "85%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "有效实施"}


def scores(card: perfscore.Scorecard) -> dict[str, float | None]:
    out: dict[str, float | None] = {"": card.department.score}
    for duty in card.duties:
        out[duty.id] = duty.score
        for activity in duty.activities:
            out[activity.id] = activity.score
    return out


def grades(card: perfscore.Scorecard) -> dict[str, str | None]:
    out = {"": card.department.grade}
    for duty in card.duties:
        out[duty.id] = duty.grade
        for activity in duty.activities:
            out[activity.id] = activity.grade
    return {k: None if g is None else g.value for k, g in out.items()}


def test_default_mean_of_points() -> None:
    card = perfscore.score(small, FULL)
    # 1.1 (100+60)/2 = 80 · 1.2 80 · duty 1 (80+80)/2 = 80 · 2.1 (0+100)/2 = 50 · dept (80+50)/2
    assert scores(card) == {"": 65, "1": 80, "1.1": 80, "1.2": 80, "2": 50, "2.1": 50}
    assert grades(card) == {"": "中", "1": "良", "1.1": "良", "1.2": "良", "2": "差", "2.1": "差"}
    assert card.method == "mean"
    assert card.department.counts == {
        Grade("优"): 2,
        Grade("良"): 1,
        Grade("中"): 1,
        Grade("差"): 1,
    }
    assert card.duties[1].counts[Grade.POOR] == 1


def test_missing_results_are_left_out_not_zero() -> None:
    given = {k: v for k, v in FULL.items() if k not in ("1.1.2", "2.1.1")}
    card = perfscore.score(small, given)
    # 1.1 100 · 1.2 80 · duty 1 90 · 2.1 100 · dept (90+100)/2 = 95
    assert scores(card) == {"": 95, "1": 90, "1.1": 100, "1.2": 80, "2": 100, "2.1": 100}
    assert card.department.grade is Grade.EXCELLENT
    assert card.department.missing == ("1.1.2", "2.1.1")
    assert (card.department.graded, card.department.total) == (3, 5)
    assert card.department.coverage == pytest.approx(3 / 5)
    activity = card.duties[0].activities[0]
    assert (activity.graded, activity.missing, activity.coverage) == (1, ("1.1.2",), 0.5)
    missing = activity.indicators[1]
    assert (missing.value, missing.grade, missing.points) == (None, None, None)


def test_a_node_with_nothing_graded_has_no_score() -> None:
    card = perfscore.score(small, {"1.1.1": "100%"})
    duty = card.duties[1]
    assert (duty.score, duty.grade, duty.graded, duty.coverage) == (None, None, 0, 0.0)
    assert card.duties[0].activities[1].score is None
    # Only 1.1 is scored: duty 1 and the department are its 100.
    assert card.department.score == 100
    empty = perfscore.score(small, {})
    assert (empty.department.score, empty.department.grade) == (None, None)
    assert empty.to_dict()["department"]["score"] is None


def test_flat() -> None:
    card = perfscore.score(small, FULL, method="flat")
    # duty 1 (100+60+80)/3 = 80 · duty 2 (0+100)/2 = 50 · dept (100+60+80+0+100)/5 = 68
    assert scores(card) == {"": 68, "1": 80, "1.1": 80, "1.2": 80, "2": 50, "2.1": 50}
    assert grades(card)[""] == "中"


def test_flat_differs_from_the_mean_of_means() -> None:
    given = {"1.1.1": "100%", "1.1.2": "100%", "1.2.1": 100}
    # mean: duty 1 (100 + 0)/2 = 50; flat: (100+100+0)/3 = 66.67
    assert perfscore.score(small, given).duties[0].score == 50
    assert perfscore.score(small, given, method=Flat()).duties[0].score == pytest.approx(200 / 3)


def test_worst_grade() -> None:
    card = perfscore.score(small, FULL, method="worst")
    assert grades(card) == {"": "差", "1": "中", "1.1": "中", "1.2": "良", "2": "差", "2.1": "差"}
    assert scores(card) == {"": 0, "1": 60, "1.1": 60, "1.2": 80, "2": 0, "2.1": 0}


def test_worst_grade_takes_the_childs_grade_not_the_band() -> None:
    # With 良 worth 70 points, the bands would call 70 中; the worst child is still 良.
    method = WorstGrade(points={"优": 100, "良": 70, "中": 50, "差": 0})
    assert method.grade(Fraction(70)) is Grade.GOOD
    assert MeanOfPoints(points={"优": 100, "良": 70, "中": 50, "差": 0}).grade(Fraction(70)) is (
        Grade.FAIR
    )


def test_missing_as_poor() -> None:
    given = {k: v for k, v in FULL.items() if k not in ("1.1.2", "2.1.1")}
    card = perfscore.score(small, given, method="missing-as-poor")
    # 1.1 (100+0)/2 = 50 · 1.2 80 · duty 1 65 · 2.1 (0+100)/2 = 50 · dept (65+50)/2 = 57.5
    assert scores(card) == {"": 57.5, "1": 65, "1.1": 50, "1.2": 80, "2": 50, "2.1": 50}
    assert grades(card)[""] == "差"
    # Still reported as missing.
    assert card.department.missing == ("1.1.2", "2.1.1")
    assert get_method("missing-as-差").name == "missing-as-poor"


def test_proportional_credit_linear() -> None:
    given = {"1.1.1": "85%", "1.1.2": "100%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "能完整的实施"}
    card = perfscore.score(small, given, method="proportional")
    # 85/100 → 85 · 100 · 420/500 → 84 · ≤1次 at 2: 1 − (2−1)/1 → 0 · label 良 → 80
    points = [i.points for i in card.indicators()]
    assert points == [85, 100, 84, 0, 80]
    # 1.1 92.5 · 1.2 84 · duty 1 88.25 · 2.1 40 · dept (88.25+40)/2 = 64.125
    assert scores(card) == {"": 64.125, "1": 88.25, "1.1": 92.5, "1.2": 84, "2": 40, "2.1": 40}
    assert grades(card) == {"": "中", "1": "良", "1.1": "优", "1.2": "良", "2": "差", "2.1": "差"}


def test_proportional_credit_ratio() -> None:
    given = {"1.1.1": "85%", "1.1.2": "100%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "能完整的实施"}
    card = perfscore.score(small, given, method="proportional-ratio")
    # ≤1次 at 2: 1/2 → 50 · 2.1 (50+80)/2 = 65 · dept (88.25+65)/2 = 76.625
    assert card.indicators()[3].points == 50
    assert card.department.score == 76.625


@pytest.mark.parametrize(
    ("value", "linear", "ratio"),
    [
        ("80%", Fraction(80, 85) * 100, Fraction(80, 85) * 100),  # below the band: 80/85
        ("110%", Fraction(90), Fraction(100, 110) * 100),  # above: 1 − 10/100, or 100/110
        ("130%", Fraction(70), Fraction(100, 130) * 100),
        ("250%", Fraction(0), Fraction(40)),  # linear reaches 0 at twice the target
        ("90%", Fraction(100), Fraction(100)),
    ],
)
def test_proportional_credit_target_band(value: str, linear: Fraction, ratio: Fraction) -> None:
    indicator = zanhuang.indicator("9.2.1")  # 优 ≥85%和≤100%
    magnitude = Fraction(value.rstrip("%"))
    grade = indicator.grade(value)
    assert ProportionalCredit().points(indicator, grade, magnitude) == linear
    assert ProportionalCredit(lower_is_better="ratio").points(indicator, grade, magnitude) == ratio


def test_weights_passed_in() -> None:
    card = perfscore.score(small, FULL, weights={"1.1.1": 3, "1": 1, "2": 3})
    # 1.1 (3·100 + 60)/4 = 90 → 优 · duty 1 (90+80)/2 = 85 · dept (85 + 3·50)/4 = 58.75
    assert card.duties[0].activities[0].score == 90
    assert card.duties[0].activities[0].grade is Grade.EXCELLENT
    assert card.duties[0].score == 85
    assert card.department.score == 58.75


def test_weights_from_the_table_file() -> None:
    data = small_table_data()
    data["duties"][1]["weight"] = 3
    data["duties"][0]["activities"][0]["indicators"][0]["weight"] = 3
    card = perfscore.score(perfscore.load_table(data), FULL)
    assert card.duties[0].activities[0].score == 90
    assert card.department.score == 58.75
    # Weights passed in win over the file's.
    assert perfscore.score(perfscore.load_table(data), FULL, weights={"2": 1}).department.score == (
        (85 + 50) / 2
    )


def test_weights_of_missing_children_drop_out() -> None:
    given = {"1.1.1": "100%", "1.2.1": 300}
    card = perfscore.score(small, given, weights={"1.1": 9})
    # 1.1 100 (weight 9) · 1.2 60 (weight 1) · duty 1 (900+60)/10 = 96 · duty 2 has no score
    assert card.duties[0].score == 96
    assert card.department.score == 96


def test_a_mean_on_a_band_edge_gets_the_band() -> None:
    method = MeanOfPoints(points={"优": 100, "良": 85, "中": 60, "差": 0})
    card = perfscore.score(
        small,
        {"1.1.1": "100%", "1.1.2": "95%"},
        method=method,
        weights={"1.1.1": 0.1, "1.1.2": 0.2},
    )
    # (0.1·100 + 0.2·85)/0.3 = 27/0.3 = 90 exactly; in floats it is 89.99999999999999
    assert (0.1 * 100 + 0.2 * 85) / (0.1 + 0.2) != 90
    activity = card.duties[0].activities[0]
    assert activity.score == 90
    assert activity.grade is Grade.EXCELLENT


def test_points_and_bands_are_configurable() -> None:
    bands = {"优": 9, "良": 7, "中": 6.5}
    method = MeanOfPoints(points={"优": 10, "良": 8, "中": 6, "差": 2}, bands=bands)
    card = perfscore.score(small, FULL, method=method)
    # 1.1 (10+6)/2 = 8 良 · 1.2 8 · duty 1 8 · 2.1 (2+10)/2 = 6 差 (below 中 6.5)
    assert card.duties[0].score == 8
    assert card.duties[0].grade is Grade.GOOD
    assert (card.duties[1].score, card.duties[1].grade) == (6, Grade.POOR)


@pytest.mark.parametrize(
    ("bands", "score", "grade"),
    [
        # Bands not given keep the Ministry of Finance's: 良 ≥ 80, 中 ≥ 60.
        ({"优": 95}, 94, "良"),
        ({"优": 95}, 70, "中"),
        ({"优": 95}, 95, "优"),
        ({"优": 95, "良": 85}, 70, "中"),
        ({"中": 50}, 55, "中"),
        ({"中": 50}, 49, "差"),
    ],
)
def test_partial_bands_keep_the_others(bands: dict[str, int], score: int, grade: str) -> None:
    assert MeanOfPoints(bands=bands).grade(Fraction(score)).value == grade
    assert ProportionalCredit(bands=bands).grade(Fraction(score)).value == grade


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ({"优": 80, "良": 90, "中": 60}, "the bands fall from 优 to 中; 优 80 is not above 良 90"),
        ({"优": 80}, "the bands fall from 优 to 中; 优 80 is not above 良 80"),
        ({"良": 50}, "the bands fall from 优 to 中; 良 50 is not above 中 60"),
    ],
)
def test_bands_that_do_not_fall_are_refused(bands: dict[str, int], message: str) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        MeanOfPoints(bands=bands)
    assert str(raised.value) == (
        f"{message} (bands not given are the Ministry of Finance's: 优 90, 良 80, 中 60)"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"points": {"优": 100, "良": 80}}, "points are needed for every grade; missing 中 差"),
        ({"points": {"优": "a", "良": 8, "中": 6, "差": 0}}, "expected a number, got 'a'"),
    ],
)
def test_bad_method_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(perfscore.PerfscoreError, match=message):
        MeanOfPoints(**kwargs)  # type: ignore[arg-type]


def test_bad_weights() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="a weight is given for '7', which"):
        perfscore.score(small, FULL, weights={"7": 1})
    with pytest.raises(perfscore.PerfscoreError, match="the weight of 1 is 0; weights are"):
        perfscore.score(small, FULL, weights={"1": 0})


def test_unknown_method_name() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="no scoring method 'median'; the methods"):
        get_method("median")
    with pytest.raises(perfscore.PerfscoreError, match="a scoring method has name, flat"):
        get_method(object())  # type: ignore[arg-type]


class PassFail:
    """A method of one's own: an indicator passes (1) at 中 or better; a node is its pass rate."""

    name = "pass-fail"
    flat = True

    def points(self, indicator: object, grade: Grade, value: object) -> Fraction:
        return Fraction(1) if grade >= Grade.FAIR else Fraction(0)

    def missing(self, indicator: object) -> Fraction | None:
        return None

    def combine(self, scored: Sequence[tuple[Fraction, Fraction]]) -> Fraction:
        return sum((s for s, _ in scored), Fraction(0)) / len(scored)

    def grade(self, score: Fraction) -> Grade:
        return Grade.EXCELLENT if score == 1 else Grade.POOR


def test_a_method_of_ones_own() -> None:
    method = PassFail()
    assert isinstance(method, Method)
    card = perfscore.score(small, FULL, method=method)
    # 4 of 5 indicators pass (2.1.1 is 差): 0.8 → 差; duty 1 all pass → 优
    assert card.department.score == 0.8
    assert card.department.grade is Grade.POOR
    assert card.duties[0].grade is Grade.EXCELLENT
    assert card.method == "pass-fail"


def test_missing_as_poor_class_prices_missing() -> None:
    assert MissingAsPoor().missing(None) == 0
    assert MeanOfPoints().missing(None) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.fractions(min_value=0, max_value=100, max_denominator=10_000),
            st.fractions(min_value=Fraction(1, 100), max_value=50, max_denominator=100),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_weighted_mean_is_the_exact_one(scored: list[tuple[Fraction, Fraction]]) -> None:
    total = sum((w for _, w in scored), Fraction(0))
    expected = sum((s * w for s, w in scored), Fraction(0)) / total
    assert MeanOfPoints().combine(scored) == expected


def _one_indicator(unit: str, cells: dict[str, str | None]) -> perfscore.Table:
    data = small_table_data()
    data["duties"] = data["duties"][:1]
    data["duties"][0]["activities"] = data["duties"][0]["activities"][:1]
    activity = data["duties"][0]["activities"][0]
    activity["indicators"] = [{"id": "1.1.1", "name": "指标", "unit": unit, "cells": cells}]
    return perfscore.load_table(data)


@pytest.mark.parametrize(
    ("unit", "cells", "value", "grade", "linear", "ratio"),
    [
        # 优 >35人 not met at 35 (良): 35/35 would be full points; 良's 80 instead.
        ("人", {"优": ">35人", "良": "≥30人", "中": "≥25人", "差": "<25人"}, 35, "良", 80, 80),
        # just inside: 优 100; just below the target: proportional, 34/35
        ("人", {"优": ">35人", "良": "≥30人", "中": "≥25人", "差": "<25人"}, 36, "优", 100, 100),
        (
            "人", {"优": ">35人", "良": "≥30人", "中": "≥25人", "差": "<25人"}, 34, "良",
            Fraction(3400, 35), Fraction(3400, 35),
        ),
        # Lower is better, 优 <5% not met at 5% (良): 良's 80, not 100.
        ("percent", {"优": "<5%", "良": "≤8%", "中": "≤10%", "差": ">10%"}, "5%", "良", 80, 80),
        # 6%: linear 1 − 1/5 → 80 · ratio 5/6 → 83.3
        (
            "percent", {"优": "<5%", "良": "≤8%", "中": "≤10%", "差": ">10%"}, "6%", "良",
            80, Fraction(500, 6),
        ),
    ],
)  # fmt: skip
def test_proportional_credit_on_an_open_bound_of_excellent_is_not_full(
    unit: str,
    cells: dict[str, str | None],
    value: object,
    grade: str,
    linear: Fraction,
    ratio: Fraction,
) -> None:
    table = _one_indicator(unit, cells)
    card = perfscore.score(table, {"1.1.1": value}, method="proportional")
    (scored,) = card.indicators()
    assert (str(scored.grade), scored.points) == (grade, linear)
    assert card.department.score == float(linear)
    ratio_card = perfscore.score(table, {"1.1.1": value}, method="proportional-ratio")
    assert ratio_card.indicators()[0].points == ratio


def test_proportional_credit_with_a_target_of_zero_earns_the_grades_points() -> None:
    table = _one_indicator("次", {"优": "0次", "良": "≤1次", "中": "≤2次", "差": ">2次"})
    for method in ("proportional", "proportional-ratio"):
        # 1次 is 良: nothing to be proportional to, so 良's 80 (as the mean method gives).
        card = perfscore.score(table, {"1.1.1": 1}, method=method)
        assert (str(card.indicators()[0].grade), card.indicators()[0].points) == (
            "良",
            Fraction(80),
        )
        assert (card.department.score, str(card.department.grade)) == (80.0, "良")
        poor = perfscore.score(table, {"1.1.1": 3}, method=method)
        assert (str(poor.indicators()[0].grade), poor.indicators()[0].points) == ("差", Fraction(0))


def test_proportional_credit_shows_its_rule_for_lower_is_better() -> None:
    ratio = ProportionalCredit(lower_is_better="ratio")
    assert "lower_is_better='ratio'" in repr(ratio)
    assert ratio.name == "proportional-ratio"
    assert ratio != ProportionalCredit()
