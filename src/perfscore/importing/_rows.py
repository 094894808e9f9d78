"""What every reader gives: a source's rows of cell texts, and the import of a reader's library.

The readers of each format (`_sources` for text, Excel, Word and PDF, `_html`, `_xls`,
`_text_forms`) all give a [Source][perfscore.importing._rows.Source], so the layouts read one
shape whatever the file was.

>>> row = SourceRow(("单位：万元",), 3, prose=True)
>>> Source("example.txt", (row,)).rows[0].cells
('单位：万元',)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from perfscore.errors import PerfscoreError

from ._findings import ImportFinding

__all__ = ["Source", "SourceRow", "library"]


@dataclass(frozen=True)
class SourceRow:
    """One row of the source: its cell texts, the source page, its line, and whether it is
    prose (a line of text outside any table row)."""

    cells: tuple[str, ...]
    line: int
    page: int | None = None
    prose: bool = False


@dataclass(frozen=True)
class Source:
    """A source read into rows; ``findings`` are what reading it repaired (a date cell)."""

    label: str
    rows: tuple[SourceRow, ...]
    findings: tuple[ImportFinding, ...] = field(default=())


def library(module: str) -> ModuleType:
    """Import a reader's library, or say which extra brings it.

    >>> library("json").__name__
    'json'
    >>> library("no_such_reader")
    Traceback (most recent call last):
    ...
    perfscore.errors.PerfscoreError: reading this file needs no_such_reader, which comes with \
the import extra: pip install "perfscore[import]"
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise PerfscoreError(
            f"reading this file needs {module.split('.')[0]}, which comes with the import "
            'extra: pip install "perfscore[import]"'
        ) from None
