"""Many tables at once (`perfscore.score_frame`): results for a province or a nation in frames.

Owns `score_frame` and its `FrameScores`, the columnar `Layout` of many tables, grading and
rolling up column-wise with the figures `score` gives, the indicator frame (`indicator_frame`:
tables as one row per indicator, for CSV and Parquet) and reading it back.

May import: the ground, `perfscore.notation`, `perfscore.ladders`, `perfscore.tables`,
`perfscore.scoring` and `perfscore.views` (not `perfscore.cards`: the two front ends share the
rules, not each other).

>>> import pandas as pd
>>> from perfscore.frames import score_frame
>>> results = pd.DataFrame({"table": ["zanhuang-hrss-2018"], "id": ["1.1.1"], "value": [100]})
>>> score_frame(["zanhuang-hrss-2018"], results).departments[["table", "score", "grade"]]
                table  score grade
0  zanhuang-hrss-2018  100.0     优
"""

from ._indicator_frames import INDICATOR_COLUMNS, indicator_frame
from ._ladder_rows import layout_from_frame, tables_from_frame
from ._layout import Layout
from ._scores import BadFrameResults, FrameScores, TablesSource, score_frame

__all__ = [
    "INDICATOR_COLUMNS",
    "BadFrameResults",
    "FrameScores",
    "Layout",
    "TablesSource",
    "indicator_frame",
    "layout_from_frame",
    "score_frame",
    "tables_from_frame",
]
