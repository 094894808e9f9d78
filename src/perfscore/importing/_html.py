"""Reading a web page (a saved page or a fragment) into rows: its tables and the lines around them.

Departments post most 绩效目标表 and 自评表 as web pages. A page is parsed with lxml's HTML parser
(libxml2: fast, linear, forgiving of the unclosed tags such pages have; the `import` extra) and
read as a person sees it:

- each ``<table>`` row is a row, ``rowspan`` and ``colspan`` expanded so that every row has all
  its columns; a merged cell's text stands in the first row and column of its range and the
  cells it covers are blank, as [read_xlsx][perfscore.importing._sources.read_xlsx] and
  ``read_docx`` give merged cells, so the layouts read the three alike;
- a row whose only text is one cell spanning half the table or more (a title or ``单位：万元``
  row inside the table) is prose, as in a spreadsheet;
- text outside the tables (the title, ``单位：万元``) is prose, one row a line;
- a table whose cells hold tables (a page laid out with tables) is read through: its tables
  are read, its other text is prose;
- ``<br>`` and paragraphs inside a cell are line breaks in its text (joined later as a cut
  cell is); entities are characters; hidden content (``display:none``, ``hidden``) and the
  page's head, scripts and styles are not read;
- the encoding is the byte order mark's, else the page's ``<meta charset>``, else UTF-8, else
  GB18030 (GBK and GB2312 pages are read as GB18030, their superset).

>>> page = '''<h3>2021年项目绩效目标表</h3><p>单位：万元</p>
... <table><tr><td rowspan="2">产出指标</td><td>培训人次</td><td>&ge;500人次</td></tr>
... <tr><td>合格率<br>(抽检)</td><td>≥95%</td></tr></table>'''
>>> for row in read_html(page, label="example.html").rows:
...     print(row.line, row.prose, row.cells)
1 True ('2021年项目绩效目标表',)
1 True ('单位：万元',)
2 False ('产出指标', '培训人次', '≥500人次')
3 False ('', '合格率\\n(抽检)', '≥95%')
"""

from __future__ import annotations

import re
from typing import Any

from perfscore.errors import PerfscoreError

from ._rows import Source, SourceRow, library

__all__ = ["decode_html", "looks_like_html", "read_html"]

# Tags whose start and end break a line of text (the rest run inline).
_BLOCKS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    )
)
_SKIPPED = frozenset(("head", "script", "style", "noscript", "template", "title", "select"))
# The HTML standard's own limits on spans (a larger span is read as the limit).
_MOST_COLUMNS = 1000
_MOST_ROWS = 65534
_BREAK = "\ue000"  # a line break inside a text, kept apart from the page's own white space
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's white space (not 　, which shows)
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
_HTML = re.compile(r"<(table|html|body|tr|td)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a text is a web page or a fragment of one (it has a table or page tag).

    >>> looks_like_html("<TABLE><tr><td>一级指标</td></tr></TABLE>"), looks_like_html("a\\tb")
    (True, False)
    """
    return _HTML.search(text[:65536]) is not None


def decode_html(data: bytes) -> str:
    """A page's text, in the encoding its bytes say (BOM, then ``<meta charset>``).

    >>> decode_html('<meta charset="gbk"><td>指标值</td>'.encode("gbk"))[-12:]
    '<td>指标值</td>'
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-8-sig" if data[:1] == b"\xef" else "utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
        declared = _META.search(data[:4096])
        if declared is not None:
            name = declared.group(1).decode("ascii").lower()
            name = "gb18030" if name in ("gbk", "gb2312", "gb_2312-80", "x-gbk") else name
            encodings.insert(0, name)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise PerfscoreError("a web page that is not UTF-8 or GB18030 text (and says no other)")


def read_html(page: str | bytes, *, label: str = "<html>") -> Source:
    """Rows from a web page or fragment: table rows with spans expanded, and prose lines."""
    etree = library("lxml.etree")
    text = decode_html(page) if isinstance(page, bytes) else page
    # lxml refuses a str that declares its encoding in an XML declaration.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    if not text.strip():
        raise PerfscoreError(f"{label}: an empty web page")
    parser = etree.HTMLParser()
    try:
        root = etree.fromstring(text, parser)
    except Exception as exc:  # lxml's own errors (a page it cannot make a tree of)
        raise PerfscoreError(f"{label}: cannot read the web page: {exc}") from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops reading below 256 levels of elements: what lies deeper would be lost.
        raise PerfscoreError(
            f"{label}: the page nests its elements more than 256 deep, and what lies deeper "
            "cannot be read; save the table alone (or as .xlsx) and import that"
        )
    if root is None:
        raise PerfscoreError(f"{label}: a web page with no content")
    reading = _Reading()
    reading.walk(root)
    reading.flush()
    return Source(label, tuple(reading.rows))


class _Reading:
    """A walk through the page in document order, collecting prose lines and table rows."""

    def __init__(self) -> None:
        self.rows: list[SourceRow] = []
        self.line: list[str] = []
        self.line_number = 1

    def flush(self) -> None:
        for part in _lines("".join(self.line)):
            self.rows.append(SourceRow((part,), self.line_number, prose=True))
        self.line = []

    def text(self, text: str | None, element: Any) -> None:
        if text:
            if not "".join(self.line).strip():
                self.line_number = element.sourceline or self.line_number
            self.line.append(text)

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED or _hidden(element) or not tag:
            self.text(element.tail, element)
            return
        if tag == "br":
            self.line.append(_BREAK)
        elif tag == "table" and not _holds_tables(element):
            self.flush()
            self.rows.extend(_table_rows(element))
        else:
            if tag in _BLOCKS:
                self.flush()
            self.text(element.text, element)
            for child in element:
                self.walk(child)
            if tag in _BLOCKS:
                self.flush()
        self.text(element.tail, element)


def _hidden(element: Any) -> bool:
    attributes = element.attrib
    if not attributes:
        return False
    if "hidden" in attributes:
        return True
    style = (attributes.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _holds_tables(table: Any) -> bool:
    """Whether a table is a frame for other tables (a page laid out with tables)."""
    return any(True for _ in table.iterdescendants("table"))


def _own_rows(table: Any) -> list[Any]:
    """The table's own rows (not a nested table's), in order."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def _span(cell: Any, name: str, most: int) -> int:
    given = cell.get(name)
    if given is None:
        return 1
    try:
        value = int(str(given).strip() or 1)
    except ValueError:
        return 1
    return most if value == 0 else max(1, min(value, most))


def _table_rows(table: Any) -> list[SourceRow]:
    """The table's rows, each with every column: a merged cell's text in its first row and
    column, blank in the rest."""
    grid: list[tuple[int, list[str], list[int]]] = []  # line, texts, spans of the texts
    below: list[int] = []  # by column: the rows a cell above still covers
    for tr in _own_rows(table):
        if _hidden(tr):
            continue
        texts: list[str] = []
        spans: list[int] = []
        for cell in tr:
            if cell.tag not in ("td", "th") or _hidden(cell):
                continue
            column = len(texts)
            while column < len(below) and below[column] > 0:
                texts.append("")
                spans.append(1)
                below[column] -= 1
                column += 1
            width = _span(cell, "colspan", _MOST_COLUMNS)
            height = _span(cell, "rowspan", _MOST_ROWS)
            texts.append(_cell_text(cell))
            spans.append(width)
            if width > 1:
                texts.extend([""] * (width - 1))
                spans.extend([1] * (width - 1))
            below.extend([0] * (column + width - len(below)))
            below[column : column + width] = [height - 1] * width
        for column in range(len(texts), len(below)):
            texts.append("")  # covered by a cell above, or a column this row lacks
            spans.append(1)
            below[column] = max(below[column] - 1, 0)
        grid.append((tr.sourceline or 0, texts, spans))
    width = len(below)
    rows = []
    for line, texts, spans in grid:
        texts += [""] * (width - len(texts))
        filled = [k for k, t in enumerate(texts) if t]
        if not filled:
            continue
        if len(filled) == 1 and spans[filled[0]] >= max(2, width // 2):
            for part in texts[filled[0]].split("\n"):
                rows.append(SourceRow((part,), line, prose=True))
        else:
            rows.append(SourceRow(tuple(texts), line))
    return rows


def _cell_text(cell: Any) -> str:
    """A cell's text as it shows: its lines (``<br>``, paragraphs) joined with newlines."""
    if not len(cell):  # text only, the common cell
        text = cell.text or ""
        return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()
    parts: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED or _hidden(element) or not tag:
            parts.append(element.tail or "")
            return
        if tag == "br" or tag in _BLOCKS:
            parts.append(_BREAK)
        parts.append(element.text or "")
        for child in element:
            walk(child)
        if tag in _BLOCKS:
            parts.append(_BREAK)
        parts.append(element.tail or "")

    parts.append(cell.text or "")
    for child in cell:
        walk(child)
    return "\n".join(_lines("".join(parts)))


def _lines(text: str) -> list[str]:
    """The shown lines of a text: the page's white space collapsed, blank lines dropped."""
    lines = []
    for line in _SPACE.sub(" ", text.replace("\u00a0", " ")).split(_BREAK):
        if line.strip():
            lines.append(line.strip())
    return lines
