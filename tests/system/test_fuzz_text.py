"""Fuzzing the notation parser and the table-file reader with hostile text and bytes: the only
error ever raised is a PerfscoreError, and every input is answered (bounded sizes: a hang would
show as a test that does not finish)."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfscore import PerfscoreError, load_table, parse_ladder
from perfscore.errors import printable
from perfscore.notation import parse_cell, parse_quantity
from perfscore.tables import check_file

# The notation's own pieces, look-alikes NFKC would fold, controls and stray CJK.
PIECES = [
    "≥", "≤", ">", "<", "=", "＞", "＝", "－", "~", "至", "到", "-", "—", "或", "和", "且",
    "以上", "以下", "以内", "以外", "不低于", "不超过", "(含)", "%", "％", "‰", "人", "人次",
    "万元", "天", "周", "次", "个工作日", "km", "t", "0", "1", "9", "９", "95", "0.5", ".5",
    "1,000", "¹", "⁰", "⑨", "①", "٣", "\x1b", "\x07", "\u202e", "\u3000", " ", "\n", "啊",
    "O", "e", "E", "9" * 60,
]  # fmt: skip
hostile_text = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=80),
    st.text(alphabet=string.printable + "≥≤或和%人天周万元", max_size=80),
)


def _answered(call: object, *args: object) -> None:
    assert callable(call)
    try:
        call(*args)
    except PerfscoreError as error:
        message = str(error)
        assert message.isprintable() or "\n" in message
        assert printable(message, keep="\n") == message  # nothing raw reaches a terminal
        assert len(message) < 2_000


@given(hostile_text)
def test_cells_raise_only_perfscore_errors(text: str) -> None:
    _answered(parse_cell, text)


@given(hostile_text)
def test_values_raise_only_perfscore_errors(text: str) -> None:
    _answered(parse_quantity, text)


@given(
    st.lists(st.one_of(st.none(), hostile_text), min_size=4, max_size=4),
    st.sampled_from([None, "percent", "人", "天", "万元"]),
)
def test_ladders_raise_only_perfscore_errors(cells: list[str | None], unit: str | None) -> None:
    _answered(lambda: parse_ladder(dict(zip("优良中差", cells, strict=True)), unit=unit))


@given(hostile_text, hostile_text)
def test_grading_hostile_values_raises_only_perfscore_errors(cell: str, value: str) -> None:
    ladder = parse_ladder({"优": "≥95%", "良": "≥90%", "中": "≥85%", "差": "<85%"})
    _answered(ladder.grade, value)
    _answered(lambda: parse_ladder({"优": cell, "良": None, "中": None, "差": "<0%"}))


YAML_PIECES = [
    "name: x\n", "duties:\n", "  - id: '1'\n", "    activities: []\n", "year: 2018\n",
    "year: '2018'\n", "&a ", "*a", "<<: *a\n", "!!python/object:os.system\n", "{", "}", "[",
    "]", ": ", "- ", "'", '"', "\t", "\x00", "\x1b[2J", "cells: {优: ≥90¹%}\n", "? ", "|\n",
    "%YAML 1.1\n", "---\n", "...\n", "9" * 5000, "1e400", ".inf", "~", "\ufeff",
]  # fmt: skip
hostile_yaml = st.one_of(
    st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join).map(str.encode),
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=hostile_yaml, suffix=st.sampled_from([".yaml", ".json"]))
def test_table_files_raise_only_perfscore_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    _answered(load_table, path)
    findings = check_file(path)  # check never raises: a bad file is findings
    assert findings
    for finding in findings:
        assert printable(str(finding), keep="\n") == str(finding)


@given(hostile_text, st.sampled_from([None, "percent", "人", "万元"]))
def test_target_cells_raise_only_perfscore_errors(text: str, unit: str | None) -> None:
    from perfscore.notation import parse_target

    _answered(parse_target, text, unit)
