"""Published text for the importer's tests: a ladder table's header, its
rows as tab-separated cells, and the findings of one kind."""

from __future__ import annotations

from pathlib import Path

from perfscore.importing import Imported, ImportFinding, import_table

#: The 2018 disclosure as text extracted from its PDF, pages and all.
DISCLOSURE = Path(__file__).parents[1] / "data" / "zanhuang-hrss-2018-disclosure.txt"

HEADER = (
    "职责活动\t年度预算数\t内容描述\t绩效目标\t绩效指标\t评价标准\t\t\t\n\t\t\t\t\t优\t良\t中\t差"
)
PAGE = "\n323 某局\n\n单位：万元\n" + HEADER


def row(head: str = "", name: str = "", *cells: str, description: str = "") -> str:
    full = [*cells, "", "", "", ""][:4]
    return "\t".join([head, "", description, "", name, *full])


def text(*rows: str) -> str:
    return "\n".join(["某县某局 2019 年部门职责-工作活动绩效目标", HEADER, *rows]) + "\n"


def imported(*rows: str) -> Imported:
    return import_table(text(*rows), name="example")


def findings(result: Imported, kind: str) -> list[ImportFinding]:
    return [f for f in result.findings if f.kind == kind]
