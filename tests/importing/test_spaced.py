"""perfscore.importing._spaced: cells apart by single spaces, each placed by what it is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore.importing import import_table
from perfscore.importing._sources import read_text
from perfscore.importing._spaced import read_spaced
from perfscore.notation import parse_target
from perfscore.tables import Severity, TargetsTable
from tests.importing.test_text_forms import HEADER, Row, forms, merged

# The shape of a 2022 Anhui township self-evaluation as its Word file's text came: the whole
# form on one line, cells apart by single spaces, the cells of merged levels left out.
FLAT = (
    "附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-某镇人民政府 "
    "实施单位 219001-某镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 "
    "得分 年度资金总额: 90 90 89.974 10 99.97% 10 其中:本年财政拨款 90 89.974 89.974 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "产出指标(50分) 数量指标 委托业务项目数量 ≥50个 50 8 8 质量指标 报告合格率 ≥100百分比 100 8 8 "
    "经费支出合规性 严格执行相关制度规定 达成预期指标 8 6 制度执行不到位 成本指标 项目总成本 "
    "≤90万元 90 8 8 效益指标(30分) 社会效益指标 对市场公平的影响程度 效果明显 达成预期指标 10 10"
)


def rows_of(text: str) -> list[tuple[str, ...]]:
    source = read_spaced(text.splitlines())
    assert source is not None
    return [r.cells for r in source.rows if not r.prose]


def test_a_form_flattened_onto_one_line() -> None:
    rows = rows_of(FLAT)
    assert rows[:5] == [
        ("项目名称", "委托业务项目"),
        ("主管部门", "219-某镇人民政府"),
        ("实施单位", "219001-某镇人民政府"),
        ("项目资金 (万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        ("年度资金总额", "90", "90", "89.974", "10", "99.97%", "10"),
    ]
    header = rows.index(
        (
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        )
    )
    assert rows[header + 1 :] == [
        ("", "产出指标(50分)", "数量指标", "委托业务项目数量", "≥50个", "50", "8", "8", ""),
        ("", "", "质量指标", "报告合格率", "≥100百分比", "100", "8", "8", ""),
        ("", "", "", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", "8", "6",
         "制度执行不到位"),
        ("", "", "成本指标", "项目总成本", "≤90万元", "90", "8", "8", ""),
        ("", "效益指标(30分)", "社会效益指标", "对市场公平的影响程度", "效果明显", "达成预期指标",
         "10", "10", ""),
    ]  # fmt: skip


def test_every_row_placed_is_a_finding_to_check_where_a_row_ended_inside_a_line() -> None:
    source = read_spaced([FLAT])
    assert source is not None
    placed = [f for f in source.findings if f.kind == "placement"]
    assert len(placed) == 5
    assert all(f.severity is Severity.WARNING for f in placed)  # each row's end was chosen
    assert "达成预期指标 8 6 制度执行不到位" in placed[2].text
    assert source.findings[0].kind == "source"


def test_the_flattened_form_imports_with_its_budget_and_results() -> None:
    imported = import_table(FLAT + "\n", name="flat")  # text, not a path
    assert isinstance(imported.table, TargetsTable)
    project = imported.table.projects[0]
    assert project.name == "委托业务项目"
    assert [i.name for i in project.indicators] == [
        "委托业务项目数量", "报告合格率", "经费支出合规性", "项目总成本", "对市场公平的影响程度",
    ]  # fmt: skip
    assert [i.weight for i in project.indicators] == [8, 8, 8, 8, 10]
    results = {r["id"]: r["points"] for r in imported.results}
    assert [results["1.budget"], results["1.1"], results["1.3"]] == ["10", "8", "6"]
    assert project.budget is not None
    assert project.budget.spent == 89.974
    assert imported.table.year == 2022


# A goal form as a page gave it (Inner Mongolia, 2021): a row a line, 指标性质 holding the
# direction and 指标方向 the comparison, a blank 计量单位 left out.
GOAL = """\
项目名称 再生资源回收市场管理经费
主管部门 (433)乌海市供销合作社联合社(部门)
一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 备注
产出指标 数量指标 出差人数 正向 = 8 4
产出指标 数量指标 出差人次 正向 = 24 人/次 4
产出指标 成本指标 出差总成本 反向 = 1 万元 4
注:分值合计90分"""


def test_a_row_a_line_with_a_cell_left_out_and_the_direction_columns_swapped() -> None:
    source = read_spaced(GOAL.splitlines())
    assert source is not None
    rows = [r.cells for r in source.rows if not r.prose]
    assert rows[3:] == [
        ("产出指标", "数量指标", "出差人数", "=", "正向", "8", "", "4", ""),
        ("产出指标", "数量指标", "出差人次", "=", "正向", "24", "人/次", "4", ""),
        ("产出指标", "成本指标", "出差总成本", "=", "反向", "1", "万元", "4", ""),
    ]
    placed = [f for f in source.findings if f.kind == "placement"]
    # Each is a choice (a blank cell inside the row, and the swap), to check.
    assert [f.severity for f in placed] == [Severity.WARNING] * 3
    assert "swapped" in placed[1].action
    assert source.rows[-1].prose
    assert source.rows[-1].cells == ("注:分值合计90分",)


def test_a_row_by_position_is_for_the_record() -> None:
    text = "一级指标 二级指标 三级指标 指标值 分值\n产出指标 数量指标 培训人次 ≥500人次 10"
    source = read_spaced(text.splitlines())
    assert source is not None
    (placed,) = [f for f in source.findings if f.kind == "placement"]
    assert placed.severity is Severity.NOTE


def test_a_row_that_does_not_read_is_kept_to_act_on_and_a_total_ends_the_table() -> None:
    text = "\n".join(
        [
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
            "产出指标 数量指标 补贴发放人数 ≥1200人 1260人 20 20",
            "满意度指标(10分) 满意度指标 公众满",  # cut off in the copy
            "总分 100 92 优",
            "填表人: 张三",
        ]
    )
    source = read_spaced(text.splitlines())
    assert source is not None
    assert [(r.prose, r.cells) for r in source.rows[1:]] == [
        (False, ("产出指标", "数量指标", "补贴发放人数", "≥1200人", "1260人", "20", "20")),
        (True, ("满意度指标(10分) 满意度指标 公众满",)),
        (False, ("总分", "100", "92", "优", "", "", "")),
        (True, ("填表人: 张三",)),
    ]
    (unplaced,) = [f for f in source.findings if f.kind == "unplaced"]
    assert unplaced.severity is Severity.ERROR
    assert unplaced.where.line == 3


def test_cells_run_together_stay_with_their_reader() -> None:
    text = "一级指标 二级指标 三级指标 指标值 分值\n产出指标数量指标培训人次≥500人次 10"
    source = read_text(text)
    assert any(f.kind == "fused-cells" for f in source.findings)
    assert read_spaced(["培训人次 ≥500人次 10"]) is None  # no header: neither form


@settings(max_examples=40, deadline=None)
@given(forms(), st.booleans())
def test_a_form_flattened_reads_back_to_its_cells(rows: list[Row], web: bool) -> None:
    shown = merged(rows) if web else rows
    flat = " ".join(" ".join(c for c in [*HEADER, *(c for r in shown for c in r)] if c).split())
    assert rows_of("2021年项目绩效目标表 " + flat) == [HEADER, *shown]
    lines = "\n".join(" ".join(c for c in r if c) for r in [HEADER, *shown])
    assert rows_of(lines) == [HEADER, *shown]


def test_words_wrapped_onto_lines_of_their_own_and_lines_of_dashes() -> None:
    # The shape of a 2019 Shandong self-evaluation as a PDF gave it: the header's level words
    # and a level-2 name wrapped over lines, the level-1 cell printing only its points, rows
    # of empty cells written as dashes.
    text = "\n".join(
        [
            "一级",
            "指标",
            "二级",
            "指标",
            "三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因",
            "(50分)",
            "数量指标 全年免费开放 100% 100% 12.5 12.5",
            "-          ",
            "- -",
            "(30分)",
            "经济效益",
            "指标",
            "承担重要公益服务项目 100% 100% 10 10",
            "社会效益",
            "指标",
            "促进基本公共文化服务标准化均等化、",  # cut off in the copy
        ]
    )
    source = read_spaced(text.splitlines())
    assert source is not None
    assert [(r.prose, r.cells) for r in source.rows] == [
        (False, ("一级指标", "二级指标", "三级指标", "预期指标值(A)", "实际完成指标值(B)", "分值",
                 "得分", "未完成原因")),
        (False, ("(50分)", "数量指标", "全年免费开放", "100%", "100%", "12.5", "12.5", "")),
        (False, ("(30分)", "经济效益指标", "承担重要公益服务项目", "100%", "100%", "10", "10", "")),
        (True, ("社会效益指标 促进基本公共文化服务标准化均等化、",)),
    ]  # fmt: skip
    # A level name is never joined into another cell (the last row's name is not a remark).
    kinds = [f.kind for f in source.findings]
    assert kinds == ["source", "placement", "placement", "unplaced"]
    assert all(f.severity is Severity.WARNING for f in source.findings if f.kind == "placement")


_WORDS = st.sampled_from(
    ["产出指标", "数量指标", "质量指标(10分)", "培训人次", "合格率", "≥500人次", "≥ 95%",
     "效果明显", "8", "10", "99.5", "达成预期指标", "(", ")", "-", "合计", "注:无"]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=12), min_size=1, max_size=8))
def test_every_token_is_kept_in_one_cell_or_line(lines: list[list[str]]) -> None:
    # The first row on the header's line: a text only this reader reads (not run together).
    header = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
    text = [header + " ".join(lines[0]), *map(" ".join, lines[1:])]
    source = read_spaced(text)
    assert source is not None
    kept = "".join(c for row in source.rows[1:] for c in row.cells).replace(" ", "")
    # A line of only a number between rows is a page's: left out, a finding quoting it.
    kept += "".join(f.text for f in source.findings if "page's end" in f.action)
    kept = kept.replace(" ", "")
    # A line of only dashes (empty cells) carries nothing; every other character is kept once.
    dashes = [k for k, line in enumerate(lines) if k and set(line) == {"-"}]
    written = "".join(t for k, line in enumerate(lines) if k not in dashes for t in line)
    written = written.replace(" ", "")
    assert sorted(kept) == sorted(written)


def test_a_score_above_its_weight_is_to_check() -> None:
    text = [
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 培训人次 ≥500人次 520人次 8 10",
    ]
    source = read_spaced(text)
    assert source is not None
    (placed,) = [f for f in source.findings if f.kind == "placement"]
    assert placed.severity is Severity.WARNING
    assert "得分 above 分值" in placed.action


def test_a_second_project_after_the_first_total_is_read_too() -> None:
    block = [
        "项目名称 {name} 主管部门 某县教育局",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 {indicator} ≥500人次 520人次 90 90",
        "总分 90 90",
    ]
    first = [line.format(name="培训补贴", indicator="培训人次") for line in block]
    second = [line.format(name="校舍维修", indicator="维修面积") for line in block]
    imported = import_table("\n".join([*first, *second, "填表人: 张三"]), name="two", year=2021)
    assert isinstance(imported.table, TargetsTable)
    projects = imported.table.projects
    assert [(p.name, [i.name for i in p.indicators]) for p in projects] == [
        ("培训补贴", ["培训人次"]),
        ("校舍维修", ["维修面积"]),
    ]


def test_a_level_name_with_its_points_as_a_range_or_apart_is_that_level() -> None:
    # A 2023 Chongqing goal form: the level-1 cell prints its points as a range, after the
    # name (成本指标(0-20)分) or on the next line where the cell wrapped (产出指标 / (40-50)分);
    # a level's points apart from it (产出指标 (50分)) are its points too, not a level of
    # their own the rows would be read under.
    rows = rows_of(
        "年度绩效目标(90分) 一级指标 二级指标 三级指标 指标值 分值 指标解释\n"
        "成本指标(0-20)分 经济成本指标 项目建设成本 ≤65万元 10\n"
        "产出指标\n"
        "(40-50)分\n"
        "数量指标 晾晒房面积 ≥300平方米 20\n"
        "效益指标 (30分) 社会效益指标 带动务工人数 ≥20人 10"
    )
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        ("成本指标(0-20)分", "经济成本指标", "项目建设成本"),
        ("产出指标(40-50)分", "数量指标", "晾晒房面积"),
        ("效益指标 (30分)", "社会效益指标", "带动务工人数"),
    ]


# The shape of a Hebei county budget system's 预算项目绩效自评表 as its PDF's text came (成安县,
# 2020): a header over two lines (符号 and 单位(文字描述) under 预期指标值; 单项指标得分,
# 权重占比(%) and 单项指标折算得分 under 自评得分), each row's explanation of its indicator after
# its name, a 指标分值 column no row fills, the target printed as sign, value and unit.
TWO_LINES = "\n".join(
    [
        "某县残疾人联合会2020年度预算项目绩效自评表",
        "一、基本情况 项目名称: 残疾人两项补贴 是否为专项资金: 实施(主管)单位 314003-某县残联 "
        "金额单位: 万元",
        "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 "
        "单项指标实际完成值 单项指标完成情况 自评得分",
        "符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分",
        "产出指标 数量指标 补贴发放人数 享受补贴的残疾人人数 >= 1200 人 1180人 未完成 "
        "24.00 25.00 6.00",
        "时效指标 发放及时率 按月发放到位的比例 >= 99 %(百分比) 100% 完成 25.00 25.00 6.25",
        "效果指标 社会效益指标 生活水平提高 残疾人生活质量改善情况 有所提高 有所提高 完成 "
        "40.00 40.00 16.00",
        "满意度指标 服务对象满意度指标 受助对象满意度 受助残疾人的满意程度 >= 90 %(百分比) 95% "
        "完成 10.00 10.00 1.00",
        "预算执行率 预算执行率",
    ]
)


def test_a_header_over_two_lines_is_read_as_one() -> None:
    source = read_spaced(TWO_LINES.splitlines())
    assert source is not None
    rows = [r.cells for r in source.rows if not r.prose]
    header = rows.index(
        ("一级指标", "二级指标", "三级指标", "指标解释", "预期指标值", "单项指标实际完成值",
         "单项指标完成情况", "单项指标得分", "权重占比(%)", "单项指标折算得分")
    )  # fmt: skip
    assert rows[header + 1 :] == [
        ("产出指标", "数量指标", "补贴发放人数", "享受补贴的残疾人人数", ">= 1200 人", "1180人",
         "未完成", "24.00", "25.00", "6.00"),
        ("", "时效指标", "发放及时率", "按月发放到位的比例", ">= 99 %(百分比)", "100%", "完成",
         "25.00", "25.00", "6.25"),
        ("效果指标", "社会效益指标", "生活水平提高", "残疾人生活质量改善情况", "有所提高",
         "有所提高", "完成", "40.00", "40.00", "16.00"),
        ("满意度指标", "服务对象满意度指标", "受助对象满意度", "受助残疾人的满意程度",
         ">= 90 %(百分比)", "95%", "完成", "10.00", "10.00", "1.00"),
    ]  # fmt: skip
    # the line after the rows (the budget's 预算执行率, its cells blank) is kept to act on
    unplaced = [f for f in source.findings if f.kind == "unplaced"]
    assert [f.text for f in unplaced] == ["预算执行率 预算执行率"]
    # the header read as one, the explanation column and the 指标分值 left out: each said
    said = " ".join(f.action for f in source.findings if f.kind == "placement")
    assert "a header over two lines" in said
    assert "indicator's explanation" in said
    assert "指标分值 but no row fills it" in said


def test_a_header_over_two_lines_imports_its_weights_and_its_own_scores() -> None:
    imported = import_table(TWO_LINES + "\n", name="two-lines")
    assert isinstance(imported.table, TargetsTable)
    indicators = list(imported.table.indicators())
    assert [i.name for i in indicators] == [
        "补贴发放人数", "发放及时率", "生活水平提高", "受助对象满意度",
    ]  # fmt: skip
    # the target as printed, its sign, value and unit one cell (the ASCII >= reads as ≥)
    assert [i.target for i in indicators] == [
        ">=1200人",
        ">=99%(百分比)",
        "有所提高",
        ">=90%(百分比)",
    ]
    assert [str(parse_target(i.target)) for i in indicators] == [
        "≥1200人",
        "≥99%",
        "有所提高",
        "≥90%",
    ]
    # the weight is 权重占比(%), the 得分 单项指标得分: never the 折算得分 (得分 × 权重占比)
    assert [i.weight for i in indicators] == [25, 25, 40, 10]
    points = {r["id"]: r["points"] for r in imported.results}
    assert [points[i.id] for i in indicators] == ["24.00", "25.00", "40.00", "10.00"]


def test_the_cost_level_is_placed_by_the_one_rule() -> None:
    # 成本指标 before a level name and a 指标性质 (a template's level name as the 三级, its 一级
    # left out): the 二级, the level name its 三级; before its 2021 二级: the 一级.
    text = "\n".join(
        [
            "某中心2023年度整体绩效目标表",
            "一级指标 二级指标 三级指标 指标性质 指标值 计量单位 分值",
            "产出指标 数量指标 业务工作支出安排金额 定量 28.8 万元 40",
            "成本指标 社会成本指标 定量 100 % 30",
            "成本指标 经济成本指标 项目建设成本 定量 65 万元 30",
        ]
    )
    imported = import_table(text, name="x", year=2023, department="某中心")
    table = imported.table
    assert isinstance(table, TargetsTable)
    got = {i.name: (i.levels, i.op, i.target) for i in table.indicators()}
    assert got["社会成本指标"] == (("产出指标", "成本指标"), "定量", "100")
    assert got["项目建设成本"] == (("成本指标", "经济成本指标"), "定量", "65")
    assert any("the 三级指标 is the level name" in f.action for f in imported.findings)


SELF_HEADER = "一级指标 二级指标 三级指标 分值 年度指标值 全年实际值 得分 偏差原因分析及改进措施"


def test_a_pages_number_inside_the_rows_ends_no_table() -> None:
    # Found by the targets fuzzer: a page's number on a line of its own between a project's rows
    # (第2页, or a bare 2 in a text whose rows are lines) ended the table, every row after it
    # read as prose and lost in silence.
    for number in ("第2页", "- 2 -", "2"):
        text = "\n".join(
            [
                "项目名称 农村人居环境整治项目",
                SELF_HEADER,
                "产出指标(50分) 质量指标 成本控制率 11 ≥80% 75% 0 资金未及时拨付",
                number,
                "产出指标(50分) 时效指标 设施正常使用年限 21 < 1.5次 3次 21 资金未及时拨付",
                "项目完成率 5 80% 75% 0",
            ]
        )
        source = read_spaced(text.splitlines())
        assert source is not None
        names = [r.cells[2] for r in source.rows[2:] if not r.prose]
        assert names == ["成本控制率", "设施正常使用年限", "项目完成率"], number
        pages = [f for f in source.findings if "page's end" in f.action]
        assert [(f.where.line, f.text) for f in pages] == [(4, number)]


def test_a_pages_end_inside_a_flattened_table_leaves_out_its_number_and_the_header_again() -> None:
    row = "产出指标(50分) 质量指标 成本控制率 11 ≥80% 75% 0 资金未及时拨付"
    again = f"{row} 第 2 页 {SELF_HEADER} 效益指标(30分) 经济效益指标 培训人次 7 ≥98% 93% 6.3 无"
    source = read_spaced([f"项目名称 农村人居环境整治项目 {SELF_HEADER} {again}"])
    assert source is not None
    assert [r.cells[2] for r in source.rows[2:] if not r.prose] == ["成本控制率", "培训人次"]


def test_a_second_block_with_no_total_before_it_ends_the_first_with_its_labels() -> None:
    # Found by the targets fuzzer: a first project's block with no 总分 line: the second's
    # labels and header were read as the first's rows, and a page's end inside the second
    # block's rows lost the rows after it.
    text = "\n".join(
        [
            "项目名称 道路养护经费",
            "主管部门 某县农业农村局",
            SELF_HEADER,
            "满意度指标(10分) 服务对象满意度指标 垃圾清运量 90 =90% 100% 0 资金未及时拨付",
            "项目名称 农村人居环境整治项目",
            "主管部门 某县农业农村局",
            SELF_HEADER,
            "产出指标(50分) 质量指标 成本控制率 11 ≥80% 75% 0 资金未及时拨付",
            "第2页",
            "效益指标(30分) 经济效益指标 新建村级活动场所 7 ≥98% 93% 6.3 资金未及时拨付",
        ]
    )
    imported = import_table(text, name="two-blocks", year=2018)
    assert isinstance(imported.table, TargetsTable)
    projects = [(p.name, [i.name for i in p.indicators]) for p in imported.table.projects]
    assert projects == [
        ("道路养护经费", ["垃圾清运量"]),
        ("农村人居环境整治项目", ["成本控制率", "新建村级活动场所"]),
    ]


def test_two_blocks_each_under_its_own_header_are_read_as_spaced_cells() -> None:
    # Found by the targets fuzzer: two projects' blocks, each with its 总分 line. The second
    # block's labels and header counted against the reading as spaced cells, so the reading
    # as cells run together won, which lost a row and the levels of the rows after it.
    header = (
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
    )
    text = "\n".join(
        [
            "项目名称 农村人居环境整治项目",
            "实施单位 某市教育局",
            "年度总体目标 按时完成项目建设任务，改善群众生产生活条件",
            header,
            "产出指标(50分) 数量指标 指标1:改善人居环境 ≥80% 75% 49 44.1",
            "质量指标 补助发放准确率 ≥80% 100% 3 0 无",
            "效益指标(30分) 经济效益指标 指标3:生态环境改善 2024年5月前 已完成 23 20.7",
            "社会效益指标 培训人次 ≥98% 98% 10 10 无",
            "总分 100 84.8",
            "项目名称 高标准农田建设",
            "实施单位 某市教育局",
            "年度总体目标 按时完成项目建设任务，改善群众生产生活条件",
            header,
            "产出指标(50分) 数量指标 指标1:群众就医便利程度 ≥230个 0个 7 7 无",
            "质量指标 义务教育巩固率 2018年1月前 2018年1月 1 0",
            "总分 100 17",
        ]
    )
    imported = import_table(text, name="two-blocks", year=2019)
    assert isinstance(imported.table, TargetsTable)
    got = [(i.levels, i.name) for p in imported.table.projects for i in p.indicators]
    assert got == [
        (("产出指标(50分)", "数量指标"), "指标1:改善人居环境"),
        (("产出指标(50分)", "质量指标"), "补助发放准确率"),
        (("效益指标(30分)", "经济效益指标"), "指标3:生态环境改善"),
        (("效益指标(30分)", "社会效益指标"), "培训人次"),
        (("产出指标(50分)", "数量指标"), "指标1:群众就医便利程度"),
        (("产出指标(50分)", "质量指标"), "义务教育巩固率"),
    ]


def test_a_name_that_begins_with_a_blocks_label_ends_no_table() -> None:
    text = (
        f"项目名称 农村人居环境整治项目 {SELF_HEADER} "
        "满意度指标 服务对象满意度指标 实施单位满意度 10 ≥90% 95% 10 无 "
        "主管部门满意度 10 ≥90% 95% 10 无"
    )
    assert [r[2] for r in rows_of(text)[2:]] == ["实施单位满意度", "主管部门满意度"]
