"""A table's name, title, department, year and money unit, from the lines above it.

A disclosure's title gives the department and the year (``赞皇县人力资源和社会保障局 2018 年…``),
a line ``323 人社局`` the department code and short name, ``单位：万元`` the money unit; the line
right above the table is its title. What cannot be found is a finding.
"""

from __future__ import annotations

import datetime
import re
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
    # The lines above the table: prose, or a row of a sheet whose only text is a title.
    prose = [" ".join(" ".join(c for c in r.cells if c.strip()).split()) for r in before]
    prose = [line for line in prose if line]
    department = None
    found_year = None
    code = short = money = None
    title_line = None
    for line in prose:
        match = _TITLE.match(line)
        if match and department is None and match.group("department"):
            department, found_year = match.group("department").strip(), int(match.group("year"))
        if (code_match := _CODE.match(line)) is not None:
            code, short = code_match.group("code"), code_match.group("short")
        if (money_match := _MONEY.search(line)) is not None:
            money = money_match.group("unit")
    for line in reversed(prose):
        if _CODE.match(line) or _MONEY.search(line):
            continue
        title_line = line
        break
    if title_line is not None:
        match = _TITLE.match(title_line)
        if match is None and department is not None and found_year is not None:
            title_line = f"{department} {found_year} 年{title_line}"
    where = Place(line=before[0].line if before else None)
    if year is None:
        year = found_year
    if year is None:
        in_name = re.search(r"(?:19|20)\d{2}", label)
        year = int(in_name.group()) if in_name else datetime.date.today().year
        findings.append(
            ImportFinding(
                where,
                title_line or label,
                f"no budget year in the title: {year} "
                f"({'from the file name' if in_name else 'this year'}); give the year "
                "with --year",
                kind="metadata",
            )
        )
    if department is None:
        department = "(department)"
        findings.append(
            ImportFinding(
                where,
                title_line or "",
                "no department name found in the title; edit department.name",
                kind="metadata",
            )
        )
    if name is None:
        stem = Path(path).stem.lower() if not isinstance(path, str) or "\n" not in path else ""
        if _NAME.match(stem):
            name = stem
        else:
            name = f"imported-{year}"
            findings.append(
                ImportFinding(
                    where,
                    stem or label,
                    f"named {name!r} (the file name is not a table name); give one with --name",
                    kind="metadata",
                )
            )
    elif not _NAME.match(name):
        raise PerfscoreError(
            f"a table name is lower-case ASCII letters, digits and -, not {name!r}"
        )
    return {
        "format": 1,
        "name": name,
        "title": title_line,
        "department": {"name": department, "short_name": short, "code": code},
        "year": year,
        "money_unit": money,
        "source": label,
    }
