"""Plots of scorecards, batch scores and comparisons (图表), with matplotlib.

Each function draws on ``ax`` (or on a new figure's axes) and returns the
`matplotlib.axes.Axes`; nothing is drawn until one is called, and matplotlib is imported
only then (install it with ``pip install "perfscore[plot]"``). The methods
``Scorecard.plot``, ``FrameScores.plot`` and ``Comparison.plot`` call them.

Labels are Chinese names where a font with Chinese characters is installed (see
[chinese_font][perfscore.views.chinese_font]); without one, labels fall back to ids, the axis
label says so and a [NoChineseFont][perfscore.views.NoChineseFont] warning is issued, since
matplotlib would otherwise draw empty boxes.

Examples:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import perfscore
    >>> card = perfscore.score("zanhuang-hrss-2018", "examples/zanhuang-hrss-2018-results.csv")
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", NoChineseFont)
    ...     ax = card.plot()
    >>> len(ax.patches)   # a bar per duty
    13
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import numpy as np

from perfscore.errors import PerfscoreError
from perfscore.grades import GRADES, Grade
from perfscore.notation._exact import to_fraction
from perfscore.scoring._methods import MOF_BANDS, MeanOfPoints, WorstGrade, get_method
from perfscore.scoring._records import SINGULAR, NodeScore
from perfscore.scoring._selfevaluation import SelfEvaluation
from perfscore.tables._lookup import id_key

from ._protocols import ComparisonView, FrameScoresView, LadderCard, TargetsCard

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
_LABEL_CHARS: Final = 8
#: Bar heights of the grades in the indicators plot: 差 1 … 优 4 (a missing result 0).
_GRADE_HEIGHT: Final = {g: 4 - k for k, g in enumerate(GRADES)}


class NoChineseFont(UserWarning):
    """No font with Chinese characters is installed: plots label nodes by id.

    Install one (Debian and Ubuntu: ``apt install fonts-noto-cjk``) for Chinese names.
    """


def chinese_font() -> str | None:
    """The family of an installed font with Chinese characters, or ``None`` if there is none.

    Looks through matplotlib's font list for the families of
    `CHINESE_FONTS`.
    """
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
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
) -> Axes:
    """Plot a scorecard: a bar per duty, or a bar per indicator.

    Args:
        card: The scorecard.
        what: ``"duties"``: a bar per duty, its score, coloured by its grade, the band lines of
            the card's method (90 / 80 / 60 by default), and ``graded/total`` over a duty where
            results are missing (a duty with nothing graded has an empty bar and "no result");
            ``"indicators"``: a bar per indicator, its grade (差 1 to 优 4 high), coloured by it
            (a missing result an empty bar marked ×), labelled by id.
        ax: The axes to draw on; a new figure's by default.
        bands: The least score of each grade (over the Ministry of Finance's, grade by grade),
            for a method of one's own: the card keeps only its method's name.

    Returns:
        The axes drawn on.

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
        return _plot_targets(card, what or "projects", ax=ax, bands=bands)
    what = what or "duties"
    if what not in ("duties", "indicators"):
        raise PerfscoreError(f"a scorecard plots 'duties' or 'indicators', not {what!r}")
    ax = _axes(ax, wide=what == "indicators")
    font = _font()
    department = card.department
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
        ax.set_xlabel("indicator (id)")
        ax.set_yticks(
            [_GRADE_HEIGHT[g] for g in GRADES],
            [g.value if font else g.name.lower() for g in GRADES],
            fontfamily=font,
        )
        ax.set_ylabel("grade")
        _grade_legend(ax, font)
    else:
        duties = card.duties
        heights = [math.nan if d.score is None else d.score for d in duties]
        _bars(ax, heights, [d.grade for d in duties])
        _node_labels(ax, duties, font, "duty")
        _coverage(ax, duties, heights)
        # Bands given replace the Ministry of Finance's grade by grade, as a method's do.
        edges = dict(MeanOfPoints(bands=bands).bands) if bands else band_edges(card.method)
        _band_lines(ax, edges, font)
        ax.set_ylabel(f"score ({card.method})")
        top = max([100.0, *(h for h in heights if not math.isnan(h))])
        ax.set_ylim(0, top * 1.1)
        _grade_legend(ax, font)
    if font:
        ax.set_title(f"{department.name} {department.year}", fontfamily=font)
    else:
        ax.set_title(f"{card.table} {department.year}")
    return ax


def _plot_targets(
    card: TargetsCard,
    what: str,
    *,
    ax: Axes | None,
    bands: Mapping[Grade, object] | Mapping[str, object] | None,
) -> Axes:
    if what not in ("projects", "indicators"):
        raise PerfscoreError(f"a targets scorecard plots 'projects' or 'indicators', not {what!r}")
    ax = _axes(ax, wide=what == "indicators")
    font = _font()
    method = SelfEvaluation(bands=bands) if bands else SelfEvaluation()
    if what == "indicators":
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
                ax.annotate("n/a", (x, float(weight)), ha="center", va="bottom", fontsize=7)
            elif points is None:
                ax.annotate("×", (x, 0), ha="center", va="bottom", color="#616161")
        ax.set_xticks(xs, [i for i, _, _, _ in items], rotation=90, fontsize=7)
        ax.set_xlabel("indicator (id): 得分 within 分值" if font else "indicator (id)")
        ax.set_ylabel("得分 / 分值" if font else "points earned / available")
        _grade_legend(ax, font)
    else:
        projects = card.projects
        heights = [
            math.nan if p.exact is None or p.weight == 0 else float(p.exact * 100 / p.weight)
            for p in projects
        ]
        _bars(ax, heights, [p.grade for p in projects])
        if font:
            labels = [f"{p.id} {_clip(p.name)}" for p in projects]
            ax.set_xticks(range(len(projects)), labels, rotation=45, ha="right", fontfamily=font)
            ax.set_xlabel("project")
        else:
            ax.set_xticks(range(len(projects)), [p.id for p in projects])
            ax.set_xlabel("project (id; no Chinese font installed)")
        for x, (project, height) in enumerate(zip(projects, heights, strict=True)):
            total = len(project.rows) - len(project.dropped)
            if math.isnan(height):
                ax.annotate("no result", (x, 1), ha="center", va="bottom", rotation=90,
                            fontsize=8)  # fmt: skip
            elif project.missing:
                ax.annotate(f"{total - len(project.missing)}/{total}", (x, height),
                            ha="center", va="bottom", fontsize=8, color="#424242")  # fmt: skip
        _band_lines(ax, dict(method.bands), font)
        ax.set_ylabel("总分 out of 100" if font else "total out of 100")
        top = max([100.0, *(h for h in heights if not math.isnan(h))])
        ax.set_ylim(0, top * 1.1)
        _grade_legend(ax, font)
    ax.set_title(card.table)
    return ax


def plot_frame_scores(scores: FrameScoresView, *, ax: Axes | None = None) -> Axes:
    """The distribution of the departments' scores across the tables, by grade band.

    A bar per 5-point bin (band edges are bin edges too), its height the number of departments
    whose score falls in it, coloured by the grade of the band; the band lines of the method.
    Departments without a score are counted in the axis label.

    Args:
        scores: The batch scores ([score_frame][perfscore.frames.score_frame]).
        ax: The axes to draw on; a new figure's by default.

    Returns:
        The axes drawn on.
    """
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
    font = _font(warn=False)
    _band_lines(ax, edges, font, vertical=True)
    unscored = int(np.isnan(all_scores).sum())
    note = f", {unscored} without a score" if unscored else ""
    ax.set_xlabel(f"department score ({scores.method}){note}")
    ax.set_ylabel("departments")
    ax.set_title(f"{len(all_scores)} tables")
    _grade_legend(ax, font)
    return ax


def plot_comparison(
    comparison: ComparisonView, level: str | None = None, *, ax: Axes | None = None
) -> Axes:
    """A bar per node of ``level``: its change from the first card to the last.

    Up is green, down red; a node without a change (a score missing in the first or the last
    card) has an empty bar marked "—". Each bar is labelled with its change.

    Args:
        comparison: The comparison ([compare][perfscore.comparison.compare]).
        level: ``"duties"`` (the default), ``"activities"``, ``"indicators"`` or ``"departments"``.
        ax: The axes to draw on; a new figure's by default.

    Returns:
        The axes drawn on.
    """
    level = level or comparison.top
    frame = comparison.level(level)
    ax = _axes(ax, wide=level in ("activities", "indicators"))
    font = _font()
    changes = frame["change"].to_numpy(dtype=float)
    colours = [_UP if c > 0 else _DOWN if c < 0 else PLOT_COLOURS[None] for c in changes]
    ax.bar(range(len(changes)), np.nan_to_num(changes), color=colours, edgecolor="#616161")
    for x, change in enumerate(changes):
        text = "—" if math.isnan(change) else f"{change:+.1f}"
        below = not math.isnan(change) and change < 0
        at = 0.0 if math.isnan(change) else change
        ax.annotate(text, (x, at), ha="center", va="top" if below else "bottom", fontsize=8)
    ax.axhline(0, color="#424242", linewidth=0.8)
    ids = [str(i) for i in frame["id"]]
    names = [str(n) for n in frame["name"]]
    kind = SINGULAR[level]
    if font and level != "indicators":
        labels = [f"{i} {_clip(n)}".strip() for i, n in zip(ids, names, strict=True)]
        ax.set_xticks(range(len(ids)), labels, rotation=45, ha="right", fontfamily=font)
        ax.set_xlabel(kind)
    else:
        ax.set_xticks(range(len(ids)), ids, rotation=90 if level != "duties" else 0)
        note = "" if font or level == "indicators" else ", no Chinese font installed"
        ax.set_xlabel(f"{kind} (id{note})")
    first, last = comparison.labels[0], comparison.labels[-1]
    ax.set_ylabel(f"change in score, {first} → {last}")
    ax.set_title(f"{comparison.tables[-1]}: {first} → {last}")
    return ax


# -- shared pieces ---------------------------------------------------------------------------


def _axes(ax: Axes | None, *, wide: bool = False) -> Axes:
    try:
        import matplotlib  # noqa: F401
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            'perfscore draws its plots with matplotlib: pip install "perfscore[plot]"'
        ) from None
    if ax is not None:
        from matplotlib.axes import Axes

        if not isinstance(ax, Axes):
            raise TypeError(f"ax is a matplotlib Axes, not {type(ax).__name__}")
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=(12 if wide else 8, 4), layout="constrained")
    return new


def _font(*, warn: bool = True) -> str | None:
    font = chinese_font()
    if font is None and warn:
        warnings.warn(
            "no font with Chinese characters is installed; plots label nodes by id "
            "(install one, e.g. Debian's fonts-noto-cjk, for names)",
            NoChineseFont,
            stacklevel=4,
        )
    return font


def _bars(ax: Axes, heights: Sequence[float], grades: Sequence[Grade | None]) -> None:
    """A bar per node; a node without a score an empty, hatched bar (so every node has a bar)."""
    drawn = [0.0 if math.isnan(h) else h for h in heights]
    colours = [PLOT_COLOURS[g] for g in grades]
    bars = ax.bar(range(len(drawn)), drawn, color=colours, edgecolor="#616161", linewidth=0.5)
    for bar, height in zip(bars, heights, strict=True):
        if math.isnan(height):
            bar.set_facecolor("none")
            bar.set_hatch("//")


def _node_labels(ax: Axes, nodes: Sequence[NodeScore], font: str | None, kind: str) -> None:
    if font:
        labels = [f"{n.id} {_clip(n.name)}" for n in nodes]
        ax.set_xticks(range(len(nodes)), labels, rotation=45, ha="right", fontfamily=font)
        ax.set_xlabel(kind)
    else:
        ax.set_xticks(range(len(nodes)), [n.id for n in nodes])
        ax.set_xlabel(f"{kind} (id; no Chinese font installed)")


def _coverage(ax: Axes, nodes: Sequence[NodeScore], heights: Sequence[float]) -> None:
    for x, (node, height) in enumerate(zip(nodes, heights, strict=True)):
        if math.isnan(height):
            ax.annotate("no result", (x, 1), ha="center", va="bottom", rotation=90, fontsize=8)
        elif node.graded < node.total:
            ax.annotate(
                f"{node.graded}/{node.total}",
                (x, height),
                ha="center",
                va="bottom",
                fontsize=8,
                color="#424242",
            )


def _band_lines(
    ax: Axes, edges: Mapping[Grade, Fraction], font: str | None, *, vertical: bool = False
) -> None:
    for grade, least in edges.items():
        value = float(least)
        label = f"{grade.value if font else grade.name.lower()} ≥ {value:g}"
        colour = PLOT_COLOURS[grade]
        if vertical:
            ax.axvline(value, color=colour, linestyle="--", linewidth=0.8)
            ax.annotate(label, (value, 1.0), xycoords=("data", "axes fraction"), ha="left",
                        va="top", fontsize=7, color=colour, fontfamily=font)  # fmt: skip
        else:
            ax.axhline(value, color=colour, linestyle="--", linewidth=0.8)
            ax.annotate(label, (1.0, value), xycoords=("axes fraction", "data"), ha="right",
                        va="bottom", fontsize=7, color=colour, fontfamily=font)  # fmt: skip


def _grade_legend(ax: Axes, font: str | None) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(color=PLOT_COLOURS[g], label=g.value if font else g.name.lower()) for g in GRADES
    ]
    legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    if font:
        for text in legend.get_texts():
            text.set_fontfamily(font)


def _clip(name: str) -> str:
    return name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"
