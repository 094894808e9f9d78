"""perfscore.importing._spaced_header: a header over two lines, and the columns rows fill."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from perfscore.importing._spaced_header import (
    EXPLANATION,
    Reading,
    column_roles,
    fitted,
    sub_columns,
    unfilled,
    with_explanation,
)

# The two header lines of a Hebei county budget system's 预算项目绩效自评表 (成安县, 2020).
FIRST = ["一级指标", "二级指标", "三级指标", "指标分值", "预期指标值", "单项指标实际完成值",
         "单项指标完成情况", "自评得分"]  # fmt: skip
FIRST_ROLES = ["level1", "level2", "name", "weight", "target", "actual", "other", "points"]
SECOND = ["符号", "单位(文字描述)", "单项指标得分", "权重占比(%)", "单项指标折算得分"]


def test_the_second_line_names_the_parts_of_the_target_and_of_the_score() -> None:
    merged = sub_columns(FIRST, FIRST_ROLES, SECOND)
    # the target's sign and unit stay in its one column; 自评得分 gives way to its parts
    assert merged == [*FIRST[:-1], "单项指标得分", "权重占比(%)", "单项指标折算得分"]
    # only a target's parts: the columns are the first line's
    assert sub_columns(FIRST, FIRST_ROLES, ["符号", "单位(文字描述)"]) == FIRST


def test_a_line_that_names_no_parts_is_no_second_header_line() -> None:
    assert sub_columns(FIRST, FIRST_ROLES, ["产出指标", "数量指标"]) is None  # a row
    assert sub_columns(FIRST, FIRST_ROLES, ["单项指标得分"]) is None  # one word
    assert sub_columns(FIRST, FIRST_ROLES, ["符号", "培训人次"]) is None
    # score parts with no score column above them, a target's with no target
    no_score = ["name", "weight", "target", "actual", "other", "other", "other", "other"]
    assert sub_columns(FIRST, no_score, ["单项指标得分", "权重占比(%)"]) is None
    assert sub_columns(FIRST[:4], FIRST_ROLES[:4], ["符号", "单位"]) is None


def test_an_explanation_column_goes_after_the_name_unless_one_is_there() -> None:
    columns, roles = with_explanation(["三级指标", "分值", "指标值"], ["name", "weight", "target"])
    assert columns == ["三级指标", EXPLANATION, "分值", "指标值"]
    assert roles == ["name", "explain", "weight", "target"]
    kept = (["三级指标", "指标解释", "指标值"], ["name", "other", "target"])
    assert with_explanation(*kept) == (list(kept[0]), list(kept[1]))
    assert with_explanation(["分值"], ["weight"]) == (["分值"], ["weight"])


def test_a_number_column_no_row_fills_beside_one_of_its_kind_is_left_out() -> None:
    roles = ["name", "weight", "target", "points", "weight"]
    assert unfilled(roles, [{0, 2, 3, 4}, {0, 2, 4}]) == [1]
    assert unfilled(roles, [{0, 1, 2, 3}, {0, 2, 3}]) == [4]
    # the only weight column, empty on every row, is the form's: kept
    assert unfilled(["name", "weight", "target"], [{0, 2}]) == []
    assert unfilled(roles, []) == []


@given(
    st.lists(st.sampled_from(["name", "weight", "points", "target", "other"]), max_size=8),
    st.data(),
)
def test_no_column_a_row_fills_is_ever_left_out(roles: list[str], data: st.DataObject) -> None:
    columns = st.sets(st.integers(0, len(roles) - 1)) if roles else st.just(set[int]())
    rows = data.draw(st.lists(columns, max_size=4))
    dropped = unfilled(roles, rows)
    assert not set(dropped) & set().union(*rows)
    assert all(roles[k] in ("weight", "points") for k in dropped)


def _reader(readings: dict[int, Reading]) -> object:
    def read(roles: Sequence[str]) -> Reading:
        return readings[len(roles)]

    return read


def test_the_explanation_reading_is_kept_where_it_reads_better_and_every_row_fills_it() -> None:
    columns, roles = (
        ["三级指标", "指标分值", "指标值", "得分"],
        ["name", "weight", "target", "points"],
    )
    plain: Reading = ([[(0, 2), (2, 2), (2, 3), (3, 4)], [(4, 6), (6, 6), (6, 7), (7, 8)]], 1.0)
    wider: Reading = (
        [[(0, 1), (1, 2), (2, 2), (2, 3), (3, 4)], [(4, 5), (5, 6), (6, 6), (6, 7), (7, 8)]],
        3.0,
    )
    read = _reader({4: plain, 5: wider})
    got_columns, got_roles, spans, notes = fitted(read, columns, roles)  # type: ignore[arg-type]
    # the explanation kept, 指标分值 (no row fills it, and no other weight column) kept too
    assert got_columns == ["三级指标", EXPLANATION, "指标分值", "指标值", "得分"]
    assert got_roles[1] == "explain"
    assert spans == wider[0]
    assert len(notes) == 1
    assert EXPLANATION in notes[0]
    # read no better, or a row without it: the header as printed
    for worse in ((wider[0], 1.0), ([wider[0][0], [(4, 6), (6, 6), *wider[0][1][2:]]], 3.0)):
        got = fitted(_reader({4: plain, 5: worse}), columns, roles)  # type: ignore[arg-type]
        assert got == (columns, roles, plain[0], [])


def test_no_explanation_is_looked_for_where_names_are_one_token() -> None:
    columns, roles = ["三级指标", "指标值", "得分"], ["name", "target", "points"]
    plain: Reading = ([[(0, 1), (1, 2), (2, 3)], [(3, 4), (4, 5), (5, 6)]], 2.0)
    # the reader knows only the header as printed: a second reading would raise KeyError
    got = fitted(_reader({3: plain}), columns, roles)  # type: ignore[arg-type]
    assert got == (columns, roles, plain[0], [])


def test_a_columns_role_by_its_header_word() -> None:
    # the Hunan whole-unit form's 指标值类型 (定量/定性) is its 指标性质, not its 指标值
    hunan = ["一级指标", "二级指标", "三级指标", "指标值类型", "*指标值", "计量单位"]
    assert column_roles(hunan) == ["level1", "level2", "name", "op", "target", "unit"]
    assert column_roles(["绩效指标", "一级指标", "三级指标", "年度指标值", "实际完成值"]) == [
        "side", "level1", "name", "target", "actual",
    ]  # fmt: skip
    # 折算得分 is a number column of its own, never the row's 得分
    assert column_roles(["单项指标得分", "权重占比(%)", "单项指标折算得分"]) == [
        "points", "weight", "scaled",
    ]  # fmt: skip
