"""perfscore.views._sheets: the names of a workbook's sheets and columns."""

from __future__ import annotations

import pytest

from perfscore.views._sheets import COLUMN_NAMES, SHEET_NAMES, column_name, sheet_name


@pytest.mark.parametrize(
    ("name", "sheet", "chinese"),
    [
        ("grade", "", "等级"),
        ("coverage", "duties", "覆盖率"),
        ("score", "duties", "得分"),
        ("activity", "indicators", "职责活动"),
        ("total", "duties", "指标数"),
        ("total", "projects", "总分"),  # a project's total is its 总分
        ("score_2019", "duties", "2019 得分"),
        ("grade_a", "duties", "a 等级"),
        ("value_2018", "indicators", "2018 实际完成值"),
        ("优", "duties", "优"),
        ("something else", "", "something else"),
    ],
)
def test_column_name(name: str, sheet: str, chinese: str) -> None:
    assert column_name(name, sheet=sheet) == chinese
    assert column_name(name, sheet=sheet, frame_columns=True) == name


def test_sheet_names_are_chinese_unless_frame_columns() -> None:
    assert sheet_name("activities") == "职责活动"
    assert sheet_name("unscored") == "未评分"
    assert sheet_name("activities", frame_columns=True) == "activities"


def test_names_are_distinct_where_they_share_a_sheet() -> None:
    # Two columns of one frame never get one header (a header names one column).
    frames = [
        ["table", "duty", "activity", "id", "name", "unit", "value", "grade", "cell", "points",
         "row"],
        ["table", "id", "name", "score", "grade", "graded", "total", "coverage", "missing"],
        ["table", "project", "project_name", "id", "level1", "level2", "name", "target", "unit",
         "direction", "value", "weight", "score", "rule_score", "shortfall", "tier", "state",
         "flags", "row"],
        ["department_score", "department_grade", "duty", "duty_name", "duty_score", "duty_grade",
         "activity", "activity_name", "activity_score", "activity_grade", "id", "name", "unit",
         "value", "grade", "cell", "points"],
    ]  # fmt: skip
    for columns in frames:
        headers = [column_name(c) for c in columns]
        assert len(set(headers)) == len(headers), headers
    assert len(set(SHEET_NAMES.values())) == len(SHEET_NAMES) - 1  # department(s) share 部门
    assert all(name.isascii() for name in COLUMN_NAMES)
