"""perfscore.tables._directions: the direction a name reads, and a bare target's reading."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from perfscore.tables._directions import (
    HIGHER_IS_BETTER_WORDS,
    LOWER_IS_BETTER_WORDS,
    UNDO_WORDS,
    bare_direction,
    higher_word,
    lower_word,
)


@given(st.sampled_from(LOWER_IS_BETTER_WORDS), st.text(alphabet="某项目人次", max_size=4))
def test_a_lower_is_better_word_reads_the_bare_target_at_most(word: str, around: str) -> None:
    direction, why = bare_direction(around + word + around)
    assert direction == "反向"
    assert lower_word(around + word + around) is not None
    assert "反向" in why


@given(st.sampled_from(LOWER_IS_BETTER_WORDS), st.sampled_from(UNDO_WORDS))
def test_a_word_that_undoes_it_reads_at_least_again(word: str, undo: str) -> None:
    assert lower_word(word + undo + "率") is None
    assert bare_direction(word + undo + "率")[0] == "正向"


@given(st.sampled_from(HIGHER_IS_BETTER_WORDS))
def test_a_higher_is_better_word_is_found(word: str) -> None:
    assert higher_word("服务对象" + word) == word
    assert bare_direction("服务对象" + word)[0] == "正向"
