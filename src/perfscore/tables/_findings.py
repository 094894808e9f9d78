"""Findings: what checking a table reports, one problem each, an error or a warning.

[check_table][perfscore.tables.check_table] and [check_file][perfscore.tables.check_file] return
them; comparing scorecards ([perfscore.compare][perfscore.comparison.compare]) reports what its
matching found with them too.

>>> print(Finding(Severity.WARNING, "分值 add up to 90, not 100", indicator="1", kind="project"))
warning: project 1: 分值 add up to 90, not 100
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from perfscore.errors import printable

__all__ = ["Finding", "Severity", "has_errors"]


class Severity(enum.Enum):
    """How bad a finding is, and what a person does with it: an ``error`` is to act on (it fails
    ``perfscore check``; an import that left a row out or needs a value has one), a ``warning``
    is to check (listed, passes), a ``note`` is for the record (a repair or a reading that needs
    no decision; ``perfscore import`` shows notes and warnings only with ``--all``)."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Finding:
    """One problem [check_table][perfscore.tables.check_table] or
    [check_file][perfscore.tables.check_file] found.

    ``indicator`` and ``name`` are the id and name of the indicator concerned (of the duty or
    activity, for a finding about one); ``field`` is the field within it (``cells.良``, ``id``,
    ``unit``, ``readings[0]``); ``path`` is the full field path in the file.
    """

    severity: Severity
    message: str
    indicator: str | None = None
    name: str | None = None
    field: str | None = None
    path: str | None = None
    file: str | None = None
    #: What ``indicator`` names (``project``, ``indicator``); by its id's depth when unset.
    kind: str | None = None

    @property
    def cell(self) -> str | None:
        """The grade (优 良 中 差) whose cell the finding concerns, if it concerns one."""
        if self.field is not None and self.field.startswith("cells."):
            return self.field.removeprefix("cells.")
        return None

    def __str__(self) -> str:
        subject: list[str] = []
        if self.indicator is not None:
            kind = self.kind or {0: "duty", 1: "activity"}.get(
                self.indicator.count("."), "indicator"
            )
            subject.append(" ".join(filter(None, (kind, self.indicator, self.name))))
        if self.cell is not None:
            subject.append(f"cell {self.cell}")
        elif self.field is not None and self.field != self.path:
            subject.append(self.field)
        where = ", ".join(subject)
        if self.path is not None:
            where = f"{where} ({self.path})" if where else self.path
        head = f"{self.file}: " if self.file is not None else ""
        body = f"{where}: {self.message}" if where else self.message
        return printable(f"{head}{self.severity}: {body}", keep="\n")


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error (warnings alone pass)."""
    return any(f.severity is Severity.ERROR for f in findings)
