"""perfscore.importing._target_cells: what a targets form's cell is, and where the cells of a
row that lost its merged cells go."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.importing._target_cells import (
    LEVEL_NAMES,
    cost_level,
    direction_of,
    is_cost,
    is_total,
    level_of,
    money,
    money_unit_of,
    nature_of,
    place,
)


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("正向", "正向"), ("正向指标", "正向"), (" 正向指標 ", "正向"), ("越大越好", "正向"),
        ("↑", "正向"), ("反向", "反向"), ("反向指标", "反向"), ("逆向指标", "反向"),
        ("越小越好", "反向"), ("负向", "反向"), ("中性", None), ("区间", None), ("≥", None),
        ("培训人次", None),
    ],
)  # fmt: skip
def test_the_spellings_of_a_direction(text: str, direction: str | None) -> None:
    assert direction_of(text) == direction


@pytest.mark.parametrize(
    ("text", "nature"),
    [
        ("定量", "定量"), ("定量指标", "定量"), ("定性", "定性"), ("定性指標", "定性"),
        ("≥", "≥"), ("大于等于", "≥"), ("不高于", "≤"), ("=", "="), ("数值型", "定量"),
        ("≧", "≥"), ("≦", "≤"), ("═", "="), ("﹦", "="), ("正向", None), ("", None),
    ],
)  # fmt: skip
def test_the_nature_of_a_target(text: str, nature: str | None) -> None:
    assert nature_of(text) == nature


def test_levels_by_their_vocabulary_in_either_script() -> None:
    assert [level_of(t) for t in ("产出指标", "產出指標", "效益指标", "满意度指标")] == [1] * 4
    assert [level_of(t) for t in ("数量指标", "質量指標", "社会效益指标", "时效指标")] == [2] * 4
    assert level_of("培训合格率") is None
    assert all(level_of(n) == 1 for n in LEVEL_NAMES[1])


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("12万", "元", 120000.0), ("12万元", "元", 120000.0), ("120000元", "万元", 12.0),
        ("1,200.50", "万元", 1200.5), ("12", "元", 12.0), ("1.5亿元", "万元", 15000.0),
        ("十二万", "元", None), ("", "元", None), ("12人", "元", None),
    ],
)  # fmt: skip
def test_a_budget_cell_in_the_tables_money_unit(text: str, unit: str, value: float | None) -> None:
    assert money(text, unit) == value


def test_a_budget_cells_own_unit() -> None:
    assert (money_unit_of("12万"), money_unit_of("12万元"), money_unit_of("12")) == (
        "万元",
        "万元",
        None,
    )


@pytest.mark.parametrize(
    ("cells", "total"),
    [
        (["合计", "", "100"], True), (["", "总分", "100", "96"], True), (["合 计", "100"], True),
        (["总计："], True), (["合计培训补贴发放金额", "≥100万元"], False),
        (["", "产出指标", "总分达标率", "≥90%"], False),
    ],
)  # fmt: skip
def test_a_total_row_is_one_whose_first_cell_is_the_word(cells: list[str], total: bool) -> None:
    assert is_total(cells) is total


HEADER = {"level1": 0, "level2": 1, "name": 2, "target": 3, "actual": 4, "weight": 5,
          "points": 6, "reason": 7}  # fmt: skip


def test_a_full_row_is_read_by_position() -> None:
    placed = place(["产出指标", "数量指标", "培训人次", "≥1200", "1150", "20", "19", ""], HEADER)
    assert not placed.moved
    assert placed.cells["name"] == "培训人次"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["质量指标", "培训合格率", "≥95%", "96%", "20", "20"],
         {"level2": "质量指标", "name": "培训合格率", "weight": "20", "points": "20"}),
        (["培训人次", "≥1200人次", "1150人次", "10", "9.5"],
         {"level1": "", "level2": "", "name": "培训人次", "actual": "1150人次", "points": "9.5"}),
    ],
)  # fmt: skip
def test_a_short_row_is_placed_by_what_its_cells_are(
    cells: list[str], expected: dict[str, str]
) -> None:
    placed = place(cells, HEADER)
    assert placed.moved
    assert {k: placed.cells[k] for k in expected} == expected


def test_a_row_short_of_a_blank_last_cell_stays_by_position() -> None:
    placed = place(["效益指标", "社会效益指标", "就业能力", "明显提高", "达成", "20", "18"], HEADER)
    assert not placed.moved
    assert (placed.cells["level1"], placed.cells["points"], placed.cells["reason"]) == (
        "效益指标",
        "18",
        "",
    )


GOAL = {"level1": 0, "level2": 1, "name": 2, "target": 3, "unit": 4, "weight": 5, "direction": 6}


@given(st.integers(min_value=0, max_value=2))
def test_a_goal_row_missing_its_merged_levels_keeps_every_cell(dropped: int) -> None:
    full = ["产出指标", "数量指标", "培训人次", "1200", "人次", "20", "正向指标"]
    placed = place(full[dropped:], GOAL)
    assert placed.moved is (dropped > 0)
    assert [placed.cells[r] for r in ("name", "target", "unit", "weight", "direction")] == full[2:]
    assert [placed.cells[r] for r in ("level1", "level2")] == [
        c if k >= dropped else "" for k, c in enumerate(full[:2])
    ]


WIDE = {"unit_name": 0, "project": 1, "budget": 2, "goal": 3, "level1": 4, "level2": 5,
        "name": 6, "op": 7, "target": 8, "unit": 9, "weight": 10, "direction": 11}  # fmt: skip


def test_a_wide_row_padded_with_blanks_at_its_end_is_placed_by_kind() -> None:
    # Sichuan's wide form as a pipe table: a continuation row lost 单位名称 · 项目名称 · 预算数 ·
    # 年度目标 (merged) and the copy pads it with blank cells at its end.
    row = ["效益指标", "生态效益指标", "保护生态环境", "≥", "95", "%", "10", "正向指标"]
    placed = place([*row, "", "", "", ""], WIDE)
    assert placed.moved
    assert [placed.cells[r] for r in ("level1", "name", "target", "weight", "direction")] == [
        "效益指标", "保护生态环境", "95", "10", "正向指标",
    ]  # fmt: skip


def test_a_row_with_a_blank_last_cell_and_a_level_word_as_its_name_stays_by_position() -> None:
    # 满意度 is a name and a level word: only a level name left of the level columns moves a
    # row padded with blanks.
    row = ["满意度指标", "服务对象满意度指标", "满意度", "≥95%", "95", "10", "", ""]
    placed = place(row, HEADER)
    assert not placed.moved
    assert (placed.cells["name"], placed.cells["weight"]) == ("满意度", "10")


@pytest.mark.parametrize(
    ("after", "then", "above", "level"),
    [
        ("经济成本指标", "项目建设成本", "", 1),  # the 2021 forms: 一级 over its 二级
        ("經濟成本指標", "", "", 1),  # an empty template row of the 2021 forms
        ("社会成本指标", "定量", "产出指标", 2),  # a level name as the 三级: no name after it
        ("社会成本指标", "100", "", 2),
        ("社会成本指标", "≥95%", "", 2),
        ("社会成本指标", "正向指标", "", 2),
        ("", "项目总成本", "产出指标(50分)", 2),  # 二级 blank after 产出指标: the 2019 forms
        ("", "项目总成本", "效益指标", 1),  # 二级 blank elsewhere: a 一级 with none
        ("", "项目总成本", "", 1),
        ("项目总成本", "≤90万元", "", 2),  # merged cells left out: before its 三级, a 二级
        ("项目总成本", "≤90万元", "效益指标", 2),
    ],
)  # fmt: skip
def test_the_one_rule_of_the_cost_level(after: str, then: str, above: str, level: int) -> None:
    assert cost_level(after, then, above) == level


def test_the_cost_level_in_either_script_and_with_its_points() -> None:
    assert all(
        is_cost(t) for t in ("成本指标", "成本指標(biāo)", "成本指标(0-20)分", "成本指标(10分)")
    )
    assert not any(is_cost(t) for t in ("经济成本指标", "项目总成本", "成本"))
