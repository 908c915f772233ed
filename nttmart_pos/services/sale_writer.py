"""Writing a paid sale's rows inside the caller's transaction: receipt number, lines, stock, payments,
print job and journal entry, with one statement per table.

Shared by the till (``services.checkout``) and orders from other channels
(``services.import_sales``), so both snapshot the vendor's terms and move
stock the same way.  The rows go in as plain INSERTs (several rows in one
``executemany``), not through the ORM's unit of work: a till sale is about a
dozen statements and one commit, a few times the cost of the bare SQL
(benchmark budget 3).  The journal entry is built from exactly the values
written, with the same ``journal_events.sale_data`` that ``journal verify``
applies to the stored rows, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from nttmart_pos.db.models import Payment, Product, Sale, SaleLine, StockMovement, Vendor, utcnow
from nttmart_pos.domain.cart import REASON_MAX, Cart, CartLine
from nttmart_pos.domain.settlement import spread_discount
from nttmart_pos.domain.stock_document import measured_text
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.journal import append
from nttmart_pos.services.journal_events import SALE, sale_data


@dataclass(frozen=True)
class StoredPayment:
    """A payment as stored: the part of the total it pays and, for cash, what was handed over."""

    method: str
    amount: int
    tendered: int = 0
    reference: str = ""


@dataclass(frozen=True)
class WrittenSale:
    """The sale row just written (not an ORM object: nothing of it sits in the session)."""

    id: int
    receipt_no: str
    terminal: str
    created_at: datetime


def receipt_number(terminal: str, number: int) -> str:
    """``T01``, 123 -> ``T01-000123``."""
    return f"{terminal}-{number:06d}"


def is_price_override(line: CartLine) -> bool:
    """True if the line is sold at a price typed at the till instead of the catalogue's."""
    return line.fixed_total is None and line.price_override is not None and line.price_override != line.product.price


def _line_reason(line: CartLine) -> str:
    """The line discount's reason, and a changed price's as "harga: ...", in one column."""
    parts = [line.discount_reason.strip()] if line.discount > 0 else []
    if is_price_override(line):
        parts.append(f"harga: {line.override_reason.strip()}")
    return "; ".join(parts)[:REASON_MAX]


def _distinct(people: Sequence[UserInfo]) -> list[UserInfo]:
    seen: dict[int, UserInfo] = {}
    for person in people:
        seen.setdefault(person.id, person)
    return list(seen.values())


def _commission(product_pct: int | None, vendor_pct: int | None, terms: str) -> int | None:
    if terms == "harga_setor":
        return None
    if product_pct is not None:
        return product_pct
    return vendor_pct if vendor_pct is not None else 0


_INSERT_SALE = insert(Sale).returning(Sale.id)
_TAKE_STOCK = update(Product).where(Product.id == bindparam("product")).values(
    stock_on_hand=Product.stock_on_hand - bindparam("sold"))
_SNAPSHOT = select(Product.id, Product.barcode, Product.harga_setor, Product.commission_pct, Vendor.id, Vendor.code,
                   Vendor.name, Vendor.terms, Vendor.commission_pct).join(Vendor, Vendor.id == Product.vendor_id)


def write_sale(session: Session, cart: Cart, payments: list[StoredPayment], cashier: UserInfo, terminal: str, *,
               paid: int | None = None, shift_id: int | None = None, created_at: datetime | None = None,
               channel: str = "till", external_order_id: str | None = None,
               approver: UserInfo | None = None, approvers: Sequence[UserInfo] = (),
               block_negative_stock: bool = False) -> WrittenSale:
    """Write a sale inside the caller's transaction: its receipt number, lines, payments and stock.

    ``payments`` must add up to the cart's total (``paid`` defaults to it; the
    change is what was paid beyond it).  ``approver``/``approvers``: who
    allowed what the cashier's role does not (the first one's id is kept,
    every name).  The sale is journalled last, so the caller may add only
    further journal entries after it.  ``block_negative_stock``: raise a
    ``ValidationError`` (write nothing) if a product's stock would go below zero.
    """
    if cart.is_empty:
        raise ValidationError(_("Keranjang masih kosong"))
    total = cart.total
    paid = total if paid is None else paid
    if sum(p.amount for p in payments) != total or paid < total:
        raise ValueError("the payments must add up to the sale total")
    connection = session.connection()
    ids = {line.product.product_id for line in cart.lines}
    snapshot = {row[0]: row for row in connection.execute(_SNAPSHOT.where(Product.id.in_(ids)))}
    if ids - snapshot.keys():
        raise NotFoundError(_("Barang di keranjang tidak ada lagi di database"))
    people = _distinct(([approver] if approver else []) + list(approvers))
    number = next_value(session, f"receipt:{terminal}")
    if block_negative_stock:  # after the receipt counter, before any product row: the usual lock order
        check_stock(session, cart)
    receipt_no = receipt_number(terminal, number)
    sale = dict(receipt_no=receipt_no, terminal=terminal, number=number, cashier_id=cashier.id,
                cashier_name=cashier.full_name, created_at=created_at or utcnow(), subtotal=cart.subtotal,
                discount=cart.discount, total=total, paid=paid, change=paid - total, status="completed",
                shift_id=shift_id, channel=channel, external_order_id=external_order_id,
                discount_reason=cart.sale_discount_reason.strip()[:REASON_MAX] if cart.discount else "",
                approver_id=people[0].id if people else None,
                approver_name=", ".join(person.full_name for person in people)[:120])
    sale_id = connection.execute(_INSERT_SALE, sale).scalar_one()
    lines = _line_rows(cart, snapshot, sale_id)
    connection.execute(insert(SaleLine), lines)
    # one stock movement per line (pieces, or grams), and the stock cache moved by the same amounts;
    # product rows are updated in id order, as everywhere, so two tills (or a till and a refund)
    # selling the same products never wait on each other in a cycle
    sold = sorted((line["product_id"], line["quantity"]) for line in lines)
    moved_at = utcnow()
    connection.execute(insert(StockMovement), [
        dict(product_id=product_id, kind="sold", quantity=-quantity, sale_id=sale_id, user_id=cashier.id,
             reference=receipt_no, document_id=None, created_at=moved_at) for product_id, quantity in sold])
    connection.execute(_TAKE_STOCK, [{"product": product_id, "sold": quantity} for product_id, quantity in sold])
    paid_rows = [dict(sale_id=sale_id, method=p.method, amount=p.amount, tendered=p.tendered, reference=p.reference)
                 for p in payments]
    if paid_rows:  # a sale of Rp0 has none (an empty executemany would insert a row of defaults)
        connection.execute(insert(Payment), paid_rows)
    if channel == "till":  # in the sale's transaction: a crash before printing leaves the receipt queued
        from nttmart_pos.services.print_queue import enqueue_sale_receipt  # print_queue imports checkout

        enqueue_sale_receipt(session, sale_id, receipt_no, terminal, new_sale=True,
                             kick_drawer=any(payment.method == "cash" for payment in payments))
    stored = SimpleNamespace(**sale, lines=[SimpleNamespace(**line) for line in lines],
                             payments=[SimpleNamespace(id=index, **row) for index, row in enumerate(paid_rows)])
    # the last write: takes the journal lock last
    append(session, SALE, sale_data(stored), user=cashier, terminal=terminal, ref=receipt_no,
           approver=people[0] if people else None)
    return WrittenSale(sale_id, receipt_no, terminal, sale["created_at"])


def _line_rows(cart: Cart, snapshot: dict, sale_id: int) -> list[dict]:
    """The sale lines as stored: what was sold, with the vendor's terms of this moment."""
    shares = spread_discount([line.total for line in cart.lines], cart.discount)
    rows = []
    for line_no, (line, share) in enumerate(zip(cart.lines, shares), start=1):
        (product_id, barcode, harga_setor, product_pct, vendor_id, vendor_code, vendor_name, terms,
         vendor_pct) = snapshot[line.product.product_id]
        rows.append(dict(
            sale_id=sale_id, line_no=line_no, product_id=product_id, barcode=barcode,
            product_name=line.product.name, measure=line.product.measure, quantity=line.quantity,
            unit_price=line.unit_price, line_total=line.total, discount=line.gross - line.total,
            discount_reason=_line_reason(line), list_price=line.product.price if is_price_override(line) else None,
            sale_discount_share=share, vendor_id=vendor_id, vendor_code=vendor_code, vendor_name=vendor_name,
            terms=terms, harga_setor=harga_setor if terms == "harga_setor" else None,
            commission_pct=_commission(product_pct, vendor_pct, terms)))
    return rows


def check_stock(session: Session, cart: Cart) -> None:
    """Refuse (``ValidationError``) a cart that sells more of a product than its stock in the system.

    The products' rows are locked in id order (``FOR NO KEY UPDATE`` on
    PostgreSQL, the lock ``write_sale``'s stock update takes anyway, so the
    foreign keys of the sale lines do not wait on it; SQLite's ``BEGIN
    IMMEDIATE`` already holds the database) and their stock read under the
    lock: a second till selling the last piece waits here and then sees it
    gone.  Weighed goods count in grams.
    """
    wanted: dict[int, int] = {}
    for line in cart.lines:
        wanted[line.product.product_id] = wanted.get(line.product.product_id, 0) + line.quantity
    stock = dict(session.execute(select(Product.id, Product.stock_on_hand).where(Product.id.in_(wanted))
                                 .order_by(Product.id).with_for_update(key_share=True)).all())
    short = [line.product for line in cart.lines
             if stock.get(line.product.product_id, 0) < wanted[line.product.product_id]]
    if not short:
        return
    product = short[0]
    left = stock.get(product.product_id, 0)
    amount = measured_text(left, product.measure) if product.measure == "weight" else \
        f"{measured_text(left, product.measure)} {product.unit}".strip()
    others = len({p.product_id for p in short}) - 1
    if left > 0:
        head = _("Stok {name} di sistem tinggal {stock}", name=product.name, stock=amount)
    elif left == 0:
        head = _("Stok {name} di sistem sudah habis", name=product.name)
    else:
        head = _("Stok {name} di sistem sudah minus ({stock})", name=product.name, stock=amount)
    message = "; ".join((head, _("pengaturan toko menolak penjualan melebihi stok. Catat barang masuk dulu atau "
                                 "minta manajer mengubah pengaturan.")))
    if others:
        message += " " + _("{count} barang lain di keranjang juga melebihi stok.", count=others)
    raise ValidationError(message)
