"""Every user-facing text has its English version, and switching language works."""

from __future__ import annotations

import ast
from pathlib import Path

import nttmart_pos
from nttmart_pos.i18n import _, english_catalog, set_language, translate_to

PACKAGE = Path(nttmart_pos.__file__).parent


def translatable_literals():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = {"_": 0, "translate_to": 1}.get(name)
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield path.relative_to(PACKAGE), arg.value


def test_every_translatable_text_has_an_english_version():
    catalog = english_catalog()
    found = list(translatable_literals())
    assert len(found) > 100
    missing = sorted({f"{path}: {text!r}" for path, text in found if text not in catalog})
    assert not missing, "no English text for:\n" + "\n".join(missing)


def test_placeholders_match_between_languages():
    import string

    def names(text):
        return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}

    wrong = [source for source, english in english_catalog().items() if names(source) != names(english)]
    assert not wrong


def test_switching_language():
    set_language("en")
    assert _("Barang tidak dikenal: {code}", code="123") == "Unknown product: 123"
    set_language("id")
    assert _("Barang tidak dikenal: {code}", code="123") == "Barang tidak dikenal: 123"
    assert translate_to("en", "Kembalian {amount}", amount="Rp500") == "Change Rp500"
    set_language("xx")
    assert _("Kembalian {amount}", amount="Rp500") == "Kembalian Rp500"
