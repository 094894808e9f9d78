"""perfscore: score government performance indicators (绩效指标) from their published cells.

>>> import perfscore
>>> ladder = perfscore.parse_ladder({"优": "≥95%", "良": "≥90%", "中": "≥80%", "差": "<80%"})
>>> ladder.grade("94.99%")
<Grade.GOOD: '良'>

Every public name is listed once, in `_API`, with the module that owns it; `__all__`, `dir()`
and loading on first use are made from that list. A name loads with its package the first time
it is used (PEP 562), so ``import perfscore`` does not pay for pint, pydantic, numpy or pandas
until a name needs them.
"""

import importlib
from typing import TYPE_CHECKING, Any

from perfscore import _moved

_moved.install()  # the module paths before the packages import for one more release

#: Each public name and the module (under perfscore) that owns it.
_API: dict[str, str] = {
    "InvalidLadder": "errors",
    "NotationError": "errors",
    "PerfscoreError": "errors",
    "ResultsError": "errors",
    "TableError": "errors",
    "UncoveredValue": "errors",
    "UnitMismatch": "errors",
    "UnknownIndicator": "errors",
    "GRADES": "grades",
    "Grade": "grades",
    "ureg": "units",
    "Target": "notation",
    "define_unit": "notation",
    "parse_target": "notation",
    "Direction": "ladders",
    "Ladder": "ladders",
    "LadderBook": "ladders",
    "parse_ladder": "ladders",
    "Activity": "tables",
    "Budget": "tables",
    "Department": "tables",
    "Duty": "tables",
    "Finding": "tables",
    "Indicator": "tables",
    "Project": "tables",
    "Reading": "tables",
    "Severity": "tables",
    "Table": "tables",
    "TargetIndicator": "tables",
    "TargetsTable": "tables",
    "bundled_tables": "tables",
    "check_file": "tables",
    "check_table": "tables",
    "load_table": "tables",
    "Method": "scoring",
    "SelfEvaluation": "scoring",
    "get_method": "scoring",
    "Scorecard": "cards",
    "TargetsScorecard": "cards",
    "score": "cards",
    "FrameScores": "frames",
    "indicator_frame": "frames",
    "score_frame": "frames",
    "Comparison": "comparison",
    "compare": "comparison",
    "audit": "auditing",
    "ImportFailed": "importing",
    "ImportFinding": "importing",
    "Imported": "importing",
    "export_table": "importing",
    "import_table": "importing",
}

if TYPE_CHECKING:  # the same names for type checkers (tests/test_api.py keeps them equal)
    __version__: str
    from .auditing import audit as audit
    from .cards import Scorecard as Scorecard
    from .cards import TargetsScorecard as TargetsScorecard
    from .cards import score as score
    from .comparison import Comparison as Comparison
    from .comparison import compare as compare
    from .errors import InvalidLadder as InvalidLadder
    from .errors import NotationError as NotationError
    from .errors import PerfscoreError as PerfscoreError
    from .errors import ResultsError as ResultsError
    from .errors import TableError as TableError
    from .errors import UncoveredValue as UncoveredValue
    from .errors import UnitMismatch as UnitMismatch
    from .errors import UnknownIndicator as UnknownIndicator
    from .frames import FrameScores as FrameScores
    from .frames import indicator_frame as indicator_frame
    from .frames import score_frame as score_frame
    from .grades import GRADES as GRADES
    from .grades import Grade as Grade
    from .importing import Imported as Imported
    from .importing import ImportFailed as ImportFailed
    from .importing import ImportFinding as ImportFinding
    from .importing import export_table as export_table
    from .importing import import_table as import_table
    from .ladders import Direction as Direction
    from .ladders import Ladder as Ladder
    from .ladders import LadderBook as LadderBook
    from .ladders import parse_ladder as parse_ladder
    from .notation import Target as Target
    from .notation import define_unit as define_unit
    from .notation import parse_target as parse_target
    from .scoring import Method as Method
    from .scoring import SelfEvaluation as SelfEvaluation
    from .scoring import get_method as get_method
    from .tables import Activity as Activity
    from .tables import Budget as Budget
    from .tables import Department as Department
    from .tables import Duty as Duty
    from .tables import Finding as Finding
    from .tables import Indicator as Indicator
    from .tables import Project as Project
    from .tables import Reading as Reading
    from .tables import Severity as Severity
    from .tables import Table as Table
    from .tables import TargetIndicator as TargetIndicator
    from .tables import TargetsTable as TargetsTable
    from .tables import bundled_tables as bundled_tables
    from .tables import check_file as check_file
    from .tables import check_table as check_table
    from .tables import load_table as load_table
    from .units import ureg as ureg


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
    elif name in _API:
        value = getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'perfscore' has no attribute {name!r}")
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = ["__version__", *_API]
