"""perfscore.tables._findings: Finding and Severity."""

from __future__ import annotations

import pytest

from perfscore.tables import Finding, Severity


def test_finding_is_frozen_and_knows_its_cell() -> None:
    finding = Finding(Severity.WARNING, "m", "1.1.1", "x", "cells.优")
    assert finding.cell == "优"
    assert Finding(Severity.WARNING, "m", field="unit").cell is None
    assert str(Finding(Severity.ERROR, "bad")) == "error: bad"
    with pytest.raises(AttributeError):
        finding.message = "n"  # type: ignore[misc]
