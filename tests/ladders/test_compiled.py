"""The compiled form of a ladder: cuts and codes, float bounds per unit factor, exact codes."""

from __future__ import annotations

from fractions import Fraction as F  # noqa: N817  (tables of thresholds read better short)

import numpy as np
import pytest

from perfscore import parse_ladder
from perfscore.ladders import CompiledLadder
from perfscore.ladders._compiled import MISSING, UNCOVERED

HIGHER = CompiledLadder(cuts=((F(80), False), (F(90), False), (F(100), False)), codes=(0, 1, 2, 3))


def test_codes_need_one_more_than_cuts() -> None:
    with pytest.raises(ValueError, match="one code more than it has cuts"):
        CompiledLadder(cuts=((F(1), False),), codes=(0,))


def test_sentinels() -> None:
    assert (MISSING, UNCOVERED) == (-1, -2)


@pytest.mark.parametrize(
    ("value", "code"),
    [(F(100), 3), (F(9999, 100), 2), (F(90), 2), (F(8999, 100), 1), (F(80), 1), (F(7999, 100), 0),
     (F(-5), 0), (F(10**400), 3), (F(-(10**400)), 0)],
)  # fmt: skip
def test_code(value: F, code: int) -> None:
    assert HIGHER.code(value) == code


def test_bounds_for_fractions_of_a_percent_ladder() -> None:
    bounds = HIGHER.bounds(F(1, 100))
    assert bounds.tolist() == [0.8, 0.9, 1.0]
    assert not bounds.flags.writeable
    assert HIGHER.bounds(F(1, 100)) is bounds  # cached per factor
    fractions = np.array([0.9, 0.83, 1.0, 0.7999])
    positions = np.searchsorted(bounds, fractions, side="right")
    assert [HIGHER.codes[p] for p in positions] == [2, 1, 3, 0]


def test_strict_cut() -> None:
    more_than_35 = CompiledLadder(cuts=((F(35), True),), codes=(2, 3))
    assert more_than_35.code(F(35)) == 2
    assert np.searchsorted(more_than_35.bounds(), 35.0, side="right") == 0
    assert more_than_35.code(F(3500001, 100000)) == 3
    assert more_than_35.bounds()[0] > 35.0


def test_exact_beyond_float_precision() -> None:
    at_least_83 = CompiledLadder(cuts=((F(83), False),), codes=(0, 3))
    just_under = F(8299999999999999999, 10**17)
    assert float(just_under) == 83.0  # as a float it would meet ≥83
    assert at_least_83.code(just_under) == 0
    assert at_least_83.code(F(83)) == 3


def test_ladder_compiles_band_with_gap_codes() -> None:
    band = parse_ladder(
        {"优": "≥85%和≤100%", "良": "≥83%和<85%", "中": "≥80%和<83%", "差": "<80%或>100%"},
        unit="percent",
    )
    compiled = band.compiled
    assert compiled.cuts == ((F(80), False), (F(83), False), (F(85), False), (F(100), True))
    assert compiled.codes == (0, 1, 2, 3, 0)
    values = np.array([79.99, 80, 83, 84.99, 85, 100, 100.01])
    positions = np.searchsorted(compiled.bounds(), values, side="right")
    assert [compiled.codes[p] for p in positions] == [0, 1, 2, 2, 3, 3, 0]


def test_uncovered_pieces() -> None:
    ranges = parse_ladder({"优": "≥500人", "良": "400-499人", "差": "<300人"}, unit="人")
    codes = ranges.compiled.codes
    assert UNCOVERED in codes
    assert ranges.compiled.code(F(350)) == UNCOVERED
    assert ranges.compiled.code(F(4995, 10)) == UNCOVERED


def test_categorical() -> None:
    compiled = parse_ladder({"优": "有效实施", "差": "不能很好实施"}).compiled
    assert compiled.categorical
    assert compiled.code_label("有效实施") == 3
    assert compiled.code_label("没有") == UNCOVERED
