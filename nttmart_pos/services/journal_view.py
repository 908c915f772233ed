"""The journal as the manager reads it: filtered entries, newest first, each with a short sentence
(in the current language) saying what happened, and the same list written to CSV or XLSX.

The labels and sentences come from ``journal_summary``, which reads each
entry's journalled ``data`` (its ``body``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.periods import period_bounds
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.reports.tabular import write_table
from nttmart_pos.services.journal_summary import (KIND_GROUPS, KIND_LABELS, KINDS, WATCH_KINDS, kind_label,
                                                  method_label, summary)
from nttmart_pos.services.permissions import VIEW_REPORTS, require

__all__ = ["DEFAULT_LIMIT", "KIND_GROUPS", "KIND_LABELS", "KINDS", "WATCH_KINDS", "JournalRow", "JournalUser",
           "export_journal", "journal_entries", "journal_users", "kind_choices", "kind_label", "method_label",
           "summary"]

DEFAULT_LIMIT = 5000


@dataclass(frozen=True)
class JournalRow:
    seq: int
    created_at: datetime  # UTC, as stored
    kind: str
    kind_label: str
    terminal: str
    user_name: str
    approver_name: str
    ref: str
    summary: str

    @property
    def local_time(self) -> datetime:
        return self.created_at.astimezone()


@dataclass(frozen=True)
class JournalUser:
    id: int
    full_name: str
    username: str


def kind_choices() -> list[tuple[str, str]]:
    """(filter value, label) for the kind filter: the groups (prefixes), then every kind."""
    return [(prefix, kind_label(prefix)) for prefix in KIND_GROUPS] + [(kind, kind_label(kind)) for kind in KINDS]


# -- reading ---------------------------------------------------------------------

def journal_entries(uow: UnitOfWork, actor: UserInfo | None, *, user_id: int | None = None, kind: str | None = None,
                    date_from: date | None = None, date_to: date | None = None,
                    limit: int = DEFAULT_LIMIT) -> list[JournalRow]:
    """The entries matching every filter given, newest first, at most ``limit``.

    ``kind`` is a kind (``sale``) or, ending in a dot, the start of kinds
    (``user.``); ``date_from``/``date_to`` are local calendar days, both included.
    """
    require(actor, VIEW_REPORTS)
    if limit < 1:
        raise ValidationError(_("Batas jumlah entri harus paling sedikit 1"))
    statement = select(JournalEntry).order_by(JournalEntry.seq.desc()).limit(limit)
    if user_id is not None:
        statement = statement.where(JournalEntry.user_id == user_id)
    if kind:
        statement = statement.where(JournalEntry.kind.startswith(kind, autoescape=True) if kind.endswith(".")
                                    else JournalEntry.kind == kind)
    if date_from is not None or date_to is not None:
        start, end = period_bounds(date_from or date_to, date_to or date_from)
        if date_from is not None:
            statement = statement.where(JournalEntry.created_at >= start)
        if date_to is not None:
            statement = statement.where(JournalEntry.created_at < end)
    with uow:
        return [_row(entry) for entry in uow.session.scalars(statement)]


def journal_users(uow: UnitOfWork) -> list[JournalUser]:
    """Everyone who has an entry in the journal (also deactivated users), by name: the user filter."""
    in_journal = select(JournalEntry.user_id).where(JournalEntry.user_id.is_not(None)).distinct()
    statement = select(User).where(User.id.in_(in_journal)).order_by(User.full_name, User.username)
    with uow:
        return [JournalUser(u.id, u.full_name, u.username) for u in uow.session.scalars(statement)]


def _row(entry: JournalEntry) -> JournalRow:
    try:
        data = json.loads(entry.body).get("data")
    except (ValueError, AttributeError):
        data = None
    return JournalRow(entry.seq, entry.created_at, entry.kind, kind_label(entry.kind), entry.terminal,
                      entry.user_name, entry.approver_name, entry.ref,
                      summary(entry.kind, data if isinstance(data, dict) else {}, entry.ref))


# -- the file ------------------------------------------------------------------------

def export_journal(path: Path, rows: Sequence[JournalRow]) -> int:
    """Write ``rows`` as shown to ``path`` (.csv or .xlsx), local times; returns how many rows."""
    columns = (_("No"), _("Waktu"), _("Jenis"), _("Terminal"), _("Pengguna"), _("Disetujui"), _("Referensi"),
               _("Keterangan"))
    return write_table(Path(path), columns, (
        (row.seq, row.local_time.strftime("%Y-%m-%d %H:%M:%S"), row.kind_label, row.terminal, row.user_name,
         row.approver_name, row.ref, row.summary) for row in rows))
