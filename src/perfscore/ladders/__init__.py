"""Grade ladders: four published cells (优 良 中 差) read into one exact ladder, and many at once.

Owns `Ladder` and `parse_ladder` (a value's grade, an array's grades, the canonical spelling),
each grade's region and the ladder's `Direction`, the compiled form arrays are graded by, and
`LadderBook`: many ladders compiled together and graded by key in one call.

May import: the ground and `perfscore.notation`.

>>> from perfscore.ladders import parse_ladder
>>> parse_ladder({"优": "100%", "良": "≥90%", "中": "≥80%", "差": "<80%"}).grade("90%")
<Grade.GOOD: '良'>
"""

from typing import TYPE_CHECKING

from perfscore._moved import old_names

from ._book import LadderBook
from ._compiled import CompiledLadder
from ._ladder import Ladder, parse_ladder
from ._regions import Cells, Direction, normalize_label, read_row

__all__ = [
    "Cells",
    "CompiledLadder",
    "Direction",
    "Ladder",
    "LadderBook",
    "normalize_label",
    "parse_ladder",
    "read_row",
]

if not TYPE_CHECKING:  # names the old module of this path published (for one release)
    __getattr__ = old_names(__name__)
