"""A table's name, title, department, year and money unit: read as printed, never made up.

A disclosure's title gives the department and the year (``赞皇县人力资源和社会保障局 2018 年…``,
``项目支出绩效目标表（2023年度）``, ``2022年部门整体支出绩效目标表``); a line ``323 人社局`` the
department code and short name; ``单位：万元`` (or ``单位：元``) the money unit; the line right
above the table is its title. Where the title names no department, the form's own cells do:
单位名称 (部门名称, 预算单位), then 主管部门, then 实施单位, as printed (with its code:
``[015001]武汉市青山区教育局``).

A year or a department that is printed nowhere is not made up: the import stops with a message
naming ``--year`` / ``--department`` (the keywords ``year=`` / ``department=`` of
``import_table``).

>>> found = read_lines(["项目支出绩效目标申报表(2019年度)", "填报单位：某县人社局  单位：元"])
>>> found.year, found.department, found.money
(2019, '某县人社局', '元')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from perfscore.errors import PerfscoreError
from perfscore.tables._findings import Severity

from ._findings import ImportFinding, Place
from ._sources import SourceRow

__all__ = ["Given", "MetadataMissing", "metadata", "read_lines"]

# The budget year: 2019年度, （2023年度）, 2022年, 2018 年 (not 2023年3月1日, a date).
_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_TITLE = re.compile(r"^(?P<department>\D*?)\s*(?:19|20)\d{2}\s*年度?\s*(?P<rest>.*)$")
_CODE = re.compile(r"^(?P<code>\d{3,})\s*[-－—_]?\s*(?P<short>[^\d\s]\S*)$")
_MONEY = re.compile(r"(?:金额|计量)?单位\s*[:：]\s*(?P<unit>亿元|万元|千元|元)")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A department's name in a line of its own: 单位名称：X, 主管部门：X …, by priority.
_NAMED = re.compile(
    r"(?P<label>单位名称|部门名称|部门（单位）名称|部门\(单位\)名称|预算单位|填报单位|编制单位"
    r"|主管部门(?:及代码)?|实施单位)\s*[:：]\s*(?P<name>[^\s:：]+)"
)
_LABEL_ORDER = (
    "单位名称", "部门名称", "部门（单位）名称", "部门(单位)名称", "预算单位", "填报单位",
    "编制单位", "主管部门", "实施单位",
)  # fmt: skip
# What a department's name is not: the name of a form, a note, a unit, a bracket left open,
# the place left for the seal (填报单位:(盖章)).
_NOT_A_DEPARTMENT = re.compile(r"表|绩效|目标|申报|盖章|签章|单位\s*[:：]|[（(]$|^[^\w]*$")


@dataclass(frozen=True)
class Given:
    """What the caller gives: the table's name, year and department (each None to read it)."""

    name: str | None = None
    year: int | None = None
    department: str | None = None


class MetadataMissing(PerfscoreError):
    """A year or a department printed nowhere: the caller must give it."""


@dataclass
class Found:
    """What the lines above a table (and the form's own cells) say."""

    department: str | None = None
    year: int | None = None
    code: str | None = None
    short: str | None = None
    money: str | None = None
    title: str | None = None
    #: where the department was read (``the title``, ``单位名称`` …)
    department_from: str | None = None


def metadata(
    before: list[SourceRow],
    label: str,
    given: Given,
    path: str | Path,
    findings: list[ImportFinding],
    form: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The table-file fields above ``duties`` (or ``projects``), from the rows ``before`` the
    table and the ``form``'s own labelled cells (``unit_name`` 单位名称, ``department``
    主管部门, ``implementer`` 实施单位, ``money_unit`` of a budget's label); what is ``given``
    overrides what is read. Raises ``MetadataMissing`` (with an ``error`` finding) when a year
    or a department is printed nowhere and not given.
    """
    if given.name is not None and not _NAME.match(given.name):
        raise PerfscoreError(
            f"a table name is lower-case ASCII letters, digits and -, not {given.name!r}"
        )
    found = read_lines(_prose(before), form or {})
    where = Place(line=before[0].line if before else None)
    year = given.year if given.year is not None else found.year
    department = given.department if given.department is not None else found.department
    missing = []
    if year is None:
        missing.append(
            "no budget year printed above the table (a title such as 2019年度 or 2022年): "
            "give it with --year (import_table(..., year=...))"
        )
    if department is None:
        missing.append(
            "no department printed (in the title, 单位名称, 主管部门 or 实施单位): give it "
            "with --department (import_table(..., department=...))"
        )
    if missing:
        findings.extend(
            ImportFinding(where, found.title or label, m, kind="metadata", severity=Severity.ERROR)
            for m in missing
        )
        raise MetadataMissing("; ".join(missing))
    assert year is not None
    assert department is not None
    if given.department is None and found.department_from not in (None, "the title"):
        findings.append(
            ImportFinding(
                where,
                department,
                f"the department read from {found.department_from}",
                kind="metadata",
                severity=Severity.NOTE,
            )
        )
    return {
        "format": 1,
        "name": _table_name(given.name, year, label, path, where, findings),
        "title": found.title,
        "department": {"name": department, "short_name": found.short, "code": found.code},
        "year": year,
        "money_unit": found.money,
        "source": label,
    }


def _prose(before: Iterable[SourceRow]) -> list[str]:
    lines = [" ".join(" ".join(c for c in r.cells if c.strip()).split()) for r in before]
    return [line for line in lines if line]


def read_lines(prose: list[str], form: Mapping[str, str] | None = None) -> Found:
    """The department, year, code, short name, money unit and title the lines ``prose`` above
    a table give (and, for a department and a money unit, the ``form``'s labelled cells, as
    [metadata][perfscore.importing._metadata.metadata] takes them)."""
    found = Found()
    named: list[tuple[int, str, str]] = []
    for line in prose:
        if found.year is None and (year := _YEAR.search(line)) is not None:
            found.year = int(year.group("year"))
            department = _department(line[: year.start()])
            if department is not None and found.department is None:
                found.department, found.department_from = department, "the title"
        if (code_match := _CODE.match(line)) is not None:
            found.code, found.short = code_match.group("code"), code_match.group("short")
        if (money_match := _MONEY.search(line)) is not None:
            found.money = money_match.group("unit")
        for match in _NAMED.finditer(line):
            named.append((_rank(match.group("label")), match.group("label"), match.group("name")))
    labels = {"unit_name": "单位名称", "department": "主管部门", "implementer": "实施单位"}
    for key, text in (form or {}).items():
        label = labels.get(key, key)
        if key not in labels and key != "money_unit":
            continue
        if key == "money_unit":
            found.money = found.money or text
        else:
            named.append((_rank(label), label, text))
    for _, label, text in sorted(named, key=lambda item: item[0]):
        department = _department(text)
        if found.department is None and department is not None:
            found.department, found.department_from = department, label
    found.title = _title(prose, found)
    return found


def _rank(label: str) -> int:
    return next(
        (k for k, word in enumerate(_LABEL_ORDER) if label.startswith(word)), len(_LABEL_ORDER)
    )


def _department(text: str) -> str | None:
    """``text`` as a department's name, or None when it is no name (a form's title, a note)."""
    text = _MONEY.sub("", text).strip(" ：:，,")
    if not text or _NOT_A_DEPARTMENT.search(text) or len(text) > 40:
        return None
    return text


def _title(prose: list[str], found: Found) -> str | None:
    title = next(
        (line for line in reversed(prose) if not (_CODE.match(line) or _MONEY.search(line))),
        None,
    )
    composed = found.department_from == "the title" and found.year is not None
    if title is not None and _TITLE.match(title) is None and composed:
        title = f"{found.department} {found.year} 年{title}"
    return title


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
