"""perfscore.importing._metadata: the title, department, year and
money unit read from the lines above a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.importing import Imported, ImportFailed, ImportFinding, import_table
from perfscore.importing._metadata import Given, MetadataMissing, metadata, read_lines
from perfscore.importing._sources import SourceRow
from perfscore.tables import Severity
from tests.importing.import_data import DISCLOSURE


def test_metadata_from_the_disclosure(seed: Imported, bundled: perfscore.Table) -> None:
    table = seed.table
    assert (table.title, table.department, table.year, table.money_unit) == (
        bundled.title,
        bundled.department,
        bundled.year,
        bundled.money_unit,
    )
    assert table.source == DISCLOSURE.name


def test_a_table_without_a_title_stops_asking_for_the_year_and_department(
    tmp_path: Path,
) -> None:
    path = tmp_path / "county-hrss-2021.txt"
    path.write_text(
        "职责活动\t年度预算数\t内容描述\t绩效目标\t绩效指标\t优\t良\t中\t差\n"
        "一、职责\t\t\t\t\t\t\t\t\n"
        "1、活动\t\t\t\t完成率\t100%\t≥90%\t≥80%\t<80%\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as raised:
        import_table(path)
    assert "--year" in raised.value.reason
    assert "--department" in raised.value.reason
    assert "year=" in raised.value.reason
    assert "department=" in raised.value.reason
    asked = [f for f in raised.value.findings if f.kind == "metadata"]
    assert [f.severity for f in asked] == [Severity.ERROR, Severity.ERROR]
    imported = import_table(path, year=2021, department="某县人社局")
    assert (imported.table.name, imported.table.year) == ("county-hrss-2021", 2021)
    assert imported.table.department.name == "某县人社局"
    assert not imported.must_act


# -- metadata itself, from the lines above a table -----------------------------------------------


def lines(*texts: str) -> list[SourceRow]:
    return [SourceRow(tuple(t.split("\t")), k, prose=True) for k, t in enumerate(texts, start=1)]


def read(
    before: list[SourceRow],
    *,
    label: str = "t.txt",
    name: str | None = None,
    year: int | None = None,
    department: str | None = None,
    path: str = "t.txt",
) -> tuple[dict[str, Any], list[str]]:
    findings: list[ImportFinding] = []
    fields = metadata(before, label, Given(name, year, department), path, findings)
    assert all(f.kind == "metadata" for f in findings)
    return fields, [str(f) for f in findings]


def test_a_disclosures_lines_give_every_field() -> None:
    fields, findings = read(
        lines("赞皇县人力资源和社会保障局 2018 年部门预算公开", "", "323 人社局",
              "五、部门职责-工作活动绩效目标", "单位：万元"),
        label="disclosure.txt",
        path="zanhuang-hrss-2018.txt",
    )  # fmt: skip
    assert fields == {
        "format": 1,
        "name": "zanhuang-hrss-2018",
        "title": "赞皇县人力资源和社会保障局 2018 年五、部门职责-工作活动绩效目标",
        "department": {"name": "赞皇县人力资源和社会保障局", "short_name": "人社局", "code": "323"},
        "year": 2018,
        "money_unit": "万元",
        "source": "disclosure.txt",
    }
    assert findings == []


@pytest.mark.parametrize(
    ("texts", "department", "year", "title", "money"),
    [
        (["某县某局2019年度部门职责-工作活动绩效目标"], "某县某局", 2019,
         "某县某局2019年度部门职责-工作活动绩效目标", None),
        (["某局 2019 年 标题", "单位: 元", "表一"], "某局", 2019, "某局 2019 年表一", "元"),
        (["某局\t2019 年\t预算"], "某局", 2019, "某局 2019 年 预算", None),  # cells of a sheet
    ],
)  # fmt: skip
def test_the_title_department_year_and_money_unit(
    texts: list[str], department: str, year: int, title: str, money: str | None
) -> None:
    fields, findings = read(lines(*texts))
    assert (fields["department"]["name"], fields["year"]) == (department, year)
    assert (fields["title"], fields["money_unit"]) == (title, money)
    assert findings == []


def test_a_name_and_year_given_win_over_what_is_read() -> None:
    fields, findings = read(lines("某局 2019 年"), name="given", year=2020, department="某处")
    assert (fields["name"], fields["year"]) == ("given", 2020)
    assert fields["department"]["name"] == "某处"
    assert findings == []


@pytest.mark.parametrize(
    ("texts", "year", "department", "money"),
    [
        (["项目支出绩效目标申报表(2019年度)", "主管部门：某县人社局"], 2019, "某县人社局", None),
        (["部门预算项目绩效目标申报表（2023年度）", "单位名称：某镇政府", "单位：元"], 2023,
         "某镇政府", "元"),
        (["2022年部门整体支出绩效目标表", "填报单位：某县教育局 单位：万元"], 2022,
         "某县教育局", "万元"),
        (["某县人社局2021年度项目支出绩效自评表", "填报日期：2022年3月1日"], 2021,
         "某县人社局", None),
        (["323 人社局 单位：万元", "某县人社局 2020 年项目绩效目标"], 2020, "某县人社局", "万元"),
        (["实施单位：某县就业服务中心", "主管部门：某县人社局", "(2020年度)"], 2020, "某县人社局",
         None),
    ],
)  # fmt: skip
def test_the_year_department_and_money_unit_as_printed(
    texts: list[str], year: int, department: str, money: str | None
) -> None:
    fields, _ = read(lines(*texts))
    assert (fields["year"], fields["department"]["name"], fields["money_unit"]) == (
        year,
        department,
        money,
    )


@pytest.mark.parametrize(
    "texts",
    [
        ["部门预算项目绩效目标申报表(2019年度)"],  # a form's title names no department
        ["项目支出绩效自评表（2021年度）", "人社局单位：万元"],  # a unit line is no department
    ],
)
def test_a_title_naming_no_department_stops_the_import(texts: list[str]) -> None:
    findings: list[ImportFinding] = []
    with pytest.raises(MetadataMissing) as raised:
        metadata(lines(*texts), "t.txt", Given(), "t.txt", findings)
    assert "--department" in raised.value.reason
    assert "--year" not in raised.value.reason
    fields = metadata(lines(*texts), "t.txt", Given(department="某县人社局"), "t.txt", [])
    assert fields["department"]["name"] == "某县人社局"


def test_nothing_is_made_up_when_nothing_is_above_the_table() -> None:
    findings: list[ImportFinding] = []
    with pytest.raises(MetadataMissing):
        metadata([], "000_abc.txt", Given(), "000_abc.txt", findings)
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.ERROR]
    fields, said = read([], label="000_abc.txt", path="000_abc.txt", year=2020, department="某局")
    assert (fields["name"], fields["year"], fields["title"]) == ("imported-2020", 2020, None)
    assert said == [
        "the source: '000_abc': named 'imported-2020' (the file name is not a table name); give "
        "one with --name",
    ]


@pytest.mark.parametrize(
    ("kind", "department", "other"),
    [
        ("goal", "某局", "实施单位 '某中心'"),  # a goal form is the department's declaration
        (None, "某局", "实施单位 '某中心'"),  # as is a ladder table
        ("self-evaluation", "某中心", "主管部门 '某局'"),  # a self-evaluation the unit's own
    ],
)
def test_the_forms_own_cells_name_the_department_by_priority(
    kind: str | None, department: str, other: str
) -> None:
    form = {"implementer": "某中心", "department": "某局", "name": "某项目"}
    findings: list[ImportFinding] = []
    fields = metadata(
        lines("项目支出绩效目标表（2020年度）"), "t", Given(), "t.txt", findings, form, (), kind
    )
    assert fields["department"]["name"] == department
    # the other name printed is said, to check
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert other in findings[0].action
    assert "--department" in findings[0].action


@pytest.mark.parametrize("name", ["Bad Name", "表", "-x", "a_b"])
def test_a_name_given_must_be_a_table_name(name: str) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        read([], name=name)
    assert str(raised.value) == (
        f"a table name is lower-case ASCII letters, digits and -, not {name!r}"
    )


# -- the form's labels: which is read, and how -------------------------------------------------


def block_of(*texts: str) -> list[SourceRow]:
    return [SourceRow(tuple(t.split("\t")), k, prose=False) for k, t in enumerate(texts, start=10)]


def read_block(
    before: list[str], block: list[str], kind: str | None = None
) -> tuple[dict[str, Any], list[ImportFinding]]:
    findings: list[ImportFinding] = []
    fields = metadata(lines(*before), "t", Given(), "t.txt", findings, None, block_of(*block), kind)
    return fields, [f for f in findings if f.kind == "metadata"]


@pytest.mark.parametrize(
    ("block", "department", "where"),
    [
        # a label and its value as cells of a row, a space between them (a space-aligned copy)
        (["主管部门 南岳镇政府 实施单位 [610001]湖南省某生态农业发展有限公司"], "南岳镇政府",
         "主管部门"),  # a company carries the project out: the department is the one over it
        (["部门(单位)名称 中共宁德市委党史和地方志研究室 部门预算编码 901001033"],
         "中共宁德市委党史和地方志研究室", "部门(单位)名称"),
        (["部门\t金寨县茶谷和美丽乡村建设服务中心"], "金寨县茶谷和美丽乡村建设服务中心", "部门"),
        # a label and its value each on a line of their own (a copy giving a cell per line)
        (["项目名称", "办公楼暖通改造经费", "主管部门", "廊坊市发改委", "实施单位",
          "廊坊市食品工程学校", "项目资金"], "廊坊市食品工程学校", "实施单位"),
        # a public body whose name speaks of enterprises is no company
        (["主管部门 某县工信局 实施单位 某县中小企业服务中心"], "某县中小企业服务中心", "实施单位"),
        # a label wrapped inside its cell, its lines given apart (主管 / 部门, 实施 / 单位)
        (["主管", "部门", "廊坊市发改委", "实施", "单位", "廊坊市食品工程学校"],
         "廊坊市食品工程学校", "实施单位"),
        (["主管部门", "及编码", "[015001]某区教育局", "实施单位", "某区第一中学"], "某区第一中学",
         "实施单位"),
        # a label whose first character the copy lost (一级预算单位名称)
        (["级预算单位名称", "陵区林业局", "年度预"], "陵区林业局", "级预算单位名称"),
        # traditional characters and a pinyin gloss inside the label: the value as printed
        (["主管部門\t麗江市自然資源和規(guī)劃局\t實(shí)施單位\t麗江市古城區(qū)自然資源局"],
         "麗江市古城區(qū)自然資源局", "實(shí)施單位"),
        # the place a label leaves for the seal is no value: the name comes after it
        (["主管部门", "某县发改局本级", "实施单位 (盖章)", "某县发改局"], "某县发改局", "实施单位"),
        (["主管部门 某县发改局本级 实施单位（盖章） 某县发改局"], "某县发改局", "实施单位"),
    ],
)  # fmt: skip
def test_a_label_and_its_value_as_printed(block: list[str], department: str, where: str) -> None:
    fields, findings = read_block(["项目支出绩效自评表", "(2022年度)"], block, "self-evaluation")
    assert fields["department"]["name"] == department
    assert f"the department read from {where}" in findings[0].action


@pytest.mark.parametrize(
    ("texts", "department", "others"),
    [
        # a goal form's 主管部门 wins over its 实施单位
        (["绩效目标申报表(2022年度)", "主管部门 岳阳县农业农村局 实施单位 农田建设服务中心"],
         "岳阳县农业农村局", ["实施单位"]),
        (["绩效目标表(2020年度)", "项目主管部门 青山区教育局 项目执行单位 化工区学校"],
         "青山区教育局", ["项目执行单位"]),
        (["项目支出绩效自评表(2020年度)", "项目主管部门 青山区教育局 项目执行单位 化工区学校"],
         "化工区学校", ["项目主管部门"]),
        # the unit's own name wins over 实施单位 and 主管部门 (the Yunnan 公开 form)
        (["2022年度项目支出绩效自评表 部门:临沧市永德县明朗中学",
          "主管部门 永德县教育体育局 实施单位 永德县明朗中学"], "临沧市永德县明朗中学",
         ["实施单位", "主管部门"]),
        # 实施单位 wins over 主管部门
        (["绩效目标自评表 (2023年度)", "主管部门 县农业农村局 实施单位 张庄寨镇人民政府"],
         "张庄寨镇人民政府", ["主管部门"]),
        # any label wins over the title (the title is the publisher's heading)
        (["成安县民政局2020年度预算项目绩效自评表", "实施(主管)单位 314002-成安县民政局机关"],
         "成安县民政局机关", ["the title"]),
        (["某县人社局2021年度项目支出绩效自评表", "主管部门：某县人民政府"], "某县人民政府",
         ["the title"]),
        # the same unit printed twice (codes apart) is no other choice
        (["自评表 (2022年度)", "主管部门 219-某镇人民政府 实施单位 219001-某镇人民政府"],
         "某镇人民政府", []),
    ],
)  # fmt: skip
def test_which_label_wins_and_the_others_are_said(
    texts: list[str], department: str, others: list[str]
) -> None:
    kind = "self-evaluation" if "自评" in texts[0] else "goal"
    fields, findings = read_block(texts[:1], texts[1:], kind)
    assert fields["department"]["name"] == department
    (said,) = [f.action for f in findings]
    for label in others:
        assert f"{label} '" in said
    assert ("also prints" in said) == bool(others)


@pytest.mark.parametrize(
    ("printed", "name", "code"),
    [
        ("[015001]武汉市青山区教育局", "武汉市青山区教育局", "015001"),
        ("(433)乌海市供销合作社联合社(部门)", "乌海市供销合作社联合社(部门)", "433"),
        ("820001-井研县马踏镇人民政府", "井研县马踏镇人民政府", "820001"),
        ("314002-成安县民政局机关", "成安县民政局机关", "314002"),
    ],
)
def test_a_budget_code_before_a_name_is_the_departments_code(
    printed: str, name: str, code: str
) -> None:
    fields, findings = read(lines("项目支出绩效目标表（2020年度）", f"主管部门：{printed}"))
    assert fields["department"] == {"name": name, "short_name": None, "code": code}
    (said,) = findings
    assert f"the budget code {code} printed before its name" in said


def test_a_code_printed_with_the_same_units_other_label_is_its_code() -> None:
    fields, _ = read_block(
        ["项目支出绩效目标表", "2020年度)"],
        ["主管部门", "及编码", "[015001]武汉市青山区教育局", "实施单位", "武汉市青山区教育局"],
    )
    assert fields["department"]["name"] == "武汉市青山区教育局"
    assert fields["department"]["code"] == "015001"


@pytest.mark.parametrize(
    "block",
    [
        ["主管部门", "实施单位", "项目资金"],  # labels printed with no value
        ["填报单位:(盖章) 单位:万元"],  # the seal's place
        ["单位名称 单位性质 单位规格 经费保障形式"],  # a list's column headings
        ["主管部门 实施单位 全年预算数 全年执行数"],  # a flattened budget block
        ["实施单位 [610001]湖南省某生态农业发展有限公司"],  # a company is no department
    ],
)
def test_a_label_with_no_department_after_it_stops_the_import(block: list[str]) -> None:
    findings: list[ImportFinding] = []
    with pytest.raises(MetadataMissing) as raised:
        metadata(lines("绩效目标申报表(2022年度)"), "t", Given(), "t.txt", findings, None,
                 block_of(*block))  # fmt: skip
    assert "--department" in raised.value.reason
    assert "--year" not in raised.value.reason
    assert [f.severity for f in findings] == [Severity.ERROR]


def test_a_place_alone_before_the_year_is_no_department() -> None:
    with pytest.raises(MetadataMissing) as raised:
        metadata(lines("鄂州市2022年市直部门预算项目支出绩效目标表"), "t", Given(), "t.txt", [])
    assert "--department" in raised.value.reason


def test_a_form_title_is_the_title_not_the_last_line_above_the_table() -> None:
    fields, _ = read(
        lines("部门整体支出绩效自评表", "(2023年度)", "部门 某中心", "1.建设美丽乡村;2.整治村庄")
    )
    assert fields["title"] == "部门整体支出绩效自评表"


def test_a_year_is_not_a_code_line() -> None:
    found = read_lines(["部门整体支出绩效目标表", "2019年度)", "854万(高标准农田建设400万元)"])
    assert (found.code, found.short, found.year) == (None, None, 2019)


_NAMES = st.sampled_from(
    ["某县人社局", "南岳镇政府", "[015001]某局", "820001-某镇人民政府", "某有限公司", "鄂州市", ""]
)
_LABELS = st.sampled_from(
    ["单位名称", "部门", "主管部门", "实施单位", "实施(主管)单位", "填报单位:", "预算单位：",
     "级预算单位名称", "项目名称", "2022年度", "绩效目标表", "(盖章)", "|"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.one_of(_NAMES, _LABELS), max_size=6), max_size=6),
    st.sampled_from([None, "goal", "self-evaluation"]),
)
def test_a_department_read_is_printed_never_made_up(
    cells: list[list[str]], kind: str | None
) -> None:
    texts = [" ".join(row) for row in cells]
    found = read_lines(texts[:2], {}, texts[2:], kind)
    printed = "".join("".join(texts).split())
    if found.department is not None:
        assert "".join(found.department.split()) in printed
        assert found.department_from is not None
    if found.department_code is not None:
        assert found.department_code in printed


@pytest.mark.parametrize(
    ("kind", "block", "department"),
    [
        # a self-evaluation's 实施单位 printed, its value out of reach (a flattened sheet): the
        # 主管部门 is not taken for it
        ("self-evaluation", ["主管部门 稷山县医疗保障局 项目资金 实施单位 全年预算数 全年执行数"],
         None),
        ("goal", ["主管部门 实施单位 某县农田建设服务中心"], None),
        # a label of a lower kind printed without a value does not stop the one that wins
        ("goal", ["主管部门 某县农业农村局 实施单位 项目资金"], "某县农业农村局"),
    ],
)  # fmt: skip
def test_the_label_that_wins_printed_without_a_value_stops_the_import(
    kind: str, block: list[str], department: str | None
) -> None:
    findings: list[ImportFinding] = []
    before, given = lines("项目支出绩效表(2020年度)"), Given()
    if department is not None:
        fields = metadata(before, "t", given, "t.txt", findings, None, block_of(*block), kind)
        assert fields["department"]["name"] == department
        return
    with pytest.raises(MetadataMissing) as raised:
        metadata(before, "t", given, "t.txt", findings, None, block_of(*block), kind)
    assert "printed with no value readable" in raised.value.reason
    assert "--department" in raised.value.reason
