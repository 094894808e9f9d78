"""perfscore.importing._findings: where in a source a finding is, and how it reads."""

from __future__ import annotations

import dataclasses

import pytest

from perfscore.importing import ImportFailed, ImportFinding, import_table
from perfscore.importing._findings import KINDS, Place
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
