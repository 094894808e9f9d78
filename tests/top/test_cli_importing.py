"""The import and export commands: files written, findings listed, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import perfscore
from perfscore.cli import main
from perfscore.importing import import_table
from tests.targets_data import TARGETS
from tests.top.test_cli import TABLE

# -- perfscore export -------------------------------------------------------------------------


def test_cli_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "zanhuang-hrss-2018", "--format", "txt"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "赞皇县人力资源和社会保障局 2018 年部门职责-工作活动绩效目标"
    target = tmp_path / "t.xlsx"
    assert main(["export", "zanhuang-hrss-2018", "--format", "xlsx", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"zanhuang-hrss-2018: 68 indicators written to {target}\n"
    assert len(import_table(target).table) == 68
    assert main(["export", "no-such-table", "--format", "pdf"]) == 1
    assert "no-such-table" in capsys.readouterr().err


DISCLOSURE = Path(__file__).parents[1] / "data" / "zanhuang-hrss-2018-disclosure.txt"


# -- perfscore import -------------------------------------------------------------------------


def test_cli_import_writes_the_file_and_lists_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "zanhuang-hrss-2018.yaml"
    status = main(["import", str(DISCLOSURE), "-o", str(target)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    first, *rest = out.splitlines()
    assert first.startswith(
        f"{DISCLOSURE}: 68 indicators in 13 duties and 42 activities (layout ladders), written "
        f"to {target}; 0 to act on, "
    )
    # nothing to act on: the findings to check and for the record only with --all
    assert "[repeated-character]" not in out
    assert rest[-1].endswith("to check or for the record: --all)")
    imported = perfscore.import_table(DISCLOSURE, name="zanhuang-hrss-2018")
    assert perfscore.load_table(target) == perfscore.load_table(imported.to_dict())
    assert main(["check", str(target)]) == 0  # the name is the file's
    capsys.readouterr()
    assert main(["import", str(DISCLOSURE), "-o", str(target), "--all"]) == 0
    out = capsys.readouterr().out
    assert "note [repeated-character] page 7, row 1, column 绩效指标 (7.1.2)" in out
    assert len(out.splitlines()) == 1 + len(imported.findings)


def test_cli_import_name_and_output_cannot_disagree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.yaml"
    status = main(["import", str(DISCLOSURE), "-o", str(target), "--name", "zanhuang-hrss-2018"])
    assert status == 1
    assert "--name zanhuang-hrss-2018 and -o" in capsys.readouterr().err
    assert not target.exists()


GOAL_SHORT_OF_A_NAME = "\n".join(
    [
        "某县人社局2023年度项目支出绩效目标表",
        "单位：万元",
        "项目名称\t一级指标\t二级指标\t三级指标\t指标值\t权重\t指标方向性",
        "培训项目\t产出指标\t数量指标\t培训人次\t≥500人次\t50\t正向指标",
        "\t\t\t\t≥90%\t50\t正向指标",
    ]
)


def test_cli_import_exits_1_when_a_row_is_left_out_and_lists_it_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "goal-2023.txt"
    source.write_text(GOAL_SHORT_OF_A_NAME, encoding="utf-8")
    status = main(["import", str(source), "-o", str(tmp_path / "goal-2023.yaml")])
    out = capsys.readouterr().out
    assert status == 1
    first, second, *_ = out.splitlines()
    assert "1 indicator in 1 project" in first
    assert "1 to act on" in first
    assert second.startswith("  error [unplaced] row 3: '≥90% | 50 | 正向指标'")
    assert (tmp_path / "goal-2023.yaml").exists()  # what was read is written


def test_cli_import_asks_for_a_year_and_department_printed_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("goal.txt").write_text("\n".join(GOAL_SHORT_OF_A_NAME.splitlines()[1:4]), "utf-8")
    assert main(["import", "goal.txt"]) == 1
    err = capsys.readouterr().err
    assert "--year" in err
    assert "--department" in err
    assert not Path("goal.yaml").exists()
    assert main(["import", "goal.txt", "--year", "2023", "--department", "某局"]) == 0
    assert "written to goal.yaml" in capsys.readouterr().out
    table = perfscore.load_table("goal.yaml")
    assert (table.year, table.department.name) == (2023, "某局")


def test_cli_import_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    target = tmp_path / "zanhuang-hrss-2018.yaml"
    command = [sys.executable, "-m", "perfscore", "import", str(DISCLOSURE), "-o", str(target)]
    process = subprocess.Popen([*command, "--all"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line (| head -0)
    err = process.stderr.read().decode()
    assert process.wait() == 0
    assert "Traceback" not in err, err
    assert "BrokenPipeError" not in err, err
    assert target.exists()


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


# -- perfscore score on a targets table -------------------------------------------------------


def test_names_with_control_characters_print_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file name or a table's text holding a terminal's escape sequence is shown, never run.
    target = tmp_path / "out\x1b[2J.xlsx"
    assert main(["export", TABLE, "--format", "xlsx", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "out\\x1b[2J.xlsx" in out
    data = perfscore.load_table(TABLE).model_dump(mode="json")
    data["name"] = "hostile"
    data["duties"][0]["name"] = "职责\x1b]0;title\x07"
    table = tmp_path / "hostile.yaml"
    table.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["export", str(table), "--format", "txt"]) == 0
    assert "\x1b" not in capsys.readouterr().out


@pytest.mark.parametrize("format", ["txt", "xlsx", "docx", "pdf"])
def test_cli_export_of_a_targets_table(
    format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"targets.{format}"
    assert main(["export", str(TARGETS), "--format", format, "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"targets-invented-2023: 10 indicators written to {target}\n"
    assert len(import_table(target, year=2023).table) == 10  # its title writes no year


def test_cli_export_of_a_table_of_a_hundred_and_more_duties(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cells = {"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"}
    duties = [
        {"id": f"{d}", "name": f"职责{d}", "activities": [{"id": f"{d}.1", "name": "活动",
         "indicators": [{"id": f"{d}.1.1", "name": "到位率", "cells": cells}]}]}
        for d in range(1, 112)
    ]  # fmt: skip
    table = {"name": "many", "department": {"name": "某局"}, "year": 2020, "duties": duties}
    path = tmp_path / "many.yaml"
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    assert main(["export", str(path), "--format", "txt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    heads = [line.split("\t")[0] for line in lines if "、职责" in line]
    assert len(heads) == 111
    assert heads[98:101] == ["九十九、职责99", "一百、职责100", "一百零一、职责101"]
    assert heads[109:] == ["一百一十、职责110", "一百一十一、职责111"]
