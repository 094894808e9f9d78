"""perfscore.tables._check: findings over a table (the commands are tested in test_cli)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore import load_table
from perfscore.tables import Finding, Severity, Table, check_file, check_table, has_errors
from tests.table_data import indicator, raw, table_of, write
from tests.targets_data import small_targets

ROOT = Path(__file__).resolve().parents[2]
TABLE = "zanhuang-hrss-2018"
PATH = "duties[0].activities[0].indicators[0]"


def check(*indicators: dict[str, Any]) -> list[str]:
    return [str(f) for f in check_table(load_table(table_of(*indicators)))]


# -- the bundled table passes --------------------------------------------------------------


def test_bundled_table_has_no_findings() -> None:
    assert check_table(load_table(TABLE)) == []
    assert check_file(TABLE) == []
    assert check_file(ROOT / "indicators" / f"{TABLE}.yaml") == []


# -- ladders over their domain -------------------------------------------------------------


def test_a_percent_gap_names_the_smallest_value() -> None:
    assert check(indicator("≥90% / ≥80% / ≥70% / <60%")) == [
        f"error: indicator 1.1.1 完成率, cells ({PATH}.cells): "
        "no grade for 60% (values without a grade: [60, 70) percent)"
    ]


def test_a_gap_of_one_value() -> None:
    (finding,) = check(indicator("≥90% / ≥80% / >70% / <70%"))
    assert finding.endswith("no grade for 70% (values without a grade: [70] percent)")


def test_an_open_gap_names_the_values_just_above_its_bound() -> None:
    (finding,) = check(indicator("≥90% / ≥80% / ≥75% / ≤70%"))
    assert finding.endswith(
        "no grade for values just above 70% (values without a grade: (70, 75) percent)"
    )


def test_a_gap_on_the_real_line() -> None:
    # Money may be negative (a 结余 can be): below 70 has no grade here.
    (finding,) = check(indicator("≥90 / ≥80 / ≥70 / -", unit="万元", name="资金"))
    assert finding.endswith(
        "no grade for values below 70万元 (values without a grade: (-inf, 70) 万元)"
    )


def test_a_gap_between_whole_numbers_is_no_gap_for_counts() -> None:
    # The published 11.2.1 leaves (499, 500) and (399, 400) to no grade; no count falls there.
    published = "≥500人 / ≥400-499人 / ≥300-399人 / <300人"
    assert check(indicator(published, unit="人", name="完成培训人数")) == []
    assert check(indicator("1种 / - / - / 0", unit="种", name="拓展工种")) == []


def test_a_gap_in_counts_names_the_smallest_whole_number() -> None:
    assert check(indicator(">35人 / ≥30人 / ≥25人 / <20人", unit="人", name="招收学生人数")) == [
        f"error: indicator 1.1.1 招收学生人数, cells ({PATH}.cells): "
        "no grade for 20人 (whole numbers without a grade: 20-24)"
    ]


def test_counts_left_without_a_grade_above() -> None:
    (finding,) = check(indicator("1次 / - / - / 0", unit="次", name="活动次数") | {"readings": [
        {"field": "优", "read_as": "=1次", "why": "exactly one"}]})  # fmt: skip
    assert finding.endswith("no grade for 2次 (whole numbers without a grade: 2 and above)")


def test_the_literal_incident_cells_leave_nothing_ungraded_once_read() -> None:
    # Read as the bundled table does, 0 incidents get 优.
    readings = [
        {"field": "优", "read_as": "≤1次", "why": "none is at least as good as one"},
        {"field": "差", "read_as": ">1次", "why": "1 is already 优"},
    ]
    assert check(indicator("1次 / - / - / 1次以上", unit="次", name="发生违纪事故",
                           readings=readings)) == []  # fmt: skip


def test_a_grade_no_whole_number_reaches() -> None:
    assert check(indicator("≥3.5人 / ≥3.2人 / ≥3人 / <3人", unit="人", name="人数")) == [
        f"error: indicator 1.1.1 人数, cell 良 ({PATH}.cells.良): "
        "'≥3.2人' is written but no whole number gets 良"
    ]


def test_a_grade_outside_the_domain_is_unreachable() -> None:
    findings = check(indicator("≥90% / ≥80% / ≥70% / <0%"))
    assert findings == [
        f"error: indicator 1.1.1 完成率, cells ({PATH}.cells): "
        "no grade for 0% (values without a grade: [0, 70) percent)",
        # <0% draws a grade below 0%, as a change's ladder does: for a level (完成率) that is a
        # misreading, said once.
        f"warning: indicator 1.1.1 完成率, cells ({PATH}.cells): the name reads a level rate "
        "(率), but the ladder grades values below 0% as a change (增长率) does: a negative "
        "result would be graded, not refused",
    ]


def test_a_qualitative_ladder_has_no_gaps_to_check() -> None:
    assert (
        check(indicator("有效实施 / 能完整的实施 / 基本上能实施 / 不能很好实施", unit=None)) == []
    )


@given(
    st.lists(st.integers(min_value=4, max_value=400), min_size=3, max_size=3, unique=True),
    st.integers(min_value=0, max_value=3),
)
def test_count_ladders_have_gaps_exactly_where_a_count_is_ungraded(
    raw_thresholds: list[int], shift: int
) -> None:
    # ≥a / ≥b / ≥c / <c-shift: the counts c-shift … c-1 have no grade.
    a, b, c = sorted(raw_thresholds, reverse=True)
    poor = c - shift
    table = load_table(table_of(indicator(f"≥{a} / ≥{b} / ≥{c} / <{poor}", unit="人",
                                          name="人数")))  # fmt: skip
    findings = check_table(table)
    ungraded = [n for n in range(a + 2) if n < c and n >= poor]
    if not ungraded:
        assert findings == []
    else:
        (finding,) = findings
        assert finding.severity is Severity.ERROR
        assert f"no grade for {ungraded[0]}人" in finding.message


# -- units ---------------------------------------------------------------------------------


def test_a_rate_in_a_counted_unit_is_a_warning() -> None:
    findings = check_table(load_table(table_of(indicator("≥9人 / ≥8人 / ≥7人 / <7人", unit="人"))))
    assert [str(f) for f in findings] == [
        f"warning: indicator 1.1.1 完成率, unit ({PATH}.unit): "
        "the name says a rate (完成率) but the unit is 人"
    ]
    assert not has_errors(findings)


def test_numbers_without_a_unit_are_a_warning() -> None:
    assert check(indicator("≥9 / ≥8 / ≥7 / <7", unit=None, name="得分")) == [
        f"warning: indicator 1.1.1 得分, unit ({PATH}.unit): "
        "no unit: the cells' numbers are read as plain numbers"
    ]


# -- ids and names -------------------------------------------------------------------------


def test_ids_out_of_order() -> None:
    first = indicator("100% / ≥90% / ≥80% / <80%")
    second = indicator("100% / ≥90% / ≥80% / <80%", id="1.1.3", name="到位率")
    assert check(first, second) == [
        "error: indicator 1.1.3 到位率, id (duties[0].activities[0].indicators[1].id): "
        "id '1.1.3' is out of order: in table order it is '1.1.2'"
    ]


def test_an_id_not_under_its_parent() -> None:
    assert check(indicator("100% / ≥90% / ≥80% / <80%", id="2.1.1")) == [
        f"error: indicator 2.1.1 完成率, id ({PATH}.id): id '2.1.1' is not under its parent's "
        "id '1.1'"
    ]


def test_an_activity_id_not_under_its_duty() -> None:
    data = table_of(indicator("100% / ≥90% / ≥80% / <80%", id="3.1.1"), activity_id="3.1")
    assert [str(f) for f in check_table(load_table(data))] == [
        "error: activity 3.1 活动, id (duties[0].activities[0].id): id '3.1' is not under its "
        "parent's id '1'"
    ]


def test_a_duty_numbered_out_of_order() -> None:
    data = table_of(indicator("100% / ≥90% / ≥80% / <80%", id="01.1.1"), activity_id="01.1")
    data["duties"][0]["id"] = "01"
    assert [str(f) for f in check_table(load_table(data))] == [
        "error: duty 01 职责, id (duties[0].id): id '01' is out of order: in table order it is '1'"
    ]


def test_a_name_repeated_within_an_activity() -> None:
    first = indicator("100% / ≥90% / ≥80% / <80%", name="合格率")
    second = indicator("100% / ≥90% / ≥80% / <80%", id="1.1.2", name="合 格率")
    assert check(first, second) == [
        "error: indicator 1.1.2 合 格率, name (duties[0].activities[0].indicators[1].name): "
        "the name '合 格率' repeats within activity 1.1 (also 1.1.1)"
    ]


def test_a_name_repeated_across_activities_is_fine() -> None:
    # The bundled table has 合格率 under 13.1 and 13.2.
    table = load_table(TABLE)
    assert table.indicator("13.1.2").name == table.indicator("13.2.3").name
    assert check_table(table) == []


def test_duplicate_ids_are_findings_of_check_file(tmp_path: Path) -> None:
    data = raw()
    data["duties"][12]["activities"][1]["indicators"][2]["id"] = "13.2.2"
    path = write(tmp_path, data)
    (finding,) = check_file(path)
    assert finding.severity is Severity.ERROR
    assert (finding.indicator, finding.name, finding.field) == ("13.2.2", "合格率", "id")
    assert str(finding) == (
        f"{path}: error: indicator 13.2.2 合格率, id "
        "(duties[12].activities[1].indicators[2].id): duplicate id '13.2.2': "
        "duties[12].activities[1].indicators[1].id has it already"
    )


def test_check_table_also_reports_duplicate_ids() -> None:
    # A table built without validation (model_construct) is checked all the same.
    table = load_table(TABLE)
    duty = table.duties[0]
    twin = duty.model_copy(update={"name": "重复"})
    fields = {name: getattr(table, name) for name in Table.model_fields}
    broken = Table.model_construct(**{**fields, "duties": (duty, twin, *table.duties[1:])})
    findings = [f for f in check_table(broken) if "duplicate" in f.message]
    assert str(findings[0]) == (
        "error: duty 1 重复, id (duties[1].id): duplicate id '1': duties[0].id has it already"
    )


# -- readings ------------------------------------------------------------------------------


def test_a_reading_that_repeats_the_published_cell_is_a_warning() -> None:
    readings = [{"field": "良", "read_as": "≥ 90%", "why": "as published"}]
    assert check(indicator("100% / ≥90% / ≥80% / <80%", readings=readings)) == [
        f"warning: indicator 1.1.1 完成率, readings[0] ({PATH}.readings[0]): "
        "the reading of cell 良 repeats the published cell: it changes nothing"
    ]


def test_a_name_reading_that_records_the_name_itself_is_a_warning() -> None:
    readings = [{"field": "name", "published": "完成率", "why": "no repair"}]
    assert check(indicator("100% / ≥90% / ≥80% / <80%", readings=readings)) == [
        f"warning: indicator 1.1.1 完成率, readings[0] ({PATH}.readings[0]): "
        "the reading of the name records the name itself: it changes nothing"
    ]


def test_a_reading_of_a_field_that_does_not_exist(tmp_path: Path) -> None:
    readings = [{"field": "unit", "read_as": "人", "why": "because"}]
    path = write(tmp_path, table_of(indicator("100% / ≥90% / ≥80% / <80%", readings=readings)))
    (finding,) = check_file(path)
    assert finding.field == "readings[0].field"
    assert finding.message == "Input should be 'name', '优', '良', '中' or '差'"


# -- invalid files -------------------------------------------------------------------------


def test_bad_yaml_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nduties: [\n", encoding="utf-8")
    (finding,) = check_file(path)
    assert finding.file == str(path)
    assert finding.message.startswith("not valid YAML: ")
    assert str(finding).startswith(f"{path}: error: not valid YAML: ")


def test_unknown_keys_are_findings_with_their_paths(tmp_path: Path) -> None:
    data = raw()
    data["duties"][8]["activities"][1]["indicators"][0]["colour"] = "red"
    data["duties"][0]["leader"] = "x"
    findings = check_file(write(tmp_path, data))
    assert [(f.indicator, f.field, f.message) for f in findings] == [
        ("1", "leader", "unknown field 'leader'"),
        ("9.2.1", "colour", "unknown field 'colour'"),
    ]
    assert findings[1].path == "duties[8].activities[1].indicators[0].colour"


def test_an_unparsable_cell_is_a_finding_with_its_path_and_caret(tmp_path: Path) -> None:
    data = raw()
    data["duties"][8]["activities"][1]["indicators"][0]["cells"]["良"] = "≥83%和<8S%"
    path = write(tmp_path, data)
    (finding,) = check_file(path)
    assert (finding.indicator, finding.name, finding.cell) == ("9.2.1", "当年基金使用率", "良")
    assert str(finding) == (
        f"{path}: error: indicator 9.2.1 当年基金使用率, cell 良 "
        "(duties[8].activities[1].indicators[0].cells.良): unexpected 'S'\n"
        "    ≥83%和<8S%\n"
        "            ^"
    )


def test_a_ladder_that_runs_both_ways_is_a_finding(tmp_path: Path) -> None:
    path = write(tmp_path, table_of(indicator("≥90% / ≥95% / <80% / ≥100%")))
    (finding,) = check_file(path)
    assert finding.cell == "良"
    assert finding.message == (
        "'≥95%' is met only by values a better grade already takes; "
        "the cells do not run in one direction"
    )


def test_a_cell_in_the_wrong_unit_is_a_finding(tmp_path: Path) -> None:
    path = write(tmp_path, table_of(indicator("≥30人 / ≥20人 / ≥10人 / <10人")))
    (finding,) = check_file(path)
    assert finding.cell == "优"
    assert finding.message.startswith("人 does not fit the ladder's unit percent\n")


def test_an_unknown_bundled_name_is_a_finding() -> None:
    (finding,) = check_file("zanhuang-hrss-2019")
    assert finding.file == "zanhuang-hrss-2019"
    assert "did you mean 'zanhuang-hrss-2018'?" in finding.message


# -- damaged files ----------------------------------------------------------------------------


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["id", "优", "name", "x"]), st.text(max_size=4), max_size=2),
)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_check_file_never_raises_on_a_damaged_table(data: st.DataObject) -> None:
    # Replace one node anywhere in the bundled table with junk: check_file reports, never raises.
    table = raw()
    node: Any = table
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if not isinstance(child, dict | list) or not child or data.draw(st.booleans()):
            node[key] = data.draw(_JUNK)
            break
        node = child
    findings = check_file_of(table)
    assert all(isinstance(f, Finding) for f in findings)
    assert all(str(f) for f in findings)


def check_file_of(data: dict[str, Any]) -> list[Finding]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return check_file(path)


def test_an_unquoted_id_and_a_missing_field(tmp_path: Path) -> None:
    data = table_of(indicator("100% / ≥90% / ≥80% / <80%"))
    data["duties"][0]["id"] = 1
    del data["year"]
    findings = check_file(write(tmp_path, data))
    assert [str(f).split(": ", 1)[1] for f in findings] == [
        "error: year: Field required",
        'error: duty 1 职责, id (duties[0].id): an id is text: quote it ("1")',
    ]


@pytest.mark.parametrize(
    ("interval", "first"),
    [
        ("(-inf, 0]", 0),
        ("(-inf, 0)", None),
        ("(2, 3)", None),
        ("[-3, 3)", 0),
        ("(1/2, inf)", 1),
        ("[499, 500]", 499),
    ],
)
def test_the_smallest_count_in_an_interval(interval: str, first: int | None) -> None:
    from fractions import Fraction

    from perfscore.intervals import INF, Interval
    from perfscore.tables._check import _first_whole

    low, high = (b.strip() for b in interval[1:-1].split(","))

    def bound(text: str) -> Fraction | float:
        return {"-inf": -INF, "inf": INF}.get(text) or Fraction(text)

    made = Interval.make(bound(low), bound(high), interval[0] == "[", interval[-1] == "]")
    assert _first_whole(made) == first


def test_a_repeated_key_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("name: x\nyear: 2018\nyear: 2019\n", encoding="utf-8")
    (finding,) = check_file(path)
    assert finding.severity is Severity.ERROR
    assert str(finding) == (
        f"{path}: error: not valid YAML: the key 'year' is repeated at line 3 (first at line 2)"
    )


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("a" * 300, "cannot read the table file: "),
        ("a\x00b.yaml", "cannot read the table file: embedded null byte"),
        (None, "a table is loaded from a path, a bundled table's name or a mapping, not NoneType"),
    ],
)
def test_a_source_that_cannot_be_opened_is_a_finding(source: Any, reason: str) -> None:
    (finding,) = check_file(source)
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith(reason)


def test_an_infinite_weight_is_a_finding_at_its_path(tmp_path: Path) -> None:
    path = tmp_path / "inf.yaml"
    text = (
        Path(__file__).parents[2] / "src/perfscore/indicators/zanhuang-hrss-2018.yaml"
    ).read_text(encoding="utf-8")
    path.write_text(
        text.replace('  - id: "9"\n', '  - id: "9"\n    weight: .inf\n', 1), encoding="utf-8"
    )
    (finding,) = check_file(path)
    assert finding.severity is Severity.ERROR
    assert (finding.indicator, finding.field) == ("9", "weight")
    assert finding.message == "Input should be a finite number"


def test_check_file_reports_a_targets_file_that_does_not_load(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    data = small_targets(indicators=[{"id": "1.1", "name": "x", "target": "≥9O%", "weight": 90}])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (finding,) = perfscore.check_file(path)
    assert finding.path == "projects[0].indicators[0].target"
    assert finding.indicator == "1.1"
