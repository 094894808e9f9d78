"""perfscore.views._display: scorecards shown as text and HTML."""

from __future__ import annotations

import perfscore
from perfscore import Grade
from tests.scoring_data import small

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
    assert repr(card) == "<Scorecard small by mean: 89.9 良, 2 of 5 graded>"
    lines = card.to_text().splitlines()
    assert lines[1].startswith("department  89.9 良  ·  graded 2 of 5")
    activity = next(line for line in lines if line.lstrip().startswith("1.1 "))
    assert activity.split()[-3:] == ["89.9", "良", "2/2"]
    html = card._repr_html_()
    assert "score 89.9 <span" in html
    assert '<td style="text-align:right">89.9</td>' in html
    assert "90.0" not in card.to_text() + html + repr(card)
