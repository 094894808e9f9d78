"""Dates in targets: the calendar point of a deadline (``9月前``, ``2021年12月完成``) and the two
ends of a period (``2023.07-2024.01``), read from a target cell.

>>> read_dates("2023.07-2024.01", "2023.07-2024.01")
('period', (When(year=2023, month=7, day=None), When(year=2024, month=1, day=None)))
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Final, Literal

from perfscore.errors import NotationError

__all__ = ["When", "check_date", "read_dates"]

_DATE = (
    r"(?P<{p}y>\d{{4}})(?:[.\-/年])(?P<{p}m>\d{{1,2}})月?"
    r"(?:[.\-/](?P<{p}d>\d{{1,2}})|(?P<{p}d2>\d{{1,2}})[日号])?"
)
_PERIOD: Final = re.compile(
    "^" + _DATE.format(p="a") + r"(?:-|~|至|到|—|–|〜)" + _DATE.format(p="b") + "$"
)
_DEADLINE: Final = re.compile(
    r"^(?:(?P<y>\d{4})年)?"
    r"(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|(?P<end>底|末))?|(?P<ye>年底|年末|底|末))"
    r"(?:前|之前|以前)(?:完成|完工|办结)?$"
)
# A date by which a thing is done, without 前: 2021年12月完成, 12月底完成, or a month with its
# year (2023年12月, as 完工时限 cells print it). A month alone (12月) stays a duration's question.
_DONE_BY: Final = re.compile(
    r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|(?P<end>底|末))?"
    r"(?P<done>完成|完工|办结)?$"
)


@dataclass(frozen=True, order=True)
class When:
    """A calendar point of a deadline or period: a month, or a day when one is written.

    ``year`` is ``None`` when the cell leaves it out (``9月前``: the table's year).

    >>> str(When(2023, 12, None)), str(When(None, 9, 30))
    ('2023年12月', '9月30日')
    """

    year: int | None
    month: int
    day: int | None = None

    def __str__(self) -> str:
        year = f"{self.year}年" if self.year is not None else ""
        day = f"{self.day}日" if self.day is not None else ""
        return f"{year}{self.month}月{day}"

    def exists(self) -> bool:
        """Whether the calendar has this point: a month 1 to 12, a day the month has (29
        February only in a leap year; any year's 29 February where the year is left out).

        >>> When(2023, 12, 31).exists(), When(2023, 12, 32).exists(), When(2023, 2, 29).exists()
        (True, False, False)
        >>> When(2024, 2, 29).exists(), When(None, 2, 29).exists(), When(2023, 13).exists()
        (True, True, False)
        """
        if not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        leap = self.year if self.year is not None else 2000
        return 1 <= self.day <= calendar.monthrange(leap, self.month)[1]

    def dotted(self) -> str:
        """``2023.07`` or ``2023.07.15``: the spelling of a period's ends."""
        base = f"{self.year}.{self.month:02d}"
        return base if self.day is None else f"{base}.{self.day:02d}"

    def on_or_before(self, other: When) -> bool:
        """Whether this point is no later than ``other``, at the coarser of the two precisions.

        A missing year is taken as the other's; a month without a day covers the whole month.

        >>> When(None, 8).on_or_before(When(2023, 9)), When(2023, 9, 30).on_or_before(When(None, 9))
        (True, True)
        >>> When(2024, 1).on_or_before(When(2023, 12, 31))
        False
        """
        mine = (self.year if self.year is not None else other.year, self.month)
        theirs = (other.year if other.year is not None else self.year, other.month)
        if mine != theirs or self.day is None or other.day is None:
            return mine <= theirs
        return self.day <= other.day


def read_dates(
    text: str, compact: str
) -> tuple[Literal["deadline", "period"], tuple[When, ...]] | None:
    """A deadline's point or a period's two ends read from a cell (``compact``: its text folded
    and without spaces), or ``None`` when the cell is not a date.

    >>> read_dates("2021年12月完成", "2021年12月完成")
    ('deadline', (When(year=2021, month=12, day=None),))
    >>> read_dates("12月", "12月") is None
    True
    """
    deadline = _DEADLINE.match(compact)
    if deadline is None:
        done = _DONE_BY.match(compact)
        if done is not None and (done["y"] or done["done"]):
            deadline = done
    if deadline is not None:
        year = int(deadline["y"]) if deadline["y"] else None
        if deadline.groupdict().get("ye"):
            when = When(year, 12)
        else:
            day = int(deadline["d"]) if deadline["d"] else None
            when = When(year, int(deadline["m"]), day)
        check_date(text, when)
        return "deadline", (when,)
    period = _PERIOD.match(compact)
    if period is not None:
        ends = []
        for p in "ab":
            written = period[f"{p}d"] or period[f"{p}d2"]
            ends.append(
                When(int(period[f"{p}y"]), int(period[f"{p}m"]), int(written) if written else None)
            )
        for end in ends:
            check_date(text, end)
        if not ends[0].on_or_before(ends[1]):
            raise NotationError(
                "the period ends before it starts", source=text, span=(0, len(text))
            )
        return "period", (ends[0], ends[1])
    return None


def check_date(text: str, when: When) -> None:
    if not when.exists():
        raise NotationError(f"no such date: {when}", source=text, span=(0, len(text)))
