"""Year-on-year comparison (同比): one table's scorecards side by side (`perfscore.compare`).

Owns `compare` and `Comparison` (a frame per level, the change and the grades moved) and the
matching of nodes across cards (and re-exports the level names, `LEVELS` and
`SINGULAR`, which the records own) (by id and name, then name, then id; each match not by both a
finding).

May import: the ground, `perfscore.tables` (findings), `perfscore.scoring`, `perfscore.views`
and `perfscore.cards`.

>>> import perfscore
>>> from perfscore.comparison import compare
>>> a = perfscore.score("zanhuang-hrss-2018", {"1.2.2": 470})
>>> b = perfscore.score("zanhuang-hrss-2018", {"1.2.2": 512})
>>> float(compare(a, b).departments.loc[0, "change"])
40.0
"""

from perfscore.scoring._records import LEVELS, SINGULAR

from ._comparison import Comparison, compare
from ._matching import MatchedRow, Node, match_nodes

__all__ = [
    "LEVELS",
    "SINGULAR",
    "Comparison",
    "MatchedRow",
    "Node",
    "compare",
    "match_nodes",
]
