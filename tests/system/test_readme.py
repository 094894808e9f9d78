"""The README's Quick start: two commands, the second run verbatim by CI, the first one's
`perfscore score` giving the output a reader expects."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from perfscore.cli import main

ROOT = Path(__file__).resolve().parents[2]


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
    assert "perfscore score" in install
    assert 'pip install -q -e ".[test]"' in test
    assert test.endswith("pytest -q")


def test_ci_runs_the_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_first_command_scores_the_example(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    install = quick_start_commands()[0]
    command = install[install.index("perfscore score") :]
    argv = shlex.split(command)[1:]
    monkeypatch.chdir(ROOT)  # the example path is relative to the checkout, as in the README
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "赞皇县人力资源和社会保障局 2018 · zanhuang-hrss-2018 · method mean"
    assert lines[1].startswith("department  81.6 良  ·  graded 68 of 68 (100%)")
    assert lines[1].endswith("优 35 良 25 中 6 差 2")
