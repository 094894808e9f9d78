"""perfscore.frames._grading: results graded column-wise, each row
the batch cannot grade passed to the single-value rule."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

import perfscore
from perfscore.frames import _grading as frame_grading
from tests.scoring_data import zanhuang


def test_the_numeric_column_never_takes_the_single_value_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: Any) -> Any:
        raise AssertionError("a float column went through the single-value path")

    monkeypatch.setattr(frame_grading, "grade_row", refuse)
    numeric = [i for i in zanhuang.indicators() if not i.ladder.categorical]
    frame = pd.DataFrame(
        {
            "table": zanhuang.name,
            "id": [i.id for i in numeric],
            "value": np.array([float(i.ladder.compiled.cuts[0][0]) for i in numeric]),
        }
    )
    scores = perfscore.score_frame([zanhuang], frame, method="proportional")
    assert scores.departments["graded"].item() == len(numeric)
