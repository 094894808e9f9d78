"""perfscore.importing._run_rows: each piece of a run-together body placed by what it is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore.importing._run_rows import walk_body

KINDS = ("level1", "level2", "name", "weight", "target", "actual", "points")


def test_fused_numbers_split_by_the_forms_rules() -> None:
    # 1020万元 is 10 | 20万元: the actual repeats the target and 得分 is not above 分值.
    walk = walk_body("产出指标(70分)成本指标项目计划总投资1020万元20万元10", KINDS)
    (row,) = walk.rows
    assert (row.cells["weight"], row.cells["target"], row.cells["points"]) == ("10", "20万元", "10")
    assert row.cells["level1"] == "产出指标(70分)"
    assert row.cells["level2"] == "成本指标"


def test_a_close_second_reading_is_kept_for_the_finding() -> None:
    # 22 after 100% is 2 | 2 or a 得分 left blank with 分值 22: the reading is named.
    walk = walk_body("基础信息完善%100%100%100%11否", (
        "name", "unit", "target", "actual", "ratio", "weight", "points", "yesno",
    ))  # fmt: skip
    (row,) = walk.rows
    assert row.cells["name"] == "基础信息完善"
    assert (row.cells["weight"], row.cells["points"], row.cells["yesno"]) == ("1", "1", "否")


def test_a_row_the_copy_cut_off_is_left() -> None:
    walk = walk_body(
        "数量指标安装标尺10≥266米≥266米10满意度指标(20分)服务对象满意度种植户调", KINDS
    )
    assert [r.cells["name"] for r in walk.rows] == ["安装标尺"]
    assert walk.left
    assert walk.left[0][1] == "服务对象满意度种植户调"


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["培训人次", "验收合格率", "群众满意度", "道路长度"]),
            st.integers(1, 30),
            st.sampled_from(["≥500人次", "100%", "≥95%", "12公里"]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_met_rows_split_back(rows: list[tuple[str, int, str]]) -> None:
    # A row that meets its target (actual = target, full 得分) splits back to its cells.
    body = "产出指标数量指标" + "".join(f"{n}{w}{t}{t}{w}" for n, w, t in rows)
    walk = walk_body(body, KINDS)
    got = [(r.cells["name"], int(r.cells["weight"]), r.cells["target"]) for r in walk.rows]
    assert got == rows
    assert all(r.cells["actual"] == r.cells["target"] for r in walk.rows)


def test_a_level_whose_weights_do_not_add_up_is_named() -> None:
    walk = walk_body(
        "产出指标(30分)数量指标安装标尺10≥266米≥266米10标尺宽度10≥50厘米≥50厘米10", KINDS
    )
    assert [r.cells["weight"] for r in walk.rows] == ["10", "10"]
    assert walk.sums == ["产出指标(30分): its rows' 分值 add to 20, not the 30 printed"]
    assert not walk_body(
        "产出指标(20分)数量指标安装标尺10≥266米≥266米10标尺宽度10≥50厘米≥50厘米10", KINDS
    ).sums


def test_levels_with_their_points_and_the_common_framework() -> None:
    # A Ningxia form: levels out of the vocabulary carry their points (项目决策(10分)), the
    # framework's level-2 names follow them, a template's empty 指标2: is no row, and a dash
    # (一) is a target with nothing to say.
    walk = walk_body(
        "项目决策(10分)项目立项相关性2一按照学校管理标准进行管理2指标2:"
        "顼目产出(30分)数量指标(10分)保障人数102370人2370人10",
        ("level1", "level2", "name", "weight", "target", "actual", "points", "reason"),
    )
    assert [(r.cells.get("level1"), r.cells.get("level2"), r.cells["name"]) for r in walk.rows] == [
        ("项目决策(10分)", "项目立项", "相关性"),
        ("顼目产出(30分)", "数量指标(10分)", "保障人数"),
    ]
    first, second = walk.rows
    assert (first.cells["target"], first.cells["actual"]) == ("一", "按照学校管理标准进行管理")
    assert (second.cells["target"], second.cells["points"]) == ("2370人", "10")


def test_a_number_before_words_is_no_quantity_of_them() -> None:
    # 2可行性 is a 分值 and the next row's name, not 2 of a unit 可行性.
    walk = walk_body(
        "数量指标完整性4达标达标4可行性2达标达标2",
        ("level2", "name", "weight", "target", "actual", "points"),
    )
    assert [r.cells["name"] for r in walk.rows] == ["完整性", "可行性"]


def test_the_forms_numbering_before_a_name_left_out_is_a_note_naming_it() -> None:
    # Found by the targets fuzzer: 指标1:培训人次 run together was read as 培训人次 with no word
    # of the 指标1: left out, so no finding named the printed name.
    walk = walk_body(
        "产出指标数量指标指标1:培训人次≥500人次520人次1010指标2:质量指标合格率≥90%95%109",
        ("level1", "level2", "name", "target", "actual", "weight", "points"),
    )
    assert [row.cells["name"] for row in walk.rows] == ["培训人次", "合格率"]
    notes = [n for n in walk.notes if "numbering" in n]
    assert len(notes) == 1  # the empty 指标2: before a level is no row and no note
    assert notes[0].startswith("指标1:培训人次")


HUNAN = ("level1", "level2", "name", "target", "actual", "reason")


def test_a_cell_may_end_where_the_copys_page_broke() -> None:
    # A Hunan self-evaluation copied from a document site: the site's page number (3、) fell
    # between a name and its target. Taken out, the place it was is where the name may end;
    # without it no cell of 粮食储备设备维护及安全性高高 ends before 高高.
    body = (
        "效益指标可持续影响指标粮食储备设备维护及安全性高高"
        "满意度指标服务对象满意度指标市民满意度调查90%100%"
    )
    at = body.index("高高")
    (row, _) = walk_body(body, HUNAN, breaks=[at]).rows
    assert (row.cells["name"], row.cells["target"], row.cells["actual"]) == (
        "粮食储备设备维护及安全性",
        "高",
        "高",
    )
    unbroken = walk_body(body, HUNAN)
    assert [r.cells["name"] for r in unbroken.rows] == ["市民满意度调查"]
    assert unbroken.left[0][1] == "粮食储备设备维护及安全性高高"


def test_a_page_break_inside_a_cell_does_not_cut_it() -> None:
    # A break may fall inside a cell too (社会效益 | 指标 at a page's end): the cell goes on.
    body = "效益指标经济效益指标利息费用保障率100%100%"
    (row,) = walk_body(body, HUNAN, breaks=[body.index("费用")]).rows
    assert row.cells["name"] == "利息费用保障率"


def test_a_names_last_character_is_no_target() -> None:
    # 政策性挂账利息补贴保障率100%无…: the target is 100%, which the notation reads, and the
    # actual the one-word result 无 with its reason after it; not a name cut before its 率
    # with the target 率 and the actual 100%.
    walk = walk_body(
        "效益指标经济效益指标利息费用保障率100%100%政策性挂账利息补贴保障率100%无没有轮换、动用库存",
        HUNAN,
    )
    row = walk.rows[1]
    assert (row.cells["name"], row.cells["target"], row.cells["actual"]) == (
        "政策性挂账利息补贴保障率",
        "100%",
        "无",
    )
    assert row.cells["reason"] == "没有轮换、动用库存"


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["保障率", "到位率", "完成数", "覆盖率", "满意度"]),
    st.sampled_from(["100%", "≥95%", "12公里", "0起"]),
)
def test_a_name_keeps_its_suffix_before_a_figure(name: str, target: str) -> None:
    # Whatever the name's last character, it is not split off as a one-character target.
    walk = walk_body(f"产出指标数量指标项目{name}{target}无未实施", HUNAN)
    (row,) = walk.rows
    assert (row.cells["name"], row.cells["target"], row.cells["actual"]) == (
        f"项目{name}",
        target,
        "无",
    )


def test_a_lone_figure_after_a_name_leaves_the_name_whole() -> None:
    # A row that prints one figure (its other cell left blank): the name is not cut before its
    # last character to make a one-character target (保障 | 率 | 100%).
    walk = walk_body(
        "效益指标经济效益指标政策性挂账利息补贴保障率100%利息费用保障率100%100%", HUNAN
    )
    first = walk.rows[0].cells
    assert first["name"] == "政策性挂账利息补贴保障率"
    assert "率" not in first.values()
    assert "100%" in (first.get("target"), first.get("actual"))


def test_a_level_with_its_points_as_a_range() -> None:
    # Run together, 成本指标(0-20)分 is the level with its range of points, not 成本指标 and a
    # text (0-20)分 no row reads; a 分值 is at most the range's top, and rows whose 分值 add to
    # a sum outside the range are named.
    kinds = ("level1", "level2", "name", "target", "weight")
    walk = walk_body(
        "成本指标(0-20)分经济成本指标项目建设成本≤65万元10"
        "产出指标(40-50)分数量指标晾晒房面积≥300平方米30",
        kinds,
    )
    assert not walk.left
    assert [(r.cells.get("level1"), r.cells["name"]) for r in walk.rows] == [
        ("成本指标(0-20)分", "项目建设成本"),
        ("产出指标(40-50)分", "晾晒房面积"),
    ]
    assert walk.sums == ["产出指标(40-50)分: its rows' 分值 add to 30, not the 40-50 printed"]


# Each spelling of a comparison a form prints before a figure, as the notation reads it: the
# mathematical signs, the full-width ones a Chinese keyboard types, the ASCII pairs and the
# doubled =, and a sign printed apart from its figure by a space.
SIGNS = ("=", "＝", "==", "═", "≥", "≤", ">", "<", "≧", "≦", "＞", "＜", ">=", "<=", "≥ ", "= ")


@pytest.mark.parametrize("sign", SIGNS)
def test_a_comparison_starts_the_target_and_ends_no_name(sign: str) -> None:
    # Sichuan's water-gauge rows (分值 before the targets) with the target printed with a
    # sign and the actual without one: the sign is the target's first character, never the
    # name's last (安装坡面水标尺= | 266米 read the actual as repeating its target).
    walk = walk_body(
        f"产出指标(70分)数量指标安装坡面水标尺10{sign}266米266米10"
        f"质量指标水标尺验收合格率10{sign}100%100%10",
        KINDS,
    )
    assert [
        (r.cells["name"], r.cells["weight"], r.cells["target"], r.cells["actual"])
        for r in walk.rows
    ] == [
        ("安装坡面水标尺", "10", f"{sign}266米", "266米"),
        ("水标尺验收合格率", "10", f"{sign}100%", "100%"),
    ]
    assert not walk.left


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(SIGNS),
    st.sampled_from(["培训次数", "资金拨付及时率", "项目完工时间", "群众满意度"]),
    st.sampled_from(["8个", "100%", "95%", "475元/亩", "12公里"]),
    st.sampled_from(["", "无", "资金未及时拨付"]),
)
def test_no_name_ends_with_a_comparison(sign: str, name: str, figure: str, reason: str) -> None:
    # A goal or self-evaluation row as Hunan's form prints it (年度指标值 · 实际值 · 偏差原因):
    # whatever the sign, the name and the target are the printed ones.
    walk = walk_body(f"产出指标数量指标{name}{sign}{figure}{figure}{reason}", HUNAN)
    (row,) = walk.rows
    assert (row.cells["name"], row.cells["target"]) == (name, f"{sign}{figure}")


def test_a_unit_per_another_is_one_target() -> None:
    # 元/亩 is a unit the notation reads (元 per 亩): ≤475元/亩 is one target, not ≤475元 and
    # an actual /亩…
    walk = walk_body("产出指标(70分)成本指标每亩补助标准10≤475元/亩475元/亩10", KINDS)
    (row,) = walk.rows
    assert (row.cells["target"], row.cells["actual"], row.cells["points"]) == (
        "≤475元/亩",
        "475元/亩",
        "10",
    )


def test_a_row_ending_at_a_lines_end_is_not_hidden_by_a_dearer_reading_over_it() -> None:
    # 培训人次=8个1 | 资金拨付及时率=8个99, a row a line: the first row ends at its line's
    # end, though a dearer reading (a name 培训人次=8个, a target 1) also reached past it.
    walk = walk_body(
        "产出指标数量指标培训人次=8个1\n资金拨付及时率=8个99",
        ("level1", "level2", "name", "target", "weight"),
    )
    assert [(r.cells["name"], r.cells["target"], r.cells["weight"]) for r in walk.rows] == [
        ("培训人次", "=8个", "1"),
        ("资金拨付及时率", "=8个", "99"),
    ]


# A goal form's header with a 指标方向性 column (a column the header reads as ``other``, or as
# ``direction``), in the orders the forms print it: after the target, before or after the 分值.
DIRECTED = {
    "after the 分值": ("level1", "level2", "name", "weight", "target", "other"),
    "before the 分值": ("level1", "level2", "name", "target", "other", "weight"),
    "a direction column": ("level1", "level2", "name", "target", "direction", "weight"),
}


@pytest.mark.parametrize("order", sorted(DIRECTED))
@pytest.mark.parametrize("word", ["正向指标", "反向指标", "正向", "反向"])
def test_a_direction_is_a_cell_of_its_own_never_a_names_start(order: str, word: str) -> None:
    # Every cell run together (Hubei's goal form, with a 指标方向性 column): the direction ends
    # its row, and the next row's name starts after it (正向指标 | 覆盖率, not 正向指标覆盖率).
    kinds = DIRECTED[order]
    rows = [("培训人次", "10", "≥500人次"), ("覆盖率", "20", "≥95%"), ("合格率", "30", "=100%")]
    cells = {"weight": 1, "target": 2}
    body = "产出指标数量指标" + "".join(
        "".join(row[0] if k == "name" else row[cells[k]] if k in cells else word
                for k in kinds[2:])
        for row in rows
    )  # fmt: skip
    walk = walk_body(body, kinds)
    column = next(k for k in kinds if k not in ("level1", "level2", *cells, "name"))
    assert [(r.cells["name"], r.cells.get(column)) for r in walk.rows] == [
        (name, word) for name, _, _ in rows
    ]
    assert not walk.left


# A self-evaluation's orders with a 偏差原因 column last: Sichuan's (分值 before the targets) and
# Ningxia's (targets, then 分值 and 得分).
REASONED = {
    "分值 first": ("level1", "level2", "name", "weight", "target", "actual", "points", "reason"),
    "targets first": ("level1", "level2", "name", "target", "actual", "weight", "points", "reason"),
}


@pytest.mark.parametrize("order", sorted(REASONED))
@pytest.mark.parametrize("points", ["10", "9"])
def test_a_reason_of_none_is_a_cell_of_its_own(order: str, points: str) -> None:
    # 无, the forms' word for nothing to explain, ends its row's 偏差原因: the next row's name
    # starts after it (无 | 覆盖率, not 无覆盖率), whether or not the row lost points.
    kinds = REASONED[order]
    rows = [
        {"name": "培训人次", "weight": "10", "target": "≥500人次", "actual": "500人次",
         "points": points, "reason": "无"},
        {"name": "覆盖率", "weight": "20", "target": "≥95%", "actual": "95%", "points": "20"},
    ]  # fmt: skip
    body = "产出指标数量指标" + "".join("".join(row.get(k, "") for k in kinds[2:]) for row in rows)
    walk = walk_body(body, kinds)
    assert [(r.cells["name"], r.cells.get("reason")) for r in walk.rows] == [
        ("培训人次", "无"),
        ("覆盖率", None),
    ]
    assert not walk.left


def test_a_name_after_a_reason_of_none_is_also_shown_starting_with_it() -> None:
    # 无害化处理率 after a row whose 偏差原因 is blank: the text cannot tell 无 | 害化处理率 from
    # | 无害化处理率, so the row read carries the other reading, which its finding shows
    kinds = ("level1", "level2", "name", "weight", "target", "actual", "points", "reason")
    body = "产出指标数量指标培训人次10≥500人次500人次10无害化处理率20≥95%95%20"
    walk = walk_body(body, kinds)
    assert len(walk.rows) == 2
    second = walk.rows[1]
    names = {second.cells["name"], (second.other or {}).get("name")}
    assert names == {"害化处理率", "无害化处理率"}


@pytest.mark.parametrize(
    "kinds",
    [("level1", "level2", "name", "target", "weight"), ("level1", "level2", "name", "target")],
)
@pytest.mark.parametrize("target", ["持续发挥作用", "充分发挥效益", "达到预期", "基本达到预期效果"])
def test_an_expected_outcome_is_a_target_of_its_own(kinds: tuple[str, ...], target: str) -> None:
    # A goal form run together (Hubei's, 成本控制率不超预算水电气消耗下降率…): a qualitative
    # target of an outcome ends its row, and the next row's name starts after it.
    rows = [("社会效益", target, "20"), ("覆盖率", "≥95%", "10"), ("群众满意度", target, "20")]
    body = "效益指标社会效益指标" + "".join(
        "".join({"name": n, "target": t, "weight": w}[k] for k in kinds[2:]) for n, t, w in rows
    )
    walk = walk_body(body, kinds)
    assert [(r.cells["name"], r.cells["target"]) for r in walk.rows] == [(n, t) for n, t, _ in rows]
    assert not walk.left
