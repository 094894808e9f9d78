"""perfscore.importing._spaced_cells: what a token of spaced text is, and the column it fits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfscore.importing._form_words import LEVEL1, LEVEL2
from perfscore.importing._spaced_cells import EMPTY, fit, form_level, ruled


def test_what_a_cell_is() -> None:
    assert fit("level1", "产出指标(50分)") == 3
    assert fit("level2", "产出指标") is None  # a level-1 name only
    assert fit("name", "数量指标") is None  # a level name is in no other column
    assert fit("weight", "培训人次") is None
    # a target the notation reads fits better than one only its comparison starts (只 is no
    # unit the registry knows), which fits better than free text
    fits = {t: fit("target", t) for t in ("≥50个", "效果明显", "≤475元/只", "≥")}
    assert fits["≥50个"] > fits["≤475元/只"] > fits["效果明显"] > fits["≥"]  # type: ignore[operator]
    assert fit("weight", "8") > fit("weight", "44,561")  # type: ignore[operator]
    assert fit("name", "开发数量(") < fit("name", "开发数量( ≥**个 )") + 2  # type: ignore[operator]


@given(st.sampled_from(sorted(LEVEL1 | LEVEL2)), st.sampled_from(sorted(EMPTY)))
def test_a_level_name_fits_only_its_level(name: str, role: str) -> None:
    level = form_level(name)
    assert level is not None
    fits = fit(role, name)
    if role == "level1":
        assert (fits is not None) == (level in (1, 3))
    elif role == "level2":
        assert (fits is not None) == (level in (2, 3))
    else:
        assert fits is None


def test_a_targets_parts_printed_apart_read_as_one_target() -> None:
    # a comparison alone ends no name, explanation or actual; a unit alone starts none
    assert fit("name", "补贴发放率 >=") is None
    assert fit("explain", "高龄补贴发放完成率 >=") is None
    assert fit("actual", "%(百分比)") is None
    assert fit("target", "%(百分比)") is None
    assert fit("unit", "%(百分比)") is not None  # under a unit column it is the unit
    # the target with its unit reads better than without (so ``人`` is no actual of its own)
    assert fit("target", ">= 1200 人") > fit("target", ">= 1200")  # type: ignore[operator]


def test_an_explanation_is_text_and_a_scaled_score_a_number() -> None:
    assert fit("explain", "享受补贴政策人数占符合条件申报对象总数的比例") is not None
    assert fit("explain", "25.00") is None
    assert fit("explain", "≥98%") is None
    assert fit("scaled", "6.25") == fit("points", "6.25")
    assert fit("scaled", "完成") is None


def test_the_cost_level_fits_by_the_one_rule() -> None:
    # 成本指标 before its 2021 二级 in the 一级; before a name in the 二级; before a level name
    # with no name after it in the 二级, that level name in the 三级's column.
    assert ruled(["成本指标", "经济成本指标", "项目建设成本"]) == {
        (0, "level1"): 3.0, (0, "level2"): 2.0,
    }  # fmt: skip
    assert ruled(["时效指标", "完成率", "成本指标", "项目总成本", "≤90万元"]) == {
        (2, "level2"): 3.0, (2, "level1"): 2.0,
    }  # fmt: skip
    assert ruled(["成本指标", "社会成本指标", "≥95%"])[1, "name"] == 1.0
