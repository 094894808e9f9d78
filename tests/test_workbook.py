"""TODO"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from perfscore.cli import main
from tests.targets_data import TARGET_RESULTS, TARGETS

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "zanhuang-hrss-2018-results.csv"


def _sheet(path: Path, name: str) -> Worksheet:
    sheet = openpyxl.load_workbook(path)[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _records(sheet: Worksheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]  # type: ignore[arg-type]


def test_cli_score_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "card.xlsx"
    args = ["score", "zanhuang-hrss-2018", str(EXAMPLE), "--format", "xlsx"]
    assert main([*args, "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert len(_records(_sheet(out, "indicators"))) == 68
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err == (
        "perfscore score: error: --format xlsx writes a workbook; name it with -o FILE.xlsx\n"
    )
    assert main([*args, "-o", str(tmp_path / "missing" / "x.xlsx")]) == 1
    assert capsys.readouterr().err.startswith("perfscore: error: cannot write")


def test_cli_score_targets_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    assert (
        main(["score", str(TARGETS), str(TARGET_RESULTS), "--format", "xlsx", "-o", str(out)]) == 0
    )
    assert openpyxl.load_workbook(out).sheetnames[0] == "自评表"
