"""Word documents (.docx) read into rows: paragraphs as prose, table rows as cell texts
(python-docx, the ``import`` extra).

[read_docx][perfscore.importing._sources.read_docx] gives these rows as a source; this module
reads the document's XML, as a reader of the printed page sees it: text inside content
controls (``w:sdt``) is read where it stands, hidden text (``w:vanish``) and hidden rows are
not read (each a finding), and text given twice for old and new Word (``mc:AlternateContent``)
is read once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from perfscore.notation._spreadsheets import check_archive

from ._findings import ImportFinding, Place

__all__ = ["DocxRow", "docx_rows"]

#: One row read: its cell texts, its number in the document, and whether it is prose.
DocxRow = tuple[tuple[str, ...], int, bool]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Elements that only wrap others: a content control's content, custom XML, smart tags.
_WRAPPERS = (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag")
# Properties, and text a tracked move took away (shown struck through, read where it went).
_NOT_PRINTED = (_W + "rPr", _W + "pPr", _W + "sdtPr", _W + "tbl", _W + "moveFrom")


def docx_rows(path: str | Path) -> tuple[list[DocxRow], list[ImportFinding]]:
    """Paragraphs (prose) and table rows of a Word document, in document order, and what
    reading them skipped.

    A vertically merged cell is one cell: its text stands in its first row only, and the rows
    it spans are read as one duty or activity. A cell spanning several grid columns stands in
    the first of them. A table inside a cell is read into that cell, one line a row, with a
    finding: it is part of the cell on the printed page, not rows of the table.
    """
    import docx

    label = Path(path).name
    check_archive(path, label, kind="document", name="DOCX document", largest="table")
    document = docx.Document(str(path))
    reader = _Reader()
    for block in _blocks(document.element.body):
        if block.tag == _W + "p":
            reader.number += 1
            text = reader.text(block).strip()
            if text:
                reader.rows.append(((text,), reader.number, True))
        else:
            reader.table(block)
    return reader.rows, reader.findings


def _blocks(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or a cell, content controls unwrapped."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)
        elif child.tag == _MC + "AlternateContent":
            yield from _blocks(_branch(child))


def _children(element: Any, tag: str) -> Iterator[Any]:
    """The ``tag`` children of ``element``, through content controls (a row's cells, a
    table's rows), not those of a table nested inside."""
    for child in element:
        if child.tag == _W + tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _branch(alternate: Any) -> Any:
    """The one branch of ``mc:AlternateContent`` to read: the Choice, else the Fallback."""
    for tag in ("Choice", "Fallback"):
        branch = alternate.find(_MC + tag)
        if branch is not None:
            return branch
    return []


def _hidden(run: Any) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(_W + "val", "true") not in ("0", "false", "off")


class _Reader:
    """Rows and findings gathered while walking the document."""

    def __init__(self) -> None:
        self.rows: list[DocxRow] = []
        self.findings: list[ImportFinding] = []
        self.number = 0

    def text(self, element: Any) -> str:
        """The text of a paragraph (or a run's contents) as printed, hidden runs left out."""
        parts: list[str] = []
        hidden: list[str] = []
        self._walk(element, parts, hidden)
        if any(h.strip() for h in hidden):
            self.findings.append(
                ImportFinding(
                    Place(line=self.number),
                    "".join(hidden),
                    "hidden text (not shown or printed) was not read; show it in Word "
                    "(Home › Show/Hide) and import again if it belongs to the table",
                    kind="hidden",
                )
            )
        return "".join(parts)

    def _walk(self, element: Any, parts: list[str], hidden: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _MC + "AlternateContent":
                self._walk(_branch(child), parts, hidden)
            elif tag == _W + "r" and _hidden(child):
                self._walk(child, hidden, [])
            elif tag not in _NOT_PRINTED:
                self._walk(child, parts, hidden)

    def table(self, tbl: Any) -> None:
        grid = tbl.find(_W + "tblGrid")
        columns = (len(grid.findall(_W + "gridCol")) if grid is not None else 0) or 64
        for tr in _children(tbl, "tr"):
            self.number += 1
            if tr.find(f"{_W}trPr/{_W}hidden") is not None:
                texts = [self.cell(tc) for tc in _children(tr, "tc")]
                if any(t.strip() for t in texts):
                    self.findings.append(
                        ImportFinding(
                            Place(line=self.number),
                            " | ".join(t for t in texts if t.strip()),
                            "a hidden table row was not read; unhide it and import again "
                            "if it belongs to the table",
                            kind="hidden",
                        )
                    )
                continue
            cells = self.cells(tr, columns)
            if any(c.strip() for c in cells):
                self.rows.append((tuple(cells), self.number, False))

    def cells(self, tr: Any, columns: int) -> list[str]:
        """The texts of a table row's grid columns."""
        texts: list[str] = []
        for tc in _children(tr, "tc"):
            properties = tc.find(_W + "tcPr")
            span, merged = 1, False
            if properties is not None:
                grid_span = properties.find(_W + "gridSpan")
                if grid_span is not None:
                    given = grid_span.get(_W + "val", "1")
                    if given.isdigit():  # no further than the table's grid
                        span = max(1, min(int(given), columns - len(texts)))
                v_merge = properties.find(_W + "vMerge")
                merged = v_merge is not None and v_merge.get(_W + "val", "continue") != "restart"
            text = "" if merged else self.cell(tc)
            texts.extend([text] + [""] * (span - 1))
        return texts

    def cell(self, tc: Any) -> str:
        """A cell's text: its paragraphs, a line each, and any table inside it read in."""
        lines: list[str] = []
        for block in _blocks(tc):
            if block.tag == _W + "p":
                lines.append(self.text(block))
                continue
            inner = [
                " ".join(t for t in (self.cell(c) for c in _children(r, "tc")) if t.strip())
                for r in _children(block, "tr")
            ]
            inner = [line for line in inner if line.strip()]
            lines.extend(inner)
            self.findings.append(
                ImportFinding(
                    Place(line=self.number),
                    " / ".join(inner),
                    "a table inside a table cell, read into that cell a line a row (not as "
                    "rows of the table); check the cell",
                    kind="nested-table",
                )
            )
        return "\n".join(lines)
