"""perfscore.importing._metadata: the title, department, year and
money unit read from the lines above a table."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore.importing import Imported, ImportFinding, import_table
from perfscore.importing._metadata import metadata
from perfscore.importing._sources import SourceRow
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


def test_a_table_without_a_title_takes_its_year_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "county-hrss-2021.txt"
    path.write_text(
        "职责活动\t年度预算数\t内容描述\t绩效目标\t绩效指标\t优\t良\t中\t差\n"
        "一、职责\t\t\t\t\t\t\t\t\n"
        "1、活动\t\t\t\t完成率\t100%\t≥90%\t≥80%\t<80%\n",
        encoding="utf-8",
    )
    imported = import_table(path)
    assert (imported.table.name, imported.table.year) == ("county-hrss-2021", 2021)
    years = [f for f in imported.findings if f.kind == "metadata" and "year" in f.action]
    assert len(years) == 1
    assert "2021 (from the file name)" in years[0].action


# -- metadata itself, from the lines above a table -----------------------------------------------


def lines(*texts: str) -> list[SourceRow]:
    return [SourceRow(tuple(t.split("\t")), k, prose=True) for k, t in enumerate(texts, start=1)]


def read(
    before: list[SourceRow],
    *,
    label: str = "t.txt",
    name: str | None = None,
    year: int | None = None,
    path: str = "t.txt",
) -> tuple[dict[str, Any], list[str]]:
    findings: list[ImportFinding] = []
    fields = metadata(before, label, name, year, path, findings)
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
    fields, findings = read(lines("某局 2019 年"), name="given", year=2020)
    assert (fields["name"], fields["year"]) == ("given", 2020)
    assert findings == []


def test_a_year_missing_from_the_title_comes_from_the_file_name_with_a_finding() -> None:
    fields, findings = read(lines("部门职责-工作活动绩效目标"), label="county-hrss-2021.txt")
    assert fields["year"] == 2021
    assert fields["department"]["name"] == "(department)"
    assert findings == [
        "line 1: '部门职责-工作活动绩效目标': no budget year in the title: 2021 (from the file "
        "name); give the year with --year",
        "line 1: '部门职责-工作活动绩效目标': no department name found in the title; edit "
        "department.name",
    ]


def test_with_nothing_above_the_table_every_field_is_made_up_and_said() -> None:
    this_year = datetime.date.today().year
    fields, findings = read([], label="000_abc.txt", path="000_abc.txt")
    assert (fields["name"], fields["year"], fields["title"]) == (
        f"imported-{this_year}", this_year, None,
    )  # fmt: skip
    assert findings == [
        f"the source: '000_abc.txt': no budget year in the title: {this_year} (this year); "
        "give the year with --year",
        "the source: '': no department name found in the title; edit department.name",
        f"the source: '000_abc': named 'imported-{this_year}' (the file name is not a table "
        "name); give one with --name",
    ]


@pytest.mark.parametrize("name", ["Bad Name", "表", "-x", "a_b"])
def test_a_name_given_must_be_a_table_name(name: str) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        read([], name=name)
    assert str(raised.value) == (
        f"a table name is lower-case ASCII letters, digits and -, not {name!r}"
    )
