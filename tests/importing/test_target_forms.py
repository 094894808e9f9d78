"""perfscore.importing._target_forms: goal and self-evaluation
forms read into targets tables."""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore.cli import main
from perfscore.importing import import_table

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
