"""TODO"""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore.cli import main

DISCLOSURE = Path(__file__).parent / "data" / "zanhuang-hrss-2018-disclosure.txt"


def test_cli_import_writes_the_file_and_lists_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.yaml"
    status = main(["import", str(DISCLOSURE), "-o", str(target), "--name", "zanhuang-hrss-2018"])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out.splitlines()[0].endswith(
        "68 indicators in 13 duties and 42 activities (layout ladders), written to " + str(target)
    )
    assert "[repeated-character] page 7, row 1, column 绩效指标 (7.1.2)" in out
    assert perfscore.load_table(target) == perfscore.load_table(
        perfscore.import_table(DISCLOSURE, name="zanhuang-hrss-2018").to_dict()
    )


def test_cli_import_of_garbage_exits_1_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes("一、二、\t\t三\n%%%\t≥≥".encode())
    status = main(["import", str(path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out + err
    assert err.startswith("perfscore: error:")
    assert "[source]" in out


def test_cli_import_of_an_old_word_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "table.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert main(["import", str(path)]) == 1
    assert "save it as .docx" in capsys.readouterr().err
