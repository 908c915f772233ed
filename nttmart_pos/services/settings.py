"""Changing the store settings: who may do it, and checking a change before it is saved.

Reading settings needs no permission (``config.load_settings``); writing them
changes receipts, prices with PPN and the QRIS every customer pays to, so only
a manager or an admin may do it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from nttmart_pos.config import Settings, save_settings
from nttmart_pos.errors import PermissionDenied
from nttmart_pos.hardware.printer import parse_printer_url
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo

MANAGER_ROLES = ("manager", "admin")

_TEXT_FIELDS = ("store_name", "store_address", "store_phone", "footer", "terminal_id", "printer_url",
                "qris_static")


def can_change_settings(user: UserInfo | None) -> bool:
    """Whether ``user`` may change the store settings."""
    return user is not None and user.role in MANAGER_ROLES


def normalized(settings: Settings) -> Settings:
    """``settings`` without stray spaces or line breaks around its texts (a pasted QRIS has them)."""
    return replace(settings, **{name: getattr(settings, name).strip() for name in _TEXT_FIELDS})


def update_settings(user: UserInfo, new: Settings, path: Path) -> Settings:
    """Check and save ``new`` to ``path`` for ``user``; return what was saved.

    Raises ``PermissionDenied`` for a role other than manager/admin (the file
    is not touched) and ``ConfigError``/``QrisError`` for an unusable value.
    """
    if not can_change_settings(user):
        raise PermissionDenied(_("Hanya manajer atau admin yang boleh mengubah pengaturan toko"))
    settings = normalized(new).validated()
    parse_printer_url(settings.printer_url)
    save_settings(settings, path)
    return settings
