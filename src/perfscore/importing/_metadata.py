"""A table's name, title, department, year and money unit: read as printed, never made up.

A disclosure's title gives the department and the year (``赞皇县人力资源和社会保障局 2018 年…``,
``项目支出绩效目标表（2023年度）``, ``2022年部门整体支出绩效目标表``); a line ``323 人社局`` the
department code and short name; ``单位：万元`` (or ``单位：元``) the money unit; the line right
above the table is its title. The form's labelled cells name the unit whose table it is, as a
label and its value, with a colon or without (``主管部门 南岳镇政府``), on one line or the value on
the next (a copy that gives a cell per line). When several are printed the department is, in
this order: the unit's own name (单位名称, 部门名称, 部门（单位）名称, 预算单位, 预算部门, 部门,
填报单位, 编制单位); then in a self-evaluation the 实施单位 (the unit evaluates the work it did;
not a company, which works for a department) before the 主管部门 (the department over it), in a
goal form (and a ladder table) the 主管部门 (it declares its projects' goals) before the 实施单位;
and last the title's (a heading, often the publisher's). A budget code printed before a name
(``[015001]``, ``(433)``, ``820001-``) is the department's code, not part of its name. A name is
not a department where it is a form's title, the seal's place, a column's heading, a place alone
(``鄂州市``) or another label.

A year or a department that is printed nowhere is not made up: the import stops with a message
naming ``--year`` / ``--department`` (the keywords ``year=`` / ``department=`` of
``import_table``).

>>> found = read_lines(["项目支出绩效目标申报表(2019年度)", "填报单位：某县人社局  单位：元"])
>>> found.year, found.department, found.money
(2019, '某县人社局', '元')
>>> block = ["主管部门", "某县农业农村局", "实施单位", "[015001]某县农田建设服务中心"]
>>> found = read_lines(["项目支出绩效自评表", "(2022年度)"], block=block, kind="self-evaluation")
>>> found.department, found.department_code, found.department_from
('某县农田建设服务中心', '015001', '实施单位')
>>> read_lines(["绩效目标申报表", "(2022年度)"], block=block, kind="goal").department
'某县农业农村局'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfscore.errors import PerfscoreError
from perfscore.notation._labels import simplified
from perfscore.tables._findings import Severity

from ._findings import ImportFinding, Place
from ._form_words import form_labels
from ._sources import SourceRow

__all__ = ["Candidate", "Given", "MetadataMissing", "metadata", "read_lines", "split_code"]

# The budget year: 2019年度, （2023年度）, 2022年, 2018 年 (not 2023年3月1日, a date).
_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
_TITLE = re.compile(r"^(?P<department>\D*?)\s*(?:19|20)\d{2}\s*年度?\s*(?P<rest>.*)$")
# A line of a code and a short name: 323 人社局, 820-马踏镇 (not 2019 年度, 854万(…)).
_CODE = re.compile(
    r"^(?P<code>\d{3,})(?:\s*[-－—_]\s*|\s+)(?P<short>(?![年月日])[\u4e00-\u9fff]\S*)$"
)
_MONEY = re.compile(r"(?:金额|计量)?单位\s*[:：]\s*(?P<unit>亿元|万元|千元|元)")
# A form's title line: …自评表, …目标表（2023年度）.
_FORM_TITLE = re.compile(r"表[\s(（)）\d年度]*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A budget code printed before a name: [015001]X, (433)X, 820001-X.
_CODED = re.compile(
    r"^(?:[\[【［](?P<a>\d+)[\]】］]|[（(](?P<b>\d+)[)）]|(?P<c>\d{3,})\s*[-－—_])\s*(?P<name>\S.*)$"
)
# The labels of a department's name (in their simplified form), by kind: the unit's own name
# (0), the unit carrying the project out (1), the department over it (2); the title is 3.
# 部门 alone names the unit's own department here too (a form of a department's whole budget
# prints it so).
_OWN = (*form_labels("单位名称", "部门名称"), "部门")
_IMPLEMENTER = form_labels("实施单位")
_SUPERVISOR = form_labels("主管部门")
_RANKS = {**dict.fromkeys(_OWN, 0), **dict.fromkeys(_IMPLEMENTER, 1)}
_RANKS |= dict.fromkeys(_SUPERVISOR, 2)
_TITLE_RANK = 3
# The order the kinds win in: a self-evaluation is the 实施单位's own (it evaluates the work it
# did), a goal form the 主管部门's (it declares its projects' goals), as is a ladder table.
_ORDER = {"self-evaluation": (0, 1, 2, 3)}
_GOAL_ORDER = (0, 2, 1, 3)
_WINS = {"self-evaluation": "实施单位 (the unit's own evaluation), 主管部门", "goal": "主管部门 "
         "(the department declares its projects' goals), 实施单位"}  # fmt: skip
# Labels of other cells of the form, never a department's name.
_OTHER_LABELS = form_labels(
    "项目名称", "项目负责人", "资金情况", "项目属性", "联系电话", "实施期", "项目类别", "归口科室"
)
# What a department's name is not: the name of a form, a note, a unit, a bracket left open,
# the place left for the seal (填报单位:(盖章)), a place alone (鄂州市 2022年…), a column's
# heading (单位名称 单位性质 单位规格 …, a list of units, not a form's label and its value;
# 实施单位 全年预算数 …, a flattened budget block).
_NOT_A_DEPARTMENT = re.compile(
    r"表|绩效|目标|申报|盖章|签章|单位\s*[:：]|[（(]$|^[^\w]*$|^\d[\d.,%]*$"
    r"|^\S{1,6}?(?:省|市|县|区|州|盟|旗|镇|乡)$|(?:性质|规格|形式|类型|名称|代码|编码)$"
    r"|(?:数|率|额|值|分)$"
)
# The place a label leaves for the seal, printed after it: 实施单位 (盖章), 填报单位(公章).
_SEAL = re.compile(r"\s*[（(]\s*(?:盖章|签章|公章)\s*[)）]\s*$")
# Who works for a department without being one: a company carrying a project out.
_ENTERPRISE = re.compile(r"公司")


@dataclass(frozen=True)
class Given:
    """What the caller gives: the table's name, year and department (each None to read it)."""

    name: str | None = None
    year: int | None = None
    department: str | None = None


class MetadataMissing(PerfscoreError):
    """A year or a department printed nowhere: the caller must give it."""


@dataclass(frozen=True)
class Candidate:
    """A department's name as printed (``text``) where it was printed (``label``: 单位名称,
    实施单位 …, or ``the title``), of the kind ``rank``: 0 the unit's own name, 1 实施单位, 2
    主管部门, 3 the title."""

    rank: int
    label: str
    text: str


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
    #: the budget code printed before the department's name (``820001-``), if any
    department_code: str | None = None
    #: the other names printed under a department's label (``主管部门``: ``某县农业农村局``)
    others: list[Candidate] = field(default_factory=list)
    #: the label that would win, printed with no value readable (then no department is read)
    unread: str | None = None


def metadata(
    before: list[SourceRow],
    label: str,
    given: Given,
    path: str | Path,
    findings: list[ImportFinding],
    form: Mapping[str, str] | None = None,
    block: Sequence[SourceRow] = (),
    kind: str | None = None,
) -> dict[str, Any]:
    """The table-file fields above ``duties`` (or ``projects``), from the rows ``before`` the
    table, the rows of the form's ``block`` between them and its indicator header (项目名称,
    主管部门, 实施单位 … and their values) and the ``form``'s own labelled cells (``unit_name``
    单位名称, ``department`` 主管部门, ``implementer`` 实施单位, ``money_unit`` of a budget's
    label), in a form of this ``kind`` (``goal``, ``self-evaluation``, None for a ladder table);
    what is ``given`` overrides what is read. Raises ``MetadataMissing`` (with an
    ``error`` finding) when a year or a department is printed nowhere and not given.
    """
    if given.name is not None and not _NAME.match(given.name):
        raise PerfscoreError(
            f"a table name is lower-case ASCII letters, digits and -, not {given.name!r}"
        )
    found = read_lines(_prose(before), form or {}, _prose(block), kind)
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
        printed = (
            f"{found.unread} printed with no value readable (a lower label is not taken for it)"
            if found.unread
            else "no department printed (in 单位名称, 实施单位, 主管部门 or the title)"
        )
        missing.append(f"{printed}: give it with --department (import_table(..., department=...))")
    if missing:
        findings.extend(
            ImportFinding(where, found.title or label, m, kind="metadata", severity=Severity.ERROR)
            for m in missing
        )
        raise MetadataMissing("; ".join(missing))
    assert year is not None
    assert department is not None
    code = found.code
    if given.department is None:
        code = found.department_code or code
        _said_where(found, department, where, findings, kind)
    return {
        "format": 1,
        "name": _table_name(given.name, year, label, path, where, findings),
        "title": found.title,
        "department": {"name": department, "short_name": found.short, "code": code},
        "year": year,
        "money_unit": found.money,
        "source": label,
    }


def _said_where(
    found: Found, department: str, where: Place, findings: list[ImportFinding], kind: str | None
) -> None:
    """A finding saying where the department was read (for the record), its code taken off its
    name, and the other names the form prints under a department's label (to check)."""
    said = []
    if found.department_from not in (None, "the title"):
        said.append(f"the department read from {found.department_from}")
    if found.department_code is not None:
        said.append(f"the budget code {found.department_code} printed before its name kept as "
                    "its code")  # fmt: skip
    others = [f"{o.label} {o.text!r}" for o in found.others]
    if others:
        said.append(
            "the form also prints " + ", ".join(others) + " (the unit's own name wins, then "
            f"{_WINS.get(kind or '', _WINS['goal'])}, then the title); give --department to "
            "choose another"
        )
    if said:
        findings.append(
            ImportFinding(
                where,
                department,
                "; ".join(said),
                kind="metadata",
                severity=Severity.WARNING if others else Severity.NOTE,
            )
        )


def _prose(before: Iterable[SourceRow]) -> list[str]:
    lines = [" ".join(" ".join(c for c in r.cells if c.strip()).split()) for r in before]
    return [line for line in lines if line]


def read_lines(
    prose: list[str],
    form: Mapping[str, str] | None = None,
    block: Sequence[str] = (),
    kind: str | None = None,
) -> Found:
    """The department, year, code, short name, money unit and title the lines ``prose`` above
    a table give; for a department and a money unit, also the lines of the form's ``block`` and
    the ``form``'s labelled cells, as [metadata][perfscore.importing._metadata.metadata] takes
    them (``kind``: the form's, ``goal`` or ``self-evaluation``)."""
    found = Found()
    candidates: list[Candidate] = []
    for line in prose:
        if found.year is None and (year := _YEAR.search(line)) is not None:
            found.year = int(year.group("year"))
            department = _department(line[: year.start()])
            if department is not None:
                candidates.append(Candidate(_TITLE_RANK, "the title", department))
        if (code_match := _CODE.match(line)) is not None:
            found.code, found.short = code_match.group("code"), code_match.group("short")
        if (money_match := _MONEY.search(line)) is not None:
            found.money = money_match.group("unit")
    for line in block:
        if found.money is None and (money_match := _MONEY.search(line)) is not None:
            found.money = money_match.group("unit")
    candidates += labelled([*prose, *block])
    labels = {"unit_name": "单位名称", "department": "主管部门", "implementer": "实施单位"}
    for key, text in (form or {}).items():
        if key == "money_unit":
            found.money = found.money or text
        elif key in labels and (candidate := _candidate(labels[key], text)) is not None:
            candidates.append(candidate)
    _choose(found, candidates, kind)
    found.title = _title(prose, found)
    return found


def labelled(lines: Iterable[str]) -> list[Candidate]:
    """The department names ``lines`` print under a label, in printed order: ``主管部门：X``,
    ``主管部门 X`` (a label and its value as cells of a row), or the label in one line and its
    value in the next (a copy giving a cell per line); a label whose next cell is another label
    has no value (a 实施单位 or 主管部门 printed so is kept with an empty ``text``). Labels are
    read up to script and a character's pinyin (``實(shí)施單位``)."""
    tokens = [token for line in lines for token in line.split()]
    found: list[Candidate] = []
    index = 0
    while index < len(tokens):
        head, _, rest = _split_label(tokens[index])
        index += 1
        if not rest and index < len(tokens):
            tail, _, after = _split_label(tokens[index])
            if simplified(head + tail) in _RANKS:  # a label wrapped in its cell: 主管 / 部门
                head, rest = head + tail, after
                index += 1
        if not rest and index < len(tokens) and _SEAL.fullmatch(tokens[index]):
            index += 1  # the label's place for the seal: its value comes after it
        head = _SEAL.sub("", head)
        label = simplified(head)
        if _rank(label) is None:
            continue
        value = rest
        if not value and index < len(tokens) and not _is_label(tokens[index]):
            value = tokens[index]
        printed = head if head else label
        if value and (candidate := _candidate(printed, value)) is not None:
            found.append(candidate)
        elif _rank(label) in (1, 2) and not _ENTERPRISE.search(value):
            found.append(Candidate(_RANKS.get(label, 0), printed, ""))  # no value readable
    return found


def _split_label(token: str) -> tuple[str, str, str]:
    for colon in (":", "："):
        head, sep, rest = token.partition(colon)
        if sep:
            return head, sep, rest
    return token, "", ""


def _rank(label: str) -> int | None:
    """A label's kind (0, 1, 2), or None when it names no department; a label whose start the
    copy lost (``级预算单位名称`` for 一级预算单位名称) still ends in 单位名称."""
    label = simplified(label)
    if label in _RANKS:
        return _RANKS[label]
    return 0 if label.endswith("单位名称") and len(label) <= 8 else None


def _is_label(token: str) -> bool:
    head = simplified(_split_label(token)[0])
    return _rank(head) is not None or head.startswith(_OTHER_LABELS)


def _candidate(label: str, text: str) -> Candidate | None:
    """``text`` printed under ``label`` as a candidate, or None when it names no department (a
    form's title, the seal's place, a company carrying the project out)."""
    rank = _rank(label)
    name = _department(split_code(text)[0])
    if rank is None or name is None or (rank == 1 and _ENTERPRISE.search(name)):
        return None
    return Candidate(rank, label, text.strip(" ：:，,|"))


def _choose(found: Found, candidates: list[Candidate], kind: str | None) -> None:
    """The department: the first candidate of the kind that wins in a form of this ``kind``
    (``goal`` or ``self-evaluation``; None for a ladder table), its code taken off its name;
    the other names printed are kept to be said."""
    order = _ORDER.get(kind or "", _GOAL_ORDER)
    ranked = sorted((c for c in candidates if c.text), key=lambda c: order[c.rank])
    if not ranked:
        return
    best = ranked[0]
    unread = [c for c in candidates if not c.text and order[c.rank] < order[best.rank]]
    if unread:  # the label that wins is printed, its value is not readable: nothing is taken
        found.unread = unread[0].label
        return
    name, code = split_code(best.text)
    found.department, found.department_code, found.department_from = name, code, best.label
    seen = {simplified(name)}
    for other in ranked[1:]:
        other_name, other_code = split_code(other.text)
        key = simplified(other_name)
        if key == simplified(name) and found.department_code is None:
            found.department_code = other_code  # the same unit, its code printed elsewhere
        if key not in seen:
            seen.add(key)
            found.others.append(other)


def split_code(text: str) -> tuple[str, str | None]:
    """A department's name and the budget code printed before it (``[015001]``, ``(433)``,
    ``820001-``), or None when there is none.

    >>> split_code("820001-井研县马踏镇人民政府"), split_code("(433)乌海市供销合作社联合社(部门)")
    (('井研县马踏镇人民政府', '820001'), ('乌海市供销合作社联合社(部门)', '433'))
    >>> split_code("武汉市青山区教育局")
    ('武汉市青山区教育局', None)
    """
    text = text.strip(" ：:，,|")
    match = _CODED.match(text)
    if match is None:
        return text, None
    return match.group("name").strip(), match.group("a") or match.group("b") or match.group("c")


def _department(text: str) -> str | None:
    """``text`` as a department's name, or None when it is no name (a form's title, a note, a
    place alone, another label)."""
    text = _MONEY.sub("", text).strip(" ：:，,|")
    if not text or _NOT_A_DEPARTMENT.search(text) or len(text) > 40 or _is_label(text):
        return None
    return text


def _title(prose: list[str], found: Found) -> str | None:
    """The title: the last line above the table that names a form (…表), else the last line
    (neither a code line nor a money unit's)."""
    lines = [line for line in prose if not (_CODE.match(line) or _MONEY.search(line))]
    title = next(
        (line for line in reversed(lines) if _FORM_TITLE.search(line) and len(line) <= 60),
        lines[-1] if lines else None,
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
