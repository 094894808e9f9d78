"""perfscore.notation._tokenizer: the token table of a cell."""

from __future__ import annotations

from perfscore.notation._tokenizer import Kind, fold, tokenize


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
