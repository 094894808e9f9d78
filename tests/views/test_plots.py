"""Plots rendered with the Agg backend: figures saved, bars counted, heights and colours checked.

Every plot is drawn twice: with the bundled Chinese font (the ``plot`` extra's, found without
any system font) and as if matplotlib had been installed without it (ids and English, with a
``NoChineseFont`` warning), so both routes are tested on any machine.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

import perfscore
from perfscore import fonts
from perfscore.views import PLOT_COLOURS, NoChineseFont
from perfscore.views import _plots as plots
from tests.scoring_data import small, zanhuang
from tests.targets_data import TARGET_RESULTS, TARGETS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Y2018 = EXAMPLES / "zanhuang-hrss-2018-results.csv"
Y2019 = EXAMPLES / "zanhuang-hrss-2019-results.csv"
COLOUR = {g.value: c for g, c in PLOT_COLOURS.items() if g is not None}


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(params=["font", "no font"])
def font(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """Each test runs with the bundled Chinese font and as if there were none."""
    if request.param == "font":
        return plots.chinese_font()
    monkeypatch.setattr(plots, "chinese_font", lambda font=None: None)
    return None


def _bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _levels(ax: Axes, axis: str) -> list[float]:
    """Where the band lines are: the levels of the straight lines drawn across the axes."""
    data = [line.get_ydata() if axis == "y" else line.get_xdata() for line in ax.get_lines()]
    return sorted(float(np.asarray(d)[0]) for d in data)


def _save(ax: Axes, path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # missing glyphs in the stand-in font
        figure = ax.get_figure(root=True)
        assert figure is not None
        figure.savefig(path)
    assert path.stat().st_size > 1000


def _draw(font: str | None, draw: object) -> Axes:
    """Call ``draw``; without a font it must warn NoChineseFont, with one it must not."""
    assert callable(draw)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = draw()
    assert isinstance(ax, Axes)
    warned = [w for w in caught if issubclass(w.category, NoChineseFont)]
    assert bool(warned) == (font is None)
    return ax


def test_contract_card_plot_has_a_bar_per_duty(font: str | None, tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, Y2018)
    ax = _draw(font, card.plot)
    bars = _bars(ax)
    assert len(bars) == 13
    assert [b.get_height() for b in bars] == pytest.approx([d.score for d in card.duties])
    for bar, duty in zip(bars, card.duties, strict=True):
        assert to_hex(bar.get_facecolor()) == COLOUR[duty.grade.value]  # type: ignore[union-attr]
    bands = _levels(ax, "y")
    assert bands == [60, 80, 90]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    if font is None:
        assert ticks == [d.id for d in card.duties]
        assert "no Chinese font" in ax.get_xlabel()
    else:
        assert ticks[0] == "1\n促进就业政\n策、管理及\n实施"  # wrapped, never clipped
    _save(ax, tmp_path / "duties.png")


def test_card_plot_shows_coverage_and_duties_without_results(font: str | None) -> None:
    card = perfscore.score(small, {"1.1.1": "100%", "1.2.1": 420})
    ax = _draw(font, card.plot)
    bars = _bars(ax)
    assert len(bars) == 2  # duty 2 has no result, and still its (empty, hatched) bar
    assert bars[0].get_height() == 90
    assert (bars[1].get_height(), bars[1].get_hatch()) == (0, "//")
    notes = [t.get_text() for t in ax.texts]
    assert "2/3" in notes  # duty 1: 2 of its 3 indicators graded
    assert ("无结果" if font else "no result") in notes


def test_card_plot_bands_follow_the_method(font: str | None) -> None:
    card = perfscore.score(small, {"1.1.1": "100%"}, method="worst")
    ax = _draw(font, card.plot)
    assert _levels(ax, "y") == [60, 80, 100]
    custom = _draw(font, lambda: plots.plot_scorecard(card, bands={"优": 95, "良": 85}))
    assert _levels(custom, "y") == [60, 85, 95]


def test_indicators_plot_has_a_bar_per_indicator(font: str | None, tmp_path: Path) -> None:
    card = perfscore.score(zanhuang, Y2019)  # 10.4.1 is missing in 2019
    ax = _draw(font, lambda: card.plot("indicators"))
    bars = _bars(ax)
    assert len(bars) == 68
    indicators = card.indicators()
    for bar, indicator in zip(bars, indicators, strict=True):
        if indicator.points is None:
            assert (bar.get_height(), bar.get_hatch()) == (0, "//")
        else:
            grade = indicator.grade.value  # type: ignore[union-attr]
            assert bar.get_height() == {"优": 4, "良": 3, "中": 2, "差": 1}[grade]
            assert to_hex(bar.get_facecolor()) == COLOUR[indicator.grade.value]  # type: ignore[union-attr]
    assert [t.get_text() for t in ax.get_xticklabels()] == [i.id for i in indicators]
    _save(ax, tmp_path / "indicators.png")


def test_plots_draw_on_the_axes_given() -> None:
    card = perfscore.score(small, {"1.1.1": "100%"})
    figure, (left, right) = plt.subplots(1, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoChineseFont)
        assert card.plot(ax=left) is left
        assert card.plot("indicators", ax=right) is right
    assert len(_bars(left)) == 2
    assert len(_bars(right)) == 5
    with pytest.raises(perfscore.PerfscoreError, match="'duties' or 'indicators'"):
        card.plot("projects")
    with pytest.raises(TypeError, match="matplotlib Axes"):
        card.plot(ax=figure)  # type: ignore[arg-type]


def test_frame_scores_plot_is_a_histogram_by_band(font: str | None, tmp_path: Path) -> None:
    import pandas as pd

    tables = {f"t{k}": small for k in range(4)}
    results = pd.DataFrame(
        {
            "table": ["t0", "t0", "t1", "t1", "t2"],
            "id": ["1.1.1", "1.2.1", "1.1.1", "2.1.1", "1.1.2"],
            "value": ["100%", 420, "85%", 2, "92%"],
        }
    )
    scores = perfscore.score_frame(tables, results)
    # by hand: t0 (100 + 80)/2 = 90 优; t1 duty 1 60, duty 2 0 → 30 差; t2 80 良; t3 no score
    assert scores.departments["score"].tolist()[:3] == [90.0, 30.0, 80.0]
    ax = scores.plot()  # no names on the axis: no font warning
    bars = _bars(ax)
    assert len(bars) == 20  # 5-point bins from 0 to 100; the band edges are among them
    heights = {b.get_x(): b.get_height() for b in bars}
    assert (heights[30.0], heights[80.0], heights[90.0]) == (1, 1, 1)
    assert sum(heights.values()) == 3
    assert to_hex(bars[18].get_facecolor()) == COLOUR["优"]  # [90, 95)
    assert to_hex(bars[16].get_facecolor()) == COLOUR["良"]
    assert to_hex(bars[12].get_facecolor()) == COLOUR["中"]
    assert to_hex(bars[11].get_facecolor()) == COLOUR["差"]
    assert ("1 个无得分" if font else "1 without a score") in ax.get_xlabel()
    assert _levels(ax, "x") == [60, 80, 90]
    _save(ax, tmp_path / "departments.png")


def test_comparison_plot_bars_are_the_hand_computed_changes(
    font: str | None, tmp_path: Path
) -> None:
    a = perfscore.score(small, {"1.1.1": "100%", "1.1.2": "85%", "1.2.1": 420, "2.1.1": 2})
    b = perfscore.score(small, {"1.1.1": "100%", "1.1.2": "100%", "1.2.1": 520})
    comparison = perfscore.compare(a, b)
    ax = _draw(font, comparison.plot)
    bars = _bars(ax)
    # duty 1: 80 → 100 (+20); duty 2: 0 → no score (no change: an empty bar marked —)
    assert [bar.get_height() for bar in bars] == [20, 0]
    assert to_hex(bars[0].get_facecolor()) == "#2e7d32"
    assert [t.get_text() for t in ax.texts] == ["+20.0", "—"]
    assert ax.get_xlabel() == ("职责" if font else "duty (id; no Chinese font installed)")
    activities = _draw(font, lambda: comparison.plot("activities"))
    # 1.1 80 → 100, 1.2 80 → 100, 2.1 0 → none
    assert [bar.get_height() for bar in _bars(activities)] == [20, 20, 0]
    _save(ax, tmp_path / "change.png")


def test_comparison_plot_of_two_years(font: str | None) -> None:
    a = perfscore.score(zanhuang, Y2018)
    b = perfscore.score(zanhuang, Y2019)
    comparison = perfscore.compare(a, b, labels=["2018", "2019"])
    ax = _draw(font, comparison.plot)
    heights = [bar.get_height() for bar in _bars(ax)]
    pairs = zip(a.duties, b.duties, strict=True)
    assert heights == pytest.approx([y.score - x.score for x, y in pairs])  # type: ignore[operator]
    falls = [bar for bar in _bars(ax) if bar.get_height() < 0]
    assert falls
    assert all(to_hex(bar.get_facecolor()) == "#c62828" for bar in falls)
    with pytest.raises(perfscore.PerfscoreError, match="a ladder table's cards have no projects"):
        comparison.plot("projects")


def test_chinese_font_is_the_bundled_one_unless_one_is_chosen(tmp_path: Path) -> None:
    from matplotlib import font_manager

    bundled = fonts.chinese_font_file()
    assert bundled is not None  # the plot extra's font package (the test extra has it too)
    family = plots.chinese_font()
    assert family == font_manager.FontProperties(fname=bundled).get_name()
    # matplotlib draws that family from the bundled file, whatever the machine has installed
    wanted = font_manager.FontProperties(family=family)
    found = font_manager.findfont(wanted, fallback_to_default=False)
    assert Path(found).resolve() == bundled.resolve()
    assert plots.chinese_font(bundled) == family  # by path
    assert plots.chinese_font(family) == family  # by name, once registered
    with pytest.raises(ValueError, match="no font family 'No Such Sans'"):
        plots.chinese_font("No Such Sans")
    with pytest.raises(FileNotFoundError, match="no font file"):
        plots.chinese_font(tmp_path / "missing.ttf")


def test_a_chosen_font_is_drawn_with(monkeypatch: pytest.MonkeyPatch) -> None:
    card = perfscore.score(small, {"1.1.1": "100%"})
    fonts.set_chinese_font("DejaVu Sans")  # a family matplotlib ships
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # DejaVu Sans has no Chinese glyphs
            ax = card.plot()
    finally:
        fonts.set_chinese_font(None)
    assert ax.title.get_fontfamily()[0] == "DejaVu Sans"
    assert plots.chinese_font() != "DejaVu Sans"


def test_targets_card_plots_a_bar_per_project(font: str | None, tmp_path: Path) -> None:
    card = perfscore.score(perfscore.load_table(TARGETS), TARGET_RESULTS)
    ax = _draw(font, card.plot)
    bars = _bars(ax)
    # 总分 out of 100 (both projects' 分值 are 100): 281/3 优 and 3580/57 中
    assert [b.get_height() for b in bars] == pytest.approx([281 / 3, 3580 / 57])
    assert [to_hex(b.get_facecolor()) for b in bars] == [COLOUR["优"], COLOUR["中"]]
    assert _levels(ax, "y") == [60, 80, 90]
    _save(ax, tmp_path / "projects.png")


def test_targets_indicators_plot_points_within_their_weight(font: str | None) -> None:
    card = perfscore.score(perfscore.load_table(TARGETS), TARGET_RESULTS)
    assert isinstance(card, perfscore.TargetsScorecard)
    ax = _draw(font, lambda: card.plot("indicators"))
    bars = _bars(ax)
    rows = sorted(
        [(r.id, r.weight, r.points) for r in card.rows()]
        + [(f"{p.id}.budget", p.budget.weight, p.budget.points) for p in card.projects
           if p.budget is not None],
        key=lambda row: [int(x) if x.isdigit() else 10**9 for x in row[0].split(".")],
    )  # fmt: skip
    assert len(bars) == 2 * len(rows) == 24  # an outline (分值) and a bar (得分) per row
    assert [b.get_height() for b in bars[:12]] == [float(w) for _, w, _ in rows]
    assert [b.get_height() for b in bars[12:]] == pytest.approx([float(p) for _, _, p in rows])  # type: ignore[arg-type]
    assert [t.get_text() for t in ax.get_xticklabels()][6] == "1.budget"
    # 1.5: 10 of 15 (67%, 中); 2.1: 0 of 20 (差)
    assert to_hex(bars[12 + 4].get_facecolor()) == COLOUR["中"]
    assert to_hex(bars[12 + 7].get_facecolor()) == COLOUR["差"]


def _labels(ax: Axes) -> list[str]:
    """Every label a reader reads: title, axis labels, the names under bars, legend, notes."""
    legend = ax.get_legend()
    texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    texts += [t.get_text() for t in ax.get_xticklabels()]
    texts += [t.get_text() for t in legend.get_texts()] if legend else []
    return texts + [t.get_text() for t in ax.texts if not t.get_text()[:1].isdigit()]


def _chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.mark.parametrize("kind", ["ladder", "targets"])
def test_every_label_is_chinese_and_drawing_warns_nothing(kind: str, tmp_path: Path) -> None:
    """The bundled font draws every label in Chinese, with no missing-glyph warning, on a
    machine with no Chinese font of its own (``fc-list :lang=zh`` is empty where CI runs)."""
    card = (
        perfscore.score(zanhuang, Y2019)
        if kind == "ladder"
        else perfscore.score(perfscore.load_table(TARGETS), TARGET_RESULTS)
    )
    if isinstance(card, perfscore.TargetsScorecard):
        names = [p.name for p in card.projects]
    else:
        names = [d.name for d in card.duties]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph, NoChineseFont: any warning fails
        ax = card.plot()
        figure = ax.get_figure(root=True)
        assert figure is not None
        figure.savefig(tmp_path / f"{kind}.png")  # glyphs are looked up when drawn
    labels = _labels(ax)
    assert all(_chinese(text) for text in labels if text.strip("0123456789./×—"))
    assert ax.get_ylabel() in ("得分（mean）", "总分（满分 100）")
    assert ax.get_xlabel() in ("职责", "项目")
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["优", "良", "中", "差"]
    # each name is under its bar: wrapped, the first characters kept
    ticks = [t.get_text().replace("\n", "") for t in ax.get_xticklabels()]
    assert all(name[:4] in tick for name, tick in zip(names, ticks, strict=True))
    assert all(t.get_fontfamily()[0] == plots.chinese_font() for t in ax.get_xticklabels())


def test_band_labels_stand_beside_the_bars_not_behind_them() -> None:
    card = perfscore.score(zanhuang, Y2018)
    ax = card.plot()
    bands = [t for t in ax.texts if "≥" in t.get_text()]
    assert [t.get_text() for t in bands] == ["优 ≥ 90", "良 ≥ 80", "中 ≥ 60"]
    # placed at the right edge of the axes and drawn to its right, outside every bar
    assert all(t.xy[0] == 1.0 and t.get_ha() == "left" for t in bands)  # type: ignore[attr-defined]


def test_an_imported_table_without_a_department_is_titled_by_its_table() -> None:
    table = small
    nameless = table.model_copy(
        update={"department": table.department.model_copy(update={"name": "(department)"})}
    )
    ax = perfscore.score(nameless, {"1.1.1": "100%"}).plot()
    assert ax.get_title() == f"{table.name} {table.year} 年"
