"""Tables exported in every format and imported back are the
tables they were."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.importing import FORMATS, export_table, exportable, import_table
from perfscore.testing.strategies import tables

# A unit the cells never write (dimensionless) is one the layout cannot carry.
UNITS = ("percent", "人", "次", "种", "万元", "天")
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_PUNCT = st.sampled_from("，。、；：（）")
_PROSE = st.lists(
    st.one_of(_HAN, _HAN, _HAN, _PUNCT, st.sampled_from("0123456789")), min_size=1, max_size=40
).map("".join)


# A PDF wraps a cell's text wherever the line is full, and a line that starts with a list
# marker (``2、``) is read as a new item, after a space: prose that holds a marker is one the
# PDF layout cannot carry unchanged (found: ``…。0、`` wrapped before the ``0``).
_LIST_MARKER = re.compile(r"\d{1,2}、|[（(]\d{1,2}[)）]")
_UNMARKED_PROSE = _PROSE.filter(lambda text: not _LIST_MARKER.search(text))


@st.composite
def published_tables(draw: st.DrawFn, prose: st.SearchStrategy[str] = _PROSE) -> perfscore.Table:
    """Tables as a department publishes them: descriptions, goals and budgets filled in."""
    data: dict[str, Any] = draw(tables(units=UNITS)).model_dump(mode="json")
    if draw(st.booleans()):  # published together, as 323 人社局
        data["department"].update(code="323", short_name="人社局")
    data["money_unit"] = draw(st.sampled_from((None, "万元")))
    for item in [*data["duties"], *(a for d in data["duties"] for a in d["activities"])]:
        item["description"] = draw(st.none() | prose)
        item["goal"] = draw(st.none() | prose)
        cents = draw(st.none() | st.integers(0, 10**7))
        item["budget"] = None if cents is None else cents / 100
    return perfscore.load_table(data)


def round_trip(table: perfscore.Table, format: str, directory: Path) -> perfscore.Table:
    path = directory / f"{table.name}.{format}"
    export_table(table, format, path)
    return import_table(path).table.model_copy(update={"source": None})


@pytest.mark.parametrize("format", FORMATS)
def test_the_bundled_table_round_trips(format: str, tmp_path: Path) -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    assert round_trip(table, format, tmp_path) == exportable(table)


_SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("format", ["txt", "xlsx", "docx"])
@_SETTINGS
@given(table=published_tables())
def test_generated_tables_round_trip(format: str, table: perfscore.Table, tmp_path: Path) -> None:
    assert round_trip(table, format, tmp_path) == exportable(table)


@settings(_SETTINGS, max_examples=6)  # a PDF takes about a tenth of a second to read back
@given(table=published_tables(prose=_UNMARKED_PROSE))
def test_generated_tables_round_trip_through_pdf(table: perfscore.Table, tmp_path: Path) -> None:
    assert round_trip(table, "pdf", tmp_path) == exportable(table)
