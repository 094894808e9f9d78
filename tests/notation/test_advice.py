"""perfscore.notation._advice: a refused target says how to write what it seems to mean."""

from __future__ import annotations

import pytest

from perfscore import NotationError, parse_target
from perfscore.notation._advice import advice


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("每亩300", "300元/亩"),
        ("每亩100", "100元/亩"),
        ("≤每人50", "≤50元/人"),
        ("每亩300元", "300元/亩"),
        ("每公里2万元", "2万元/公里"),
        ("≥80M", "≥80米"),
        ("80M以上", "80米以上"),
    ],
)
def test_a_refused_target_names_the_spelling_that_reads(text: str, written: str) -> None:
    with pytest.raises(NotationError) as raised:
        parse_target(text)
    assert f"write {written}" in raised.value.reason
    assert raised.value.span == (0, len(text))
    parse_target(written)  # the advice reads


def test_a_rate_without_its_money_unit_names_both_money_units() -> None:
    said = advice("每亩300")
    assert said is not None
    assert "300元/亩" in said
    assert "300万元/亩" in said
    assert "of what per 亩" in said


def test_mega_or_metres_is_asked_not_guessed() -> None:
    said = advice("≥80M")
    assert said is not None
    assert "mega" in said
    assert "≥80m" in said


@pytest.mark.parametrize(
    "text",
    ["≥80米", "≥80m", "每降低1%扣0.5分", "每季度3次", "≥95%", "≥3MB"],
)
def test_other_cells_get_no_advice(text: str) -> None:
    assert advice(text) is None


def test_a_refusal_without_advice_keeps_its_caret() -> None:
    with pytest.raises(NotationError) as raised:
        parse_target("≥5元/只")
    assert raised.value.span == (4, 5)
