"""perfscore.cards._scorecard: a ladder table's Scorecard, its records,
frames, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import perfscore
from perfscore import Grade
from tests.scoring_data import small, zanhuang

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zanhuang-hrss-2018-results.csv"
FULL = {"1.1.1": "100%", "1.1.2": "85%", "1.2.1": 420, "2.1.1": 2, "2.1.2": "有效实施"}


def test_to_dict_has_exactly_the_documented_shape() -> None:
    data = perfscore.score(small, {"1.1.1": "100%", "1.2.1": 420}).to_dict()
    assert set(data) == {"department", "duties"}
    assert data["department"] == {
        "name": "测试局", "year": 2020, "score": 90.0, "grade": "优", "graded": 2,
        "missing": ["1.1.2", "2.1.1", "2.1.2"],
    }  # fmt: skip
    duty = data["duties"][0]
    assert set(duty) == {"id", "name", "score", "grade", "activities"}
    activity = duty["activities"][0]
    assert set(activity) == {"id", "name", "score", "grade", "indicators"}
    assert activity["indicators"] == [
        {"id": "1.1.1", "name": "到位率", "value": 100, "grade": "优"},
        {"id": "1.1.2", "name": "完成率", "value": None, "grade": None},
    ]
    assert data["duties"][1]["score"] is None
    assert data["duties"][1]["grade"] is None


def test_json_keeps_chinese_and_unrounded_scores() -> None:
    card = perfscore.score(small, {"1.1.1": "100%", "1.1.2": "92.5%", "1.2.1": 300})
    data = json.loads(card.to_json())
    # 1.1 (100+80)/2 = 90 · 1.2 60 · duty 1 75 · value 92.5 stays a fraction of a percent
    assert data["duties"][0]["score"] == 75
    assert data["duties"][0]["activities"][0]["indicators"][1]["value"] == 92.5
    assert "测试局" in card.to_json()
    thirds = perfscore.score(small, {"1.1.1": "100%", "1.1.2": "100%", "1.2.1": 0}, method="flat")
    assert json.loads(thirds.to_json())["duties"][0]["score"] == pytest.approx(200 / 3)


def test_to_frame_one_row_per_indicator() -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    frame = card.to_frame()
    assert len(frame) == 68
    assert list(frame["id"]) == [i.id for i in zanhuang.indicators()]
    row = frame.set_index("id").loc["9.2.1"]
    assert (row["duty"], row["activity"], row["grade"], row["cell"]) == (
        "9",
        "9.2",
        "优",
        "≥85%和≤100%",
    )
    assert row["activity_score"] == 100
    summary = card.summary()
    assert list(summary["duty"]) == [d.id for d in zanhuang.duties]
    counts = summary[["优", "良", "中", "差"]].sum()
    assert counts.sum() == 68
    assert list(summary["graded"]) == [d.graded for d in card.duties]


def test_csv_round_trips_through_the_csv_module(tmp_path: Path) -> None:
    card = perfscore.score(small, FULL)
    text = card.to_csv(tmp_path / "card.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2"]
    assert rows[3]["grade"] == "差"
    assert rows[3]["points"] == "0.0"
    assert float(rows[0]["department_score"]) == 65
    # The file starts with a BOM so Excel reads it as UTF-8.
    assert (tmp_path / "card.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_example_scores_every_indicator() -> None:
    card = perfscore.score(zanhuang, EXAMPLE)
    assert card.department.graded == 68
    assert card.department.missing == ()
    assert all(count > 0 for count in card.department.counts.values())
    assert card.unscored == ()


def test_the_example_says_it_is_invented() -> None:
    rows = list(csv.DictReader(EXAMPLE.open(encoding="utf-8")))
    assert all("invented example, not published data" in row["note"] for row in rows)


# -- counts and cells -------------------------------------------------------------------------


def test_grade_counts_per_node() -> None:
    card = perfscore.score(small, FULL)
    assert card.duties[0].activities[0].counts == {
        Grade.EXCELLENT: 1, Grade.GOOD: 0, Grade.FAIR: 1, Grade.POOR: 0,
    }  # fmt: skip
    assert card.indicators()[0].cell == "100%"


BAD_ROWS = {"1.1.1": "100%", "1.1.2": "lots", "9.9.9": 1}


def test_unscored_rows_are_in_every_view() -> None:
    card = perfscore.score(small, BAD_ROWS, keep_going=True)
    messages = [
        "indicator 1.1.2: expected a number in percent, got 'lots'",
        "indicator 9.9.9: table small has no indicator '9.9.9'",
    ]
    assert [u.message for u in card.unscored][:1] == messages[:1]
    assert card.unscored[1].message.startswith(messages[1])
    # JSON: the documented shape, and the rows left out in a top-level "unscored" list.
    data = json.loads(card.to_json())
    assert set(data) == {"department", "duties", "unscored"}
    assert [(u["row"], u["id"], u["message"][: len(m)]) for u, m in
            zip(data["unscored"], messages, strict=True)] == [
        (None, "1.1.2", messages[0]), (None, "9.9.9", messages[1]),
    ]  # fmt: skip
    # HTML: a section after the table.
    html = card._repr_html_()
    assert "<p>unscored rows (2):</p>" in html
    assert "expected a number in percent, got &#x27;lots&#x27;" in html
    # Frames and CSV: one row per indicator as before; the companion lists the rows left out.
    frame = card.unscored_frame()
    assert list(frame.columns) == ["row", "id", "reason", "message"]
    assert frame["id"].tolist() == ["1.1.2", "9.9.9"]
    assert frame["reason"].tolist()[0] == "expected a number in percent, got 'lots'"
    assert len(card.to_frame()) == 5
    # A clean run keeps exactly the shape.
    clean = perfscore.score(small, {"1.1.1": "100%"})
    assert set(clean.to_dict()) == {"department", "duties"}
    assert clean.unscored_frame().empty
    assert "unscored" not in clean._repr_html_()


def test_a_ladder_table_keeps_its_kind_and_gains_a_total() -> None:
    table = perfscore.load_table("zanhuang-hrss-2018")
    assert table.kind == "ladders"
    card = perfscore.score(table, {"1.1.1": "100%"})
    assert card.total == card.department.score == 100.0
