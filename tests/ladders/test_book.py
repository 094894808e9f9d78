"""LadderBook: batch codes agree with single-value grading, and every error says where."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfscore
from perfscore import (
    Ladder,
    LadderBook,
    PerfscoreError,
    ResultsError,
    UncoveredValue,
    UnitMismatch,
    UnknownIndicator,
    parse_ladder,
    ureg,
)
from perfscore.units import factor

# -- strategies ------------------------------------------------------------------------------

#: A ladder unit, the symbol its cells write it with, and another unit results may come in.
UNITS = {
    "percent": ("%", "dimensionless"),
    "dimensionless": ("", "percent"),
    "万元": ("万元", "元"),
    "人": ("人", "人"),
}
LABELS = ("有效实施", "能完整的实施", "基本上能实施", "不能很好实施", "优良", "持续改善", "无")


@st.composite
def numeric_ladders(draw: st.DrawFn) -> Ladder:
    """Higher-is-better, lower-is-better and target-band ladders, with blank and strict cells."""
    unit = draw(st.sampled_from(sorted(UNITS)))
    symbol = UNITS[unit][0]
    places = 0 if unit == "人" else draw(st.integers(0, 3))
    kind = draw(st.sampled_from(["higher", "lower", "band"]))
    raw = draw(st.lists(st.integers(0, 3000), min_size=4, max_size=4, unique=True))
    x = sorted(Decimal(r).scaleb(-places) for r in raw)

    def n(value: Decimal) -> str:
        return f"{value}{symbol}"

    ge = draw(st.lists(st.sampled_from(["≥", ">"]), min_size=3, max_size=3))
    if kind == "higher":
        c, b, a = x[:3]
        cells: dict[str, str | None] = {
            "优": f"{ge[0]}{n(a)}",
            "良": f"{ge[1]}{n(b)}",
            "中": f"{ge[2]}{n(c)}",
            "差": f"{'<' if ge[2] == '≥' else '≤'}{n(c)}",
        }
    elif kind == "lower":
        a, b, c = x[:3]
        le = ["≤" if op == "≥" else "<" for op in ge]
        cells = {
            "优": f"{le[0]}{n(a)}",
            "良": f"{le[1]}{n(b)}",
            "中": f"{le[2]}{n(c)}",
            "差": f"{'>' if le[2] == '≤' else '≥'}{n(c)}",
        }
    else:
        f, g, h, top = x
        cells = {
            "优": f"≥{n(h)}和≤{n(top)}",
            "良": f"≥{n(g)}和<{n(h)}",
            "中": f"≥{n(f)}和<{n(g)}",
            "差": f"<{n(f)}或>{n(top)}",
        }
    # Blank grades: a blank middle grade cannot be reached; a blank 差 leaves a gap.
    for grade in draw(st.sets(st.sampled_from(["良", "中", "差"]), max_size=2)):
        cells[grade] = None
    return parse_ladder(cells, unit=unit)


@st.composite
def label_ladders(draw: st.DrawFn) -> Ladder:
    """Qualitative ladders: distinct labels, some grades blank."""
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=4, unique=True))
    grades = draw(st.permutations(["优", "良", "中", "差"]))
    cells: dict[str, str | None] = dict.fromkeys(["优", "良", "中", "差"])
    for grade, label in zip(grades, labels, strict=False):
        cells[grade] = label
    return parse_ladder(cells)


def boundary_values(ladder: Ladder, data_unit: str) -> list[float]:
    """Every cut exactly, and the floats just below and just above it, in ``data_unit``."""
    assert ladder.unit is not None
    scale = factor(ladder.unit, data_unit)
    out: list[float] = []
    for cut, _ in ladder.compiled.cuts:
        on = float(cut * scale)
        out += [on, math.nextafter(on, -math.inf), math.nextafter(on, math.inf)]
        # and one step of the written precision either side, as results are published
        out += [float(cut * scale - scale / 1000), float(cut * scale + scale / 1000)]
    return out


def single_code(ladder: Ladder, value: object, data_unit: str | None = None) -> int:
    """The single-value path's code; -2 where it refuses the value, as ``coerce`` gives."""
    if isinstance(value, float) and math.isnan(value):
        return -1
    if value is None:
        return -1
    try:
        if data_unit is not None and data_unit != ladder.unit:
            assert isinstance(value, float)
            return ladder.code(ureg.Quantity(value, data_unit))
        return ladder.code(value)
    except PerfscoreError:
        return -2


def assert_agree(
    ladder: Ladder, values: list[Any], data_unit: str | None = None
) -> npt.NDArray[np.int8]:
    book = LadderBook(["k"], [ladder])
    got = book.grade(["k"] * len(values), values, unit=data_unit, errors="coerce")
    expected = [single_code(ladder, v, data_unit) for v in values]
    assert got.dtype == np.int8
    assert got.tolist() == expected, list(zip(values, got.tolist(), expected, strict=True))
    if any(code == -2 for code in expected):
        with pytest.raises(PerfscoreError, match="cannot be graded"):
            book.grade(["k"] * len(values), values, unit=data_unit)
    else:
        assert book.grade(["k"] * len(values), values, unit=data_unit).tolist() == expected
    return got


some_floats = st.lists(
    st.one_of(
        st.floats(-1e5, 1e5, allow_nan=False),
        st.integers(-10, 4000).map(float),
        st.just(math.nan),
    ),
    max_size=20,
)


# -- batch equals single, value by value -------------------------------------------------------


@given(ladder=numeric_ladders(), extra=some_floats)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_batch_equals_single_at_every_boundary_in_the_ladder_unit(
    ladder: Ladder, extra: list[float]
) -> None:
    assert ladder.unit is not None
    assert_agree(ladder, boundary_values(ladder, ladder.unit) + extra)


@given(ladder=numeric_ladders(), extra=some_floats)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_batch_equals_single_at_every_boundary_in_a_converted_unit(
    ladder: Ladder, extra: list[float]
) -> None:
    assert ladder.unit is not None
    data_unit = UNITS[ladder.unit][1]
    assert_agree(ladder, boundary_values(ladder, data_unit) + extra, data_unit)


@given(
    ladder=label_ladders(),
    values=st.lists(
        st.one_of(
            st.sampled_from(LABELS),
            st.sampled_from(LABELS).map(lambda s: f" {s[:1]} {s[1:]}"),  # PDF-split spacing
            st.sampled_from(["未知", ""]),
            st.none(),
        ),
        max_size=20,
    ),
)
def test_batch_equals_single_for_labels(ladder: Ladder, values: list[str | None]) -> None:
    assert_agree(ladder, values)


@given(
    ladders=st.lists(st.one_of(numeric_ladders(), label_ladders()), min_size=1, max_size=6),
    data=st.data(),
)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_a_mixed_book_grades_each_row_with_its_own_ladder(
    ladders: list[Ladder], data: st.DataObject
) -> None:
    keys = [f"t-{i}" for i in range(len(ladders))]
    book = LadderBook(keys, ladders)
    picks = data.draw(st.lists(st.integers(0, len(ladders) - 1), max_size=40))
    values: list[object] = []
    for i in picks:
        ladder = ladders[i]
        if ladder.categorical:
            values.append(data.draw(st.sampled_from([*ladder.labels, None])))
        else:
            assert ladder.unit is not None
            values.append(data.draw(st.sampled_from(boundary_values(ladder, ladder.unit))))
    got = book.grade([keys[i] for i in picks], values, errors="coerce")
    expected = [single_code(ladders[i], v) for i, v in zip(picks, values, strict=True)]
    assert got.tolist() == expected


def test_the_bundled_table_grades_alike_one_by_one_and_in_batch() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    book = LadderBook.from_tables([table])
    keys, values, expected = [], [], []
    for indicator in table.indicators():
        ladder = indicator.ladder
        if ladder.categorical:
            candidates: list[object] = [*ladder.labels, None]
        else:
            assert ladder.unit is not None
            candidates = [v for v in boundary_values(ladder, ladder.unit) if v >= 0]
        for value in candidates:
            keys.append((table.name, indicator.id))
            values.append(value)
            expected.append(single_code(ladder, value))
    assert len(book) == 68
    assert book.grade(keys, values, errors="coerce").tolist() == expected


# -- building a book ---------------------------------------------------------------------------


def frame(**columns: list[Any]) -> pd.DataFrame:
    base: dict[str, list[Any]] = {
        "key": [7, 8, 9],
        "优": ["100%", "≥500人", "有效实施"],
        "良": ["≥90%", "≥480人", "能完整的实施"],
        "中": ["≥80%", None, "基本上能实施"],
        "差": ["<80%", "<480人", math.nan],
        "unit": ["percent", "人", None],
    }
    base.update(columns)
    return pd.DataFrame(base)


def test_from_frame_parses_each_distinct_ladder_once_and_keeps_the_keys() -> None:
    repeated = pd.concat([frame()] * 4, ignore_index=True)
    repeated["key"] = range(len(repeated))
    book = LadderBook.from_frame(repeated)
    assert len(book) == 12
    assert len(book.ladders) == 3
    assert book.keys.tolist() == list(range(12))
    assert book[3] is book[0]
    assert book[4] == parse_ladder({"优": "≥500人", "良": "≥480人", "差": "<480人"})
    assert 11 in book
    assert 12 not in book
    assert "0" not in book
    assert list(book) == list(range(12))
    assert book.grade([3, 4, 5], [100, 480, "能完整的 实施"]).tolist() == [3, 2, 2]


def test_keys_are_keys_not_positions() -> None:
    book = LadderBook.from_frame(frame(key=[2, 0, 1]))
    assert book.grade([0, 2], [479, 79.9]).tolist() == [0, 0]
    assert book.grade([0, 2], [480, 80]).tolist() == [2, 1]


def test_numbers_in_another_unit_meet_the_thresholds_exactly() -> None:
    book = LadderBook.from_frame(frame())
    # 0.8 and 0.9 as fractions are floats a hair off 80% / 90% × 0.01: they still meet them.
    assert book.grade([7, 7, 7, 7], [0.8, 0.9, 0.7999999999999999, 1.0], unit="").tolist() == [
        1, 2, 0, 3,
    ]  # fmt: skip
    money = LadderBook([1], [parse_ladder({"优": "≥83万元", "差": "<83万元"})])
    assert money.grade([1, 1], [830_000, 829_999.99], unit="元").tolist() == [3, 0]


def test_missing_values_are_minus_one_whatever_the_ladder() -> None:
    book = LadderBook.from_frame(frame())
    codes = book.grade(pd.Series([7, 8, 9, 9]), pd.Series([None, math.nan, None, math.nan]))
    assert codes.tolist() == [-1, -1, -1, -1]
    nullable = pd.array([85, None], dtype="Float64")
    assert book.grade([7, 7], nullable).tolist() == [1, -1]


def test_tuple_keys_from_tables_and_a_multiindex() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    book = LadderBook.from_tables([table])
    assert ("zanhuang-hrss-2018", "9.2.1") in book
    assert book["zanhuang-hrss-2018", "9.2.1"] == table.indicator("9.2.1").ladder
    keys = pd.MultiIndex.from_tuples([("zanhuang-hrss-2018", "9.2.1")] * 3)
    assert book.grade(keys, [84, 101, 85]).tolist() == [2, 0, 3]


# -- errors ------------------------------------------------------------------------------------


def test_an_unknown_key_names_the_row_and_the_key() -> None:
    book = LadderBook.from_frame(frame())
    with pytest.raises(UnknownIndicator) as caught:
        book.grade([7, 70, 8], [90, 90, 500])
    assert (
        str(caught.value)
        == "1 of 3 rows cannot be graded:\n  row 1: key 70: no ladder has this key"
    )
    assert isinstance(caught.value, KeyError)
    assert caught.value.key == "70"
    assert book.grade([7, 70, 8], [90, 90, 500], errors="coerce").tolist() == [2, -2, 3]


def test_an_uncovered_value_names_the_row_key_and_value() -> None:
    book = LadderBook.from_frame(frame(key=["a", "b", "c"], 差=["<80%", None, None]))
    with pytest.raises(UncoveredValue) as caught:
        book.grade(["a", "b", "b"], [85, 500, 479])
    assert str(caught.value) == (
        "1 of 3 rows cannot be graded:\n  row 2: key 'b', value 479: no grade covers it"
    )
    assert caught.value.value == "479"
    assert book.grade(["a", "b", "b"], [85, 500, 479], errors="coerce").tolist() == [1, 3, -2]


def test_many_bad_rows_are_listed_up_to_five() -> None:
    book = LadderBook.from_frame(frame())
    with pytest.raises(PerfscoreError) as caught:
        book.grade([1] * 8, [1.0] * 8)
    message = str(caught.value)
    assert message.startswith("8 of 8 rows cannot be graded:\n  row 0: key 1: no ladder")
    assert "row 4: key 1" in message
    assert "row 5" not in message
    assert message.endswith("… and 3 more")


def test_bad_values_are_named_with_what_is_wrong() -> None:
    book = LadderBook.from_frame(frame())
    values = ["95", 2.5, 3, -1, math.inf, "未知"]
    with pytest.raises(ResultsError) as caught:
        book.grade([7, 8, 9, 8, 7, 9], values)
    assert str(caught.value) == (
        "6 of 6 rows cannot be graded:\n"
        "  row 0: key 7, value '95': expected a number\n"
        "  row 1: key 8, value 2.5: a count of 人 is a whole number, never negative\n"
        "  row 2: key 9, value 3: a qualitative ladder grades labels\n"
        "  row 3: key 8, value -1: a count of 人 is a whole number, never negative\n"
        "  row 4: key 7, value inf: expected a finite number\n"
        "  … and 1 more"
    )
    coerced = book.grade([7, 8, 9, 8, 7, 9], values, errors="coerce")
    assert coerced.tolist() == [-2] * 6


def test_an_unknown_label_lists_the_ladders_labels() -> None:
    book = LadderBook.from_frame(frame())
    with pytest.raises(UncoveredValue, match=re.escape(
        "row 0: key 9, value '未知': not one of this ladder's labels "
        "(有效实施, 能完整的实施, 基本上能实施)"
    )):  # fmt: skip
        book.grade([9], ["未知"])


def test_a_unit_that_does_not_fit_names_both_units_even_when_coercing() -> None:
    book = LadderBook.from_frame(frame())
    assert book.grade([7], [0.9], unit="dimensionless").tolist() == [2]
    for coerce in (False, True):
        with pytest.raises(UnitMismatch) as caught:
            book.grade(
                [7, 8], [0.9, 500], unit="dimensionless", errors="coerce" if coerce else "raise"
            )
        assert str(caught.value) == (
            "a value in a plain number cannot be read as 人 "
            "(row 1: key 8 is graded in 人; 1 row in all)"
        )
        assert (caught.value.value_unit, caught.value.ladder_unit) == ("dimensionless", "人")


def test_call_errors() -> None:
    book = LadderBook.from_frame(frame())
    with pytest.raises(
        PerfscoreError, match=re.escape("keys and values differ in length (2 keys, 1 values)")
    ):
        book.grade([7, 7], [1])
    with pytest.raises(PerfscoreError, match="errors must be 'raise' or 'coerce', not 'ignore'"):
        book.grade([7], [1], errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(
        PerfscoreError, match=re.escape("keys must be one-dimensional, not of shape (1, 1)")
    ):
        book.grade(np.array([[7]]), [1])
    with pytest.raises(
        PerfscoreError, match=re.escape("values must be one-dimensional, not of shape ()")
    ):
        book.grade([7], 85.0)
    with pytest.raises(PerfscoreError, match="keys must be an array of keys, not str"):
        book.grade("7", [85.0])
    with pytest.raises(PerfscoreError, match="unknown unit 'furlong'"):
        book.grade([7], [1], unit="furlong")
    with pytest.raises(UnknownIndicator, match="no ladder has the key 70"):
        book[70]


def test_frame_errors() -> None:
    with pytest.raises(
        PerfscoreError, match=r"needs the columns key, 优, 良, 中, 差 .* missing 中, 差"
    ):
        LadderBook.from_frame(frame().drop(columns=["中", "差"]))
    with pytest.raises(
        PerfscoreError, match=re.escape("the key 7 names more than one ladder (rows 0, 2)")
    ):
        LadderBook.from_frame(frame(key=[7, 8, 7]))
    with pytest.raises(PerfscoreError) as located:
        LadderBook.from_frame(frame(良=["≥90%", True, "能完整的实施"]))
    assert (
        str(located.value) == "row 1, indicator 8: column 良: expected text or a number, got True"
    )
    with pytest.raises(perfscore.NotationError) as caught:
        LadderBook.from_frame(frame(优=["100%", "≥5OO人", "有效实施"]))
    assert str(caught.value) == "row 1, indicator 8, cell 优: unexpected 'OO'\n    ≥5OO人\n      ^^"


def test_a_frame_without_a_unit_column_takes_units_from_the_cells() -> None:
    book = LadderBook.from_frame(frame().drop(columns=["unit"]))
    assert book[7].unit == "percent"
    assert book.grade([7, 8], [90, 480]).tolist() == [2, 2]


def test_repr() -> None:
    assert repr(LadderBook.from_frame(frame())) == "<LadderBook: 3 keys, 3 distinct ladders>"


def test_exactness_against_a_fraction() -> None:
    # 0.57 / 0.01 is 56.99999999999999 in floats; the threshold is converted, never the value.
    ladder = parse_ladder({"优": "≥57%", "差": "<57%"})
    assert LadderBook([0], [ladder]).grade([0], [0.57], unit="dimensionless").tolist() == [3]
    assert ladder.code(Fraction(57, 100) * ureg.Quantity(1, "dimensionless")) == 3


def test_a_converted_value_that_rounds_onto_a_threshold_is_graded_exactly() -> None:
    # -5e-324 % is below 0, though as a plain number it rounds to -0.0 == 0.0.
    ladder = parse_ladder({"优": "≥2", "良": "≥1", "中": "≥0", "差": "<0"}, unit="")
    tiny = -5e-324
    assert ladder.code(ureg.Quantity(tiny, "percent")) == 0
    assert LadderBook([0], [ladder]).grade([0], [tiny], unit="percent").tolist() == [0]
    assert ladder.code(ureg.Quantity(0.0, "percent")) == 1


def test_identical_cells_are_parsed_once_and_equal_ladders_share_a_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import perfscore.ladders._book

    calls: list[object] = []

    def counting(cells: Any, unit: str | None = None) -> Ladder:
        calls.append(cells)
        return parse_ladder(cells, unit)

    monkeypatch.setattr(perfscore.ladders._book, "parse_ladder", counting)
    repeated = pd.concat([frame()] * 50, ignore_index=True)
    repeated["key"] = range(len(repeated))
    respelled = frame(key=[1000, 1001, 1002], 优=["≥100%", "≥500人", "有效实施"])
    book = LadderBook.from_frame(pd.concat([repeated, respelled], ignore_index=True))
    assert len(calls) == 4  # three distinct rows, and one respelled 优 cell
    assert len(book.ladders) == 3  # ≥100% and 100% make the same ladder
    assert book[1000] is book[0]


# -- exact values: quantities, fractions, decimals, big integers ---------------------------------


def test_quantities_are_converted_into_each_rows_ladder_unit_as_ladder_grade_does() -> None:
    book = LadderBook.from_frame(frame())
    values = [
        ureg.Quantity(95, "percent"),
        ureg.Quantity(0.85, "dimensionless"),
        ureg.Quantity(490, "人"),
    ]
    assert (
        book.grade([7, 7, 8], values).tolist()
        == [book[7].code(values[0]), book[7].code(values[1]), book[8].code(values[2])]
        == [2, 1, 2]
    )


def test_a_quantity_whose_unit_does_not_fit_its_ladder_raises_unit_mismatch() -> None:
    book = LadderBook.from_frame(frame())
    with pytest.raises(UnitMismatch, match=r"\(row 1: key 8 is graded in 人\)"):
        book.grade([7, 8], [ureg.Quantity(95, "percent"), ureg.Quantity(1_000_000, "元")])


def test_fractions_decimals_and_big_integers_are_read_exactly() -> None:
    book = LadderBook.from_frame(frame())
    values = [Fraction(95), Decimal("89.99"), 10**400, Fraction(8999, 100)]
    assert book.grade([7, 7, 7, 7], values).tolist() == [2, 1, 3, 1]
    assert book.grade([7], [Fraction(9, 10)], unit="dimensionless").tolist() == [2]


def test_exact_values_that_cannot_be_graded_are_named_by_row() -> None:
    book = LadderBook.from_frame(frame())
    with pytest.raises(ResultsError) as caught:
        book.grade([7, 8, 8], [Decimal("Infinity"), Fraction(981, 2), -(10**400)])
    assert str(caught.value) == (
        "3 of 3 rows cannot be graded:\n"
        "  row 0: key 7, value Decimal('Infinity'): expected a finite number, got Infinity\n"
        "  row 1: key 8, value Fraction(981, 2): a count of 人 is a whole number, not 490.5\n"
        f"  row 2: key 8, value -{'1' + '0' * 400}: a count of 人 cannot be negative: "
        f"-{'1' + '0' * 400}"
    )
    coerced = book.grade(
        [7, 8, 8], [Decimal("Infinity"), Fraction(981, 2), -(10**400)], errors="coerce"
    )
    assert coerced.tolist() == [-2, -2, -2]


def test_numeric_cells_are_read_as_the_numbers_they_print_as() -> None:
    numeric = pd.DataFrame(
        {"key": ["a", "b", "c"], "优": [3, 3.0, np.int64(3)], "良": [2, 2.0, 2.5],
         "中": [1, 1.0, 1], "差": [0, 0.0, 0], "unit": [None, None, "次"]}
    )  # fmt: skip
    book = LadderBook.from_frame(numeric)
    spelled = parse_ladder({"优": "3", "良": "2", "中": "1", "差": "0"})
    assert book["a"] == book["b"] == spelled
    assert book["c"] == parse_ladder({"优": "3", "良": "2.5", "中": "1", "差": "0"}, unit="次")
    assert book.grade(["a", "a", "a", "a"], [3, 2, 1, 0]).tolist() == [3, 2, 1, 0]


def test_a_float_cell_that_is_not_a_binary_fraction_reads_as_it_prints() -> None:
    cells = pd.DataFrame(
        {"key": ["a"], "优": [0.9], "良": [None], "中": [None], "差": [0.5], "unit": [None]}
    )
    book = LadderBook.from_frame(cells)
    assert book["a"] == parse_ladder({"优": "0.9", "差": "0.5"})
    assert book["a"].grade(0.9) is perfscore.Grade.EXCELLENT


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("优", math.inf, "column 优: expected text or a finite number, got inf"),
        ("中", [1], "column 中: expected text or a number, got [1]"),
        ("unit", 5, "column unit: expected text, got 5"),
    ],
)
def test_a_cell_that_is_neither_text_nor_a_number_is_located_by_row_and_key(
    column: str, value: Any, reason: str
) -> None:
    cells = frame()
    cells[column] = cells[column].astype(object)
    cells.at[2, column] = value
    with pytest.raises(PerfscoreError) as caught:
        LadderBook.from_frame(cells)
    assert str(caught.value) == f"row 2, indicator 9: {reason}"
