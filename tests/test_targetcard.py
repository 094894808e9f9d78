"""TODO"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore.cli import main
from tests.targets_data import TARGET_RESULTS, TARGETS, load_targets, small_targets

ROOT = Path(__file__).resolve().parent.parent


# -- score_frame equals score ---------------------------------------------------------------

values = st.one_of(
    st.integers(0, 1000),
    st.sampled_from(["达成", "部分达成", "未达成", "完成", "不适用", "满意", "9次", "600人次"]),
    st.none(),
)


@settings(max_examples=30)
@given(
    st.lists(st.tuples(st.sampled_from(["1.1", "1.2", "1.3"]), values), unique_by=lambda r: r[0])
)
def test_score_frame_equals_score_per_table(rows: list[tuple[str, object]]) -> None:
    table = load_targets(small_targets())
    fits = {"1.1": "600人次", "1.2": "9次"}
    usable = [
        (key, value)
        for key, value in rows
        if not (key == "1.3" and isinstance(value, int))
        and not (key != "1.3" and value == "满意")
        and not (value in fits.values() and fits.get(key) != value)
    ]
    results = pd.DataFrame(
        {
            "table": ["small"] * len(usable),
            "id": [k for k, _ in usable],
            "value": [v for _, v in usable],
        },
        dtype=object,
    )
    card = perfscore.score(table, dict(usable))
    frames = perfscore.score_frame([table], results)
    expected = card.to_frame()
    got = frames.targets.drop(columns=["table", "row"])
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.drop(columns=["row"]), check_dtype=False
    )
    assert frames.projects["total"].tolist() == [p.total for p in card.projects]


# -- the command line ---------------------------------------------------------------------------


def test_cli_scores_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["score", str(TARGETS), str(TARGET_RESULTS), "--rounding", "0.01"])
    out = capsys.readouterr().out
    assert status == 0
    assert "1 职业技能培训补贴项目（虚构）: 总分 93.67 优 of 100" in out
    assert "总分 (mean of the projects)" in out


def test_cli_check_covers_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(TARGETS)]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings\n")


def test_cli_refuses_options_of_another_method(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["score", str(TARGETS), str(TARGET_RESULTS), "--method", "mean", "--rounding", "1"])
        == 1
    )
    assert "--rounding belongs to the self-evaluation method" in capsys.readouterr().err


def test_the_example_scores_from_a_shell() -> None:
    command = [sys.executable, "-m", "perfscore", "score", str(TARGETS), str(TARGET_RESULTS),
               "--format", "csv", "--rounding", "0.01"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(__import__("io").StringIO(done.stdout), dtype={"id": str})
    assert frame.set_index("id").loc["2.3", "score"] == 24.0
    assert len(frame) == 12
