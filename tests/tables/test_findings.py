"""perfscore.tables._findings: Finding and Severity."""

from __future__ import annotations

import pytest

from perfscore.tables import Finding, Severity, has_errors


def test_finding_is_frozen_and_knows_its_cell() -> None:
    finding = Finding(Severity.WARNING, "m", "1.1.1", "x", "cells.优")
    assert finding.cell == "优"
    assert Finding(Severity.WARNING, "m", field="unit").cell is None
    assert str(Finding(Severity.ERROR, "bad")) == "error: bad"
    with pytest.raises(AttributeError):
        finding.message = "n"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("finding", "text"),
    [
        (Finding(Severity.ERROR, "bad"), "error: bad"),
        (Finding(Severity.WARNING, "m", "1"), "warning: duty 1: m"),
        (Finding(Severity.WARNING, "m", "1.2", "活动"), "warning: activity 1.2 活动: m"),
        (Finding(Severity.WARNING, "m", "1.2.3", "完成率"), "warning: indicator 1.2.3 完成率: m"),
        (Finding(Severity.WARNING, "m", "1", "某项目", kind="project"),
         "warning: project 1 某项目: m"),
        (Finding(Severity.WARNING, "m", "1.1", "x", kind="indicator"),
         "warning: indicator 1.1 x: m"),
        (Finding(Severity.ERROR, "m", "1.1.1", "x", "cells.良", "d[0].cells.良"),
         "error: indicator 1.1.1 x, cell 良 (d[0].cells.良): m"),
        (Finding(Severity.ERROR, "m", "1.1.1", "x", "unit", "d[0].unit"),
         "error: indicator 1.1.1 x, unit (d[0].unit): m"),
        # a field that is the whole path is said once
        (Finding(Severity.ERROR, "Field required", field="year", path="year"),
         "error: year: Field required"),
        (Finding(Severity.ERROR, "m", path="duties[0]", file="t.yaml"),
         "t.yaml: error: duties[0]: m"),
        (Finding(Severity.ERROR, "not valid YAML", file="t.yaml"), "t.yaml: error: not valid YAML"),
    ],
)  # fmt: skip
def test_a_finding_reads_file_severity_subject_path_and_message(
    finding: Finding, text: str
) -> None:
    assert str(finding) == text


def test_a_finding_escapes_control_characters_but_keeps_its_lines() -> None:
    finding = Finding(Severity.ERROR, "unexpected 'S'\n    8S%\n     ^", "1.1.1", "名\x1b[2J")
    assert str(finding) == ("error: indicator 1.1.1 名\\x1b[2J: unexpected 'S'\n    8S%\n     ^")


@pytest.mark.parametrize(
    ("field", "cell"),
    [("cells.优", "优"), ("cells", None), ("id", None), (None, None), ("readings[0]", None)],
)
def test_the_cell_a_finding_concerns(field: str | None, cell: str | None) -> None:
    assert Finding(Severity.ERROR, "m", field=field).cell == cell


def test_severity_reads_as_its_value() -> None:
    assert [str(s) for s in Severity] == ["error", "warning", "note"]
    assert Severity("warning") is Severity.WARNING


@pytest.mark.parametrize(
    ("severities", "errors"),
    [
        ([], False),
        ([Severity.WARNING, Severity.WARNING], False),
        ([Severity.WARNING, Severity.ERROR], True),
        ([Severity.ERROR], True),
    ],
)
def test_has_errors(severities: list[Severity], errors: bool) -> None:
    findings = [Finding(s, "m") for s in severities]
    assert has_errors(findings) is errors
    assert has_errors(iter(findings)) is errors  # any iterable, read once


def test_findings_are_values() -> None:
    one = Finding(Severity.ERROR, "m", "1.1.1", field="id")
    assert one == Finding(Severity.ERROR, "m", "1.1.1", field="id")
    assert one != Finding(Severity.WARNING, "m", "1.1.1", field="id")
    assert len({one, Finding(Severity.ERROR, "m", "1.1.1", field="id")}) == 1
