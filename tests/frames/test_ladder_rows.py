"""perfscore.frames._ladder_rows: ladder tables read back from an
indicator frame, every bad row named, and an oracle that reads the rows one by one."""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.errors import PerfscoreError, TableError
from perfscore.frames import layout_from_frame, tables_from_frame
from perfscore.frames._ladder_rows import TABLES_FRAME
from perfscore.grades import GRADES
from perfscore.ladders import Ladder
from perfscore.scoring._cells import cell_text
from perfscore.tables import Table
from perfscore.tables._models import shared_ladder
from tests.frames_data import TABLES
from tests.scoring_data import zanhuang

FRAME = perfscore.indicator_frame(TABLES)


def test_equal_cells_share_one_parsed_ladder() -> None:
    one = FRAME[FRAME["table"] == zanhuang.name]
    tables, problems = tables_from_frame(pd.concat([one, one.assign(table="again")]))
    assert not problems
    first, again = tables[zanhuang.name], tables["again"]
    assert all(
        a.ladder is b.ladder for a, b in zip(first.indicators(), again.indicators(), strict=True)
    )
    assert [i.ladder for i in first.indicators()] == [i.ladder for i in zanhuang.indicators()]


def _broken() -> pd.DataFrame:
    frame = FRAME[FRAME["table"] == zanhuang.name].copy()
    frame.loc[1, "良"] = "≥≥90%"  # row 3
    frame.loc[2, "weight"] = 0  # row 4
    frame.loc[3, "activity"] = "9.9"  # row 5: not the id's activity
    frame.loc[4, ["duty", "activity", "id"]] = ["1", "1.1", "1.1.1"]  # row 6: given twice
    frame.loc[5, "table"] = "Not A Name"  # row 7
    return frame


def test_bad_rows_of_the_tables_frame_are_all_named() -> None:
    results = pd.DataFrame({"table": [zanhuang.name], "id": ["1.1.1"], "value": [100]})
    with pytest.raises(perfscore.PerfscoreError) as raised:
        perfscore.score_frame(_broken(), results)
    problems = raised.value.problems  # type: ignore[attr-defined]
    ids = FRAME["id"].tolist()
    assert [(e.where.file, e.where.row, e.where.indicator, e.where.cell) for e in problems] == [
        (TABLES_FRAME, 3, ids[1], "良"),
        (TABLES_FRAME, 4, ids[2], "weight"),
        (TABLES_FRAME, 5, ids[3], "activity"),
        (TABLES_FRAME, 6, ids[0], "id"),
        (TABLES_FRAME, 7, ids[5], "table"),
    ]
    assert "tables frame, row 3, table zanhuang-hrss-2018, indicator 1.1.2, cell 良" in str(
        raised.value
    )


def test_coerce_lists_the_bad_rows_and_scores_the_rest() -> None:
    results = pd.DataFrame(
        {"table": [zanhuang.name] * 2, "id": ["1.1.1", "1.1.2"], "value": [100, 95]}
    )
    scores = perfscore.score_frame(_broken(), results, errors="coerce")
    unscored = scores.unscored
    assert unscored["message"].str.startswith(TABLES_FRAME).tolist()[:5] == [True] * 5
    assert unscored["row"].tolist() == [3, 4, 5, 6, 7, 3]  # then the result for 1.1.2
    assert unscored["value"].tolist()[:2] == ["≥≥90%", 0]
    assert scores.departments["total"].tolist() == [68 - 5]
    assert scores.departments["graded"].tolist() == [1]


def test_a_frame_without_the_needed_columns_is_refused() -> None:
    with pytest.raises(perfscore.PerfscoreError, match="missing 优"):
        perfscore.score_frame(
            FRAME.drop(columns="优"), pd.DataFrame(columns=["table", "id", "value"])
        )


def test_a_frame_read_back_from_csv_and_parquet_scores_the_same(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    results = pd.DataFrame(
        {
            "table": [zanhuang.name] * 3,
            "id": ["1.1.1", "1.1.2", "10.3.1"],
            "value": [100, 92.5, "有效实施"],
        }
    )
    expected = perfscore.score_frame([zanhuang], results).departments
    FRAME.to_csv(tmp_path / "t.csv", index=False)
    FRAME.to_parquet(tmp_path / "t.parquet")
    for read in (
        pd.read_csv(tmp_path / "t.csv", dtype={"duty": str, "activity": str, "id": str}),
        pd.read_parquet(tmp_path / "t.parquet"),
    ):
        got = perfscore.score_frame(read, results).departments
        got = got[got["table"] == zanhuang.name].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_categorical_text_columns_score_the_same() -> None:
    """Text columns read dictionary-encoded (Parquet's read_dictionary, dtype='category')."""
    results = pd.DataFrame(
        {
            "table": [zanhuang.name] * 4,
            "id": ["1.1.1", "1.1.2", "10.3.1", "1.2.2"],
            "value": [100, 92.5, "有效实施", 470],
        }
    )
    expected = perfscore.score_frame(FRAME, results)
    text = ["table", "duty", "activity", "id", "优", "良", "中", "差", "unit", "name"]
    got = perfscore.score_frame(
        FRAME.astype(dict.fromkeys(text, "category")),
        results.astype({"table": "category", "id": "category"}),
    )
    for level in ("indicators", "activities", "duties", "departments"):
        pd.testing.assert_frame_equal(getattr(got, level), getattr(expected, level))


# ---------------------------------------------------------------------------------------------
# tables_from_frame and layout_from_frame read a frame exactly as the row-by-row reading did: the
# same bad rows with the same messages, locations and cells, in the same order, and the same
# tables. `oracle` below is that previous reading, kept as the reference.
# ---------------------------------------------------------------------------------------------

NAME = "zanhuang-hrss-2018"
BASE = perfscore.indicator_frame([NAME])
RECORDS: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in BASE.to_dict("records")]
COLUMNS = list(BASE.columns)
CELLS = tuple(g.value for g in GRADES)
WEIGHTS = ("weight", "activity_weight", "duty_weight")
Problems = list[tuple[int, PerfscoreError, object]]
Plain = tuple[Any, ...]


# ---------------------------------------------------------------------------------------------
# The reference: the previous row-by-row reading of an indicator frame.
# ---------------------------------------------------------------------------------------------

_TABLE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID = re.compile(r"^(\d+)\.(\d+)\.\d+$")


def _oracle_texts(frame: pd.DataFrame, name: str) -> list[str | None]:
    if name not in frame.columns:
        return [None] * len(frame)
    return [cell_text(cell) for cell in frame[name].tolist()]


def _oracle_column(frame: pd.DataFrame, name: str) -> list[Any]:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _oracle_weight(cell: object) -> float | None:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
        return None
    if isinstance(cell, str):
        if not cell.strip():
            return None
        cell = float(cell)
    if isinstance(cell, bool):
        raise ValueError
    number = float(cell)  # type: ignore[arg-type]
    if not math.isfinite(number) or number <= 0:
        raise ValueError
    return number


def oracle(frame: pd.DataFrame) -> tuple[dict[str, Plain], Problems]:
    """The previous row-by-row reading of an indicator frame, kept as the reference.

    A trimmed copy of the loop ``tables_from_frame`` ran before it was made column-wise (commit
    16cd9cf): every row is checked in turn (table name, id, duty, activity, an id given twice
    after a good row with it, the weights, the cells), a bad row is reported with its first
    problem and registers nothing, and a good row is added to its table, duty and activity (each
    made by the first good row that names it). The tables come back as plain tuples (see
    `plain`), the problems as (row, error, cell).
    """
    frame = frame.reset_index(drop=True)
    built: dict[str, dict[str, Any]] = {}
    known: dict[tuple[str, str], tuple[object, int]] = {}  # (table, column): (value, row)
    problems: Problems = []
    text = ("table", "duty", "activity", "id", *CELLS, "unit")
    columns = [_oracle_texts(frame, c) for c in text]
    columns += [_oracle_column(frame, "weight"), _oracle_texts(frame, "name")]
    extra = [_oracle_column(frame, c) for c in ("activity_weight", "duty_weight")]
    extra += [_oracle_texts(frame, c) for c in ("activity_name", "duty_name", "department")]
    extra.append(_oracle_column(frame, "year"))
    for r, values in enumerate(zip(*columns, *extra, strict=True)):
        row = r + 2
        table, duty_cell, activity_cell, key = values[:4]
        cells = tuple(values[4:8])
        unit, weight_cell, name_cell = values[8:11]
        a_weight, d_weight, a_name, d_name, department, year = values[11:]

        def bad(message: str, column: str, cell: object, row: int = row, table: Any = table,
                key: Any = key) -> None:  # fmt: skip
            error = TableError(message).located(
                file=TABLES_FRAME, row=row, table=table, indicator=key, cell=column
            )
            problems.append((row, error, cell))

        if table is None or not _TABLE.match(table):
            bad(f"the table name {table!r} is not a table's name (a-z, 0-9, -)", "table", table)
            continue
        found = _ID.match(key) if key is not None else None
        if key is None or found is None:
            bad(f"the id {key!r} is not an indicator id (<duty>.<activity>.<n>)", "id", key)
            continue
        duty_id = found.group(1)
        activity_id = f"{duty_id}.{found.group(2)}"
        if duty_cell is not None and duty_cell != duty_id:
            bad(f"indicator {key} is under duty {duty_id}, not {duty_cell}", "duty", duty_cell)
            continue
        if activity_cell is not None and activity_cell != activity_id:
            bad(f"indicator {key} is under activity {activity_id}, not {activity_cell}",
                "activity", activity_cell)  # fmt: skip
            continue
        clash = _oracle_clash(known, table, r, department, year, frame)
        if clash is not None:
            bad(*clash)
            continue
        into = built.get(table)
        if into is not None and key in into["ids"]:
            bad(f"indicator {key} is given twice in table {table}", "id", key)
            continue
        weights: list[float | None] = []
        for column, cell in zip(WEIGHTS, (weight_cell, a_weight, d_weight), strict=True):
            try:
                weights.append(_oracle_weight(cell))
            except (TypeError, ValueError):
                bad(f"a weight is a positive number, not {cell!r}", column, cell)
                break
        if len(weights) < 3:
            continue
        weight, activity_weight, duty_weight = weights
        ladder: Ladder | PerfscoreError
        try:
            ladder = shared_ladder(cells, unit)
        except PerfscoreError as unreadable:
            ladder = unreadable
        if isinstance(ladder, PerfscoreError):
            copy = dataclasses.replace(ladder, where=dataclasses.replace(ladder.where))
            at = copy.where.cell if copy.where.cell in CELLS else None
            copy.located(file=TABLES_FRAME, row=row, table=table, indicator=key, cell=at)
            problems.append((row, copy, cells[CELLS.index(at)] if at else None))
            continue
        if into is None:
            into = built[table] = {"duties": {}, "ids": set()}
        duty = into["duties"].setdefault(duty_id, (d_name or duty_id, duty_weight, {}))
        activity = duty[2].setdefault(activity_id, (a_name or activity_id, activity_weight, []))
        into["ids"].add(key)
        activity[2].append((key, name_cell or key, unit, cells, weight, ladder))
    for name, into in built.items():  # the first given, by whichever row of the table gave it
        into["department"] = known.get((name, "department"), (None, 0))[0]
        into["year"] = known.get((name, "year"), (None, 0))[0]
    return {name: _oracle_plain(name, t) for name, t in built.items()}, problems


def _oracle_clash(
    known: dict[tuple[str, str], tuple[object, int]], table: str, r: int, department: str | None,
    year: object, frame: pd.DataFrame,
) -> tuple[str, str, object] | None:  # fmt: skip
    """A row's department or year against its table's first given one (registering it when the
    row gives the first): the bad row's (message, column, cell), or None."""
    number = pd.to_numeric(pd.Series([year], dtype=object), errors="coerce").iloc[0]
    shown = None if pd.isna(number) else int(number) if float(number).is_integer() else number
    for column, value in (("department", department), ("year", shown)):
        if value is None:
            continue
        first = known.setdefault((table, column), (value, r + 2))
        if first[0] != value:
            message = f"table {table}'s {column} is {first[0]} (row {first[1]}), not {value}"
            return message, column, frame[column].iloc[r]
    return None


def _oracle_plain(name: str, table: dict[str, Any]) -> Plain:
    year = table["year"]
    return (
        name,
        table["department"] or name,
        None if year is None or pd.isna(year) else int(year),
        tuple(
            (duty_id, d_name, d_weight, tuple(
                (activity_id, a_name, a_weight, tuple(indicators))
                for activity_id, (a_name, a_weight, indicators) in activities.items()
            ))
            for duty_id, (d_name, d_weight, activities) in table["duties"].items()
        ),
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Comparison.
# ---------------------------------------------------------------------------------------------


def plain(table: Table) -> Plain:
    """A table as the oracle gives it: name, department, year, then its duties, activities and
    indicators (id, name, unit, cells, weight, ladder) in order."""
    return (
        table.name,
        table.department.name,
        table.year,
        tuple(
            (duty.id, duty.name, duty.weight, tuple(
                (activity.id, activity.name, activity.weight, tuple(
                    (i.id, i.name, i.unit, tuple(i.cells.values()), i.weight, i.ladder)
                    for i in activity.indicators
                ))
                for activity in duty.activities
            ))
            for duty in table.duties
        ),
    )  # fmt: skip


def same(value: object) -> tuple[str, str]:
    """A cell as compared: its type and spelling (0, 0.0 and False are different cells)."""
    return type(value).__name__, repr(value)


def facts(problems: Problems) -> list[tuple[object, ...]]:
    """Each problem as compared: row, error type, message, location and cell."""
    return [
        (row, type(e).__name__, str(e), dataclasses.astuple(e.where), same(cell))
        for row, e, cell in problems
    ]


def assert_as_oracle(frame: pd.DataFrame) -> None:
    """tables_from_frame and layout_from_frame answer as the oracle does."""
    expected, expected_problems = oracle(frame)
    tables, problems = tables_from_frame(frame)
    _, layout_problems = layout_from_frame(frame)
    assert facts(problems) == facts(expected_problems)
    assert facts(layout_problems) == facts(expected_problems)
    assert list(tables) == list(expected)
    for name, table in tables.items():
        assert plain(table) == expected[name]
    for name, table in tables.items():  # the types too: a weight is a float, a year an int
        assert [same(i.weight) for i in table.indicators()] == [
            same(i[4]) for duty in expected[name][3] for activity in duty[3] for i in activity[3]
        ]
        assert same(table.year) == same(expected[name][2])


# ---------------------------------------------------------------------------------------------
# Frames drawn from the indicator frame of zanhuang-hrss-2018, with bad and odd cells.
# ---------------------------------------------------------------------------------------------

NAN = math.nan
GOOD_TABLES: list[object] = [NAME, "again", "again-2018"]
BAD_TABLES: list[object] = [
    "Again",
    "not a name",
    " again ",
    "again\n",
    NAN,
    None,
    "",
    "  ",
    "-again",
    7,
]
ODD: dict[str, list[object]] = {
    "id": ["1.1.1", "1.1.2", " 1.1.1 ", "1.1", "x", "", None, NAN, "01.1.1", "9.9.9", 1.5],
    "duty": [None, NAN, "", "9", " 1 ", 1, "1.0", "01"],
    "activity": [None, NAN, "", "9.9", "1.1", " 1.1 ", "1.2"],
    "weight": [0, -1, "x", True, False, math.inf, NAN, "", None, 1, 1.0, 2.5, "3", -0.0, 0.0],
    "优": ["≥≥90%", "", None, "100%", " ≥90% ", 90, 90.0],
    "良": ["≥≥90%", "", None, "≥90%", "≥80%", 80],
    "中": ["≥≥90%", "", None, "≥80%"],
    "差": ["≥≥90%", "", None, "<80%", "<5"],
    "unit": [None, "", "percent", "次", " percent "],
    "name": ["", None, NAN, "  ", "新名", 7],
    "activity_name": ["", None, "活动"],
    "duty_name": ["", None, "职责"],
    "department": ["", None, "部门", NAN],
}


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    """Whole tables (one, or two interleaved) and drawn rows, any of them changed, in any order.

    Each frame draws a few columns and a few odd cells for each first, and changes rows with
    those only, so that cells equal in value but not in spelling (1 and True, 0 and 0.0) meet.
    """
    columns = draw(st.lists(st.sampled_from(sorted(ODD)), min_size=1, max_size=3, unique=True))
    palette = {
        column: draw(st.lists(st.sampled_from(ODD[column]), min_size=1, max_size=3), label=column)
        for column in columns
    }
    changes = st.lists(
        st.sampled_from(sorted(palette)).flatmap(
            lambda column: st.tuples(st.just(column), st.sampled_from(palette[column]))
        ),
        max_size=3,
    )
    maybe: st.SearchStrategy[list[tuple[str, object]]] = st.one_of(
        st.just([]), st.just([]), changes
    )
    rows = st.tuples(
        st.one_of(st.integers(0, len(RECORDS) - 1), st.integers(0, 3)),
        st.one_of(st.sampled_from(GOOD_TABLES[:2]), st.sampled_from(GOOD_TABLES + BAD_TABLES)),
        maybe,
    )
    whole = draw(st.sampled_from([(), (NAME,), (NAME, "again")]), label="whole tables")
    picked: list[tuple[int, object, list[tuple[str, object]]]] = [
        (i, table, draw(maybe, label=f"{table} {i}"))
        for table in whole
        for i in range(len(RECORDS))
    ]
    picked += draw(st.lists(rows, max_size=30), label="rows")
    if draw(st.booleans(), label="shuffled"):
        picked = draw(st.permutations(picked), label="order")
    records = []
    for i, table, changed in picked:
        record = {**RECORDS[i], "table": table}
        record.update(changed)
        records.append(record)
    frame = pd.DataFrame(records, columns=COLUMNS)
    if draw(st.booleans(), label="index kept"):
        frame.index = pd.RangeIndex(len(frame), 2 * len(frame))
    return frame


@settings(max_examples=100, deadline=None)
@given(frame=frames())
def test_the_columns_are_read_as_the_rows_were(frame: pd.DataFrame) -> None:
    """Any frame: the same problems and tables as the row-by-row reading."""
    assert_as_oracle(frame)


# ---------------------------------------------------------------------------------------------
# The ordering rules, by example.
# ---------------------------------------------------------------------------------------------


def _frame(*changed: dict[str, object]) -> pd.DataFrame:
    """Rows of zanhuang's first indicator (1.1.1), each changed as given."""
    return pd.DataFrame([{**RECORDS[0], **c} for c in changed], columns=COLUMNS)


def _problems(frame: pd.DataFrame) -> list[tuple[int, str | None, object]]:
    _, problems = tables_from_frame(frame)
    return [(row, e.where.cell, cell) for row, e, cell in problems]


def test_a_repeat_of_a_bad_row_is_not_given_twice() -> None:
    """A bad row registers nothing: the next row with its id is the table's, not a repeat."""
    bads: list[dict[str, object]] = [
        {"weight": 0},
        {"优": "≥≥90%"},
        {"duty": "9"},
        {"duty_weight": "x"},
    ]
    for bad in bads:
        frame = _frame(bad, {}, {})
        assert _problems(frame)[0][0] == 2
        assert _problems(frame)[1:] == [(4, "id", "1.1.1")]
        tables, _ = tables_from_frame(frame)
        assert [i.id for i in tables[NAME].indicators()] == ["1.1.1"]
        assert_as_oracle(frame)


def test_a_repeat_is_named_before_its_own_bad_weight_and_cells() -> None:
    """After a good row, a repeat of its id is reported as such whatever else is wrong with it."""
    frame = _frame({}, {"weight": 0, "优": "≥≥90%"})
    assert _problems(frame) == [(3, "id", "1.1.1")]
    assert_as_oracle(frame)


def test_a_row_is_reported_for_its_first_problem() -> None:
    """Table name, id, duty, activity, twice, weight, activity_weight, duty_weight, cells: each
    row below has every problem from one on, and is reported for that one."""
    problems: list[tuple[str, dict[str, object]]] = [
        ("table", {"table": "Not A Name"}),
        ("id", {"id": "1.1"}),
        ("duty", {"duty": "9"}),
        ("activity", {"activity": "9.9"}),
        ("twice", {}),
        ("weight", {"weight": 0}),
        ("activity_weight", {"activity_weight": -1}),
        ("duty_weight", {"duty_weight": "x"}),
        ("cells", {"优": "≥≥90%"}),
    ]
    for first in range(len(problems)):
        # Past "twice", the row is 1.1.2: only the problems from the first on are its own.
        changed: dict[str, object] = {} if first <= 4 else {"id": "1.1.2"}
        for _, change in problems[first:]:
            changed.update(change)
        frame = _frame({}, changed)
        expected: list[tuple[int, str | None, object]]
        if problems[first][0] == "twice":
            expected = [(3, "id", "1.1.1")]
        elif problems[first][0] == "cells":
            expected = [(3, "优", "≥≥90%")]
        else:
            column = problems[first][0]
            expected = [(3, column, changed[column])]
        assert _problems(frame) == expected, problems[first][0]
        assert_as_oracle(frame)


def test_equal_texts_are_one_table_and_one_id() -> None:
    """Table names and ids are compared as read (stripped): " again " is the table "again"."""
    frame = pd.DataFrame(
        [
            {**RECORDS[0], "table": "again"},
            {**RECORDS[1], "table": " again "},
            {**RECORDS[0], "table": "again ", "id": " 1.1.1"},
        ],
        columns=COLUMNS,
    )
    assert_as_oracle(frame)
    tables, problems = tables_from_frame(frame)
    assert list(tables) == ["again"]
    assert [(row, e.where.cell) for row, e, _ in problems] == [(4, "id")]


def test_cells_equal_in_value_but_not_in_spelling_are_read_apart() -> None:
    """0, 0.0 and False are each reported as given; 1 is a weight and True is not."""
    frame = _frame({"weight": 1}, {"weight": 0, "id": "1.1.2"}, {"weight": False, "id": "1.1.3"},
                   {"weight": True, "id": "1.1.4"}, {"weight": 0.0, "id": "1.1.5"})  # fmt: skip
    assert_as_oracle(frame)
    _, problems = tables_from_frame(frame)
    assert [e.reason for _, e, _ in problems] == [
        "a weight is a positive number, not 0",
        "a weight is a positive number, not False",
        "a weight is a positive number, not True",
        "a weight is a positive number, not 0.0",
    ]


@pytest.mark.parametrize(
    ("column", "other"), [("department", "别的局"), ("year", 2019), ("year", "2019")]
)
def test_a_row_whose_department_or_year_disagrees_is_reported(
    column: str, other: str | int
) -> None:
    # The table's department and year come from its first row; a later row that says otherwise
    # was ignored without a word.
    frame = perfscore.indicator_frame([zanhuang]).astype({"year": object})
    frame.loc[5, column] = other
    layout, problems = layout_from_frame(frame)
    assert [row for row, _, _ in problems] == [7]
    _, error, _ = problems[0]
    assert error.where.cell == column
    assert error.where.indicator == frame.loc[5, "id"]
    assert str(other) in str(error)
    assert "(row 2)" in str(error)
    assert layout.departments == [zanhuang.department.name]
    assert layout.years == [2018]


def test_a_year_written_as_a_float_agrees_with_the_same_integer() -> None:
    frame = perfscore.indicator_frame([zanhuang]).astype({"year": object})
    frame.loc[5, "year"] = 2018.0
    frame.loc[6, "department"] = None  # blank: the table's department, not a disagreement
    _, problems = layout_from_frame(frame)
    assert problems == []
