"""perfscore.grades: the grades 优 良 中 差."""

from __future__ import annotations

import pytest

from perfscore import GRADES, Grade, PerfscoreError


def test_values_are_the_published_characters() -> None:
    assert [g.value for g in Grade] == ["优", "良", "中", "差"]
    assert [g.name for g in Grade] == ["EXCELLENT", "GOOD", "FAIR", "POOR"]
    assert GRADES == (Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR)


def test_order_best_to_worst() -> None:
    assert Grade.EXCELLENT > Grade.GOOD > Grade.FAIR > Grade.POOR
    assert Grade.POOR < Grade.FAIR <= Grade.FAIR < Grade.GOOD
    assert Grade.GOOD >= Grade.GOOD
    assert sorted(GRADES) == [Grade.POOR, Grade.FAIR, Grade.GOOD, Grade.EXCELLENT]
    assert max(GRADES) is Grade.EXCELLENT


def test_comparison_with_other_types_is_not_an_order() -> None:
    good: object = Grade.GOOD
    assert good != "良"
    with pytest.raises(TypeError):
        _ = good < 2  # type: ignore[operator]


@pytest.mark.parametrize(
    ("grade", "text", "code"),
    [
        (Grade.EXCELLENT, "优", 3),
        (Grade.GOOD, "良", 2),
        (Grade.FAIR, "中", 1),
        (Grade.POOR, "差", 0),
    ],
)
def test_str_and_code(grade: Grade, text: str, code: int) -> None:
    assert str(grade) == text
    assert f"{grade}" == text
    assert grade.code == code
    assert Grade.from_code(code) is grade
    assert Grade(code) is grade


@pytest.mark.parametrize(
    ("spelling", "grade"),
    [
        ("优", Grade.EXCELLENT),
        (" 优 ", Grade.EXCELLENT),
        ("優", Grade.EXCELLENT),
        ("excellent", Grade.EXCELLENT),
        ("GOOD", Grade.GOOD),
        ("Fair", Grade.FAIR),
        ("差", Grade.POOR),
    ],
)
def test_spellings(spelling: str, grade: Grade) -> None:
    assert Grade(spelling) is grade


def test_identity() -> None:
    assert Grade("优") is Grade.EXCELLENT


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("极好", "'极好' is not a grade (优, 良, 中, 差)"),
        ("", "'' is not a grade (优, 良, 中, 差)"),
        (4, "4 is not a grade (优, 良, 中, 差)"),
        (-1, "-1 is not a grade (优, 良, 中, 差)"),
        (True, "True is not a grade (优, 良, 中, 差)"),
        (None, "None is not a grade (优, 良, 中, 差)"),
    ],
)
def test_not_a_grade(value: object, message: str) -> None:
    with pytest.raises(PerfscoreError) as info:
        Grade(value)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_from_code_takes_numpy_codes() -> None:
    import numpy as np

    codes = np.array([3, 2, 1, 0], dtype=np.int8)
    assert [Grade.from_code(c) for c in codes] == list(GRADES)
    assert Grade(np.int64(2)) is Grade.GOOD


def test_from_code_out_of_range() -> None:
    with pytest.raises(PerfscoreError, match="7 is not a grade"):
        Grade.from_code(7)
