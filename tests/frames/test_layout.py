"""perfscore.frames._layout: the columnar Layout of many tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.frames import Layout, layout_from_frame
from perfscore.tables import Table
from perfscore.testing.strategies import tables
from tests.scoring_data import small


def _columns(layout: Layout) -> dict[str, object]:
    """Everything a layout says, as plain values (ladders by their canonical text)."""
    shown = [layout.cell_sets[k] for k in layout.cells_of.tolist()]
    return {
        "names": layout.names,
        "departments": layout.departments,
        "years": layout.years,
        "ids": layout.ids.tolist(),
        "indicator_names": layout.indicator_names.tolist(),
        "weights": [None if np.isnan(w) else w for w in layout.weights.tolist()],
        "activity_of": layout.activity_of.tolist(),
        "duty_of": layout.duty_of.tolist(),
        "table_of": layout.table_of.tolist(),
        "offsets": layout.offsets.tolist(),
        "cells": [cells for cells, _ in shown],
        "ladders": [str(layout.ladder(g)) for g in range(len(layout))],
        "units": [layout.ladder(g).unit for g in range(len(layout))],
        "activities": (
            layout.activities.ids.tolist(),
            layout.activities.names.tolist(),
            layout.activities.parent.tolist(),
        ),
        "duties": (
            layout.duties.ids.tolist(),
            layout.duties.names.tolist(),
            layout.duties.parent.tolist(),
        ),
    }


@settings(max_examples=40, deadline=None)
@given(st.lists(tables(max_size=6), min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_a_layout_from_the_frame_equals_the_layout_of_the_tables(
    drawn: list[Table], random: object
) -> None:
    named = {f"t{k}": table for k, table in enumerate(drawn)}
    frame = pd.concat(
        [perfscore.indicator_frame([t]).assign(table=name) for name, t in named.items()],
        ignore_index=True,
    )
    from_frame, problems = layout_from_frame(frame)
    assert not problems
    assert _columns(from_frame) == _columns(Layout.of_tables(named))


def test_the_bundled_table_with_its_reading() -> None:
    """7.1.2 is read through a reading: the shown cells are the published ones or as read."""
    table = perfscore.load_table("zanhuang-hrss-2018")
    from_frame, problems = layout_from_frame(perfscore.indicator_frame([table]))
    assert not problems
    of_table = Layout.of_tables({table.name: table})
    framed, loaded = _columns(from_frame), _columns(of_table)
    # The frame carries the cells as read; a loaded table shows the published ones.
    read = {g for g, i in enumerate(table.indicators()) if i.readings}
    assert read
    assert framed.pop("cells") == [
        tuple(indicator.read_cells.values()) if g in read else shown
        for g, (indicator, shown) in enumerate(
            zip(table.indicators(), loaded.pop("cells"), strict=True)  # type: ignore[call-overload]
        )
    ]
    assert framed == loaded
    # Each (table, id) finds its own indicator.
    _, vocabulary = of_table.id_codes
    positions = np.zeros(len(of_table), dtype=np.int64)
    numbers = np.array([vocabulary[str(i)] for i in of_table.ids], dtype=np.int64)
    assert of_table.find(positions, numbers).tolist() == list(range(len(of_table)))


def test_rows_find_their_indicator_when_every_table_has_ids_of_its_own() -> None:
    """Few shared ids make a table × id grid too large: the lookup hashes instead, same answers."""
    count = 3000
    frame = pd.DataFrame(
        {
            "table": [f"t{k}" for k in range(count)],
            "id": [f"1.1.{k + 1}" for k in range(count)],
            "优": "100%",
            "良": "≥90%",
            "中": "≥80%",
            "差": "<80%",
            "unit": "percent",
        }
    )
    results = pd.DataFrame(
        {"table": ["t7", "t9", "t9"], "id": ["1.1.8", "1.1.10", "1.1.8"], "value": [95, 85, 100]}
    )
    scores = perfscore.score_frame(frame, results, errors="coerce")
    graded = scores.indicators.dropna(subset=["grade"])
    assert graded[["table", "id", "grade"]].values.tolist() == [
        ["t7", "1.1.8", "良"],
        ["t9", "1.1.10", "中"],
    ]
    assert scores.unscored["row"].tolist() == [4]  # t9 has no indicator 1.1.8


# -- a layout of loaded tables --------------------------------------------------------------------

ZANHUANG = perfscore.load_table("zanhuang-hrss-2018")
LAYOUT = Layout.of_tables({"zanhuang": ZANHUANG, "small": small})


def test_every_indicator_is_numbered_in_table_order() -> None:
    assert len(LAYOUT) == 68 + 5
    assert LAYOUT.names == ["zanhuang", "small"]
    assert LAYOUT.offsets.tolist() == [0, 68, 73]
    assert LAYOUT.ids.tolist() == [i.id for i in ZANHUANG.indicators()] + [
        i.id for i in small.indicators()
    ]
    assert LAYOUT.table_of.tolist() == [0] * 68 + [1] * 5
    assert LAYOUT.years == [2018, 2020]
    assert LAYOUT.departments == [ZANHUANG.department.name, "测试局"]


def test_the_loaded_models_are_given_back() -> None:
    assert LAYOUT.table(1) is small
    assert LAYOUT.indicator(68) is small.indicator("1.1.1")
    assert LAYOUT.ladder(72) == small.indicator("2.1.2").ladder


def test_nodes_know_their_parents() -> None:
    assert len(LAYOUT.duties) == len(ZANHUANG.duties) + 2
    assert len(LAYOUT.activities) == len(ZANHUANG.activities()) + 3
    assert LAYOUT.duties.parent.tolist()[-2:] == [1, 1]
    assert LAYOUT.activity_table.tolist()[-3:] == [1, 1, 1]
    indicators, activities, duties = LAYOUT.spans
    assert indicators.tolist() == [0, 68, 73]
    assert activities.tolist() == [0, 42, 45]
    assert duties.tolist() == [0, 13, 15]


def test_equal_ladders_share_one_row_and_per_indicator_columns_follow_it() -> None:
    # 1.1.1 and 1.1.2 of the small table are written alike: one ladder for both
    assert LAYOUT.ladder_of[68] == LAYOUT.ladder_of[69]
    assert len(LAYOUT.ladders) == len(set(LAYOUT.ladders))
    assert LAYOUT.categorical.tolist()[-1] is True
    assert LAYOUT.rates.tolist()[68] is True
    assert LAYOUT.ladder_units[int(LAYOUT.ladder_of[70])] == "人"


def test_find_gives_the_indicator_of_a_table_and_an_id() -> None:
    codes, vocabulary = LAYOUT.id_codes
    tables = np.array([1, 0, 1, -1, 1], dtype=np.int64)
    ids = np.array(
        [vocabulary["2.1.2"], vocabulary["9.2.1"], vocabulary["9.2.1"], vocabulary["1.1.1"], -1],
        dtype=np.int64,
    )
    found = LAYOUT.find(tables, ids)
    assert found.tolist()[0] == 72
    assert LAYOUT.ids[found[1]] == "9.2.1"
    assert found.tolist()[2:] == [-1, -1, -1]  # no 9.2.1 in small; no table; no id
    assert codes[72] == vocabulary["2.1.2"]


def test_shown_cells_are_the_cells_of_the_grades_got() -> None:
    codes = np.full(len(LAYOUT), -1, dtype=np.int8)
    codes[68:73] = [3, 0, 2, 3, 1]
    shown = LAYOUT.shown_cells(codes)
    assert shown.tolist()[68:] == ["100%", "<80%", "≥400", "1次", "基本上能实施"]
    assert shown.tolist()[0] is None


def test_a_layout_read_from_a_frame_assembles_its_tables() -> None:
    layout, problems = layout_from_frame(perfscore.indicator_frame([small]))
    assert not problems
    table = layout.table(0)
    assert [i.id for i in table.indicators()] == [i.id for i in small.indicators()]
    assert [i.ladder for i in table.indicators()] == [i.ladder for i in small.indicators()]
    assert layout.table(0) is table  # assembled once
    assert layout.indicator(0) is layout.indicator(0)
