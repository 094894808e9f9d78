"""perfscore.importing._run_body: a whole table run together, read into rows and findings."""

from __future__ import annotations

from perfscore.importing import import_table
from perfscore.importing._run_body import read_run
from perfscore.tables import TargetsTable

TEXT = (
    "附件:2022年12月30日绩效目标自评表(2022年度)项目名称水标尺制作安装主管部门某县水利局"
    "实施单位某县水利局绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施"
    "产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10成本指标项目计划总投资1020万元20万元10"
    "效益指标(30分)社会效益指标群众生产生活条件改善状况10显著提升显著提升8施工期短……总分3028注:1.说明"
)


def test_every_row_a_finding_and_the_total_apart() -> None:
    source = read_run([TEXT])
    assert source is not None
    table = [r.cells for r in source.rows if not r.prose and len(r.cells) == 8]
    assert table[1][2:7] == ("安装坡面水标尺", "10", "≥266米", "≥266米", "10")
    assert table[2][2:7] == ("项目计划总投资", "10", "20万元", "20万元", "10")
    assert table[3][2:8] == (
        "群众生产生活条件改善状况",
        "10",
        "显著提升",
        "显著提升",
        "8",
        "施工期短",
    )
    assert table[4][:2] == ("总分", "3028")
    split = [f for f in source.findings if f.kind == "fused-cells"]
    assert len(split) == 5
    assert "项目计划总投资1020万元20万元10" in split[1].text
    # the levels print 70 and 30 points over rows of 20 and 10: said, for a person to check
    assert [f.text.split(":")[0] for f in split[3:]] == ["产出指标(70分)", "效益指标(30分)"]


def test_imported_with_the_printed_department_and_year(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "run.txt"
    path.write_text(TEXT, encoding="utf-8")
    imported = import_table(path, name="run")
    assert imported.table.year == 2022
    assert imported.table.department.name == "某县水利局"
    (project,) = getattr(imported.table, "projects")  # noqa: B009  # a targets table
    assert [i.name for i in project.indicators] == [
        "安装坡面水标尺", "项目计划总投资", "群众生产生活条件改善状况",
    ]  # fmt: skip
    assert [i.weight for i in project.indicators] == [10, 10, 10]


def test_a_page_number_between_cells_is_taken_out_and_its_line_counted() -> None:
    # A Hunan self-evaluation from a document site: the site's page numbers (2、, 3、) start
    # lines, one between a target and its actual, one between a name and its target.
    source = read_run(
        [
            "1、2020年度县级专项资金绩效目标自评表一级指标二级指标三级指标年度指标值全年完成值"
            "未完成原因和改进措施产出指标数量指标库存数量真实率100%",
            "2、100%效益指标可持续影响指标粮食储备设备维护及安全性",
            "3、高高满意度指标服务对象满意度指标市民满意度调查90%100%",
        ]
    )
    assert source is not None
    rows = [(r.line, r.cells[2:5]) for r in source.rows if len(r.cells) == 6][1:]
    assert rows == [
        (1, ("库存数量真实率", "100%", "100%")),
        (2, ("粮食储备设备维护及安全性", "高", "高")),
        (3, ("市民满意度调查", "90%", "100%")),
    ]


def test_the_side_label_printed_again_where_a_page_broke_is_no_cell() -> None:
    # Where the printed page broke, the Hunan form prints its side label 绩效指标 and the
    # level-1 cell again (…动用库存绩效指标效益指标…): the label is no part of the reason before.
    source = read_run(
        [
            "一级指标二级指标三级指标年度指标值全年完成值未完成原因和改进措施效益指标经济效益指标"
            "政策性挂账利息补贴保障率100%无没有轮换、动用库存绩效指标效益指标生态效益指标"
            "食品安全指标达标率100%100%"
        ]
    )
    assert source is not None
    rows = [r.cells for r in source.rows if len(r.cells) == 6][1:]
    assert [row[2:] for row in rows] == [
        ("政策性挂账利息补贴保障率", "100%", "无", "没有轮换、动用库存"),
        ("食品安全指标达标率", "100%", "100%", ""),
    ]


def test_a_direction_column_run_together_is_read_as_the_rows_direction() -> None:
    # A goal form run together with its 指标方向性 column (正向指标 / 反向指标 after the
    # target): each row's direction is the one printed, never the start of the next name.
    text = (
        "2023年度项目绩效目标表项目名称道路养护主管部门某县交通运输局"
        "一级指标二级指标三级指标指标值指标方向性分值"
        "产出指标数量指标养护里程≥120公里正向指标40成本指标项目总成本≤90万元反向指标30"
        "效益指标社会效益指标道路通行率≥98%正向指标30"
    )
    imported = import_table(text + "\n", name="run-direction")
    assert isinstance(imported.table, TargetsTable)
    got = {i.name: (i.target, i.direction) for i in imported.table.indicators()}
    assert got == {
        "养护里程": ("≥120公里", "正向"),
        "项目总成本": ("≤90万元", "反向"),
        "道路通行率": ("≥98%", "正向"),
    }
