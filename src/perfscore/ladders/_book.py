"""Batch grading: many indicators' ladders as one
[LadderBook][perfscore.ladders.LadderBook], millions of results at once.

A book maps keys (an indicator's id, a ``(table, id)`` pair, any hashable a frame holds) to ladders.
[LadderBook.grade][perfscore.ladders.LadderBook.grade] grades an array of results against the
ladders their keys name and returns int8 codes: 3 优, 2 良, 1 中, 0 差, -1 for a missing value (NaN,
None).

>>> import pandas as pd
>>> from perfscore import LadderBook
>>> book = LadderBook.from_frame(pd.DataFrame({
...     "key": [101, 102, 103],
...     "优": ["100%", "≥500人", "有效实施"],
...     "良": ["≥90%", "≥480人", "能完整的实施"],
...     "中": ["≥80%", "≥460人", "基本上能实施"],
...     "差": ["<80%", "<460人", "不能很好实施"],
...     "unit": ["percent", "人", None],
... }))
>>> book.grade([101, 101, 102, 101], [90, 89.99, 480, float("nan")]).tolist()
[2, 1, 2, -1]
>>> book.grade([101, 101], [0.9, 1.0], unit="dimensionless").tolist()
[2, 3]
>>> book.grade([103, 103], ["能完整的 实施", None]).tolist()
[2, -1]

Every ladder is compiled once ([perfscore.Ladder.compiled][perfscore.ladders.Ladder.compiled]): the
same cuts and piece codes the single-value [perfscore.Ladder.grade][perfscore.ladders.Ladder.grade]
uses, laid out as a padded float64 bound matrix (one row per distinct ladder, ``+inf`` past its last
cut) and an int8 code matrix. Thresholds are converted into the data's unit once per ladder,
exactly; the values are never converted.

Rows that cannot be graded (an unknown key, a value no grade covers, a value that is not a number,
a negative or fractional count) raise a [PerfscoreError][perfscore.errors.PerfscoreError] naming the
first of them by row number (position in the arrays, from 0), key and value; with
``errors="coerce"`` they get -2 instead:

>>> book.grade([101, 999], [95, 95])
Traceback (most recent call last):
  ...
perfscore.errors.UnknownIndicator: 1 of 2 rows cannot be graded:
  row 1: key 999: no ladder has this key
>>> book.grade([101, 999], [95, 95], errors="coerce").tolist()
[2, -2]
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

import numpy as np
import numpy.typing as npt

from perfscore.errors import (
    PerfscoreError,
    ResultsError,
    UncoveredValue,
    UnitMismatch,
    UnknownIndicator,
)
from perfscore.grades import GRADES
from perfscore.notation._exact import (
    exact_type,
    is_quantity,
    needs_exact,
    read_value,
    refused,
    to_float64,
)
from perfscore.units import canonical_unit, factor

from ._compiled import MISSING, UNCOVERED, CompiledLadder, Kernel
from ._keys import cell_texts, is_tuples, key_index, plain_key, shown_value
from ._ladder import NEGATIVE_RATE, Ladder, normalize_label, parse_ladder

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LadderBook"]


class _Laddered(Protocol):
    """What `LadderBook.from_tables` reads of an indicator."""

    @property
    def id(self) -> str: ...
    @property
    def ladder(self) -> Ladder: ...


class _Tabled(Protocol):
    """What `LadderBook.from_tables` reads of a table ([Table][perfscore.tables.Table] has it)."""

    @property
    def name(self) -> str: ...
    def indicators(self) -> Sequence[_Laddered]: ...


# Codes the kernel uses internally, below the public ones; none of them leaves `grade`.
_MISMATCH: Final = -3  # the ladder's unit does not convert into the data's
_LABELS: Final = -4  # a qualitative ladder: graded by label, outside the numeric kernel
_UNKNOWN: Final = -5  # no ladder has the key
_BAD: Final = -6  # a value the ladder cannot take (not a number, infinite, a broken count)

_CELL_COLUMNS: Final = tuple(g.value for g in GRADES)
#: How many offending rows an error lists.
_SHOWN: Final = 5


class LadderBook:
    """Ladders by key, compiled together for grading arrays of results.

    Build one with `from_frame` or `from_tables`. ``len(book)``, ``key in book``,
    ``book[key]`` (the [Ladder][perfscore.ladders.Ladder]) and `keys` look into it.
    """

    __slots__ = ("_counted", "_index", "_kernels", "_ladder_of_key", "_ladders", "_nonnegative")

    _index: pd.Index
    _ladders: tuple[Ladder, ...]
    _ladder_of_key: npt.NDArray[np.intp]
    _counted: npt.NDArray[np.bool_]
    _nonnegative: npt.NDArray[np.bool_]
    _kernels: dict[str | None, Kernel]

    def __init__(self, keys: Iterable[Hashable], ladders: Iterable[Ladder]) -> None:
        """A book of ``ladders``, the ``i``-th under the ``i``-th of ``keys`` (keys unique)."""
        key_list = list(keys)
        distinct: dict[Ladder, int] = {}
        rows = [distinct.setdefault(ladder, len(distinct)) for ladder in ladders]
        if len(rows) != len(key_list):
            raise PerfscoreError(f"{len(key_list)} keys for {len(rows)} ladders")
        self._init(key_index(key_list), tuple(distinct), np.asarray(rows, dtype=np.intp))

    @classmethod
    def numbered(cls, ladders: Sequence[Ladder], rows: npt.NDArray[np.intp]) -> LadderBook:
        """A book keyed ``0 … len(rows) - 1``, key ``k`` graded by ``ladders[rows[k]]``: many
        indicators sharing a few distinct ladders, as [perfscore.frames.Layout][] holds them."""
        import pandas as pd

        book = cls.__new__(cls)
        book._init(pd.RangeIndex(len(rows)), tuple(ladders), np.asarray(rows, dtype=np.intp))
        return book

    def _init(
        self, index: pd.Index, ladders: tuple[Ladder, ...], rows: npt.NDArray[np.intp]
    ) -> None:
        if not index.is_unique:
            repeated = index[index.duplicated()][0]
            at = np.flatnonzero(index == repeated) if not is_tuples(index) else None
            where = f" (rows {', '.join(map(str, at[:_SHOWN]))})" if at is not None else ""
            raise PerfscoreError(
                f"the key {plain_key(repeated)!r} names more than one ladder{where}"
            )
        self._index = index
        self._ladders = ladders
        # One extra row past the last ladder: get_indexer's -1 (an unknown key) lands on it.
        self._ladder_of_key = np.append(rows, len(ladders)).astype(np.intp)
        self._counted = np.array(
            [not ladder.categorical and ladder.counted for ladder in ladders] + [False]
        )
        self._nonnegative = np.array(
            [not ladder.categorical and ladder.nonnegative for ladder in ladders] + [False]
        )
        self._kernels = {}

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> LadderBook:
        """A book from a frame with columns ``key``, ``优``, ``良``, ``中``, ``差`` and ``unit``.

        The cells are texts (None or NaN for a blank cell) or numbers, read as the decimal they
        print as (``3.0`` is ``"3"``: a 3/2/1/0 ladder from a numeric column); ``unit`` is the
        indicator's unit (None or NaN to take it from the cells; the column may be left out).
        Rows with the same cells and unit are parsed once. A cell that does not read raises the
        ladder's error, located at the first row (from 0) and key that carry it; so does a cell
        that is neither text nor a finite number.
        """
        missing = [c for c in ("key", *_CELL_COLUMNS) if c not in frame.columns]
        if missing:
            raise PerfscoreError(
                f"a ladder frame needs the columns key, 优, 良, 中, 差 (and unit); "
                f"missing {', '.join(missing)}"
            )
        keys = frame["key"]
        columns = [
            cell_texts(frame[c], c, keys) for c in (*_CELL_COLUMNS, "unit") if c in frame.columns
        ]
        if "unit" not in frame.columns:
            columns.append([None] * len(frame))
        parsed: dict[tuple[str | None, ...], int] = {}
        distinct: dict[Ladder, int] = {}
        ladder_rows = np.empty(len(frame), dtype=np.intp)
        for position, spec in enumerate(zip(*columns, strict=True)):
            row = parsed.get(spec)
            if row is None:
                try:
                    ladder = parse_ladder(dict(zip(_CELL_COLUMNS, spec[:4], strict=True)), spec[4])
                except PerfscoreError as error:
                    raise error.located(row=position, indicator=str(keys.iloc[position])) from None
                row = parsed[spec] = distinct.setdefault(ladder, len(distinct))
            ladder_rows[position] = row
        book = cls.__new__(cls)
        book._init(key_index(keys), tuple(distinct), ladder_rows)
        return book

    @classmethod
    def from_tables(cls, tables: Iterable[_Tabled]) -> LadderBook:
        """A book of every indicator of ``tables``, keyed by ``(table name, indicator id)``.

        >>> import perfscore
        >>> book = LadderBook.from_tables([perfscore.load_table("zanhuang-hrss-2018")])
        >>> len(book), book.grade([("zanhuang-hrss-2018", "9.2.1")], [84]).tolist()
        (68, [2])
        """
        keys: list[tuple[str, str]] = []
        ladders: list[Ladder] = []
        for table in tables:
            for indicator in table.indicators():
                keys.append((table.name, indicator.id))
                ladders.append(indicator.ladder)
        return cls(keys, ladders)

    # -- looking in --------------------------------------------------------------------------

    @property
    def keys(self) -> pd.Index:
        """The keys, in the order the book was given them."""
        return self._index

    @property
    def ladders(self) -> tuple[Ladder, ...]:
        """The distinct ladders (equal ladders under many keys are kept once)."""
        return self._ladders

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        try:
            return bool(self._position(key) >= 0)
        except (TypeError, ValueError):
            return False

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._index)

    def __getitem__(self, key: Hashable) -> Ladder:
        position = self._position(key)
        if position < 0:
            raise UnknownIndicator(f"no ladder has the key {key!r}", key=str(key))
        return self._ladders[int(self._ladder_of_key[position])]

    def _position(self, key: object) -> int:
        target = key_index([key])
        return int(self._index.get_indexer(target)[0])

    def __repr__(self) -> str:
        return f"<LadderBook: {len(self)} keys, {len(self._ladders)} distinct ladders>"

    # -- grading -----------------------------------------------------------------------------

    def grade(
        self,
        keys: Any,
        values: Any,
        *,
        unit: str | None = None,
        errors: Literal["raise", "coerce"] = "raise",
    ) -> npt.NDArray[np.int8]:
        """Grade codes for ``values``, each against the ladder its key names.

        ``keys`` and ``values`` are array-likes of one length. Values are numbers in each
        ladder's unit, or all in ``unit`` (the thresholds are converted into it, once per
        ladder); labels for qualitative ladders. Values a float cannot stand for are graded
        exactly, one by one, as [grade][perfscore.ladders.Ladder.grade] grades them: a pint quantity
        is converted from its own unit into its row's ladder unit, and a
        `Fraction`, a `Decimal` or an integer past 2**53 is
        compared with the thresholds without rounding. Returns int8 codes: 3 优, 2 良, 1 中, 0 差,
        -1 where the value is missing (NaN, None).

        Raises [PerfscoreError][perfscore.errors.PerfscoreError] naming the first rows that cannot
        be graded (an [UnknownIndicator][perfscore.errors.UnknownIndicator] when the first is an
        unknown key, an [UncoveredValue][perfscore.errors.UncoveredValue] when no grade covers its
        value, a [ResultsError][perfscore.errors.ResultsError] for a value that is not a number, not
        finite, a negative or fractional count, or a number for a qualitative ladder); with
        ``errors="coerce"`` those rows get -2. A value whose unit does not fit its ladder's
        raises [UnitMismatch][perfscore.errors.UnitMismatch] either way: that is a wrong column, not
        a bad row.
        """
        import pandas as pd

        if errors not in ("raise", "coerce"):
            raise PerfscoreError(f"errors must be 'raise' or 'coerce', not {errors!r}")
        target = key_index(keys)
        numbers, originals, exact = _numbers(values)
        if len(target) != len(numbers):
            raise PerfscoreError(
                f"keys and values differ in length ({len(target)} keys, {len(numbers)} values)"
            )
        data_unit = None if unit is None else canonical_unit(unit)
        kernel = self._kernel(data_unit)
        positions = self._positions(target)
        rows = self._ladder_of_key.take(positions)
        codes = kernel.grade(rows, numbers)

        if originals is not None:
            # A value that is there but did not read as a number (numeric ladders only: labels
            # for qualitative ladders come back as NaN here and are graded below).
            codes[(codes == MISSING) & pd.notna(originals)] = _BAD
        # Counted units (人, 次 …) have no multiples in the registry, so a count in the data's
        # unit is a count in the ladder's: check the values as given.
        _refuse(
            codes,
            numbers,
            self._counted.take(rows) if self._counted.any() else False,
            self._nonnegative.take(rows) if self._nonnegative.any() else False,
        )
        reasons = self._grade_exact(codes, exact, rows, target, originals, data_unit)
        at = np.flatnonzero(codes < MISSING)
        if len(at):
            self._unusual(codes, at, rows, target, numbers, originals, data_unit)
            bad = at[codes[at] < MISSING]
            if len(bad) and errors == "raise":
                raise self._error(codes, bad, rows, target, numbers, originals, reasons)
            codes[bad] = UNCOVERED
        return codes

    def _positions(self, target: pd.Index) -> npt.NDArray[np.intp]:
        """Each key's position in the book, -1 for a key it lacks.

        Results name few keys many times (a province's 3.4 M rows, 340,000 ladders): text keys
        are looked up once each, after factorizing (hashing text is the cost: this halves it);
        integer keys hash fast enough to look up row by row.
        """
        import pandas as pd

        if target.dtype.kind in "iu":
            positions: npt.NDArray[np.intp] = self._index.get_indexer(target)
            return positions
        codes, distinct = pd.factorize(target, use_na_sentinel=False)
        found: npt.NDArray[np.intp] = self._index.get_indexer(distinct).take(codes)
        return found

    def _grade_exact(
        self,
        codes: npt.NDArray[np.int8],
        exact: npt.NDArray[np.intp],
        rows: npt.NDArray[np.intp],
        target: pd.Index,
        originals: npt.NDArray[Any] | None,
        data_unit: str | None,
    ) -> dict[int, str]:
        """Grade the values a float cannot stand for as [Ladder.code][perfscore.ladders.Ladder.code]
        does, exactly.

        A quantity is converted from its own unit into its row's ladder unit; a bare number is
        in ``data_unit`` (default: the ladder's). Returns why each row that cannot be graded
        fails, by position; those rows get the internal bad-value code.
        """
        reasons: dict[int, str] = {}
        if originals is None:
            return reasons
        for position in exact.tolist():
            row = int(rows[position])
            if row == len(self._ladders) or codes[position] == _MISMATCH:
                continue  # an unknown key, or a data unit the ladder's does not convert into
            ladder = self._ladders[row]
            if ladder.categorical:
                codes[position] = _BAD
                continue
            assert ladder.unit is not None
            value = originals[position]
            try:
                if is_quantity(value) or data_unit is None:
                    magnitude = read_value(value, ladder.unit)
                else:
                    magnitude = read_value(value, data_unit) * factor(data_unit, ladder.unit)
                # Ladder.code reads an exact magnitude in its unit, checks counts and grades it.
                codes[position] = ladder.code(magnitude)
            except UnitMismatch as error:
                raise _mismatch(error, position, target, ladder.unit) from None
            except PerfscoreError as error:
                codes[position] = _BAD
                reasons[position] = error.reason
        return reasons

    def _unusual(
        self,
        codes: npt.NDArray[np.int8],
        at: npt.NDArray[np.intp],
        rows: npt.NDArray[np.intp],
        target: pd.Index,
        numbers: npt.NDArray[np.float64],
        originals: npt.NDArray[Any] | None,
        data_unit: str | None,
    ) -> None:
        mismatched = at[codes[at] == _MISMATCH]
        if len(mismatched):
            first = int(mismatched[0])
            ladder = self._ladders[rows[first]]
            assert ladder.unit is not None
            try:
                factor(data_unit, ladder.unit)
            except UnitMismatch as error:
                raise _mismatch(error, first, target, ladder.unit, len(mismatched)) from None
        labelled = at[codes[at] == _LABELS]
        if len(labelled):
            labels = originals[labelled] if originals is not None else numbers[labelled]
            codes[labelled] = self._grade_labels(rows[labelled], np.asarray(labels, dtype=object))

    def _grade_labels(
        self, rows: npt.NDArray[np.intp], labels: npt.NDArray[Any]
    ) -> npt.NDArray[np.int8]:
        # Few distinct (ladder, label) pairs stand for many rows: grade each pair once.
        import pandas as pd

        label_ids, uniques = pd.factorize(labels, use_na_sentinel=True)
        pairs = rows * (len(uniques) + 1) + (label_ids + 1)
        distinct, inverse = np.unique(pairs, return_inverse=True)
        out = np.empty(len(distinct), dtype=np.int8)
        for i, pair in enumerate(distinct.tolist()):
            row, label_id = divmod(pair, len(uniques) + 1)
            if label_id == 0:
                out[i] = MISSING
                continue
            label = uniques[label_id - 1]
            if isinstance(label, str):
                out[i] = self._ladders[row].compiled.code_label(normalize_label(label))
            else:
                out[i] = _BAD
        graded: npt.NDArray[np.int8] = out[inverse.reshape(-1)]
        return graded

    def _kernel(self, data_unit: str | None) -> Kernel:
        kernel = self._kernels.get(data_unit)
        if kernel is None:
            kernel = self._kernels[data_unit] = Kernel(
                [*(_kernel_row(ladder, data_unit) for ladder in self._ladders), _UNKNOWN]
            )
        return kernel

    def _error(
        self,
        codes: npt.NDArray[np.int8],
        bad: npt.NDArray[np.intp],
        rows: npt.NDArray[np.intp],
        target: pd.Index,
        numbers: npt.NDArray[np.float64],
        originals: npt.NDArray[Any] | None,
        reasons: Mapping[int, str],
    ) -> PerfscoreError:
        lines = []
        for position in bad[:_SHOWN].tolist():
            key = plain_key(target[position])
            value = originals[position] if originals is not None else numbers[position]
            code = int(codes[position])
            if code == _UNKNOWN:
                lines.append(f"row {position}: key {key!r}: no ladder has this key")
                continue
            ladder = self._ladders[rows[position]]
            shown = shown_value(value)
            if position in reasons:
                why = reasons[position]
            elif code == UNCOVERED and ladder.categorical:
                known = ", ".join(ladder.labels)
                why = f"not one of this ladder's labels ({known})"
            elif code == UNCOVERED:
                why = "no grade covers it"
            elif ladder.categorical:
                why = "a qualitative ladder grades labels"
            elif ladder.counted and isinstance(value, float | int | np.number):
                why = f"a count of {ladder.unit} is a whole number, never negative"
            elif ladder.nonnegative and isinstance(value, float | int | np.number) and value < 0:
                why = NEGATIVE_RATE.format(shown)
            elif isinstance(value, float | np.floating) and math.isinf(value):
                why = "expected a finite number"
            else:
                why = "expected a number"
            lines.append(f"row {position}: key {key!r}, value {shown}: {why}")
        more = f"\n  … and {len(bad) - _SHOWN} more" if len(bad) > _SHOWN else ""
        reason = (
            f"{len(bad)} of {len(codes)} rows cannot be graded:\n  " + "\n  ".join(lines) + more
        )
        first = int(bad[0])
        kind = int(codes[first])
        if kind == _UNKNOWN:
            return UnknownIndicator(reason, key=str(plain_key(target[first])))
        if kind == UNCOVERED:
            value = originals[first] if originals is not None else numbers[first]
            return UncoveredValue(reason, value=shown_value(value))
        return ResultsError(reason)


def _kernel_row(ladder: Ladder, data_unit: str | None) -> tuple[CompiledLadder, Fraction] | int:
    """A ladder's row of the kernel for data in ``data_unit``: its cuts converted into that
    unit, or the internal code of a ladder the kernel does not grade."""
    if ladder.categorical:
        return _LABELS
    assert ladder.unit is not None
    try:
        scale = Fraction(1) if data_unit is None else factor(ladder.unit, data_unit)
    except UnitMismatch:
        return _MISMATCH
    return ladder.compiled, scale


def _mismatch(
    error: UnitMismatch, row: int, target: pd.Index, unit: str, rows: int | None = None
) -> UnitMismatch:
    """``error`` naming the first row whose ladder the data unit does not fit."""
    count = "" if rows is None else f"; {rows} row{'s' if rows > 1 else ''} in all"
    error.reason = (
        f"{error.reason} (row {row}: key {plain_key(target[row])!r} is graded in {unit}{count})"
    )
    return error


def _refuse(
    codes: npt.NDArray[np.int8],
    numbers: npt.NDArray[np.float64],
    counted: bool | npt.NDArray[np.bool_],
    nonnegative: bool | npt.NDArray[np.bool_],
) -> None:
    """Mark the values no ladder grades (exact.refused: infinite, broken counts, negative
    levels) as bad."""
    out = refused(numbers, counted=counted, nonnegative=nonnegative)
    codes[out & (codes >= UNCOVERED)] = _BAD


def _numbers(
    values: Any,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[Any] | None, npt.NDArray[np.intp]]:
    """Values as float64 (NaN for missing and for what is not a number); for values that are
    not all numbers, the originals (object array) to grade labels with and name in errors; and
    the positions of values a float cannot stand for (quantities, fractions, decimals, integers
    past 2**53), which are graded exactly, one by one."""
    import pandas as pd

    none: npt.NDArray[np.intp] = np.empty(0, dtype=np.intp)
    if is_quantity(values):
        # A quantity holding an array: one quantity per value, each graded with its unit.
        magnitudes = np.asarray(values.magnitude, dtype=object)
        values = [m * values.units for m in magnitudes.flat]
    if isinstance(values, pd.Series | pd.Index) or pd.api.types.is_extension_array_dtype(values):
        series = pd.Series(values)
        if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
            series.dtype
        ):
            return to_float64(series.to_numpy(na_value=np.nan)), None, none
        array = series.to_numpy(dtype=object)
    elif isinstance(values, np.ndarray):
        array = values
        if array.dtype.kind in "fiu":
            if array.ndim != 1:
                raise PerfscoreError(f"values must be one-dimensional, not of shape {array.shape}")
            return to_float64(array), None, none
    elif isinstance(values, str | bytes) or not isinstance(values, Iterable):
        array = np.asarray(values, dtype=object)  # no array: refused below by its shape
    else:
        listed = list(values)
        if any(map(exact_type, set(map(type, listed)))):
            # numpy would read a list of quantities as their magnitudes in base units
            array = np.empty(len(listed), dtype=object)
            array[:] = listed
        else:
            array = np.asarray(listed)
            if array.dtype.kind in "fiu":
                if array.ndim != 1:
                    raise PerfscoreError(
                        f"values must be one-dimensional, not of shape {array.shape}"
                    )
                return to_float64(array), None, none
            # numpy would spell a list of numbers and labels all as text
            array = np.asarray(listed, dtype=object)
    if array.ndim != 1:
        raise PerfscoreError(f"values must be one-dimensional, not of shape {array.shape}")
    originals = np.asarray(array, dtype=object)
    types = set(map(type, originals))
    if int in types or any(map(exact_type, types)):
        exact = np.fromiter(map(needs_exact, originals), dtype=np.bool_, count=len(originals))
    else:
        exact = np.zeros(len(originals), dtype=np.bool_)
    plain = originals
    if exact.any():  # graded exactly, one by one: keep them out of the float64 column
        plain = originals.copy()
        plain[exact] = None
    numeric = pd.to_numeric(
        pd.Series(
            [None if isinstance(v, bool | np.bool_ | str) else v for v in plain], dtype=object
        ),
        errors="coerce",
    )
    return numeric.to_numpy(dtype=np.float64, na_value=np.nan), originals, np.flatnonzero(exact)
