"""The command line: `perfscore grade` output, and errors as one line without a traceback."""

from __future__ import annotations

import pytest

from perfscore import __version__
from perfscore.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


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
