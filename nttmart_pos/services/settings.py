"""Changing the store settings: who may do it, checking a change, and journalling it.

Reading settings needs no permission (``config.load_settings``); writing them
changes receipts, prices with PPN and the QRIS every customer pays to, so it
needs ``permissions.CHANGE_SETTINGS`` and is journalled (``settings.change``
with each changed key's old and new value; the QRIS payload, long, as its
length and SHA-256).  The journal entry is written in the same transaction
as the file: the file is replaced before the commit, so a file that could not
be written leaves no entry.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, replace
from pathlib import Path

from nttmart_pos.config import Settings, load_settings, save_settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import ConfigError
from nttmart_pos.hardware.printer import parse_printer_url
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import CHANGE_SETTINGS, allowed, require

_TEXT_FIELDS = ("store_name", "store_address", "store_phone", "footer", "terminal_id", "printer_url",
                "qris_static")
_HASHED_FIELDS = ("qris_static",)  # long: journalled as length and hash


def can_change_settings(user: UserInfo | None) -> bool:
    """Whether ``user`` may change the store settings."""
    return allowed(user, CHANGE_SETTINGS)


def normalized(settings: Settings) -> Settings:
    """``settings`` without stray spaces or line breaks around its texts (a pasted QRIS has them)."""
    return replace(settings, **{name: getattr(settings, name).strip() for name in _TEXT_FIELDS})


def _fingerprint(text: str) -> dict[str, object]:
    return {"length": len(text), "sha256": hashlib.sha256(text.encode()).hexdigest()}


def settings_changes(old: Settings, new: Settings) -> dict[str, dict[str, object]]:
    """Each changed key with its old and new value (ints and strings only), for the journal."""
    before, after = asdict(old), asdict(new)
    changes: dict[str, dict[str, object]] = {}
    for key, value in after.items():
        if before.get(key) == value:
            continue
        if key in _HASHED_FIELDS:
            changes[key] = {"old": _fingerprint(before.get(key) or ""), "new": _fingerprint(value)}
        else:
            changes[key] = {"old": before.get(key), "new": value}
    return changes


def _saved_settings(path: Path) -> Settings:
    """What the file holds now; the defaults when it is missing or unreadable (saving replaces it)."""
    try:
        return load_settings(path)
    except ConfigError:
        return Settings()


def update_settings(uow: UnitOfWork, user: UserInfo, new: Settings, path: Path) -> Settings:
    """Check and save ``new`` to ``path`` for ``user``; return what was saved.

    Raises ``PermissionDenied`` for a role below ``CHANGE_SETTINGS`` (the file
    is not touched) and ``ConfigError``/``QrisError`` for an unusable value.
    ``uow`` (write) journals the change, with the till's terminal.
    """
    require(user, CHANGE_SETTINGS)
    settings = normalized(new).validated()
    parse_printer_url(settings.printer_url)
    old = _saved_settings(path)
    changes = settings_changes(old, settings)
    with uow:
        if changes:
            append(uow.session, "settings.change", {"changes": changes}, user=user, terminal=old.terminal_id,
                   ref=path.name)
        save_settings(settings, path)
        uow.commit()
    return settings
