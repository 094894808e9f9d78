"""Scorecards: one table's results scored, held and shown (`perfscore.score`).

Owns `score`, which reads either kind of table and dispatches on it, the ladder table's
`Scorecard` (grades and scores at every level) and the targets table's `TargetsScorecard`
(the self-evaluation per project), with their data (dicts, JSON, frames, CSV) and their views,
which they get from `perfscore.views`.

May import: the ground, `perfscore.notation`, `perfscore.ladders`, `perfscore.tables`,
`perfscore.scoring` and `perfscore.views`.

>>> from perfscore.cards import score
>>> score("zanhuang-hrss-2018", {"1.1.1": "100%"})
<Scorecard zanhuang-hrss-2018 by mean: 100.0 优, 1 of 68 graded>
"""

from ._dispatch import score
from ._scorecard import Scorecard
from ._targets_card import TargetsScorecard, score_target_rows, score_targets

__all__ = [
    "Scorecard",
    "TargetsScorecard",
    "score",
    "score_target_rows",
    "score_targets",
]
