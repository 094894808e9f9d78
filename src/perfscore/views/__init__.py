"""Views: how scores look where people read them, as text, HTML, workbooks and plots.

Owns the terminal and HTML tables of scorecards, self-evaluations and comparisons, the Excel
workbooks (`write_scorecard` …), every matplotlib plot (`plot_scorecard` …), the report to send
(`report_html`: one self-contained HTML page), how a grade is written and the one rule for how a
score, a rate and a change are shown (`shown_score`, `shown_rate`, `shown_change`). A view reads
records of `perfscore.scoring` and the members named by its
protocols (`LadderCard`, `TargetsCard`, `FrameScoresView`, `ComparisonView`); the cards, the
batch frames and the comparison call the views, never the other way round.

May import: the ground, `perfscore.notation`, `perfscore.tables` and `perfscore.scoring`.

>>> from perfscore.views import display_width
>>> display_width("1.1 就业")
8
"""

from ._display import GRADE_COLOURS, display_width, grade_text
from ._plots import (
    CHINESE_FONTS,
    PLOT_COLOURS,
    NoChineseFont,
    band_edges,
    chinese_font,
    plot_comparison,
    plot_frame_scores,
    plot_scorecard,
)
from ._protocols import ComparisonView, FrameScoresView, LadderCard, TargetsCard
from ._report import REPORT_CSS, report_html, write_report
from ._shown import shown_change, shown_rate, shown_score
from ._workbook import (
    FORM_COLUMNS,
    score_format,
    write_comparison,
    write_frame_scores,
    write_scorecard,
    write_targets_scorecard,
)

__all__ = [
    "CHINESE_FONTS",
    "FORM_COLUMNS",
    "GRADE_COLOURS",
    "PLOT_COLOURS",
    "REPORT_CSS",
    "ComparisonView",
    "FrameScoresView",
    "LadderCard",
    "NoChineseFont",
    "TargetsCard",
    "band_edges",
    "chinese_font",
    "display_width",
    "grade_text",
    "plot_comparison",
    "plot_frame_scores",
    "plot_scorecard",
    "report_html",
    "score_format",
    "shown_change",
    "shown_rate",
    "shown_score",
    "write_comparison",
    "write_frame_scores",
    "write_report",
    "write_scorecard",
    "write_targets_scorecard",
]
