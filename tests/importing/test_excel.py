"""perfscore.importing._excel: Excel workbooks read into rows as they print."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from perfscore.importing._excel import xlsx_rows


def test_a_title_merged_across_the_sheet_is_prose(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某县某局 2019 年绩效目标"])
    sheet.merge_cells("A1:D1")
    sheet.append(["职责活动", "绩效指标", "优", "良"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    rows, findings = xlsx_rows(path)
    assert rows == [
        (("某县某局 2019 年绩效目标",), 1, True),
        (("职责活动", "绩效指标", "优", "良"), 2, False),
    ]
    assert findings == []
