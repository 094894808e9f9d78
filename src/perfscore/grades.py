"""Grades (评价等级): 优, 良, 中, 差.

>>> from perfscore import Grade
>>> Grade("优") is Grade.EXCELLENT
True
>>> Grade.EXCELLENT > Grade.GOOD > Grade.FAIR > Grade.POOR
True
>>> str(Grade.GOOD), Grade.GOOD.code
('良', 2)
>>> sorted([Grade.FAIR, Grade.EXCELLENT, Grade.POOR])
[<Grade.POOR: '差'>, <Grade.FAIR: '中'>, <Grade.EXCELLENT: '优'>]
"""

from __future__ import annotations

import enum
from numbers import Integral
from typing import Final

from .errors import PerfscoreError

__all__ = ["GRADES", "Grade"]


@enum.unique
class Grade(enum.Enum):
    """An evaluation grade, ordered from worst to best: ``POOR < FAIR < GOOD < EXCELLENT``.

    The value is the Chinese character used in published tables. ``code`` is the integer used by
    the batch API (3 优, 2 良, 1 中, 0 差). ``Grade(...)`` also accepts the English member name
    in any case, the traditional 優 and the code; anything else raises
    [PerfscoreError][perfscore.errors.PerfscoreError].
    """

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @property
    def code(self) -> int:
        """3 for 优, 2 for 良, 1 for 中, 0 for 差."""
        return _CODES[self]

    @classmethod
    def from_code(cls, code: int) -> Grade:
        """The grade whose `code` is ``code``.

        >>> Grade.from_code(3)
        <Grade.EXCELLENT: '优'>
        """
        return cls(code)

    @classmethod
    def _missing_(cls, value: object) -> Grade | None:
        if isinstance(value, str):
            text = value.strip()
            for member in cls:
                if text.upper() == member.name or text == member.value:
                    return member
            if text in _TRADITIONAL:
                return _TRADITIONAL[text]
        # Codes often come out of arrays as numpy integers.
        if isinstance(value, Integral) and not isinstance(value, bool) and 0 <= int(value) <= 3:
            return GRADES[3 - int(value)]
        # A ValueError raised here reaches the caller as is: keep it in perfscore's family.
        raise PerfscoreError(f"{value!r} is not a grade (优, 良, 中, 差)")

    def __str__(self) -> str:
        return self.value

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.code < other.code

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.code <= other.code

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.code > other.code

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return self.code >= other.code


#: The grades best first, the order of the published columns.
GRADES: Final[tuple[Grade, ...]] = (Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR)
_CODES: Final[dict[Grade, int]] = {g: 3 - i for i, g in enumerate(GRADES)}
_TRADITIONAL: Final[dict[str, Grade]] = {"優": Grade.EXCELLENT}
