"""perfscore.notation._dates: deadlines and periods read from a target cell."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.errors import NotationError
from perfscore.notation._dates import When, check_date, read_dates


@pytest.mark.parametrize(
    ("text", "form", "dates"),
    [
        ("9月前", "deadline", (When(None, 9),)),
        ("2023年12月底前", "deadline", (When(2023, 12),)),
        ("2021年12月完成", "deadline", (When(2021, 12),)),  # no 前: done by the month
        ("2023年12月", "deadline", (When(2023, 12),)),  # a month with its year (完工时限)
        ("12月底完成", "deadline", (When(None, 12),)),
        ("2023.07-2024.01", "period", (When(2023, 7), When(2024, 1))),
    ],
)
def test_dates_read(text: str, form: str, dates: tuple[When, ...]) -> None:
    assert read_dates(text, text) == (form, dates)


@pytest.mark.parametrize("text", ["12月", "500人", "≥95%", "效果明显"])
def test_a_month_alone_and_other_cells_are_not_dates(text: str) -> None:
    assert read_dates(text, text) is None


def test_no_such_date_and_a_period_that_ends_first_are_refused() -> None:
    with pytest.raises(NotationError, match="no such date"):
        read_dates("2023年13月完成", "2023年13月完成")
    with pytest.raises(NotationError, match="ends before it starts"):
        read_dates("2024.01-2023.07", "2024.01-2023.07")


@given(st.integers(2000, 2100), st.integers(1, 12))
def test_a_month_with_its_year_is_a_deadline_in_that_month(year: int, month: int) -> None:
    text = f"{year}年{month}月完成"
    read = read_dates(text, text)
    assert read == ("deadline", (When(year, month),))
    check_date(text, read[1][0])
