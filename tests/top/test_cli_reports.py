"""perfscore report and perfscore audit: a report to send, and the audit (text, JSON, CSV, the
sheet)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import perfscore
from perfscore.cli import main
from tests.top.test_cli import EXAMPLE, ROOT, run
from tests.top.test_cli import TABLE as BUNDLED

TABLE = """kind: targets
name: example
department: {name: 某局}
year: 2023
projects:
  - id: "1"
    name: 某项目
    budget: {planned: 100, weight: 10}
    indicators:
      - {id: "1.1", name: 培训人次, target: 500人次, weight: 40}
      - {id: "1.2", name: 发放册数, target: ≥120册, weight: 30}
      - {id: "1.3", name: 满意度, target: ≥90%, weight: 20}
"""
RESULTS = (
    "id,value,points\n1.1,450人次,36\n1.2,69册,17\n1.3,95%,18\n1.budget,98,9.8\n1.total,,80.8\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    table, results = tmp_path / "example.yaml", tmp_path / "results.csv"
    table.write_text(TABLE, encoding="utf-8")
    results.write_text(RESULTS, encoding="utf-8")
    return table, results


def test_the_text_report(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(files[0]), str(files[1])]) == 0
    out = capsys.readouterr().out
    assert "deduction-on-met" in out
    assert "rounded to 1" in out
    assert "total of project 1: published 80.8, recomputed 82.8" in out


def test_json_csv_and_the_sheet(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "audit.xlsx"
    assert main(["audit", *map(str, files), "--format", "json", "--xlsx", str(sheet)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["explained"] == 2
    assert sheet.is_file()
    out = tmp_path / "audit.csv"
    assert main(["audit", *map(str, files), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("kind,project,id")


def test_errors_are_one_line_never_a_traceback(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(files[0])]) == 1
    assert "give the results file" in capsys.readouterr().err
    assert main(["audit", "zanhuang-hrss-2018", str(files[1])]) == 1
    assert "self-evaluation (targets) table" in capsys.readouterr().err
    assert main(["audit", str(files[0]), str(files[1]), "-o", str(files[1])]) == 1
    assert "input" in capsys.readouterr().err


def test_the_reviewer_fixes_the_rounding(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", *map(str, files), "--rounding", "1", "--rounding-mode", "down"]) == 0
    assert "(options: rounded to 1, cut)" in capsys.readouterr().out
    assert main(["audit", *map(str, files), "--rounding", "x"]) == 1
    assert "rounding" in capsys.readouterr().err


def test_a_published_form_alone_is_imported_with_its_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.importing.test_target_forms import SELF_EVALUATION

    source = tmp_path / "example-2023.txt"
    source.write_text(SELF_EVALUATION, encoding="utf-8")
    assert main(["audit", str(source)]) == 0
    out = capsys.readouterr().out
    assert "1.budget" in out
    assert "rows 4:" in out


def test_report_writes_one_html_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    status, printed, err = run(capsys, "report", BUNDLED, str(EXAMPLE), "-o", str(out))
    assert (status, printed, err) == (0, "", "")
    page = out.read_text(encoding="utf-8")
    card = perfscore.score(BUNDLED, EXAMPLE)
    assert page == card.to_html()
    assert "<h1>赞皇县人力资源和社会保障局 2018 年绩效评价报告</h1>" in page


def test_report_of_several_results_is_their_comparison(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    y2019 = ROOT / "examples" / "zanhuang-hrss-2019-results.csv"
    status, page, _ = run(capsys, "report", BUNDLED, str(EXAMPLE), str(y2019))
    assert status == 0
    assert "zanhuang-hrss-2018-results → zanhuang-hrss-2019-results 比较报告</h1>" in page
    # never over an input, and an unknown method is one line, no traceback
    status, _, err = run(capsys, "report", BUNDLED, str(EXAMPLE), "-o", str(EXAMPLE))
    assert status == 1
    assert err.startswith("perfscore: error:")
    status, _, err = run(capsys, "report", BUNDLED, str(EXAMPLE), "--method", "nonesuch")
    assert status == 1
    assert "Traceback" not in err
