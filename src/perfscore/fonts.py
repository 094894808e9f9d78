"""The Chinese font perfscore draws plots and prints PDFs with.

The ``plot`` and ``import`` extras bring one: Noto Sans SC (思源黑体's Simplified Chinese
cut, from Google and Adobe, under the SIL Open Font License 1.1), shipped as a plain wheel by
the package ``pylopdf-fonts-zh-cn`` ([FONT_PACKAGE][perfscore.fonts.FONT_PACKAGE]). It is found
by [chinese_font_file][perfscore.fonts.chinese_font_file], so plots and exported PDFs show
Chinese on a machine with no Chinese font of its own. The OFL allows the font to be
redistributed with software and embedded in documents, which is what the PDF export does (a
subset: only the characters a document uses, by
[truetype_subset][perfscore.fonts.truetype_subset]).

A font of one's own replaces it everywhere with
[set_chinese_font][perfscore.fonts.set_chinese_font]: a family name matplotlib knows (an
installed font, for plots only) or the path of a font file (plots and PDFs).

>>> set_chinese_font("/no/such/font.ttf")
Traceback (most recent call last):
    ...
FileNotFoundError: no font file at /no/such/font.ttf
>>> set_chinese_font(None)   # back to the bundled font
>>> chosen_font() is None
True
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Final

__all__ = [
    "FONT_PACKAGE",
    "chinese_font_file",
    "chosen_font",
    "looks_like_font_path",
    "set_chinese_font",
    "truetype_subset",
]

#: The package on the index that ships the bundled font (the ``plot`` and ``import`` extras).
FONT_PACKAGE: Final = "pylopdf-fonts-zh-cn"

_chosen: str | Path | None = None


def set_chinese_font(font: str | os.PathLike[str] | None) -> None:
    """Use ``font`` instead of the bundled Noto Sans SC from now on.

    Args:
        font: The path of a font file (``.ttf``, ``.otf``, ``.ttc``), used by plots and by
            the PDF export; or a family name matplotlib knows (``"Microsoft YaHei"``), used by
            plots, while PDFs keep the bundled font; or ``None``: the bundled font again.

    Raises:
        FileNotFoundError: ``font`` names a path (it has a folder or a font file's suffix)
            where there is no file.
        TypeError: ``font`` is neither text, a path nor ``None``.
    """
    global _chosen
    if font is None:
        _chosen = None
        return
    if not isinstance(font, str | os.PathLike):
        raise TypeError(f"font is a family name or a font file's path, not {type(font).__name__}")
    text = os.fspath(font)
    if isinstance(font, os.PathLike) or looks_like_font_path(text):
        path = Path(text).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"no font file at {text}")
        _chosen = path
    else:
        _chosen = text


def chosen_font() -> str | Path | None:
    """The font [set_chinese_font][perfscore.fonts.set_chinese_font] chose, or ``None``."""
    return _chosen


def chinese_font_file() -> Path | None:
    """The font file to draw and print Chinese with: the chosen one, else the bundled one.

    ``None`` when no file was chosen and the font package is not installed (install
    ``perfscore[plot]`` or ``perfscore[import]``).
    """
    if isinstance(_chosen, Path):
        return _chosen
    try:
        import pylopdf_fonts_zh_cn
    except ModuleNotFoundError:
        return None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    return path if path.is_file() else None


def looks_like_font_path(text: str) -> bool:
    """Whether ``text`` names a font file (a folder in it, or a font file's suffix), not a family.

    >>> looks_like_font_path("Noto Sans SC"), looks_like_font_path("fonts/simhei.ttf")
    (False, True)
    """
    return os.sep in text or "/" in text or text.lower().endswith((".ttf", ".otf", ".ttc"))


def truetype_subset(
    text: str, path: str | os.PathLike[str] | None = None, *, suffix: str = ""
) -> bytes:
    """The glyphs of ``text`` from a font file, as a small TrueType font to embed in a PDF.

    A PDF writer such as reportlab embeds only fonts with TrueType (quadratic) outlines, and
    Noto Sans SC has PostScript (CFF, cubic) ones: the characters used are cut out of the font
    (fontTools' subsetter) and their outlines turned into TrueType ones (fontTools' cu2qu), a
    few kilobytes for a table's worth of characters instead of 8 MB. A font that already has
    TrueType outlines is only cut. Needs fontTools (``perfscore[import]``).

    Args:
        text: Every character the document shows.
        path: The font file; [chinese_font_file][perfscore.fonts.chinese_font_file] by default.
        suffix: Added to the font's PostScript name (``NotoSansSC-Regular-<suffix>``): reportlab
            takes two fonts of one PostScript name for one, so each subset needs its own.

    Raises:
        ModuleNotFoundError: No font file is chosen and the font package is not installed.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    chosen = chinese_font_file() if path is None else Path(path)
    if chosen is None:
        raise ModuleNotFoundError(
            f"a PDF embeds the Chinese font of the package {FONT_PACKAGE}: "
            'pip install "perfscore[import]"'
        )
    options = subset.Options()
    options.layout_features = []  # no shaping tables: a table's text needs none
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "GDEF", "GPOS", "GSUB", "DSIG"]
    options.name_IDs = ["*"]  # keeps the copyright and licence notices with the font
    options.notdef_outline = True
    font = TTFont(chosen, fontNumber=0, recalcTimestamp=False)  # the same bytes each time
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(font)
    if "CFF " in font:
        _to_truetype(font)
    if suffix:
        postscript = font["name"].getDebugName(6) or "font"
        font["name"].setName(f"{postscript}-{suffix}", 6, 3, 1, 0x409)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _to_truetype(font: Any) -> None:
    """Replace a font's CFF outlines by TrueType ones (as fontTools' otf2ttf recipe does)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        width, _ = hmtx[name]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: a PDF finds glyphs by the character map
    font.sfntVersion = "\x00\x01\x00\x00"
