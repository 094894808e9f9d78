"""TODO"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from perfscore.cli import main
from tests.targets_data import TARGET_RESULTS, TARGETS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
Y2018 = EXAMPLES / "zanhuang-hrss-2018-results.csv"
Y2019 = EXAMPLES / "zanhuang-hrss-2019-results.csv"


def test_cli_compare_text_json_csv(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["compare", "zanhuang-hrss-2018", str(Y2018), str(Y2019)]
    assert main([*args, "--labels", "2018,2019"]) == 0
    text = capsys.readouterr().out
    assert "department  81.5 良 → 87.1 良  +5.6 ↑" in text
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["labels"] == ["zanhuang-hrss-2018-results", "zanhuang-hrss-2019-results"]
    assert len(data["indicators"]) == 68
    assert main([*args, "--format", "csv", "--labels", "a,b"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "level,id,name,score_a,score_b,grade_a,grade_b,change,move"
    assert len(lines) == 1 + 1 + 13 + 42 + 68


def test_cli_compare_refuses_one_file_and_bad_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "zanhuang-hrss-2018", str(Y2018)]) == 2
    assert "give two results files or more" in capsys.readouterr().err
    args = ["compare", "zanhuang-hrss-2018", str(Y2018), str(Y2019), "--labels", "2018"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err == "perfscore: error: 2 cards need 2 labels, got 1\n"


def test_cli_compare_targets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    later = tmp_path / "later.csv"
    results = pd.read_csv(TARGET_RESULTS, dtype=str)
    results.loc[results["id"] == "2.1", "value"] = "0"
    results.to_csv(later, index=False)
    assert main(["compare", str(TARGETS), str(TARGET_RESULTS), str(later), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["change"] for p in data["projects"]] == [0.0, 20.0]
