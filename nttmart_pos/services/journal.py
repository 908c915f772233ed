"""The tamper-evident journal: append an event, chained to the one before by HMAC-SHA256.

Every entry's ``body`` is the canonical JSON of the whole event (sorted keys,
no spaces, integers for money, no floats); its ``mac`` is
``HMAC-SHA256(key, prev_mac + "\\n" + body)`` where ``prev_mac`` is the mac of
the entry before (64 zeros for the first).  The key lives outside the database
(``services.journal_key``), so someone holding the database alone cannot
recompute the chain after editing it.

``append`` draws the next sequence number from the gapless ``journal``
counter, whose row lock (PostgreSQL) or ``BEGIN IMMEDIATE`` (SQLite) keeps
appends in one line across tills.  Call it as the **last** write of a
transaction, so that every transaction takes the journal lock last and two
tills never wait on each other in a cycle.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import utcnow
from nttmart_pos.errors import JournalError
from nttmart_pos.i18n import _
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.services.counters import next_value

GENESIS_MAC = "0" * 64
KEY_BYTES = 32

_keys: "WeakKeyDictionary[Any, bytes]" = WeakKeyDictionary()
_fallback_key: bytes | None = None


def install_key(engine, key: bytes) -> None:
    """Use ``key`` for every journal entry written through ``engine`` (any of its option views)."""
    if not isinstance(key, bytes) or len(key) < 16:
        raise JournalError(_("Kunci jurnal tidak valid"))
    _keys[engine.pool] = key


def set_fallback_key(key: bytes | None) -> None:
    """A key for engines that had none installed (tests; never the program)."""
    global _fallback_key
    _fallback_key = key


def key_for(bind) -> bytes:
    """The key installed for the engine (or connection) ``bind``."""
    engine = getattr(bind, "engine", bind)
    key = _keys.get(engine.pool, _fallback_key)
    if key is None:
        raise JournalError(_("Kunci jurnal belum dipasang, jadi transaksi tidak dapat dicatat. "
                             "Jalankan 'nttmart-pos init' atau pasang berkas kunci jurnal."))
    return key


def _no_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("journal events hold integers, never floats")
    if isinstance(value, dict):
        for item in value.values():
            _no_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _no_floats(item)


def canonical(value: Any) -> str:
    """The one serialisation of an event: sorted keys, no spaces, UTF-8, integers only."""
    _no_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def iso_utc(moment: datetime | None) -> str | None:
    """A timestamp as it is journalled: UTC, microseconds, ``+00:00``."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime in a journal event")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def compute_mac(key: bytes, prev_mac: str, body: str) -> str:
    return hmac.new(key, f"{prev_mac}\n{body}".encode(), hashlib.sha256).hexdigest()


def event_body(seq: int, kind: str, at: datetime, *, terminal: str, user_id: int | None, user_name: str,
               approver_id: int | None, approver_name: str, ref: str, data: dict) -> str:
    return canonical({"seq": seq, "kind": kind, "at": iso_utc(at), "terminal": terminal, "user_id": user_id,
                      "user": user_name, "approver_id": approver_id, "approver": approver_name, "ref": ref,
                      "data": data})


_INSERT_ENTRY = insert(JournalEntry).returning(JournalEntry.id)


def append(session: Session, kind: str, data: dict, *, user: UserInfo | None, terminal: str = "", ref: str = "",
           approver: UserInfo | None = None, now: datetime | None = None) -> JournalEntry:
    """Append one event inside the caller's transaction (as its last write) and return the row
    (a detached ``JournalEntry`` with the values written).

    ``kind`` is a dotted name (``sale``, ``refund``, ``z_report``, ``void.line``,
    ``user.locked`` ...); ``data`` holds only str, int, bool, None, lists and dicts.
    """
    key = key_for(session.get_bind())
    seq = next_value(session, "journal")
    if seq == 1:
        prev_mac = GENESIS_MAC
    else:
        prev_mac = session.connection().execute(select(JournalEntry.mac).where(JournalEntry.seq == seq - 1)).scalar()
        if prev_mac is None:
            raise JournalError(_("Jurnal rusak: entri {seq} hilang. Jalankan 'nttmart-pos journal verify' "
                                 "dan hubungi manajer.", seq=seq - 1))
    at = now or utcnow()
    user_name = user.full_name if user else ""
    approver_name = approver.full_name if approver else ""
    body = event_body(seq, kind, at, terminal=terminal or "", user_id=user.id if user else None,
                      user_name=user_name, approver_id=approver.id if approver else None,
                      approver_name=approver_name, ref=ref or "", data=data)
    values = dict(seq=seq, created_at=at, kind=kind, terminal=terminal or "", user_id=user.id if user else None,
                  user_name=user_name, approver_name=approver_name, ref=ref or "", body=body,
                  prev_mac=prev_mac, mac=compute_mac(key, prev_mac, body))
    # a plain INSERT (no ORM flush): the entry is written now, in the caller's transaction
    values["id"] = session.connection().execute(_INSERT_ENTRY, values).scalar_one()
    return JournalEntry(**values)
