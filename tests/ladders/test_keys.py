"""perfscore.ladders._keys: a ladder book's keys, the cells of its frame, and how a key or a
value is shown in a message."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.errors import PerfscoreError
from perfscore.ladders._keys import cell_texts, is_tuples, key_index, plain_key, shown_value

# -- key_index -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([7, 8, 9], [7, 8, 9]),
        (("a", "b"), ["a", "b"]),
        (range(3), [0, 1, 2]),
        (np.array([1, 2]), [1, 2]),
        (pd.Series(["x", "y"]), ["x", "y"]),
        (pd.Index([3, 1]), [3, 1]),
        ([("t", "1.1.1"), ("t", "1.1.2")], [("t", "1.1.1"), ("t", "1.1.2")]),
        (pd.MultiIndex.from_tuples([("t", "1.1.1"), ("u", "2")]), [("t", "1.1.1"), ("u", "2")]),
        (pd.Series([("t", "1.1.1")]), [("t", "1.1.1")]),
        ([], []),
    ],
)
def test_keys_become_one_flat_index(keys: Any, expected: list[object]) -> None:
    index = key_index(keys)
    assert isinstance(index, pd.Index)
    assert not isinstance(index, pd.MultiIndex)
    assert index.tolist() == expected


def test_mixed_keys_with_a_tuple_stay_tuples_not_columns() -> None:
    index = key_index([("t", "1"), "loose"])
    assert index.tolist() == [("t", "1"), "loose"]
    assert index.nlevels == 1


def test_an_index_given_is_used_as_it_is() -> None:
    given_index = pd.Index(["a", "b"])
    assert key_index(given_index) is given_index


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("7", "keys must be an array of keys, not str"),
        (b"7", "keys must be an array of keys, not bytes"),
        (7, "keys must be an array of keys, not int"),
        (None, "keys must be an array of keys, not NoneType"),
        (np.array([[7]]), "keys must be one-dimensional, not of shape (1, 1)"),
        (np.array(7), "keys must be one-dimensional, not of shape ()"),
    ],
)
def test_keys_that_are_no_array_are_refused(keys: Any, message: str) -> None:
    with pytest.raises(PerfscoreError) as raised:
        key_index(keys)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("keys", "tuples"),
    [([("t", "1")], True), (["t"], False), ([], False), ([1, 2], False)],
)
def test_is_tuples(keys: list[object], tuples: bool) -> None:
    assert is_tuples(key_index(keys)) is tuples


@given(st.lists(st.tuples(st.text(max_size=3), st.text(max_size=3))))
def test_tuple_keys_keep_their_number_and_order(keys: list[tuple[str, str]]) -> None:
    index = key_index(keys)
    assert index.tolist() == keys
    assert is_tuples(index) is bool(keys)


# -- cell_texts ------------------------------------------------------------------------------


def column(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def keys(count: int) -> pd.Series:
    return pd.Series([f"k{i}" for i in range(count)])


def test_grading_cells_are_texts_and_numbers_print_as_they_read() -> None:
    cells = column("≥90%", None, math.nan, pd.NA, 3.0, 2.5, np.int64(3), Decimal("1.50"), 10**20)
    assert cell_texts(cells, "优", keys(len(cells))) == [
        "≥90%", None, None, None, "3", "2.5", "3", "1.5", "100000000000000000000",
    ]  # fmt: skip


def test_a_float_cell_is_the_decimal_it_prints_as() -> None:
    assert cell_texts(column(0.9, 0.1, 83.3), "良", keys(3)) == ["0.9", "0.1", "83.3"]


def test_a_unit_column_holds_text_only() -> None:
    assert cell_texts(column("人", None, math.nan), "unit", keys(3)) == ["人", None, None]
    with pytest.raises(PerfscoreError) as raised:
        cell_texts(column("人", 5), "unit", keys(2))
    assert str(raised.value) == "row 1, indicator k1: column unit: expected text, got 5"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (True, "column 中: expected text or a number, got True"),
        (np.bool_(False), "column 中: expected text or a number, got np.False_"),
        ([1], "column 中: expected text or a number, got [1]"),
        (math.inf, "column 中: expected text or a finite number, got inf"),
        (np.float64("-inf"), "column 中: expected text or a finite number, got np.float64(-inf)"),
        (Decimal("NaN"), "column 中: expected text or a finite number, got Decimal('NaN')"),
    ],
)
def test_a_cell_neither_text_nor_a_finite_number_names_its_row_and_key(
    value: object, reason: str
) -> None:
    cells = column("≥90%", "≥80%", value)
    with pytest.raises(PerfscoreError) as raised:
        cell_texts(cells, "中", pd.Series([7, 8, np.int64(9)]))
    assert raised.value.where.row == 2
    assert raised.value.where.indicator == "9"
    assert str(raised.value) == f"row 2, indicator 9: {reason}"


# -- plain_key and shown_value -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "plain"),
    [(np.int64(7), 7), (np.str_("a"), "a"), (("t", "1"), ("t", "1")), (7, 7), ("a", "a")],
)
def test_plain_key(key: object, plain: object) -> None:
    assert plain_key(key) == plain
    assert type(plain_key(key)) is type(plain)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (3.0, "3"),
        (2.5, "2.5"),
        (np.float32(1.0), "1"),
        (np.float64(-0.0), "0"),
        (1e20, "100000000000000000000"),
        (math.inf, "inf"),
        (math.nan, "nan"),
        (7, "7"),
        ("95", "'95'"),
        (None, "None"),
    ],
)
def test_shown_value(value: object, shown: str) -> None:
    assert shown_value(value) == shown
