"""The lines above a run-together table: the form's title and its labelled cells, apart again.

A copy that runs every cell together gives the block above the indicators as one string:
``绩效目标自评表(2022年度)项目名称X主管部门Y实施单位Z资金情况(万元)…``. The form's labels are
fixed words, so the text is split at them: the title is what comes before the first label (from
the last sentence, date or earlier title before it: a notice that the table is attached to is
not the title), and each label's value is the text up to the next label. A label printed with a
prefix (项目主管部门, 项目执行单位) is read as the form's own word, and said so in the finding.

>>> rows, notes = split_labels("附件:2022年12月30日绩效目标自评表(2022年度)"
...                             "项目名称水标尺主管部门某县水利局")
>>> [r.cells for r in rows]
[('绩效目标自评表(2022年度)',), ('项目名称', '水标尺'), ('主管部门', '某县水利局')]
>>> print(notes[0])
附件:2022年12月30日
"""

from __future__ import annotations

import re

from ._form_words import FORM_LABELS
from ._rows import SourceRow

__all__ = ["DAMAGEABLE", "LABELS", "damaged_labels", "split_labels"]

#: The labels of the block above a form's indicators: printed word → the form's own word (the
#: forms' one table of them).
LABELS: dict[str, str] = FORM_LABELS
_LABEL = re.compile("|".join(sorted(map(re.escape, LABELS), key=len, reverse=True)))
#: The labels an OCR text may print with one character damaged (``实施第位`` for 实施单位): any
#: but the first character may be another, so that a word of the value (设施单位) is not one.
DAMAGEABLE: tuple[str, ...] = ("实施单位", "主管部门", "单位名称", "部门名称", "项目名称")
_DAMAGED = re.compile(
    "|".join(f"{re.escape(w[:k])}[^{w[k]}]{re.escape(w[k + 1 :])}" for w in DAMAGEABLE
             for k in range(1, len(w)))
)  # fmt: skip
# A form's title ends the text before its first label: ...表, (2022年度) after it.
_TITLED = re.compile(
    r"表\s*(?:[(（][^()（）]*[)）])?(?=项目名称|项目支出名称|单位名称|部门名称|主管部门)"
)
_TITLE_END = re.compile(r"表\s*(?:[(（][^()（）]*[)）])?$")
# Where a title starts: after a sentence, a date or another form's title before it.
_TITLE_START = re.compile(r".*(?:[。；;:：,，!！]|\d+日|表)")
# A page number a document site puts before each page's text (1、, 2、).
PAGE_MARK = re.compile(r"^\d{1,2}、")
# A money figure alone: the value of 年度资金总额.
_FIGURE = re.compile(r"^[:：]?\s*(\d+(?:\.\d+)?)\s*(?:万元|元)?$")


def _title(head: str) -> str:
    """The form's title at the end of ``head``: from the last sentence, date or other title
    before it (the notice a table is attached to is not its title)."""
    end = _TITLE_END.search(head)
    if end is None:
        return head
    start = _TITLE_START.match(head, 0, end.start())
    return head[start.end() :] if start is not None else head


def split_labels(line: str, line_number: int = 1) -> tuple[list[SourceRow], list[str]]:
    """The rows of one line above the table: its title (if it has one) and its ``label |
    value`` rows; and the texts set aside (a notice before the title, an unreadable figure)."""
    text = PAGE_MARK.sub("", line.strip())
    titled = _TITLED.search(text)
    begin = titled.end() if titled is not None else 0
    found = _labels_in(text, begin)
    if not found:
        return ([SourceRow((text,), line_number, prose=True)] if text else []), []
    rows: list[SourceRow] = []
    notes: list[str] = []
    head = text[: found[0].start()]
    if head:
        title = _title(head)
        if title != head:
            notes.append(head[: len(head) - len(title)])
        rows.append(SourceRow((title,), line_number, prose=True))
    pairs = [
        (_label_of(m.group()), m.group(), text[m.end() : _end(found, k, text)].strip(" :："))
        for k, m in enumerate(found)
    ]
    for k, (label, printed, value) in enumerate(pairs):
        if value == "/" and k + 1 < len(pairs) and "/" in pairs[k + 1][2]:
            # two labels printed as one (实施单位/项目负责人): their values, X/Y, in that order
            value, rest = pairs[k + 1][2].split("/", 1)
            pairs[k + 1] = (pairs[k + 1][0], pairs[k + 1][1], rest)
        if label == "年度资金总额":
            figure = _FIGURE.match(value)
            if figure is None:
                notes.append(printed + value)
                continue
            value = figure.group(1)
        rows.append(SourceRow((label, value) if value else (label,), line_number))
    return rows, notes


def damaged_labels(line: str) -> list[tuple[str, str]]:
    """The labels ``line`` prints with one character damaged, each as (printed, read as).

    >>> damaged_labels("主管部门银川市教育局实施第位自评得分98")
    [('实施第位', '实施单位')]
    """
    return [(m.group(), _label_of(m.group())) for m in _labels_in(line) if m.group() not in LABELS]


def _labels_in(text: str, begin: int = 0) -> list[re.Match[str]]:
    """The labels in ``text`` from ``begin``: as printed, then the damaged ones where no label
    printed whole overlaps them."""
    found = list(_LABEL.finditer(text, begin))
    for m in _DAMAGED.finditer(text, begin):
        if not any(m.start() < f.end() and f.start() < m.end() for f in found):
            found.append(m)
    return sorted(found, key=lambda m: m.start())


def _label_of(printed: str) -> str:
    """The form's word for a label as printed, whole or with one character damaged."""
    if printed in LABELS:
        return LABELS[printed]
    return next(
        LABELS[w] for w in DAMAGEABLE if sum(a != b for a, b in zip(w, printed, strict=True)) == 1
    )


def _end(found: list[re.Match[str]], k: int, text: str) -> int:
    return found[k + 1].start() if k + 1 < len(found) else len(text)
