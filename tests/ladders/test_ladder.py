"""Grade ladders: every published cell form read into a ladder that grades exactly, its
direction, its canonical spelling, and the errors of cells that do not make a ladder."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from perfscore import (
    Direction,
    Grade,
    InvalidLadder,
    Ladder,
    LadderBook,
    NotationError,
    PerfscoreError,
    UncoveredValue,
    UnitMismatch,
    parse_ladder,
    ureg,
)
from perfscore.testing.strategies import ladders
from tests.ladders.ladder_data import BAND, HIGHER, LABELS, LOWER, E, F, G, P, cells

# (row, unit, direction, canonical str, [(value, grade), ...])
VALID: list[tuple[str, str | None, Direction, str, list[tuple[object, Grade]]]] = [
    (
        "100% / ≥ 90% / ≥80% / <80%", "percent", HIGHER,
        "优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%",
        [("100%", E), ("99.99%", G), ("90%", G), ("89.99%", F), ("80%", F), ("79.99%", P),
         ("120%", E), (0, P)],
    ),
    (   # the % left off the middle cells
        "100% / ≥80 / ≥60 / <60%", "percent", HIGHER,
        "优 ≥100% | 良 ≥80% | 中 ≥60% | 差 <60%",
        [(100, E), (80, G), (79.99, F), (60, F), (59.99, P)],
    ),
    (   # no unit given: taken from the cells
        "100% / ≥80 / ≥60 / <60%", None, HIGHER,
        "优 ≥100% | 良 ≥80% | 中 ≥60% | 差 <60%",
        [("80%", G), (0.8, P), (ureg.Quantity(0.8, ""), G)],
    ),
    (   # ASCII and full-width, spaces anywhere
        "＞＝９５％ / >= 90 % / ≧８０％ / ＜８０％", "percent", HIGHER,
        "优 ≥95% | 良 ≥90% | 中 ≥80% | 差 <80%",
        [("９５％", E), ("94.9%", G), ("80％", F), ("79%", P)],
    ),
    (   # the inclusive words of 民法典 第一千二百五十九条
        "95%以上 / 90%以上 / 80%以上 / 不满80%", "percent", HIGHER,
        "优 ≥95% | 良 ≥90% | 中 ≥80% | 差 <80%",
        [(95, E), (90, G), (80, F), (79.9, P)],
    ),
    (
        "超过90% / 高于80% / 不低于60% / 低于60%", "percent", HIGHER,
        "优 >90% | 良 >80% | 中 ≥60% | 差 <60%",
        [(90.01, E), (90, G), (80.01, G), (80, F), (60, F), (59.99, P)],
    ),
    (
        "至少3次 / 不少于2次 / 不低于1次 / 0", "次", HIGHER,
        "优 ≥3次 | 良 ≥2次 | 中 ≥1次 | 差 ≤0次",
        [(3, E), (2, G), (1, F), (0, P)],
    ),
    (
        "最多1次 / 不超过2次 / 不高于3次 / 超过3次", "次", LOWER,
        "优 ≤1次 | 良 ≤2次 | 中 ≤3次 | 差 >3次",
        [(0, E), (1, E), (2, G), (3, F), (4, P)],
    ),
    (
        "5次以下 / 10次以下 / 15次以内 / 15次以上", "次", LOWER,
        "优 ≤5次 | 良 ≤10次 | 中 ≤15次 | 差 >15次",
        [(5, E), (6, G), (10, G), (15, F), (16, P)],
    ),
    (   # a target band with 和 and 或
        "≥85%和≤100% / ≥83%和<85% / ≥80%和<83% / <80%或>100%", "percent", BAND,
        "优 ≥85%和≤100% | 良 ≥83%和<85% | 中 ≥80%和<83% | 差 <80%或>100%",
        [("85%", E), ("100%", E), ("100.01%", P), ("84.99%", G), ("83%", G), ("82.99%", F),
         ("80%", F), ("79.99%", P)],
    ),
    (
        "≥85% 且 ≤100% / ≥83% 且 <85% / ≥80% 且 <83% / <80% 或 >100%", "percent", BAND,
        "优 ≥85%和≤100% | 良 ≥83%和<85% | 中 ≥80%和<83% | 差 <80%或>100%",
        [("90%", E), ("101%", P)],
    ),
    (   # ranges after an operator
        "≥500人 / ≥ 400- 499 人 / ≥300～399人 / <300人", "人", HIGHER,
        "优 ≥500人 | 良 ≥400人和≤499人 | 中 ≥300人和≤399人 | 差 <300人",
        [(500, E), (499, G), (400, G), (399, F), (300, F), (299, P)],
    ),
    (
        "≥80% / ≥ 60-80% / 50至60% / <50%", "percent", HIGHER,
        "优 ≥80% | 良 ≥60% | 中 ≥50% | 差 <50%",
        [(80, E), (79.99, G), (60, G), (59.99, F), (50, F), (49.99, P)],
    ),
    (   # bare numbers, higher is better
        "3 / 2 / 1 / 0", "次", HIGHER,
        "优 ≥3次 | 良 ≥2次 | 中 ≥1次 | 差 ≤0次",
        [(4, E), (3, E), (2, G), (1, F), (0, P)],
    ),
    (
        "1种 / - / - / 0", "种", HIGHER,
        "优 ≥1种 | 良 — | 中 — | 差 ≤0种",
        [(1, E), (2, E), (0, P)],
    ),
    (   # the worst cell repeats the next grade's number: below it
        "100% / 90% / 85% / 85%", "percent", HIGHER,
        "优 ≥100% | 良 ≥90% | 中 ≥85% | 差 <85%",
        [(100, E), (90, G), (89.99, F), (85, F), (84.99, P)],
    ),
    (   # bare numbers, lower is better
        "1次 / 2次 / 3次 / 3次", "次", LOWER,
        "优 ≤1次 | 良 ≤2次 | 中 ≤3次 | 差 >3次",
        [(0, E), (1, E), (2, G), (3, F), (4, P)],
    ),
    (
        "1次 / - / - / 1次以上", "次", LOWER,
        "优 ≤1次 | 良 — | 中 — | 差 >1次",
        [(0, E), (1, E), (2, P)],
    ),
    (   # a blank 差: the bare number of 中 is still "at least"
        "100% / 90% / 80% / -", "percent", HIGHER,
        "优 ≥100% | 良 ≥90% | 中 ≥80% | 差 —",
        [(100, E), (90, G), (80, F)],
    ),
    (
        ">35人 / ≥30人 / ≥25人 / <25人", "人", HIGHER,
        "优 >35人 | 良 ≥30人 | 中 ≥25人 | 差 <25人",
        [(36, E), (35, G), (30, G), (29, F), (25, F), (24, P)],
    ),
    (   # read as written: 良's ≥90% also takes what lies above 100%, so it is a band
        "=100% / ≥90% / ≥80% / <80%", "percent", BAND,
        "优 =100% | 良 ≥90% | 中 ≥80% | 差 <80%",
        [(100, E), (99, G), (101, G)],
    ),
    (   # money, traditional 萬元
        "≥100萬元 / ≥80万元 / ≥60万元 / <60万元", "万元", HIGHER,
        "优 ≥100万元 | 良 ≥80万元 | 中 ≥60万元 | 差 <60万元",
        [("1000000 元", E), ("999999.99元", G), ("0.008亿元", G), (60, F)],
    ),
    (   # a dimensionless ladder
        "≥0.95 / ≥0.9 / ≥0.8 / <0.8", None, HIGHER,
        "优 ≥0.95 | 良 ≥0.9 | 中 ≥0.8 | 差 <0.8",
        [("0.95", E), ("95%", E), (0.9, G), ("0.8", F), (0.79, P)],
    ),
    (   # qualitative
        "有效实施 / 能完整的 实施 / 基本上能实施 / 不能很好实施", None, LABELS,
        "优 有效实施 | 良 能完整的实施 | 中 基本上能实施 | 差 不能很好实施",
        [("有效实施", E), ("能完整的实施", G), ("能完整的 实施", G), (" 基本上能 实施", F),
         ("不能很好实施", P)],
    ),
    (
        # Labels compare across scripts, so their canonical text is the simplified form.
        "優良 / 良好 / 一般 / 無", None, LABELS,
        "优 优良 | 良 良好 | 中 一般 | 差 无",
        [("優良", E), ("無", P)],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("row", "unit", "direction", "canonical", "grades"), VALID)
def test_valid(
    row: str,
    unit: str | None,
    direction: Direction,
    canonical: str,
    grades: list[tuple[object, Grade]],
) -> None:
    ladder = parse_ladder(cells(row), unit=unit)
    assert ladder.direction is direction
    assert str(ladder) == canonical
    assert [(value, ladder.grade(value)) for value, _ in grades] == grades


@pytest.mark.parametrize(("row", "unit", "direction", "canonical", "grades"), VALID)
def test_round_trip(
    row: str, unit: str | None, direction: Direction, canonical: str, grades: object
) -> None:
    ladder = parse_ladder(cells(row), unit=unit)
    again = parse_ladder(ladder.to_cells(), unit=ladder.unit)
    assert again == ladder
    assert hash(again) == hash(ladder)
    assert str(again) == str(ladder)
    assert repr(ladder) == (
        f"<Ladder({canonical!r}, unit={ladder.unit!r})>"
        if ladder.unit is not None
        else f"<Ladder({canonical!r})>"
    )
    assert pickle.loads(pickle.dumps(ladder)) == ladder


def test_to_cells_is_by_grade_best_first() -> None:
    ladder = parse_ladder(cells("1种 / - / - / 0"), unit="种")
    assert ladder.to_cells() == {E: "≥1种", G: None, F: None, P: "≤0种"}
    assert list(ladder.to_cells()) == [E, G, F, P]
    assert ladder.unit == "种"
    assert ladder.grades == (E, P)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("100% / ≥90% / ≥80% / <80%", "≥100% / 90%以上 / 不低于80% / 不满80%"),
        ("100% / ≥90% / ≥80% / <80%", "≧100％ / ≥90%和<100% / 80%-90% / <80%"),
        ("100% / ≥90% / ≥80% / <80%", "100% / ≥90% / ≥80% / ≤80%"),  # 80% is 中's first
        ("≥500人 / ≥400-499人 / ≥300-399人 / <300人", "≥500 / 400～499 / 300至399 / 不满300"),
        ("能完整的实施 / - / - / 不能", " 能完整的 实施 / - / - / 不 能"),
    ],
)  # fmt: skip
def test_equal_spellings(first: str, second: str) -> None:
    unit = None if "实施" in first else ("人" if "人" in first else "percent")
    a, b = parse_ladder(cells(first), unit=unit), parse_ladder(cells(second), unit=unit)
    assert a == b
    assert hash(a) == hash(b)
    assert a.cells != b.cells  # the published text is kept as given


def test_unequal() -> None:
    percent = parse_ladder(cells("100% / ≥90% / ≥80% / <80%"), unit="percent")
    assert percent != parse_ladder(cells("100% / >90% / ≥80% / <80%"), unit="percent")
    # on whole numbers ≤299 and <300 agree, but a ladder is a function on the whole line
    assert parse_ladder(cells("≥300人 / - / - / ≤299人")) != parse_ladder(
        cells("≥300人 / - / - / <300人")
    )
    assert percent != parse_ladder(cells("1 / ≥0.9 / ≥0.8 / <0.8"))
    assert percent != "优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%"
    assert len({percent, parse_ladder(cells("≥100% / 90% / 80% / <80%"))}) == 1


def test_grade_keys_may_be_grades_or_text() -> None:
    a = parse_ladder({E: "≥90%", P: "<90%"})
    b = parse_ladder({"优": "≥90%", "差": "<90%", "良": "", "中": None})
    assert a == b


def test_ladder_is_immutable() -> None:
    ladder = parse_ladder(cells("100% / ≥90% / ≥80% / <80%"))
    with pytest.raises(AttributeError):
        ladder.unit = "人"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ladder.direction = LOWER  # type: ignore[misc]


# -- invalid ladders -----------------------------------------------------------------------

INVALID: list[tuple[dict[str, str | None], str | None, type[PerfscoreError], str]] = [
    (cells("≥ 9O% / - / - / <90%"), "percent", NotationError,
     "cell 优: unexpected 'O'\n    ≥ 9O%\n       ^"),
    (cells("≥90% / ≥90% / - / <90%"), "percent", InvalidLadder,
     "cell 良: '≥90%' is met only by values a better grade already takes; "
     "the cells do not run in one direction"),
    (cells("≥90%和<80% / - / - / <80%"), "percent", InvalidLadder,
     "cell 优: '≥90%和<80%' can never be met"),
    (cells("≥90% / ≤50% / ≥60% / <60%"), "percent", InvalidLadder,
     "the grades do not run in one direction: along the scale they go 良 → 差 → 中 → 优"),
    (cells("<10或>90 / ≥10和≤90 / - / -"), None, InvalidLadder,
     "the grades do not run in one direction: along the scale they go 优 → 良 → 优"),
    (cells("≥0或<0 / - / - / -"), None, InvalidLadder,
     "cell 优: '≥0或<0' is met by every value: the ladder grades nothing"),
    (cells("≥5人 / - / - / <5次"), None, NotationError,
     "cell 差: 次 does not fit the ladder's unit 人\n    <5次\n    ^^^^"),
    (cells("≥5人 / - / - / <5人"), "percent", NotationError,
     "cell 优: 人 does not fit the ladder's unit percent\n    ≥5人\n    ^^^^"),
    (cells("有效 / - / - / 有效"), None, InvalidLadder,
     "cell 差: the label '有效' stands in both 优 and 差"),
    (cells("有效 / - / - / 无效"), "percent", NotationError,
     "cell 优: expected a number in percent\n    有效\n    ^^^^"),
    (cells("- / - / - / -"), None, InvalidLadder, "every cell is blank: no grade can be reached"),
    ({"优": "≥5", "差": "<5"}, "人/天", PerfscoreError,
     "a ladder's unit is one named unit, not '人/天'"),
    ({"优": "≥5", "极差": "<5"}, None, PerfscoreError, "'极差' is not a grade (优, 良, 中, 差)"),
    ({"优": 5}, None, PerfscoreError, "cell 优: expected text, got 5"),  # type: ignore[dict-item]
    # a comparison or % makes a cell notation, not a qualitative label
    (cells("≥九十% / - / - / 不足九十%"), None, NotationError,
     "cell 优: unexpected '九十'\n    ≥九十%\n     ^^^^"),
]  # fmt: skip


@pytest.mark.parametrize(("given", "unit", "kind", "message"), INVALID)
def test_invalid(
    given: dict[str, str | None], unit: str | None, kind: type[PerfscoreError], message: str
) -> None:
    with pytest.raises(kind) as info:
        parse_ladder(given, unit=unit)
    assert str(info.value) == message


def test_duplicate_grade() -> None:
    with pytest.raises(PerfscoreError, match="two cells for 优"):
        parse_ladder({"优": "≥90%", E: "≥80%"})  # type: ignore[arg-type]


def test_cells_must_be_a_mapping() -> None:
    with pytest.raises(PerfscoreError, match="cells must map grades to cell texts, not list"):
        parse_ladder(["≥90%"])  # type: ignore[arg-type]


# -- grading: exactness, units, errors ------------------------------------------------------

AT_LEAST_83 = parse_ladder({"优": "≥83%", "差": "<83%"}, unit="percent")
DIMENSIONLESS = parse_ladder({"优": "≥0.83", "差": "<0.83"})
MONEY = parse_ladder({"优": "≥100万元", "差": "<100万元"}, unit="万元")


@pytest.mark.parametrize(
    "value",
    [
        "83%", "83 %", "８３％", "83 percent", "830‰", "0.83 dimensionless", 83, 83.0,
        Fraction(83), Decimal("83"), Decimal("83.000"), np.float64(83), np.int64(83),
        ureg.Quantity(83, "percent"), ureg.Quantity(0.83, "dimensionless"),
        ureg.Quantity(0.83, ""), ureg.Quantity(Fraction(83, 100), ""),
        0.83 * 100,  # the float pitfall stays on the right side: 83.0
    ],
)  # fmt: skip
def test_exactly_on_the_threshold(value: object) -> None:
    assert AT_LEAST_83.grade(value) is E


@pytest.mark.parametrize(
    "value",
    ["82.99999999999999999999%", Fraction(8299999999999999999, 10**17),
     Decimal("82.9999999999999999999"), ureg.Quantity(0.8299999999999999, "")],
)  # fmt: skip
def test_just_below_the_threshold(value: object) -> None:
    assert AT_LEAST_83.grade(value) is P


def test_float_of_a_fraction_is_the_decimal_it_prints_as() -> None:
    assert 83 * 0.01 == 0.8300000000000001
    assert DIMENSIONLESS.grade(83 * 0.01) is E
    assert 0.57 / 0.01 == 56.99999999999999
    assert ureg.Quantity(0.57, "").to("percent").magnitude < 57  # pint's own conversion
    at_least_57 = parse_ladder({"优": "≥57%", "差": "<57%"})
    assert at_least_57.grade(ureg.Quantity(0.57, "")) is E
    assert at_least_57.grade("0.57 dimensionless") is E
    assert DIMENSIONLESS.grade("0.83") is E
    assert DIMENSIONLESS.grade("83%") is E
    assert DIMENSIONLESS.grade(ureg.Quantity(83, "percent")) is E
    assert DIMENSIONLESS.grade("1 dimensionless") is E


@pytest.mark.parametrize(
    "value",
    ["1000000 元", "1,000,000元", "100万元", "100 萬元", "0.01亿元", "1000千元",
     ureg.Quantity(1_000_000, "元"), 100, Decimal("100")],
)  # fmt: skip
def test_money_in_any_unit(value: object) -> None:
    assert MONEY.grade(value) is E


def test_money_just_below() -> None:
    assert MONEY.grade("999999.99 元") is P


@pytest.mark.parametrize(
    ("ladder", "value", "value_unit", "ladder_unit"),
    [
        (parse_ladder({"优": "≥5次", "差": "<5次"}), "5人", "人", "次"),
        (parse_ladder({"优": "≥5次", "差": "<5次"}), ureg.Quantity(5, "人"), "人", "次"),
        (parse_ladder({"优": "≥5人", "差": "<5人"}), "5%", "percent", "人"),
        (AT_LEAST_83, "5人", "人", "percent"),
        (AT_LEAST_83, "5 万元", "万元", "percent"),
        (MONEY, "50%", "percent", "万元"),
    ],
)
def test_wrong_unit(ladder: Ladder, value: object, value_unit: str, ladder_unit: str) -> None:
    with pytest.raises(UnitMismatch) as info:
        ladder.grade(value)
    error = info.value
    assert (error.value_unit, error.ladder_unit) == (value_unit, ladder_unit)
    assert str(error) == f"a value in {value_unit} cannot be read as {ladder_unit}"


def test_quantity_from_another_registry() -> None:
    import pint

    other: pint.UnitRegistry[float] = pint.UnitRegistry()
    assert AT_LEAST_83.grade(other.Quantity(83, "percent")) is E
    with pytest.raises(UnitMismatch, match="a value in furlong cannot be read as percent"):
        AT_LEAST_83.grade(other.Quantity(83, "furlong"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected a number, got True"),
        (None, "expected a number, got None"),
        (float("nan"), "expected a finite number, got nan"),
        (float("inf"), "expected a finite number, got inf"),
        (-float("inf"), "expected a finite number, got -inf"),
        (Decimal("NaN"), "expected a finite number, got NaN"),
        (np.float64("nan"), "expected a finite number, got nan"),
        (ureg.Quantity(float("nan"), "percent"), "expected a finite number, got nan"),
        (1j, "expected a number, got complex 1j"),
        ("", "expected a number, got an empty text"),
        ([83], "expected a number, got list [83]"),
    ],
)
def test_not_a_number(value: object, message: str) -> None:
    with pytest.raises(PerfscoreError) as info:
        AT_LEAST_83.grade(value)
    assert str(info.value) == message


def test_unreadable_value_string() -> None:
    with pytest.raises(NotationError) as info:
        AT_LEAST_83.grade("≥83%")
    assert str(info.value) == "expected a number, found '≥'\n    ≥83%\n    ^"


def test_huge_values_grade_without_overflow() -> None:
    assert AT_LEAST_83.grade(Fraction(10**400)) is E
    assert AT_LEAST_83.grade("1" + "0" * 400) is E
    # A level rate is never negative: the huge negative value is refused, not overflowed.
    with pytest.raises(UncoveredValue, match="cannot be negative"):
        AT_LEAST_83.grade(-(10**400))
    change = parse_ladder(cells("≥10% / ≥5% / ≥0% / <0%"), unit="percent")
    assert change.grade(-(10**400)) is P


@pytest.mark.parametrize("value", ["-5%", -5, Fraction(-1, 100), "-0.0001%"])
def test_a_negative_rate_is_refused_by_a_level_and_graded_by_a_change(value: object) -> None:
    level = parse_ladder(cells("≥90% / ≥80% / ≥60% / <60%"), unit="percent")
    change = parse_ladder(cells("≥10% / ≥5% / ≥0% / <0%"), unit="percent")
    falls = parse_ladder(cells("≥-1% / ≥-5% / ≥-10% / <-10%"), unit="percent")
    assert (level.nonnegative, change.nonnegative, falls.nonnegative) == (True, False, False)
    with pytest.raises(UncoveredValue, match="a rate cannot be negative"):
        level.grade(value)
    assert level.code(value) == -2
    assert level.grade_array([float(Fraction(str(value).rstrip("%")))]).tolist() == [-2]
    assert change.grade(value) is P
    assert level.domain() == change.domain() & level.domain()


def test_value_in_a_gap() -> None:
    gapped = parse_ladder(cells("≥500人 / ≥400-499人 / ≥300-399人 / <300人"), unit="人")
    percent_gap = parse_ladder(cells("≥90% / - / 60-80% / <60%"), unit="percent")
    with pytest.raises(UncoveredValue) as info:
        percent_gap.grade("85%")
    assert str(info.value) == (
        "no grade covers 85% (this ladder leaves (80, 90) percent without a grade)"
    )
    assert info.value.value == "85%"
    assert isinstance(info.value, PerfscoreError)
    with pytest.raises(PerfscoreError, match=r"a count of 人 is a whole number, not 499\.5"):
        gapped.grade(499.5)


def test_counts_are_whole_and_not_negative() -> None:
    ladder = parse_ladder(cells("3 / 2 / 1 / 0"), unit="次")
    with pytest.raises(PerfscoreError, match="a count of 次 cannot be negative: -1"):
        ladder.grade(-1)
    with pytest.raises(PerfscoreError, match=r"a count of 次 is a whole number, not 1\.5"):
        ladder.grade("1.5次")


def test_qualitative_rejects_unknown_labels_and_numbers() -> None:
    ladder = parse_ladder(cells("有效实施 / 能完整的实施 / 基本上能实施 / 不能很好实施"))
    with pytest.raises(UncoveredValue) as info:
        ladder.grade("实施了")
    assert str(info.value) == (
        "'实施了' is not one of this ladder's labels "
        "(有效实施, 能完整的实施, 基本上能实施, 不能很好实施)"
    )
    with pytest.raises(PerfscoreError, match="a qualitative ladder grades labels, not 3"):
        ladder.grade(3)
    assert ladder.unit is None
    assert ladder.categorical


def test_grade_array() -> None:
    ladder = parse_ladder(cells("100% / ≥90% / ≥80% / <80%"), unit="percent")
    codes = ladder.grade_array([100, 90, 89.99, 80, 79.99, float("nan")])
    assert codes.tolist() == [3, 2, 1, 1, 0, -1]
    assert ladder.grade_array([0.9, 0.8], unit="dimensionless").tolist() == [2, 1]
    with pytest.raises(PerfscoreError, match="expected numbers"):
        ladder.grade_array(["a"])


def test_pint_errors_never_escape() -> None:
    import pint

    other: pint.UnitRegistry[float] = pint.UnitRegistry()
    odd: list[object] = [
        other.Quantity(1, "degC"),
        other.Quantity(1, "count"),
        ureg.Quantity(1, "人/天"),
        ureg.Quantity(np.array([83.0]), "percent"),
        "83 人/",
        "83 percent percent",
    ]
    for value in odd:
        with pytest.raises(PerfscoreError):
            AT_LEAST_83.grade(value)


def test_grade_array_refuses_what_grade_refuses_with_code_minus_2() -> None:
    ladder = parse_ladder(cells("≥500人 / 400-499人 / <400人 / -"), unit="人")
    values = [-1, 499.5, 500, 499, float("inf"), float("nan")]
    assert ladder.grade_array(values).tolist() == [-2, -2, 3, 2, -2, -1]
    for value in (-1, 499.5):
        with pytest.raises(PerfscoreError, match="a count of 人"):
            ladder.grade(value)
    with pytest.raises(PerfscoreError, match="expected a finite number, got inf"):
        ladder.grade(float("inf"))
    book = LadderBook([0], [ladder])
    assert book.grade([0] * len(values), values, errors="coerce").tolist() == (
        ladder.grade_array(values).tolist()
    )
    percent = parse_ladder(cells("100% / ≥90% / ≥80% / <80%"), unit="percent")
    # A level rate refuses a negative value, as grade does.
    assert percent.grade_array([-0.5, 95.5, float("-inf")]).tolist() == [-2, 2, -2]
    with pytest.raises(PerfscoreError, match="a rate cannot be negative"):
        percent.grade(-0.5)


@pytest.mark.parametrize(
    ("unit", "canonical"),
    [("kg", "公斤"), ("%", "percent"), ("percent", "percent"), ("萬元", "万元"), ("人", "人")],
)
def test_unit_is_the_canonical_name_not_the_spelling_given(unit: str, canonical: str) -> None:
    ladder = parse_ladder({"优": "≥5", "差": "<5"}, unit=unit)
    assert ladder.unit == canonical
    assert parse_ladder(ladder.to_cells(), unit=ladder.unit) == ladder


# -- one-line rows: str(ladder) parses back -------------------------------------------------


@given(ladders())
def test_str_of_a_ladder_parses_back_to_an_equal_ladder(ladder: Ladder) -> None:
    assert parse_ladder(str(ladder), unit=ladder.unit) == ladder
