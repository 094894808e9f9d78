"""perfscore: score government performance indicators (绩效指标) from their published cells.

>>> import perfscore
>>> ladder = perfscore.parse_ladder({"优": "≥95%", "良": "≥90%", "中": "≥80%", "差": "<80%"})
>>> ladder.grade("94.99%")
<Grade.GOOD: '良'>
"""

from .batch import LadderBook
from .check import Finding, Severity, check_file, check_table
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
from .frames import FrameScores, score_frame
from .grades import GRADES, Grade
from .importing import Imported, ImportFailed, ImportFinding, export_table, import_table
from .ladders import Direction, Ladder, parse_ladder
from .methods import Method, get_method
from .scorecard import Scorecard, score
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
    "Finding",
    "FrameScores",
    "Grade",
    "ImportFailed",
    "ImportFinding",
    "Imported",
    "Indicator",
    "InvalidLadder",
    "Ladder",
    "LadderBook",
    "Method",
    "NotationError",
    "PerfscoreError",
    "Reading",
    "ResultsError",
    "Scorecard",
    "Severity",
    "Table",
    "TableError",
    "UncoveredValue",
    "UnitMismatch",
    "UnknownIndicator",
    "__version__",
    "bundled_tables",
    "check_file",
    "check_table",
    "export_table",
    "get_method",
    "import_table",
    "load_table",
    "parse_ladder",
    "score",
    "score_frame",
    "ureg",
]
