"""perfscore: score government performance indicators (绩效指标) from their published cells.

>>> import perfscore
>>> ladder = perfscore.parse_ladder({"优": "≥95%", "良": "≥90%", "中": "≥80%", "差": "<80%"})
>>> ladder.grade("94.99%")
<Grade.GOOD: '良'>
"""

import importlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    __version__: str
    from .batch import LadderBook
    from .check import Finding, Severity, check_file, check_table
    from .comparison import Comparison, compare
    from .frames import FrameScores, score_frame
    from .importing import Imported, ImportFailed, ImportFinding, export_table, import_table
    from .indicator_frames import indicator_frame
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

# The rest of the public names load with their module on first use (PEP 562): importing
# perfscore does not pay for pint, pydantic, numpy or pandas until a name needs them.
_LAZY: dict[str, str] = {
    "LadderBook": "batch",
    "Finding": "check",
    "Severity": "check",
    "check_file": "check",
    "check_table": "check",
    "Comparison": "comparison",
    "compare": "comparison",
    "FrameScores": "frames",
    "Imported": "importing",
    "ImportFailed": "importing",
    "ImportFinding": "importing",
    "export_table": "importing",
    "import_table": "importing",
    "indicator_frame": "indicator_frames",
    "score_frame": "frames",
    "Direction": "ladders",
    "Ladder": "ladders",
    "parse_ladder": "ladders",
    "Method": "methods",
    "get_method": "methods",
    "Budget": "projects",
    "Project": "projects",
    "TargetIndicator": "projects",
    "TargetsTable": "projects",
    "Scorecard": "scorecard",
    "score": "scorecard",
    "SelfEvaluation": "selfevaluation",
    "Activity": "tables",
    "Department": "tables",
    "Duty": "tables",
    "Indicator": "tables",
    "Reading": "tables",
    "Table": "tables",
    "bundled_tables": "tables",
    "load_table": "tables",
    "TargetsScorecard": "targetcard",
    "Target": "targets",
    "parse_target": "targets",
    "define_unit": "units",
    "ureg": "units",
}


def _version() -> str:
    from importlib import metadata  # costs more than the rest of `import perfscore`

    try:
        # The one place the version is written is pyproject.toml; the installed metadata has it.
        return metadata.version("perfscore")
    except metadata.PackageNotFoundError:  # pragma: no cover - a source tree not installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
        globals()[name] = value
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'perfscore' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
    "indicator_frame",
    "load_table",
    "parse_ladder",
    "parse_target",
    "score",
    "score_frame",
    "ureg",
]
