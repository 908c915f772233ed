"""Recording orders taken outside the till (marketplace, WhatsApp, phone ...) from CSV or XLSX: ``import sales``.

Each order (all rows with one ``order_id``) is recorded whole or not at all,
as a sale of terminal ``ONL`` (receipts ``ONL-000001``, no shift) written by
``services.checkout.write_sale`` like a till sale: the same snapshot of the
vendor's terms, a ``sold`` stock movement per line, one payment of the order
total.  A bad row rejects only its own order.  An order dated in a period the
vendor was already paid for is recorded too: the vendor's next payout takes it.
An order already recorded for its channel is skipped; the database's unique
(channel, external_order_id) backs that up when two imports of one file race.
Each order is committed on its own (a dry run rolls each one back): a long
file never holds the tills up for long (SQLite has one writer at a time), and
an interrupted import is simply run again.  It also keeps the journal rule:
``write_sale`` journals the order as its last write, and the commit follows at
once, so no transaction takes a product's row lock after the journal's (a till
holding a product and waiting for the journal could otherwise deadlock with it).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Counter, Product, Sale, utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import gs1_check_digit
from nttmart_pos.domain.cart import Cart, CartLine
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.periods import local_date
from nttmart_pos.errors import NotFoundError, PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.catalog import ScanResult, product_for_scan
from nttmart_pos.services.checkout import StoredPayment, receipt_number, write_sale
from nttmart_pos.services.import_rows import RowError
from nttmart_pos.services.import_sales_rows import SALE_COLUMNS, OrderRows, group_orders, read_sale_rows
from nttmart_pos.services.imports import read_checked
from nttmart_pos.services.permissions import MANAGE_STOCK, require

__all__ = ["ONLINE_TERMINAL", "RECORDED", "REJECTED", "SALE_COLUMNS", "SKIPPED", "OrderOutcome",
           "SalesImportReport", "import_sales"]

ONLINE_TERMINAL = "ONL"
# SQLite has one writer, and a waiting till only polls for the lock (every 100 ms at most): an import that
# writes order after order would starve it.  So every so often the import leaves the database alone for
# longer than one poll.
_WORK_SLICE_S, _PAUSE_S = 0.2, 0.15
RECORDED, SKIPPED, REJECTED = "recorded", "skipped", "rejected"


@dataclass(frozen=True)
class OrderOutcome:
    """What became of one order: ``status`` is "recorded", "skipped" (already imported) or "rejected".

    ``receipt_no`` is the new receipt (a dry run: the one it would get) or,
    for a skipped order, the receipt it was recorded under; ``errors`` says
    why a rejected order was refused.
    """

    order_id: str
    status: str
    rows: tuple[int, ...]
    channel: str = ""
    receipt_no: str = ""
    total: int = 0
    lines: int = 0
    errors: tuple[RowError, ...] = ()
    concurrent: bool = False  # skipped because another import recorded it while this one ran

    def messages(self) -> list[str]:
        """One line per reason of a rejection, each naming the row, the order and the reason."""
        lines = []
        for error in self.errors:
            reason = error.reason if error.column is None else f"{error.column}: {error.reason}"
            row = error.row if error.row is not None else (self.rows[0] if self.rows else "?")
            if self.order_id:
                lines.append(_("baris {row}: pesanan {order} ditolak: {reason}", row=row, order=self.order_id,
                               reason=reason))
            else:
                lines.append(_("baris {row}: ditolak: {reason}", row=row, reason=reason))
        return lines


@dataclass(frozen=True)
class SalesImportReport:
    """Every order of the file, in file order, with what became of it (``dry_run``: what would)."""

    dry_run: bool
    orders: tuple[OrderOutcome, ...]

    def _with(self, status: str) -> list[OrderOutcome]:
        return [order for order in self.orders if order.status == status]

    @property
    def recorded(self) -> list[OrderOutcome]:
        return self._with(RECORDED)

    @property
    def skipped(self) -> list[OrderOutcome]:
        return self._with(SKIPPED)

    @property
    def rejected(self) -> list[OrderOutcome]:
        return self._with(REJECTED)

    def summary(self) -> str:
        counts = {"recorded": len(self.recorded), "skipped": len(self.skipped), "rejected": len(self.rejected)}
        if self.dry_run:
            return _("Uji coba, tidak ada yang disimpan: {recorded} pesanan akan dicatat, {skipped} sudah "
                     "diimpor sebelumnya, {rejected} ditolak.", **counts)
        return _("Impor penjualan selesai: {recorded} pesanan dicatat, {skipped} sudah diimpor sebelumnya, "
                 "{rejected} ditolak.", **counts)


class _LentSession:
    """The import's own open transaction, lent to a read-only service that opens a unit of work itself.

    Entering and leaving neither begins, commits nor rolls back anything, so
    the products are looked up in the same transaction the orders are written in.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> "_LentSession":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        return None

    def read_rows(self, statement: Select, params: Mapping[str, Any]) -> list[tuple]:
        """A read inside the import's transaction (``UnitOfWork.read_rows`` reads outside one)."""
        return [tuple(row) for row in self.session.execute(statement, params)]


def import_sales(uow: UnitOfWork, user: UserInfo, path: Path, *, dry_run: bool = False,
                 now: datetime | None = None) -> SalesImportReport:
    """Record the orders of ``path`` (columns ``SALE_COLUMNS``) as sales by ``user``; each order whole or not at all.

    A file that cannot be read, or whose header is wrong, raises
    ``services.imports.ImportError`` and records nothing.  ``now`` (UTC-aware)
    is for tests: dates after it are refused.
    """
    require(user, MANAGE_STOCK)  # a back-office job: it moves stock and feeds the vendors' payouts
    now = now or utcnow()
    parsed = read_checked(read_sale_rows, Path(path))
    orders = group_orders(parsed, now)
    outcomes: list[OrderOutcome] = []
    with uow:
        session = uow.session
        recorded_before = _already_imported(session, orders)
        next_number = (session.scalar(select(Counter.value).where(Counter.name == f"receipt:{ONLINE_TERMINAL}"))
                       or 0) + 1
        lookup = _ProductLookup(session, local_date(now))
        give_way = _GiveWay(session)
        for order in orders:
            receipt_no = recorded_before.get((order.channel, order.order_id))
            if receipt_no is not None:
                outcomes.append(OrderOutcome(order.order_id, SKIPPED, tuple(order.rows), order.channel or "",
                                             receipt_no))
            elif order.errors:
                outcomes.append(_rejected(order, order.errors))
            else:
                outcome = _record(session, order, lookup, user, now)
                if outcome.status == RECORDED and dry_run:
                    session.rollback()  # each order undone at once, so the tills can write in between
                    outcome = replace(outcome, receipt_no=receipt_number(ONLINE_TERMINAL, next_number))
                    next_number += 1
                elif outcome.status == RECORDED:
                    uow.commit()
                if outcome.status == RECORDED:
                    give_way()
                outcomes.append(outcome)
    return SalesImportReport(dry_run, tuple(outcomes))


class _GiveWay:
    """Between two orders (no transaction open): pause now and then on SQLite, so the tills get the lock."""

    def __init__(self, session: Session) -> None:
        self._sqlite = session.get_bind().dialect.name == "sqlite"
        self._since = time.monotonic()

    def __call__(self) -> None:
        if self._sqlite and time.monotonic() - self._since > _WORK_SLICE_S:
            time.sleep(_PAUSE_S)
            self._since = time.monotonic()


def _already_imported(session: Session, orders: list[OrderRows]) -> dict[tuple[str | None, str], str]:
    """Receipt numbers of the file's orders that are already recorded, by (channel, order_id)."""
    keys = [(order.channel, order.order_id) for order in orders if order.channel and order.order_id]
    found: dict[tuple[str | None, str], str] = {}
    for start in range(0, len(keys), 300):  # well under every backend's parameter limit
        chunk = keys[start:start + 300]
        statement = select(Sale.channel, Sale.external_order_id, Sale.receipt_no).where(
            tuple_(Sale.channel, Sale.external_order_id).in_(chunk))
        for channel, order_id, receipt_no in session.execute(statement):
            found[(channel, order_id)] = receipt_no
    return found


class _ProductLookup:
    """``product_for_scan`` once per distinct code: what the till would find, or why it refuses the code."""

    def __init__(self, session: Session, today: date) -> None:
        self._lent = _LentSession(session)
        self._today = today
        self._found: dict[str, ScanResult | PosError] = {}

    def __call__(self, code: str) -> ScanResult:
        if code not in self._found:
            try:
                self._found[code] = product_for_scan(self._lent, code, today=self._today)  # type: ignore[arg-type]
            except (ValidationError, NotFoundError) as exc:
                self._found[code] = self._scale_hint(code) or exc
        result = self._found[code]
        if isinstance(result, PosError):
            raise result
        return result

    def _scale_hint(self, code: str) -> ValidationError | None:
        """A clearer refusal for a weighed or price-labelled product given by its 7-digit scale code."""
        product = self._lent.session.scalar(select(Product).where(Product.barcode == code.strip(),
                                                                  Product.measure.in_(("weight", "price"))))
        if product is None:
            return None
        if product.measure == "weight":
            body = f"{product.barcode}01000"
            return ValidationError(_("{name} dijual menurut berat: isi barcode dengan kode label timbangan 13 angka "
                                     "yang memuat beratnya (mis. {example} untuk 1.000 g)", name=product.name,
                                     example=body + gs1_check_digit(body)))
        body = f"{product.barcode}10000"
        return ValidationError(_("{name} dijual dengan label harga: isi barcode dengan kode label 13 angka "
                                 "(mis. {example})", name=product.name, example=body + gs1_check_digit(body)))


def _rejected(order: OrderRows, errors: list[RowError]) -> OrderOutcome:
    return OrderOutcome(order.order_id, REJECTED, tuple(order.rows), order.channel or "",
                        errors=tuple(sorted(errors, key=lambda e: (e.row or 0, SALE_COLUMNS.index(e.column)
                                                                   if e.column in SALE_COLUMNS else -1))))


def _cart(order: OrderRows, lookup: _ProductLookup) -> tuple[Cart, list[RowError]]:
    """The order's lines at the order's prices, and the rows of codes the till would refuse."""
    cart, errors = Cart(), []
    for line in order.lines:
        try:
            found = lookup(line.barcode)
        except (ValidationError, NotFoundError) as exc:
            errors.append(RowError(line.row, "barcode", str(exc)))
            continue
        # The channel's price is the line's price (per kg for weighed goods, whose label gives the grams);
        # a price label's own price is the shelf's, not the order's.
        product = replace(found.product, price=line.unit_price)
        quantity = line.qty * found.grams if found.grams is not None else line.qty
        cart.lines.append(CartLine(product, quantity))
    return cart, errors


def _record(session: Session, order: OrderRows, lookup: _ProductLookup, user: UserInfo,
            now: datetime) -> OrderOutcome:
    cart, errors = _cart(order, lookup)
    if not errors and cart.total <= 0:
        errors.append(RowError(order.rows[0], None, _("total pesanan {total}; pesanan tanpa nilai tidak dicatat",
                                                      total=format_rupiah(cart.total))))
    if errors:
        return _rejected(order, errors)
    assert order.channel is not None and order.payment_method is not None
    total = cart.total
    payment = StoredPayment(order.payment_method, total, total if order.payment_method == "cash" else 0,
                            reference=order.order_id)
    try:
        with session.begin_nested():  # a failure takes back this order alone, its receipt number included
            sale = write_sale(session, cart, [payment], user, ONLINE_TERMINAL, created_at=order.moment(now),
                              channel=order.channel, external_order_id=order.order_id)
    except IntegrityError:
        # Another import recorded it after this one looked (PostgreSQL; SQLite writers take turns).
        receipt_no = session.scalar(select(Sale.receipt_no).where(Sale.channel == order.channel,
                                                                  Sale.external_order_id == order.order_id))
        if receipt_no is None:
            return _rejected(order, [RowError(order.rows[0], None, _(
                "bertabrakan dengan data yang baru saja disimpan dari tempat lain; coba impor lagi"))])
        return OrderOutcome(order.order_id, SKIPPED, tuple(order.rows), order.channel, receipt_no, concurrent=True)
    except (ValidationError, NotFoundError) as exc:
        return _rejected(order, [RowError(order.rows[0], None, str(exc))])
    return OrderOutcome(order.order_id, RECORDED, tuple(order.rows), order.channel, sale.receipt_no, total,
                        len(cart.lines))
