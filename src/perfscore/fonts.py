"""The Chinese font perfscore draws plots and prints PDFs with.

The ``plot`` and ``import`` extras bring one: Noto Sans SC (思源黑体's Simplified Chinese
cut, from Google and Adobe, under the SIL Open Font License 1.1), shipped as a plain wheel by
the package ``pylopdf-fonts-zh-cn`` ([FONT_PACKAGE][perfscore.fonts.FONT_PACKAGE]). It is found
by [chinese_font_file][perfscore.fonts.chinese_font_file], so plots and exported PDFs show
Chinese on a machine with no Chinese font of its own. The OFL allows the font to be
redistributed with software and embedded in documents, which is what the PDF export does (a
subset: only the characters a document uses).

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

import os
from pathlib import Path
from typing import Final

__all__ = [
    "FONT_PACKAGE",
    "chinese_font_file",
    "chosen_font",
    "looks_like_font_path",
    "set_chinese_font",
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
