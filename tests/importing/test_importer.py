"""perfscore.importing._importer: the bundled table imported from
its published disclosure, and every repair a finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import perfscore
from perfscore import Activity, Duty
from perfscore.importing import Imported, ImportFailed, ImportFinding, import_table
from tests.importing.import_data import DISCLOSURE


def test_the_68_indicators_equal_the_bundled_table(
    seed: Imported, bundled: perfscore.Table
) -> None:
    got = [(i.id, i.name, i.unit, i.cells) for i in seed.table.indicators()]
    want = [(i.id, i.name, i.unit, i.cells) for i in bundled.indicators()]
    assert len(got) == 68
    assert got == want


def test_duties_and_activities_match(seed: Imported, bundled: perfscore.Table) -> None:
    assert [(d.id, d.ordinal, d.name, d.budget) for d in seed.table.duties] == [
        (d.id, d.ordinal, d.name, d.budget) for d in bundled.duties
    ]
    assert [(a.id, a.name, a.budget) for a in seed.table.activities()] == [
        (a.id, a.name, a.budget) for a in bundled.activities()
    ]


def test_descriptions_and_goals_match_up_to_white_space(
    seed: Imported, bundled: perfscore.Table
) -> None:
    items: list[tuple[Duty | Activity, Duty | Activity]] = list(
        zip(
            [*seed.table.duties, *seed.table.activities()],
            [*bundled.duties, *bundled.activities()],
            strict=True,
        )
    )
    for got, want in items:
        for field in ("description", "goal"):
            mine, theirs = getattr(got, field), getattr(want, field)
            assert re.sub(r"\s", "", mine or "") == re.sub(r"\s", "", theirs or ""), got.id
    # Exact but for one space the encoder kept between two sentences of 13.1 (…轮训一次 我校…):
    # a space between two Chinese characters is a wrapped line everywhere else in the text.
    differ = [
        (got.id, field)
        for got, want in items
        for field in ("description", "goal")
        if getattr(got, field) != getattr(want, field)
    ]
    assert differ == [("13.1", "description")]


def test_7_1_2_is_repaired_with_a_finding_and_a_reading(seed: Imported) -> None:
    indicator = seed.table.indicator("7.1.2")
    assert indicator.name == "政务服务、12333电话咨询系统及信息系统建设完成情况"
    assert indicator.published_name == "政务服务、12333电话咨询询系统及信息系统建设完成情况"
    (reading,) = indicator.readings
    assert "询" in reading.why
    (finding,) = [f for f in seed.findings if f.kind == "repeated-character"]
    assert (finding.indicator, finding.where.page, finding.where.row) == ("7.1.2", 7, 1)
    assert finding.where.column == "绩效指标"
    assert finding.text == "询系统及信息系统建设完成情况"
    assert "kept once" in finding.action


@pytest.mark.parametrize(
    ("subject", "column", "text", "joined"),
    [
        ("8.3", "职责活动", "险待遇发放工作", "城乡居民养老保险待遇发放工作"),
        ("8.3.1", "绩效指标", "率", "养老金发放率"),
        ("9.4.1", "评价标准 优", "95%", "'≥' + '95%' = '≥95%'"),
        ("10.3.1", "评价标准 良", "实施", "能完整的实施"),
        ("1.2", "内容描述", "务指导。", "就业服务指导。"),
        ("12.2", "绩效目标", "规、有效地评价", "得到正规、有效地评价"),
    ],
)
def test_page_break_continuations_are_findings(
    seed: Imported, subject: str, column: str, text: str, joined: str
) -> None:
    found = [
        f
        for f in seed.findings
        if f.kind == "continuation" and f.indicator == subject and f.where.column == column
    ]
    assert len(found) == 1, found
    assert found[0].text == text
    assert joined in found[0].action
    assert "next page" in found[0].action


def test_units_are_said(seed: Imported) -> None:
    units = {f.indicator: f.action for f in seed.findings if f.kind == "unit"}
    # every indicator but the two qualitative ones (10.3.1, 11.2.2), which have no unit to say
    assert len(units) == 66
    assert "10.3.1" not in units
    assert "11.2.2" not in units
    assert units["1.2.2"] == "unit 人, inferred from the name (the cells write no unit)"
    assert units["3.1.1"] == "unit 次, inferred from the name (the cells write no unit)"
    assert (
        units["8.1.1"] == "unit percent, from the cells; cells 良 中 write none and are read in it"
    )


def test_to_yaml_loads_back_to_an_equal_table(seed: Imported, tmp_path: Path) -> None:
    path = tmp_path / "zanhuang-hrss-2018.yaml"
    path.write_text(seed.to_yaml(), encoding="utf-8")
    assert perfscore.load_table(path) == seed.table
    assert perfscore.check_file(str(path)) == []
    text = seed.to_yaml()
    assert f"Imported by perfscore from {DISCLOSURE.name}" in text
    assert "询系统" in text
    assert "why:" in text


def test_the_contract(tmp_path: Path) -> None:
    imported = perfscore.import_table(DISCLOSURE)
    assert isinstance(imported.table, perfscore.Table)
    assert isinstance(imported.findings, list)
    assert all(isinstance(f, ImportFinding) for f in imported.findings)
    assert imported.table.name == "zanhuang-hrss-2018-disclosure"  # the file's name
    # a file name that is no table name: the import names the table and says so
    copy = tmp_path / "000_125b0176f8d7b215.txt"
    copy.write_bytes(DISCLOSURE.read_bytes())
    imported = perfscore.import_table(copy)
    assert imported.table.name == "imported-2018"
    assert any(f.kind == "metadata" and "--name" in f.action for f in imported.findings)


def test_a_row_that_cannot_be_placed_is_a_finding_with_its_text() -> None:
    text = (
        "某县某局 2019 年部门职责-工作活动绩效目标\n"
        "职责活动\t年度预算数\t内容描述\t绩效目标\t绩效指标\t评价标准\t\t\t\n"
        "\t\t\t\t\t优\t良\t中\t差\n"
        "\t\t\t\t孤立的指标\t100%\t≥90%\t≥80%\t<80%\n"
        "一、职责\t\t\t\t\t\t\t\t\n"
        "1、活动\t\t\t\t完成率\t100%\t≥90%\t≥80%\t<80%\n"
    )
    imported = import_table(text, name="example")
    assert len(imported.table) == 1
    (unplaced,) = [f for f in imported.findings if f.kind == "unplaced"]
    assert unplaced.text == "孤立的指标 | 100% | ≥90% | ≥80% | <80%"
    assert (unplaced.where.page, unplaced.where.row) == (1, 1)


def test_an_indicator_whose_cells_make_no_ladder_is_left_out_with_a_finding() -> None:
    text = (
        "某县某局 2019 年部门职责-工作活动绩效目标\n"
        "职责活动\t年度预算数\t内容描述\t绩效目标\t绩效指标\t评价标准\t\t\t\n"
        "\t\t\t\t\t优\t良\t中\t差\n"
        "一、职责\t\t\t\t\t\t\t\t\n"
        "1、活动\t\t\t\t完成率\t100%\t≥90%\t≥80%\t<80%\n"
        "\t\t\t\t矛盾\t≥80%\t≥90%\t≥95%\t<80%\n"
    )
    imported = import_table(text, name="example")
    assert [i.name for i in imported.table.indicators()] == ["完成率"]
    (skipped,) = [f for f in imported.findings if f.kind == "skipped"]
    assert skipped.text.startswith("矛盾: ≥80% / ≥90%")
    assert "enter it by hand" in skipped.action


@pytest.mark.parametrize(
    "garbage",
    ["", "no table here\n", "职责活动\t绩效指标\t评价标准\n\x00\x01", "\t\t\n\t\n", "一、\t\n"],
)
def test_garbled_text_gives_findings_not_a_traceback(garbage: str, tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_text(garbage, encoding="utf-8")
    with pytest.raises(perfscore.PerfscoreError) as failed:
        import_table(path)
    if isinstance(failed.value, ImportFailed):
        assert failed.value.findings
    else:  # not text at all
        assert "not a text file" in str(failed.value)


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        import_table(3)  # type: ignore[arg-type]
    with pytest.raises(perfscore.PerfscoreError, match="unknown layout"):
        import_table(DISCLOSURE, layout="spiral")
    with pytest.raises(perfscore.PerfscoreError, match="table name"):
        import_table(DISCLOSURE, name="Not A Name")
    with pytest.raises(perfscore.PerfscoreError, match="no such file"):
        import_table("missing.txt")
