"""The words of the forms' headers and levels, which tell a table's columns in text.

>>> header_word("一級 指標"), header_word("年度指标值"), header_word("培训人次")
(True, True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from perfscore.notation._labels import simplified

__all__ = [
    "AFTER_TABLE",
    "ANCHORS",
    "BLOCKS",
    "BLOCK_LABELS",
    "BUDGET_PARTS",
    "BUDGET_TOTALS",
    "CLOSING",
    "COLUMN_KINDS",
    "FORM_LABELS",
    "GRADES",
    "HEADER_WORDS",
    "LEVEL1",
    "LEVEL2",
    "LEVEL_POINTS",
    "NAME_COLUMNS",
    "REMARKS",
    "SIGNS",
    "TARGETS",
    "TARGET_PARTS",
    "TOTALS",
    "UNITS",
    "column_kind",
    "column_kinds",
    "column_name",
    "display_width",
    "form_labels",
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
#: The labels of the block above a form's indicators (项目名称 X, 主管部门 Y …): each word as
#: printed → the form's own word for it (项目支出名称 is the 项目名称, 项目执行单位 the
#: 实施单位). Each reader takes the labels it reads by the form's word (``form_labels``).
FORM_LABELS: dict[str, str] = {
    **dict.fromkeys(("项目名称", "项目支出名称"), "项目名称"),
    # 预算部门: the unit whose budget it is (a Xiangtan goal form prints its unit under it)
    **dict.fromkeys(
        ("单位名称", "预算单位", "预算单位名称", "预算部门", "填报单位", "编制单位"), "单位名称"
    ),
    **dict.fromkeys(("部门名称", "部门(单位)名称"), "部门名称"),
    **dict.fromkeys(("主管部门", "项目主管部门", "主管部门及代码", "主管部门及编码"), "主管部门"),
    # a 主管部门 of another level of government (自治区, 市县): not the unit's own department
    **{w: w for w in ("自治区主管部门", "省级主管部门", "市县主管部门", "市县财政部门")},
    **dict.fromkeys(
        ("实施单位", "项目实施单位", "项目执行单位", "执行单位", "实施(主管)单位"), "实施单位"
    ),
    **{w: w for w in ("项目负责人及电话", "项目负责人", "联系电话", "项目类别", "归口科室")},
    "部门联系人": "联系人",
    **{w: w for w in ("项目性质", "项目属性", "立项依据", "资金来源", "年初设定目标")},
    **{w: w for w in ("投入目标", "预算执行情况", "目标完成情况")},
    **dict.fromkeys(("资金情况", "项目资金"), "资金情况"),
    "年度资金总额": "年度资金总额",
    **dict.fromkeys(("年度目标", "年度总体目标", "预期目标"), "年度目标"),
    "总体目标": "总体目标",
    **dict.fromkeys(("年度总体目标完成情况综述", "年度总体目标完成情况"), "年度总体目标完成情况"),
    **dict.fromkeys(("实施期", "专项实施期", "项目期"), "实施期"),
    **dict.fromkeys(("自评得分", "自评总分", "项目总得分"), "自评得分"),
}
#: The labels of a figure of the whole budget above a form (年度资金总额 | 100).
BUDGET_TOTALS = ("年度资金总额", "资金总额", "年度预算数", "年度预算", "预算金额", "部门预算总额")
#: The labels of the parts of a budget a form prints under its total: where it comes from.
BUDGET_PARTS = ("其中", "上年结转资金", "其他资金")


def form_labels(*words: str) -> tuple[str, ...]:
    """The printed labels (``FORM_LABELS``) of the form's ``words``, in the table's order.

    >>> form_labels("实施单位")
    ('实施单位', '项目实施单位', '项目执行单位', '执行单位', '实施(主管)单位')
    """
    return tuple(printed for printed, word in FORM_LABELS.items() if word in words)


#: The words under a target's column on a two-row header's second line: the parts the target is
#: printed in (符号 ``>=``, its value, 单位(文字描述) ``%(百分比)``), read as one target cell.
TARGET_PARTS = frozenset(
    ("符号", "值", "数值", "指标值", "单位", "文字描述", "度量单位", "计量单位")
)
#: The characters the forms spell a comparison with, for patterns: each one the notation reads
#: as one (≥ ≤ > < = in their full-width and other spellings: ≧, ＝, ﹦, ═).
SIGNS = "≥≤><=＞＜≧≦＝﹦═⩾⩽"
#: The first cell of a total row.
TOTALS = frozenset(("总分", "合计", "总计"))
#: The grades a total row may print (评价等级).
GRADES = frozenset(("优", "良", "中", "差", "优秀", "良好", "中等", "较差"))


#: What kind of cell each header word of the targets forms names a column of, by the word as
#: printed (folded): the one table every text reader classes a header's columns by. A word
#: not in it is classed by its parts (``column_kind``). ``"op"`` is the 指标性质 (定量/定性, or
#: the comparison): 指标值类型 is it too, not the 指标值; ``"target2"`` an adjusted target
#: (调整指标值); ``"ratio"`` a score's share (得分系数); ``"yesno"`` a 是/否 column.
COLUMN_KINDS: dict[str, str] = {
    **dict.fromkeys(("一级指标",), "level1"),
    **dict.fromkeys(("二级指标",), "level2"),
    **dict.fromkeys(("三级指标", "指标名称", "指标内容"), "name"),
    **dict.fromkeys(("单位", "计量单位", "度量单位"), "unit"),
    **dict.fromkeys(("指标性质", "指标值类型"), "op"),
    **dict.fromkeys(
        (
            "指标值",
            "年度指标值",
            "目标值",
            "年初指标值",
            "计划指标值",
            "预期指标值",
            "预期实现值",
            "当年预期实现值",
        ),
        "target",
    ),
    **dict.fromkeys(("调整指标值",), "target2"),
    **dict.fromkeys(
        ("实际完成值", "全年实际值", "全年完成值", "实际完成", "实际值", "完成值"), "actual"
    ),
    **dict.fromkeys(("分值", "权重", "权重分值", "参考分值", "指标权重"), "weight"),
    **dict.fromkeys(("得分", "指标得分"), "points"),
    **dict.fromkeys(("得分系数",), "ratio"),
    **dict.fromkeys(("是否核心指标",), "yesno"),
    **dict.fromkeys(("绩效标准", "指标解释", "评分标准", "指标说明"), "explain"),
    **dict.fromkeys(("备注", "偏差原因"), "reason"),
}
# A word not in the table, by its parts, first match wins (指标值类型 is in the table: the
# 指标性质); ``"score"`` stands for the score columns' own vocabulary (``score_column``).
_KIND_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("name", ("三级指标", "指标名称", "指标内容")),
    ("explain", ("方法", "计算", "标准", "解释")),  # 得分计算方法 is no 得分
    ("ratio", ("系数",)),
    ("yesno", ("是否",)),
    ("target2", ("调整",)),
    ("actual", ("实际", "完成值")),
    ("op", ("性质", "类型")),
    ("target", ("指标值", "目标值")),
    ("unit_name", ("单位名称", "部门名称", "部门(单位)名称", "预算单位")),
    ("unit", ("度量单位", "计量单位")),
    ("score", ()),
    ("direction", ("方向",)),
    ("reason", ("偏差", "原因", "备注")),
    ("project", ("项目名称",)),
    ("budget", ("预算数", "预算金额", "资金总额", "项目资金", "年度预算", "预算资金")),
    ("goal", ("年度目标", "总体目标", "绩效目标")),
)


def column_kind(word: str) -> str | None:
    """What kind of cell a header word's column holds (the word folded, as ``column_name``
    gives it): its kind in ``COLUMN_KINDS``, else by its parts (a score column's kind by
    ``score_column``); ``None`` for a word naming none.

    >>> [column_kind(w) for w in ("指标值类型", "单项指标实际完成值", "得分计算方法", "单位名称")]
    ['op', 'actual', 'explain', 'unit_name']
    """
    bare = _NOTE.sub("", word)
    for name in (word, bare):
        if name in COLUMN_KINDS:
            return COLUMN_KINDS[name]
    for kind, parts in _KIND_PARTS:
        score = score_column(bare) if kind == "score" else None
        if score is not None:
            return score  # "scaled" (单项指标折算得分) too: a column of its own, never 得分
        if any(p in bare for p in parts):
            return kind
    return None


def column_kinds(words: Sequence[str]) -> list[str | None]:
    """The kinds of a header's columns (``column_kind`` of each, folded); a 绩效指标 is the
    indicator's own column where the header names no other (``NAME_COLUMNS``) and no 一级指标
    after it, else a label printed down the table's side over the level columns, holding no
    row's cell (``"side"``).

    >>> column_kinds(["绩效指标", "一级指标", "三级指标", "指标值"])
    ['side', 'level1', 'name', 'target']
    >>> column_kinds(["绩效指标", "指标值"])
    ['name', 'target']
    """
    folded = [column_name(w) for w in words]
    kinds = [column_kind(w) for w in folded]
    levels = folded.index("一级指标") if "一级指标" in folded else -1
    return [
        ("side" if "name" in kinds or k < levels else "name") if w == "绩效指标" else kind
        for k, (w, kind) in enumerate(zip(folded, kinds, strict=True))
    ]


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
