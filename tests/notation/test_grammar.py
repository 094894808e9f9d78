"""The grammar of a grading cell (perfscore.notation._grammar):
valid cells, their shape, and errors with a caret under the fault."""

from __future__ import annotations

from fractions import Fraction

import pytest

from perfscore import NotationError, PerfscoreError
from perfscore.notation import parse_cell, parse_quantity

Shape = list[list[tuple[str, str, str | None, tuple[str | None, ...]]]]
P = ("percent",)
P2 = ("percent", "percent")


def shape(source: str) -> Shape:
    expression = parse_cell(source)
    return [
        [(c.op, str(c.low), None if c.high is None else str(c.high), c.units) for c in alt]
        for alt in expression.alternatives
    ]


VALID: list[tuple[str, Shape]] = [
    # comparisons, mathematical, ASCII and full-width, with and without spaces
    ("≥90%", [[(">=", "90", None, P)]]),
    ("≥ 90%", [[(">=", "90", None, P)]]),
    ("≥ 90 %", [[(">=", "90", None, P)]]),
    ("≤10次", [[("<=", "10", None, ("次",))]]),
    (">35人", [[(">", "35", None, ("人",))]]),
    ("<80%", [[("<", "80", None, P)]]),
    ("=100%", [[("=", "100", None, P)]]),
    (">=95%", [[(">=", "95", None, P)]]),
    ("<= 5", [[("<=", "5", None, (None,))]]),
    ("＞35人", [[(">", "35", None, ("人",))]]),
    ("＜８０％", [[("<", "80", None, P)]]),
    ("＝１００％", [[("=", "100", None, P)]]),
    ("≧９５％", [[(">=", "95", None, P)]]),
    ("≦１０次", [[("<=", "10", None, ("次",))]]),
    ("＞＝９５％", [[(">=", "95", None, P)]]),
    ("　≥　90％　", [[(">=", "90", None, P)]]),
    # words: inclusive 以上/以下 (民法典 第一千二百五十九条), exclusive 超过/不满/低于/高于
    ("95%以上", [[(">=", "95", None, P)]]),
    ("95% 以上", [[(">=", "95", None, P)]]),
    ("5次以下", [[("<=", "5", None, ("次",))]]),
    ("1次以上", [[(">=", "1", None, ("次",))]]),
    ("3天以内", [[("<=", "3", None, ("天",))]]),
    ("超过10%", [[(">", "10", None, P)]]),
    ("不满60%", [[("<", "60", None, P)]]),
    ("低于60%", [[("<", "60", None, P)]]),
    ("高于90%", [[(">", "90", None, P)]]),
    ("不低于95%", [[(">=", "95", None, P)]]),
    ("不少于500人", [[(">=", "500", None, ("人",))]]),
    ("至少3次", [[(">=", "3", None, ("次",))]]),
    ("不高于5%", [[("<=", "5", None, P)]]),
    ("不超过10次", [[("<=", "10", None, ("次",))]]),
    ("最多2次", [[("<=", "2", None, ("次",))]]),
    # traditional characters
    ("不超過10次", [[("<=", "10", None, ("次",))]]),
    ("不滿60%", [[("<", "60", None, P)]]),
    ("低於60%", [[("<", "60", None, P)]]),
    ("≥100萬元", [[(">=", "100", None, ("万元",))]]),
    ("≥3種", [[(">=", "3", None, ("种",))]]),
    # 和 / 且 and 或
    ("≥85%和≤100%", [[(">=", "85", None, P), ("<=", "100", None, P)]]),
    ("≥85% 且 ≤100%", [[(">=", "85", None, P), ("<=", "100", None, P)]]),
    ("<80%或>100%", [[("<", "80", None, P)], [(">", "100", None, P)]]),
    ("<80% 或 >100%", [[("<", "80", None, P)], [(">", "100", None, P)]]),
    ("≥83%和<85%或=90%", [[(">=", "83", None, P), ("<", "85", None, P)], [("=", "90", None, P)]]),
    # ranges a-b, a～b, a至b, and after an operator
    ("400-499人", [[("range", "400", "499", ("人", "人"))]]),
    ("400～499人", [[("range", "400", "499", ("人", "人"))]]),
    ("400~499人", [[("range", "400", "499", ("人", "人"))]]),
    ("400至499人", [[("range", "400", "499", ("人", "人"))]]),
    ("400人-499人", [[("range", "400", "499", ("人", "人"))]]),
    ("≥ 400- 499 人", [[("range", "400", "499", ("人", "人"))]]),
    ("≥400-499人", [[("range", "400", "499", ("人", "人"))]]),
    ("≥ 60-80%", [[("range", "60", "80", P2)]]),
    ("≥60%-80%", [[("range", "60", "80", P2)]]),
    ("60-80", [[("range", "60", "80", (None, None))]]),
    # bare numbers, units after them or left off
    ("100%", [[("bare", "100", None, P)]]),
    ("100 ％", [[("bare", "100", None, P)]]),
    ("１００％", [[("bare", "100", None, P)]]),
    ("3", [[("bare", "3", None, (None,))]]),
    ("1种", [[("bare", "1", None, ("种",))]]),
    ("0", [[("bare", "0", None, (None,))]]),
    ("≥80", [[(">=", "80", None, (None,))]]),
    ("1,000,000元", [[("bare", "1000000", None, ("元",))]]),
    ("≥99.5%", [[(">=", "199/2", None, P)]]),
    ("≥0.5‰", [[(">=", "1/2", None, ("permille",))]]),
    ("≥2人次", [[(">=", "2", None, ("人次",))]]),
    ("≥-5", [[(">=", "-5", None, (None,))]]),
]


@pytest.mark.parametrize(("source", "expected"), VALID)
def test_valid(source: str, expected: Shape) -> None:
    assert shape(source) == expected


def test_expression_keeps_source_and_spans() -> None:
    expression = parse_cell("≥85%和≤100%")
    assert expression.source == "≥85%和≤100%"
    assert [c.span for c in expression.clauses()] == [(0, 4), (5, 10)]
    assert expression.anchor == Fraction(85)


# Each case: the cell, the message, the caret line (under the cell, indented like it).
INVALID: list[tuple[str, str, str]] = [
    ("≥ 9O%", "unexpected 'O'", "   ^"),
    ("", "expected a comparison or a number, found the end of the cell", "^"),
    ("≥", "expected a number, found the end of the cell", " ^"),
    ("≥90%%", "expected 和, 或 or the end of the cell, found '%'", "    ^"),
    ("90%-", "expected a number, found the end of the cell", "    ^"),
    ("≥90%或", "expected a number, found the end of the cell", "      ^"),
    ("90% 80%", "expected 和, 或 or the end of the cell, found '80'", "    ^^"),
    ("<400-499人", "a range cannot be combined with <", "^"),
    ("499-400人", "the range runs backwards", "^^^^^^^^^"),
    ("≥90%以上", "two comparisons for one number (≥ and 以上)", "^^^^^^^^"),
    ("＞＝９５％以上", "two comparisons for one number (＞＝ and 以上)", "^^^^^^^^^^^^^^"),
    ("≥5人-6次", "a range from 人 to 次", "     ^^^"),
    ("＞＝九十", "unexpected '九十'", "    ^^^^"),
    ("good", "unexpected 'good'", "^^^^"),
    ("≥٣", "unexpected '٣'", " ^"),  # digits are 0-9 (full-width folded), not every script's
    ("≥5 meters", "unexpected 'meters'", "   ^^^^^^"),
    ("90 % ≥", "expected 和, 或 or the end of the cell, found '≥'", "     ^"),
]


@pytest.mark.parametrize(("source", "message", "caret"), INVALID)
def test_invalid(source: str, message: str, caret: str) -> None:
    with pytest.raises(NotationError) as info:
        parse_cell(source)
    error = info.value
    assert error.reason == message
    assert str(error) == f"{message}\n    {source}\n    {caret}"
    assert isinstance(error, PerfscoreError)
    assert isinstance(error, ValueError)


def test_caret_counts_wide_characters_double() -> None:
    with pytest.raises(NotationError) as info:
        parse_cell("不低于 九十")
    assert str(info.value).splitlines()[-1] == "    " + " " * 7 + "^" * 4


@pytest.mark.parametrize(
    ("source", "value", "unit"),
    [
        ("84%", Fraction(84), "percent"),
        ("84 percent", Fraction(84), "percent"),
        ("８４％", Fraction(84), "percent"),
        ("499 人", Fraction(499), "人"),
        ("-3.5", Fraction(-7, 2), None),
        (" 1,000,000 元 ", Fraction(1000000), "元"),
        ("1 dimensionless", Fraction(1), "dimensionless"),
        ("0.83", Fraction(83, 100), None),
        ("5t", Fraction(5), "吨"),
    ],
)
def test_parse_quantity(source: str, value: Fraction, unit: str | None) -> None:
    assert parse_quantity(source) == (value, unit)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("84%%", "expected the end of the cell, found '%'"),
        ("≥84%", "expected a number, found '≥'"),
        ("", "expected a number, found the end of the cell"),
        ("5 5", "expected the end of the cell, found '5'"),
    ],
)
def test_parse_quantity_invalid(source: str, message: str) -> None:
    with pytest.raises(NotationError) as info:
        parse_quantity(source)
    assert info.value.reason == message


def test_docs_show_the_parser_grammar() -> None:
    import re
    from pathlib import Path

    import perfscore.notation._grammar

    def rules(text: str) -> list[str]:
        return [
            " ".join(line.split()) for line in text.splitlines() if re.match(r"\s*\w+\s+= ", line)
        ]

    docs = Path(__file__).resolve().parents[2] / "docs" / "notation.md"
    grammar = rules(docs.read_text(encoding="utf-8").split("```ebnf", 1)[1].split("```", 1)[0])
    assert grammar == rules(perfscore.notation._grammar.__doc__ or "")
    assert len(grammar) == 5


@pytest.mark.parametrize("digits", ["9" * 4301, "1." + "5" * 4400, "1," + ",".join(["000"] * 1500)])
def test_a_number_too_long_to_read_is_a_notation_error_under_it(digits: str) -> None:
    for read in (parse_cell, parse_quantity):
        with pytest.raises(NotationError) as info:
            read(f"≥{digits}%" if read is parse_cell else f"{digits}%")
        error = info.value
        assert error.reason == "a number of more than 4300 digits"
        start = 1 if read is parse_cell else 0
        assert error.span == (start, start + len(digits))


def test_a_value_too_long_to_read_is_a_notation_error_when_grading() -> None:
    from perfscore import parse_ladder

    ladder = parse_ladder({"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"})
    with pytest.raises(NotationError, match="a number of more than 4300 digits"):
        ladder.grade("9" * 5000 + "%")


def test_yiwai_is_an_exclusive_more_than_after_the_number() -> None:
    # 民法典 第一千二百五十九条: 以外 does not include the number itself.
    (clause,) = parse_cell("30天以外").alternatives[0]
    assert (clause.op, clause.low, clause.units) == (">", Fraction(30), ("天",))


def test_a_ladder_of_days_within_and_beyond() -> None:
    from perfscore import Grade, parse_ladder

    ladder = parse_ladder({"优": "10天以内", "良": "20天以内", "中": "30天以内", "差": "30天以外"})
    grades = [ladder.grade(days) for days in (10, 11, 30, 31)]
    assert grades == [Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR]
    assert str(ladder) == "优 ≤10天 | 良 ≤20天 | 中 ≤30天 | 差 >30天"


def test_an_unknown_unit_letter_is_an_error_under_it() -> None:
    # M (兆? million? megabit?) is no unit perfscore defines: a table must say which it means.
    with pytest.raises(NotationError) as info:
        parse_cell("≥80M")
    assert str(info.value) == "unexpected 'M'\n    ≥80M\n       ^"
