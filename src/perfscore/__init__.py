"""perfscore: score government performance indicators (绩效指标) from their published cells.

>>> import perfscore
>>> ladder = perfscore.parse_ladder({"优": "≥95%", "良": "≥90%", "中": "≥80%", "差": "<80%"})
>>> ladder.grade("94.99%")
<Grade.GOOD: '良'>
"""

from .batch import LadderBook
from .errors import (
    InvalidLadder,
    NotationError,
    PerfscoreError,
    ResultsError,
    TableError,
    UncoveredValue,
    UnitMismatch,
    UnknownIndicator,
)
from .grades import GRADES, Grade
from .ladders import Direction, Ladder, parse_ladder
from .tables import (
    Activity,
    Department,
    Duty,
    Indicator,
    Reading,
    Table,
    bundled_tables,
    load_table,
)
from .units import ureg

__version__ = "0.1.0"

__all__ = [
    "GRADES",
    "Activity",
    "Department",
    "Direction",
    "Duty",
    "Grade",
    "Indicator",
    "InvalidLadder",
    "Ladder",
    "LadderBook",
    "NotationError",
    "PerfscoreError",
    "Reading",
    "ResultsError",
    "Table",
    "TableError",
    "UncoveredValue",
    "UnitMismatch",
    "UnknownIndicator",
    "__version__",
    "bundled_tables",
    "load_table",
    "parse_ladder",
    "ureg",
]
