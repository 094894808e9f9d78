"""The text reader on the corpus of real published tables (tests/corpus/<slug>/source.txt).

Each source.txt is a real table as a page copy gave it (pipe cells, one cell per line, words
apart by spaces, cells run together); its expected.yaml is a hand transcription. The reader's
part is the rows: an expected row is *read* when one source row holds its 三级指标 name and its
target as cells, which is what the layouts then place. The figures per file:
``python -m tests.importing.test_corpus_text``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from perfscore.importing import read_text
from perfscore.notation._labels import simplified

CORPUS = Path(__file__).parents[1] / "corpus"
FOLDERS = sorted(p for p in CORPUS.glob("*") if (p / "source.txt").is_file())


def figures(folder: Path) -> tuple[str, int, int, int]:
    """The form the reader found, and the expected rows whose name is a cell of some row,
    whose name and target are cells of one row, and in all."""
    source = read_text((folder / "source.txt").read_text(encoding="utf-8"), label=folder.name)
    expected: dict[str, Any] = yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))
    forms = [f.action.split(":")[0] for f in source.findings if f.kind == "source"]
    rows = [{simplified(c) for c in r.cells} for r in source.rows if not r.prose]
    named = read = total = 0
    for project in expected.get("projects") or []:
        for row in project.get("rows") or []:
            total += 1
            name, target = row.get("name"), row.get("target")
            holding = [r for r in rows if name and simplified(str(name)) in r]
            named += bool(holding)
            read += any(target is None or simplified(str(target)) in r for r in holding)
    return (forms[0] if forms else "no form found"), named, read, total


@pytest.mark.skipif(not FOLDERS, reason="no corpus in this checkout")
def test_the_reader_reads_most_rows_of_the_copies_it_recognises() -> None:
    found = [figures(folder) for folder in FOLDERS]
    recognised = [f for f in found if f[0] != "no form found"]
    assert len(recognised) >= len(found) / 2
    read, total = sum(f[2] for f in recognised), sum(f[3] for f in recognised)
    assert read >= 0.6 * total, f"{read} of {total} rows read in the recognised copies"


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_every_form_read_is_named_in_a_finding(folder: Path) -> None:
    source = read_text((folder / "source.txt").read_text(encoding="utf-8"))
    tables = [r for r in source.rows if not r.prose and len(r.cells) > 1]
    forms = [f for f in source.findings if f.kind == "source"]
    assert forms or not tables  # rows out of a copy without tabs came by a form, named


if __name__ == "__main__":
    totals = [0, 0, 0]
    for folder in FOLDERS:
        form, named, read, total = figures(folder)
        totals = [totals[0] + named, totals[1] + read, totals[2] + total]
        print(f"{folder.name:<62} {form:<28} {read:>3} of {total:<3} ({named} named)")
    print(f"{'all':<62} {'':<28} {totals[1]:>3} of {totals[2]:<3} ({totals[0]} named)")
