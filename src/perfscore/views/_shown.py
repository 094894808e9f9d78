"""How a figure is shown: one rule for a score, a rate and a change, in every view.

The rule (docs/output.md, "The shown number"):

- **A score** is shown to one decimal (a self-evaluation's 得分 and 总分 to two), rounded half
  away from zero, as a spreadsheet rounds the number a workbook stores: the text, the HTML, the
  workbook, the plots and ``compare`` show one figure.
- **Never across a band edge.** Where rounding would put the figure in another band than the
  exact value's (89.96 rounding up onto 90.0 beside 良, when 优 starts at 90), it is shown with
  one more decimal, and more, until it stays in its band (89.96); past six decimals, beyond any
  table's precision, it is cut toward the exact value. The band edges are every whole number
  (the Ministry of Finance's 90 / 80 / 60, any whole-number band, full marks, 100%), and any
  edges a caller adds (a method's own bands of at most six decimals). A band holds the values
  at or above its edge, as grades do.
- **A rate** (a percentage: 执行率, coverage) is shown the same way, with ``%``.
- **A change** is the difference of the figures shown, with as many decimals as the more precise
  of them: ``77.8 → 80.8`` is ``+3.0``, whatever the exact change was.

The exact value stays in JSON, CSV and the frames; only what people read is rounded.

>>> shown_score(Fraction("77.79")), shown_score(Fraction("89.96")), shown_score(Fraction("90.04"))
('77.8', '89.96', '90.0')
>>> shown_rate(Fraction("104.545"), places=2), shown_change(Fraction("77.79"), Fraction("80.8"))
('104.55%', '+3.0')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Final, NamedTuple

__all__ = [
    "MOST_PLACES",
    "Shown",
    "number_format",
    "show",
    "shown_change",
    "shown_rate",
    "shown_score",
]

#: The most decimals a figure is shown with; past them it is cut toward the exact value.
MOST_PLACES: Final = 6


class Shown(NamedTuple):
    """A figure as shown: its value (an exact decimal) and its decimal places."""

    value: Fraction
    places: int
    #: Whether the figure was cut (past `MOST_PLACES`) rather than rounded.
    cut: bool = False

    def __str__(self) -> str:
        """The figure's text: ``89.96``, ``-3.0``."""
        sign = "-" if self.value < 0 else ""
        scaled = abs(self.value) * 10**self.places
        assert scaled.denominator == 1  # a shown figure has exactly its places
        digits = str(scaled.numerator).rjust(self.places + 1, "0")
        if self.places == 0:
            return sign + digits
        return f"{sign}{digits[: -self.places]}.{digits[-self.places :]}"


def _round(x: Fraction, places: int) -> Fraction:
    """``x`` to ``places`` decimals, half away from zero (as Excel and LibreOffice show it)."""
    scale = 10**places
    magnitude = math.floor(abs(x) * scale + Fraction(1, 2))
    return Fraction(magnitude if x >= 0 else -magnitude, scale)


def _cut(x: Fraction, places: int) -> Fraction:
    """``x`` to ``places`` decimals, rounded down: never onto an edge it has not reached."""
    scale = 10**places
    return Fraction(math.floor(x * scale), scale)


def _same_band(x: Fraction, shown: Fraction, edges: tuple[Fraction, ...]) -> bool:
    """Whether ``shown`` lies in ``x``'s band: the same whole part, and the same side of each
    edge (a band holds the values at or above its edge)."""
    if math.floor(x) != math.floor(shown):
        return False
    return all((x >= edge) == (shown >= edge) for edge in edges)


def show(x: Fraction, *, places: int = 1, edges: Iterable[Fraction] = ()) -> Shown:
    """The figure ``x`` is shown as, by the rule above: ``places`` decimals at least.

    >>> str(show(Fraction(250, 3))), str(show(Fraction("89.9996")))
    ('83.3', '89.9996')
    >>> show(Fraction("85.46"), edges=[Fraction("85.5")])
    Shown(value=Fraction(4273, 50), places=2, cut=False)
    """
    bounds = tuple(edges)
    for decimals in range(places, MOST_PLACES + 1):
        rounded = _round(x, decimals)
        if _same_band(x, rounded, bounds):
            return Shown(rounded, decimals)
    return Shown(_cut(x, MOST_PLACES), MOST_PLACES, cut=True)


def _exact(x: Fraction | float | int) -> Fraction | None:
    """A figure as an exact fraction, a float as the decimal it prints as; None for NaN."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return None if math.isnan(x) else Fraction(repr(x))
    return Fraction(x)


def shown_score(
    score: Fraction | float | None, *, places: int = 1, edges: Iterable[Fraction] = ()
) -> str:
    """A score as every view shows it (``—`` for none): [show][perfscore.views._shown.show].

    >>> shown_score(Fraction(8996, 100)), shown_score(Fraction(250, 3)), shown_score(None)
    ('89.96', '83.3', '—')
    >>> shown_score(19.1666, places=2), shown_score(float("nan"))
    ('19.17', '—')
    """
    exact = None if score is None else _exact(score)
    return "—" if exact is None else str(show(exact, places=places, edges=edges))


def shown_rate(
    rate: Fraction | float | None, *, places: int = 1, edges: Iterable[Fraction] = ()
) -> str:
    """A rate given in percent as every view shows it: ``104.55%``, never ``100%`` for 99.6.

    >>> shown_rate(Fraction("99.6"), places=0), shown_rate(Fraction(280, 3), places=2)
    ('99.6%', '93.33%')
    """
    exact = None if rate is None else _exact(rate)
    return "—" if exact is None else f"{show(exact, places=places, edges=edges)}%"


def shown_change(
    first: Fraction | float | None,
    last: Fraction | float | None,
    *,
    places: int = 1,
    edges: Iterable[Fraction] = (),
) -> str:
    """The change from ``first`` to ``last`` as shown: the difference of the two shown figures,
    signed, so that the figures and the change a reader sees add up (``—`` without both).

    >>> shown_change(Fraction("89.96"), Fraction("92")), shown_change(Fraction(80), Fraction(80))
    ('+2.04', '0.0')
    """
    a = None if first is None else _exact(first)
    b = None if last is None else _exact(last)
    if a is None or b is None:
        return "—"
    bounds = tuple(edges)
    before = show(a, places=places, edges=bounds)
    after = show(b, places=places, edges=bounds)
    change = Shown(after.value - before.value, max(before.places, after.places))
    return f"+{change}" if change.value > 0 else str(change)


def number_format(shown: Shown, *, percent: bool = False) -> str:
    """The spreadsheet number format that shows a stored number as ``shown`` is written.

    >>> shown = Shown(Fraction("89.96"), 2)
    >>> number_format(shown), number_format(Shown(Fraction(1), 0), percent=True)
    ('0.00', '0%')
    """
    body = "0" if shown.places == 0 else "0." + "0" * shown.places
    return body + ("%" if percent else "")
