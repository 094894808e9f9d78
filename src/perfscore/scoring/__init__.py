"""Scoring: the rules that turn results into grades, points and scores, and the records they make.

Owns the result-row rules both front ends follow (what a cell is, the columns a source needs,
an indicator given twice, grading one row), reading results (a mapping, a DataFrame, CSV, XLSX,
JSON), the scoring methods (`Method`, `MeanOfPoints` …) and the roll-up, the self-evaluation
method (`SelfEvaluation`) and `self_evaluate`, the one path for a targets table's rows, and the
frozen records a scored table is made of (`IndicatorScore`, `NodeScore`, `RowScore`,
`ProjectScore` …).

May import: the ground, `perfscore.notation`, `perfscore.ladders` and `perfscore.tables`.

>>> from perfscore.scoring import get_method
>>> get_method("mean").name
'mean'
"""

from ._cells import CellKind, cell_kind
from ._methods import (
    DEFAULT_POINTS,
    METHODS,
    MOF_BANDS,
    Flat,
    MeanOfPoints,
    Method,
    MissingAsPoor,
    PointsDependOn,
    ProportionalCredit,
    WorstGrade,
    get_method,
    points_depend_on,
)
from ._readers import ResultsSource, read_rows
from ._records import (
    ActivityScore,
    BudgetScore,
    DepartmentScore,
    DutyScore,
    IndicatorScore,
    NodeScore,
    ProjectScore,
    RowScore,
    Unscored,
)
from ._results import FractionsWarning, Results, read_results
from ._rollup import roll_up
from ._rows import BadResults, ResultRow
from ._selfevaluation import (
    MET_WORDS,
    NOT_APPLICABLE,
    NOT_MET_WORDS,
    TIERS,
    Outcome,
    SelfEvaluation,
)
from ._targets import SelfEvaluated, self_evaluate

__all__ = [
    "DEFAULT_POINTS",
    "METHODS",
    "MET_WORDS",
    "MOF_BANDS",
    "NOT_APPLICABLE",
    "NOT_MET_WORDS",
    "TIERS",
    "ActivityScore",
    "BadResults",
    "BudgetScore",
    "CellKind",
    "DepartmentScore",
    "DutyScore",
    "Flat",
    "FractionsWarning",
    "IndicatorScore",
    "MeanOfPoints",
    "Method",
    "MissingAsPoor",
    "NodeScore",
    "Outcome",
    "PointsDependOn",
    "ProjectScore",
    "ProportionalCredit",
    "ResultRow",
    "Results",
    "ResultsSource",
    "RowScore",
    "SelfEvaluated",
    "SelfEvaluation",
    "Unscored",
    "WorstGrade",
    "cell_kind",
    "get_method",
    "points_depend_on",
    "read_results",
    "read_rows",
    "roll_up",
    "self_evaluate",
]
