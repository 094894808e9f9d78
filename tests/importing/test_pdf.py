"""perfscore.importing._pdf: PDF pages read into rows."""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore.importing import export_table
from perfscore.importing._pdf import pdf_rows


def test_every_row_has_its_page(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    path = tmp_path / "t.pdf"
    export_table(perfscore.load_table("zanhuang-hrss-2018"), "pdf", path)
    rows = pdf_rows(path)
    assert rows[0][2] == 1
    assert [r[2] for r in rows] == sorted(r[2] for r in rows)
    assert any(not prose and cells[:1] == ("职责活动",) for cells, _, _, prose in rows)
