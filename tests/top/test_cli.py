"""The command line (perfscore.cli), every command: output, exit status,
and errors as one line without a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

import perfscore
from perfscore import __version__
from perfscore.cli import main
from perfscore.importing import import_table
from perfscore.tables import json_schema
from tests.scoring_data import zanhuang
from tests.table_data import indicator, table_of, write
from tests.targets_data import TARGET_RESULTS, TARGETS

ROOT = Path(__file__).resolve().parents[2]
TABLE = "zanhuang-hrss-2018"
PATH = "duties[0].activities[0].indicators[0]"
EXAMPLE = ROOT / "examples" / "zanhuang-hrss-2018-results.csv"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- perfscore grade --------------------------------------------------------------------------


def test_grade(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys,
        "grade",
        "100% / ≥ 90% / ≥80% / <80%",
        "--unit",
        "percent",
        "95%",
        "89.99",
        "0.8 dimensionless",
    )
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%  (higher is better, unit percent)",
        "95%\t良",
        "89.99\t中",
        "0.8 dimensionless\t中",
    ]


def test_blank_cells_and_lower_is_better(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "grade", "1次 / - / / 1次以上", "--unit", "次", "0", "1", "2")
    assert status == 0
    assert out.splitlines() == [
        "优 ≤1次 | 良 — | 中 — | 差 >1次  (lower is better, unit 次)",
        "0\t优",
        "1\t优",
        "2\t差",
    ]


def test_qualitative(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "grade", "有效 / 完整 / 基本 / 不能", "完整", "没有")
    assert status == 1
    assert out.splitlines() == [
        "优 有效 | 良 完整 | 中 基本 | 差 不能  (categorical, unit None)",
        "完整\t良",
        "没有\terror: '没有' is not one of this ladder's labels (有效, 完整, 基本, 不能)",
    ]


def test_value_errors_are_reported_per_value(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "grade", "≥5人 / ≥3人 / ≥1人 / 0", "4", "5次", "x")
    assert status == 1
    assert err == ""
    assert out.splitlines()[1:] == [
        "4\t良",
        "5次\terror: a value in 次 cannot be read as 人",
        "x\terror: unexpected 'x'",
    ]


@pytest.mark.parametrize(
    ("ladder", "message"),
    [
        ("≥90% / ≥80%", "perfscore: error: a ladder is four cells 优 / 良 / 中 / 差 separated by "
         "'/', got 2: '≥90% / ≥80%'"),
        ("≥ 9O% / - / - / <90%", "perfscore: error: cell 优: unexpected 'O'\n    ≥ 9O%\n       ^"),
        ("≥90% / ≥90% / - / <90%", "perfscore: error: cell 良: '≥90%' is met only by values a "
         "better grade already takes; the cells do not run in one direction"),
    ],
)  # fmt: skip
def test_bad_ladder(capsys: pytest.CaptureFixture[str], ladder: str, message: str) -> None:
    status, out, err = run(capsys, "grade", ladder, "1")
    assert (status, out) == (1, "")
    assert err == message + "\n"
    assert "Traceback" not in err


def test_unknown_unit(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "grade", "≥5 / - / - / <5", "--unit", "furlong", "1")
    assert status == 1
    assert err.startswith("perfscore: error: unknown unit 'furlong'; perfscore knows: %")


def test_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["grade"])
    assert info.value.code == 2
    assert "the following arguments are required: ladder, VALUE" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"perfscore {__version__}\n"


# -- perfscore check, tables, schema ------------------------------------------------------


def test_cli_check_passes_the_bundled_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", TABLE]) == 0
    assert capsys.readouterr().out == f"{TABLE}: 0 errors, 0 warnings\n"


def test_cli_check_fails_on_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, table_of(indicator("≥90% / ≥80% / ≥70% / <60%")))
    assert main(["check", TABLE, str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{TABLE}: 0 errors, 0 warnings",
        f"{path}: error: indicator 1.1.1 完成率, cells ({PATH}.cells): no grade for 60% "
        "(values without a grade: [60, 70) percent)",
        f"{path}: 1 error, 0 warnings",
    ]
    assert err == ""


def test_cli_check_passes_with_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, table_of(indicator("≥9 / ≥8 / ≥7 / <7", unit=None, name="得分")))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning: indicator 1.1.1 得分, unit" in out
    assert out.endswith(f"{path}: 0 errors, 1 warning\n")


def test_cli_check_reports_a_bad_file_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("duties: [\n", encoding="utf-8")
    assert main(["check", str(path), "no-such-table"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert f"{path}: error: not valid YAML: " in out
    assert "no-such-table: error: no table file 'no-such-table'" in out


def test_cli_tables_lists_the_bundled_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tables"]) == 0
    assert capsys.readouterr().out == f"{TABLE}\t赞皇县人力资源和社会保障局\t2018\t68 indicators\n"


def test_cli_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == json_schema()
    assert printed == (ROOT / "docs" / "table.schema.json").read_text(encoding="utf-8")


# -- perfscore score -----------------------------------------------------------------------


def test_cli_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "zanhuang-hrss-2018", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    card = perfscore.score("zanhuang-hrss-2018", EXAMPLE)
    assert out == card.to_text() + "\n"


def test_cli_json_and_method(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "zanhuang-hrss-2018", str(EXAMPLE), "--format", "json",
                 "--method", "worst"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["department"]["grade"] == "差"  # two indicators are 差
    assert data["department"]["graded"] == 68


def test_cli_csv_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "card.csv"
    assert (
        main(["score", "zanhuang-hrss-2018", str(EXAMPLE), "--format", "csv", "-o", str(out)]) == 0
    )
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 68


def test_cli_bad_rows_print_no_scorecard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "r.csv"
    results.write_text("id,value\n1.1.1,100%\n1.1.3,95%\n1.2.2,-3\n", encoding="utf-8")
    assert main(["score", "zanhuang-hrss-2018", str(results)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"perfscore: error: {results}: 2 bad result rows; nothing was scored (fix them, or keep "
        "going to score the rest)",
        "  row 3, indicator 1.1.3: table zanhuang-hrss-2018 has no indicator '1.1.3'; did you "
        "mean '1.1.2', '1.1.1'?",
        "  row 4, indicator 1.2.2: a count of 人 cannot be negative: -3",
    ]


def test_cli_keep_going(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "r.csv"
    results.write_text("id,value\n1.1.1,100%\n1.2.2,-3\n", encoding="utf-8")
    assert main(["score", "zanhuang-hrss-2018", str(results), "--keep-going"]) == 1
    out = capsys.readouterr().out
    assert "unscored rows (1):" in out
    assert "  row 3, indicator 1.2.2: a count of 人 cannot be negative: -3" in out
    assert (
        main(["score", "zanhuang-hrss-2018", str(results), "--keep-going", "--format", "json"]) == 1
    )
    captured = capsys.readouterr()
    assert json.loads(captured.out)["department"]["graded"] == 1
    assert captured.err == (
        "perfscore: unscored: row 3, indicator 1.2.2: a count of 人 cannot be negative: -3\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "no-such-table", "x.csv"], "no table file 'no-such-table'"),
        (["score", "zanhuang-hrss-2018", "absent.csv"], "absent.csv: cannot read the results file"),
        (
            ["score", "zanhuang-hrss-2018", "x.csv", "--method", "median"],
            "no scoring method 'median'",
        ),
    ],
)
def test_cli_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("perfscore: error: ")
    assert message in err
    assert "Traceback" not in err


def test_cli_csv_keep_going_writes_the_unscored_rows_beside_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "r.csv"
    results.write_text("id,value\n1.1.1,100%\n1.2.2,-3\n", encoding="utf-8")
    out = tmp_path / "card.csv"
    argv = ["score", "zanhuang-hrss-2018", str(results), "--keep-going", "--format", "csv"]
    assert main([*argv, "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        "perfscore: unscored: row 3, indicator 1.2.2: a count of 人 cannot be negative: -3\n"
    )
    assert len(list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))) == 68


@pytest.mark.parametrize("name", ["mean ", " worst", "missing-as-差"])
def test_cli_reads_methods_as_score_does(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["score", "zanhuang-hrss-2018", str(EXAMPLE), "--format", "json", "--method", name]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    card = perfscore.score(zanhuang, EXAMPLE, method=name)
    assert data == card.to_dict()


@pytest.mark.parametrize("command", ["score", "check", "grade", "tables", "schema"])
def test_every_help_text_prints(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    # argparse expands % in help texts: a bare one crashed `perfscore score --help`.
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: perfscore {command}")


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Y2018 = EXAMPLES / "zanhuang-hrss-2018-results.csv"
Y2019 = EXAMPLES / "zanhuang-hrss-2019-results.csv"


# -- perfscore compare ------------------------------------------------------------------------


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


@pytest.mark.parametrize("format", ["txt", "xlsx", "docx", "pdf"])
def test_cli_export_of_a_targets_table(
    format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"targets.{format}"
    assert main(["export", str(TARGETS), "--format", format, "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"targets-invented-2023: 10 indicators written to {target}\n"
    assert len(import_table(target).table) == 10


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


DISCLOSURE = Path(__file__).parents[1] / "data" / "zanhuang-hrss-2018-disclosure.txt"


# -- perfscore import -------------------------------------------------------------------------


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


# -- perfscore score on a targets table -------------------------------------------------------


def test_cli_scores_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["score", str(TARGETS), str(TARGET_RESULTS), "--rounding", "0.01"])
    out = capsys.readouterr().out
    assert status == 0
    assert "1 职业技能培训补贴项目（虚构）: 总分 93.67 优 of 100" in out
    assert "总分 (mean of the projects)" in out


def test_cli_check_covers_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(TARGETS)]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings\n")


def test_cli_refuses_options_of_another_method(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["score", str(TARGETS), str(TARGET_RESULTS), "--method", "mean", "--rounding", "1"])
        == 1
    )
    assert "--rounding belongs to the self-evaluation method" in capsys.readouterr().err


def test_the_example_scores_from_a_shell() -> None:
    command = [sys.executable, "-m", "perfscore", "score", str(TARGETS), str(TARGET_RESULTS),
               "--format", "csv", "--rounding", "0.01"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(__import__("io").StringIO(done.stdout), dtype={"id": str})
    assert frame.set_index("id").loc["2.3", "score"] == 24.0
    assert len(frame) == 12


def _sheet(path: Path, name: str) -> Worksheet:
    sheet = openpyxl.load_workbook(path)[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _records(sheet: Worksheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]  # type: ignore[arg-type]


# -- perfscore score --format xlsx ------------------------------------------------------------


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


# -- what each command imports ----------------------------------------------------------------

_HEAVY = ("pint", "pydantic", "numpy", "pandas", "openpyxl", "matplotlib", "docx", "pdfplumber")


def _imported_by(*args: str) -> set[str]:
    """The heavy libraries a whole ``perfscore ARGS`` process imports (a fresh interpreter)."""
    code = (
        "import sys, contextlib, io\n"
        "from perfscore.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({list(args)!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(' '.join(m for m in {_HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    return set(done.stdout.split())


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["score", "--help"], ["tables"]])
def test_help_and_light_commands_import_nothing_heavy(args: list[str]) -> None:
    """Each command's arguments are built only for the command given: the top-level help imports
    no implementation, and a command imports what it uses."""
    imported = _imported_by(*args)
    if args[0] == "tables":
        assert imported <= {"pint", "pydantic", "numpy"}  # tables and their ladders
    else:
        assert imported == set()


def test_scoring_a_csv_imports_no_pandas_and_no_importer() -> None:
    imported = _imported_by(
        "score", "zanhuang-hrss-2018", "examples/zanhuang-hrss-2018-results.csv"
    )
    assert {"pint", "pydantic", "numpy"} <= imported
    assert not imported & {"pandas", "openpyxl", "matplotlib", "docx", "pdfplumber"}


def test_a_command_given_its_help_lists_its_own_arguments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "--layout {auto,ladders,project,targets}" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    commands = ["score", "compare", "grade", "check", "tables", "schema", "import", "export"]
    listed = [line.split()[0] for line in out.splitlines() if re.match(r"    \w+  ", line)]
    assert listed == commands
