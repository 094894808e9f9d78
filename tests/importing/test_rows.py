"""perfscore.importing._rows: the rows every reader gives, and a reader's library imported."""

from __future__ import annotations

import sys

import pytest

import perfscore
from perfscore.importing._rows import Source, SourceRow, library
from perfscore.importing._sources import Source as SourceFromSources


def test_one_source_shape_for_every_reader() -> None:
    row = SourceRow(("三级指标", "指标值"), 4, page=2)
    assert Source("t.html", (row,)).findings == ()
    assert row.prose is False
    assert SourceFromSources is Source  # the readers of text, Excel, Word and PDF give it too


def test_a_missing_reader_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlrd", None)  # as if not installed: importing it fails
    with pytest.raises(perfscore.PerfscoreError, match=r"needs xlrd.*perfscore\[import\]"):
        library("xlrd")
