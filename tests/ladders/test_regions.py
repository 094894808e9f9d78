"""perfscore.ladders._regions: each grade's region, a ladder's
direction, and a ladder written as one row of text."""

from __future__ import annotations

import pytest

from perfscore import Direction, Grade, PerfscoreError, parse_ladder
from perfscore.ladders import read_row

E, G, F, P = Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR
HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
BAND = Direction.TARGET_BAND


def cells(row: str) -> dict[str, str | None]:
    """A row written as the CLI takes it: '优 / 良 / 中 / 差', '-' for a blank cell."""
    texts = [t.strip() for t in row.split("/")]
    return {g: (None if t == "-" else t) for g, t in zip("优良中差", texts, strict=True)}


def test_region_and_gaps() -> None:
    ladder = parse_ladder(cells("≥90% / - / 60-80% / <60%"), unit="percent")
    assert str(ladder.region("中")) == "[60, 80]"
    assert str(ladder.region(G)) == "()"
    assert str(ladder.gaps()) == "(80, 90)"
    assert str(ladder.domain()) == "[0, inf)"


@pytest.mark.parametrize(
    ("row", "direction"),
    [
        ("≥90% / - / - / -", HIGHER),
        ("90% / - / - / -", HIGHER),
        ("≤1次 / - / - / -", LOWER),
        ("- / - / - / 1次以上", LOWER),  # only 差 is reachable, above 1
        ("- / - / - / <60%", HIGHER),
        ("400-499人 / - / - / -", BAND),
        ("≥0和<10 / - / - / -", BAND),
        ("- / - / 60-80% / -", BAND),
    ],
)
def test_direction_of_one_reachable_grade(row: str, direction: Direction) -> None:
    ladder = parse_ladder(cells(row))
    assert ladder.direction is direction
    # it follows from the values graded, so the canonical spelling keeps it
    assert parse_ladder(ladder.to_cells(), unit=ladder.unit).direction is direction


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("100% / ≥90% / ≥80% / <80%", ("100%", "≥90%", "≥80%", "<80%")),
        ("1次 / - / 空 / 1次以上", ("1次", None, None, "1次以上")),
        ("优 ≥100% | 良 ≥90% | 中 ≥80% | 差 <80%", ("≥100%", "≥90%", "≥80%", "<80%")),
        ("优 1次 | 良 — | 中 — | 差 >1次", ("1次", None, None, ">1次")),
    ],
)
def test_a_row_reads_as_its_four_cells(row: str, cells: tuple[str | None, ...]) -> None:
    assert tuple(read_row(row).values()) == cells


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("100% / ≥90%", "a ladder is four cells 优 / 良 / 中 / 差 separated by '/', got 2"),
        ("优 ≥100% | A ≥90%", "starts with its grade 优, 良, 中 or 差, not 'A ≥90%'"),
        ("优 ≥100% | 优 ≥90%", "the grade 优 is written twice"),
    ],
)
def test_a_row_that_does_not_read_says_why(row: str, message: str) -> None:
    with pytest.raises(PerfscoreError) as raised:
        read_row(row)
    assert message in str(raised.value)


def test_a_row_is_text() -> None:
    with pytest.raises(TypeError, match="a row of cells is text, not int"):
        read_row(5)  # type: ignore[arg-type]
