"""The print queue: one row per receipt the till has to print (``services.print_queue``).

A job is written when the sale (or refund) is recorded and marked
``printed`` only after the printer accepted the bytes, so a printer that is
off, a cable pulled or a crash of the till leaves the receipt ``queued`` for
the next try.  The bytes are not stored: they are rendered at print time from
the stored sale or refund.  Unlike sales, these rows are updated (status,
attempts, last error), so the table is not append-only.

``copy`` is True when the receipt must print as a copy ("SALINAN"): a reprint
the cashier asked for, or a job whose earlier attempt may already have put
(part of) the receipt on paper.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from nttmart_pos.db.models import Base, UtcDateTime, utcnow

JOB_KINDS = ("sale", "refund")
JOB_STATUSES = ("queued", "printing", "printed", "failed")


class PrintJob(Base):
    __tablename__ = "print_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    terminal: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(10))  # "sale" (receipt no) or "refund" (refund no)
    ref: Mapped[str] = mapped_column(String(40))
    copy: Mapped[bool] = mapped_column(default=False, server_default="0")
    kick_drawer: Mapped[bool] = mapped_column(default=False, server_default="0")
    status: Mapped[str] = mapped_column(String(10), default="queued", server_default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(String(300), default="", server_default="")
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        CheckConstraint("kind IN ('sale', 'refund')", name="kind"),
        CheckConstraint("status IN ('queued', 'printing', 'printed', 'failed')", name="status"),
        Index("ix_print_jobs_terminal_status", "terminal", "status", "id"),
        Index("ix_print_jobs_kind_ref", "kind", "ref"),
    )
