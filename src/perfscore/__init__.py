"""perfscore: score government performance indicators (绩效指标) from their published cells.

>>> import perfscore
>>> ladder = perfscore.parse_ladder({"优": "≥95%", "良": "≥90%", "中": "≥80%", "差": "<80%"})
>>> ladder.grade("94.99%")
<Grade.GOOD: '良'>
"""

from importlib import metadata as _metadata

from .batch import LadderBook
from .check import Finding, Severity, check_file, check_table
from .comparison import Comparison, compare
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
from .projects import Budget, Project, TargetIndicator, TargetsTable
from .scorecard import Scorecard, score
from .selfevaluation import SelfEvaluation
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
from .targetcard import TargetsScorecard
from .targets import Target, parse_target
from .units import define_unit, ureg

try:
    # The one place the version is written is pyproject.toml; the installed metadata carries it.
    __version__ = _metadata.version("perfscore")
except _metadata.PackageNotFoundError:  # pragma: no cover - a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "GRADES",
    "Activity",
    "Budget",
    "Comparison",
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
    "Project",
    "Reading",
    "ResultsError",
    "Scorecard",
    "SelfEvaluation",
    "Severity",
    "Table",
    "TableError",
    "Target",
    "TargetIndicator",
    "TargetsScorecard",
    "TargetsTable",
    "UncoveredValue",
    "UnitMismatch",
    "UnknownIndicator",
    "__version__",
    "bundled_tables",
    "check_file",
    "check_table",
    "compare",
    "define_unit",
    "export_table",
    "get_method",
    "import_table",
    "load_table",
    "parse_ladder",
    "parse_target",
    "score",
    "score_frame",
    "ureg",
]
