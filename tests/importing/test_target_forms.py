"""perfscore.importing._target_forms: goal and self-evaluation
forms read into targets tables."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import perfscore
from perfscore.cli import main
from perfscore.importing import Imported, ImportFinding, import_table
from perfscore.tables import Severity

GOAL = "\n".join(
    [
        "某县某局 2023 年项目绩效目标表",
        "单位：万元",
        "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t"
        "度量单位\t权重\t指标方向性",
        "某县某局\t职业技能培训项目\t1,200.50\t全年培训1200人次\t产出指标\t数量指标\t培训人次\t≥\t"
        "1,200\t人次\t20\t正向",
        "\t\t\t\t\t质量指标\t培训合格率\t≥\t95\t%\t15\t正向",
        "\t\t\t\t效益指标\t社会效益指标\t投诉率\t≤\t3\t%\t15\t反向",
        "某县某局\t农田建设项目\t300\t新增灌溉\t产出指标\t数量指标\t新增灌溉面积\t≥\t29.5\t亩\t20\t"
        "正向",
    ]
)
SELF_EVALUATION = "\n".join(
    [
        "某县某局 2023 年项目支出绩效自评表",
        "项目名称\t职业技能培训补贴项目\t\t\t\t\t\t\t",
        "主管部门\t某县某局\t\t实施单位\t某县职业培训中心\t\t\t\t",
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t",
        "\t年度资金总额\t100\t120\t114\t10\t95%\t9.5\t",
        "年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t\t",
        "\t全年开展职业技能培训\t\t\t完成\t\t\t\t",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因",
        "\t产出指标\t数量指标\t培训人次\t≥1200人次\t1150\t20\t19\t",
        "\t\t质量指标\t培训合格率\t≥95%\t96%\t15\t15\t",
        "\t效益指标\t社会效益指标\t参训人员就业能力\t明显提高\t达成\t20\t18\t",
        "\t满意度指标\t服务对象满意度指标\t参训人员满意度\t90%以上\t93%\t25\t25\t",
        "总分\t\t\t\t\t\t100\t96.5\t",
    ]
)


def test_the_goal_form() -> None:
    imported = import_table(GOAL, name="example-2023")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert imported.layout == "targets (goal)"
    assert (table.department.name, table.year, table.money_unit) == ("某县某局", 2023, "万元")
    assert [(p.id, p.name, p.budget.planned if p.budget else None) for p in table.projects] == [
        ("1", "职业技能培训项目", 1200.5),
        ("2", "农田建设项目", 300.0),
    ]
    rows = [(i.id, i.levels, i.name, i.op, i.target, i.unit, i.weight) for i in table.indicators()]
    assert rows[0] == ("1.1", ("产出指标", "数量指标"), "培训人次", "≥", "1,200", "人次", 20.0)
    assert rows[1][1] == ("产出指标", "质量指标")  # the 一级 level carried down its merged rows
    assert rows[2][:3] == ("1.3", ("效益指标", "社会效益指标"), "投诉率")
    (separators,) = [f for f in imported.findings if "thousands" in f.action]
    assert separators.indicator == "1.1"
    assert table.indicator("1.1").read_target == "1200"
    assert imported.results == []


def test_the_self_evaluation_form_gives_results_and_published_scores(tmp_path: Path) -> None:
    imported = import_table(SELF_EVALUATION, name="example-2023")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert imported.layout == "targets (self-evaluation)"
    (project,) = table.projects
    assert (project.name, project.department, project.implementer) == (
        "职业技能培训补贴项目",
        "某县某局",
        "某县职业培训中心",
    )
    assert project.goal == "全年开展职业技能培训"
    assert project.budget is not None
    assert (project.budget.planned, project.budget.spent, project.budget.weight) == (120, 114, 10)
    assert [(i.id, i.target, i.weight) for i in table.indicators()] == [
        ("1.1", "≥1200人次", 20),
        ("1.2", "≥95%", 15),
        ("1.3", "明显提高", 20),
        ("1.4", "90%以上", 25),
    ]
    assert imported.results == [
        {"id": "1.budget", "value": "114", "points": "9.5"},
        {"id": "1.1", "value": "1150", "points": "19"},
        {"id": "1.2", "value": "96%", "points": "15"},
        {"id": "1.3", "value": "达成", "points": "18"},
        {"id": "1.4", "value": "93%", "points": "25"},
    ]
    table_file = tmp_path / "example-2023.yaml"
    source = tmp_path / "example-2023.txt"
    source.write_text(SELF_EVALUATION, encoding="utf-8")
    assert main(["import", str(source), "-o", str(table_file)]) == 0
    results = tmp_path / "example-2023-results.csv"
    assert results.read_text(encoding="utf-8").splitlines()[:2] == [
        "id,value,points",
        "1.budget,114,9.5",
    ]
    card = perfscore.score(perfscore.load_table(table_file), results, method="self-evaluation")
    frame = card.to_frame()
    assert {"1.1", "1.2", "1.3", "1.4"} <= set(frame["id"])
    assert card.total is not None


def test_a_bare_target_without_a_direction_is_read_at_least_with_a_finding() -> None:
    text = "\n".join(
        [
            "某县某局 2023 年项目绩效目标表",
            "项目名称\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t权重",
            "培训项目\t产出指标\t数量指标\t培训人数\t500\t人\t100",
        ]
    )
    imported = import_table(text, name="example")
    (indicator,) = imported.table.indicators()
    assert isinstance(indicator, perfscore.TargetIndicator)
    assert indicator.direction_read == "正向"
    assert indicator.parsed.op == "≥"
    assert any(f.kind == "direction" and f.indicator == "1.1" for f in imported.findings)


def test_an_indicator_without_a_target_is_left_out_with_a_finding() -> None:
    text = "\n".join(
        [
            "某县某局 2023 年项目绩效目标表",
            "项目名称\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t权重",
            "培训项目\t产出指标\t数量指标\t培训人数\t≥500\t人\t50",
            "\t\t\t补贴发放\t\t\t50",
        ]
    )
    imported = import_table(text, name="example")
    assert [i.name for i in imported.table.indicators()] == ["培训人数"]
    (skipped,) = [f for f in imported.findings if f.kind == "skipped"]
    assert skipped.text == "补贴发放"


def test_targets_layout_asked_for_on_a_ladder_table_fails() -> None:
    ladder = "\n".join(
        [
            "职责活动\t绩效指标\t优\t良\t中\t差",
            "一、职责\t\t\t\t\t",
            "1、活动\t完成率\t100%\t≥90%\t≥80%\t<80%",
        ]
    )
    with pytest.raises(perfscore.PerfscoreError):
        import_table(ladder, name="example", layout="targets", year=2023)


def test_a_target_and_its_weight_run_together() -> None:
    text = "\n".join(
        [
            "某县某局 2023 年项目绩效目标表",
            "项目名称\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重",
            "培训项目\t产出指标\t数量指标\t培训人数\t≥\t210010\t人\t",
            "\t\t质量指标\t培训合格率\t≥\t95\t%\t40",
            "\t效益指标\t社会效益指标\t就业率\t≥\t80\t%\t50",
        ]
    )
    imported = import_table(text, name="example")
    first = imported.table.indicator("1.1")
    assert isinstance(first, perfscore.TargetIndicator)
    assert (first.target, first.read_target, first.weight) == ("210010", "2100", 10)
    (fused,) = [f for f in imported.findings if f.kind == "fused-cells"]
    assert fused.text == "210010"
    assert "2100 and 10" in fused.action


def test_a_bare_target_under_a_lower_is_better_name_is_read_at_most_with_a_finding() -> None:
    text = "\n".join(
        [
            "某县某局 2023 年项目绩效目标表",
            "项目名称\t一级指标\t二级指标\t三级指标\t指标值\t度量单位\t权重",
            "培训项目\t产出指标\t数量指标\t培训人数\t500\t人\t50",
            "培训项目\t效益指标\t社会效益指标\t安全事故发生次数\t1\t次\t50",
        ]
    )
    imported = import_table(text, name="example")
    second = imported.table.indicators()[1]
    assert isinstance(second, perfscore.TargetIndicator)
    assert second.parsed.op == "≤"
    (finding,) = [
        f for f in imported.findings if f.kind == "direction" and f.indicator == second.id
    ]
    assert finding.action == second.inferred_direction
    assert "反向" in finding.action


# -- the forms as printed (issue 19, item 3; issue 22, item 1) ----------------------------------


def _rows(imported: Imported) -> list[tuple[str, str, str, str | None]]:
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    return [(i.id, i.name, i.target, i.direction) for i in table.indicators()]


def _of(imported: Imported, kind: str) -> list[ImportFinding]:
    return [f for f in imported.findings if f.kind == kind]


PRINTED = "\n".join(
    [
        "部门预算项目绩效目标申报表（2023年度）",
        "单位名称：某县人社局    单位：元",
        "单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t"
        "度量单位\t指标方向性",
        "820-马踏镇部门\t\t120万\t\t\t\t\t\t\t\t",
        "某县人社局\t职业技能培训\t12万\t全年培训\t產出指標\t數量指標\t培训人次\t定量\t1200\t人次\t"
        "正向指标",
        "某县人社局\t职业技能培训\t12万\t全年培训\t产出指标\t质量指标\t培训合格率\t定量\t95\t%\t正向指标",
        "某县人社局\t职业技能培训\t12万\t全年培训\t效益指标\t社会效益指标\t投诉率\t定量\t3\t%\t反向指标",
        "某县人社局\t职业技能培训\t12万\t全年培训\t效益指标\t社会效益指标\t就业能力\t定性\t明显提高\t\t"
        "越大越好",
        "合计\t\t\t\t\t\t\t\t\t\t",
    ]
)


def test_a_departments_total_row_does_not_name_the_tables_department() -> None:
    # the wide form with no 单位名称 line above it: the projects' 单位名称 cells name the unit,
    # the total row printed first (820-马踏镇部门) is the department's budget line
    text = PRINTED.replace("单位名称：某县人社局    单位：元", "单位：元")
    imported = import_table(text, name="example")
    assert imported.table.department.name == "某县人社局"


def test_a_goal_form_as_printed_imports_every_row() -> None:
    imported = import_table(PRINTED, name="example")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert (table.department.name, table.year, table.money_unit) == ("某县人社局", 2023, "元")
    assert _rows(imported) == [
        ("1.1", "培训人次", "1200", "正向"),
        ("1.2", "培训合格率", "95", "正向"),
        ("1.3", "投诉率", "3", "反向"),
        ("1.4", "就业能力", "明显提高", "正向"),
    ]
    assert [i.op for i in table.indicators()] == ["定量", "定量", "定量", "定性"]
    # the project's name repeated on every row: one project, its budget once, in 元
    (project,) = table.projects
    assert project.budget is not None
    assert project.budget.planned == 120000
    assert len(_of(imported, "project")) == 1
    # the department's total row is no project, and said so; the 合计 row too
    assert [f.text.split(" | ")[0] for f in _of(imported, "total")] == ["820-马踏镇部门", "合计"]
    # no 权重 printed: none given; scoring gives each an equal share of 100 less the budget's 10
    assert [i.weight for i in table.indicators()] == [None] * 4
    assert project.share(table.total) == Fraction(90, 4)
    (unprinted,) = _of(imported, "default")
    assert unprinted.severity is Severity.NOTE
    assert "no 权重" in unprinted.action
    assert not imported.must_act


def test_a_traditional_header_and_labels_read_through_the_labels_module() -> None:
    text = PRINTED.replace("一级指标\t二级指标\t三级指标", "一級指標\t二級指標\t三級指標")
    text = text.replace("指标方向性", "指標方向性").replace(
        "单位名称\t项目名称", "單位名稱\t項目名稱"
    )
    assert _rows(import_table(text, name="example")) == _rows(import_table(PRINTED, name="x"))


def test_a_direction_that_is_none_is_said_and_the_target_decides() -> None:
    text = PRINTED.replace("\t3\t%\t反向指标", "\t≤3\t%\t中性").replace(
        "\t95\t%\t正向指标", "\t≥95\t%\t↑↑"
    )
    imported = import_table(text, name="example")
    assert _rows(imported)[1:3] == [
        ("1.2", "培训合格率", "≥95", None),
        ("1.3", "投诉率", "≤3", None),
    ]
    (odd,) = [f for f in _of(imported, "direction") if f.severity is Severity.WARNING]
    assert odd.text == "↑↑"
    assert odd.indicator == "1.2"


def test_a_department_as_a_whole_table_keeps_its_budget() -> None:
    text = "\n".join(
        [
            "某县教育局2022年部门整体支出绩效目标表",
            "单位：万元",
            "单位名称\t年度预算\t年度目标\t一级指标\t二级指标\t三级指标\t指标值\t权重",
            "某县教育局\t5,300\t保障教育运转\t产出指标\t数量指标\t保障学校数\t≥25所\t40",
            "\t\t\t效益指标\t社会效益指标\t入学率\t≥99%\t50",
        ]
    )
    imported = import_table(text, name="example")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    (project,) = table.projects
    assert (project.name, project.goal) == ("某县教育局", "保障教育运转")
    assert project.budget is not None
    assert project.budget.planned == 5300
    assert len(table) == 2


FORM_2020 = "\n".join(
    [
        "项目支出绩效目标表",
        "（2021年度）",
        "项目名称\t职业技能提升行动\t\t",
        "主管部门及代码\t[323]某县人社局\t实施单位\t某县就业服务中心",
        "项目资金（万元）\t年度资金总额\t80\t",
        "\t其中：财政拨款\t80\t",
        "年度目标\t完成培训2000人次\t\t",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t培训人次\t≥2000人次",
        "\t时效指标\t完成时间\t2021年12月底前",
        "效益指标\t社会效益指标\t就业率\t≥60%",
        "满意度指标\t服务对象满意度指标\t参训人员满意度\t≥90%",
    ]
)


def test_the_2020_goal_form() -> None:
    imported = import_table(FORM_2020, name="example")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    # a goal form is its 主管部门's (its code kept as the code), the 实施单位 said, to check
    assert (table.year, table.department.name, table.money_unit) == (2021, "某县人社局", "万元")
    assert table.department.code == "323"
    (said,) = [f for f in imported.findings if f.kind == "metadata"]
    assert said.severity is Severity.WARNING
    assert "实施单位 '某县就业服务中心'" in said.action
    (project,) = table.projects
    assert (project.name, project.implementer) == ("职业技能提升行动", "某县就业服务中心")
    assert project.budget is not None
    assert project.budget.planned == 80
    assert [i.name for i in table.indicators()] == [
        "培训人次",
        "完成时间",
        "就业率",
        "参训人员满意度",
    ]
    assert [i.weight for i in table.indicators()] == [None] * 4  # the form prints no 权重
    assert project.share(table.total) == 90 / 4


SELF = "\n".join(
    [
        "某县人社局2021年度项目支出绩效自评表",
        "項目名稱\t职业技能培训补贴项目",
        "主管部门\t某县人社局\t实施单位\t某县职业培训中心",
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "\t年度资金总额\t100\t120\t114\t10\t95%\t9.5",
        "绩效指标\t一級指標\t二級指標\t三級指標\t年度指標值\t實際完成值\t分值\t得分\t偏差原因",
        "\t產出指標\t數量指標\t合计培训补贴发放金额\t≥100万元\t98万元\t20\t19\t",
        "质量指标\t培训合格率\t≥95%\t96%\t20\t20",
        "培训人次\t≥1200人次\t1150人次\t10\t9.5",
        "\t\t\t\t≥5次\t5次\t10\t10\t",
        "效益指标\t社会效益指标\t就业能力\t明显提高\t达成\t20\t18\t",
        "满意度指标\t服务对象满意度指标\t参训人员满意度\t90%以上\t93%\t10\t10\t",
        "总分\t\t\t\t\t\t100\t96\t",
    ]
)


def test_a_self_evaluation_copied_from_a_page(tmp_path: Path) -> None:
    imported = import_table(SELF, name="example")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert table.money_unit == "万元"  # 项目资金（万元）
    (project,) = table.projects
    assert project.name == "职业技能培训补贴项目"
    # an indicator whose name starts with 合计 is an indicator; only 总分 is the total
    assert [(i.id, i.name, i.levels) for i in table.indicators()] == [
        ("1.1", "合计培训补贴发放金额", ("產出指標", "數量指標")),
        ("1.2", "培训合格率", ("產出指標", "质量指标")),
        ("1.3", "培训人次", ("產出指標", "质量指标")),
        ("1.4", "就业能力", ("效益指标", "社会效益指标")),
        ("1.5", "参训人员满意度", ("满意度指标", "服务对象满意度指标")),
    ]
    # rows that lost their merged cells are placed by what their cells are, each said
    placed = _of(imported, "placement")
    assert len(placed) == 4
    assert all(f.severity is Severity.WARNING for f in placed)
    # the row with no 三级指标 is left out, to act on
    (blank,) = imported.must_act
    assert (blank.kind, blank.text) == ("unplaced", "≥5次 | 5次 | 10 | 10")
    (total,) = _of(imported, "total")
    assert total.text == "总分 | 100 | 96"
    table_file = tmp_path / "example.yaml"
    table_file.write_text(imported.to_yaml(), encoding="utf-8")
    results = tmp_path / "example-results.csv"
    results.write_text(imported.results_csv(), encoding="utf-8")
    card = perfscore.score(perfscore.load_table(table_file), results, method="self-evaluation")
    assert set(card.to_frame()["id"]) >= {"1.1", "1.5"}


def test_a_results_file_names_only_ids_its_table_has() -> None:
    text = SELF.replace("\t就业能力\t明显提高\t", "\t就业能力\t\t")  # a row with no target
    imported = import_table(text, name="example")
    ids = {i.id for i in imported.table.indicators()}
    assert "1.4" not in ids
    assert {r["id"] for r in imported.results} == ids | {"1.budget"}


FORM_2019 = "\n".join(
    [
        "项目支出绩效目标申报表",
        "（2019年度）",
        "项目名称\t职业技能提升行动\t\t\t",
        "主管部门及代码\t某县人社局\t实施单位\t某县就业服务中心\t",
        "总体目标\t中期目标\t\t年度目标\t",
        "\t三年培训6000人次\t\t完成培训2000人次\t",
        "一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值",
        "产出指标\t数量指标\t培训人次\t≥6000人次\t≥2000人次",
        "效益指标\t社会效益指标\t就业率\t≥60%\t≥55%",
    ]
)


def test_the_2019_form_reads_the_years_targets_not_the_mid_terms() -> None:
    imported = import_table(FORM_2019, name="example")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert (table.year, table.department.name) == (2019, "某县人社局")  # the 主管部门
    assert [(i.name, i.target) for i in table.indicators()] == [
        ("培训人次", "≥2000人次"),
        ("就业率", "≥55%"),
    ]


def test_notes_after_a_form_are_for_the_record_and_a_stray_row_is_to_act_on() -> None:
    text = SELF + "\n说明：本表由项目单位填报\n填表人：张三\t联系电话：123\n"
    imported = import_table(text, name="example")
    notes = [f for f in imported.findings if f.text.startswith(("说明", "填表人"))]
    assert [(f.kind, f.severity) for f in notes] == [("source", Severity.NOTE)] * 2
    assert len(imported.must_act) == 1  # only the row with no 三级指标
    stray = import_table(SELF + "\n某指标\t≥5\t6\t10\t10\n", name="example")
    assert len(stray.must_act) == 2


def test_a_goal_form_with_a_performance_standard_column_is_no_ladder_table() -> None:
    # Hunan's 2023 goal form prints 绩效标准 (计划标准 on each row) beside 指标值及单位: its
    # header names 三级指标, so it is a targets form, not a project table's 评价标准. Its
    # project is labelled 项目支出名称, its department 预算部门; 填报单位:(盖章) names none.
    text = "\n".join(
        [
            "2023年项目支出绩效目标申报表",
            "填报单位:(盖章) 单位:万元",
            "项目支出名称\t雾炮车降尘抑尘服务\t预算部门\t某市环境卫生管理处",
            "一级指标\t二级指标\t三级指标\t指标值及单位\t绩效标准",
            "产出指标\t数量指标\t配备车辆数\t10辆\t计划标准",
            "\t质量指标\t服务周期内空气质量\t优良\t计划标准",
            "满意度指标\t服务对象满意度指标\t市民满意度\t≥90%\t计划标准",
        ]
    )
    imported = import_table(text, name="x")
    assert imported.layout == "targets (goal)"
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert table.department.name == "某市环境卫生管理处"
    assert [p.name for p in table.projects] == ["雾炮车降尘抑尘服务"]
    assert [(i.levels, i.name, i.target) for i in table.indicators()] == [
        (("产出指标", "数量指标"), "配备车辆数", "10辆"),
        (("产出指标", "质量指标"), "服务周期内空气质量", "优良"),
        (("满意度指标", "服务对象满意度指标"), "市民满意度", "≥90%"),
    ]


def test_a_comparison_printed_otherwise_is_read_and_said_for_its_row() -> None:
    # ﹦ (a small equals sign) and 不低于 in the 指标性质 column: the target reads with = and ≥,
    # and a finding naming the row says so (the printed sign is not kept in the table).
    text = "\n".join(
        [
            "某县某局 2023 年项目绩效目标表",
            "项目名称\t某项目\t主管部门\t某县某局",
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重",
            "产出指标\t数量指标\t补助经费\t﹦\t72890\t元\t50",
            "\t质量指标\t验收合格率\t不低于\t95\t%\t30",
            "\t时效指标\t完成及时率\t≥\t95\t%\t20",
        ]
    )
    imported = import_table(text, name="x")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert [i.op for i in table.indicators()] == ["=", "≥", "≥"]
    said = {(f.indicator, f.text) for f in imported.findings if "指标性质 read as" in f.action}
    assert said == {("1.1", "﹦"), ("1.2", "不低于")}


def _cost_rows(level2: str) -> str:
    """A self-evaluation whose 成本指标 row prints ``level2`` (blank in the 2019 and 2020 forms,
    经济成本指标 in the 2021 form) beside it."""
    return "\n".join(
        [
            *SELF_EVALUATION.splitlines()[:9],
            f"\t成本指标\t{level2}\t每亩补助标准\t≤475元/亩\t470元/亩\t10\t10\t",
            "\t\t\t单位造价\t≤3000元/平方米\t0.3万元/平方米\t10\t10\t",
            "总分\t\t\t\t\t\t40\t39\t",
        ]
    )


def test_a_cost_level_with_no_second_level_after_output_is_its_second_level() -> None:
    """成本指标 alone after 产出指标 is the 二级 of the 2019 and 2020 forms (a placement finding);
    with its own 二级 beside it, the 2021 form's 一级. Prices per 亩 and 平方米 read as
    published."""
    imported = import_table(_cost_rows(""), name="cost-2023", department="某县某局")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    rows = {i.name: (i.levels, i.target) for i in table.indicators()}
    assert rows["每亩补助标准"] == (("产出指标", "成本指标"), "≤475元/亩")
    assert rows["单位造价"] == (("产出指标", "成本指标"), "≤3000元/平方米")
    assert any(
        f.kind == "placement" and "成本指标 with no 二级" in f.action for f in imported.findings
    )
    imported = import_table(_cost_rows("经济成本指标"), name="cost-2023", department="某县某局")
    assert isinstance(imported.table, perfscore.TargetsTable)
    levels = {i.name: i.levels for i in imported.table.indicators()}
    assert levels["每亩补助标准"] == ("成本指标", "经济成本指标")
    assert not any("成本指标 with no 二级" in f.action for f in imported.findings)


def test_a_row_after_the_next_projects_labels_with_its_header_lost_is_left_out_with_a_finding() -> (
    None
):
    # Found by the targets fuzzer: a second project's 项目名称 closes the first; its header,
    # copied with single spaces and read as prose, is lost, and its row went nowhere silently.
    text = "\n".join(
        [
            "项目名称 农村人居环境整治项目",
            "一级指标 二级指标 三级指标 指标值 分值",
            "产出指标 数量指标 培训人次 ≥1% 100",
            "项目名称 义务教育营养改善计划",
            "一级指标 二级指标 三级指标 指标值 分值",
            "产出指标 数量指标 资金拨付及时率 ≥1% 100",
        ]
    )
    imported = import_table(text, name="two-projects", year=2018, department="某县农业农村局")
    assert isinstance(imported.table, perfscore.TargetsTable)
    names = [i.name for p in imported.table.projects for i in p.indicators]
    named = [f for f in imported.findings if "资金拨付及时率" in f.text]
    assert "资金拨付及时率" in names or named
    assert all(f.kind == "unplaced" for f in named if "资金拨付及时率" not in names)


def test_a_scaled_score_column_is_never_the_rows_score() -> None:
    from perfscore.importing._sources import SourceRow
    from perfscore.importing._target_forms import find_targets_header

    cells = ("一级指标", "二级指标", "三级指标", "预期指标值", "单项指标实际完成值",
             "单项指标折算得分", "单项指标得分", "权重占比(%)")  # fmt: skip
    header = find_targets_header(SourceRow(cells, 1))
    assert header is not None
    assert header.form == "self-evaluation"
    # 折算得分 (得分 × 权重占比) printed first is a column of its own, not the 得分
    assert header.columns["points"] == cells.index("单项指标得分")
    assert header.columns["scaled"] == cells.index("单项指标折算得分")
    assert header.columns["weight"] == cells.index("权重占比(%)")


_WHOLE_UNIT = [
    "某中心2023年度整体绩效目标表",
    "部门(单位)名称\t某中心",
    "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位\t指标解释",
    "产出指标\t数量指标\t业务工作支出安排金额\t定量\t28.8\t万元\t说明一",
    "\t质量指标\t业务工作支出到位率\t定量\t100\t%\t说明二",
]


@pytest.mark.parametrize(
    "row",
    [
        "成本指标\t社会成本指标\t定量\t100\t%\t说明三",  # shorter: placed by kind, no name
        "成本指标\t社会成本指标\t定量\t100\t%\t说明三\t",  # padded: read by position
    ],
)
def test_a_cost_row_with_a_level_name_and_no_name_after_it_reads_it_as_its_name(row: str) -> None:
    """The Hunan whole-unit form (the 2019 levels), its 成本指标 row's merged 一级 left out and
    its 三级指标 the 2021 template's level name: by the one rule (``cost_level``), the 二级
    成本指标 under 产出指标, 社会成本指标 its name, a placement finding."""
    imported = import_table("\n".join([*_WHOLE_UNIT, row]), name="x", year=2023, department="x")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    last = table.indicators()[-1]
    assert (last.levels, last.name, last.op, last.target) == (
        ("产出指标", "成本指标"), "社会成本指标", "定量", "100"
    )  # fmt: skip
    said = [f for f in imported.findings if "the 三级指标 is the level name" in f.action]
    assert [(f.kind, f.indicator) for f in said] == [("placement", None)]
    assert "社会成本指标" in said[0].action


# The Sichuan 2023 project self-evaluation as a county media site reposted it (a pipe table),
# the text cut inside its only indicator row, after the 指标值.
_CUT = "\n".join(
    [
        "部门预算项目支出绩效自评表(2023年度) | ||||||||||",
        "项目名称 | 2023年全县安可替代补助资金项目 | |||||||||",
        "主管部门 | 大英县司法局部门 | 实施单位 | 大英县司法局 | |||||||",
        "绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | "
        "权重 | 得分 | 未完成原因分析 |",
        "产出指标 | 质量指标 | 完成安可产品购买并按要求支付资金 | = | 100 | ",
    ]
)


def test_a_last_row_cut_by_the_end_of_the_copy_imports_with_what_it_has() -> None:
    imported = import_table(_CUT, name="cut", year=2023, department="大英县司法局")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    (indicator,) = table.indicators()
    assert (indicator.name, indicator.op, indicator.target, indicator.weight) == (
        "完成安可产品购买并按要求支付资金", "=", "100", None
    )  # fmt: skip
    assert not imported.results
    (cut,) = [f for f in imported.findings if f.kind == "cut"]
    assert (cut.indicator, cut.severity) == ("1.1", Severity.ERROR)
    assert "完成值 · 分值 · 得分" in cut.action.replace("实际", "")


@pytest.mark.parametrize(
    "last",
    [
        "\t\t时效指标\t完成及时率\t≥95%\t96%\t20\t20\t",  # complete
        "\t\t时效指标\t完成及时率\t≥95%\t96%\t20\t\t",  # its 得分 left blank, its 分值 printed
    ],
)
def test_a_last_row_that_prints_its_weight_is_not_cut(last: str) -> None:
    text = "\n".join([*SELF_EVALUATION.splitlines()[:9], last])
    imported = import_table(text, name="x", department="某县某局")
    assert not [f for f in imported.findings if f.kind == "cut"]


def test_a_last_row_before_its_weight_is_cut_and_a_row_above_is_not() -> None:
    text = "\n".join([*SELF_EVALUATION.splitlines()[:9], "\t\t时效指标\t完成及时率\t≥95%\t96%"])
    imported = import_table(text, name="x", department="某县某局")
    cut = [f for f in imported.findings if f.kind == "cut"]
    assert [f.text for f in cut] == ["完成及时率"]
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert table.indicators()[-1].weight is None
    assert all(i.weight is not None for i in table.indicators()[:-1])


def test_the_header_printed_again_on_a_new_page_goes_on_in_the_same_project() -> None:
    text = "\n".join(
        [
            "项目名称\t农村人居环境整治项目",
            "一级指标\t二级指标\t三级指标\t指标值\t分值",
            "产出指标\t数量指标\t培训人次\t≥500人次\t50",
            "- 2 -",
            "一级指标\t二级指标\t三级指标\t指标值\t分值",
            "\t质量指标\t培训合格率\t≥90%\t50",  # the level merged over the page's end
            "项目名称\t义务教育营养改善计划",
            "一级指标\t二级指标\t三级指标\t指标值\t分值",
            "效益指标\t社会效益指标\t资金拨付及时率\t≥95%\t100",
        ]
    )
    imported = import_table(text, name="page", year=2020, department="某县农业农村局")
    assert isinstance(imported.table, perfscore.TargetsTable)
    got = [(p.name, i.id, i.levels, i.name) for p in imported.table.projects for i in p.indicators]
    assert got == [
        ("农村人居环境整治项目", "1.1", ("产出指标", "数量指标"), "培训人次"),
        ("农村人居环境整治项目", "1.2", ("产出指标", "质量指标"), "培训合格率"),
        ("义务教育营养改善计划", "2.1", ("效益指标", "社会效益指标"), "资金拨付及时率"),
    ]
    again = [f for f in imported.findings if "header printed again" in f.action]
    assert [(f.where.row, f.kind) for f in again] == [(5, "source")]


def test_a_header_reads_its_columns_by_the_forms_one_vocabulary() -> None:
    # a 绩效指标 over the level columns is no second name column; 指标值类型 is the 指标性质;
    # 得分计算方法 is text, no 得分 (the form is then a goal form)
    from perfscore.importing._sources import SourceRow
    from perfscore.importing._target_forms import find_targets_header

    header = find_targets_header(
        SourceRow(("绩效指标", "一级指标", "三级指标", "指标值类型", "指标值", "得分计算方法"), 1)
    )
    assert header is not None
    assert header.columns == {"level1": 1, "name": 2, "op": 3, "target": 4}
    assert header.form == "goal"


@pytest.mark.parametrize(("label", "department"), [("主管部门", "某县某局"), ("预算部门", None)])
def test_a_budget_department_label_names_the_unit_not_the_department_over_it(
    label: str, department: str | None
) -> None:
    # 预算部门 is the unit whose budget it is (a Xiangtan goal form prints its unit under it):
    # the table's department, never the 主管部门 over the project
    text = SELF_EVALUATION.replace("主管部门\t某县某局", f"{label}\t某县某局")
    imported = import_table(text, name="example-2023")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert table.department.name in ("某县某局", "某县职业培训中心")
    assert table.projects[0].department == department
