"""perfscore.importing._metadata: the title, department, year and
money unit read from the lines above a table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore.importing import Imported, ImportFailed, ImportFinding, import_table
from perfscore.importing._metadata import Given, MetadataMissing, metadata
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


def test_the_forms_own_cells_name_the_department_by_priority() -> None:
    form = {"implementer": "某中心", "department": "某局", "name": "某项目"}
    findings: list[ImportFinding] = []
    fields = metadata(
        lines("项目支出绩效目标表（2020年度）"), "t", Given(), "t.txt", findings, form
    )
    assert fields["department"]["name"] == "某局"
    assert [f.severity for f in findings] == [Severity.NOTE]
    assert "主管部门" in findings[0].action


@pytest.mark.parametrize("name", ["Bad Name", "表", "-x", "a_b"])
def test_a_name_given_must_be_a_table_name(name: str) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        read([], name=name)
    assert str(raised.value) == (
        f"a table name is lower-case ASCII letters, digits and -, not {name!r}"
    )
