"""perfscore.notation._tokenizer: the token table of a cell."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.errors import NotationError
from perfscore.notation._tokenizer import (
    MAX_CELL_LENGTH,
    Kind,
    Token,
    fold,
    fold_character,
    tokenize,
)


def test_fold_keeps_length() -> None:
    assert fold("＞＝９５％～") == ">=95%~"
    assert fold("①⑩¹") == "①⑩¹"  # compatibility digits are not full-width forms: kept
    assert len(fold("　ＡＢ")) == 3


def test_tokens_longest_first() -> None:
    kinds = [(t.kind, t.text) for t in tokenize("不低于5人次以上至少")][:3]
    assert kinds == [(Kind.PREFIX, "不低于"), (Kind.NUMBER, "5"), (Kind.UNIT, "人次")]
    assert [t.meaning for t in tokenize("不低于 低于 以上 不超过 超过")][:5] == [
        ">=", "<", ">=", "<=", ">",
    ]  # fmt: skip


# -- the token table ---------------------------------------------------------------------------


def kinds(source: str, *, words: bool = False) -> list[tuple[str, str]]:
    return [(t.kind.name, t.text) for t in tokenize(source, words=words)]


@pytest.mark.parametrize(
    ("source", "tokens"),
    [
        ("≥95%", [("OP", "≥"), ("NUMBER", "95"), ("UNIT", "%"), ("END", "")]),
        ("1,000,000元", [("NUMBER", "1,000,000"), ("UNIT", "元"), ("END", "")]),
        (".5", [("NUMBER", ".5"), ("END", "")]),
        ("1 000", [("NUMBER", "1"), ("NUMBER", "000"), ("END", "")]),  # the parser refuses it
        ("3 万元", [("NUMBER", "3"), ("UNIT", "万元"), ("END", "")]),  # 万元 over 万
        ("5t", [("NUMBER", "5"), ("UNIT", "t"), ("END", "")]),
        ("5 kg", [("NUMBER", "5"), ("UNIT", "kg"), ("END", "")]),
        ("≥5人-6次", [("OP", "≥"), ("NUMBER", "5"), ("UNIT", "人"), ("DASH", "-"),
                     ("NUMBER", "6"), ("UNIT", "次"), ("END", "")]),
        ("100%~120%", [("NUMBER", "100"), ("UNIT", "%"), ("RANGE", "~"), ("NUMBER", "120"),
                       ("UNIT", "%"), ("END", "")]),
        ("≥1或<0", [("OP", "≥"), ("NUMBER", "1"), ("OR", "或"), ("OP", "<"), ("NUMBER", "0"),
                   ("END", "")]),
        ("≥1并且≤2", [("OP", "≥"), ("NUMBER", "1"), ("AND", "并且"), ("OP", "≤"),
                     ("NUMBER", "2"), ("END", "")]),
        ("", [("END", "")]),
        ("   ", [("END", "")]),
    ],
)  # fmt: skip
def test_tokens(source: str, tokens: list[tuple[str, str]]) -> None:
    assert kinds(source) == tokens


@pytest.mark.parametrize(
    ("written", "meaning"),
    [
        ("≥", ">="), ("≧", ">="), (">=", ">="), ("=>", ">="), ("＞＝", ">="),
        ("≤", "<="), ("=<", "<="), ("<", "<"), (">", ">"), ("=", "="), ("==", "="), ("═", "="),
        ("不低于", ">="), ("不少於", ">="), ("达到", ">="), ("不超过", "<="), ("至多", "<="),
        ("超过", ">"), ("高於", ">"), ("不满", "<"), ("不足", "<"), ("等于", "="),
    ],
)  # fmt: skip
def test_each_comparison_before_a_number_means_one_comparison(written: str, meaning: str) -> None:
    first = next(tokenize(f"{written}5"))
    assert first.kind in (Kind.OP, Kind.PREFIX)
    assert first.meaning == meaning


@pytest.mark.parametrize(
    ("written", "meaning"),
    [("以上", ">="), ("及以上", ">="), ("(含)以上", ">="), ("以下", "<="), ("以内", "<="),
     ("以內", "<="), ("以外", ">")],
)  # fmt: skip
def test_each_word_after_a_number_means_one_comparison(written: str, meaning: str) -> None:
    number, unit, suffix, end = tokenize(f"30天{written}")
    assert (number.kind, unit.kind, suffix.kind, end.kind) == (
        Kind.NUMBER, Kind.UNIT, Kind.SUFFIX, Kind.END,
    )  # fmt: skip
    assert (suffix.text, suffix.meaning) == (written, meaning)


def test_spans_point_at_the_characters_written() -> None:
    source = "＞＝ ９５ ％以上"
    tokens = list(tokenize(source))
    assert [(t.start, t.end) for t in tokens] == [(0, 2), (3, 5), (6, 7), (7, 9), (9, 9)]
    assert [fold(source[t.start : t.end]) for t in tokens[:-1]] == [">=", "95", "%", "以上"]
    assert tokens[-1] == Token(Kind.END, "", len(source), len(source))


def test_a_latin_unit_is_read_only_as_a_whole_word() -> None:
    with pytest.raises(NotationError) as raised:
        list(tokenize("5tons"))
    assert raised.value.reason == "unexpected 'tons'"
    assert raised.value.span == (1, 5)


@pytest.mark.parametrize(
    ("source", "reason", "span"),
    [
        ("≥90¹%", "unexpected '¹'", (3, 4)),
        ("1,00", "unexpected ','", (1, 2)),
        ("192只羊", "unexpected '只羊'", (3, 5)),
        ("a" * 30, "unexpected 'aaaaaaaaaaaaaaaaaaaa… (30 characters)'", (0, 30)),
    ],
)
def test_text_no_token_starts_is_refused_under_it(
    source: str, reason: str, span: tuple[int, int]
) -> None:
    with pytest.raises(NotationError) as raised:
        list(tokenize(source))
    assert (raised.value.reason, raised.value.span, raised.value.source) == (reason, span, source)


@pytest.mark.parametrize(
    ("source", "tokens"),
    [
        ("29.5株", [("NUMBER", "29.5"), ("WORD", "株"), ("END", "")]),
        ("29.5亩", [("NUMBER", "29.5"), ("UNIT", "亩"), ("END", "")]),  # 亩 is in the registry
        ("192只羊", [("NUMBER", "192"), ("WORD", "只羊"), ("END", "")]),
        ("≥3批货", [("OP", "≥"), ("NUMBER", "3"), ("UNIT", "批"), ("WORD", "货"), ("END", "")]),
    ],
)
def test_words_are_tokens_when_asked_for(source: str, tokens: list[tuple[str, str]]) -> None:
    assert kinds(source, words=True) == tokens


@pytest.mark.parametrize(
    ("source", "tokens"),
    [
        ("≤475元/亩", [("OP", "≤"), ("NUMBER", "475"), ("UNIT", "元/亩"), ("END", "")]),
        ("490元／平米", [("NUMBER", "490"), ("UNIT", "元/平米"), ("END", "")]),  # full-width /
        ("5元/人·年", [("NUMBER", "5"), ("UNIT", "元/人·年"), ("END", "")]),
        ("2万元/公里以上",
         [("NUMBER", "2"), ("UNIT", "万元/公里"), ("SUFFIX", "以上"), ("END", "")]),
        ("3元/m2", [("NUMBER", "3"), ("UNIT", "元/m2"), ("END", "")]),
        ("1元·年", [("NUMBER", "1"), ("UNIT", "元"), ("WORD", "·"), ("UNIT", "年"), ("END", "")]),
    ],
)  # fmt: skip
def test_a_compound_unit_is_one_token(source: str, tokens: list[tuple[str, str]]) -> None:
    """A unit, / and the units below it, joined by ·, are one unit as published; a · before
    any / joins nothing (the target parser refuses what follows)."""
    assert kinds(source, words=True) == tokens


@pytest.mark.parametrize(
    ("source", "reason", "span"),
    [
        ("≥5元/只",
         "a unit per '只'? perfscore knows no unit '只' (perfscore.define_unit adds one)", (4, 5)),
        ("12元/", "unexpected '/'", (3, 4)),
        ("95%/100%", "unexpected '/'", (3, 4)),
    ],
)  # fmt: skip
def test_a_slash_without_a_unit_after_it_is_refused(
    source: str, reason: str, span: tuple[int, int]
) -> None:
    with pytest.raises(NotationError) as raised:
        list(tokenize(source))
    assert (raised.value.reason, raised.value.span) == (reason, span)


def test_latin_text_is_never_a_word() -> None:
    with pytest.raises(NotationError, match="unexpected 'goats'"):
        list(tokenize("192 goats", words=True))


def test_a_cell_longer_than_the_cap_is_refused_before_it_is_read() -> None:
    source = "9" * (MAX_CELL_LENGTH + 1)
    with pytest.raises(NotationError) as raised:
        next(tokenize(source))
    assert raised.value.reason == "a cell of 50,001 characters (at most 50,000 are read)"
    assert raised.value.span == (MAX_CELL_LENGTH, MAX_CELL_LENGTH + 1)
    assert [t.kind for t in tokenize("9" * MAX_CELL_LENGTH)] == [Kind.NUMBER, Kind.END]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ａｂｃ　１２．５％", "abc 12.5%"),
        ("－﹣−～，", "---~,"),
        ("﹤﹥", "<>"),  # small form variants
        ("①²", "①²"),
        ("应保尽保", "应保尽保"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_folds_every_character_as_the_rule_says() -> None:
    # The whole of Unicode, one character at a time: the table fold reads by is the rule.
    for code in range(0x110000):
        if not 0xD800 <= code <= 0xDFFF:
            assert fold(chr(code)) == fold_character(chr(code)), hex(code)


@given(st.text())
def test_fold_is_each_character_folded(text: str) -> None:
    assert fold(text) == "".join(fold_character(c) for c in text)


@given(st.text())
def test_fold_is_one_character_for_one_and_idempotent(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded
