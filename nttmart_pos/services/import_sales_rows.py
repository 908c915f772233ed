"""Reading a file of orders taken outside the till (``import sales``) into orders, each with its row errors.

Nothing here touches the database: ``services.import_sales`` finds the
products and records the orders.  Row numbers are the ones a spreadsheet
shows (the header is row 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timezone
from pathlib import Path

from nttmart_pos.domain.cart import MAX_QUANTITY
from nttmart_pos.domain.money import parse_rupiah
from nttmart_pos.domain.periods import local_date
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.reports.tabular import open_table, shown
from nttmart_pos.services.import_rows import MAX_CELL, ParsedFile, ParsedRow, RowError, header_columns

SALE_COLUMNS = ("order_id", "date", "barcode", "qty", "unit_price", "channel", "payment_method")
CHANNELS = ("marketplace", "whatsapp", "phone", "website", "other")
PAYMENT_METHODS = ("cash", "qris", "card", "transfer", "ewallet", "marketplace")
MAX_ORDER_ID = 60  # sales.external_order_id
NOON = time(12, 0)
# "toko online" is taken as a marketplace shop (Tokopedia, Shopee ...), the usual meaning for a UMKM;
# the store's own site is "website".
_CHANNEL_ALIASES = {
    "lokapasar": "marketplace", "toko online": "marketplace", "olshop": "marketplace", "tokopedia": "marketplace",
    "shopee": "marketplace", "lazada": "marketplace", "bukalapak": "marketplace", "blibli": "marketplace",
    "tiktok shop": "marketplace", "tiktok": "marketplace",
    "wa": "whatsapp", "whats app": "whatsapp",
    "telepon": "phone", "telpon": "phone", "telp": "phone", "tel": "phone", "telefon": "phone",
    "web": "website", "situs": "website", "situs web": "website", "situs toko": "website",
    "lainnya": "other", "lain": "other", "lain-lain": "other",
}
_PAYMENT_ALIASES = {
    "tunai": "cash", "cod": "cash", "bayar di tempat": "cash",
    "kartu": "card", "debit": "card", "kartu debit": "card", "kartu kredit": "card", "kredit": "card",
    "bank": "transfer", "transfer bank": "transfer", "tf": "transfer",
    "e-wallet": "ewallet", "e wallet": "ewallet", "dompet digital": "ewallet", "dana": "ewallet", "ovo": "ewallet",
    "gopay": "ewallet", "go-pay": "ewallet", "shopeepay": "ewallet", "linkaja": "ewallet",
}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")


@dataclass(frozen=True)
class OrderDate:
    """When an order was taken, in local time; a bare date (``bare``) stands for noon of that day."""

    local: datetime
    bare: bool = field(compare=False)  # "2025-03-14" and "2025-03-14 12:00" are the same moment

    def shown(self) -> str:
        return self.local.strftime("%Y-%m-%d") if self.bare else self.local.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class OrderLine:
    row: int
    barcode: str
    qty: int
    unit_price: int


@dataclass
class OrderRows:
    """The rows of one order (one ``order_id``) and what is wrong with them; ``errors`` empty means usable."""

    order_id: str
    rows: list[int] = field(default_factory=list)
    lines: list[OrderLine] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    channel: str | None = None
    payment_method: str | None = None
    date: OrderDate | None = None
    set_on: dict[str, int] = field(default_factory=dict)  # the row that gave channel, payment_method, date

    def moment(self, now: datetime) -> datetime:
        """The UTC moment to record; a bare date of today before noon is recorded as now, never later."""
        assert self.date is not None
        moment = self.date.local.astimezone(timezone.utc)  # a naive datetime is read as local time
        return min(moment, now) if self.date.bare else moment


def read_sale_rows(path: Path) -> ParsedFile:
    """Every row of ``path`` parsed cell by cell; the header must have exactly ``SALE_COLUMNS`` (any order)."""
    rows: list[ParsedRow] = []
    errors: list[RowError] = []
    partial: list[ParsedRow] = []
    with open_table(path) as table:
        index, header_errors = header_columns(table.header, table.header_row, SALE_COLUMNS, SALE_COLUMNS)
        if header_errors:
            return ParsedFile((), [], header_errors)
        for sheet_row in table.rows:
            number = sheet_row.number
            if sheet_row.problem:
                errors.append(RowError(number, None, sheet_row.problem))
                continue
            cells = sheet_row.cells
            if [cell.strip().lower() for cell in cells] == [title.strip().lower() for title in table.header]:
                # two exports pasted one under the other
                errors.append(RowError(number, None, _("baris ini mengulang judul kolom; hapus baris ini")))
                continue
            values: dict[str, object] = {}
            row_errors = []
            if any(cell.strip() for position, cell in enumerate(cells) if position not in index.values()):
                row_errors.append(RowError(number, None, _("ada isian di luar kolom yang berjudul")))
            for column, position in index.items():
                text = cells[position].strip() if position < len(cells) else ""
                try:
                    if len(text) > MAX_CELL:
                        raise ValidationError(_("isian lebih dari {max} karakter", max=MAX_CELL))
                    values[column] = _PARSERS[column](text)
                except PosError as exc:
                    row_errors.append(RowError(number, column, str(exc)))
            (partial if row_errors else rows).append(ParsedRow(number, values))
            errors.extend(row_errors)
    return ParsedFile(tuple(index), rows, errors, partial)


def group_orders(parsed: ParsedFile, now: datetime) -> list[OrderRows]:
    """The file's orders in the order of their first row; a row without a usable order_id is an order alone.

    Within an order, date, channel and payment method must agree; a date in
    the future (after ``now``, UTC-aware) is refused.
    """
    orders: dict[str, OrderRows] = {}
    alone: list[OrderRows] = []
    errors_by_row: dict[int | None, list[RowError]] = {}
    for error in parsed.errors:
        errors_by_row.setdefault(error.row, []).append(error)
    for row in sorted([*parsed.rows, *parsed.partial], key=lambda r: r.row):
        order_id = row.values.get("order_id")
        if not isinstance(order_id, str):
            order = OrderRows("")
            alone.append(order)
        else:
            order = orders.setdefault(order_id, OrderRows(order_id))
        order.rows.append(row.row)
        order.errors.extend(errors_by_row.pop(row.row, []))
        _agree(order, row, "channel")
        _agree(order, row, "payment_method")
        day = row.values.get("date")
        if isinstance(day, OrderDate):
            if _in_future(day, now):
                order.errors.append(RowError(row.row, "date", _("tanggal {value} masih di masa depan",
                                                                value=day.shown())))
            _agree(order, row, "date")
        if all(name in row.values for name in ("barcode", "qty", "unit_price")):
            order.lines.append(OrderLine(row.row, row.values["barcode"], row.values["qty"], row.values["unit_price"]))
    for row_number, errors in errors_by_row.items():  # rows that could not be read at all
        alone.append(OrderRows("", [row_number] if row_number else [], [], errors))
    return sorted([*orders.values(), *alone], key=lambda order: order.rows[0] if order.rows else 0)


def _agree(order: OrderRows, row: ParsedRow, column: str) -> None:
    """Take the order's ``column`` from its first row that has it; a later row that differs is an error."""
    value = row.values.get(column)
    if value is None:
        return
    first = getattr(order, column)
    if first is None:
        setattr(order, column, value)
        order.set_on[column] = row.row
        return
    if first != value:
        show = (lambda v: v.shown()) if isinstance(value, OrderDate) else str
        order.errors.append(RowError(row.row, column, _(
            "{value} berbeda dengan baris {row} ({first}); satu pesanan harus sama di semua barisnya",
            value=show(value), row=order.set_on[column], first=show(first))))


def _in_future(day: OrderDate, now: datetime) -> bool:
    if day.bare:
        return day.local.date() > local_date(now)
    return day.local.astimezone(timezone.utc) > now


# -- cells -----------------------------------------------------------------

def _order_id(text: str) -> str:
    if not text:
        raise ValidationError(_("order_id wajib diisi"))
    if len(text) > MAX_ORDER_ID or not text.isprintable():
        raise ValidationError(_("order_id harus teks biasa paling panjang {max} karakter: {value}",
                                max=MAX_ORDER_ID, value=shown(text)))
    return text


def _date(text: str) -> OrderDate:
    match = _DATE.fullmatch(text)
    try:
        if not match:
            raise ValueError(text)
        year, month, day, hour, minute, second = match.groups()
        local = datetime(int(year), int(month), int(day), int(hour or 12), int(minute or 0))
        # A date cell of a spreadsheet comes as midnight with seconds: it is a bare date.
        bare = hour is None or (second is not None and local.time() == time() and int(second) == 0)
        moment = datetime.combine(local.date(), NOON) if bare else local
        moment.astimezone(timezone.utc)  # year 1 or 9999 in the local zone can fall off the calendar in UTC
    except (ValueError, OverflowError):
        raise ValidationError(_("tanggal harus YYYY-MM-DD atau YYYY-MM-DD HH:MM (mis. 2025-03-14 13:05): {value}",
                                value=shown(text))) from None
    return OrderDate(moment, bare)


def _barcode(text: str) -> str:
    if not text:
        raise ValidationError(_("barcode wajib diisi"))
    if _SCIENTIFIC.fullmatch(text):
        raise ValidationError(_("barcode {value} tertulis sebagai angka ilmiah, angka aslinya sudah hilang; "
                                "format kolom barcode sebagai Teks di Excel lalu isi ulang barcodenya",
                                value=shown(text)))
    return text


def _qty(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_QUANTITY):
        raise ValidationError(_("qty harus bilangan bulat 1 sampai {max}: {value}", max=MAX_QUANTITY,
                                value=shown(text) or _("(kosong)")))
    return int(text)


def _unit_price(text: str) -> int:
    if not text:
        raise ValidationError(_("unit_price wajib diisi"))
    return parse_rupiah(text)


def _choice(aliases: dict[str, str], allowed: tuple[str, ...],
            refusal: Callable[[str, str], str]) -> Callable[[str], str]:
    """A parser for one of ``allowed`` (any case, spaces or ``_`` alike, or an alias)."""
    def parse(text: str) -> str:
        key = " ".join(text.lower().replace("_", " ").split())
        value = aliases.get(key, key)
        if value not in allowed:
            raise ValidationError(refusal(shown(text) or _("(kosong)"), ", ".join(allowed)))
        return value
    return parse


_PARSERS: dict[str, Callable[[str], object]] = {
    "order_id": _order_id,
    "date": _date,
    "barcode": _barcode,
    "qty": _qty,
    "unit_price": _unit_price,
    # the texts are translated when a cell is read, not when the module is imported
    "channel": _choice(_CHANNEL_ALIASES, CHANNELS, lambda value, allowed: _(
        "channel tidak dikenal: {value} (pakai salah satu: {allowed})", value=value, allowed=allowed)),
    "payment_method": _choice(_PAYMENT_ALIASES, PAYMENT_METHODS, lambda value, allowed: _(
        "payment_method tidak dikenal: {value} (pakai salah satu: {allowed})", value=value, allowed=allowed)),
}
