"""perfscore.views._shown: one rule for the figures every view shows."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfscore
from perfscore.views._shown import (
    MOST_PLACES,
    Shown,
    number_format,
    show,
    shown_change,
    shown_rate,
    shown_score,
)

# Scores and band edges of at most six decimals, as tables write them.
scores = st.fractions(min_value=-200, max_value=200, max_denominator=10**7)
edges = st.lists(
    st.decimals(min_value=-150, max_value=150, places=3).map(lambda d: Fraction(str(d))),
    max_size=4,
)


def band(x: Fraction, bounds: list[Fraction]) -> tuple[int, ...]:
    """Which band ``x`` is in, for every whole-number edge and each edge of ``bounds`` (a band
    holds the values at or above its edge, as a grade does)."""
    return (int(x // 1), *(int(x >= edge) for edge in bounds))


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (Fraction("77.79"), "77.8"),  # the text view used to cut this to 77.7
        (Fraction("89.96"), "89.96"),  # 90.0 would read as 优 beside 良
        (Fraction("89.9996"), "89.9996"),
        (Fraction("90.04"), "90.0"),  # rounding down stays in 优's band
        (Fraction("77.75"), "77.8"),  # half away from zero, as a spreadsheet shows it
        (Fraction("77.85"), "77.9"),
        (Fraction(250, 3), "83.3"),
        (Fraction(0), "0.0"),
        (Fraction(100), "100.0"),
        (Fraction("-0.04"), "-0.04"),  # 0.0 would cross the edge at 0
        (Fraction("-0.05"), "-0.1"),
        (Fraction("99.99999999"), "99.999999"),  # past six decimals: cut, never onto 100
        (None, "—"),
    ],
)
def test_shown_score(score: Fraction | None, shown: str) -> None:
    assert shown_score(score) == shown


def test_two_places_and_rates() -> None:
    assert shown_score(Fraction("99.2586"), places=2) == "99.26"  # the text view cut to 99.25
    assert shown_rate(Fraction("104.545"), places=2) == "104.55%"
    assert shown_rate(Fraction("99.996"), places=2) == "99.996%"  # not a full 100.00%
    assert shown_rate(None) == "—"


def test_an_edge_given_is_kept_as_a_whole_number_is() -> None:
    assert shown_score(Fraction("85.46")) == "85.5"
    assert shown_score(Fraction("85.46"), edges=[Fraction("85.5")]) == "85.46"
    assert shown_score(Fraction("85.56"), edges=[Fraction("85.55")]) == "85.6"


@given(scores, edges, st.integers(min_value=0, max_value=2))
def test_a_shown_figure_never_leaves_its_band(
    x: Fraction, bounds: list[Fraction], places: int
) -> None:
    shown = show(x, places=places, edges=bounds)
    assert band(shown.value, bounds) == band(x, bounds)
    assert shown.places >= places
    assert Fraction(str(shown)) == shown.value
    if not shown.cut:  # rounded: within half a unit of its last place
        assert abs(shown.value - x) <= Fraction(1, 2 * 10**shown.places)
    else:
        assert shown.places == MOST_PLACES
        assert 0 <= x - shown.value < Fraction(1, 10**MOST_PLACES)


@given(scores, scores, st.integers(min_value=1, max_value=2))
def test_a_shown_change_is_the_difference_of_the_shown_figures(
    a: Fraction, b: Fraction, places: int
) -> None:
    change = shown_change(a, b, places=places)
    first = Fraction(shown_score(a, places=places))
    last = Fraction(shown_score(b, places=places))
    assert Fraction(change) == last - first
    assert change.startswith("+") == (last > first)


@given(scores, st.integers(min_value=0, max_value=2))
def test_a_spreadsheet_shows_the_stored_number_as_the_text_does(x: Fraction, places: int) -> None:
    # What Excel and LibreOffice show of a float under "0.00": its decimal, half away from zero.
    shown = show(x, places=places)
    stored = float(shown.value if shown.cut else x)
    decimals = number_format(shown).partition(".")[2]
    quantum = Decimal(1).scaleb(-len(decimals))
    on_screen = Decimal(repr(stored)).quantize(quantum, rounding=ROUND_HALF_UP)
    assert str(on_screen) == str(shown) or Decimal(str(shown)) == on_screen


def test_number_format() -> None:
    assert number_format(Shown(Fraction("89.96"), 2)) == "0.00"
    assert number_format(Shown(Fraction(95), 0), percent=True) == "0%"
    assert number_format(Shown(Fraction("93.33"), 2), percent=True) == "0.00%"


def test_compare_prints_figures_that_add_up() -> None:
    before = perfscore.score("zanhuang-hrss-2018", "examples/zanhuang-hrss-2018-results.csv")
    after = perfscore.score("zanhuang-hrss-2018", "examples/zanhuang-hrss-2019-results.csv")
    lines = perfscore.compare(before, after).to_text().splitlines()
    figures = re.compile(r"(-?\d+\.\d+) \S → (-?\d+\.\d+) \S\s+([+-]?\d+\.\d+) [↑↓=]")
    checked = 0
    for line in lines:
        found = figures.search(line)
        if found:
            first, last, change = (Fraction(g) for g in found.groups())
            assert last - first == change, line
            checked += 1
    assert checked == 1 + len(before.duties)


@given(
    st.sampled_from([60, 80, 90, 100]),
    st.fractions(min_value=Fraction(-1, 10), max_value=Fraction(1, 10), max_denominator=10**6),
    st.integers(min_value=1, max_value=2),
)
def test_at_every_band_boundary_the_shown_score_keeps_its_grade(
    edge: int, offset: Fraction, places: int
) -> None:
    from perfscore.scoring._methods import MOF_BANDS

    def grade(x: Fraction) -> str:
        return next((g.value for g, least in MOF_BANDS.items() if x >= least), "差")

    score = edge + offset
    assert grade(Fraction(shown_score(score, places=places))) == grade(score)
