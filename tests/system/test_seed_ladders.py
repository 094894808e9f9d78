"""The seed table (赞皇县人社局 2018, section 五): every one of its 68 ladders grades its boundary
values as the published cells say.

The expected grades are typed in by hand from the cells, grouped by distinct cell pattern; each
group also names the published cells, so a mis-grouped indicator fails here.
"""

from __future__ import annotations

from functools import cache

import pytest

from perfscore import Direction, Grade, Table, load_table

H, L, B, C = (
    Direction.HIGHER_IS_BETTER,
    Direction.LOWER_IS_BETTER,
    Direction.TARGET_BAND,
    Direction.CATEGORICAL,
)


@cache
def table() -> Table:
    return load_table("zanhuang-hrss-2018")


# (published cells 优 / 良 / 中 / 差 ("-" blank), direction, "value→grade ...", indicator ids)
PATTERNS: list[tuple[str, Direction, str, list[str]]] = [
    ("100% / ≥90% / ≥80% / <80%", H,
     "100%→优 120%→优 99.99%→良 90%→良 89.99%→中 80%→中 79.99%→差 0%→差",
     ["1.1.1", "1.1.2", "1.2.3", "1.2.4", "2.1.1", "2.1.2", "2.1.3", "2.2.1", "2.3.2", "4.3.2",
      "4.4.2", "5.2.1"]),
    ("≥95% / ≥90% / ≥80% / <80%", H,
     "100%→优 95%→优 94.99%→良 90%→良 89.99%→中 80%→中 79.99%→差",
     ["2.2.2", "2.3.1", "2.4.1", "2.5.1", "3.2.1", "4.1.1", "4.3.1", "4.3.3", "4.4.1", "5.2.2",
      "6.1.1"]),
    ("≥95% / ≥90% / ≥85% / <85%", H,
     "95%→优 94.99%→良 90%→良 89.99%→中 85%→中 84.99%→差",
     ["4.2.1", "4.2.2", "4.2.3", "7.1.1", "7.1.2", "7.2.1", "9.1.1", "9.4.1", "11.2.3"]),
    ("≥90% / ≥80% / ≥70% / <70%", H,
     "90%→优 89.99%→良 80%→良 79.99%→中 70%→中 69.99%→差",
     ["4.1.2", "13.1.1", "13.1.2", "13.2.3"]),
    ("≥85% / ≥80% / ≥75% / <75%", H,
     "85%→优 84.99%→良 80%→良 79.99%→中 75%→中 74.99%→差", ["5.1.1"]),
    ("≥90% / ≥85% / ≥80% / <80%", H,
     "90%→优 89.99%→良 85%→良 84.99%→中 80%→中 79.99%→差", ["6.2.1", "6.2.2", "6.3.1"]),
    ("100% / ≥95% / ≥90% / <90%", H,
     "100%→优 99.99%→良 95%→良 94.99%→中 90%→中 89.99%→差",
     ["7.1.3", "7.2.2", "9.3.1", "9.5.1"]),
    ("100% / ≥80 / ≥60 / <60%", H,  # the % left off the middle cells
     "100%→优 99.99%→良 80%→良 79.99%→中 60%→中 59.99%→差",
     ["8.1.1", "8.2.1", "8.3.1", "8.4.1"]),
    ("≥80% / ≥70% / ≥60% / <60%", H,
     "80%→优 79.99%→良 70%→良 69.99%→中 60%→中 59.99%→差", ["10.2.1"]),
    ("100% / ≥90% / ≥85% / <85%", H,
     "100%→优 99.99%→良 90%→良 89.99%→中 85%→中 84.99%→差", ["10.6.1"]),
    ("≥80% / ≥60% / ≥50% / <50%", H,
     "80%→优 79.99%→良 60%→良 59.99%→中 50%→中 49.99%→差", ["10.6.2"]),
    ("≥70% / ≥60% / ≥50% / <50%", H,
     "70%→优 69.99%→良 60%→良 59.99%→中 50%→中 49.99%→差", ["12.2.2"]),
    ("≥80% / ≥60-80% / ≥50-60% / <50%", H,
     "80%→优 79.99%→良 60%→良 59.99%→中 50%→中 49.99%→差", ["13.2.2"]),
    ("≥85%和≤100% / ≥83%和<85% / ≥80%和<83% / <80%或>100%", B,  # 当年基金使用率: a band
     "85%→优 100%→优 100.01%→差 120%→差 84.99%→良 83%→良 82.99%→中 80%→中 79.99%→差",
     ["9.2.1"]),
    ("≥15 / ≥10 / ≥5 / <5", H, "15→优 14→良 10→良 9→中 5→中 4→差 0→差", ["1.2.1"]),
    ("≥500 / ≥480 / ≥460 / <460", H, "500→优 499→良 480→良 479→中 460→中 459→差", ["1.2.2"]),
    ("≥1000 / ≥950 / ≥900 / <900", H,
     "1000→优 999→良 950→良 949→中 900→中 899→差", ["1.3.1"]),
    ("3 / 2 / 1 / 0", H, "4→优 3→优 2→良 1→中 0→差", ["3.1.1"]),
    ("1次 / - / - / 1次以上", L, "0→优 1→优 2→差 5→差", ["10.1.1"]),
    (">35人 / ≥30人 / ≥25人 / <25人", H,
     "36→优 35→良 30→良 29→中 25→中 24→差", ["10.4.1"]),
    ("3人 / 2人 / 1人 / 0", H, "3人→优 2人→良 1人→中 0人→差", ["10.5.1"]),
    ("1种 / - / - / 0", H, "1种→优 2种→优 0种→差", ["11.1.1", "12.1.1", "13.2.1"]),
    ("≥500人 / ≥400-499人 / ≥300-399人 / <300人", H,
     "500人→优 499人→良 400人→良 399人→中 300人→中 299人→差 0人→差", ["11.2.1"]),
    ("≥600人 / ≥400人 / ≥300 / <300人", H,
     "600→优 599→良 400→良 399→中 300→中 299→差", ["12.2.1"]),
    ("有效实施 / 能完整的实施 / 基本上能实施 / 不能很好实施", C,
     "有效实施→优 能完整的实施→良 能完整的 实施→良 基本上能实施→中 基本上 能实施→中 "
     "不能很好实施→差 不能很好 实施→差",
     ["10.3.1"]),
    ("聘请相关专业中、高级资格教师、专家等进行授课 / 聘请相关专业教师授课 / 聘请一般教师授课"
     " / 师资力量不足", C,
     "聘请相关专业中、高级资格教师、专家等进行授课→优 "
     "聘请相关专业中、高级资格教师、 专家等进行授课→优 "
     "聘请相关专业教师授课→良 聘请相关 专业教师授课→良 聘请一般教师授课→中 师资力量不足→差 "
     "师资力量 不足→差",
     ["11.2.2"]),
]  # fmt: skip


def cases(text: str) -> list[tuple[str, Grade]]:
    """'100%→优 99.99%→良' as pairs; a space inside a label is kept (labels end at →X)."""
    out: list[tuple[str, Grade]] = []
    rest = text
    while rest.strip():
        value, _, tail = rest.partition("→")
        out.append((value.strip(), Grade(tail[0])))
        rest = tail[1:]
    return out


CASES = [
    pytest.param(indicator_id, cells, direction, value, grade, id=f"{indicator_id}:{value}")
    for cells, direction, text, ids in PATTERNS
    for indicator_id in ids
    for value, grade in cases(text)
]


def test_every_indicator_is_covered_once() -> None:
    ids = [i for _, _, _, group in PATTERNS for i in group]
    assert len(ids) == len(set(ids)) == 68
    assert sorted(ids) == sorted(i.id for i in table().indicators())


@pytest.mark.parametrize(("cells", "direction", "text", "ids"), PATTERNS)
def test_pattern_matches_the_published_cells(
    cells: str, direction: Direction, text: str, ids: list[str]
) -> None:
    published = [c.strip() for c in cells.split(" / ")]
    for indicator_id in ids:
        indicator = table().indicator(indicator_id)
        written = [indicator.cell(g) or "-" for g in "优良中差"]
        assert written == published, indicator_id
        assert indicator.ladder.direction is direction, indicator_id


@pytest.mark.parametrize(("indicator_id", "cells", "direction", "value", "grade"), CASES)
def test_boundary(
    indicator_id: str, cells: str, direction: Direction, value: str, grade: Grade
) -> None:
    ladder = table().indicator(indicator_id).ladder
    assert ladder.grade(value) is grade


@pytest.mark.parametrize("indicator", [i.id for i in table().indicators()])
def test_round_trip(indicator: str) -> None:
    from perfscore import parse_ladder

    ladder = table().indicator(indicator).ladder
    assert parse_ladder(ladder.to_cells(), unit=ladder.unit) == ladder


def test_the_band_in_fractions_and_strings() -> None:
    ladder = table().indicator("9.2.1").ladder
    assert [ladder.grade(v) for v in ("0.83 dimensionless", 83, "83 percent")] == [Grade.GOOD] * 3
