"""The one translation function for every user-facing text.

Source strings are written in Bahasa Indonesia, the store's default language.
``_("Barang tidak ditemukan: {code}", code=c)`` returns the text in the current
language with the placeholders filled in.  English texts live in the
``en_*.py`` modules of this package, one per area of the program, each a plain
``MESSAGES`` dict from the Indonesian source string to its English text.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_current = DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    """Switch every later call of ``_`` to the language ``code`` ("id" or "en")."""
    global _current
    _current = code if code in LANGUAGES else DEFAULT_LANGUAGE


def get_language() -> str:
    return _current


@cache
def english_catalog() -> dict[str, str]:
    """All English texts, merged from the ``en_*`` modules of this package."""
    merged: dict[str, str] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("en_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            merged.update(module.MESSAGES)
    return merged


def _(text: str, /, **values: object) -> str:
    """Translate ``text`` into the current language and fill its ``{placeholders}``."""
    return translate_to(_current, text, **values)


def translate_to(language: str, text: str, /, **values: object) -> str:
    """Like ``_`` but for a given language (receipts follow the store language)."""
    if language == "en":
        text = english_catalog().get(text, text)
    return text.format(**values) if values else text
