"""The settlement (setoran UMKM) table: one row per saved payout or unsettled preview, and
the background work behind the tab's documents (payout PDF, summary PDF + CSV, slip)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy import Engine

from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.errors import NotFoundError, PosError
from nttmart_pos.hardware.payout_slip import payout_slip_bytes
from nttmart_pos.hardware.printer import parse_printer_url, send_bytes
from nttmart_pos.i18n import _
from nttmart_pos.reports.payout_csv import payouts_csv
from nttmart_pos.reports.payout_pdf import payout_pdf, payout_summary_pdf
from nttmart_pos.services.printing import PRINT_TIMEOUT_SECONDS
from nttmart_pos.services.settlement import (PayoutInfo, list_payouts, payout_document, preview_document,
                                             settlement_figures)

PREVIEW, DRAFT, APPROVED, PAID = "preview", "draft", "approved", "paid"
CSV_NAME = "payouts.csv"  # the name the ``payouts`` command writes too
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_STATUS_COLOURS = {PREVIEW: "#eceff1", DRAFT: "#fff8e1", APPROVED: "#e3f2fd", PAID: "#e8f5e9"}


def status_text(status: str) -> str:
    return {PREVIEW: _("Pratinjau"), DRAFT: _("Draf"), APPROVED: _("Disetujui"),
            PAID: _("Dibayar")}.get(status, status)


def method_text(method: str) -> str:
    return {"transfer": _("Transfer bank"), "ewallet": _("Dompet digital"),
            "cash": _("Tunai dari laci")}.get(method, method)


# (key, header, value of a row); money columns are right-aligned numbers (the header says Rp)
COLUMNS = (
    ("vendor", "UMKM", lambda r: f"{r.vendor_code} - {r.vendor_name}"),
    ("units", "Unit", lambda r: format_number(r.units)),
    ("gross", "Bruto (Rp)", lambda r: format_number(r.gross)),
    ("refunds", "Pengembalian (Rp)", lambda r: format_number(r.refunds)),
    ("commission", "Komisi toko (Rp)", lambda r: format_number(r.commission)),
    ("carried", "Saldo dibawa (Rp)", lambda r: format_number(r.carried_in)),
    ("amount", "Untuk UMKM (Rp)", lambda r: format_number(r.amount)),
    ("status", "Status", lambda r: status_text(r.status)),
    ("number", "Nomor", lambda r: r.payout_no or "-"),
)
NUMERIC = {"units", "gross", "refunds", "commission", "carried", "amount"}


class SettlementModel(QAbstractTableModel):
    """Read-only rows of ``PayoutInfo`` (saved payouts, then previews, by vendor code)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[PayoutInfo] = []

    def set_rows(self, rows: list[PayoutInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def column(self, key: str) -> int:
        return [c[0] for c in COLUMNS].index(key)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key, _header, value = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and key == "status":
            return QBrush(QColor(_STATUS_COLOURS.get(row.status, "#ffffff")))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row)
        return None


def _tooltip(row: PayoutInfo) -> str:
    text = _("{code} - {name}; periode {date_from} s.d. {date_to}; cara bayar UMKM: {method} {account}",
             code=row.vendor_code, name=row.vendor_name, date_from=row.period_from.strftime("%d-%m-%Y"),
             date_to=row.period_to.strftime("%d-%m-%Y"), method=method_text(row.payout_method or "-"),
             account=row.payout_account)
    if row.status == PAID:
        text += "\n" + _("Dibayar {paid_on} dengan {method}, referensi {reference}",
                         paid_on=row.paid_on.strftime("%d-%m-%Y") if row.paid_on else "-",
                         method=method_text(row.paid_method), reference=row.paid_reference or "-")
    return text


# -- background work (never touches widgets) -----------------------------------------------
def row_document(engine: Engine, row: PayoutInfo) -> PayoutDocument:
    """The document of a saved payout, or of the vendor's still unsettled figures for a preview."""
    if row.payout_no:
        return payout_document(UnitOfWork(engine), row.payout_no)
    figures = [f for f in settlement_figures(UnitOfWork(engine), row.period_from, row.period_to, [row.vendor_code])
               if f.has_lines]
    if not figures:
        raise NotFoundError(_("Tidak ada lagi penjualan {code} yang belum disetor pada periode ini; muat ulang "
                              "daftarnya", code=row.vendor_code))
    return preview_document(figures[0])


def period_documents(engine: Engine, date_from: date, date_to: date) -> list[PayoutDocument]:
    """As the ``payouts`` command: saved payouts overlapping the dates, then previews of the rest."""
    saved = [payout_document(UnitOfWork(engine), info.payout_no)
             for info in list_payouts(UnitOfWork(engine), None, None, date_from, date_to)]
    previews = [preview_document(figures) for figures in settlement_figures(UnitOfWork(engine), date_from, date_to)
                if figures.has_lines]
    return sorted(saved + previews, key=lambda doc: (doc.vendor_code, doc.payout_no == "", doc.payout_no))


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PosError(_("Folder {path} tidak dapat dibuat: {reason}", path=folder,
                         reason=exc.strerror or exc)) from exc


def document_file_name(doc: PayoutDocument) -> str:
    """``KOPI01-2026-11-28-2026-11-28-PO-2026-000001.pdf``; a preview ends in ``-pratinjau``."""
    return _UNSAFE.sub("_", f"{doc.vendor_code}-{doc.period_from}-{doc.period_to}-"
                            f"{doc.payout_no or 'pratinjau'}") + ".pdf"


def write_row_pdf(engine: Engine, settings: Settings, row: PayoutInfo, folder: Path) -> Path:
    doc = row_document(engine, row)
    _ensure_folder(folder)
    return payout_pdf(doc, settings, folder / document_file_name(doc))


def write_summary(engine: Engine, settings: Settings, date_from: date, date_to: date,
                  folder: Path) -> tuple[Path, Path, int]:
    """The summary PDF and ``payouts.csv`` of the period; returns both paths and the number of vendors."""
    docs = period_documents(engine, date_from, date_to)
    _ensure_folder(folder)
    summary = payout_summary_pdf(docs, settings, folder / f"ringkasan-{date_from}-{date_to}.pdf",
                                 date_from, date_to)
    return summary, payouts_csv(docs, folder / CSV_NAME), len(docs)


def print_row_slip(engine: Engine, settings: Settings, row: PayoutInfo) -> str:
    """Print the payout slip on the configured printer; returns the printer's address."""
    target = parse_printer_url(settings.printer_url)
    doc = row_document(engine, row)
    send_bytes(target, payout_slip_bytes(doc, settings.paper_width, settings.language, settings),
               PRINT_TIMEOUT_SECONDS)
    return target.address
