"""Every results reader over hostile bytes: only PerfscoreError, and every row accounted for.

A row a reader yields ends up graded, blank (missing) or in a reported problem, which may
stand for many rows ([rows_in][perfscore.scoring._rows.rows_in]); nothing else escapes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfscore.errors import PerfscoreError
from perfscore.scoring import read_results, read_rows
from perfscore.scoring._cells import is_layout
from perfscore.scoring._readers import decode
from perfscore.scoring._rows import rows_in
from tests.scoring_data import zanhuang

# A results file whose percent values are all at most 1 is read and warned about (0.85 is
# 0.85 %): for random cells that warning is an outcome, not a failure.
pytestmark = pytest.mark.filterwarnings("ignore::perfscore.scoring.FractionsWarning")

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
IDS = ["1.1.1", "1.1.2", "1.2.2", "10.3.1", "9.9.9", "", " ", "公益性岗位补贴到位率", "拓展工种"]
VALUES = ["95%", "0.9", "-5%", "1e400", "4.8e2", "有效实施", "", "nan", "1,234", "９５％", "=1+1"]
cells = st.one_of(st.sampled_from(IDS + VALUES), st.text(max_size=12))
rows = st.lists(st.lists(cells, max_size=5), max_size=30)


def _accounted(path: Path) -> None:
    """Read ``path``: a PerfscoreError, or every yielded row graded, blank or reported."""
    try:
        yielded = sum(1 for _ in read_rows(path))
        results = read_results(path, zanhuang)
    except PerfscoreError:
        return
    reported = sum(rows_in(problem) for problem in results.problems)
    assert len(results.graded) + len(results.blank) + reported == yielded


def _csv_rows(data: bytes) -> int | None:
    """Independent count of the non-blank records under the header, when csv reads the text."""
    try:
        records = list(csv.reader(io.StringIO(decode(data), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None
    return sum(1 for record in records[1:] if not is_layout(record))


@FUZZ
@given(data=st.binary(max_size=300))
def test_csv_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"id,value,unit\n" + data)
    _accounted(path)


@FUZZ
@given(table=rows, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_csv_rows(tmp_path: Path, table: list[list[str]], encoding: str) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([["id", "value", "unit"], *table])
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return
    path = tmp_path / "r.csv"
    path.write_bytes(data)
    _accounted(path)
    expected = _csv_rows(data)
    try:
        given_rows = sum(1 for _ in read_rows(path))
    except PerfscoreError:
        return
    if expected is not None and "\x00" not in out.getvalue() and "\r" not in out.getvalue():
        assert given_rows == expected


@FUZZ
@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.sampled_from(IDS + VALUES),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["id", "value", "unit", "ID", *IDS]), inner, max_size=4),
    max_leaves=20,
))  # fmt: skip
def test_json_values(tmp_path: Path, value: object) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    _accounted(path)


@FUZZ
@given(data=st.binary(max_size=200))
def test_json_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(b'{"1.1.1": ' + data)
    _accounted(path)


def _workbook(table: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["id", "value", "unit"], *table]:
        sheet.append([c.replace("\x00", "") if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@settings(FUZZ, max_examples=40)
@given(table=rows, flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)),
                                  max_size=3))  # fmt: skip
def test_xlsx(tmp_path: Path, table: list[list[str]], flips: list[tuple[int, int]]) -> None:
    try:
        data = bytearray(_workbook(table))
    except Exception:  # openpyxl refuses control characters in cells: no workbook to read
        return
    for at, byte in flips:
        data[at % len(data)] = byte
    path = tmp_path / "r.xlsx"
    path.write_bytes(bytes(data))
    _accounted(path)


@settings(FUZZ, max_examples=30)
@given(sheet=st.binary(max_size=400))
def test_xlsx_sheet_xml(tmp_path: Path, sheet: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(_workbook([["1.1.1", "95%"]]))) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = sheet
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    path = tmp_path / "r.xlsx"
    path.write_bytes(out.getvalue())
    _accounted(path)


@pytest.mark.parametrize("copies", [1, 3, 700])
def test_accounting_counts_grouped_rows(tmp_path: Path, copies: int) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id,value\n" + "1.1.1,95%\n" * copies + "9.9.9,1\n" * copies, "utf-8")
    results = read_results(path, zanhuang)
    assert sum(rows_in(p) for p in results.problems) + len(results.graded) == 2 * copies
