"""perfscore.notation._define: a unit added to the registry, read
by cells and targets alike."""

from __future__ import annotations

import pytest

import perfscore
from perfscore import NotationError, parse_target


def test_define_unit_adds_a_name_targets_and_cells_read() -> None:
    assert parse_target("≥12标箱").unit == "标箱"  # a count word of its own, until defined
    with pytest.raises(NotationError):
        perfscore.parse_ladder({"优": "≥1000标箱", "良": None, "中": None, "差": "<1000标箱"})
    perfscore.define_unit("teu = [teu] = 标箱")
    perfscore.define_unit("teu_pair = 2 * teu = 对标箱")
    pair = parse_target("≥12对标箱")
    assert pair.value is not None
    assert perfscore.notation.convert(pair.value, pair.unit, "标箱") == 24
    ladder = perfscore.parse_ladder({"优": "≥1000标箱", "良": None, "中": None, "差": "<1000标箱"})
    assert ladder.unit == "标箱"
    with pytest.raises(perfscore.PerfscoreError, match="teu is already a unit"):
        perfscore.define_unit("teu = [teu] = 标箱")
