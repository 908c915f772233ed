"""``journal verify``: is the journal whole, and do the sales, refunds and Z reports still say what it recorded?

The check walks the journal in order of ``seq`` in batches (a year of entries
is never in memory at once) and stops at the first problem:

1. every entry: ``seq`` runs 1, 2, 3 ... without a gap; ``prev_mac`` is the
   previous entry's ``mac``; ``mac`` is the HMAC of the body under the key; the
   columns (seq, kind, ref, terminal, user, approver, time) repeat the body;
2. every ``sale``, ``refund`` and ``z_report`` entry: its row still exists
   and, rebuilt now (``journal_events``), equals what was journalled;
3. the journal counter has not run past the last entry (entries cut off the end);
4. no sale, refund or Z report has two entries, or none;
5. receipt numbers of the till (and refund numbers) run 1, 2, 3 ... per terminal.

Rows from before the journal began (see ``journal_key.start_journal``) need no
entry.  Problems are sentences naming the entry, receipt or number at fault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Counter, Sale
from nttmart_pos.db.settlement_models import Refund, ZReport
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.i18n import _
from nttmart_pos.services.checkout import receipt_number
from nttmart_pos.services.journal import GENESIS_MAC, canonical, compute_mac, iso_utc
from nttmart_pos.services.journal_events import REFUND, SALE, Z_REPORT, refund_data, sale_data, z_report_data
from nttmart_pos.services.journal_key import JOURNAL_START

BATCH = 2000
_ROWS = {SALE: (Sale, Sale.receipt_no, "sales", sale_data),
         REFUND: (Refund, Refund.refund_no, "refunds", refund_data),
         Z_REPORT: (ZReport, ZReport.z_no, "z_reports", z_report_data)}


@dataclass(frozen=True)
class JournalCheck:
    ok: bool
    count: int  # entries found whole before the problem (all of them when ok)
    failed_seq: int | None  # the entry at fault, when the problem is one entry
    problem: str  # one translated sentence naming what is wrong; "" when ok


class _Problem(Exception):
    def __init__(self, text: str, seq: int | None = None) -> None:
        super().__init__(text)
        self.text, self.seq = text, seq


def verify_journal(uow: UnitOfWork, key: bytes) -> JournalCheck:
    """Check the whole journal with ``key`` and the rows it covers; report the first problem."""
    with uow:
        session = uow.session
        if session.get_bind().dialect.name == "postgresql":  # one snapshot for the whole check
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        walk = _Walk(session, key)
        try:
            walk.run()
            _check_entry_per_row(session, walk.legacy)
            _check_numbers(session)
        except _Problem as problem:
            checked = walk.count if problem.seq is None else min(walk.count, problem.seq - 1)
            return JournalCheck(False, checked, problem.seq, problem.text)
        return JournalCheck(True, walk.count, None, "")


class _Walk:
    """The journal in order of seq, one batch at a time."""

    def __init__(self, session: Session, key: bytes) -> None:
        self.session, self.key = session, key
        self.count = 0  # entries that passed
        self.last_seq = 0
        self.last_mac = GENESIS_MAC
        self.legacy: dict[str, int] = {}

    def run(self) -> None:
        while True:
            batch = self.session.scalars(select(JournalEntry).where(JournalEntry.seq > self.last_seq)
                                         .order_by(JournalEntry.seq).limit(BATCH)).all()
            if not batch:
                break
            passed: list[tuple[JournalEntry, dict]] = []
            failure = None
            for entry in batch:
                try:
                    body = self._check_entry(entry)
                except _Problem as problem:
                    failure = problem
                    break
                passed.append((entry, body))
                self.last_seq, self.last_mac = entry.seq, entry.mac
            self.count += len(passed)
            _check_rows(self.session, passed)  # a problem at a lower seq than the failure comes first
            if failure is not None:
                raise failure
            self.session.expunge_all()  # keep memory bounded
        journalled = self.session.scalar(select(Counter.value).where(Counter.name == "journal")) or 0
        if journalled == self.last_seq + 1:
            raise _Problem(_("Entri terakhir jurnal ({seq}) hilang: penghitung jurnal sudah {seq}, entri terakhir "
                             "yang ada {last}", seq=journalled, last=self.last_seq), journalled)
        if journalled > self.last_seq:
            raise _Problem(_("Entri {seq} sampai {last} hilang dari akhir jurnal (penghitung jurnal sudah {last})",
                             seq=self.last_seq + 1, last=journalled), self.last_seq + 1)
        if journalled < self.last_seq:
            raise _Problem(_("Penghitung jurnal ({counter}) di bawah entri terakhir ({last}): penghitung diubah",
                             counter=journalled, last=self.last_seq), self.last_seq)

    def _check_entry(self, entry: JournalEntry) -> dict:
        seq = entry.seq
        expected = self.last_seq + 1
        if seq != expected and expected == 1:
            raise _Problem(_("Entri 1 hilang dari jurnal (jurnal dimulai dari entri {after})", after=seq), 1)
        if seq != expected:
            raise _Problem(_("Entri {seq} hilang dari jurnal (setelah entri {before} langsung entri {after})",
                             seq=expected, before=self.last_seq, after=seq), expected)
        if entry.prev_mac != self.last_mac:
            if seq == 1:
                raise _Problem(_("Entri 1 bukan awal rantai jurnal: entri sebelumnya dihapus atau diubah"), seq)
            raise _Problem(_("Entri {seq} tidak tersambung ke entri {before}: rantai jurnal terputus, ada entri "
                             "yang diubah, ditukar atau disisipkan", seq=seq, before=seq - 1), seq)
        if entry.mac != compute_mac(self.key, entry.prev_mac, entry.body):
            raise _Problem(_("HMAC entri {seq} tidak cocok: kunci salah atau entri diubah", seq=seq), seq)
        try:
            body = json.loads(entry.body)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise _Problem(_("Isi entri {seq} rusak", seq=seq), seq)
        columns = {"seq": ("seq", entry.seq), "kind": ("kind", entry.kind), "ref": ("ref", entry.ref),
                   "terminal": ("terminal", entry.terminal), "user_id": ("user_id", entry.user_id),
                   "user": ("user_name", entry.user_name), "approver": ("approver_name", entry.approver_name),
                   "at": ("created_at", iso_utc(entry.created_at))}
        for field, (column, value) in columns.items():
            if body.get(field) != value:
                raise _Problem(_("Entri {seq}: kolom {column} berisi {value}, padahal entri mencatat {recorded}",
                                 seq=seq, column=column, value=value, recorded=body.get(field)), seq)
        if seq == 1 and entry.kind == JOURNAL_START:
            self.legacy = {name: int(mark) for name, mark in body.get("data", {}).get("before", {}).items()}
        return body


def _check_rows(session: Session, passed: list[tuple[JournalEntry, dict]]) -> None:
    """Every sale, refund and Z report entry of a batch still matches its row (the lowest seq first)."""
    rows: dict[str, dict[str, object]] = {}
    for kind, (model, number, _table, _data) in _ROWS.items():
        refs = [entry.ref for entry, _body in passed if entry.kind == kind]
        statement = select(model).where(number.in_(refs))
        if model is Sale:
            statement = statement.options(selectinload(Sale.lines), selectinload(Sale.payments))
        elif model is Refund:
            statement = statement.options(selectinload(Refund.lines))
        rows[kind] = {getattr(row, number.key): row for row in session.scalars(statement)} if refs else {}
    for entry, body in passed:
        if entry.kind not in _ROWS:
            continue
        row = rows[entry.kind].get(entry.ref)
        if row is None:
            raise _Problem(_missing_row(entry.kind, entry.ref, entry.seq), entry.seq)
        now = _ROWS[entry.kind][3](row)
        recorded = body.get("data")
        if now != recorded:  # plain JSON values both: dicts, lists, str, int, bool, None
            raise _Problem(_changed_row(entry.kind, entry.ref, entry.seq, _difference(recorded, now)), entry.seq)


def _missing_row(kind: str, ref: str, seq: int) -> str:
    if kind == SALE:
        return _("Penjualan {ref} (entri jurnal {seq}) tidak ada lagi di database: penjualan itu dihapus",
                 ref=ref, seq=seq)
    if kind == REFUND:
        return _("Pengembalian {ref} (entri jurnal {seq}) tidak ada lagi di database: pengembalian itu dihapus",
                 ref=ref, seq=seq)
    return _("Laporan Z {ref} (entri jurnal {seq}) tidak ada lagi di database: laporan itu dihapus", ref=ref, seq=seq)


def _changed_row(kind: str, ref: str, seq: int, detail: str) -> str:
    if kind == SALE:
        return _("Penjualan {ref} tidak sama dengan entri jurnal {seq} ({detail}): data diubah setelah dicatat",
                 ref=ref, seq=seq, detail=detail)
    if kind == REFUND:
        return _("Pengembalian {ref} tidak sama dengan entri jurnal {seq} ({detail}): data diubah setelah dicatat",
                 ref=ref, seq=seq, detail=detail)
    return _("Laporan Z {ref} tidak sama dengan entri jurnal {seq} ({detail}): data diubah setelah dicatat",
             ref=ref, seq=seq, detail=detail)


def _difference(recorded: object, now: object) -> str:
    """The first field that differs, e.g. ``baris 1, quantity: 1 -> 5``."""
    if not isinstance(recorded, dict) or not isinstance(now, dict):
        return _("isi berbeda")
    for field in sorted(set(recorded) | set(now)):
        before, after = recorded.get(field), now.get(field)
        if canonical(before) == canonical(after):
            continue
        if isinstance(before, list) and isinstance(after, list):
            if len(before) != len(after):
                return _("{field}: {before} -> {after} baris", field=field, before=len(before), after=len(after))
            for index, (old, new) in enumerate(zip(before, after), start=1):
                if canonical(old) != canonical(new):
                    number = old.get("line_no", index) if isinstance(old, dict) else index
                    inner = _difference(old, new)
                    if field == "lines":
                        return _("baris {number}, {change}", number=number, change=inner)
                    return _("{field} ke-{number}, {change}", field=field, number=number, change=inner)
        return f"{field}: {_shown(before)} -> {_shown(after)}"
    return _("isi berbeda")


def _shown(value: object) -> str:
    return "-" if value is None else str(value)


def _check_entry_per_row(session: Session, legacy: dict[str, int]) -> None:
    """No row has two journal entries of its kind, or none (rows older than the journal excepted)."""
    for kind, (_model, _number, _table, _data) in _ROWS.items():
        twice = session.execute(
            select(JournalEntry.ref, func.max(JournalEntry.seq)).where(JournalEntry.kind == kind)
            .group_by(JournalEntry.ref).having(func.count() > 1).order_by(func.max(JournalEntry.seq)).limit(1)
        ).first()
        if twice is not None:
            raise _Problem(_twice(kind, twice[0], twice[1]), twice[1])
    for kind, (model, number, table, _data) in _ROWS.items():
        journalled = exists().where(JournalEntry.kind == kind, JournalEntry.ref == number)
        statement = select(number).where(~journalled, model.id > legacy.get(table, 0)).order_by(model.id).limit(1)
        missing = session.scalar(statement)
        if missing is not None:
            raise _Problem(_unjournalled(kind, missing))


def _twice(kind: str, ref: str, seq: int) -> str:
    if kind == SALE:
        return _("Penjualan {ref} tercatat lebih dari sekali di jurnal (lagi di entri {seq})", ref=ref, seq=seq)
    if kind == REFUND:
        return _("Pengembalian {ref} tercatat lebih dari sekali di jurnal (lagi di entri {seq})", ref=ref, seq=seq)
    return _("Laporan Z {ref} tercatat lebih dari sekali di jurnal (lagi di entri {seq})", ref=ref, seq=seq)


def _unjournalled(kind: str, ref: str) -> str:
    if kind == SALE:
        return _("Penjualan {ref} tidak ada di jurnal: dicatat langsung ke database, tidak lewat program", ref=ref)
    if kind == REFUND:
        return _("Pengembalian {ref} tidak ada di jurnal: dicatat langsung ke database, tidak lewat program",
                 ref=ref)
    return _("Laporan Z {ref} tidak ada di jurnal: dicatat langsung ke database, tidak lewat program", ref=ref)


def _check_numbers(session: Session) -> None:
    """Till receipts and refunds are numbered 1, 2, 3 ... per terminal: a gap is a deleted row."""
    sales = session.execute(select(Sale.terminal, Sale.number).where(Sale.channel == "till")
                            .order_by(Sale.terminal, Sale.number).execution_options(yield_per=BATCH))
    gap = _first_gap((terminal, number) for terminal, number in sales)
    if gap is not None:
        raise _Problem(_("Struk {receipt} tidak ada di database: nomor struk terminal {terminal} melompat, "
                         "penjualan itu dihapus", receipt=receipt_number(*gap), terminal=gap[0]))
    refunds = session.scalars(select(Refund.refund_no).order_by(Refund.refund_no)
                              .execution_options(yield_per=BATCH))
    numbered = []
    for refund_no in refunds:
        terminal, _dash, number = refund_no.removeprefix("R-").rpartition("-")
        if not number.isdigit():
            raise _Problem(_("Nomor pengembalian {number} tidak sah", number=refund_no))
        numbered.append((terminal, int(number)))
    gap = _first_gap(sorted(numbered))
    if gap is not None:
        raise _Problem(_("Pengembalian R-{receipt} tidak ada di database: nomor pengembalian terminal {terminal} "
                         "melompat, pengembalian itu dihapus", receipt=receipt_number(*gap), terminal=gap[0]))


def _first_gap(numbers) -> tuple[str, int] | None:
    """The first (terminal, number) missing from sorted (terminal, number) pairs that should run 1, 2, 3 ..."""
    terminal, expected = None, 1
    for current, number in numbers:
        if current != terminal:
            terminal, expected = current, 1
        if number != expected:
            return terminal, expected
        expected += 1
    return None
