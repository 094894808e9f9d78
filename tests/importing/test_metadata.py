"""perfscore.importing._metadata: the title, department, year and
money unit read from the lines above a table."""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore.importing import Imported, import_table

DISCLOSURE = Path(__file__).parents[1] / "data" / "zanhuang-hrss-2018-disclosure.txt"


@pytest.fixture(scope="module")
def seed() -> Imported:
    return import_table(DISCLOSURE, name="zanhuang-hrss-2018")


@pytest.fixture(scope="module")
def bundled() -> perfscore.Table:
    return perfscore.load_table("zanhuang-hrss-2018")


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
