"""The property-testing kit as a user meets it: only public perfscore names are imported here."""

import importlib.metadata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import perfscore
from perfscore import Direction, Grade, Ladder, Table, parse_ladder
from perfscore.testing import assert_covers, assert_round_trips, assert_table_valid
from perfscore.testing.strategies import KINDS, cells, from_ladder, ladders, tables

# -- the user's own test: every value drawn for a grade gets that grade ----------------------


@given(st.data())
def test_every_value_drawn_for_a_grade_gets_that_grade(data: st.DataObject) -> None:
    ladder = data.draw(ladders(), label="ladder")
    grade = data.draw(st.sampled_from(ladder.grades), label="grade")
    value = data.draw(from_ladder(ladder, grade=grade), label="value")
    assert ladder.grade(value) is grade


@given(st.data())
def test_values_drawn_for_any_grade_get_a_reachable_grade(data: st.DataObject) -> None:
    ladder = data.draw(ladders(units=["万元", "percent"]))
    value = data.draw(from_ladder(ladder))
    assert ladder.grade(value) in ladder.grades


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_each_kind_draws_ladders_of_that_kind(kind: str, data: st.DataObject) -> None:
    ladder = data.draw(ladders(kinds=[kind]))
    expected = {
        "higher": {Direction.HIGHER_IS_BETTER},
        "lower": {Direction.LOWER_IS_BETTER},
        "band": {Direction.TARGET_BAND},
        "blank": {Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER, Direction.TARGET_BAND},
        "categorical": {Direction.CATEGORICAL},
    }[kind]
    assert ladder.direction in expected
    if kind == "blank":
        assert len(ladder.grades) < 4
    assert_covers(ladder)


@given(ladders(units=["人", "次"]))
def test_ladders_in_counted_units_are_counted(ladder: Ladder) -> None:
    assert ladder.unit in ("人", "次", None)
    assert ladder.counted or ladder.categorical


@given(cells())
def test_published_rows_parse_cover_and_round_trip(row: dict[Grade, str | None]) -> None:
    ladder = parse_ladder(row)
    assert_covers(ladder)
    assert_round_trips(ladder)


@given(tables(max_size=5))
def test_drawn_tables_are_valid(table: Table) -> None:
    assert 1 <= len(table) <= 5
    assert_table_valid(table)


def _registered() -> bool:
    hooks = importlib.metadata.entry_points(group="hypothesis")
    return any(hook.value.startswith("perfscore.") for hook in hooks)


@pytest.mark.skipif(
    not _registered(),
    reason="the installed perfscore predates its hypothesis entry point: reinstall it",
)
@given(st.from_type(Ladder), st.from_type(Table))
def test_from_type_draws_ladders_and_tables(ladder: Ladder, table: Table) -> None:
    assert isinstance(ladder, Ladder)
    assert isinstance(table, Table)
    assert_round_trips(ladder)


# -- bad options are InvalidArgument, raised when the strategy is made ------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ladders(kinds=[]), "kinds must name at least one kind"),
        (lambda: ladders(kinds=["sideways"]), "unknown ladder kind 'sideways'"),
        (lambda: ladders(kinds="higher"), "kinds='higher' must be a sequence of kind names"),
        (lambda: ladders(units=[]), "units must name at least one unit"),
        (lambda: ladders(units="percent"), "units='percent' must be a sequence of unit names"),
        (lambda: cells(units=["parsec"]), "units: unknown unit 'parsec'"),
        (lambda: cells(units=[3]), "units must be unit names, not 3"),  # type: ignore[list-item]
        (lambda: tables(min_size=0), "min_size=0 must be at least 1"),
        (lambda: tables(min_size=5, max_size=2), "min_size=5 is larger than max_size=2"),
        (lambda: tables(max_size="3"), "max_size='3' must be an integer"),  # type: ignore[arg-type]
        (lambda: from_ladder("≥90%"), "needs a perfscore.Ladder, not '≥90%'"),  # type: ignore[arg-type]
    ],
)
def test_bad_options_are_invalid_arguments(make: object, message: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        make()  # type: ignore[operator]
    assert message in str(raised.value)


def test_from_ladder_rejects_a_grade_the_ladder_cannot_give() -> None:
    ladder = perfscore.parse_ladder({"优": "1次", "良": None, "中": None, "差": "1次以上"})
    with pytest.raises(InvalidArgument) as raised:
        from_ladder(ladder, grade="良")
    assert str(raised.value) == f"no value gets 良 from {ladder!r}: its cell is blank"
    with pytest.raises(InvalidArgument) as raised:
        from_ladder(ladder, grade="A+")
    assert str(raised.value) == "grade='A+' is not a grade (优, 良, 中, 差)"


@given(ladders(kinds=["band"], units=["%"]), tables(max_size=3))
def test_strategies_draw_within_the_options_they_were_given(ladder: Ladder, table: Table) -> None:
    # The strategies are plain compositions of hypothesis's public ones (their repr is
    # hypothesis's own); what the options promise shows in what is drawn.
    assert ladder.unit == "percent"
    assert 1 <= len(table.indicators()) <= 3
