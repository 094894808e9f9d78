"""perfscore.importing._export: a table written back out in its
published layout."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import perfscore
from perfscore.importing import export_table, exportable
from perfscore.testing.strategies import tables


def test_exportable_keeps_all_but_readings_and_source() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    kept = exportable(table)
    assert [(i.id, i.name, i.unit, i.cells) for i in kept.indicators()] == [
        (i.id, i.name, i.unit, i.cells) for i in table.indicators()
    ]
    assert kept.model_dump(exclude={"source", "duties"}) == table.model_dump(
        exclude={"source", "duties"}
    )
    assert [r for i in kept.indicators() for r in i.readings] == []


@given(table=tables())
@settings(max_examples=30, deadline=None)
def test_exportable_is_idempotent_and_keeps_every_ladder(table: perfscore.Table) -> None:
    kept = exportable(table)
    assert exportable(kept) == kept
    for before, after in zip(table.indicators(), kept.indicators(), strict=True):
        assert after.ladder == before.ladder


def test_export_arguments() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    with pytest.raises(TypeError):
        export_table("zanhuang-hrss-2018", "txt")  # type: ignore[arg-type]
    with pytest.raises(perfscore.PerfscoreError, match="unknown format"):
        export_table(table, "odt")
