"""perfscore.importing._cell_grid: cells in reading order put back into rows under a header."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore.importing._cell_grid import Cell, regroup
from perfscore.importing._text_forms import read_text_forms
from perfscore.tables._findings import Severity


def one_a_line(*texts: str) -> list[Cell]:
    return [(text, k, False) for k, text in enumerate(texts, start=1)]


def table(cells: list[Cell], form: str = "one cell per line") -> list[tuple[str, ...]]:
    read = regroup(cells, form)
    assert read is not None
    return [row.cells for row in read.rows if not row.prose]


def test_cells_without_a_header_of_the_forms_are_no_table() -> None:
    assert regroup(one_a_line("项目名称", "某项目", "培训人次", "≥500人次"), "x") is None


def test_rows_start_where_their_first_cell_says_and_each_short_row_is_a_finding() -> None:
    cells = one_a_line(
        *("一级指标", "二级指标", "三级指标", "指标值"),
        *("产出指标", "数量指标", "培训人次", "≥500人次"),
        *("合格率", "≥95%"),
        *("时效指标", "完成时间", "2021年12月"),
    )
    assert table(cells)[1:] == [
        ("产出指标", "数量指标", "培训人次", "≥500人次"),
        ("", "", "合格率", "≥95%"),
        ("", "时效指标", "完成时间", "2021年12月"),
    ]
    read = regroup(cells, "one cell per line")
    assert read is not None
    assert read.findings[0].action == "read as one cell per line: 3 rows of 4 columns"
    short = [(f.where.line, f.text) for f in read.findings if "fewer cells" in f.action]
    assert short == [(9, "合格率"), (11, "时效指标")]


def test_the_cells_above_the_header_are_rows_to_each_marked_end() -> None:
    cells: list[Cell] = [
        ("项目名称", 1, False),
        ("某项目", 1, True),
        ("三级指标", 2, False),
        ("指标值", 2, False),
        ("分值", 2, True),
        ("培训人次", 3, False),
        ("≥500人次", 3, False),
        ("10", 3, True),
    ]
    assert table(cells, "pipe cells") == [
        ("项目名称", "某项目"),
        ("三级指标", "指标值", "分值"),
        ("培训人次", "≥500人次", "10"),
    ]


SELF_EVALUATION = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
REMARK = "偏差原因分析及改进措施"


def test_a_row_never_starts_with_a_value_so_a_remark_left_out_moves_the_name_back() -> None:
    # Lingling's 2021 自评表 copied from a browser: one row's empty remark is left out (no line of
    # a space), so the next row's name would be read as that remark and the row after would
    # start with its target. A row never starts with a value: the name goes back to its row.
    cells = one_a_line(
        *SELF_EVALUATION, REMARK,
        *("产出指标", "数量指标", "病虫害防治面积", "3.45万亩", "3.45万亩", "7", "7"),
        *("森林经营面积", "16.3万亩", "16.3万亩", "7", "7", ""),
    )  # fmt: skip
    assert table(cells)[1:] == [
        ("产出指标", "数量指标", "病虫害防治面积", "3.45万亩", "3.45万亩", "7", "7", ""),
        ("", "", "森林经营面积", "16.3万亩", "16.3万亩", "7", "7", ""),
    ]
    read = regroup(cells, "one cell per line")
    assert read is not None
    moved = [f for f in read.findings if f.kind == "placement"]
    assert [(f.where.line, f.text) for f in moved] == [(16, "森林经营面积")]
    assert "'16.3万亩'" in moved[0].action


def test_a_remark_followed_by_a_name_stays_the_remark() -> None:
    cells = one_a_line(
        *SELF_EVALUATION, REMARK,
        *("产出指标", "数量指标", "造林面积", "1.2万亩", "1.1万亩", "10", "9", "雨季推迟"),
        *("造林成活率", "85%", "85%", "7", "7", ""),
    )  # fmt: skip
    assert table(cells)[1:] == [
        ("产出指标", "数量指标", "造林面积", "1.2万亩", "1.1万亩", "10", "9", "雨季推迟"),
        ("", "", "造林成活率", "85%", "85%", "7", "7", ""),
    ]
    # A name may start with a number: words after it make it no value.
    cells = one_a_line(
        *SELF_EVALUATION, REMARK,
        *("产出指标", "数量指标", "光缆铺设", "≥20公里", "21公里", "10", "10", "提前完工"),
        *("5G基站建设数量", "≥30个", "32个", "10", "10", ""),
    )  # fmt: skip
    assert table(cells)[-1] == ("", "", "5G基站建设数量", "≥30个", "32个", "10", "10", "")


def test_a_row_no_rule_places_is_a_finding_to_act_on_naming_it() -> None:
    # The remark left out before a row whose target is a word, not a value: nothing tells the
    # name from a remark, so the row reads 显著 | 显著 …; the finding names it and the remark.
    cells = one_a_line(
        *SELF_EVALUATION, REMARK,
        *("效益指标", "社会效益指标", "林产品收入", "2.6亿元", "2.45亿元", "6", "5"),
        *("提高就业率", "显著", "显著", "6", "6", ""),
    )  # fmt: skip
    read = regroup(cells, "one cell per line")
    assert read is not None
    unfit = [f for f in read.findings if "do not fit" in f.action]
    assert [f.text for f in unfit] == ["提高就业率 | 显著 | 显著 | 6 | 6"]
    assert unfit[0].severity is Severity.ERROR
    assert "'提高就业率'" in unfit[0].action


@pytest.mark.parametrize("word", ["定量", "定性", "正向指标"])
def test_a_row_whose_name_falls_on_a_nature_or_direction_word_is_a_finding(word: str) -> None:
    # The 一级 and the 三级 left out: the 指标值类型 falls in the name's column, and no rule
    # tells which cell is missing: to act on.
    header = ("一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位")
    cells = one_a_line(
        *header,
        *("产出指标", "数量指标", "工作支出安排金额", "定量", "28.8", "万元"),
        *("产出指标", "质量指标", word, "100", "%"),
    )  # fmt: skip
    read = regroup(cells, "one cell per line")
    assert read is not None
    unfit = [f for f in read.findings if "do not fit" in f.action]
    assert len(unfit) == 1
    assert "质量指标" in unfit[0].text
    assert unfit[0].severity is Severity.ERROR


@pytest.mark.parametrize("word", ["定量", "定性", "正向指标"])
def test_a_cost_row_whose_level_name_is_its_name_reads_by_the_one_rule(word: str) -> None:
    # The Hunan whole-unit form (the 2019 levels) whose 成本指标 row's 三级指标 is the 2021
    # template's level name, its merged 一级 cell left out: 成本指标 | 社会成本指标 | 定量 …
    # is the 二级 成本指标 and its 三级 社会成本指标 (no 三级 follows the level name); the
    # layout says so.
    header = ("一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位")
    cells = one_a_line(
        *header,
        *("产出指标", "数量指标", "工作支出安排金额", "定量", "28.8", "万元"),
        *("成本指标", "社会成本指标", word, "100", "%"),
    )  # fmt: skip
    read = regroup(cells, "one cell per line")
    assert read is not None
    assert table(cells)[-1] == ("", "成本指标", "社会成本指标", word, "100", "%")
    assert not [f for f in read.findings if "do not fit" in f.action]


def test_a_cost_level_over_its_2021_second_level_starts_its_row_in_the_first_level() -> None:
    # The 2021 forms: 成本指标 · 经济成本指标 · 项目建设成本, the row's cells from the 一级 on;
    # the 2019 forms' 成本指标 over its indicators (a name after it) in the 二级.
    header = ("一级指标", "二级指标", "三级指标", "指标值", "分值")
    cells = one_a_line(
        *header,
        *("成本指标", "经济成本指标", "项目建设成本", "≤65万元", "10"),
        *("产出指标", "数量指标", "晾晒房", "1座", "10"),
        *("成本指标", "单位造价", "≤3000元/平方米", "10"),
    )  # fmt: skip
    rows = table(cells)
    assert rows[1] == ("成本指标", "经济成本指标", "项目建设成本", "≤65万元", "10")
    assert rows[3] == ("", "成本指标", "单位造价", "≤3000元/平方米", "10")


def test_a_row_whose_score_is_a_word_or_missing_under_a_remark_is_a_finding_naming_it() -> None:
    # Found by the targets fuzzer: the remark left out before a row whose target is a word
    # (持续发挥作用): the row's name is read as the remark above and the row reads one column
    # to the left, its remark in 得分 (or, its own remark empty, no 得分 at all). Nothing tells
    # a name from a remark, so the finding names the remark: it may be the row's name.
    for remark in ("资金未及时拨付", ""):
        cells = one_a_line(
            *SELF_EVALUATION, REMARK,
            *("满意度指标", "服务对象满意度指标", "改善人居环境", "2023年5月前", "已完成"),
            *("10", "0", "指标5:道路养护里程", "持续发挥作用", "已完成", "17", "15.3"),
            *([remark] if remark else []),
        )  # fmt: skip
        read = regroup(cells, "one cell per line")
        assert read is not None
        unfit = [f for f in read.findings if "do not fit" in f.action]
        assert len(unfit) == 1, remark
        assert "'指标5:道路养护里程'" in unfit[0].action
        assert unfit[0].severity is Severity.ERROR


def test_a_second_projects_block_reads_its_labels_and_header_as_the_firsts() -> None:
    # Found by the targets fuzzer: a form of two projects copied as pipe cells read the second
    # block's 项目名称 and header as indicator rows, its one row silently lost.
    cells: list[Cell] = []
    for line, texts in enumerate(
        [
            ("项目名称", "农村人居环境整治项目"),
            ("一级指标", "二级指标", "三级指标", "分值", "指标值"),
            ("产出指标", "数量指标", "培训人次", "100", "≥1%"),
            ("项目名称", "义务教育营养改善计划"),
            ("一级指标", "二级指标", "三级指标", "分值", "指标值"),
            ("产出指标", "数量指标", "资金拨付及时率", "100", "≥1%"),
        ],
        start=1,
    ):
        cells += [(text, line, k == len(texts) - 1) for k, text in enumerate(texts)]
    header = ("一级指标", "二级指标", "三级指标", "分值", "指标值")
    assert table(cells, "pipe cells") == [
        ("项目名称", "农村人居环境整治项目"),
        header,
        ("产出指标", "数量指标", "培训人次", "100", "≥1%"),
        ("项目名称", "义务教育营养改善计划"),
        header,
        ("产出指标", "数量指标", "资金拨付及时率", "100", "≥1%"),
    ]


def test_a_pages_end_inside_the_rows_is_left_out_and_the_next_block_keeps_its_header() -> None:
    # Found by the targets fuzzer: a browser's copy of a goal form whose page ends inside the
    # first project's rows (- 2 -, then the header again, without the 绩效指标 down the side
    # whose merged cell covers it). The header again hid the second project's block, whose
    # labels and rows were read as the first's cells, its rows' levels lost in silence.
    cells = one_a_line(
        *("项目名称", "农村人居环境整治项目", "主管部门", "某县农业农村局"),
        *("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"),
        *("产出指标", "数量指标", "服务对象满意度", "持续发挥作用"),
        *("质量指标", "群众就医便利程度", "≥80%"),
        "- 2 -",
        *("一级指标", "二级指标", "三级指标", "年度指标值"),
        *("效益指标", "社会效益指标", "带动农户增收", "≥95%"),
        *("项目名称", "义务教育营养改善计划"),
        *("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值"),
        *("产出指标", "数量指标", "项目完工时间", "2020年3月前"),
        "第2页",
        *("时效指标", "补助发放准确率", ">230亩"),
    )
    header = ("一级指标", "二级指标", "三级指标", "年度指标值")
    assert table(cells) == [  # the labels above each header are prose (a cell a line)
        header,
        ("产出指标", "数量指标", "服务对象满意度", "持续发挥作用"),
        ("", "质量指标", "群众就医便利程度", "≥80%"),
        ("效益指标", "社会效益指标", "带动农户增收", "≥95%"),
        header,
        ("产出指标", "数量指标", "项目完工时间", "2020年3月前"),
        ("", "时效指标", "补助发放准确率", ">230亩"),
    ]
    read = regroup(cells, "one cell per line")
    assert read is not None
    pages = [(f.where.line, f.text) for f in read.findings if "page's end" in f.action]
    assert pages == [(17, "- 2 - 一级指标 二级指标 三级指标 年度指标值"), (37, "第2页")]


def test_a_number_before_the_header_again_is_a_pages_the_cell_before_it_no_part_of_it() -> None:
    # Found by the targets fuzzer: pipe cells whose page ends after a row ending in its 分值
    # (14), the page's number (2) on a line of its own: 14 and 2 were read as one number.
    text = "\n".join(
        [
            "项目名称 | 高标准农田建设 | | | | |",
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 | |",
            "产出指标(50分) | 成本指标 | 安全事故发生率 | 2023年12月前 | 14 | |",
            "2 | | | | | |",
            "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 | |",
            "效益指标(30分) | 经济效益指标 | 义务教育巩固率 | 显著提升 | 47 | |",
            "生态效益指标 | 带动农户增收 | ≥1人次 | 39 | | |",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    assert [row.cells for row in source.rows if not row.prose][2:] == [
        ("产出指标(50分)", "成本指标", "安全事故发生率", "2023年12月前", "14"),
        ("效益指标(30分)", "经济效益指标", "义务教育巩固率", "显著提升", "47"),
        ("", "生态效益指标", "带动农户增收", "≥1人次", "39"),
    ]


def test_a_levels_points_under_it_stay_with_it_a_lost_bracket_too() -> None:
    cells = one_a_line(
        *SELF_EVALUATION,
        *("效益指标", "30分)", "经济效益指标", "木材销售收入", "1100万元", "1093万元", "6", "5"),
    )
    assert table(cells)[1] == (
        "效益指标30分)", "经济效益指标", "木材销售收入", "1100万元", "1093万元", "6", "5"
    )  # fmt: skip


@pytest.mark.parametrize("points", ["(0-20)分", "（40～50分）", "(30分"])
def test_a_levels_points_as_a_range_under_it_stay_with_it(points: str) -> None:
    # the forms' one pattern of a level's points (a range, as a Chongqing goal form prints
    # them) or a bracket the copy lost: the points are the level's, never a row's first cell
    cells = one_a_line(
        *SELF_EVALUATION,
        *("成本指标", points, "经济成本指标", "项目建设成本", "≤65万元", "60万元", "10", "10"),
    )
    assert table(cells)[1] == (
        f"成本指标{points}", "经济成本指标", "项目建设成本", "≤65万元", "60万元", "10", "10"
    )  # fmt: skip


LEVELS = {("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标")}


@st.composite
def self_evaluations(draw: st.DrawFn) -> list[tuple[str, ...]]:
    """A 自评表's rows, every cell written, the remark often empty."""
    names = st.text(alphabet="培训人次格率覆盖完成及时投入资金项目", min_size=2, max_size=8)
    values = st.builds(
        lambda op, n, unit: f"{op}{n}{unit}",
        st.sampled_from(["", "≥", "≤"]),
        st.integers(1, 999),
        st.sampled_from(["%", "人次", "万亩"]),
    )
    remarks = st.sampled_from(["", "", "资料补报", "雨季推迟"])
    rows: list[tuple[str, ...]] = []
    for level1, level2 in draw(
        st.lists(st.sampled_from(sorted(LEVELS)), min_size=1, max_size=4, unique=True)
    ):
        for _ in range(draw(st.integers(1, 3))):
            weight = str(draw(st.integers(1, 20)))
            row = (level1, level2, draw(names), draw(values), draw(values), weight, weight)
            rows.append((*row, draw(remarks)))
    return rows


@settings(max_examples=80, deadline=None)
@given(self_evaluations())
def test_a_copy_that_leaves_every_empty_cell_out_reads_back(rows: list[tuple[str, ...]]) -> None:
    # A copy without blank lines between cells cannot write an empty cell: each empty remark
    # is left out, and each merged level after its first row.
    shown = []
    for k, row in enumerate(rows):
        above = rows[k - 1] if k else ("", "")
        shown.append(("" if row[0] == above[0] else row[0],
                      "" if row[:2] == above[:2] else row[1], *row[2:]))  # fmt: skip
    texts = [*SELF_EVALUATION, REMARK, *(c for r in shown for c in r if c)]
    assert table(one_a_line(*texts))[1:] == shown


def test_only_a_word_that_is_no_nature_spreads_over_the_target_columns() -> None:
    # A browser copy of a 2020 Yunnan 自评表: a qualitative target printed over 指标性质 · 指标值 ·
    # 度量单位 goes to 指标值; a comparison, a blank cell (a line of a space) and a direction
    # where the 指标性质 goes stay there.
    header = ("三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分")
    rows = [
        ("政策知晓率", "≥", "95", "%", "98%", "10", "10"),
        ("培训人次", "", "500", "人次", "520", "10", "10"),
        ("就业率", "正向", "90", "%", "92%", "10", "10"),
    ]
    qualitative = ("减轻家庭经济负担", "有效", "有效", "10", "10")
    texts = [*header, *(c or " " for r in rows for c in r), *qualitative]
    read = regroup([(t, k, False) for k, t in enumerate(texts, 1)], "one cell per line")
    assert read is not None
    got = [r.cells for r in read.rows if not r.prose]
    assert got[1:] == [*rows, ("减轻家庭经济负担", "", "有效", "", "有效", "10", "10")]
    assert [f.text for f in read.findings if f.kind == "placement"] == ["有效"]
