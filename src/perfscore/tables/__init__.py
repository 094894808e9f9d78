"""Tables of indicators as frozen models, their files, and checking them.

Owns both kinds of table: a ladder `Table` (duties, activities, indicators with four cells) and
a `TargetsTable` (projects, indicators with one target); loading either from YAML or JSON
(`load_table`) and the JSON Schema of the files; `check_table` / `check_file` and their
`Finding`s, the silent-misreading rules among them.

May import: the ground, `perfscore.notation` and `perfscore.ladders`.

>>> from perfscore.tables import check_table, load_table
>>> table = load_table("zanhuang-hrss-2018")
>>> len(table), check_table(table)
(68, [])
"""

from typing import TYPE_CHECKING

from perfscore._moved import old_names

from ._check import check_file, check_table
from ._files import bundled_tables, json_schema, load_table, read_table, table_model
from ._findings import Finding, Severity, has_errors
from ._models import Activity, Department, Duty, Indicator, Reading, Table, field_paths
from ._targets_table import Budget, Project, TargetIndicator, TargetReading, TargetsTable

__all__ = [
    "Activity",
    "Budget",
    "Department",
    "Duty",
    "Finding",
    "Indicator",
    "Project",
    "Reading",
    "Severity",
    "Table",
    "TargetIndicator",
    "TargetReading",
    "TargetsTable",
    "bundled_tables",
    "check_file",
    "check_table",
    "field_paths",
    "has_errors",
    "json_schema",
    "load_table",
    "read_table",
    "table_model",
]

if not TYPE_CHECKING:  # names the old module of this path published (for one release)
    __getattr__ = old_names(__name__)
