"""The Chinese font: the bundled file found, a font of one's own chosen by path or family."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from perfscore import fonts


@pytest.fixture(autouse=True)
def _bundled_again() -> Iterator[None]:
    yield
    fonts.set_chinese_font(None)


def test_the_bundled_font_is_an_open_simplified_chinese_font() -> None:
    from fontTools.ttLib import TTFont

    path = fonts.chinese_font_file()
    assert path is not None
    assert path.is_file()
    font = TTFont(path, lazy=True)
    names = {record.toUnicode() for record in font["name"].names if record.nameID in (1, 13)}
    assert "Noto Sans SC" in names
    assert any("SIL Open Font License" in name for name in names)  # the licence it says
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "优良中差总分得分值职责绩效≥→×")


def test_a_path_is_chosen_for_plots_and_pdfs(tmp_path: Path) -> None:
    bundled = fonts.chinese_font_file()
    assert bundled is not None
    fonts.set_chinese_font(bundled)
    assert fonts.chosen_font() == bundled
    assert fonts.chinese_font_file() == bundled
    copy = tmp_path / "my font.otf"
    copy.write_bytes(b"not really a font")  # the file is read when a plot or PDF uses it
    fonts.set_chinese_font(str(copy))
    assert fonts.chinese_font_file() == copy


def test_a_family_is_chosen_for_plots_only() -> None:
    fonts.set_chinese_font("Microsoft YaHei")
    assert fonts.chosen_font() == "Microsoft YaHei"
    assert fonts.chinese_font_file() == fonts.chinese_font_file() is not None  # PDFs: bundled
    fonts.set_chinese_font(None)
    assert fonts.chosen_font() is None


def test_wrong_choices_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no font file at"):
        fonts.set_chinese_font(tmp_path / "missing.ttf")
    with pytest.raises(FileNotFoundError):
        fonts.set_chinese_font("fonts/simhei.ttf")
    with pytest.raises(TypeError, match="not int"):
        fonts.set_chinese_font(12)  # type: ignore[arg-type]
    assert fonts.chosen_font() is None


def test_without_the_font_package_there_is_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pylopdf_fonts_zh_cn", None)  # as if not installed
    assert fonts.chinese_font_file() is None


def test_the_font_package_is_a_plain_wheel_dependency_of_the_plot_extra() -> None:
    import tomllib

    root = Path(__file__).resolve().parents[2]
    extras = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    for extra in ("plot", "import", "test"):
        assert any(r.startswith(fonts.FONT_PACKAGE) for r in extras[extra]), extra


def test_a_truetype_subset_holds_the_glyphs_of_the_text_and_no_more() -> None:
    from fontTools.ttLib import TTFont

    text = "优良中差 总分 95%"
    data = fonts.truetype_subset(text)
    subset = TTFont(io.BytesIO(data))
    assert "glyf" in subset  # TrueType outlines, which a PDF writer embeds
    assert "CFF " not in subset
    assert set(subset.getBestCmap()) == {ord(c) for c in text} | {ord(" ")}
    glyphs = subset["glyf"]
    assert all(glyphs[subset.getBestCmap()[ord(c)]].numberOfContours > 0 for c in "优良中差")
    assert len(data) < 20_000  # of an 8 MB font
    assert fonts.truetype_subset(text) == data  # the same bytes each time (no time stamp)


def test_a_truetype_subset_needs_a_font(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pylopdf_fonts_zh_cn", None)
    with pytest.raises(ModuleNotFoundError, match=r"perfscore\[import\]"):
        fonts.truetype_subset("优")
