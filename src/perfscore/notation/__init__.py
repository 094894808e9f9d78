"""The published notation (评价标准, 指标值): a cell or a target read into exact, typed objects.

Owns the token table, the grammar of a grading cell (`parse_cell` → `Expression`), one target
cell (`parse_target` → `Target`: comparisons, deadlines, periods, qualitative texts), the form
labels and names are compared in (`simplified`, `same_label`), every rule about reading numbers
exactly, and `define_unit`, which adds a unit and refreshes every cache of unit names.

May import: the ground (`perfscore.errors`, `perfscore.intervals`, `perfscore.units`).

>>> from perfscore.notation import parse_cell, parse_target
>>> len(parse_cell("≥85%和≤100%").alternatives[0]), str(parse_target("不少于12 种"))
(2, '≥12种')
"""

from typing import TYPE_CHECKING

from perfscore._moved import old_names

from ._dates import When
from ._define import define_unit
from ._grammar import Clause, Expression, parse_cell, parse_quantity
from ._labels import same_label, simplified
from ._targets import DIRECTIONS, OPS, Target, convert, parse_target, target_unit, unit_symbol

__all__ = [
    "DIRECTIONS",
    "OPS",
    "Clause",
    "Expression",
    "Target",
    "When",
    "convert",
    "define_unit",
    "parse_cell",
    "parse_quantity",
    "parse_target",
    "same_label",
    "simplified",
    "target_unit",
    "unit_symbol",
]

if not TYPE_CHECKING:  # names the old module of this path published (for one release)
    __getattr__ = old_names(__name__)
