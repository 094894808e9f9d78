"""perfscore.comparison._comparison: one table's cards side by
side, against hand-computed changes, refusals and invariants."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from tests.scoring_data import small, small_table_data, zanhuang
from tests.targets_data import TARGET_RESULTS, TARGETS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Y2018 = EXAMPLES / "zanhuang-hrss-2018-results.csv"
Y2019 = EXAMPLES / "zanhuang-hrss-2019-results.csv"


# By hand (small table; points 优 100 良 80 中 60 差 0; bands 90 / 80 / 60):
# A: 1.1.1 优 100, 1.1.2 85% 中 60 → 1.1 80; 1.2.1 420 良 80 → 1.2 80; duty 1 80 良;
#    2.1.1 2次 差 0, 2.1.2 优 100 → 2.1 50, duty 2 50 差; department 65 中.
# B: 1.1.1 优, 1.1.2 优 → 1.1 100; 1.2.1 520 优 → 1.2 100; duty 1 100 优;
#    2.1.1 1次 优 100, 2.1.2 基本上能实施 中 60 → 2.1 80, duty 2 80 良; department 90 优.
A = {"1.1.1": "100%", "1.1.2": "85%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "有效实施"}
B = {"1.1.1": "100%", "1.1.2": "100%", "1.2.1": 520, "2.1.1": 1, "2.1.2": "基本上能实施"}


def test_duties_activities_and_department_against_hand_computed_changes() -> None:
    comparison = perfscore.compare(perfscore.score(small, A), perfscore.score(small, B))
    assert comparison.labels == ("1", "2")  # the same year twice: positions
    duties = comparison.duties.set_index("id")
    assert duties["score_1"].tolist() == [80.0, 50.0]
    assert duties["score_2"].tolist() == [100.0, 80.0]
    assert duties["grade_1"].tolist() == ["良", "差"]
    assert duties["grade_2"].tolist() == ["优", "良"]
    assert duties["change"].tolist() == [20.0, 30.0]
    assert duties["move"].tolist() == [1, 2]
    activities = comparison.activities.set_index("id")
    assert activities["change"].to_dict() == {"1.1": 20.0, "1.2": 20.0, "2.1": 30.0}
    assert activities["duty"].to_dict() == {"1.1": "1", "1.2": "1", "2.1": "2"}
    department = comparison.departments.iloc[0]
    assert (department["score_1"], department["score_2"], department["change"]) == (65, 90, 25)
    assert (department["grade_1"], department["grade_2"], department["move"]) == ("中", "优", 2)
    assert comparison.findings == ()


def test_indicators_compare_points_and_keep_values() -> None:
    comparison = perfscore.compare(
        perfscore.score(small, A), perfscore.score(small, B), labels=[2019, 2020]
    )
    indicators = comparison.indicators.set_index("id")
    assert indicators["change"].to_dict() == {
        "1.1.1": 0.0, "1.1.2": 40.0, "1.2.1": 20.0, "2.1.1": 100.0, "2.1.2": -40.0,
    }  # fmt: skip
    assert indicators["move"].to_dict() == {"1.1.1": 0, "1.1.2": 2, "1.2.1": 1, "2.1.1": 3,
                                            "2.1.2": -2}  # fmt: skip
    assert indicators.loc["2.1.2", "value_2019"] == "有效实施"
    assert indicators.loc["1.2.1", "value_2020"] == 520
    assert list(indicators.loc["2.1.1", ["duty", "activity"]]) == ["2", "2.1"]


def test_contract_change_is_the_second_cards_score_minus_the_firsts() -> None:
    a = perfscore.score(zanhuang, Y2018)
    b = perfscore.score(zanhuang, Y2019)
    duties = perfscore.compare(a, b).duties
    assert isinstance(duties, pd.DataFrame)
    assert duties["id"].tolist() == [d.id for d in a.duties]
    pairs = list(zip(a.duties, b.duties, strict=True))
    floats = [y.score - x.score for x, y in pairs]  # type: ignore[operator]
    assert duties["change"].tolist() == pytest.approx(floats, rel=1e-12)
    # computed exactly, then rounded once to a float
    assert duties["change"].tolist() == [float(y.exact - x.exact) for x, y in pairs]  # type: ignore[operator]
    # and the figures the 2019 file was invented to give: duty 6 from 56.67 (差) to 90 (优)
    six = duties.set_index("id").loc["6"]
    assert six["change"] == pytest.approx(100 / 3)
    assert (six["grade_1"], six["grade_2"], six["move"]) == ("差", "优", 3)


def test_missing_scores_give_no_change_and_no_move() -> None:
    before = perfscore.score(small, {"1.1.1": "100%"})
    after = perfscore.score(small, {"1.1.1": "100%", "2.1.1": 1})
    duties = perfscore.compare(before, after).duties.set_index("id")
    assert duties["score_1"].isna()["2"]
    assert duties.loc["2", "grade_1"] is None
    assert duties["change"].isna()["2"]
    assert duties.loc["2", "move"] is pd.NA
    assert duties.loc["1", "change"] == 0


def test_three_cards_change_is_last_minus_first() -> None:
    middle = {**A, "1.2.1": 0}
    cards = [perfscore.score(small, r) for r in (A, middle, B)]
    duties = perfscore.compare(*cards, labels=["a", "b", "c"]).duties
    assert duties.columns.tolist() == [
        "id", "name", "score_a", "grade_a", "score_b", "grade_b", "score_c", "grade_c",
        "change", "move",
    ]  # fmt: skip
    assert duties["score_b"].tolist() == [40.0, 50.0]  # 1.2 falls to 差 0: (80 + 0) / 2
    assert duties["change"].tolist() == [20.0, 30.0]


def test_incomparable_cards_are_refused() -> None:
    card = perfscore.score(small, A)
    other = copy.deepcopy(small_table_data())
    other["department"]["name"] = "另一局"
    with pytest.raises(perfscore.PerfscoreError, match="different departments: '测试局' \\(1\\)"):
        perfscore.compare(card, perfscore.score(perfscore.load_table(other), {}))
    renamed = zanhuang.department.model_copy(update={"name": "测试局"})
    stranger = zanhuang.model_copy(update={"department": renamed})
    with pytest.raises(perfscore.PerfscoreError, match="no indicator name in common"):
        perfscore.compare(card, perfscore.score(stranger, {}))
    with pytest.raises(perfscore.PerfscoreError, match="two scorecards or more, got 1"):
        perfscore.compare(card)
    with pytest.raises(TypeError, match="card 2 is dict"):
        perfscore.compare(card, A)  # type: ignore[arg-type]
    with pytest.raises(perfscore.PerfscoreError, match="2 cards need 2 labels, got 3"):
        perfscore.compare(card, card, labels=["a", "b", "c"])
    with pytest.raises(perfscore.PerfscoreError, match="distinct"):
        perfscore.compare(card, card, labels=["a", "a"])


def test_different_methods_are_a_finding() -> None:
    a = perfscore.score(small, A)
    b = perfscore.score(small, A, method="proportional")
    findings = perfscore.compare(a, b).findings
    assert [str(f) for f in findings] == [
        "warning: the cards were scored by different methods: mean (1), proportional (2)"
    ]


def test_views_json_text_html() -> None:
    comparison = perfscore.compare(
        perfscore.score(small, A), perfscore.score(small, B), labels=["2019", "2020"]
    )
    data = json.loads(comparison.to_json())
    assert data["labels"] == ["2019", "2020"]
    assert data["duties"][1] == {
        "id": "2", "name": "职责二", "score_2019": 50.0, "grade_2019": "差",
        "score_2020": 80.0, "grade_2020": "良", "change": 30.0, "move": 2,
    }  # fmt: skip
    assert set(data) == {"labels", "tables", "methods", "findings", *perfscore.comparison.LEVELS}
    text = comparison.to_text()
    assert "department  65.0 中 → 90.0 优  +25.0 ↑" in text
    assert "2  职责二  50.0 差 → 80.0 良   +30.0 ↑" in text  # scores padded to one width
    html = comparison._repr_html_()
    assert html.count("<tr") == 1 + 2 + 3  # header, duties, activities
    assert "+30.0 ↑" in html
    assert "background:#f4b4a8" in html  # 差 on its colour
    assert (
        repr(comparison) == "<Comparison of small (2019, 2020): department 65.0 → 90.0, 0 findings>"
    )
    frame = comparison.to_frame()
    assert frame["level"].value_counts().to_dict() == {
        "indicator": 5, "activity": 3, "duty": 2, "department": 1
    }  # fmt: skip


def test_a_fall_shows_a_down_arrow() -> None:
    comparison = perfscore.compare(perfscore.score(small, B), perfscore.score(small, A))
    assert "-25.0 ↓" in comparison.to_text()
    assert comparison.duties["move"].tolist() == [-1, -2]


# -- invariants ---------------------------------------------------------------------------------

LABELS = ("有效实施", "能完整的实施", "基本上能实施", "不能很好实施")


@st.composite
def small_results(draw: st.DrawFn) -> dict[str, object]:
    """Results for the small table, each indicator possibly missing."""
    drawn: dict[str, object] = {
        "1.1.1": f"{draw(st.decimals(0, 120, places=1))}%",
        "1.1.2": f"{draw(st.integers(0, 120))}%",
        "1.2.1": draw(st.integers(0, 700)),
        "2.1.1": draw(st.integers(0, 3)),
        "2.1.2": draw(st.sampled_from(LABELS)),
    }
    kept = draw(st.sets(st.sampled_from(sorted(drawn))))
    return {key: value for key, value in drawn.items() if key in kept}


@given(
    small_results(),
    small_results(),
    st.sampled_from(["mean", "flat", "worst", "missing-as-poor", "proportional"]),
)
def test_change_is_the_exact_difference_and_reverses(
    first: dict[str, object], second: dict[str, object], method: str
) -> None:
    a, b = (
        perfscore.score(small, first, method=method),
        perfscore.score(small, second, method=method),
    )
    forward, backward = perfscore.compare(a, b), perfscore.compare(b, a)
    assert forward.findings == ()
    for level, nodes_a, nodes_b in (
        ("duties", a.duties, b.duties),
        ("activities", a.activities(), b.activities()),
    ):
        frame = forward.level(level)
        assert frame["id"].tolist() == [n.id for n in nodes_a]
        for change, x, y in zip(frame["change"], nodes_a, nodes_b, strict=True):
            if x.exact is None or y.exact is None:
                assert math.isnan(change)
            else:
                assert change == float(y.exact - x.exact)
        reverse = backward.level(level)
        assert (frame["change"].fillna(0) == -reverse["change"].fillna(0)).all()
        assert (frame["move"].fillna(0) == -reverse["move"].fillna(0)).all()
    same = perfscore.compare(a, a)
    assert set(same.indicators["change"].dropna()) <= {0.0}
    assert set(same.duties["move"].dropna()) <= {0}


def _targets_pair() -> tuple[perfscore.TargetsScorecard, perfscore.TargetsScorecard]:
    table = perfscore.load_table(TARGETS)
    before = perfscore.score(table, TARGET_RESULTS)
    results = pd.read_csv(TARGET_RESULTS, dtype=str)
    results.loc[results["id"] == "2.1", "value"] = "0"  # no accident the next year
    after = perfscore.score(table, results)
    assert isinstance(before, perfscore.TargetsScorecard)
    assert isinstance(after, perfscore.TargetsScorecard)
    return before, after


def test_targets_cards_compare_by_project() -> None:
    before, after = _targets_pair()
    comparison = perfscore.compare(before, after, labels=["2023", "2024"])
    assert comparison.top == "projects"
    # by hand: 2.1 (分值 20, 反向 target 0) goes from 1 accident (得分 0) to none (20), so
    # project 2's 总分 rises by 20, from 62.81 (中) to 82.81 (良); project 1 is unchanged.
    projects = comparison.projects.set_index("id")
    assert projects["change"].tolist() == [0.0, 20.0]
    assert projects.loc["2", "score_2023"] == pytest.approx(3580 / 57)
    assert (projects.loc["2", "grade_2023"], projects.loc["2", "grade_2024"]) == ("中", "良")
    assert projects.loc["2", "move"] == 1
    rows = comparison.indicators.set_index("id")
    assert list(rows.loc["2.1", ["project", "score_2023", "score_2024", "change"]]) == [
        "2", 0.0, 20.0, 20.0,
    ]  # fmt: skip
    assert rows.loc["2.budget", "name"] == "预算执行率"
    assert rows.loc["1.1", "value_2024"] == 1150
    department = comparison.departments.iloc[0]
    assert department["change"] == pytest.approx(10.0)  # the mean of the two projects' totals
    assert comparison.findings == ()
    with pytest.raises(perfscore.PerfscoreError, match="a targets table's cards have no duties"):
        comparison.level("duties")
    assert "2  高标准农田建设项目（虚构）" in comparison.to_text()
    assert json.loads(comparison.to_json())["duties"] == []


def test_a_ladder_card_and_a_targets_card_are_refused() -> None:
    before, _ = _targets_pair()
    with pytest.raises(perfscore.PerfscoreError, match="ladder table's scorecard with a targets"):
        perfscore.compare(perfscore.score(small, A), before)


def test_to_csv_is_the_frame_with_formulas_neutralised(tmp_path: Path) -> None:
    data = small_table_data()
    data["duties"][0]["name"] = "=HYPERLINK(1)"
    table = perfscore.load_table(data)
    before = perfscore.score(table, {"1.1.1": "100%"})
    after = perfscore.score(table, {"1.1.1": "80%"})
    comparison = perfscore.compare(before, after, labels=["a", "b"])
    text = comparison.to_csv(tmp_path / "c.csv")
    frame = comparison.to_frame()
    assert text.splitlines()[0] == ",".join(frame.columns)
    assert len(text.splitlines()) == 1 + len(frame)
    assert ",'=HYPERLINK(1)," in text
    assert ",=HYPERLINK(1)," in comparison.to_csv(raw=True)
    back = pd.read_csv(tmp_path / "c.csv", encoding="utf-8-sig")
    assert back["change"].tolist() == pytest.approx(frame["change"].tolist(), nan_ok=True)
