"""What a workbook's sheets and columns are called: in Chinese for colleagues, or the frames' own.

A workbook perfscore writes is meant to be sent: by default its sheets and headers are the
Chinese a 绩效 office reads (绩效指标, 职责, 等级, 得分, 覆盖率 …). ``frame_columns=True`` keeps the
English column names of the frames (``to_frame``, ``FrameScores``), for a workbook read back by
code. Only the names change: the cells, their number formats and their order are the same.

>>> sheet_name("indicators"), column_name("coverage"), column_name("score_2019")
('绩效指标', '覆盖率', '2019 得分')
>>> column_name("total", sheet="projects"), column_name("total"), column_name("weird")
('总分', '指标数', 'weird')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["COLUMN_NAMES", "SHEET_NAMES", "column_name", "sheet_name"]

#: The Chinese name of each sheet a workbook of perfscore has.
SHEET_NAMES: Final[Mapping[str, str]] = {
    "indicators": "绩效指标",
    "activities": "职责活动",
    "duties": "职责",
    "department": "部门",
    "departments": "部门",
    "projects": "项目",
    "targets": "目标表指标",
    "unscored": "未评分",
    "findings": "发现",
}

#: The Chinese header of each column of perfscore's frames (a name not here is kept as it is).
COLUMN_NAMES: Final[Mapping[str, str]] = {
    "table": "指标表",
    "department_score": "部门得分",
    "department_grade": "部门等级",
    "duty": "职责",
    "duty_name": "职责名称",
    "duty_score": "职责得分",
    "duty_grade": "职责等级",
    "activity": "职责活动",
    "activity_name": "职责活动名称",
    "activity_score": "职责活动得分",
    "activity_grade": "职责活动等级",
    "project": "项目",
    "project_name": "项目名称",
    "id": "编号",
    "name": "名称",
    "level1": "一级指标",
    "level2": "二级指标",
    "target": "年度指标值",
    "unit": "单位",
    "direction": "指标方向",
    "value": "实际完成值",
    "label": "实际完成值",
    "grade": "等级",
    "cell": "达到的评价标准",
    "points": "得分",
    "weight": "分值",
    "score": "得分",
    "rule_score": "按规则得分",
    "shortfall": "扣分",
    "tier": "完成档次",
    "state": "完成情况",
    "flags": "偏差原因",
    "graded": "已评价",
    "total": "指标数",
    "coverage": "覆盖率",
    "missing": "缺少结果",
    "dropped": "不适用",
    "year": "年度",
    "method": "评分方法",
    "row": "行号",
    "reason": "原因",
    "message": "说明",
    "change": "变化",
    "move": "等级变化",
    "level": "层级",
    "finding": "发现",
}

# A column whose meaning depends on its sheet: a project's total is its 总分.
_BY_SHEET: Final[Mapping[tuple[str, str], str]] = {("projects", "total"): "总分"}
# Columns per card of a comparison: score_<label> is "<label> 得分".
_PER_CARD: Final = ("score_", "grade_", "value_")


def sheet_name(name: str, *, frame_columns: bool = False) -> str:
    """A sheet's title: Chinese, or ``name`` itself with ``frame_columns``."""
    return name if frame_columns else SHEET_NAMES.get(name, name)


def column_name(name: str, *, sheet: str = "", frame_columns: bool = False) -> str:
    """A column's header on ``sheet`` (its English name): Chinese, or ``name`` itself with
    ``frame_columns``."""
    if frame_columns:
        return name
    if (sheet, name) in _BY_SHEET:
        return _BY_SHEET[sheet, name]
    for prefix in _PER_CARD:
        if name.startswith(prefix) and name not in COLUMN_NAMES:
            return f"{name.removeprefix(prefix)} {COLUMN_NAMES[prefix.rstrip('_')]}"
    return COLUMN_NAMES.get(name, name)
