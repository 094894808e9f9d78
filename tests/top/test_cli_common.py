"""What the commands share: progress on a terminal only."""

from __future__ import annotations

import io
import sys

import pytest

from perfscore.cli import main
from tests.top.test_cli import Y2018, Y2019


class _Terminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import perfscore._cli_common

    args = ["compare", "zanhuang-hrss-2018", str(Y2018), str(Y2019)]
    assert main(args) == 0
    assert capsys.readouterr().err == ""  # not a terminal: nothing on standard error
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(perfscore._cli_common, "PROGRESS_DELAY", 0)  # show at once, however quick
    assert main(args) == 0
    assert "perfscore: scoring" in terminal.getvalue()
    assert "/2 [" in terminal.getvalue()  # counting the two results files
    assert "department" in capsys.readouterr().out  # the bar never mixes into the output
