"""A ladder book's keys and the cells of the frame it is built from.

[LadderBook][perfscore.ladders.LadderBook] keys its ladders by anything hashable (a table and
an id, most often); these are the rules for reading the keys given and the cells of a frame of
ladders, and for showing a key or a value in a message.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from perfscore.errors import PerfscoreError
from perfscore.intervals import format_number
from perfscore.notation._exact import as_decimal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cell_texts", "is_tuples", "key_index", "plain_key", "shown_value"]


def key_index(keys: Any) -> pd.Index:
    """A book's keys as one flat index: tuples stay tuples, a MultiIndex is flattened."""
    import pandas as pd

    if isinstance(keys, pd.MultiIndex):
        return keys.to_flat_index()
    if isinstance(keys, pd.Index):
        return keys
    if isinstance(keys, pd.Series):
        return pd.Index(keys.array, tupleize_cols=False)
    if isinstance(keys, np.ndarray):
        if keys.ndim != 1:
            raise PerfscoreError(f"keys must be one-dimensional, not of shape {keys.shape}")
        return pd.Index(keys)
    if isinstance(keys, str | bytes) or not isinstance(keys, Iterable):
        raise PerfscoreError(f"keys must be an array of keys, not {type(keys).__name__}")
    listed = list(keys)
    if any(isinstance(k, tuple) for k in listed):
        array = np.empty(len(listed), dtype=object)
        array[:] = listed
        tuples: pd.Index = pd.Index(array, dtype=object, tupleize_cols=False)
        return tuples
    index: pd.Index = pd.Index(listed)
    return index


def is_tuples(index: pd.Index) -> bool:
    """Whether the keys are tuples (a table and an id, say)."""
    return index.dtype == object and len(index) > 0 and isinstance(index[0], tuple)


_NUMBER_CELLS: Final = (int, float, Decimal, np.integer, np.floating)


def cell_texts(column: pd.Series, name: str, keys: pd.Series) -> list[str | None]:
    """A frame's column as cell texts (None for a blank); a number in a grading cell is the
    text it prints as (``3.0`` is ``"3"``, a 3/2/1/0 ladder from a numeric column)."""
    import pandas as pd

    numbers = name != "unit"
    out: list[str | None] = []
    for position, value in enumerate(column.tolist()):
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            out.append(None)
        elif isinstance(value, str):
            out.append(value)
        elif numbers and isinstance(value, _NUMBER_CELLS) and not isinstance(value, bool):
            try:
                if isinstance(value, float | np.floating):
                    # The decimal it prints as (0.9 is 9/10), the rule every float is read by.
                    exact = as_decimal(value)
                else:
                    exact = Fraction(value.item() if isinstance(value, np.generic) else value)
                out.append(format_number(exact))
            except (ValueError, OverflowError):
                raise PerfscoreError(
                    f"column {name}: expected text or a finite number, got {value!r}"
                ).located(row=position, indicator=str(plain_key(keys.iloc[position]))) from None
        else:
            wanted = "text or a number" if numbers else "text"
            raise PerfscoreError(f"column {name}: expected {wanted}, got {value!r}").located(
                row=position, indicator=str(plain_key(keys.iloc[position]))
            )
    return out


def plain_key(key: object) -> object:
    """A key as the frame's reader wrote it (a numpy scalar prints as ``np.int64(7)``)."""
    return key.item() if isinstance(key, np.generic) else key


def shown_value(value: object) -> str:
    """A value as a message quotes it: a whole float without its ``.0``."""
    if isinstance(value, float | np.floating):
        number = float(value)
        return repr(int(number)) if number.is_integer() else repr(number)
    return repr(value)
