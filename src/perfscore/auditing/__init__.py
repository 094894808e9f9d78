"""Auditing published self-evaluations (财政评价 of a department's 自评).

Owns `audit` (every published 得分 recomputed by the published rules under the rounding that
explains the table best, each row classed, the budget item and the total checked) and its
records `Audit`, `AuditLine`, `Summary`; the audit as text, JSON, a frame and an Excel sheet a
reviewer annotates (`audit_text`, `audit_json`, `audit_frame`, `write_audit`).

May import: the ground, `perfscore.notation`, `perfscore.tables`, `perfscore.scoring` and
`perfscore.views` (text widths).

>>> from perfscore.auditing import CLASSES
>>> CLASSES[:3]
('explained', 'deduction-on-met', 'full-on-unmet')
"""

from ._audit import CLASSES, ROUNDINGS, Audit, AuditLine, PublishedForm, Summary, audit
from ._reports import AUDIT_COLUMNS, audit_frame, audit_json, audit_text, write_audit

__all__ = [
    "AUDIT_COLUMNS",
    "CLASSES",
    "ROUNDINGS",
    "Audit",
    "AuditLine",
    "PublishedForm",
    "Summary",
    "audit",
    "audit_frame",
    "audit_json",
    "audit_text",
    "write_audit",
]
