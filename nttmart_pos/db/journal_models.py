"""The tamper-evident journal: one row per event, chained by HMAC (``services.journal``).

Rows are only ever appended; the database refuses updates and deletes
(triggers from migration 0004).  ``body`` is the canonical JSON of the whole
event; the other columns repeat parts of it for filtering and are checked
against it by ``journal verify``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nttmart_pos.db.models import Base, UtcDateTime, utcnow


class JournalEntry(Base):
    __tablename__ = "journal_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)  # 1, 2, 3 ... without gaps
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    terminal: Mapped[str] = mapped_column(String(8), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    user_name: Mapped[str] = mapped_column(String(120), default="")
    approver_name: Mapped[str] = mapped_column(String(120), default="")
    ref: Mapped[str] = mapped_column(String(40), default="", index=True)  # receipt, refund, Z, payout no ...
    body: Mapped[str] = mapped_column(Text)
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
