"""The README's Quick start: two commands, the second run verbatim by CI, the first one's
`perfscore grade` giving the output a reader expects."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from perfscore.cli import main

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the Quick start section has no fenced code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_holds_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    install, test = commands
    assert "pip install" in install
    assert "perfscore grade" in install
    assert 'pip install -q -e ".[test]"' in test
    assert test.endswith("pytest -q")


def test_ci_runs_the_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_first_command_grades(capsys: pytest.CaptureFixture[str]) -> None:
    install = quick_start_commands()[0]
    grade = install[install.index("perfscore grade") :]
    argv = shlex.split(grade)[1:]
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines() == [
        "优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%  (higher is better, unit percent)",
        "95%\t良",
        "89.99\t中",
        "100 %\t优",
    ]
