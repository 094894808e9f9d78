"""Result cells (结果单元格): what a cell of a results source is, and its text.

Both front ends classify every cell by these rules, one cell at a time
([cell_kind][perfscore.scoring.cell_kind]) or a column at once
([cell_kinds][perfscore.scoring._cells.cell_kinds]); ids, units and table names are read as
stripped text ([cell_text][perfscore.scoring._cells.cell_text]), and a row blank in every cell is
layout, not a result ([is_layout][perfscore.scoring._cells.is_layout]). A cell a message quotes
is cut to a window ([quoted][perfscore.scoring._cells.quoted]).
"""

from __future__ import annotations

import enum
import math
import sys
from collections.abc import Iterable
from fractions import Fraction
from numbers import Real
from typing import TYPE_CHECKING, Any, Final, cast

import numpy as np
import numpy.typing as npt

from perfscore.intervals import format_number
from perfscore.notation._exact import scientific

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "QUOTED",
    "CellKind",
    "cell_kind",
    "cell_kinds",
    "cell_text",
    "distinct_texts",
    "factorize_cells",
    "is_layout",
    "loaded_pandas",
    "quoted",
    "quoted_number",
]


#: How many characters of a given text a message quotes before it cuts the text.
QUOTED: Final = 60


class CellKind(enum.IntEnum):
    """What a result cell is (the values are the codes the batch path keeps in int8 arrays)."""

    #: A real number (NaN and infinity included: bad values, reported).
    NUMBER = 0
    #: Text: a number with its unit, or a label.
    TEXT = 1
    #: Nothing: a missing result.
    BLANK = 2
    #: Anything else (Fraction, Decimal, a quantity, bool …): the value reader takes it or says why.
    OTHER = 3


def loaded_pandas() -> Any | None:
    """pandas, if something has imported it; ``None`` otherwise.

    Scoring one table's CSV never needs pandas (a third of a second to import): a cell can be
    pandas' ``NA`` and a source a DataFrame only where pandas is already in use, so the checks
    look for it instead of importing it.
    """
    return sys.modules.get("pandas")


def cell_kind(cell: object) -> CellKind:
    """What a result cell is: a [CellKind][perfscore.scoring.CellKind].

    ``None``, pandas' ``NA`` and ``NaT`` and empty text are blank; a float NaN is a number (a
    bad one). [score][perfscore.cards.score] and [score_frame][perfscore.frames.score_frame]
    both classify by this.

    >>> [cell_kind(c).name for c in (95, 0.5, float("nan"), "95%", " ", None, True)]
    ['NUMBER', 'NUMBER', 'NUMBER', 'TEXT', 'BLANK', 'BLANK', 'OTHER']
    """
    kind = type(cell)
    if kind is float or kind is int or kind is np.float64 or kind is np.int64:
        return CellKind.NUMBER
    if kind is str:
        return CellKind.TEXT if cell.strip() else CellKind.BLANK  # type: ignore[attr-defined]
    if cell is None:
        return CellKind.BLANK
    pd = loaded_pandas()  # a cell is pandas' NA or NaT only where pandas is in use
    if pd is not None and (cell is pd.NA or cell is pd.NaT):
        return CellKind.BLANK
    if isinstance(cell, str):  # a str subclass: numpy's np.str_, say
        return CellKind.TEXT if cell.strip() else CellKind.BLANK
    if isinstance(cell, bool):
        return CellKind.OTHER
    if isinstance(cell, int | float) or (isinstance(cell, np.generic) and isinstance(cell, Real)):
        return CellKind.NUMBER
    return CellKind.OTHER


def factorize_cells(column: pd.Series) -> tuple[npt.NDArray[np.intp], list[Any]]:
    """A column's codes among its distinct cells (-1 where blank), and those cells.

    >>> import pandas as pd
    >>> factorize_cells(pd.Series([1, 1.0, True, None], dtype=object))
    (array([ 0,  1,  2, -1]), [1, 1.0, True])

    pandas takes 1, 1.0 and True (0, -0.0 and False) for one cell; they read differently (as
    text, as a weight, in a message), so cells of different types or signs are kept apart.
    """
    import pandas as pd

    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    codes = codes.astype(np.intp)
    dtype = column.dtype
    split: Any
    if dtype is np.dtype(object) and pd.api.types.infer_dtype(column) not in ("string", "empty"):
        split = pd.factorize(column.map(lambda cell: (type(cell), repr(cell))))[0]
    elif isinstance(dtype, np.dtype) and dtype.kind == "f":
        values = column.to_numpy()
        split = np.signbit(values) & (values == 0)
    else:
        split = None
    if split is None or not split.any():
        return codes, list(uniques)
    present = np.flatnonzero(codes >= 0)
    pairs = codes[present].astype(np.int64) * (int(split.max(initial=0)) + 1) + split[present]
    codes = np.full(len(codes), -1, dtype=np.intp)
    codes[present] = pd.factorize(pairs)[0]
    _, first = np.unique(codes[present], return_index=True)
    return codes, column.iloc[present[first]].tolist()


def distinct_texts(column: pd.Series) -> tuple[npt.NDArray[np.intp], list[str | None]]:
    """A column's distinct cells as stripped texts ([cell_text][perfscore.scoring._cells.cell_text];
    cells that strip alike are one) and each row's code among them (-1 when blank), each distinct
    cell read once.

    >>> import pandas as pd
    >>> distinct_texts(pd.Series([" 1.1.1", "1.1.1", None, "2.1.1"]))
    (array([ 0,  0, -1,  1]), ['1.1.1', '2.1.1'])
    """
    import pandas as pd

    texts: list[str | None]
    if isinstance(column.dtype, pd.StringDtype):
        # Texts throughout (NA aside): stripped as cell_text strips them, without looking at
        # each distinct cell's kind (a text column's distinct cells can be many: table names).
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        codes = codes.astype(np.intp)
        texts = [text.strip() or None for text in np.asarray(uniques, dtype=object).tolist()]
    else:
        codes, cells = factorize_cells(column)
        texts = [cell_text(cell) for cell in cells]
    index: dict[str | None, int] = {}
    canonical = [-1 if text is None else index.setdefault(text, len(index)) for text in texts]
    return np.array([*canonical, -1], dtype=np.intp)[codes], list(index)


#: The number types a cell most often is: read as float64 with no second look.
_PLAIN_NUMBERS: Final = (float, int, np.float64, np.int64)


_type_of = np.frompyfunc(type, 1, 1)


def cell_kinds(
    cells: npt.NDArray[np.object_],
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """[cell_kind][perfscore.scoring.cell_kind] of every cell of an object array, column-wise, and
    where a cell is a plain number (a Python or numpy 64-bit float or int: no narrow float).

    >>> kinds, plain = cell_kinds(np.array([95, 0.5, "95%", " ", None, True], dtype=object))
    >>> [CellKind(k).name for k in kinds]
    ['NUMBER', 'NUMBER', 'TEXT', 'BLANK', 'BLANK', 'OTHER']
    >>> plain.tolist()
    [True, True, False, False, False, False]
    """
    kinds = np.full(len(cells), CellKind.OTHER, dtype=np.int8)
    if not len(cells):
        return kinds, np.zeros(0, dtype=bool)
    import pandas as pd

    # Each cell's type, hashed once: a column holds few types however many cells.
    type_codes, types = pd.factorize(cast("npt.NDArray[np.object_]", _type_of(cells)))
    plain = np.array([kind in _PLAIN_NUMBERS for kind in types], dtype=bool)[type_codes]
    kinds[plain] = CellKind.NUMBER
    # Texts, blanks and anything unusual: one by one, by the rule itself.
    rest = np.flatnonzero(~plain)
    kinds[rest] = np.fromiter((cell_kind(c) for c in cells[rest]), dtype=np.int8, count=len(rest))
    return kinds, plain


def cell_text(cell: object) -> str | None:
    """An id, unit or table cell as stripped text; ``None`` when blank or NaN (pandas' blank).

    >>> cell_text(" 1.1.1 "), cell_text(float("nan")), cell_text(""), cell_text(3)
    ('1.1.1', None, None, '3')
    """
    if cell_kind(cell) == CellKind.BLANK or (isinstance(cell, float) and math.isnan(cell)):
        return None
    return str(cell).strip()


def is_layout(cells: Iterable[object]) -> bool:
    """Whether a row is blank in every cell: a blank line between rows, or a frame's row of NaN
    (pandas' blank). Layout, not a result; NaN beside an id is a value, and a bad one.

    >>> is_layout(["", None, float("nan")]), is_layout(["1.1.1", float("nan")])
    (True, False)
    """
    return all(cell_text(cell) is None for cell in cells)


def quoted_number(number: Fraction) -> str:
    """An exact number as a message shows it: its decimal, or two figures when it is long.

    >>> quoted_number(Fraction(-5)), quoted_number(Fraction(10**100))
    ('-5', '1e+100')
    """
    text = format_number(number)
    return scientific(number) if len(text) > QUOTED else text


def quoted(value: object) -> str:
    """``value`` as a message quotes it, cut to a window: a 100,000-digit cell is not echoed.

    >>> quoted("95%"), quoted("9" * 100)
    ("'95%'", "'9999999999999999999999999999999999999999999999999999999999' … (100 characters)")
    """
    if isinstance(value, str) and len(value) > QUOTED:
        return f"{value[: QUOTED - 2]!r} … ({len(value):,} characters)"
    text = repr(value)
    if len(text) > QUOTED:
        return f"{text[: QUOTED - 2]} … ({len(text):,} characters)"
    return text
