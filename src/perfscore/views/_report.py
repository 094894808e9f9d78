"""A report to send (评价报告): one self-contained HTML page of scores, their plots and findings.

[report_html][perfscore.views.report_html] writes one page for a scorecard of either kind,
batch scores or a comparison: a title and summary, the plots as inline SVG (their text drawn as
outlines, so they need no font), the scorecard tables of the HTML views, and the findings (rows
left unscored, flags, nodes matched by name). The page carries everything it shows: no script,
no link, no file beside it, and the characters it uses of the bundled Chinese font embedded as a
web font, so it opens offline and shows its Chinese on a machine without Chinese fonts. It
prints on A4 (``@page``), with table headers repeated on each page and no plot or row cut across
two. ``Scorecard.to_html``, ``TargetsScorecard.to_html``, ``FrameScores.to_html``,
``Comparison.to_html`` and ``perfscore report`` call it.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import perfscore
>>> card = perfscore.score("zanhuang-hrss-2018", "examples/zanhuang-hrss-2018-results.csv")
>>> page = report_html(card)
>>> page.startswith("<!DOCTYPE html>")
True
>>> "<h1>赞皇县人力资源和社会保障局 2018 年绩效评价报告</h1>" in page
True
>>> page.count("<svg"), any(tag in page for tag in ("<script", "<link", "<img"))
(2, False)
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

from perfscore.fonts import chinese_font_file, chosen_font, truetype_subset
from perfscore.outputs import write_output

from ._display import card_html, comparison_html, grade_text, targets_html, total_text
from ._plots import plot_comparison, plot_frame_scores, plot_scorecard
from ._protocols import ComparisonView, FrameScoresView, LadderCard, TargetsCard
from ._shown import shown_score

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["REPORT_CSS", "report_html", "write_report"]

#: The page's style: A4 pages, tables that repeat their header and keep rows whole, grades on
#: their colours, plots as wide as the page.
REPORT_CSS: Final = """
@page { size: A4; margin: 14mm 12mm; }
html { font-family: "perfscore-zh", "Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC",
       "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt; color: #212121; }
body { max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 14pt 0 4pt; border-bottom: 1px solid #9e9e9e;
     break-after: avoid; page-break-after: avoid; }
p.summary { font-size: 11pt; }
figure { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #bdbdbd; padding: 2pt 4pt; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
section.wide table { font-size: 7pt; }
th { background: #eeeeee; }
.generated { color: #757575; font-size: 8pt; margin-top: 14pt; }
@media print { body { max-width: none; padding: 0; } }
"""


def report_html(
    subject: LadderCard | TargetsCard | FrameScoresView | ComparisonView,
    *,
    title: str | None = None,
    path: str | Path | None = None,
) -> str:
    """One self-contained HTML page reporting ``subject``: summary, plots, tables, findings.

    Args:
        subject: A scorecard ([Scorecard][perfscore.cards.Scorecard] or
            [TargetsScorecard][perfscore.cards.TargetsScorecard]), batch scores
            ([FrameScores][perfscore.frames.FrameScores]) or a comparison
            ([Comparison][perfscore.comparison.Comparison]).
        title: The page's heading; by default the department and year, the table, or the
            comparison's labels.
        path: Where to write the page too (UTF-8, as every file perfscore writes); not
            written by default.

    Returns:
        The page, to save as ``.html`` (UTF-8); [write_report][perfscore.views.write_report]
        saves it.

    Raises:
        TypeError: ``subject`` is none of those.
    """
    if isinstance(subject, TargetsCard):
        heading, sections = _targets(subject)
    elif isinstance(subject, LadderCard):
        heading, sections = _ladder(subject)
    elif isinstance(subject, ComparisonView):
        heading, sections = _comparison(subject)
    elif isinstance(subject, FrameScoresView):
        heading, sections = _frame(subject)
    else:
        raise TypeError(
            "a report is of a scorecard, batch scores or a comparison, "
            f"not {type(subject).__name__}"
        )
    heading = title or heading
    body = f"<h1>{html.escape(heading)}</h1>\n" + "\n".join(sections)
    body += '\n<p class="generated">由 perfscore 生成</p>'
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(heading)}</title>\n"
        f"<style>{_font_face(body)}{REPORT_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    if path is not None:
        write_output(path, page, encoding="utf-8")
    return page


def write_report(
    subject: LadderCard | TargetsCard | FrameScoresView | ComparisonView,
    path: str | Path,
    *,
    title: str | None = None,
) -> Path:
    """Write [report_html][perfscore.views.report_html] of ``subject`` to ``path`` (UTF-8).

    Written as every file perfscore writes ([perfscore.outputs][]): atomically, with the
    user's usual mode. Returns the path written.
    """
    report_html(subject, title=title, path=path)
    return Path(path)


# -- the sections of each kind ----------------------------------------------------------------


def _ladder(card: LadderCard) -> tuple[str, list[str]]:
    d = card.department
    named = d.name and not d.name.startswith("(")
    heading = f"{d.name if named else card.table} {d.year} 年绩效评价报告"
    summary = (
        f"得分 <b>{shown_score(d.exact)}</b>，等级 <b>{grade_text(d.grade) or '—'}</b>"
        f"（评分方法 {html.escape(card.method)}）；已评 {d.graded} / {d.total} 个指标。"
    )
    sections = [
        f'<p class="summary">{summary}</p>',
        _section("职责得分", _svg(plot_scorecard(card, "duties"))),
        _section("指标等级", _svg(plot_scorecard(card, "indicators"))),
        _section("评分表", card_html(card)),
    ]
    if card.unscored:
        items = "".join(f"<li>{html.escape(row.message)}</li>" for row in card.unscored)
        sections.append(_section(f"未评分（{len(card.unscored)}）", f"<ul>{items}</ul>"))
    return heading, sections


def _targets(card: TargetsCard) -> tuple[str, list[str]]:
    total = "—" if card.exact is None else total_text(card)
    summary = (
        f"总分 <b>{total}</b>（{html.escape(card.method)}），{len(card.projects)} 个项目："
        + "；".join(
            f"{html.escape(p.id)} {html.escape(p.name)} {grade_text(p.grade) or '—'}"
            for p in card.projects
        )
    )
    sections = [
        f'<p class="summary">{summary}</p>',
        _section("项目总分", _svg(plot_scorecard(card, "projects"))),
        _section("指标得分", _svg(plot_scorecard(card, "indicators"))),
        _section("自评表", targets_html(card), wide=True),
    ]
    flagged = [r for r in card.records() if r.get("flags")]
    if flagged or card.unscored:
        items = [f"<li>{html.escape(str(r['id']))}：{html.escape(str(r['flags']))}</li>"
                 for r in flagged]  # fmt: skip
        items += [f"<li>{html.escape(row.message)}</li>" for row in card.unscored]
        sections.append(_section(f"发现（{len(items)}）", f"<ul>{''.join(items)}</ul>"))
    return f"{card.table} 绩效自评报告", sections


def _frame(scores: FrameScoresView) -> tuple[str, list[str]]:
    departments = scores.departments
    sections = [
        f'<p class="summary">{len(departments)} 张表'
        f"（评分方法 {html.escape(scores.method)}）。</p>",
        _section("得分分布", _svg(plot_frame_scores(scores))),
        _section("各表得分", departments.to_html(index=False, na_rep="—", border=0), wide=True),
    ]
    if len(scores.unscored):
        table = scores.unscored.to_html(index=False, na_rep="", border=0)
        sections.append(_section(f"未评分（{len(scores.unscored)}）", table, wide=True))
    return f"{len(departments)} 张表的绩效评分报告", sections


def _comparison(comparison: ComparisonView) -> tuple[str, list[str]]:
    first, last = comparison.labels[0], comparison.labels[-1]
    sections = [
        _section("得分变化", _svg(plot_comparison(comparison))),
        _section("逐项比较", comparison_html(comparison)),
    ]
    return f"{comparison.tables[-1]}：{first} → {last} 比较报告", sections


# -- what the kinds share -----------------------------------------------------------------------


def _section(heading: str, content: str, *, wide: bool = False) -> str:
    """A section; a ``wide`` one (a table of many columns) in smaller type, to fit A4."""
    attribute = ' class="wide"' if wide else ""
    return f"<section{attribute}>\n<h2>{html.escape(heading)}</h2>\n{content}\n</section>"


def _svg(ax: Axes) -> str:
    """The axes' figure as inline SVG (text as outlines), the figure then closed."""
    import matplotlib.pyplot as plt

    figure = ax.get_figure(root=True)
    assert figure is not None
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "perfscore"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # the XML declaration and doctype are a file's, not a page's
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    return f'<figure role="img">{svg}</figure>'


def _font_face(body: str) -> str:
    """The page's characters of the Chinese font as an embedded web font (none if none)."""
    chosen = chosen_font()
    if isinstance(chosen, str):  # a family of one's own: the reader's machine is to have it
        return f'html {{ font-family: "{chosen}", sans-serif; }}\n'
    path = chinese_font_file()
    if path is None:
        return ""
    text = html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"<svg.*?</svg>", "", body, flags=re.S)))
    data = base64.b64encode(truetype_subset(text + "—", path)).decode("ascii")
    return (
        '@font-face { font-family: "perfscore-zh"; '
        f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}\n'
    )
