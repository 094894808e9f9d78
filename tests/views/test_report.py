"""perfscore.views._report: the report to send, one self-contained HTML page, checked as text
and in a real headless browser (Debian's chromium, which .ci/run installs)."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import perfscore
from perfscore.views import report_html, write_report
from perfscore.views._display import card_html, comparison_html, targets_html
from tests.scoring_data import small, zanhuang
from tests.targets_data import TARGET_RESULTS, TARGETS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Y2018 = EXAMPLES / "zanhuang-hrss-2018-results.csv"
Y2019 = EXAMPLES / "zanhuang-hrss-2019-results.csv"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(autouse=True)
def _no_figures_left() -> Iterator[None]:
    yield
    assert not plt.get_fignums()  # the report closes every figure it draws


def _self_contained(page: str) -> None:
    """Nothing fetched: no script, no link, no source or address outside the page."""
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    addresses = re.findall(r"(?:src|href)=\"([^\"]*)\"|url\(([^)]*)\)", page)
    assert all((a or b).startswith(("data:", "#")) for a, b in addresses)
    assert "@page { size: A4" in page
    assert "@font-face" in page  # the page's characters of the bundled font


def test_a_ladder_cards_report_has_summary_plots_table_and_unscored() -> None:
    card = perfscore.score(small, {"1.1.1": "100%", "1.2.1": 420, "9.9.9": "1"}, keep_going=True)
    page = report_html(card)
    _self_contained(page)
    assert f"<h1>{small.department.name} {small.year} 年绩效评价报告</h1>" in page
    assert card_html(card) in page  # the scorecard table of the HTML view, as it is
    assert page.count("<svg") == 2  # duties and indicators
    assert "<h2>未评分（1）</h2>" in page
    assert html.escape(card.unscored[0].message) in page
    assert report_html(card, title="送审稿").count("<h1>送审稿</h1>") == 1


def test_a_targets_cards_report_has_the_self_evaluation_and_its_flags() -> None:
    card = perfscore.score(perfscore.load_table(TARGETS), TARGET_RESULTS)
    assert isinstance(card, perfscore.TargetsScorecard)
    page = card.to_html()
    _self_contained(page)
    assert "<h1>targets-invented-2023 绩效自评报告</h1>" in page
    assert targets_html(card) in page
    flagged = [r for r in card.records() if r["flags"]]
    assert flagged  # the invented example has a flagged row
    assert f"<h2>发现（{len(flagged) + len(card.unscored)}）</h2>" in page
    assert all(html.escape(str(r["flags"])) in page for r in flagged)


def test_batch_scores_and_comparisons_report_and_write(tmp_path: Path) -> None:
    results = pd.DataFrame({"table": ["a", "b"], "id": ["1.1.1", "1.1.1"], "value": ["100%", 1]})
    scores = perfscore.score_frame({"a": small, "b": small, "c": small}, results)
    page = scores.to_html(tmp_path / "batch.html")
    assert (tmp_path / "batch.html").read_text(encoding="utf-8") == page
    _self_contained(page)
    assert "<h1>3 张表的绩效评分报告</h1>" in page
    assert page.count("<svg") == 1
    comparison = perfscore.compare(
        perfscore.score(small, {"1.1.1": "100%"}),
        perfscore.score(small, {"1.1.1": "85%"}),
        labels=["2019", "2020"],
    )
    page = comparison.to_html()
    _self_contained(page)
    assert comparison_html(comparison) in page
    assert f"<h1>{small.name}：2019 → 2020 比较报告</h1>" in page


def test_the_report_is_written_as_every_output_is(tmp_path: Path) -> None:
    card = perfscore.score(small, {"1.1.1": "100%"})
    old = os.umask(0o027)
    try:
        path = write_report(card, tmp_path / "report.html")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_text(encoding="utf-8") == report_html(card)  # the same page each time
    with pytest.raises(TypeError, match="not DataFrame"):
        report_html(pd.DataFrame())  # type: ignore[arg-type]


# -- in a real browser -----------------------------------------------------------------------


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, timeout=180, check=True)


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium (.ci/run installs Debian's chromium)")
@pytest.mark.parametrize("kind", ["ladder", "targets"])
def test_the_report_renders_in_a_headless_browser_and_prints_on_a4(
    kind: str, tmp_path: Path
) -> None:
    import pdfplumber

    if kind == "ladder":
        card = perfscore.score(zanhuang, Y2018)
        heading = f"{zanhuang.department.name} {zanhuang.year} 年绩效评价报告"
    else:
        card = perfscore.score(perfscore.load_table(TARGETS), TARGET_RESULTS)
        heading = "targets-invented-2023 绩效自评报告"
    page = tmp_path / "report.html"
    card.to_html(page)
    address = page.as_uri()
    # The page as the browser built it: the heading, the sections and the table are there.
    dom = _chromium(tmp_path, "--dump-dom", address).stdout.decode("utf-8")
    assert f"<h1>{heading}</h1>" in dom
    assert dom.count("<svg") == 2
    assert "<table" in dom
    assert "<h2>" in dom
    # A screenshot of the first A4 page's worth (1240 x 1754 px), kept as the test's artefact.
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1240,1754", address)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshot of the {kind} report: {shot}")
    # Printed: A4 pages, the Chinese text drawn with the page's own font (the machine has none).
    pdf = tmp_path / "report.pdf"
    _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", address)
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        sizes = {(round(p.width), round(p.height)) for p in document.pages}
        text = "".join(p.extract_text() for p in document.pages)
        chinese = [c for p in document.pages for c in p.chars if "\u4e00" <= c["text"] <= "\u9fff"]
        inside = all(c["x0"] >= 0 and c["x1"] <= p.width for p in document.pages for c in p.chars)
    assert sizes == {(595, 842)}  # A4 in points
    assert inside  # nothing runs off the page's right edge
    assert heading.replace(" ", "") in text.replace(" ", "")
    assert all(c in text for c in ("优良中差" if kind == "ladder" else "总分"))
    assert chinese
    assert {c["fontname"].split("+")[-1] for c in chinese} == {"NotoSansSC-Regular"}
