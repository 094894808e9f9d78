"""What a spreadsheet shows: a number under its number format, a formula no program computed,
and a workbook's size unpacked, checked before it is opened.

The importer and the results reader both read workbooks: these are the rules they share. A
number format's bare ``%`` scales by 100, a quoted ``"%"`` or an escaped ``\\%`` is text, and
trailing commas scale by 1000 each:

>>> formats = ((0.95, "0%"), (95, '0"%"'), (0.5, '"<"0%'), (15000, '"≥"0,'))
>>> [printed_number(value, number_format) for value, number_format in formats]
['95%', '95%', '<50%', '≥15']
>>> printed_number(1234.5, "#,##0.00"), printed_number(0.1 + 0.2, "General")
('1,234.50', '0.3')
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Final

from perfscore.errors import PerfscoreError

__all__ = [
    "MAX_RATIO",
    "MAX_UNPACKED",
    "NO_SAVED_VALUE",
    "check_archive",
    "formula_cells",
    "printed_number",
    "shows_percent",
]

#: Larger unpacked contents are refused: a sheet of a million rows unpacks to about 100 MB; a
#: zip bomb unpacks a few MB into gigabytes.
MAX_UNPACKED: Final = 1 << 30

#: Parts unpacking to more than this many times their packed size are refused (a sheet's XML
#: packs about 10 to 30 times; a bomb about 1000 times).
MAX_RATIO: Final = 200

#: What a formula cell without a saved value needs, said the same way by every reader.
NO_SAVED_VALUE: Final = (
    "with no saved value: open and save the workbook in a spreadsheet program to compute it, "
    "or give the value"
)

# A quoted text, an escaped character, or a [...] section (a colour, a locale, a condition).
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_CODES = re.compile(r"[yYdDhHsS]|(?<![A-Za-z])[mM](?![A-Za-z])|AM/PM", re.ASCII)


def shows_percent(number_format: str) -> bool:
    """Whether a number format scales by 100 and shows %: a bare %, not a quoted ``"%"``, an
    escaped ``\\%`` or one inside a ``[…]`` section (a colour, a locale).

    >>> [shows_percent(f) for f in ("0%", "0.0%", '0"%"', "0\\\\%", "[Red]0%", "0")]
    [True, True, False, False, True, False]
    """
    return "%" in _LITERAL.sub("", number_format)


def _section(value: Decimal, number_format: str) -> tuple[str, bool]:
    """The section of ``number_format`` that shows ``value``, and whether it shows the sign
    itself (a negative section prints the number without its minus)."""
    sections = _split_sections(number_format)
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        return sections[1], True
    if value == 0 and len(sections) >= 3:
        return sections[2], True
    return sections[0], False


def _split_sections(number_format: str) -> list[str]:
    sections, start = [], 0
    for match in re.finditer(r'"[^"]*"|\\.|\[[^\]]*\]|;', number_format):
        if match.group() == ";":
            sections.append(number_format[start : match.start()])
            start = match.end()
    sections.append(number_format[start:])
    return sections


def _tokens(section: str) -> list[tuple[str, str]]:
    """The section as (kind, text): ``lit`` text shown as it is, ``num`` a digit placeholder
    (``0 # ?``), ``.``, ``,`` and ``%``."""
    tokens: list[tuple[str, str]] = []
    at = 0
    while at < len(section):
        char = section[at]
        match = _LITERAL.match(section, at)
        if match:
            text = match.group()
            if text.startswith('"'):
                tokens.append(("lit", text[1:-1]))
            elif text.startswith("\\"):
                tokens.append(("lit", text[1]))
            elif text.startswith("_"):
                tokens.append(("lit", " "))
            elif text.startswith("[$") and "-" in text:
                tokens.append(("lit", text[2 : text.index("-")]))  # [$¥-804]: the symbol
            at = match.end()
            continue
        if char in "0#?":
            tokens.append(("num", char))
        elif char in ".,%":
            tokens.append((char, char))
        else:
            tokens.append(("lit", char))
        at += 1
    return tokens


def _general(exact: Decimal) -> str:
    # General shows at most 15 significant digits: 0.1 + 0.2 prints as 0.3.
    shown = Decimal(f"{exact:.15g}") if exact else exact
    text = format(shown, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def printed_number(value: int | float, number_format: str) -> str:
    """``value`` as a spreadsheet prints it under ``number_format``: the section for its sign,
    the literal texts around the digits (``"≥"0"%"``), a bare ``%`` scaling by 100, trailing
    commas by 1000 each, a comma between digits grouping thousands, the decimals the format
    gives (``#`` places dropped when zero). A format with date or scientific codes, ``General``
    and ``@`` print as General does (at most 15 significant digits).
    """
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    section, signed = _section(exact, number_format or "General")
    bare = _LITERAL.sub("", section)
    if section.strip() in ("General", "@", "") or _DATE_CODES.search(bare) or "E" in bare.upper():
        return _general(exact)
    tokens = _tokens(section)
    places = [i for i, (kind, _) in enumerate(tokens) if kind == "num"]
    if not places:  # a format of text only ("无"): shown as it is
        return "".join(text for kind, text in tokens if kind == "lit") or _general(exact)
    first, last = places[0], places[-1]
    point = next((i for i, (k, _) in enumerate(tokens) if k == "." and first <= i), None)
    after = [i for i in places if point is not None and i > point]
    scale = 0
    for kind, _ in tokens[last + 1 :]:
        if kind != ",":
            break
        scale += 1
    grouped = any(k == "," for k, _ in tokens[first:last])
    shown = abs(exact) if signed else exact
    shown = shown * 100 ** sum(k == "%" for k, _ in tokens) / Decimal(1000) ** scale
    decimals = len(after)
    rounded = shown.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    digits = format(rounded, f"{',' if grouped else ''}.{decimals}f")
    optional = sum(tokens[i][1] in "#?" for i in after)
    if optional and "." in digits:  # '#' places show no trailing zero
        kept = len(after) - optional
        while optional and digits.endswith("0") and len(digits.split(".")[1]) > kept:
            digits, optional = digits[:-1], optional - 1
        digits = digits.rstrip(".")
    before = "".join(t for k, t in tokens[:first] if k in ("lit", "%"))
    within = "".join(t for k, t in tokens[first:last] if k in ("lit", "%"))
    behind = "".join(t for k, t in tokens[last + 1 :] if k in ("lit", "%"))
    return before + digits + within + behind


def formula_cells(
    source: bytes | str | Path, sheet: str | None = None, rows: Collection[int] | None = None
) -> dict[tuple[int, int], str]:
    """The formula cells of a worksheet (the first, or the one titled ``sheet``), by (row,
    column) from 1, each with its formula; only in ``rows`` when they are given.

    Read with saved values, a formula no program has computed (a workbook written by a script)
    is a blank cell: a reader asks this where it found a blank, and says the cell
    [NO_SAVED_VALUE][perfscore.notation._spreadsheets.NO_SAVED_VALUE] rather than reading it
    blank.
    """
    from openpyxl import load_workbook

    found: dict[tuple[int, int], str] = {}
    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    book = load_workbook(opened, read_only=True, data_only=False)
    try:
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        worksheet.reset_dimensions()
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            if rows is not None and number not in rows:
                continue
            for column, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", None)
                if isinstance(value, str) and value.startswith("="):
                    found[number, column] = value
    finally:
        book.close()
    return found


def check_archive(
    source: bytes | str | Path,
    label: str,
    *,
    kind: str = "workbook",
    name: str = "XLSX workbook",
    largest: str = "results sheet",
    error: type[PerfscoreError] = PerfscoreError,
) -> None:
    """Refuse an Office file (a workbook, a Word document) whose parts would unpack to an
    absurd size, before opening it: more than ``MAX_UNPACKED`` in all, or a part of over 1 MB
    unpacking more than ``MAX_RATIO`` times its packed size. Raises ``error`` located in the
    file ``label``; messages call the file ``kind`` (``the workbook unpacks to …``), a file
    that is no archive not a readable ``name``, and the largest real one ``largest``."""
    try:
        opened = io.BytesIO(source) if isinstance(source, bytes) else source
        with zipfile.ZipFile(opened) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        text = str(exc)
        shown = repr(text if len(text) <= 60 else text[:58] + "…")
        raise error(f"not a readable {name}: {shown}").located(file=label) from None
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED:
        raise error(
            f"the {kind} unpacks to {total / 2**20:,.0f} MB, more than any {largest} "
            f"({MAX_UNPACKED // 2**20:,} MB at most): refused unopened"
        ).located(file=label)
    for part in parts:
        if part.file_size > 2**20 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise error(
                f"the {kind} part {part.filename!r} unpacks "
                f"{part.file_size // max(part.compress_size, 1):,} times its packed size "
                "(a zip bomb?): refused unopened"
            ).located(file=label)
