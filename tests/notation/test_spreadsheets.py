"""perfscore.notation._spreadsheets: what a spreadsheet shows, shared by the importer and the
results reader."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.errors import PerfscoreError, ResultsError
from perfscore.notation._spreadsheets import (
    MAX_RATIO,
    check_archive,
    formula_cells,
    printed_number,
    shows_percent,
)


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1, "0%", "100%"),
        (0.955, "0.0%", "95.5%"),
        (100, '0"%"', "100%"),  # a quoted % is text: no scaling
        (95, '"≥"0"%"', "≥95%"),
        (95, "0\\%", "95%"),
        (0.8, '"<"0%', "<80%"),
        (15000, '"≥"0,', "≥15"),  # a trailing comma divides by 1000
        (15000000, "0,,", "15"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (12.5, "0.0#", "12.5"),
        (12, "0.##", "12"),
        (-3, "0;(0)", "(3)"),
        (-3, "0", "-3"),
        (0, '0;-0;"无"', "无"),
        (5, "[Red]0.0", "5.0"),
        (7, "[$¥-804]#,##0", "¥7"),
        (3, "0_);(0)", "3 "),
        (0.1 + 0.2, "General", "0.3"),
        (42, "@", "42"),
        (45000, "yyyy-mm-dd", "45000"),  # a date format on a number openpyxl left a number
    ],
)
def test_a_number_as_its_format_prints_it(value: float, number_format: str, shown: str) -> None:
    assert printed_number(value, number_format) == shown


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.sampled_from(["0", "0.00", "#,##0", "0%", "0.0%", "0,"]),
    st.text(alphabet="≥≤<>万元人次 ", min_size=1, max_size=3),
)
def test_quoted_text_around_a_format_is_printed_around_the_number(
    value: int, number_format: str, text: str
) -> None:
    bare = printed_number(value, number_format)
    quoted = printed_number(value, f'"{text}"{number_format}"{text}"')
    assert quoted == text + bare + text


def test_a_percent_scales_only_when_bare() -> None:
    assert [shows_percent(f) for f in ("0%", '0"%"', '"≥"0"%"', '"<"0%', "0\\%")] == [
        True,
        False,
        False,
        True,
        False,
    ]


def test_formula_cells_name_each_formula(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "指标"
    sheet.append(["id", "value"])
    sheet.append(["1.1.1", "=400+105"])
    path = tmp_path / "f.xlsx"
    book.save(path)
    assert formula_cells(path, "指标") == {(2, 2): "=400+105"}
    assert formula_cells(path.read_bytes(), rows={1}) == {}


def _bomb(size: int) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * size + b">")
    return packed.getvalue()


def test_a_bomb_is_refused_unopened_with_the_callers_error() -> None:
    data = _bomb(MAX_RATIO * 2**14)
    with pytest.raises(PerfscoreError, match=r"the document part 'word/document.xml' unpacks"):
        check_archive(data, "t.docx", kind="document")
    with pytest.raises(ResultsError, match="zip bomb"):
        check_archive(data, "t.xlsx", error=ResultsError)
    check_archive(_bomb(1000), "small.docx")  # a small part packs well and passes


def test_not_an_archive() -> None:
    with pytest.raises(PerfscoreError, match="not a readable DOCX document"):
        check_archive(b"not a zip", "t.docx", name="DOCX document")
