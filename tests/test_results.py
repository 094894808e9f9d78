"""TODO"""

from __future__ import annotations

import pytest

import perfscore

from .scoring_data import zanhuang


@pytest.mark.parametrize(
    ("table", "results", "weights", "message"),
    [
        (zanhuang, "a\x00b.csv", None, "a\\x00b.csv: cannot read the results file: "
         "the path has a null byte"),
        (zanhuang, "a" * 300 + ".csv", None, "cannot read the results file: File name too long"),
        (zanhuang, {"1.1.1": "100%"}, {"1": "heavy"}, "expected a number, got 'heavy'"),
    ],
)  # fmt: skip
def test_bad_arguments_are_perfscore_errors(
    table: object, results: object, weights: object, message: str
) -> None:
    with pytest.raises(perfscore.PerfscoreError) as raised:
        perfscore.score(table, results, weights=weights)  # type: ignore[call-overload]
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("table", "weights", "message"),
    [
        (None, None, "a table is a Table, a table file or a bundled table's name, not None"),
        (5, None, "a table is a Table, a table file or a bundled table's name, not int"),
        (zanhuang, [("1", 2)], "weights are a mapping of id to weight, not list"),
    ],
)
def test_arguments_of_the_wrong_type_are_type_errors(
    table: object, weights: object, message: str
) -> None:
    with pytest.raises(TypeError) as raised:
        perfscore.score(table, {}, weights=weights)  # type: ignore[call-overload]
    assert message in str(raised.value)
    assert not isinstance(raised.value, perfscore.PerfscoreError)
