"""Testing users' own tables: assertions here, Hypothesis strategies in `strategies`.

Owns the assertions a test suite calls on its tables (`assert_monotone`, `assert_covers`,
`assert_round_trips`, `assert_table_valid`) and, in the submodule `strategies` (``pip install
"perfscore[hypothesis]"``), the strategies `ladders`, `cells`, `from_ladder` and `tables` with
the spellings generated cells are written in. Importing this package does not import
Hypothesis.

May import: the ground, `perfscore.notation`, `perfscore.ladders` and `perfscore.tables`.

>>> import perfscore
>>> from perfscore.testing import assert_monotone
>>> assert_monotone(perfscore.load_table("zanhuang-hrss-2018").indicator("1.1.1").ladder)
"""

from ._assertions import assert_covers, assert_monotone, assert_round_trips, assert_table_valid

__all__ = [
    "assert_covers",
    "assert_monotone",
    "assert_round_trips",
    "assert_table_valid",
]
