"""perfscore.scoring._cells: what a result cell is, its text, a blank row, and how a message
quotes a cell; one cell at a time and a column at once, by the same rule."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.scoring._cells import (
    QUOTED,
    CellKind,
    cell_kind,
    cell_kinds,
    cell_text,
    distinct_texts,
    factorize_cells,
    is_layout,
    quoted,
    quoted_number,
)

NUMBER, TEXT, BLANK, OTHER = CellKind.NUMBER, CellKind.TEXT, CellKind.BLANK, CellKind.OTHER

CELLS: list[tuple[object, CellKind]] = [
    (95, NUMBER),
    (0.5, NUMBER),
    (math.nan, NUMBER),  # a bad number, reported as one: not a missing result
    (-math.inf, NUMBER),
    (np.float64(1.5), NUMBER),
    (np.int64(3), NUMBER),
    (np.float32(1.5), NUMBER),
    (np.int8(3), NUMBER),
    (10**400, NUMBER),
    ("95%", TEXT),
    (" 有效实施 ", TEXT),
    ("", BLANK),
    ("   ", BLANK),
    (None, BLANK),
    (pd.NA, BLANK),
    (pd.NaT, BLANK),
    (True, OTHER),
    (np.bool_(False), OTHER),
    (Fraction(1, 2), OTHER),
    (Decimal("1.5"), OTHER),
    (b"95", OTHER),
    ([95], OTHER),
]


@pytest.mark.parametrize(("cell", "kind"), CELLS)
def test_cell_kind(cell: object, kind: CellKind) -> None:
    assert cell_kind(cell) is kind


def test_cell_kinds_of_a_column_are_the_kinds_one_by_one() -> None:
    cells = np.empty(len(CELLS), dtype=object)
    cells[:] = [cell for cell, _ in CELLS]
    kinds, plain = cell_kinds(cells)
    assert kinds.dtype == np.int8
    assert [CellKind(k) for k in kinds] == [kind for _, kind in CELLS]
    # plain: a Python or 64-bit numpy int or float, read as float64 with no second look
    assert plain.tolist() == [type(cell) in (int, float, np.float64, np.int64) for cell, _ in CELLS]
    assert not plain[6]  # a float32 is no plain number: read as the decimal it shows


def test_cell_kinds_of_no_cells() -> None:
    kinds, plain = cell_kinds(np.empty(0, dtype=object))
    assert (kinds.tolist(), plain.tolist()) == ([], [])


_ANY_CELL = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.text(max_size=4),
    st.booleans(),
    st.fractions(),
    st.just(pd.NA),
)


@given(st.lists(_ANY_CELL, max_size=12))
def test_the_column_rule_is_the_one_cell_rule(cells: list[object]) -> None:
    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    kinds, _ = cell_kinds(array)
    assert [CellKind(k) for k in kinds] == [cell_kind(c) for c in cells]


def test_a_numpy_string_is_text_and_a_blank_one_is_blank() -> None:
    assert cell_kind(np.str_("95%")) is TEXT
    assert cell_kind(np.str_("  ")) is BLANK
    assert cell_text(np.str_("  ")) is None


# -- cell_text and is_layout -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (" 1.1.1 ", "1.1.1"),
        ("人", "人"),
        (3, "3"),
        (2.5, "2.5"),
        (math.nan, None),
        (np.float64("nan"), None),
        ("", None),
        ("  ", None),
        (None, None),
        (pd.NA, None),
    ],
)
def test_cell_text(cell: object, text: str | None) -> None:
    assert cell_text(cell) == text


@pytest.mark.parametrize(
    ("row", "layout"),
    [
        (["", None, math.nan, pd.NA], True),
        ([], True),
        (["1.1.1", math.nan], False),
        ([None, 0], False),  # a zero is a value
        ([" ", "x"], False),
    ],
)
def test_is_layout(row: list[object], layout: bool) -> None:
    assert is_layout(row) is layout


# -- factorize_cells and distinct_texts --------------------------------------------------------


def test_cells_pandas_takes_for_one_are_kept_apart() -> None:
    codes, cells = factorize_cells(pd.Series([1, 1.0, True, "1", None, 1], dtype=object))
    assert codes.tolist() == [0, 1, 2, 3, -1, 0]
    assert [type(c) for c in cells] == [int, float, bool, str]


def test_a_negative_zero_is_kept_apart_from_zero() -> None:
    codes, cells = factorize_cells(pd.Series([0.0, -0.0, 1.0, math.nan, 0.0]))
    assert codes.tolist() == [0, 1, 2, -1, 0]
    assert [math.copysign(1, c) for c in cells] == [1.0, -1.0, 1.0]


def test_a_text_column_is_factorized_as_pandas_does() -> None:
    codes, cells = factorize_cells(pd.Series(["b", "a", "b", None]))
    assert (codes.tolist(), cells) == ([0, 1, 0, -1], ["b", "a"])
    assert codes.dtype == np.intp


@given(st.lists(st.one_of(st.none(), st.sampled_from([0, 1, 1.0, -0.0, 0.0, True, "1"]))))
def test_factorized_codes_give_back_each_cell(column: list[object]) -> None:
    codes, cells = factorize_cells(pd.Series(column, dtype=object))
    for code, cell in zip(codes.tolist(), column, strict=True):
        if cell is None:
            assert code == -1
        else:
            back = cells[code]
            assert (type(back), repr(back)) == (type(cell), repr(cell))


def test_distinct_texts_are_the_stripped_texts_each_read_once() -> None:
    codes, texts = distinct_texts(
        pd.Series([" a", "a ", 1, "1", None, math.nan, "b"], dtype=object)
    )
    assert codes.tolist() == [0, 0, 1, 1, -1, -1, 2]
    assert texts == ["a", "1", "b"]


# -- quoting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        (Fraction(-5), "-5"),
        (Fraction(1, 4), "0.25"),
        (Fraction(1, 3), "1/3"),
        (Fraction(10**100), "1e+100"),
        (Fraction(-(10**70)), "-1e+70"),
        (Fraction(10**59), "1" + "0" * 59),  # sixty characters: still written out
    ],
)
def test_quoted_number(number: Fraction, shown: str) -> None:
    assert quoted_number(number) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("95%", "'95%'"),
        (95, "95"),
        (None, "None"),
        ("9" * (QUOTED - 2), repr("9" * (QUOTED - 2))),
        # sixty characters fit, but their repr (62) does not: the repr is cut
        ("9" * QUOTED, repr("9" * QUOTED)[: QUOTED - 2] + " … (62 characters)"),
        ("9" * 100, repr("9" * (QUOTED - 2)) + " … (100 characters)"),
        ("9" * 100_000, repr("9" * (QUOTED - 2)) + " … (100,000 characters)"),
        (["x"] * 30, repr(["x"] * 30)[: QUOTED - 2] + " … (150 characters)"),
    ],
)
def test_quoted(value: object, shown: str) -> None:
    assert quoted(value) == shown


@given(st.text())
def test_a_quoted_text_is_short(text: str) -> None:
    assert len(quoted(text)) <= len(repr(text[: QUOTED - 2])) + len(
        f" … ({len(text):,} characters)"
    )
