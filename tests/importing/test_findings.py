"""perfscore.importing._findings: where in a source a finding is, and how it reads."""

from __future__ import annotations

import dataclasses

import pytest

from perfscore.importing import Imported, ImportFailed, ImportFinding, import_table
from perfscore.importing._findings import KINDS, SEVERITIES, Place, must_act
from perfscore.tables import Severity
from tests.importing.import_data import imported, row


@pytest.mark.parametrize(
    ("place", "text"),
    [
        (Place(), "the source"),
        (Place(page=8), "page 8"),
        (Place(page=8, row=1, column="绩效指标"), "page 8, row 1, column 绩效指标"),
        (Place(row=3), "row 3"),
        (Place(line=12), "line 12"),
        # a line is said only where nothing better is known
        (Place(page=2, line=12), "page 2"),
        (Place(column="优", line=5), "column 优"),
    ],
)
def test_a_place_reads_page_row_and_column(place: Place, text: str) -> None:
    assert str(place) == text


@pytest.mark.parametrize(
    ("finding", "text"),
    [
        (
            ImportFinding(Place(page=8, row=1, column="绩效指标"), "询系统", "joined"),
            "page 8, row 1, column 绩效指标: '询系统': joined",
        ),
        (
            ImportFinding(Place(row=2), "290%", "read as ≥90%", "operator-as-2", "7.1.2"),
            "row 2 (7.1.2): '290%': read as ≥90%",
        ),
        (ImportFinding(Place(), "", "no table found", "source"), "the source: '': no table found"),
        (
            ImportFinding(Place(line=1), "it's", "kept"),
            'line 1: "it\'s": kept',  # the text is quoted as Python quotes it
        ),
    ],
)
def test_a_finding_reads_where_text_and_action(finding: ImportFinding, text: str) -> None:
    assert str(finding) == text


def test_a_finding_is_a_continuation_unless_said_and_is_frozen() -> None:
    finding = ImportFinding(Place(), "x", "joined")
    assert (finding.kind, finding.indicator) == ("continuation", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.kind = "unit"  # type: ignore[misc]


def test_the_kinds_are_distinct_and_every_kind_an_import_gives_is_one_of_them() -> None:
    assert len(set(KINDS)) == len(KINDS)
    result = imported(
        row("一、职责"),
        row("1、活动", "培訓合格率", "100%90%85%85%", "", "", ""),
        row("", "满意度", "290%", "≥80%", "≥70%", "<70%"),
    )
    kinds = {f.kind for f in result.findings}
    assert kinds <= set(KINDS)
    assert {"fused-cells", "operator-as-2", "traditional", "unit"} <= kinds


def test_an_import_of_no_table_gives_source_findings() -> None:
    with pytest.raises(ImportFailed) as raised:
        import_table("no table here\n", name="example")
    assert [(f.kind, str(f.where)) for f in raised.value.findings] == [("source", "the source")]


def test_every_kind_has_a_severity_and_a_finding_takes_its_kinds_unless_given() -> None:
    assert set(SEVERITIES) == set(KINDS)
    assert ImportFinding(Place(), "x", "left out", "skipped").severity is Severity.ERROR
    assert ImportFinding(Place(), "x", "joined").severity is Severity.NOTE
    given = ImportFinding(Place(), "x", "read", "unit", severity=Severity.WARNING)
    assert given.severity is Severity.WARNING
    with pytest.raises(TypeError):
        ImportFinding(Place(), "x", "read", "unit", severity="warning")  # type: ignore[arg-type]


def test_the_seed_import_has_nothing_to_act_on_and_a_unit_guessed_is_to_check(
    seed: Imported,
) -> None:
    assert seed.must_act == []
    assert must_act(seed.findings) == []
    guessed = [f for f in seed.findings if "inferred from the name" in f.action]
    assert guessed
    assert {f.severity for f in guessed} == {Severity.WARNING}
    from_cells = [f for f in seed.findings if f.action.endswith("from the cells")]
    assert {f.severity for f in from_cells} == {Severity.NOTE}
