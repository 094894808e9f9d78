"""perfscore.importing._target_file: a goal or self-evaluation form, as read, made a targets
table file (money unit, budgets, directions, weights not printed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.importing import import_table
from perfscore.tables import Severity, check_table, has_errors


def goal(*rows: str, unit_line: str = "单位：万元", weights: bool = False) -> str:
    header = "项目名称\t预算数\t一级指标\t二级指标\t三级指标\t指标值\t指标方向性"
    return "\n".join(
        ["某县某局2023年项目绩效目标表", unit_line, header + ("\t权重" if weights else ""), *rows]
    )


def table_of(text: str) -> perfscore.TargetsTable:
    table = import_table(text, name="example").table
    assert isinstance(table, perfscore.TargetsTable)
    return table


@pytest.mark.parametrize(
    ("unit_line", "budget", "unit", "planned"),
    [
        ("单位：元", "12万", "元", 120000),
        ("单位：万元", "12万", "万元", 12),
        ("单位：万元", "120000元", "万元", 12),
        ("", "12万元", "万元", 12),  # no 单位 line: the cell's own unit is the table's
        ("单位：元", "1,200", "元", 1200),
    ],
)
def test_a_budget_is_read_in_the_tables_money_unit(
    unit_line: str, budget: str, unit: str, planned: float
) -> None:
    table = table_of(
        goal(f"培训\t{budget}\t产出指标\t数量指标\t人次\t≥5人次\t正向", unit_line=unit_line)
    )
    (project,) = table.projects
    assert (table.money_unit, project.budget.planned if project.budget else None) == (unit, planned)


def test_no_money_unit_printed_is_said() -> None:
    imported = import_table(
        goal("培训\t12\t产出指标\t数量指标\t人次\t≥5人次\t正向", unit_line=""), name="example"
    )
    assert imported.table.money_unit == "万元"
    (said,) = [f for f in imported.findings if "money unit" in f.action]
    assert said.severity is Severity.WARNING


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=13), st.booleans())
def test_weights_not_printed_are_none_and_scored_as_equal_shares(count: int, budget: bool) -> None:
    rows = [
        f"培训\t{'100' if budget else ''}\t产出指标\t数量指标\t人次{k}\t≥{k + 1}人次\t正向"
        for k in range(count)
    ]
    table = table_of(goal(*rows))
    (project,) = table.projects
    assert all(i.weight is None for i in project.indicators)
    share = project.share(table.total)
    assert share is not None
    assert share * count + (10 if budget else 0) == 100
    # check says which indicators have no 分值, as a warning, not an error
    said = [f for f in check_table(table) if "no 分值" in f.message]
    assert len(said) == 1
    assert not has_errors(check_table(table))
    results = {i.id: i.target.replace("≥", "") for i in project.indicators}
    card = perfscore.score(table, results)
    rows_scored = [r for p in card.projects for r in p.rows]
    assert all(r.weight == share for r in rows_scored)
    assert all(any("分值 not printed" in f for f in r.flags) for r in rows_scored)


def test_printed_weights_are_kept_and_no_default_said() -> None:
    imported = import_table(
        goal("培训\t\t产出指标\t数量指标\t人次\t≥5人次\t正向\t100", weights=True), name="example"
    )
    assert [i.weight for i in imported.table.indicators()] == [100]
    assert not [f for f in imported.findings if f.kind == "default"]


def test_a_direction_in_the_nature_column_is_read_as_the_direction() -> None:
    text = "\n".join(
        [
            "某县某局2023年项目绩效目标表",
            "项目名称\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重",
            "培训\t效益指标\t社会效益指标\t投诉次数\t反向指标\t3\t次\t100",
        ]
    )
    (indicator,) = table_of(text).indicators()
    assert isinstance(indicator, perfscore.TargetIndicator)
    assert (indicator.op, indicator.direction, str(indicator.parsed)) == (None, "反向", "≤3次")


def test_a_note_in_brackets_after_a_target_is_set_aside_with_a_reading() -> None:
    # (百分比) repeats the unit, which the notation reads itself; a note such as (抽样调查) is not
    text = goal("培训\t\t产出指标\t数量指标\t覆盖率\t>=98%(抽样调查)\t正向\t100", weights=True)
    imported = import_table(text, name="example")
    (indicator,) = imported.table.indicators()
    assert isinstance(indicator, perfscore.TargetIndicator)
    assert (indicator.target, indicator.read_target) == (">=98%(抽样调查)", ">=98%")
    (said,) = [f for f in imported.findings if f.kind == "cell-note"]
    assert said.severity is Severity.WARNING
    # a target that does not read without its note either is left out, as before
    bad_row = "\t\t产出指标\t数量指标\t合格率\t≥9O%(抽样调查)\t正向\t50"
    bad = import_table(text.replace("\t100", "\t50") + "\n" + bad_row, name="example2")
    (skipped,) = bad.must_act
    assert (skipped.kind, skipped.indicator) == ("skipped", "1.2")


@pytest.mark.parametrize("scored", [False, True])
def test_a_self_evaluation_form_printing_no_weights_keeps_its_rows_unweighted(
    scored: bool,
) -> None:
    # Some county forms print 年度指标值 and 全年完成值 only, others 得分 without 分值: the rows
    # are the form's, with no weight, as on a goal form printing no 权重 (said once).
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t全年完成值" + ("\t得分" if scored else "")
    rows = [
        "产出指标\t数量指标\t储备到位率\t100%\t100%" + ("\t20" if scored else ""),
        "满意度指标\t服务对象满意度指标\t市民满意度\t≥90%\t95%" + ("\t10" if scored else ""),
    ]
    title = ["某县某局2020年度项目绩效自评表", "单位：万元", "项目名称\t储备粮"]
    text = "\n".join([*title, header, *rows])
    imported = import_table(text, name="example")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    assert [(i.name, i.weight) for i in table.indicators()] == [
        ("储备到位率", None),
        ("市民满意度", None),
    ]
    (said,) = [f for f in imported.findings if "prints no 权重" in f.action]
    assert said.kind == "default"
    assert "2 indicators" in said.action


_UNITS = [
    "某中心2023年度整体绩效目标表",
    "部门(单位)名称\t某中心",
    "一级指标\t二级指标\t三级指标\t指标值类型\t指标值\t计量单位",
]


@pytest.mark.parametrize(
    ("row", "target", "unit"),
    [
        # The Hunan whole-unit form: 28.8萬元 under 计量单位 %: the cell's own unit is read.
        ("产出指标\t数量指标\t业务工作支出安排金额\t定量\t28.8萬元\t%", "28.8萬元", None),
        ("产出指标\t数量指标\t培训人次\t定量\t≥500人次\t%", "≥500人次", None),
        # the same kind (元 and 万元 convert): nothing to decide, the column's unit kept
        ("产出指标\t数量指标\t补助资金\t定量\t12万元\t元", "12万元", "元"),
        # no unit of its own: the column's
        ("产出指标\t质量指标\t到位率\t定量\t100\t%", "100", "%"),
    ],
)
def test_a_target_printing_its_own_unit_is_read_in_it_a_finding_to_check(
    row: str, target: str, unit: str | None
) -> None:
    imported = import_table("\n".join([*_UNITS, row]), name="x", year=2023, department="x")
    table = imported.table
    assert isinstance(table, perfscore.TargetsTable)
    (indicator,) = table.indicators()
    assert (indicator.target, indicator.unit) == (target, unit)
    said = [f for f in imported.findings if "prints its own unit" in f.action]
    assert [(f.kind, f.severity, f.indicator) for f in said] == (
        [("unit", Severity.WARNING, "1.1")] if unit is None else []
    )
    assert not [f for f in imported.findings if f.severity is Severity.ERROR]
