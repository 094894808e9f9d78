"""perfscore.errors: the one error family, its locations, and text made safe to print."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfscore.errors import (
    MAX_QUOTED,
    InvalidLadder,
    Location,
    NotationError,
    PerfscoreError,
    ResultsError,
    TableError,
    UncoveredValue,
    UnitMismatch,
    UnknownIndicator,
    clip,
    printable,
)

# -- printable -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("优 ≥95%", "优 ≥95%"),
        ("a\tb", "a\\x09b"),
        ("a\nb", "a\\x0ab"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x7f", "\\x7f"),
        ("abc\u202edef", "abc\\u202edef"),  # a right-to-left override
        ("a\u2028b", "a\\u2028b"),  # a line separator
        ("\ufeff", "\\ufeff"),  # a byte order mark is a format character
        ("\U000e0001", "\\U000e0001"),  # a language tag, beyond the BMP
        ("\ue000", "\\ue000"),  # a private-use character
        ("a\u00a0b", "a\u00a0b"),  # a no-break space is a space: shown as it is
        ("全角　空格", "全角　空格"),  # the ideographic space too
    ],
)
def test_printable_escapes_what_a_terminal_acts_on(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_keeps_the_characters_it_is_told_to() -> None:
    assert printable("row 1\nrow 2\t!", keep="\n") == "row 1\nrow 2\\x09!"
    assert printable("a\tb", keep="\t") == "a\tb"


@given(st.text())
def test_printable_output_is_printable_and_unchanged_when_already_so(text: str) -> None:
    shown = printable(text)
    # what is kept is shown as itself: printable, or a space of some width
    assert all(ch.isprintable() or unicodedata.category(ch) == "Zs" for ch in shown)
    if text.isprintable():
        assert shown == text
    assert printable(shown) == shown  # escaping is done once: its output needs no more


# -- clip ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "clipped"),
    [
        ("", 5, ""),
        ("12345", 5, "12345"),
        ("123456", 5, "12345… (6 characters)"),
        ("9" * 100_000, 12, "999999999999… (100,000 characters)"),
        ("优" * 3, 2, "优优… (3 characters)"),
    ],
)
def test_clip(text: str, limit: int, clipped: str) -> None:
    assert clip(text, limit) == clipped


def test_clip_defaults_to_max_quoted() -> None:
    assert clip("x" * MAX_QUOTED) == "x" * MAX_QUOTED
    assert clip("x" * (MAX_QUOTED + 1)) == "x" * MAX_QUOTED + f"… ({MAX_QUOTED + 1} characters)"


# -- Location --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "text"),
    [
        (Location(), ""),
        (Location(file="r.csv"), "r.csv"),
        (Location(row=3, indicator="1.1.1"), "row 3, indicator 1.1.1"),
        (
            Location(file="f", row=2, indicator="9.2.1", cell="良", path="duties[0]", table="t"),
            "f, row 2, table t, duties[0], indicator 9.2.1, cell 良",
        ),
        (Location(indicator=""), ""),  # a blank id is said in the reason
        (Location(row=0), "row 0"),  # row 0 is a row (LadderBook counts from 0)
    ],
)
def test_a_location_reads_file_row_table_path_indicator_cell(where: Location, text: str) -> None:
    assert str(where) == text


def test_merged_fills_only_the_empty_fields() -> None:
    inner = Location(row=2, indicator="1.1.1")
    outer = Location(file="r.csv", row=9, cell="优")
    assert inner.merged(outer) == Location(file="r.csv", row=2, indicator="1.1.1", cell="优")
    assert inner.merged(Location()) == inner
    assert Location().merged(outer) == outer
    with pytest.raises(AttributeError):
        inner.row = 3  # type: ignore[misc]


# -- PerfscoreError and its kin ----------------------------------------------------------------


def test_an_error_is_a_value_error_with_its_reason_and_place() -> None:
    error = PerfscoreError("no grade covers it", Location(file="r.csv", row=2))
    assert isinstance(error, ValueError)
    assert error.args == ("no grade covers it",)
    assert str(error) == "r.csv, row 2: no grade covers it"
    assert str(PerfscoreError("bare")) == "bare"
    assert PerfscoreError("x").where == Location()


def test_located_adds_context_and_keeps_what_is_set() -> None:
    error = PerfscoreError("bad", Location(row=4))
    same = error.located(file="a.csv", row=99, indicator="1.1.1")
    assert same is error
    assert error.where == Location(file="a.csv", row=4, indicator="1.1.1")
    error.located(table="t", path="duties[0]", cell="差")
    assert str(error) == "a.csv, row 4, table t, duties[0], indicator 1.1.1, cell 差: bad"


def test_a_message_escapes_control_characters_but_keeps_its_lines() -> None:
    error = PerfscoreError("2 bad rows:\n  row 2: '\x1b[31m'", Location(file="r\x07.csv"))
    assert str(error) == "r\\x07.csv: 2 bad rows:\n  row 2: '\\x1b[31m'"


def test_errors_compare_by_identity() -> None:
    # eq=False: two errors with the same text are two events (and stay hashable).
    assert PerfscoreError("x") != PerfscoreError("x")
    assert len({PerfscoreError("x"), PerfscoreError("x")}) == 2


@pytest.mark.parametrize(
    "kind", [NotationError, InvalidLadder, UnitMismatch, UncoveredValue, TableError, ResultsError]
)
def test_every_error_is_a_perfscore_error(kind: type[PerfscoreError]) -> None:
    error = kind("why")
    assert isinstance(error, PerfscoreError)
    assert isinstance(error, ValueError)
    assert str(error.located(indicator="1.1.1")).startswith("indicator 1.1.1: why")


def test_an_unknown_indicator_is_a_key_error_shown_as_a_message() -> None:
    error = UnknownIndicator("no indicator '9.9.9'", key="9.9.9", suggestions=("9.1.1",))
    assert isinstance(error, KeyError)
    assert isinstance(error, PerfscoreError)
    assert str(error) == "no indicator '9.9.9'"  # not KeyError's repr with quotes
    assert (error.key, tuple(error.suggestions)) == ("9.9.9", ("9.1.1",))
    with pytest.raises(KeyError):
        raise error


def test_unit_mismatch_and_uncovered_value_carry_their_fields() -> None:
    mismatch = UnitMismatch("a value in 人 cannot be read as 次", value_unit="人", ladder_unit="次")
    assert (mismatch.value_unit, mismatch.ladder_unit) == ("人", "次")
    assert UncoveredValue("no grade", value="85%").value == "85%"


def test_a_table_error_shows_its_detail_under_the_message() -> None:
    error = TableError("unexpected 'S'", Location(file="t.yaml"), detail="    ≥8S%\n      ^")
    assert str(error) == "t.yaml: unexpected 'S'\n    ≥8S%\n      ^"
    assert str(TableError("no detail")) == "no detail"


# -- NotationError: the caret line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "span", "shown"),
    [
        ("≥ 9O%", (3, 4), "    ≥ 9O%\n       ^"),
        ("9O", (1, 1), "    9O\n     ^"),  # an empty span still gets one caret
        ("", (0, 0), "    \n    ^"),  # the end of an empty cell
        ("≥90", (3, 3), "    ≥90\n       ^"),  # the end of the cell
        ("不低于 九十", (4, 6), "    不低于 九十\n           ^^^^"),  # wide characters count two
        ("a\x1bb", (1, 2), "    a\\x1bb\n     ^^^^"),  # an escape is as wide as it is shown
    ],
)
def test_the_caret_is_under_the_fault(source: str, span: tuple[int, int], shown: str) -> None:
    error = NotationError("unexpected", source=source, span=span)
    assert error.details() == shown
    assert str(error) == "unexpected\n" + shown


def test_a_long_source_is_shown_as_a_window_around_the_fault() -> None:
    source = "a" * 200 + "X" + "b" * 200
    error = NotationError("unexpected 'X'", source=source, span=(200, 201))
    line, carets = error.details().split("\n")
    shown = line.strip()
    assert shown.startswith("…")
    assert shown.endswith("…")
    assert len(shown) == MAX_QUOTED + 2
    assert shown[1:].index("X") == MAX_QUOTED // 2
    assert carets.index("^") == line.index("X")
    assert carets.count("^") == 1


def test_a_fault_near_the_start_of_a_long_source_is_not_cut_before_it() -> None:
    source = "X" + "b" * 500
    line, carets = NotationError("bad", source=source, span=(0, 1)).details().split("\n")
    assert line == "    X" + "b" * (MAX_QUOTED - 1) + "…"
    assert carets == "    ^"


def test_a_long_fault_is_marked_with_at_most_max_quoted_carets() -> None:
    source = "9" * 5000
    carets = NotationError("too long", source=source, span=(0, 5000)).details().split("\n")[1]
    assert carets.strip() == "^" * MAX_QUOTED
