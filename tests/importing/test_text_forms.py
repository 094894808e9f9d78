"""perfscore.importing._text_forms: pipe tables, one cell per line and space-aligned columns."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore.importing import import_table
from perfscore.importing._form_words import display_width
from perfscore.importing._sources import read_text
from perfscore.importing._text_forms import read_text_forms

HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "分值")
LEVELS = {"产出指标": ("数量指标", "质量指标", "时效指标"), "效益指标": ("社会效益指标",)}
LEVELS["满意度指标"] = ("服务对象满意度指标",)

Row = tuple[str, ...]
Rows = Sequence[Row]


@st.composite
def forms(draw: st.DrawFn) -> list[Row]:
    """A goal form's rows, every cell written (the levels on each row)."""
    rows: list[Row] = []
    names = st.text(alphabet="培训人次格率覆盖完成及时投入资金项目", min_size=2, max_size=8)
    targets = st.builds(
        lambda n, unit: f"≥{n}{unit}", st.integers(1, 999), st.sampled_from(["%", "人次", "个"])
    )
    for level1 in draw(st.lists(st.sampled_from(sorted(LEVELS)), min_size=1, max_size=3)):
        for level2 in draw(st.lists(st.sampled_from(LEVELS[level1]), min_size=1, max_size=2)):
            for _ in range(draw(st.integers(1, 3))):
                weight = str(draw(st.integers(1, 30)))
                rows.append((level1, level2, draw(names), draw(targets), weight))
    return rows


def merged(rows: Rows) -> list[Row]:
    """The rows as a page with merged level cells shows them: each level once, blank below."""
    out: list[Row] = []
    for k, row in enumerate(rows):
        above = rows[k - 1] if k else ("", "")
        level1 = "" if row[0] == above[0] else row[0]
        level2 = "" if row[:2] == above[:2] else row[1]
        out.append((level1, level2, *row[2:]))
    return out


def cells(text: str) -> list[Row]:
    source = read_text(text)
    return [row.cells for row in source.rows if not row.prose]


def pipe(rows: Rows) -> str:
    lines = ["| " + " | ".join(r) + " |" for r in [HEADER, *rows]]
    return "\n".join(["2021年项目绩效目标表", lines[0], "|---" * 5 + "|", *lines[1:]])


def one_per_line(rows: Rows) -> str:
    return "\n".join(["2021年项目绩效目标表", *HEADER, *(c for r in rows for c in r if c)])


def aligned(rows: Rows) -> str:
    widths = [max(display_width(r[k]) for r in [HEADER, *rows]) + 3 for k in range(5)]

    def line(row: Row) -> str:
        return "".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True))

    return "\n".join(["    2021年项目绩效目标表", *(line(r).rstrip() for r in [HEADER, *rows])])


@settings(max_examples=60, deadline=None)
@given(forms(), st.booleans())
def test_a_form_reads_back_to_its_cells_from_every_text_form(rows: list[Row], web: bool) -> None:
    shown = merged(rows) if web else rows
    assert cells(pipe(shown)) == [HEADER, *shown]
    assert cells(aligned(shown)) == [HEADER, *shown]
    # A web copy leaves out what a merged cell covered: the reader puts the cells back in place.
    assert cells(one_per_line(shown)) == [HEADER, *shown]


def test_each_form_is_a_finding() -> None:
    rows = [("产出指标", "数量指标", "培训人次", "≥500人次", "10")]
    for render, said in ((pipe, "pipe table"), (one_per_line, "one cell per line")):
        source = read_text_forms(render(rows))
        assert source is not None
        assert source.findings[0].kind == "source"
        assert said in source.findings[0].action
        assert "rows of 5 columns" in source.findings[0].action
    source = read_text_forms(aligned(rows))
    assert source is not None
    assert "space-aligned" in source.findings[0].action


def test_tab_text_and_prose_are_left_to_the_tab_reader() -> None:
    assert read_text_forms("一级指标\t三级指标\t指标值\n") is None
    assert read_text_forms("县人社局2021年度工作总结\n一、基本情况\n") is None
    assert read_text_forms("一级指标\n三级指标\n") is None  # too few header words


def test_pipe_details_br_escapes_and_a_header_without_outer_pipes() -> None:
    source = read_text_forms(
        "三级指标 | 指标值 | 说明\n:--- | ---: | :-:\n培训<br>人次 | ≥500 | a \\| b\n\n单位：万元"
    )
    assert source is not None
    assert [(r.prose, r.cells) for r in source.rows] == [
        (False, ("三级指标", "指标值", "说明")),
        (False, ("培训\n人次", "≥500", "a | b")),
        (True, ("单位：万元",)),
    ]


def test_a_web_copy_of_a_self_evaluation_form() -> None:
    # The shape of a 自评表 copied out of a browser: label lines above, the header one word a line,
    # merged level cells left out, the total, then the notes under the table.
    text = "\n".join(
        [
            "2022年度项目支出绩效自评表",
            "单位：万元",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
            "产出指标",
            "数量指标",
            "补贴发放人数",
            "≥1200人",
            "1260人",
            "20",
            "20",
            "无",
            "时效指标",
            "发放及时率",
            "100%",
            "98%",
            "20",
            "19.6",
            "个别资料补报",
            "总分",
            "100",
            "95.3",
            "优",
            "注：得分按实际完成值计算",
            "填表人：张三",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    table = [r.cells for r in source.rows if not r.prose]
    assert table == [
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"),
        ("产出指标", "数量指标", "补贴发放人数", "≥1200人", "1260人", "20", "20", "无"),
        ("", "时效指标", "发放及时率", "100%", "98%", "20", "19.6", "个别资料补报"),
        ("总分", "100", "95.3", "优", "", "", "", ""),
    ]  # fmt: skip
    prose = [r.cells[0] for r in source.rows if r.prose]
    assert prose == [
        "2022年度项目支出绩效自评表",
        "单位：万元",
        "注：得分按实际完成值计算",
        "填表人：张三",
    ]
    placed = [f for f in source.findings if "fewer cells" in f.action]
    assert [(f.where.line, f.text) for f in placed] == [(19, "时效指标")]


def test_a_ladder_table_one_cell_per_line() -> None:
    text = "\n".join(
        [
            "职责活动",
            "绩效指标",
            "评价标准",
            "优",
            "良",
            "中",
            "差",
            "一、就业服务",
            "1、职业培训",
            "培训人数",
            "≥500",
            "≥450",
            "≥400",
            "<400",
            "合格率",
            "100%",
            "≥95%",
            "≥90%",
            "<90%",
        ]
    )
    table = cells(text)
    assert table == [
        ("职责活动", "绩效指标", "优", "良", "中", "差"),
        ("一、就业服务", "", "", "", "", ""),
        ("1、职业培训", "培训人数", "≥500", "≥450", "≥400", "<400"),
        ("", "合格率", "100%", "≥95%", "≥90%", "<90%"),
    ]


def test_space_aligned_with_a_second_header_row_and_page_lines() -> None:
    text = "\n".join(
        [
            "  某县某局2019年部门职责-工作活动绩效目标",
            "职责活动      绩效指标        评价标准",
            "                              优       良       中       差",
            "1、职业培训   培训人数        ≥500     ≥450     ≥400     <400",
            "              合格率          100%     ≥95%     ≥90%     <90%",
            "                     第 1 页",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    assert [(r.prose, r.cells) for r in source.rows] == [
        (True, ("某县某局2019年部门职责-工作活动绩效目标",)),
        (False, ("职责活动", "绩效指标", "优", "良", "中", "差")),
        (False, ("1、职业培训", "培训人数", "≥500", "≥450", "≥400", "<400")),
        (False, ("", "合格率", "100%", "≥95%", "≥90%", "<90%")),
        (True, ("第 1 页",)),
    ]


def test_a_pipe_table_imports() -> None:
    rows = [
        ("产出指标", "数量指标", "培训人次", "≥500人次", "50"),
        ("", "质量指标", "合格率", "≥95%", "50"),
    ]
    text = pipe(rows).replace("2021年项目绩效目标表", "某县人社局2021年项目绩效目标表\n单位：万元")
    imported = import_table(text, name="example", year=2021)
    assert [i.name for i in imported.table.indicators()] == ["培训人次", "合格率"]
    assert any("pipe table" in f.action for f in imported.findings)


def test_header_and_level_words_wrapped_over_lines_are_joined() -> None:
    # As a browser copies a table whose narrow cells wrap: 年度 / 指标值, 数量 / 指标, (50).
    header = ["一级指标", "二级指标", "三级指标", "年度", "指标值", "分值"]
    first = ["产出指标", "(50)", "数量", "指标", "造林面积", "1.2万亩", "10"]
    text = "\n".join([*header, *first, "病虫害防治面积", "3.45万亩", "7"])
    assert cells(text) == [
        ("一级指标", "二级指标", "三级指标", "年度指标值", "分值"),
        ("产出指标(50)", "数量指标", "造林面积", "1.2万亩", "10"),
        ("", "", "病虫害防治面积", "3.45万亩", "7"),
    ]


def test_pipe_cells_as_a_page_copy_writes_them() -> None:
    # Each cell ended by a pipe, a merged cell's row continued on the next line, and a run of
    # pipes for the cells the row leaves out (the shape of the corpus's page copies). 绩效指标,
    # printed down the side of the level columns, is no column: no row has a cell under it.
    text = "\n".join(
        [
            "绩效目标申报表 | ||||||",
            "项目名称 | 某项目 | 主管部门 | 某局 | |||",
            "绩 效 指 标 |",
            "一级指标 | 二级指标 | 三级指标 | 指标值 | ||",
            "产出指标 | 数量指标 | 培训人次 | ≥500人次 | ||",
            "合格率 | ≥95% | ||||",
            "时效指标 | 完成时间 | 2021年12月 | |||",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    assert "pipe cells" in source.findings[0].action
    assert [r.cells for r in source.rows if not r.prose] == [
        ("项目名称", "某项目", "主管部门", "某局"),
        ("一级指标", "二级指标", "三级指标", "指标值"),
        ("产出指标", "数量指标", "培训人次", "≥500人次"),
        ("", "", "合格率", "≥95%"),
        ("", "时效指标", "完成时间", "2021年12月"),
    ]


def test_a_cell_a_line_each_ended_by_its_bar_keeps_its_empty_cells() -> None:
    # A copy writing one cell a line, each ended by its bar, writes an empty cell as the bar
    # alone: the 权重 after an empty 完成值 stays in its column.
    cells = [
        "一级指标", "二级指标", "三级指标", "指标值", "完成值", "权重", "得分",
        "产出指标", "数量指标", "发放覆盖率", "100%", "", "60", "",
        "效益指标", "社会效益指标", "足额保障率", "100%", "", "30", "",
    ]  # fmt: skip
    text = "\n".join(f"{cell} |" if cell else "|" for cell in cells)
    source = read_text_forms(text)
    assert source is not None
    assert [r.cells for r in source.rows if not r.prose] == [
        tuple(cells[0:7]),
        tuple(cells[7:14]),
        tuple(cells[14:21]),
    ]


def test_a_first_row_marked_short_is_placed_from_its_end() -> None:
    # Inner Mongolia's 2021 goal form: the copy leaves out every merged level cell, the first
    # row's too; its end is marked (a run of pipes), so it is a 三级指标 and its target, said.
    text = "\n".join(
        [
            "项目名称 | 某项目 | 主管部门 | 某县民委 | |||||",
            "绩 效 指 标 |",
            "一级指标 | 二级指标 | 三级指标 | 指标值 | ||||",
            "新增特色产业数量 | ≥1个 | |||||||",
            "养殖动物成活率 | ≥95% | |||||||",
            "时效指标 | 开工时限 | 2021年7月 | ||||||",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    rows = [r.cells for r in source.rows if not r.prose]
    assert rows[-3:] == [
        ("", "", "新增特色产业数量", "≥1个"),
        ("", "", "养殖动物成活率", "≥95%"),
        ("", "时效指标", "开工时限", "2021年7月"),
    ]
    said = [f.text for f in source.findings if "fewer cells" in f.action]
    assert said[0] == "新增特色产业数量"


def test_a_pipe_copy_of_the_2019_form_keeps_each_row_and_reads_the_years_half() -> None:
    # Guangdong's 2019 form copied from its page: 绩效指标 down the side, the 中期 and 年度 halves
    # side by side (二级 · 三级 · 指标值 twice), a row continued without its merged 一级 cell.
    # The second half's level name is in the same row (its end is marked), not a new row.
    text = "\n".join(
        [
            "东莞市财政项目支出绩效目标批复表 | |||||||||",
            "( 2019 年度) | |||||||||",
            "预算单位:东莞市交通运输局 | |||||||||",
            "项目名称 | 某工程 | 本年度申请市财政预算资金(万元) | 919.00 | ||||",
            "绩效指标 | 一级 指标 |",
            "二级 指标 |",
            "三级 指标 |",
            "指标值(或计划水平) | 二级 指标 | 三级 指标 | 计划指标值(或计划水平) | ||",
            "预期产出指标 | 数量指标 | 结算项目数 | 3 | 数量指标 | 结算项目数 | 3 | |||",
            "质量指标 | 结算误差率 | ±3%以内 | 质量指标 | 结算误差率 | ±3%以内 | ||||",
            "时效指标(工期指标) | 支付及时性 | 及时 | 时效指标(工期指标、形象进度指标) "
            "| 支付及时性 | 及时 | ||||",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    rows = [r.cells for r in source.rows if not r.prose]
    assert rows[-4][:4] == ("一级 指标", "二级 指标", "三级 指标", "指标值(或计划水平)")
    assert [r[:4] for r in rows[-3:]] == [
        ("预期产出指标", "数量指标", "结算项目数", "3"),
        ("", "质量指标", "结算误差率", "±3%以内"),
        ("", "时效指标(工期指标)", "支付及时性", "及时"),
    ]
    table = import_table(text, name="x").table
    got = [(i.levels, i.name, i.target) for i in table.indicators()]  # type: ignore[union-attr]
    assert got == [
        (("预期产出指标", "数量指标"), "结算项目数", "3"),
        (("预期产出指标", "质量指标"), "结算误差率", "±3%以内"),
        (("预期产出指标", "时效指标(工期指标、形象进度指标)"), "支付及时性", "及时"),
    ]


def test_a_browser_copy_keeps_its_empty_cells_and_its_wrapped_remark_header() -> None:
    # As a browser copies a 自评表: cells apart by empty lines, an empty cell a line of a space,
    # 偏差原因 / 分析及 / 改进措施 wrapped over three lines, 成本指标 a level 2 over its rows.
    cells_in_order = [
        *("一级指标", "二级指标", "三级指标", "分值", "得分", "偏差原因", "分析及", "改进措施"),
        *("产出指标", "数量指标", "造林面积", "10", "10", " "),
        *("成本指标", "造林补助", "6", "6", " "),
    ]
    table = cells("\n\n".join(cells_in_order))
    assert table == [
        ("一级指标", "二级指标", "三级指标", "分值", "得分", "偏差原因分析及改进措施"),
        ("产出指标", "数量指标", "造林面积", "10", "10", ""),
        ("", "成本指标", "造林补助", "6", "6", ""),
    ]


def test_two_header_rows_copied_as_one() -> None:
    # A 2020 Yunnan 自评表: 绩效指标 over the levels, 年度指标值 over 指标性质 · 指标值 · 度量单位,
    # and 实际完成值 · 分值 · 得分 spanning both header rows.
    header = ["绩效指标", "年度指标值", "实际完成值", "分值", "得分"]
    header += ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    row = ["产出指标", "数量指标", "学生受资助人数", "≧", "735", "人次", "735", "10", "10"]
    assert cells("\n".join(header + row)) == [
        (*header[5:], "实际完成值", "分值", "得分"),
        tuple(row),
    ]


def test_a_self_evaluation_with_pinyin_after_its_characters() -> None:
    # A mirror site's copy of a 2020 Yunnan 自评表: traditional characters, some with their
    # pinyin after them (指標(biāo)); the two header rows and the levels read through it.
    text = "\n".join(
        [
            "| 2020年度項(xiàng)目支出績效自評表 | ||||||||||",
            "| 主管部門 | 麗江市自然資源和規(guī)劃局 "
            "| 實(shí)施單位 | 古城區(qū)自然資源局 | |||||||",
            "| 績效指標(biāo) | 年度指標(biāo)值 | 實(shí)際完成值 "
            "| 分值 | 得分 | 偏差原因分析及改進(jìn)措施 | |||||",
            "|",
            "一級 指標(biāo) |",
            "二級指標(biāo) | 三級指標(biāo) | 指標(biāo)性質(zhì) "
            "| 指標(biāo)值 | 度量單位 | |||||",
            "| 產(chǎn)出指標(biāo) | 數(shù)量指標(biāo) | 補(bǔ)助經(jīng)費(fèi) "
            "| ≥ | 72890 | 元 | 72890 | 10 | 9 | ||",
            "| 質(zhì)量指標(biāo) | 驗(yàn)收合格率 | ≥ | 100 | % | 100 | 20 | 19 | |||",
        ]
    )
    imported = import_table(text, name="x")
    table = imported.table
    got = [(i.levels, i.target, i.weight) for i in table.indicators()]  # type: ignore[union-attr]
    assert got == [
        (("產(chǎn)出指標(biāo)", "數(shù)量指標(biāo)"), "72890", 10),
        (("產(chǎn)出指標(biāo)", "質(zhì)量指標(biāo)"), "100", 20),
    ]
    assert [(r["id"], r["points"]) for r in imported.results] == [("1.1", "9"), ("1.2", "19")]


def test_a_form_printing_its_levels_twice_keeps_each_row_whole() -> None:
    # Wuhan's 2020 goal form copied from a browser: the long-term (长期) and the year's (年度)
    # 二级 · 三级 · 指标值 side by side, each header word with its half in brackets, the
    # long-term cells blank (a line of a space): the second 二级 name is in the row.
    cells_in_order = [
        *("一级指标", "二级指标(长期)", "三级指标(长期)", "指标值(长期)"),
        *("二级指标(年度)", "三级指标(年度)", "指标值(年度)"),
        *("产出指标", "数量指标", " ", " ", "数量指标", "重点建设工程安排数量", "2"),
        *("产出指标", "质量指标", " ", " ", "质量指标", "重点建设工程验收合格率", "100%"),
    ]
    assert cells("\n\n".join(cells_in_order))[1:] == [
        ("产出指标", "数量指标", "", "", "数量指标", "重点建设工程安排数量", "2"),
        ("产出指标", "质量指标", "", "", "质量指标", "重点建设工程验收合格率", "100%"),
    ]
    imported = import_table("\n\n".join(["2020年度项目支出绩效目标表", *cells_in_order]),
                            name="x", department="某区教育局")  # fmt: skip
    got = [(i.levels, i.name, i.target) for i in imported.table.indicators()]  # type: ignore[union-attr]
    assert got == [
        (("产出指标", "数量指标"), "重点建设工程安排数量", "2"),
        (("产出指标", "质量指标"), "重点建设工程验收合格率", "100%"),
    ]


def test_a_pipe_row_marked_short_starts_at_its_name_when_it_left_its_remark_out() -> None:
    # Jinzhai's 2023 自评表 as a page copy: rows under a merged level cell leave it out, and
    # their empty remark too; the run of pipes marks the end, so the row is short at both ends.
    text = "\n".join(
        [
            "一级指标 | 二级指标 | 三级指标 | 年度 指标值 |",
            "实际 完成值 |",
            "分值 | 得分 | 偏差原因分析及改进措施 | |||||",
            "产出指标 | 数量指标 | 指标1:开展精品示范村建设数量 | ≤4 | 4 | 10 | 10 | |||||||",
            "指标2:建设美丽宜居自然村庄数量 | ≥200 | 202 | 10 | 10 | |||||||||",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    assert [r.cells for r in source.rows if not r.prose][-1] == (
        "", "", "指标2:建设美丽宜居自然村庄数量", "≥200", "202", "10", "10", ""
    )  # fmt: skip


def test_a_pipe_copy_of_the_2020_yunnan_self_evaluation_form() -> None:
    # Yongde's 2022 自评表 as a page copy: 指标性质 · 指标值 · 度量单位 apart, a qualitative
    # target printed over the three, a level-2 name ending in 等, a row whose empty remark is
    # left out (the next row's name would be read as it), and the 其他需要说明事项 row.
    text = "\n".join(
        [
            "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 "
            "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 "
            "| 产出指标 | 数量指标 | 学生受资助人数 | ≧ | 735 | 人次 | 735 | 10 | 10 |",
            "| 效益指标 | 经济效益 指标 | 减轻贫困学生家庭经济负担 |",
            "| 有效 |",
            "| 有效 | 10 | 10 |",
            "| 满意度指标 | 服务对象满意度指标等 | 学生满意度 | ≧ | 95 | % | 100% | 10 | 10 |",
            "| 家长满意度 | ≧ | 95 | % | 100% | 10 | 10 |",
            "| 其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 |",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    assert [r.cells for r in source.rows if not r.prose][1:] == [
        ("产出指标", "数量指标", "学生受资助人数", "≧", "735", "人次", "735", "10", "10", ""),
        ("效益指标", "经济效益 指标", "减轻贫困学生家庭经济负担", "", "有效", "", "有效", "10",
         "10", ""),
        ("满意度指标", "服务对象满意度指标等", "学生满意度", "≧", "95", "%", "100%", "10", "10",
         ""),
        ("", "", "家长满意度", "≧", "95", "%", "100%", "10", "10", ""),
        ("其他需要说明事项", "无", "", "", "", "", "", "", "", ""),
        ("总分", "100", "96", "优", "", "", "", "", "", ""),
    ]  # fmt: skip
    placed = [f.text for f in source.findings if f.kind == "placement"]
    assert placed == ["有效", "家长满意度"]
    imported = import_table(text, name="x", year=2022, department="某县教育体育局")
    got = [(i.levels, i.target) for i in imported.table.indicators()]  # type: ignore[union-attr]
    assert got[1:3] == [
        (("效益指标", "经济效益指标"), "有效"),
        (("满意度指标", "服务对象满意度指标等"), "95"),
    ]
    assert [r["points"] for r in imported.results] == ["10", "10", "10", "10"]


def test_pipe_cells_some_lines_starting_with_a_pipe_are_read_as_pipe_cells() -> None:
    # Found by the targets fuzzer: a page copy whose rows after a page's end start with an
    # empty cell (``| 产出指标 | …``) was read as a pipe table of those lines alone, the rows
    # above them left out in silence.
    text = "\n".join(
        [
            "项目名称 | 农村人居环境整治项目 | | | | |",
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 分值 | |",
            "产出指标 | 数量指标 | 培训人次 | ≥80% | 11 | |",
            "第2页 | | | | | |",
            " | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 分值 | |",
            " | 产出指标 | 数量指标 | 资金拨付及时率 | ≥1% | 89 | |",
        ]
    )
    source = read_text_forms(text)
    assert source is not None
    rows = [row.cells for row in source.rows if not row.prose]
    assert ("产出指标", "数量指标", "培训人次", "≥80%", "11") in rows
    assert ("产出指标", "数量指标", "资金拨付及时率", "≥1%", "89") in rows
