"""perfscore.importing._export: a table written back out in its
published layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.importing import FORMATS, export_table, exportable
from perfscore.importing._export import HEADER, chinese_ordinal, head_lines, rows
from perfscore.testing.strategies import tables
from tests.scoring_data import small, zanhuang


def test_exportable_keeps_all_but_readings_and_source() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    kept = exportable(table)
    assert [(i.id, i.name, i.unit, i.cells) for i in kept.indicators()] == [
        (i.id, i.name, i.unit, i.cells) for i in table.indicators()
    ]
    assert kept.model_dump(exclude={"source", "duties"}) == table.model_dump(
        exclude={"source", "duties"}
    )
    assert [r for i in kept.indicators() for r in i.readings] == []


@given(table=tables())
@settings(max_examples=30, deadline=None)
def test_exportable_is_idempotent_and_keeps_every_ladder(table: perfscore.Table) -> None:
    kept = exportable(table)
    assert exportable(kept) == kept
    for before, after in zip(table.indicators(), kept.indicators(), strict=True):
        assert after.ladder == before.ladder


def test_export_arguments() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    with pytest.raises(TypeError):
        export_table("zanhuang-hrss-2018", "txt")  # type: ignore[arg-type]
    with pytest.raises(perfscore.PerfscoreError, match="unknown format"):
        export_table(table, "odt")


# -- the published layout --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "ordinal"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (13, "十三"), (20, "二十"), (40, "四十"),
     (99, "九十九")],
)  # fmt: skip
def test_chinese_ordinal(n: int, ordinal: str) -> None:
    assert chinese_ordinal(n) == ordinal


def test_the_lines_above_the_table() -> None:
    assert head_lines(zanhuang)[1:] == ["323 人社局", "单位：万元"]
    assert head_lines(zanhuang)[0] == zanhuang.title
    assert head_lines(small) == ["测试局 2020 年部门职责-工作活动绩效目标"]  # a title made up


def test_rows_are_a_duty_then_its_activities_and_indicators_nine_cells_each() -> None:
    laid_out = list(rows(small))
    assert all(len(row) == len(HEADER[0]) == 9 for row in laid_out)
    assert laid_out == [
        ("一、职责一", "", "", "", "", "", "", "", ""),
        ("1、活动一", "", "", "", "到位率", "100%", "≥90%", "≥80%", "<80%"),
        ("", "", "", "", "完成率", "100%", "≥90%", "≥80%", "<80%"),
        ("2、活动二", "", "", "", "培训人数", "≥500", "≥400", "≥300", "<300"),
        ("二、职责二", "", "", "", "", "", "", "", ""),
        ("1、活动三", "", "", "", "违纪次数", "1次", "", "", "1次以上"),
        ("", "", "", "", "实施效果", "有效实施", "能完整的实施", "基本上能实施", "不能很好实施"),
    ]


def test_the_text_export_is_the_lines_the_header_and_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    text = export_table(small, "txt", path)
    assert isinstance(text, str)
    assert path.read_text(encoding="utf-8") == text
    lines = text.splitlines()
    assert lines[:4] == [
        "测试局 2020 年部门职责-工作活动绩效目标",
        "",
        "\t".join(HEADER[0]),
        "\t".join(HEADER[1]),
    ]
    assert lines[4:] == ["\t".join(row) for row in rows(small)]


def test_every_format_gives_text_or_a_files_bytes(tmp_path: Path) -> None:
    assert FORMATS == ("txt", "xlsx", "docx", "pdf")
    starts = {"xlsx": b"PK", "docx": b"PK", "pdf": b"%PDF"}
    for format, start in starts.items():
        out = export_table(small, format)
        assert isinstance(out, bytes)
        assert out.startswith(start)


_GROUPS = ("", "万", "亿")


def _reference_reading(n: int) -> str:
    """The numeral read digit by digit, in groups of four (个 万 亿, below 10¹²): each
    group's digits with 千 百 十, a run of zeros read as one 零 before the next digit (the
    zeros that end a group are not read), a group of zeros without its unit, and 一十 at
    the start read 十."""
    digits = str(n)
    groups = [digits[max(0, end - 4) : end] for end in range(len(digits), 0, -4)][::-1]
    out = ""
    for index, group in enumerate(groups):
        unit = _GROUPS[len(groups) - 1 - index]
        group = group.rjust(4, "0") if index else group
        written, zero = False, False
        for at, digit in enumerate(group):
            place = ("千", "百", "十", "")[4 - len(group) + at]
            if digit == "0":
                zero = zero or bool(out)
                continue
            out += ("零" if zero else "") + "零一二三四五六七八九"[int(digit)] + place
            zero, written = False, True
        if written:
            out += unit
    return out[1:] if out.startswith("一十") else out


@given(st.integers(1, 10**12 - 1))
def test_chinese_ordinal_reads_as_the_reference_reading(n: int) -> None:
    assert chinese_ordinal(n) == _reference_reading(n)


@pytest.mark.parametrize(
    ("n", "ordinal"),
    [(100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"), (200, "二百"),
     (1001, "一千零一"), (1010, "一千零一十"), (10000, "一万"), (100000, "十万"),
     (10010, "一万零一十"), (101000000, "一亿零一百万"), (10**12 + 10**8, "一万零一亿")],
)  # fmt: skip
def test_chinese_ordinal_past_ninety_nine(n: int, ordinal: str) -> None:
    assert chinese_ordinal(n) == ordinal


def test_chinese_ordinal_arguments() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        chinese_ordinal(0)
    with pytest.raises(TypeError):
        chinese_ordinal(True)
