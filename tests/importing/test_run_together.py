"""perfscore.importing._run_together: cells run together, split only at the form's own words."""

from __future__ import annotations

from hypothesis import given, settings

from perfscore.importing._run_together import read_run_together, split_header
from perfscore.importing._sources import read_text
from tests.importing.test_text_forms import HEADER, Row, Rows, forms, merged


def run_together(rows: Rows) -> str:
    """Each row's cells with nothing between them but the one space before its 分值."""
    lines = ["".join(r[:4]) + " " + r[4] for r in rows]
    return "\n".join(["2021年项目绩效目标表", "".join(HEADER), *lines])


@settings(max_examples=60, deadline=None)
@given(forms())
def test_a_form_run_together_splits_back_to_its_cells(rows: list[Row]) -> None:
    for shown in (rows, merged(rows)):
        source = read_text(run_together(shown))
        assert [r.cells for r in source.rows if not r.prose] == [HEADER, *shown]
        split = [f for f in source.findings if f.kind == "fused-cells"]
        assert len(split) == len(shown)  # every row split is a finding


def test_a_self_evaluation_row_by_row() -> None:
    text = "\n".join(
        [
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",  # apart by single spaces
            "产出指标 数量指标 补贴发放人数 ≥1200人 1260人 20 20",
            "时效指标发放及时率 100% 98% 20 19.6",
            "合计100",
            "备注 有 空格 的 一行 太多 的 格子 了",
            "填表人：张三",
        ]
    )
    source = read_text(text)
    assert [(r.prose, r.cells) for r in source.rows] == [
        (False, ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")),
        (False, ("产出指标", "数量指标", "补贴发放人数", "≥1200人", "1260人", "20", "20")),
        (False, ("", "时效指标", "发放及时率", "100%", "98%", "20", "19.6")),
        (False, ("合计", "100", "", "", "", "", "")),
        (True, ("备注 有 空格 的 一行 太多 的 格子 了",)),
        (True, ("填表人：张三",)),
    ]
    kinds = [(f.kind, f.where.line) for f in source.findings]
    assert kinds == [("source", 1), ("fused-cells", 3), ("fused-cells", 4), ("unplaced", 5)]


def test_only_whole_headers_split() -> None:
    assert split_header("一級指標二級指標三級指標指標值") == (
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
    )
    assert split_header("优良中差") is None  # no indicator column
    assert split_header("一级指标  二级指标  三级指标") is None  # aligned columns: not run together
    assert split_header("三级指标指标值分值合计") is None
    assert read_run_together(["培训人次≥500"]) is None


def test_a_table_with_no_space_at_all_is_read_piece_by_piece() -> None:
    # As a Word table's text comes out of a converter: every cell run together, a label
    # (绩效指标) merged down the rows before the header, 指标内容 the indicator's column, a
    # qualitative target (稳步提高) ending its row, and a satisfaction level printed once over
    # both levels, its text wrapped onto the line above.
    source = read_text(
        "绩效指标一级指标二级指标指标内容指标值\n"
        "产出指标数量指标农村学校改造覆盖率100%\n"
        "质量指标校舍维修改造质量合格率100%\n"
        "效益指标可持续影响指标均衡发展情况稳步提高\n"
        "社会公众或服务对象满意度指标学生家长满意度≥90%"
    )
    assert [r.cells for r in source.rows if not r.prose] == [
        ("一级指标", "二级指标", "三级指标", "年度指标值"),
        ("产出指标", "数量指标", "农村学校改造覆盖率", "100%"),
        ("", "质量指标", "校舍维修改造质量合格率", "100%"),
        ("效益指标", "可持续影响指标", "均衡发展情况", "稳步提高"),
        ("社会公众或服务对象满意度指标", "社会公众或服务对象满意度指标", "学生家长满意度", "≥90%"),
    ]
    assert [f.kind for f in source.findings] == [
        "source", *["fused-cells"] * 4, "placement", "placement",
    ]  # fmt: skip


def test_a_sign_in_brackets_is_the_names_and_a_blank_remark_column_is_whole() -> None:
    # The shape of a 2018 Hunan goal form copied as words apart by spaces: the form's own
    # placeholders (≥**%) stay in the name, and 备注 may be blank.
    source = read_text(
        "绩效指标 一级指标 二级指标 三级指标 指标值 备注\n"
        "产出指标 时效指标 按期完成率(≥**%) >=95%\n"
        "质量指标 *建设质量达标率100% >=98%"
    )
    assert [r.cells for r in source.rows if not r.prose] == [
        ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "备注"),
        ("", "产出指标", "时效指标", "按期完成率(≥**%)", ">=95%", ""),
        ("", "", "质量指标", "*建设质量达标率100%", ">=98%", ""),
    ]


def test_a_space_where_a_cells_text_wrapped_is_dropped_when_no_header_reads_without() -> None:
    # A copy of a .docx running its cells together keeps a space where a cell's text wrapped
    # in the printed table (一级 指标, 库存数量真 实率): no header reads until they are dropped.
    lines = [
        "绩 效 指 标一级 指标二级 指标三级指标年度指标 值全年 完成值",
        "产出指标数量指标储备到位率100%100%库存数量真 实率100%100%",
    ]
    source = read_run_together(lines)
    assert source is not None
    assert "wrapped" in source.findings[0].action
    rows = [r.cells for r in source.rows if not r.prose]
    assert rows[0] == ("一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值")
    assert [r[2:] for r in rows[1:]] == [
        ("储备到位率", "100%", "100%"),
        ("库存数量真实率", "100%", "100%"),
    ]
    # a text whose header reads as it is keeps its spaces (they may part cells)
    header, row = "一级指标二级指标三级指标指标值分值", "产出指标数量指标培训人次≥500人次 10"
    kept = read_run_together([header, row])
    assert kept is not None
    assert not [f for f in kept.findings if "wrapped" in f.action]
    assert ("产出指标", "数量指标", "培训人次", "≥500人次", "10") in [r.cells for r in kept.rows]


def test_a_comparison_printed_apart_from_its_figure_starts_the_target() -> None:
    # Cells apart by spaces but the name and the target run together, the sign printed apart
    # from its figure (培训人次≥ 500人次, 培训人次 ＝ 8个): the sign goes with the figure, never
    # ends the name's cell nor stands as a cell of its own.
    source = read_text(
        "一级指标 二级指标 三级指标 指标值 分值\n"
        "产出指标数量指标培训人次≥ 500人次 10\n"
        "质量指标验收合格率 ＝ 100% 10"
    )
    assert [r.cells for r in source.rows if not r.prose][1:] == [
        ("产出指标", "数量指标", "培训人次", "≥ 500人次", "10"),
        ("", "质量指标", "验收合格率", "＝ 100%", "10"),
    ]


def test_a_space_after_a_comparison_separates_no_cells() -> None:
    # Every cell run together, the only space the one inside a target (= 8个): the text is
    # read piece by piece, 分值 and all, as if it had none.
    source = read_text(
        "2018年度项目支出绩效目标表\n一级指标二级指标三级指标分值指标值\n"
        "产出指标数量指标培训人次100= 8个"
    )
    assert [r.cells for r in source.rows if not r.prose][-1] == (
        "产出指标",
        "数量指标",
        "培训人次",
        "100",
        "= 8个",
    )
