"""TODO"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.scoring import METHODS
from tests.frames_data import TABLES, assert_same_figures, frame_of, table_results, weights_of

from .scoring_data import zanhuang

FRAME = perfscore.indicator_frame(TABLES)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), method=st.sampled_from(sorted(METHODS)))
def test_an_indicator_frame_scores_as_score_does(data: st.DataObject, method: str) -> None:
    """A table → indicator_frame → score_frame equals score, exactly, weights and gaps included."""
    given_ = {t.name: data.draw(table_results(t), label=t.name) for t in TABLES}
    weights = {t.name: data.draw(weights_of(t), label=f"weights {t.name}") for t in TABLES}
    count = sum(len(r) for r in given_.values())
    order = data.draw(st.permutations(range(count)), label="order")
    chosen = {name: w for name, w in weights.items() if w}
    scores = perfscore.score_frame(
        FRAME, frame_of(given_, order), method=method, weights=chosen or None
    )
    cards = {
        t.name: perfscore.score(t, given_[t.name], method=method, weights=weights[t.name])
        for t in TABLES
    }
    assert scores.method == cards[zanhuang.name].method
    assert scores.unscored.empty
    assert_same_figures(scores, cards, published=False)
    assert scores.departments["year"].tolist() == [t.year for t in TABLES]
