"""Plots of scorecards, batch scores and comparisons (图表), with matplotlib.

Each function draws on ``ax`` (or on a new figure's axes) and returns the
`matplotlib.axes.Axes`; nothing is drawn until one is called, and matplotlib is imported
only then (install it with ``pip install "perfscore[plot]"``). The methods
``Scorecard.plot``, ``FrameScores.plot`` and ``Comparison.plot`` call them.

Every label is Chinese: the ``plot`` extra brings a Chinese font (Noto Sans SC, see
`perfscore.fonts`), which is registered with matplotlib's font manager on the first draw, so
no system font is needed. ``font=`` on each function (or
[set_chinese_font][perfscore.fonts.set_chinese_font] once) draws with a font of one's own, by
family name or file. Only where matplotlib is installed without the font package and the
machine has no Chinese font do labels fall back to ids, with a
[NoChineseFont][perfscore.views.NoChineseFont] warning saying how to install it.

Examples:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import perfscore
    >>> card = perfscore.score("zanhuang-hrss-2018", "examples/zanhuang-hrss-2018-results.csv")
    >>> ax = card.plot()
    >>> len(ax.patches)   # a bar per duty
    13
    >>> ax.get_ylabel()
    '得分（mean）'
"""

from __future__ import annotations

import itertools
import math
import os
import warnings
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import numpy as np

from perfscore.errors import PerfscoreError
from perfscore.fonts import chinese_font_file, chosen_font, looks_like_font_path
from perfscore.grades import GRADES, Grade
from perfscore.notation._exact import to_fraction
from perfscore.scoring._methods import MOF_BANDS, MeanOfPoints, WorstGrade, get_method
from perfscore.scoring._records import SINGULAR
from perfscore.scoring._selfevaluation import SelfEvaluation
from perfscore.tables._lookup import id_key

from ._protocols import ComparisonView, FrameScoresView, LadderCard, TargetsCard
from ._shown import shown_change

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CHINESE_FONTS",
    "PLOT_COLOURS",
    "NoChineseFont",
    "band_edges",
    "chinese_font",
    "plot_comparison",
    "plot_frame_scores",
    "plot_scorecard",
]

#: Bar colours of the grades (green to red) and of a node without a grade.
PLOT_COLOURS: Final[Mapping[Grade | None, str]] = {
    Grade.EXCELLENT: "#2e7d32",
    Grade.GOOD: "#7cb342",
    Grade.FAIR: "#f9a825",
    Grade.POOR: "#c62828",
    None: "#bdbdbd",
}

#: Font families with Chinese characters, looked for in this order.
CHINESE_FONTS: Final = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Sarasa Gothic SC",
    "Microsoft YaHei",
    "SimHei",
    "SimSun",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
)

_UP: Final = "#2e7d32"
_DOWN: Final = "#c62828"
#: A node's name under its bar, below its id: lines of this many characters, at most
#: _LABEL_LINES of them.
_LABEL_CHARS: Final = 5
_LABEL_LINES: Final = 3
#: The Chinese names of the levels, as axis labels.
_KINDS: Final = {"duty": "职责", "activity": "活动", "indicator": "指标", "department": "部门",
                 "project": "项目"}  # fmt: skip
#: A font's characters missing from the Chinese font (few) are drawn with matplotlib's own.
_FALLBACK: Final = "DejaVu Sans"
#: Bar heights of the grades in the indicators plot: 差 1 … 优 4 (a missing result 0).
_GRADE_HEIGHT: Final = {g: 4 - k for k, g in enumerate(GRADES)}


class NoChineseFont(UserWarning):
    """No font with Chinese characters is there: plots label nodes by id.

    Issued only where matplotlib is installed without the ``plot`` extra's font package and the
    machine has no Chinese font: ``pip install "perfscore[plot]"`` brings the font.
    """


def chinese_font(font: str | os.PathLike[str] | None = None) -> str | None:
    """The family plots draw Chinese with, registering its file with matplotlib if need be.

    Args:
        font: A family name matplotlib knows, or a font file's path (registered with
            ``matplotlib.font_manager.fontManager.addfont``); by default the font
            [set_chinese_font][perfscore.fonts.set_chinese_font] chose, else the bundled Noto
            Sans SC ([chinese_font_file][perfscore.fonts.chinese_font_file]), else an installed
            family of `CHINESE_FONTS`.

    Returns:
        The family, or ``None`` when no Chinese font is there at all.

    Raises:
        ValueError: ``font`` (or the chosen font) is a family matplotlib does not know.
        FileNotFoundError: ``font`` is a path where there is no file.
    """
    from matplotlib import font_manager

    manager = font_manager.fontManager
    wanted = chosen_font() if font is None else font
    if isinstance(wanted, str) and not looks_like_font_path(wanted):
        if wanted not in {entry.name for entry in manager.ttflist}:
            raise ValueError(f"matplotlib knows no font family {wanted!r}; give its file's path")
        return wanted
    path = chinese_font_file() if wanted is None else os.fspath(wanted)
    if path is not None:
        if not os.path.isfile(path):
            raise FileNotFoundError(f"no font file at {os.fspath(path)}")
        family = font_manager.FontProperties(fname=path).get_name()
        if family not in {entry.name for entry in manager.ttflist}:
            manager.addfont(path)
        return family
    installed = {entry.name for entry in manager.ttflist}
    return next((family for family in CHINESE_FONTS if family in installed), None)


def band_edges(method: str) -> dict[Grade, Fraction]:
    """The least score of each grade above 差 under the method named ``method``.

    For a method perfscore does not know by that name, the Ministry of Finance's bands.

    Examples:
        >>> {g.value: int(v) for g, v in band_edges("mean").items()}
        {'优': 90, '良': 80, '中': 60}
    """
    try:
        chosen = get_method(method)
    except PerfscoreError:
        return dict(MOF_BANDS)
    if isinstance(chosen, WorstGrade):
        return {g: p for g, p in chosen.points_of.items() if g is not Grade.POOR}
    if isinstance(chosen, MeanOfPoints):
        return dict(chosen.bands)
    return dict(MOF_BANDS)


def plot_scorecard(
    card: LadderCard | TargetsCard,
    what: str | None = None,
    *,
    ax: Axes | None = None,
    bands: Mapping[Grade, object] | Mapping[str, object] | None = None,
    font: str | os.PathLike[str] | None = None,
) -> Axes:
    """Plot a scorecard: a bar per duty, or a bar per indicator.

    Args:
        card: The scorecard.
        what: ``"duties"``: a bar per duty, its score, coloured by its grade, the band lines of
            the card's method (90 / 80 / 60 by default), and ``graded/total`` over a duty where
            results are missing (a duty with nothing graded has an empty bar and 无结果);
            ``"indicators"``: a bar per indicator, its grade (差 1 to 优 4 high), coloured by it
            (a missing result an empty bar marked ×), labelled by id.
        ax: The axes to draw on; a new figure's by default.
        bands: The least score of each grade (over the Ministry of Finance's, grade by grade),
            for a method of one's own: the card keeps only its method's name.
        font: The Chinese font, by family name or file (see
            [chinese_font][perfscore.views.chinese_font]); the bundled one by default.

    Returns:
        The axes drawn on.

    A duty's name under its bar is wrapped to three short lines and shortened with "…" beyond
    them; the full names are in the card's text and HTML views and its report.

    A targets table's card ([TargetsScorecard][perfscore.cards.TargetsScorecard]) plots
    ``"projects"`` (the default for it): a bar per project, its 总分 out of 100 (总分 / 分值),
    coloured by its grade, with the band lines and ``scored/total`` where rows lack a result;
    or ``"indicators"``: for each row and budget item, its 分值 as an outline and its 得分 as a
    bar inside it, coloured by the grade its share of 分值 would earn (a row without a result
    is an empty outline marked ×, a row that does not apply (不适用) a hatched one).

    Raises:
        PerfscoreError: ``what`` is neither ``"duties"`` (``"projects"`` for a targets table)
            nor ``"indicators"``.
    """
    if isinstance(card, TargetsCard):
        return _plot_targets(card, what or "projects", ax=ax, bands=bands, font=font)
    what = what or "duties"
    if what not in ("duties", "indicators"):
        raise PerfscoreError(f"a scorecard plots 'duties' or 'indicators', not {what!r}")
    family = _font(font)
    ax = _axes(ax, wide=what == "indicators", bars=len(card.duties))
    if what == "indicators":
        indicators = card.indicators()
        # The grade itself, 差 1 to 优 4: points would hide 差 (0 points) as an empty bar.
        heights = [math.nan if i.grade is None else _GRADE_HEIGHT[i.grade] for i in indicators]
        _bars(ax, heights, [i.grade for i in indicators])
        for x, indicator in enumerate(indicators):
            if indicator.grade is None:
                ax.annotate("×", (x, 0), ha="center", va="bottom", color="#616161")
        # Dozens of names do not fit under bars: indicators are labelled by id, font or not.
        ax.set_xticks(range(len(indicators)), [i.id for i in indicators], rotation=90, fontsize=7)
        ax.set_xlabel(_say(family, "指标（编号）", "indicator (id)"))
        ax.set_yticks([_GRADE_HEIGHT[g] for g in GRADES], [_grade(g, family) for g in GRADES])
        ax.set_ylabel(_say(family, "等级", "grade"))
    else:
        duties = card.duties
        heights = [math.nan if d.score is None else d.score for d in duties]
        _bars(ax, heights, [d.grade for d in duties])
        _node_labels(ax, [(d.id, d.name) for d in duties], family, "duty")
        _coverage(ax, [(d.graded, d.total) for d in duties], heights, family)
        # Bands given replace the Ministry of Finance's grade by grade, as a method's do.
        edges = dict(MeanOfPoints(bands=bands).bands) if bands else band_edges(card.method)
        _band_lines(ax, edges, family)
        ax.set_ylabel(_say(family, f"得分（{card.method}）", f"score ({card.method})"))
        top = max([100.0, *(h for h in heights if not math.isnan(h))])
        ax.set_ylim(0, top * 1.1)
    _grade_legend(ax, family)
    department = card.department
    # An imported table may not know its department ("(department)"): the table names it then.
    named = department.name and not department.name.startswith("(")
    title = f"{department.name if named else card.table} {department.year}"
    ax.set_title(_say(family, f"{title} 年", title))
    return _chinese(ax, family)


def _plot_targets(
    card: TargetsCard,
    what: str,
    *,
    ax: Axes | None,
    bands: Mapping[Grade, object] | Mapping[str, object] | None,
    font: str | os.PathLike[str] | None,
) -> Axes:
    if what not in ("projects", "indicators"):
        raise PerfscoreError(f"a targets scorecard plots 'projects' or 'indicators', not {what!r}")
    family = _font(font)
    ax = _axes(ax, wide=what == "indicators", bars=len(card.projects))
    method = SelfEvaluation(bands=bands) if bands else SelfEvaluation()
    if what == "indicators":
        _target_rows(ax, card, method, family)
    else:
        projects = card.projects
        heights = [
            math.nan if p.exact is None or p.weight == 0 else float(p.exact * 100 / p.weight)
            for p in projects
        ]
        _bars(ax, heights, [p.grade for p in projects])
        _node_labels(ax, [(p.id, p.name) for p in projects], family, "project")
        counts = [
            (len(p.rows) - len(p.dropped) - len(p.missing), len(p.rows) - len(p.dropped))
            for p in projects
        ]
        _coverage(ax, counts, heights, family)
        _band_lines(ax, dict(method.bands), family)
        ax.set_ylabel(_say(family, "总分（满分 100）", "total out of 100"))
        top = max([100.0, *(h for h in heights if not math.isnan(h))])
        ax.set_ylim(0, top * 1.1)
    _grade_legend(ax, family)
    ax.set_title(_say(family, f"{card.table} 绩效自评", card.table))
    return _chinese(ax, family)


def _target_rows(ax: Axes, card: TargetsCard, method: SelfEvaluation, family: str | None) -> None:
    """For each row and budget item of a targets card, its 得分 as a bar within its 分值."""
    items = [(r.id, r.weight, r.points, r.state) for p in card.projects for r in p.rows] + [
        (f"{p.id}.budget", p.budget.weight, p.budget.points, "budget")
        for p in card.projects
        if p.budget is not None
    ]
    items.sort(key=lambda item: id_key(item[0]))
    xs = range(len(items))
    ax.bar(xs, [float(w) for _, w, _, _ in items], color="none", edgecolor="#616161",
           linewidth=0.8, hatch=None)  # fmt: skip
    heights = [0.0 if pts is None else float(pts) for _, _, pts, _ in items]
    colours = [
        PLOT_COLOURS[None if pts is None or w == 0 else method.grade(pts * 100 / w)]
        for _, w, pts, _ in items
    ]
    ax.bar(xs, heights, width=0.6, color=colours)
    for x, (_, weight, points, state) in enumerate(items):
        if state == "dropped":
            ax.patches[x].set_hatch("//")
            ax.annotate(_say(family, "不适用", "n/a"), (x, float(weight)), ha="center",
                        va="bottom", fontsize=7)  # fmt: skip
        elif points is None:
            ax.annotate("×", (x, 0), ha="center", va="bottom", color="#616161")
    ax.set_xticks(xs, [i for i, _, _, _ in items], rotation=90, fontsize=7)
    ax.set_xlabel(_say(family, "指标（编号）：分值内的得分", "indicator (id)"))
    ax.set_ylabel(_say(family, "得分 / 分值", "points earned / available"))


def plot_frame_scores(
    scores: FrameScoresView, *, ax: Axes | None = None, font: str | os.PathLike[str] | None = None
) -> Axes:
    """The distribution of the departments' scores across the tables, by grade band.

    A bar per 5-point bin (band edges are bin edges too), its height the number of departments
    whose score falls in it, coloured by the grade of the band; the band lines of the method.
    Departments without a score are counted in the axis label.

    Args:
        scores: The batch scores ([score_frame][perfscore.frames.score_frame]).
        ax: The axes to draw on; a new figure's by default.
        font: The Chinese font, by family name or file; the bundled one by default.

    Returns:
        The axes drawn on.
    """
    family = _font(font, warn=False)
    ax = _axes(ax)
    all_scores = scores.departments["score"].to_numpy(dtype=float)
    scored = all_scores[~np.isnan(all_scores)]
    edges = band_edges(scores.method)
    try:
        method = get_method(scores.method)
    except PerfscoreError:  # a method of one's own, known here by name only
        method = MeanOfPoints()
    low = min(0.0, math.floor(float(scored.min()) / 5) * 5) if scored.size else 0.0
    high = max(100.0, math.ceil(float(scored.max()) / 5) * 5) if scored.size else 100.0
    cuts = sorted({*np.arange(low, high + 5, 5).tolist(), *(float(v) for v in edges.values())})
    cuts = [c for c in cuts if low <= c <= high]
    counts, _ = np.histogram(scored, bins=cuts)
    lefts = cuts[:-1]
    widths = [b - a for a, b in itertools.pairwise(cuts)]
    colours = [PLOT_COLOURS[method.grade(to_fraction(left))] for left in lefts]
    ax.bar(lefts, counts, width=widths, align="edge", color=colours, edgecolor="white")
    _band_lines(ax, edges, family, vertical=True)
    unscored = int(np.isnan(all_scores).sum())
    ax.set_xlabel(
        _say(
            family,
            f"部门得分（{scores.method}）" + (f"，{unscored} 个无得分" if unscored else ""),
            f"department score ({scores.method})"
            + (f", {unscored} without a score" if unscored else ""),
        )
    )
    ax.set_ylabel(_say(family, "部门数", "departments"))
    ax.set_title(_say(family, f"{len(all_scores)} 张表", f"{len(all_scores)} tables"))
    _grade_legend(ax, family)
    return _chinese(ax, family)


def _number(value: float | None) -> float | None:
    """A frame's score cell: None where the score is missing (NaN)."""
    return None if value is None or math.isnan(value) else value


def plot_comparison(
    comparison: ComparisonView,
    level: str | None = None,
    *,
    ax: Axes | None = None,
    font: str | os.PathLike[str] | None = None,
) -> Axes:
    """A bar per node of ``level``: its change from the first card to the last.

    Up is green, down red; a node without a change (a score missing in the first or the last
    card) has an empty bar marked "—". Each bar is labelled with its change.

    Args:
        comparison: The comparison ([compare][perfscore.comparison.compare]).
        level: ``"duties"`` (the default), ``"activities"``, ``"indicators"`` or ``"departments"``.
        ax: The axes to draw on; a new figure's by default.
        font: The Chinese font, by family name or file; the bundled one by default.

    Returns:
        The axes drawn on.
    """
    level = level or comparison.top
    frame = comparison.level(level)
    family = _font(font)
    ax = _axes(ax, wide=level in ("activities", "indicators"), bars=len(frame))
    changes = frame["change"].to_numpy(dtype=float)
    colours = [_UP if c > 0 else _DOWN if c < 0 else PLOT_COLOURS[None] for c in changes]
    ax.bar(range(len(changes)), np.nan_to_num(changes), color=colours, edgecolor="#616161")
    scores = [c for c in frame.columns if str(c).startswith("score_")]
    before, after = frame[scores[0]].tolist(), frame[scores[-1]].tolist()
    for x, change in enumerate(changes):
        # The change as every view shows it: the difference of the shown scores.
        text = "—" if math.isnan(change) else shown_change(_number(before[x]), _number(after[x]))
        below = not math.isnan(change) and change < 0
        at = 0.0 if math.isnan(change) else change
        ax.annotate(text, (x, at), ha="center", va="top" if below else "bottom", fontsize=8)
    ax.axhline(0, color="#424242", linewidth=0.8)
    ids = [str(i) for i in frame["id"]]
    names = [str(n) for n in frame["name"]]
    kind = SINGULAR[level]
    if level == "indicators":
        ax.set_xticks(range(len(ids)), ids, rotation=90)
        ax.set_xlabel(_say(family, "指标（编号）", "indicator (id)"))
    else:
        _node_labels(ax, list(zip(ids, names, strict=True)), family, kind)
    first, last = comparison.labels[0], comparison.labels[-1]
    ax.set_ylabel(_say(family, f"得分变化，{first} → {last}", f"change in score, {first} → {last}"))
    ax.set_title(f"{comparison.tables[-1]}：{first} → {last}")
    return _chinese(ax, family)


# -- shared pieces ---------------------------------------------------------------------------


def _axes(ax: Axes | None, *, wide: bool = False, bars: int = 0) -> Axes:
    if ax is not None:
        from matplotlib.axes import Axes

        if not isinstance(ax, Axes):
            raise TypeError(f"ax is a matplotlib Axes, not {type(ax).__name__}")
        return ax
    import matplotlib.pyplot as plt

    # Room for every bar's label, lines of five characters side by side: 0.75 inch a bar.
    width = max(12 if wide else 8, 0.75 * bars + 2.5)
    _, new = plt.subplots(figsize=(width, 4.5), layout="constrained")
    return new


def _font(font: str | os.PathLike[str] | None, *, warn: bool = True) -> str | None:
    try:
        import matplotlib  # noqa: F401
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            'perfscore draws its plots with matplotlib: pip install "perfscore[plot]"'
        ) from None
    family = chinese_font(font)
    if family is None and warn:
        warnings.warn(
            "no font with Chinese characters is there: plots label nodes by id; "
            'pip install "perfscore[plot]" brings one (the font package pylopdf-fonts-zh-cn)',
            NoChineseFont,
            stacklevel=4,
        )
    return family


def _say(family: str | None, chinese: str, english: str) -> str:
    """The Chinese label where a Chinese font is there, the English one where none is."""
    return chinese if family else english


def _grade(grade: Grade, family: str | None) -> str:
    return grade.value if family else grade.name.lower()


def _chinese(ax: Axes, family: str | None) -> Axes:
    """Every text of the axes (title, labels, ticks, legend, notes) in the Chinese font."""
    if family:
        from matplotlib.text import Text

        for text in ax.findobj(Text):
            text.set_fontfamily([family, _FALLBACK])
    return ax


def _bars(ax: Axes, heights: Sequence[float], grades: Sequence[Grade | None]) -> None:
    """A bar per node; a node without a score an empty, hatched bar (so every node has a bar)."""
    drawn = [0.0 if math.isnan(h) else h for h in heights]
    colours = [PLOT_COLOURS[g] for g in grades]
    bars = ax.bar(range(len(drawn)), drawn, color=colours, edgecolor="#616161", linewidth=0.5)
    for bar, height in zip(bars, heights, strict=True):
        if math.isnan(height):
            bar.set_facecolor("none")
            bar.set_hatch("//")


def _node_label(node_id: str, name: str) -> str:
    """A node's label under its bar: its id, then its name in three short lines, "…" past them.

    Examples:
        >>> print(_node_label("8", "新型农村和城镇居民社会养老保险管理"))
        8
        新型农村和
        城镇居民社
        会养老保…
    """
    lines = [name[k : k + _LABEL_CHARS] for k in range(0, len(name), _LABEL_CHARS)] or [""]
    if len(lines) > _LABEL_LINES:
        lines = [*lines[: _LABEL_LINES - 1], lines[_LABEL_LINES - 1][:-1] + "…"]
    return "\n".join([node_id, *lines] if node_id else lines)


def _node_labels(ax: Axes, nodes: Sequence[tuple[str, str]], family: str | None, kind: str) -> None:
    if family:
        labels = [_node_label(i, n) for i, n in nodes]
        ax.set_xticks(range(len(nodes)), labels, fontsize=8)
        ax.set_xlabel(_KINDS[kind])
    else:
        ax.set_xticks(range(len(nodes)), [i for i, _ in nodes])
        ax.set_xlabel(f"{kind} (id; no Chinese font installed)")


def _coverage(
    ax: Axes, counts: Sequence[tuple[int, int]], heights: Sequence[float], family: str | None
) -> None:
    """``graded/total`` over a bar where results are missing; 无结果 in an empty bar."""
    for x, ((graded, total), height) in enumerate(zip(counts, heights, strict=True)):
        if math.isnan(height):
            ax.annotate(_say(family, "无结果", "no result"), (x, 1), ha="center", va="bottom",
                        rotation=90, fontsize=8)  # fmt: skip
        elif graded < total:
            ax.annotate(f"{graded}/{total}", (x, height), ha="center", va="bottom", fontsize=8,
                        color="#424242")  # fmt: skip


def _band_lines(
    ax: Axes, edges: Mapping[Grade, Fraction], family: str | None, *, vertical: bool = False
) -> None:
    """A dashed line at each band's least score, labelled outside the axes (no bar hides it)."""
    for grade, least in edges.items():
        value = float(least)
        label = f"{_grade(grade, family)} ≥ {value:g}"
        colour = PLOT_COLOURS[grade]
        if vertical:
            ax.axvline(value, color=colour, linestyle="--", linewidth=0.8)
            ax.annotate(label, (value, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                        fontsize=7, color=colour, annotation_clip=False)  # fmt: skip
        else:
            ax.axhline(value, color=colour, linestyle="--", linewidth=0.8)
            ax.annotate(label, (1.0, value), xycoords=("axes fraction", "data"),
                        xytext=(3, 0), textcoords="offset points", ha="left", va="center",
                        fontsize=7, color=colour, annotation_clip=False)  # fmt: skip


def _grade_legend(ax: Axes, family: str | None) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=PLOT_COLOURS[g], label=_grade(g, family)) for g in GRADES]
    # Below the band labels, which sit beside the axes at their scores.
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(1.0, 0.0), fontsize=8)
