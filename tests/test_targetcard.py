"""TODO"""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from tests.targets_data import load_targets, small_targets

# -- score_frame equals score ---------------------------------------------------------------

values = st.one_of(
    st.integers(0, 1000),
    st.sampled_from(["达成", "部分达成", "未达成", "完成", "不适用", "满意", "9次", "600人次"]),
    st.none(),
)


@settings(max_examples=30)
@given(
    st.lists(st.tuples(st.sampled_from(["1.1", "1.2", "1.3"]), values), unique_by=lambda r: r[0])
)
def test_score_frame_equals_score_per_table(rows: list[tuple[str, object]]) -> None:
    table = load_targets(small_targets())
    fits = {"1.1": "600人次", "1.2": "9次"}
    usable = [
        (key, value)
        for key, value in rows
        if not (key == "1.3" and isinstance(value, int))
        and not (key != "1.3" and value == "满意")
        and not (value in fits.values() and fits.get(key) != value)
    ]
    results = pd.DataFrame(
        {
            "table": ["small"] * len(usable),
            "id": [k for k, _ in usable],
            "value": [v for _, v in usable],
        },
        dtype=object,
    )
    card = perfscore.score(table, dict(usable))
    frames = perfscore.score_frame([table], results)
    expected = card.to_frame()
    got = frames.targets.drop(columns=["table", "row"])
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.drop(columns=["row"]), check_dtype=False
    )
    assert frames.projects["total"].tolist() == [p.total for p in card.projects]
