"""The advice a refused target gets: how to write what a published cell seems to mean, where
reading it would be a guess.

Two forms real tables print are refused on purpose, each with the spelling that reads:

- a rate written per-first without its money unit (``每亩300``): 300 元, 万元 or 亩 per 亩? The
  money unit is written after the number (``300元/亩``), as the notation reads rates;
- an upper-case ``M`` after a number (``≥80M``): metres (米, ``m``) or mega (``100M`` of
  bandwidth is 100 Mbit/s)? The cell names which (``80米``).

>>> print(advice("每亩300"))
300 of what per 亩? a rate is written with its money unit and the unit it is per after the \
number: write 300元/亩 (or 300万元/亩)
>>> print(advice("每亩300元"))
a rate is written with the unit it is per after it: write 300元/亩
>>> print(advice("≥80M"))
M is metres (米) or mega (百万)? write ≥80米 (or ≥80m) for metres
>>> advice("≥80米") is None
True
"""

from __future__ import annotations

import re
from typing import Final

from perfscore.errors import NotationError, PerfscoreError
from perfscore.units import canonical_unit

from ._tokenizer import fold

__all__ = ["advice", "advised"]

#: 每亩300, ≥每亩300元: the unit a rate is per, before the number.
_PER_FIRST: Final = re.compile(
    r"^(?P<op>[^\d每]*)每(?P<per>\D{1,4}?)(?P<n>\d[\d,.]*)(?P<after>\D*)$"
)
#: ≥80M: an upper-case M right after a number, alone or before a comparison word.
_UPPER_M: Final = re.compile(r"^(?P<before>\D*\d[\d,.]*)M(?P<after>[^A-Za-z]*)$")


def advice(text: str) -> str | None:
    """How to write a target the notation refuses, when it is one of the forms above; else
    ``None``."""
    compact = "".join(fold(text).split())
    per = _PER_FIRST.match(compact)
    if per is not None and _is_unit(per["per"]):
        op, amount, below = per["op"], per["n"], per["per"]
        if per["after"]:
            written = f"{op}{amount}{per['after']}/{below}"
            return f"a rate is written with the unit it is per after it: write {written}"
        return (
            f"{amount} of what per {below}? a rate is written with its money unit and the unit "
            f"it is per after the number: write {op}{amount}元/{below} "
            f"(or {op}{amount}万元/{below})"
        )
    upper = _UPPER_M.match(compact)
    if upper is not None:
        before, after = upper["before"], upper["after"]
        return (
            f"M is metres (米) or mega (百万)? write {before}米{after} (or {before}m{after}) for "
            "metres"
        )
    return None


def advised(error: NotationError, text: str) -> NotationError:
    """``error``, or the advice for ``text`` in its place (the whole cell under the caret)."""
    said = advice(text)
    if said is None:
        return error
    return NotationError(said, source=text, span=(0, max(len(text), 1)))


def _is_unit(name: str) -> bool:
    try:
        canonical_unit(name)
    except PerfscoreError:  # not a unit the registry knows
        return False
    return True
