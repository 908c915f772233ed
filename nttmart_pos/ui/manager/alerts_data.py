"""What the Peringatan (alerts) tab shows: the four lists read together off the GUI thread,
the words they are shown with, and the CSV/XLSX files they are exported to (no Qt here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.certificates import format_date
from nttmart_pos.domain.money import format_number
from nttmart_pos.domain.stock_document import measured_text
from nttmart_pos.i18n import _
from nttmart_pos.reports.tabular import write_table
from nttmart_pos.services.catalog_admin import VendorRow, list_vendors
from nttmart_pos.services.product_certificates import CertificateAlert, expiring_certificates
from nttmart_pos.services.stock_alerts import (BATCH_SOON_DAYS, BatchAlert, LowStockRow, NegativeStockRow,
                                               expiring_batches, low_stock, negative_stock)

EXPIRED_COLOR, SOON_COLOR, OK_COLOR = "#b00020", "#e65100", "#1b5e20"


@dataclass(frozen=True)
class VendorContact:
    """Whom to call about a group of rows."""

    code: str
    name: str
    owner: str
    phone: str


@dataclass(frozen=True)
class AlertData:
    today: date
    batch_days: int
    low_stock: dict[str, list[LowStockRow]]  # by vendor code
    certificates: list[CertificateAlert]  # soonest first
    batches: dict[str, list[BatchAlert]]  # by vendor code
    vendors: dict[str, VendorContact]  # every vendor, also deactivated ones (their batches are still here)
    negative: list[NegativeStockRow] = field(default_factory=list)  # sold beyond the system's stock, by vendor

    def contact(self, code: str, fallback_name: str = "") -> VendorContact:
        return self.vendors.get(code) or VendorContact(code, fallback_name, "", "")


def load_alerts(engine, today: date, batch_days: int = BATCH_SOON_DAYS) -> AlertData:
    """Read the four lists; runs in a background thread, so it only touches the database."""
    vendors: list[VendorRow] = list_vendors(UnitOfWork(engine), include_inactive=True)
    return AlertData(
        today, batch_days, low_stock(UnitOfWork(engine)), expiring_certificates(UnitOfWork(engine), today),
        expiring_batches(UnitOfWork(engine), today, within_days=batch_days),
        {v.code: VendorContact(v.code, v.name, v.owner, v.phone) for v in vendors},
        negative_stock(UnitOfWork(engine)))


# -- words -------------------------------------------------------------------

def amount_text(quantity: int, measure: str, unit: str) -> str:
    """``3 bungkus``; weighed goods (kept in grams) as ``1,250 kg``."""
    if measure == "weight":
        return measured_text(quantity, measure)
    return f"{format_number(quantity)} {unit}".strip()


def days_text(days_left: int) -> str:
    """How far a date is from today: ``lewat 5 hari``, ``hari ini``, ``12 hari lagi``."""
    if days_left < 0:
        return _("lewat {days} hari", days=format_number(-days_left))
    if days_left == 0:
        return _("hari ini")
    return _("{days} hari lagi", days=format_number(days_left))


def certificate_state_text(state: str) -> str:
    return _("KEDALUWARSA") if state == "expired" else _("segera habis")


def batch_state_text(state: str) -> str:
    return _("KEDALUWARSA") if state == "expired" else _("segera kedaluwarsa")


def state_color(state: str) -> str:
    return EXPIRED_COLOR if state == "expired" else SOON_COLOR


def contact_text(contact: VendorContact) -> str:
    """The group heading of one vendor: name, code, owner and phone."""
    parts = [_("{name} ({code})", name=contact.name, code=contact.code)]
    if contact.owner:
        parts.append(contact.owner)
    parts.append(_("telp. {phone}", phone=contact.phone) if contact.phone else _("nomor telepon belum dicatat"))
    return " \u00b7 ".join(parts)


def document_text(batch: BatchAlert) -> str:
    """``TT-2026-000001, 01-10-2026``: the tanda terima titipan the batch came with."""
    return f"{batch.document_no}, {format_date(batch.received_at.astimezone().date())}"


def remaining_text(batch: BatchAlert) -> str:
    """``4 dari 6 bks``: of the batch received, how much is probably still on the shelf."""
    return _("{remaining} dari {received}", remaining=measured_text(batch.remaining, batch.measure),
             received=amount_text(batch.quantity, batch.measure, batch.unit))


def moment_text(moment: datetime | None) -> str:
    """``14-10-2026 16:05`` in local time, or ``-`` when not known."""
    if moment is None:
        return "-"
    local = moment.astimezone()
    return f"{format_date(local.date())} {local:%H:%M}"


def negative_name(row: NegativeStockRow) -> str:
    """The product's name, marked when it is no longer sold."""
    return row.product_name if row.active else _("{name} (nonaktif)", name=row.product_name)


def negative_groups(data: AlertData) -> dict[str, list[NegativeStockRow]]:
    """The negative stock rows by vendor code (already sorted by vendor, then product)."""
    groups: dict[str, list[NegativeStockRow]] = {}
    for row in data.negative:
        groups.setdefault(row.vendor_code, []).append(row)
    return groups


def csv_unit(measure: str, unit: str) -> str:
    """The unit of a whole-number quantity in a file: weighed goods are kept in grams."""
    return _("gram") if measure == "weight" else unit


# -- files -------------------------------------------------------------------

def filtered_low_stock(data: AlertData, vendor_code: str = "") -> dict[str, list[LowStockRow]]:
    if not vendor_code:
        return data.low_stock
    return {code: rows for code, rows in data.low_stock.items() if code == vendor_code}


def export_low_stock(path: Path, groups: dict[str, list[LowStockRow]]) -> int:
    """One row per product, with the vendor's phone on every row (the file is sorted and filtered by others)."""
    columns = (_("Kode UMKM"), _("UMKM"), _("Pemilik"), _("Telepon"), _("Barcode"), _("Barang"), _("Stok"),
               _("Batas pesan ulang"), _("Satuan"))
    rows: list[Sequence[str | int | None]] = [
        (row.vendor_code, row.vendor_name, row.vendor_owner, row.vendor_phone, row.barcode, row.product_name,
         row.stock_on_hand, row.reorder_level, csv_unit(row.measure, row.unit))
        for rows_of_vendor in groups.values() for row in rows_of_vendor]
    return write_table(Path(path), columns, rows)


def _file_moment(moment: datetime | None) -> str:
    """``2026-10-14 16:05`` in local time (sorts as text), or empty."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def export_negative_stock(path: Path, rows: list[NegativeStockRow]) -> int:
    columns = (_("Kode UMKM"), _("UMKM"), _("Telepon"), _("Barcode"), _("Barang"), _("Aktif"), _("Stok"),
               _("Satuan"), _("Minus sejak"), _("Terakhir terjual"))
    table = [(r.vendor_code, r.vendor_name, r.vendor_phone, r.barcode, r.product_name, _("ya") if r.active else
              _("tidak"), r.stock_on_hand, csv_unit(r.measure, r.unit), _file_moment(r.negative_since),
              _file_moment(r.last_sold_at)) for r in rows]
    return write_table(Path(path), columns, table)


def export_certificates(path: Path, alerts: list[CertificateAlert]) -> int:
    columns = (_("Barcode"), _("Barang"), _("Kode UMKM"), _("UMKM"), _("Jenis"), _("Nomor"), _("Berlaku sampai"),
               _("Status"), _("Sisa hari"))
    rows = [(a.barcode, a.product_name, a.vendor_code, a.vendor_name, a.label, a.formatted,
             a.expires_on.isoformat(), certificate_state_text(a.state), a.days_left) for a in alerts]
    return write_table(Path(path), columns, rows)


def export_batches(path: Path, data: AlertData) -> int:
    columns = (_("Kode UMKM"), _("UMKM"), _("Telepon"), _("Barcode"), _("Barang"), _("Dokumen masuk"),
               _("Tanggal masuk"), _("Kedaluwarsa"), _("Status"), _("Sisa hari"), _("Jumlah diterima"),
               _("Sisa perkiraan"), _("Satuan"))
    rows = []
    for code, batches in data.batches.items():
        for b in batches:
            contact = data.contact(code, b.vendor_name)
            rows.append((b.vendor_code, b.vendor_name, contact.phone, b.barcode, b.product_name, b.document_no,
                         b.received_at.astimezone().date().isoformat(), b.expires_on.isoformat(),
                         batch_state_text(b.state), b.days_left, b.quantity, b.remaining,
                         csv_unit(b.measure, b.unit)))
    return write_table(Path(path), columns, rows)
