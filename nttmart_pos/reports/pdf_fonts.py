"""Choosing PDF fonts: the built-in Helvetica for Latin text, a TrueType font
only when a name has letters Helvetica cannot show (it draws black boxes).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Regular and bold files of fonts with wide coverage, in order of preference.
_CANDIDATES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
)
_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto", "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation", "/Library/Fonts", "/System/Library/Fonts/Supplemental",
)


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    unicode: bool  # False: the built-in fonts, which show only Windows-1252 letters

    def clean(self, text: str) -> str:
        """``text`` as this font can draw it: accents kept where possible, the rest dropped."""
        if self.unicode or _fits_builtin(text):
            return text
        out = []
        for ch in text:
            if _fits_builtin(ch):
                out.append(ch)
            else:
                out.extend(c for c in unicodedata.normalize("NFKD", ch) if _fits_builtin(c) and c.isprintable())
        return "".join(out)


BUILTIN = FontSet("Helvetica", "Helvetica-Bold", unicode=False)


def _fits_builtin(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _folders() -> list[Path]:
    folders = [Path(f) for f in _FOLDERS]
    if sys.platform == "win32":
        folders.insert(0, Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
    return folders


@cache
def unicode_fonts() -> FontSet | None:
    """A registered TrueType regular/bold pair, or None when none is installed."""
    for regular, bold in _CANDIDATES:
        for folder in _folders():
            if (folder / regular).is_file() and (folder / bold).is_file():
                name = Path(regular).stem
                pdfmetrics.registerFont(TTFont(name, str(folder / regular)))
                pdfmetrics.registerFont(TTFont(name + "-Bold", str(folder / bold)))
                return FontSet(name, name + "-Bold", unicode=True)
    return None


def fonts_for(texts: list[str]) -> FontSet:
    """Helvetica if every text fits it, else a TrueType font when one is installed."""
    if all(_fits_builtin(text or "") for text in texts):
        return BUILTIN
    return unicode_fonts() or BUILTIN
