"""The words of the forms' headers and levels, which tell a table's columns in text.

>>> header_word("一級 指標"), header_word("年度指标值"), header_word("培训人次")
(True, True, False)
"""

from __future__ import annotations

import re
import unicodedata

from perfscore.notation._labels import simplified

__all__ = [
    "AFTER_TABLE",
    "ANCHORS",
    "BLOCKS",
    "BLOCK_LABELS",
    "CLOSING",
    "GRADES",
    "HEADER_WORDS",
    "LEVEL1",
    "LEVEL2",
    "LEVEL_POINTS",
    "NAME_COLUMNS",
    "REMARKS",
    "TARGETS",
    "TARGET_PARTS",
    "TOTALS",
    "UNITS",
    "column_name",
    "display_width",
    "header_word",
    "score_column",
]

#: The header words of the forms: goal and self-evaluation tables, and ladder tables.
HEADER_WORDS = frozenset(
    (
        "一级指标",
        "二级指标",
        "三级指标",
        "指标名称",
        "指标值",
        "年度指标值",
        "目标值",
        "指标值类型",
        "指标性质",
        "度量单位",
        "计量单位",
        "权重",
        "分值",
        "权重分值",
        "实际完成值",
        "全年实际值",
        "实际完成",
        "实际值",
        "完成值",
        "得分",
        "偏差原因",
        "偏差原因分析及改进措施",
        "原因分析及改进措施",
        "指标方向性",
        "指标方向",
        "备注",
        "序号",
        "评分标准",
        "评(扣)分标准",  # the Hunan whole-unit goal form's
        "评分规则",
        "绩效指标",
        "评价标准",
        "职责活动",
        "部门职责",
        "工作活动",
        "年度预算数",
        "预算数",
        "内容描述",
        "绩效目标",
        "绩效指标分类",
        "优",
        "良",
        "中",
        "差",
        "优秀",
        "良好",
        "中等",
        "较差",
        "项目名称",
        "单位名称",
        "年度目标",
        "年度绩效目标",
        "总体目标",
        "指标解释",
        "指标内容",
        "指标说明",
        "计划指标值",
        "绩效标准",
        "预期指标值",
        "实际完成指标值",
        "未完成原因",
        "得分计算方法",
        # a county budget system's 自评表 (预算项目绩效自评表): its first header line, and under
        # 自评得分 the parts of the score on a second one
        "指标分值",
        "单项指标实际完成值",
        "单项指标完成情况",
        "自评得分",
        "单项指标得分",
        "权重占比",
        "单项指标折算得分",
        "折算得分",
    )
)
#: A header has one of these (the indicator's own column), so a list of grades is not a header.
ANCHORS = frozenset(("三级指标", "指标名称", "指标内容", "绩效指标"))
#: The indicator's own column, by the first of these names a header has.
NAME_COLUMNS = ("三级指标", "指标名称", "指标内容", "绩效指标")
#: A remark column's name starts with one of these: free text, left blank on most rows.
REMARKS = ("偏差原因", "未完成原因", "原因分析", "备注", "说明")
#: The target's column, by the first of these names a header has.
TARGETS = ("年度指标值", "指标值", "目标值", "计划指标值")
#: The level-1 names of the goal and self-evaluation forms (一级指标).
LEVEL1 = frozenset(("产出指标", "效益指标", "满意度指标", "成本指标", "效果指标"))
#: The level-2 names (二级指标); 成本指标 and 满意度指标 are names of both levels.
LEVEL2 = frozenset(
    (
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
        "满意度指标",
    )
)
#: A level's points as a form prints them after its name, or on a line of their own under it
#: (the cell wrapped): ``(50分)``, ``（30）``, ``(50)分``, or the range a form sets them in,
#: ``(0-20)分``, ``（40～50分）`` (a range says 分: a bare ``(1-3)`` is no level's points).
#: A pattern's text, to be put in a pattern of the names.
LEVEL_POINTS = (
    r"[(（]\s*(?:\d+(?:\.\d+)?\s*分?\s*[)）](?:\s*分)?"
    r"|\d+(?:\.\d+)?\s*分?\s*[-－~～—–至]\s*\d+(?:\.\d+)?\s*(?:分\s*[)）]|[)）]\s*分))"
)
# Header words that go on with a note of their own (指标值及单位, 偏差原因分析及改进措施).
_STARTS = ("偏差原因", "未完成原因", "指标值及", "年度指标值及", "实际完成值及")
_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
# The mark some forms print before a cell to be filled in (*指标值, *指标解释): no part of it.
_REQUIRED = re.compile(r"^[*＊]+")

#: The first words of the lines printed under a table (notes, who filled it in), not its rows.
AFTER_TABLE = re.compile(
    r"^(?:注[:：]|说明[:：]|填[表报]人|联系电话|单位负责人|财务负责人|项目负责人[:：])"
)
#: The labels of the rows a form prints under its indicators, before or after its total.
CLOSING = frozenset(("其他需要说明事项", "其他说明事项", "其他需说明事项"))
#: The names of a column of units (度量单位), where a form prints a target's unit apart.
UNITS = frozenset(("度量单位", "计量单位"))
#: The labels a project's (or a department's) block of a form starts with, above its header.
BLOCKS = frozenset(("项目名称", "项目支出名称", "单位名称", "部门名称", "部门(单位)名称"))
#: The labels a project's (or a department's) block above its indicators starts with: a row of
#: the labels above a form starts at each.
BLOCK_LABELS: tuple[str, ...] = (
    "项目名称", "项目支出名称", "主管部门", "实施单位", "单位名称", "部门名称", "部门(单位)名称",
)  # fmt: skip
#: The words under a target's column on a two-row header's second line: the parts the target is
#: printed in (符号 ``>=``, its value, 单位(文字描述) ``%(百分比)``), read as one target cell.
TARGET_PARTS = frozenset(
    ("符号", "值", "数值", "指标值", "单位", "文字描述", "度量单位", "计量单位")
)
#: The first cell of a total row.
TOTALS = frozenset(("总分", "合计", "总计"))
#: The grades a total row may print (评价等级).
GRADES = frozenset(("优", "良", "中", "差", "优秀", "良好", "中等", "较差"))


def header_word(text: str) -> bool:
    """Whether a cell is a header word of the forms (traditional characters and spaces folded).

    >>> header_word("一級 指標"), header_word("年度指标值"), header_word("培训人次")
    (True, True, False)
    """
    word = _REQUIRED.sub("", simplified(text))
    if word in HEADER_WORDS or word.startswith(_STARTS):
        return True
    bare = _NOTE.sub("", word)  # 指标值(或计划水平), 三级指标（名称）
    return bool(bare) and bare in HEADER_WORDS


def column_name(text: str) -> str:
    """A header cell as the column it names: folded, without a note in brackets.

    >>> column_name("二级指标(年度)"), column_name("一級 指標")
    ('二级指标', '一级指标')
    """
    word = _REQUIRED.sub("", simplified(text))
    bare = _NOTE.sub("", word)
    return bare if bare in HEADER_WORDS else word


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width layout: a full-width character counts two.

    >>> display_width("指标值 95%")
    10
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def score_column(name: str) -> str | None:
    """What a score column holds, by its header word (folded, as ``column_name`` gives it):
    ``"weight"`` for a 分值 or 权重 (权重占比(%) too: the share is the row's weight out of
    100), ``"points"`` for a 得分 (单项指标得分, 自评得分), and ``"scaled"`` for a 得分 already
    multiplied by the weight share (单项指标折算得分 = 得分 × 权重占比), which is no row's 得分
    (read as one, the weight would count twice); ``None`` for any other column.

    >>> [score_column(w) for w in ("权重占比", "单项指标得分", "单项指标折算得分", "三级指标")]
    ['weight', 'points', 'scaled', None]
    """
    if "折算" in name:
        return "scaled"
    if "得分" in name:
        return "points"
    return "weight" if "分值" in name or "权重" in name else None
