"""perfscore.tables._models: the ladder Table and its parts as frozen
models: the bundled table, lookups, validation."""

from __future__ import annotations

import math
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore import Grade, TableError, UnknownIndicator, load_table
from perfscore.tables import Indicator, Table
from tests.table_data import raw, small

ROOT = Path(__file__).resolve().parents[2]
TABLE = "zanhuang-hrss-2018"


@pytest.fixture(scope="module")
def table() -> Table:
    return load_table(TABLE)


# -- the bundled table ---------------------------------------------------------------------


def test_bundled_table_has_the_published_shape(table: Table) -> None:
    assert table.department.name == "赞皇县人力资源和社会保障局"
    assert table.department.code == "323"
    assert (table.year, table.money_unit) == (2018, "万元")
    assert len(table.duties) == 13
    assert len(table.activities()) == 42
    assert len(table.indicators()) == len(table) == 68
    assert [d.ordinal for d in table.duties][:3] == ["一", "二", "三"]
    assert table.duties[-1].ordinal == "十三"


def test_every_budget_is_blank_as_published(table: Table) -> None:
    assert {d.budget for d in table.duties} | {a.budget for a in table.activities()} == {None}


def test_ids_follow_the_scheme_in_table_order(table: Table) -> None:
    for d, duty in enumerate(table.duties, start=1):
        assert duty.id == str(d)
        for a, activity in enumerate(duty.activities, start=1):
            assert activity.id == f"{d}.{a}"
            for i, indicator in enumerate(activity.indicators, start=1):
                assert indicator.id == f"{d}.{a}.{i}"


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("1.1.1", "公益性岗位补贴到位率"),
        ("1.2.2", "新增就业人员数量"),
        ("7.1.2", "政务服务、12333电话咨询系统及信息系统建设完成情况"),
        ("9.2.1", "当年基金使用率"),
        ("10.1.1", "发生违纪事故"),
        ("10.3.1", "教学计划的实施效果"),
        ("11.2.1", "完成培训人数"),
        ("13.2.3", "合格率"),
    ],
)
def test_published_names(table: Table, key: str, name: str) -> None:
    assert table.indicator(key).name == name


def test_the_repaired_name_keeps_the_published_text(table: Table) -> None:
    indicator = table.indicator("7.1.2")
    assert indicator.published_name == "政务服务、12333电话咨询询系统及信息系统建设完成情况"
    assert indicator.readings[0].field == "name"
    assert "询" in indicator.readings[0].why
    # Every other indicator is published as named.
    assert [i.id for i in table.indicators() if i.published_name != i.name] == ["7.1.2"]


def test_readings_keep_the_published_cells(table: Table) -> None:
    incidents = table.indicator("发生违纪事故")
    assert incidents.cells == {"优": "1次", "良": None, "中": None, "差": "1次以上"}
    assert incidents.read_cells[Grade.EXCELLENT] == "≤1次"
    assert [incidents.grade(n) for n in (0, 1, 2)] == [Grade.EXCELLENT, Grade.EXCELLENT, Grade.POOR]


def test_lookup_by_unique_name_and_not_by_a_repeated_one(table: Table) -> None:
    assert table.indicator("当年基金使用率").id == "9.2.1"
    with pytest.raises(UnknownIndicator) as caught:
        table.indicator("合格率")
    assert str(caught.value) == "'合格率' names 2 indicators (13.1.2, 13.2.3); use an id"
    assert list(caught.value.suggestions) == ["13.1.2", "13.2.3"]


def test_unknown_indicator_is_a_key_error_with_suggestions(table: Table) -> None:
    with pytest.raises(KeyError) as caught:
        table.indicator("9.2.7")
    error = caught.value
    assert isinstance(error, UnknownIndicator)
    assert isinstance(error, perfscore.PerfscoreError)
    assert str(error).startswith(f"table {TABLE} has no indicator '9.2.7'; did you mean '9.2.1'")
    assert "9.2.1" in error.suggestions


def test_parents_of_an_indicator(table: Table) -> None:
    assert table.duty_of("9.2.1").name == "城乡居民医疗保险管理"
    assert table.activity_of("9.2.1").id == "9.2"


# -- grading at the published boundaries ---------------------------------------------------

_STANDARD = re.compile(r"^(?:≥)?(\d+)%?$")


def _standard_thresholds(indicator: Indicator) -> tuple[Fraction, Fraction, Fraction] | None:
    """For the common form ``100% / ≥90% / ≥80% / <80%``, its three thresholds."""
    texts = [indicator.read_cells[g] for g in perfscore.GRADES]
    if indicator.readings or None in texts:
        return None
    best, good, fair, poor = (text or "" for text in texts)
    if not (good.startswith("≥") and fair.startswith("≥") and poor.startswith("<")):
        return None
    found = [_STANDARD.match(c) for c in (best, good, fair)]
    if not all(found) or poor.strip("<%") != fair.strip("≥%"):
        return None
    a, b, c = (Fraction(m.group(1)) for m in found if m is not None)
    return a, b, c


def test_the_standard_ladders_grade_their_boundaries(table: Table) -> None:
    tested = 0
    for indicator in table.indicators():
        thresholds = _standard_thresholds(indicator)
        if thresholds is None:
            continue
        tested += 1
        step = Fraction(1) if indicator.ladder.counted else Fraction(1, 100)
        best, good, fair = thresholds
        for value, grade in [
            (best, Grade.EXCELLENT),
            (best - step, Grade.GOOD),
            (good, Grade.GOOD),
            (good - step, Grade.FAIR),
            (fair, Grade.FAIR),
            (fair - step, Grade.POOR),
            (Fraction(0), Grade.POOR),
        ]:
            assert indicator.grade(value) is grade, (indicator.id, value)
    # All but the dozen indicators with other forms (checked one by one below).
    assert tested >= 50


@pytest.mark.parametrize(
    ("key", "cases"),
    [
        ("9.2.1", [("85%", "优"), ("100%", "优"), ("100.01%", "差"), ("84.99%", "良"),
                   ("83%", "良"), ("82.99%", "中"), ("80%", "中"), ("79.99%", "差")]),
        ("8.1.1", [("100%", "优"), ("99%", "良"), ("80%", "良"), ("79.9%", "中"), ("60%", "中"),
                   ("59.9%", "差")]),
        ("10.1.1", [(0, "优"), (1, "优"), (2, "差")]),
        ("10.4.1", [(36, "优"), (35, "良"), (30, "良"), (29, "中"), (25, "中"), (24, "差")]),
        ("10.5.1", [(4, "优"), (3, "优"), (2, "良"), (1, "中"), (0, "差")]),
        ("11.1.1", [(2, "优"), (1, "优"), (0, "差")]),
        ("3.1.1", [(3, "优"), (2, "良"), (1, "中"), (0, "差")]),
        ("11.2.1", [(500, "优"), (499, "良"), (400, "良"), (399, "中"), (300, "中"), (299, "差")]),
        ("12.2.1", [(600, "优"), (599, "良"), (400, "良"), (399, "中"), (300, "中"), (299, "差")]),
        ("13.2.2", [("80%", "优"), ("79.9%", "良"), ("60%", "良"), ("59.9%", "中"),
                    ("50%", "中"), ("49.9%", "差")]),
        ("10.3.1", [("有效实施", "优"), ("能完整的 实施", "良"), ("基本上能实施", "中"),
                    ("不能很好实施", "差")]),
        ("11.2.2", [("聘请相关专业教师授课", "良"), ("师资力量不足", "差")]),
    ],
)  # fmt: skip
def test_other_forms_grade_their_boundaries(
    table: Table, key: str, cases: list[tuple[object, str]]
) -> None:
    indicator = table.indicator(key)
    assert [str(indicator.grade(value)) for value, _ in cases] == [g for _, g in cases]


def test_unparsable_cell_names_its_field_path_with_a_caret() -> None:
    data = raw()
    data["duties"][8]["activities"][1]["indicators"][0]["cells"]["良"] = "≥83%和<8S%"
    with pytest.raises(TableError) as caught:
        load_table(data)
    error = caught.value
    assert error.where.path == "duties[8].activities[1].indicators[0].cells.良"
    assert error.where.indicator == "9.2.1"
    assert str(error) == (
        "<mapping>, duties[8].activities[1].indicators[0].cells.良, indicator 9.2.1: "
        "unexpected 'S'\n"
        "    ≥83%和<8S%\n"
        "            ^"
    )


def test_a_cell_in_a_unit_that_does_not_fit() -> None:
    with pytest.raises(TableError) as caught:
        load_table(small(unit="人"))
    assert caught.value.reason == "percent does not fit the ladder's unit 人"
    assert caught.value.where.path == "duties[0].activities[0].indicators[0].cells.优"


def test_an_unknown_unit() -> None:
    with pytest.raises(TableError, match=r"indicators\[0\].*unknown unit '人头'"):
        load_table(small(unit="人头", cells={"优": "≥3", "良": "≥2", "中": "≥1", "差": "0"}))


def test_a_missing_cell() -> None:
    with pytest.raises(TableError) as caught:
        load_table(small(cells={"优": "100%", "良": "≥90%", "差": "<90%"}))
    assert caught.value.reason == "cells needs all four grades 优 良 中 差; missing ['中']"


def test_a_reading_of_a_field_that_does_not_exist() -> None:
    reading = {"field": "unit", "read_as": "人", "why": "because"}
    with pytest.raises(TableError) as caught:
        load_table(small(readings=[reading]))
    assert caught.value.where.path == "duties[0].activities[0].indicators[0].readings[0].field"
    assert caught.value.reason.startswith("Input should be 'name', '优', '良', '中' or '差'")


def test_an_id_off_the_scheme() -> None:
    with pytest.raises(TableError) as caught:
        load_table(small(id="1.1-1"))
    assert caught.value.where.path == "duties[0].activities[0].indicators[0].id"
    assert caught.value.reason == "String should match pattern '^\\d+\\.\\d+\\.\\d+$'"


def test_duplicate_ids_are_rejected_with_the_field_path() -> None:
    data = raw()
    # 13.2.3 given the id of its neighbour 13.2.2
    data["duties"][12]["activities"][1]["indicators"][2]["id"] = "13.2.2"
    with pytest.raises(TableError) as caught:
        load_table(data)
    assert str(caught.value) == (
        "<mapping>, duties[12].activities[1].indicators[2].id: duplicate id '13.2.2': "
        "duties[12].activities[1].indicators[1].id has it already"
    )


def test_duplicate_duty_ids_are_rejected() -> None:
    data = raw()
    data["duties"][1]["id"] = "1"
    with pytest.raises(TableError, match=r"duties\[1\]\.id: duplicate id '1': duties\[0\]\.id"):
        load_table(data)


def test_an_empty_part_is_named_before_a_duplicate_id_further_on() -> None:
    # The first fault the table's checks name: empty parts are looked for before ids.
    data = raw()
    data["duties"][0]["id"] = "2"
    data["duties"][5]["activities"][0]["indicators"] = []
    with pytest.raises(TableError) as caught:
        load_table(data)
    assert str(caught.value) == (
        "<mapping>, duties[5].activities[0].indicators: an activity has at least one indicator"
    )


def test_two_readings_of_one_cell_are_refused() -> None:
    reading = {"field": "良", "read_as": "≥90%", "why": "because"}
    with pytest.raises(TableError) as caught:
        load_table(small(readings=[reading, reading]))
    assert caught.value.where.path == "duties[0].activities[0].indicators[0]"
    assert caught.value.reason == "two readings of the same field"


def test_an_indicator_made_without_validation_still_has_its_ladder(table: Table) -> None:
    indicator = table.indicator("9.2.1")
    values = indicator.model_dump()
    values["readings"] = indicator.readings
    bare = Indicator.model_construct(**values)
    assert bare.ladder == indicator.ladder
    assert bare.grade("84%") == indicator.grade("84%")


def test_models_are_frozen(table: Table) -> None:
    with pytest.raises(ValueError, match="frozen"):
        table.indicator("9.2.1").name = "x"


@pytest.mark.parametrize("weight", [math.inf, math.nan, 0, -1])
@pytest.mark.parametrize(
    ("at", "path"),
    [
        (lambda d: d["duties"][8], "duties[8].weight"),
        (lambda d: d["duties"][8]["activities"][1], "duties[8].activities[1].weight"),
        (
            lambda d: d["duties"][8]["activities"][1]["indicators"][0],
            "duties[8].activities[1].indicators[0].weight",
        ),
    ],
)
def test_a_weight_must_be_finite_and_positive(weight: float, at: Any, path: str) -> None:
    data = raw()
    at(data)["weight"] = weight
    with pytest.raises(TableError) as caught:
        load_table(data)
    reason = (
        "Input should be a finite number"
        if not math.isfinite(weight)
        else "Input should be greater than 0"
    )
    assert str(caught.value) == f"<mapping>, {path}: {reason}"


def test_a_table_is_a_plain_model_to_dict_and_iter() -> None:
    # Iterating a table is pydantic's (its fields); its indicators are table.indicators().
    table = load_table("zanhuang-hrss-2018")
    fields = dict(table)
    assert fields["name"] == table.name
    assert fields["duties"] == table.duties
    assert len(table) == len(table.indicators()) == 68
