"""Hostile and edge-case results: nothing silently wrong, nothing lost, cost linear in the input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import perfscore
from perfscore.exact import as_decimal, to_float64

from .scoring_data import zanhuang


@pytest.mark.parametrize("narrow", [np.float32, np.float16])
def test_narrow_floats_grade_as_the_decimal_they_print(narrow: type[np.floating]) -> None:
    value = narrow(0.9)
    assert as_decimal(value) == Fraction(9, 10)
    ladder = zanhuang.indicator("1.1.1").ladder  # ≥90% is 良
    assert str(ladder.grade(perfscore.ureg.Quantity(value, "1"))) == "良"
    assert ladder.grade_array(np.array([value]), unit="1").tolist() == [2]
    card = perfscore.score(
        zanhuang, pd.DataFrame({"id": ["1.1.1"], "value": [value], "unit": ["1"]})
    )
    assert card.to_frame().iloc[0]["grade"] == "良"
    frame = pd.DataFrame(
        {"table": [zanhuang.name], "id": ["1.1.1"], "value": np.array([0.9], dtype=narrow),
         "unit": ["1"]}
    )  # fmt: skip
    scores = perfscore.score_frame([zanhuang], frame)
    assert scores.indicators.iloc[0]["grade"] == "良"
    assert to_float64(np.array([0.9], dtype=narrow)).tolist() == [0.9]
