"""What the commands share: progress on a terminal only."""

from __future__ import annotations

import io
import sys
from pathlib import Path

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


def _write_until_stopped(folder: Path) -> None:
    import os
    import signal
    import time

    from perfscore.outputs import replacing

    with replacing(folder / "scores.csv") as temporary:
        temporary.write_text("half a file", encoding="utf-8")
        assert list(folder.iterdir()) == [temporary]
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the signal arrives first


def test_a_terminated_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    import signal

    from perfscore._cli_common import stop_cleanly

    previous = signal.getsignal(signal.SIGTERM)
    stop_cleanly()
    try:
        with pytest.raises(SystemExit) as stopped:
            _write_until_stopped(tmp_path)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert stopped.value.code == 143
    assert list(tmp_path.iterdir()) == []
