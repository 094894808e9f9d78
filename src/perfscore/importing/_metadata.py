"""A table's name, title, department, year and money unit, from the lines above it.

A disclosure's title gives the department and the year (``赞皇县人力资源和社会保障局 2018 年…``),
a line ``323 人社局`` the department code and short name, ``单位：万元`` the money unit; the line
right above the table is its title. What cannot be found is a finding.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfscore.errors import PerfscoreError

from ._findings import ImportFinding, Place
from ._sources import SourceRow

__all__ = ["metadata"]

_TITLE = re.compile(r"^(?P<department>\D*?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<rest>.*)$")
_CODE = re.compile(r"^(?P<code>\d{3,})\s*(?P<short>[^\d\s]\S*)$")
_MONEY = re.compile(r"单位\s*[:：]\s*(?P<unit>\S+)")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class _Found:
    """What the lines above a table say."""

    department: str | None = None
    year: int | None = None
    code: str | None = None
    short: str | None = None
    money: str | None = None
    title: str | None = None


def metadata(
    before: list[SourceRow],
    label: str,
    name: str | None,
    year: int | None,
    path: str | Path,
    findings: list[ImportFinding],
) -> dict[str, Any]:
    """The table-file fields above ``duties`` (or ``projects``), from the rows ``before`` the
    table; ``name`` and ``year`` as given override what is read. Adds a finding for each
    field it had to make up."""
    found = _read(before)
    where = Place(line=before[0].line if before else None)
    if year is None:
        year = found.year
    if year is None:
        in_name = re.search(r"(?:19|20)\d{2}", label)
        year = int(in_name.group()) if in_name else datetime.date.today().year
        findings.append(
            ImportFinding(
                where,
                found.title or label,
                f"no budget year in the title: {year} "
                f"({'from the file name' if in_name else 'this year'}); give the year "
                "with --year",
                kind="metadata",
            )
        )
    department = found.department
    if department is None:
        department = "(department)"
        findings.append(
            ImportFinding(
                where,
                found.title or "",
                "no department name found in the title; edit department.name",
                kind="metadata",
            )
        )
    return {
        "format": 1,
        "name": _table_name(name, year, label, path, where, findings),
        "title": found.title,
        "department": {"name": department, "short_name": found.short, "code": found.code},
        "year": year,
        "money_unit": found.money,
        "source": label,
    }


def _read(before: list[SourceRow]) -> _Found:
    """The department, year, code, short name, money unit and title the lines ``before`` the
    table give: prose, or rows of a sheet whose only text is a title."""
    prose = [" ".join(" ".join(c for c in r.cells if c.strip()).split()) for r in before]
    prose = [line for line in prose if line]
    found = _Found()
    for line in prose:
        match = _TITLE.match(line)
        if match and found.department is None and match.group("department"):
            found.department = match.group("department").strip()
            found.year = int(match.group("year"))
        if (code_match := _CODE.match(line)) is not None:
            found.code, found.short = code_match.group("code"), code_match.group("short")
        if (money_match := _MONEY.search(line)) is not None:
            found.money = money_match.group("unit")
    for line in reversed(prose):
        if _CODE.match(line) or _MONEY.search(line):
            continue
        found.title = line
        break
    if found.title is not None:
        match = _TITLE.match(found.title)
        if match is None and found.department is not None and found.year is not None:
            found.title = f"{found.department} {found.year} 年{found.title}"
    return found


def _table_name(
    name: str | None,
    year: int,
    label: str,
    path: str | Path,
    where: Place,
    findings: list[ImportFinding],
) -> str:
    """The table's name: as given, else the file's name, else ``imported-<year>`` (a finding)."""
    if name is not None:
        if not _NAME.match(name):
            raise PerfscoreError(
                f"a table name is lower-case ASCII letters, digits and -, not {name!r}"
            )
        return name
    stem = Path(path).stem.lower() if not isinstance(path, str) or "\n" not in path else ""
    if _NAME.match(stem):
        return stem
    name = f"imported-{year}"
    findings.append(
        ImportFinding(
            where,
            stem or label,
            f"named {name!r} (the file name is not a table name); give one with --name",
            kind="metadata",
        )
    )
    return name
