"""perfscore.importing._word: Word documents read into rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfscore.importing._word import docx_rows


def test_paragraphs_are_prose_and_rows_are_cells(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("单位：万元")
    grid = document.add_table(rows=1, cols=2)
    grid.cell(0, 0).text = "职责活动"
    grid.cell(0, 1).text = "绩效指标"
    path = tmp_path / "t.docx"
    document.save(str(path))
    rows, findings = docx_rows(path)
    assert rows == [(("单位：万元",), 1, True), (("职责活动", "绩效指标"), 2, False)]
    assert findings == []
