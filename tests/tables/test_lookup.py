"""perfscore.tables._lookup: an indicator found by id or unique name, the same way in both kinds
of table, and the error that says what was likely meant."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import perfscore
from perfscore import UnknownIndicator
from perfscore.tables._lookup import Indicators


@dataclass(frozen=True)
class Row:
    id: str
    name: str


ROWS = [
    Row("1.1.1", "培训人数"),
    Row("1.1.2", "就業人數"),
    Row("1.2.1", "满意度"),
    Row("2.1.1", "满意度"),
    Row("7.1.3", "发放及时率"),
]
FOUND = Indicators("example", ROWS)


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("1.1.1", "1.1.1"),
        (" 1.1.2\t", "1.1.2"),
        ("培训人数", "1.1.1"),
        ("就业人数", "1.1.2"),  # simplified for traditional
        ("就業人數", "1.1.2"),
        ("培训 人数", "1.1.1"),  # white space is not part of a name
        ("ｆ", None),
    ],
)
def test_an_id_or_a_unique_name_finds_the_indicator(key: str, found: str | None) -> None:
    if found is None:
        with pytest.raises(UnknownIndicator):
            FOUND.find(key)
    else:
        assert FOUND.find(key).id == found


def test_a_name_two_indicators_share_asks_for_an_id() -> None:
    with pytest.raises(UnknownIndicator) as raised:
        FOUND.find("满意度")
    assert str(raised.value) == "'满意度' names 2 indicators (1.2.1, 2.1.1); use an id"
    assert raised.value.suggestions == ["1.2.1", "2.1.1"]


def test_a_blank_key_names_no_indicator() -> None:
    with pytest.raises(UnknownIndicator, match="the id is blank: a row names no indicator"):
        FOUND.find("  ")


def test_a_missing_id_suggests_its_siblings_first() -> None:
    """1.1.3 is nearest 1.1.1 and 1.1.2 (its siblings), not 7.1.3, which only looks alike."""
    with pytest.raises(UnknownIndicator) as raised:
        FOUND.find("1.1.3")
    assert sorted(raised.value.suggestions) == ["1.1.1", "1.1.2"]
    assert str(raised.value).startswith("table example has no indicator '1.1.3'; did you mean")


def test_a_missing_name_suggests_close_names() -> None:
    with pytest.raises(UnknownIndicator) as raised:
        FOUND.find("发放及时")
    assert raised.value.suggestions == ["发放及时率"]


def test_nothing_close_suggests_nothing() -> None:
    with pytest.raises(UnknownIndicator) as raised:
        FOUND.find("完全不同")
    assert raised.value.suggestions == []
    assert str(raised.value) == "table example has no indicator '完全不同'"


def test_len_counts_the_indicators() -> None:
    assert len(FOUND) == len(ROWS)


def test_both_kinds_of_table_find_by_the_same_rule() -> None:
    ladder = perfscore.load_table("zanhuang-hrss-2018")
    assert ladder.indicator("社會保險補貼到位率").id == "1.1.2"  # traditional, simplified
    targets = perfscore.load_table("examples/targets-invented-2023.yaml")
    first = targets.indicators()[0]
    assert targets.indicator(f" {first.id} ") is first
    with pytest.raises(UnknownIndicator) as raised:
        targets.indicator(first.id + "9")
    assert raised.value.suggestions
