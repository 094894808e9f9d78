"""perfscore.notation._labels: labels and names compared in one form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore.notation._labels import (
    _SIMPLIFIED,
    _TO_SIMPLIFIED,
    _TRADITIONAL,
    same_label,
    simplified,
)


def test_ladder_labels_match_across_scripts() -> None:
    ladder = perfscore.parse_ladder(
        {"优": "應保盡保", "良": "基本保障", "中": None, "差": "未保障"}
    )
    assert ladder.grade("应保尽保") is perfscore.Grade.EXCELLENT
    assert ladder.grade(" 應保 盡保 ") is perfscore.Grade.EXCELLENT


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("應保盡保", "应保尽保"),
        ("有效實施", "有效实施"),
        (" 能完整的 实施 ", "能完整的实施"),
        ("能完整的\n实施", "能完整的实施"),
        ("ＡＢＣ　優良", "ABC优良"),
        ("滿意度", "满意度"),
        ("指標解釋 價格認證鑒定", "指标解释价格认证鉴定"),
        ("e\u0301", "é"),  # composed first, so both spellings of é are one
        ("后", "后"),  # a character missing from the table compares as itself
        ("", ""),
    ],
)
def test_simplified(text: str, form: str) -> None:
    assert simplified(text) == form


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("應保盡保", "应保尽保", True),
        (" 有效 實施 ", "有效实施", True),
        ("ｏｋ", "ok", True),
        ("优", "良", False),
        ("有效实施", "有效实施了", False),
        ("OK", "ok", False),  # case is kept: a label is compared as written
    ],
)
def test_same_label(a: str, b: str, same: bool) -> None:
    assert same_label(a, b) is same
    assert same_label(b, a) is same


def test_the_table_maps_each_traditional_character_to_one_simplified_character() -> None:
    assert len(_TRADITIONAL) == len(_SIMPLIFIED)
    seen: dict[str, str] = {}
    for traditional, simple in zip(_TRADITIONAL, _SIMPLIFIED, strict=True):
        assert seen.setdefault(traditional, simple) == simple, traditional
    # no simplified form is itself mapped on: simplifying twice changes nothing
    assert not set(_TO_SIMPLIFIED.values()) & {chr(code) for code in _TO_SIMPLIFIED}


_LABEL_TEXT = st.text(
    st.sampled_from(sorted(set(_TRADITIONAL + _SIMPLIFIED + "ab12 \n　ＡＢ１２")))
)


@given(_LABEL_TEXT)
def test_simplified_is_idempotent_and_has_no_white_space(text: str) -> None:
    form = simplified(text)
    assert simplified(form) == form
    assert not any(ch.isspace() for ch in form)
    assert same_label(text, form)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("一級 指標(biāo)", "一级指标"), ("項(xiàng)目(xiàng)", "项目"), ("面积(m2)", "面积(m2)"),
     ("指标(ab)", "指标(ab)"), ("(xiàng)", "(xiàng)")],
)  # fmt: skip
def test_a_characters_pinyin_printed_after_it_is_no_part_of_a_label(text: str, folded: str) -> None:
    # A mirror site prints some characters' pinyin after them (項(xiàng)目): a label compares
    # without it; a note in brackets that is no pinyin syllable (no tone mark) stays.
    assert simplified(text) == folded
