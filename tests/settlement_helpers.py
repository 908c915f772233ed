"""Test builders for settlement: sales and refunds on chosen local days, through the real services.

Also ``journal_written_last``: a watch on an engine's transactions for the journal's lock-order rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from sqlalchemy import event, func, select

from nttmart_pos.db.models import Product, Sale, User
from nttmart_pos.db.settlement_models import Refund
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, CartProduct, PaymentEntry
from nttmart_pos.domain.periods import period_bounds
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.checkout import SaleResult, checkout
from nttmart_pos.services.refunds import RefundRequest, refund


def past_day(days_ago: int) -> date:
    """A local day in the past (payments cannot be dated in the future)."""
    return date.today() - timedelta(days=days_ago)


def at(day: date, minute: int = 0) -> datetime:
    """A moment inside the local day ``day`` (from 08:00, one minute per step)."""
    return datetime.combine(day, time(8)).astimezone() + timedelta(minutes=minute)


def quick_user(engine, username: str, role: str) -> UserInfo:
    """A user without a real PIN hash (scrypt is slow and the PIN is never checked here)."""
    with UnitOfWork(engine, write=True) as uow:
        user = User(username=username, full_name=username.title(), role=role, pin_hash="-")
        uow.session.add(user)
        uow.commit()
        return UserInfo(user.id, user.username, user.full_name, user.role)


def cart_product(engine, product_id: int) -> CartProduct:
    with UnitOfWork(engine) as uow:
        p = uow.session.get(Product, product_id)
        return CartProduct(p.id, p.barcode, p.name, p.price, p.measure, p.unit, p.stock_on_hand)


def sell(engine, cashier: UserInfo, items: list[tuple[int, int]], *, discount: int = 0, day: date | None = None,
         minute: int = 0, terminal: str = "T01", discount_permille: int | None = None) -> SaleResult:
    """Ring up ``items`` (product id, pieces, grams or labelled price) with a sale discount, dated ``day``."""
    cart = Cart()
    for product_id, quantity in items:
        product = cart_product(engine, product_id)
        if product.measure == "weight":
            cart.add(product, grams=quantity)
        elif product.measure == "price":
            cart.add(product, fixed_total=quantity)  # a price label: the quantity is the line's price
        else:
            cart.add(product, quantity)
    if discount_permille is not None:
        discount = cart.subtotal * discount_permille // 1000
    cart.set_sale_discount(discount, "promo" if discount else "")
    # the money is what these tests are about: any discount, without a supervisor's approval
    return checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", max(cart.total, 1))], cashier,
                    terminal, now=at(day, minute) if day is not None else None, discount_limit_pct=100)


def give_back(engine, user: UserInfo, receipt_no: str, lines: list[tuple[int, int]], day: date, minute: int = 0):
    """Refund (line number, quantity) pairs of a receipt on ``day``, in cash."""
    return refund(UnitOfWork(engine, write=True), user, receipt_no, [RefundRequest(n, q) for n, q in lines],
                  method="cash", restock=True, reason="barang rusak", terminal="T01", now=at(day, 300 + minute))


def net_sales(engine, date_from: date, date_to: date) -> int:
    """Sale totals less refunds of the local days ``date_from``..``date_to``."""
    start, end = period_bounds(date_from, date_to)
    with UnitOfWork(engine) as uow:
        sold = uow.session.scalar(select(func.coalesce(func.sum(Sale.total), 0))
                                  .where(Sale.created_at >= start, Sale.created_at < end))
        refunded = uow.session.scalar(select(func.coalesce(func.sum(Refund.total), 0))
                                      .where(Refund.created_at >= start, Refund.created_at < end))
        return int(sold) - int(refunded)


def _is_write(statement: str) -> bool:
    text = statement.lstrip().upper()
    return text.startswith(("INSERT", "UPDATE", "DELETE")) or (
        text.startswith("SELECT") and (" FOR UPDATE" in text or " FOR SHARE" in text))


def _is_journal(statement: str, parameters) -> bool:
    text = statement.upper()
    return "JOURNAL_ENTRIES" in text or ("COUNTERS" in text and "'journal'" in repr(parameters))


@contextmanager
def journal_written_last(engine) -> Iterator[list[list[str]]]:
    """Watch every transaction committed on ``engine``; fail if one wrote or locked anything after the journal.

    Yields the committed transactions, each as its list of writes: "journal"
    for a journal write (its counter or an entry), else the statement's start.
    Savepoints rolled back are left out, as the database forgets them too.
    """
    committed: list[list[str]] = []
    open_writes: dict[int, list[str]] = {}
    savepoints: dict[int, list[int]] = {}

    def key(conn) -> int:
        return id(conn.connection.dbapi_connection)

    def on_execute(conn, cursor, statement, parameters, context, executemany):
        if _is_write(statement):
            writes = open_writes.setdefault(key(conn), [])
            writes.append("journal" if _is_journal(statement, parameters) else " ".join(statement.split()[:3]))

    def on_commit(conn):
        writes = open_writes.pop(key(conn), [])
        savepoints.pop(key(conn), None)
        if writes:
            committed.append(writes)

    def on_rollback(conn):
        open_writes.pop(key(conn), None)
        savepoints.pop(key(conn), None)

    def on_savepoint(conn, name):
        savepoints.setdefault(key(conn), []).append(len(open_writes.get(key(conn), [])))

    def on_rollback_savepoint(conn, name, context):
        marks = savepoints.get(key(conn)) or [0]
        del open_writes.setdefault(key(conn), [])[marks.pop():]

    def on_release_savepoint(conn, name, context):
        if savepoints.get(key(conn)):
            savepoints[key(conn)].pop()

    handlers = {"before_cursor_execute": on_execute, "commit": on_commit, "rollback": on_rollback,
                "savepoint": on_savepoint, "rollback_savepoint": on_rollback_savepoint,
                "release_savepoint": on_release_savepoint}
    for name, handler in handlers.items():
        event.listen(engine, name, handler)
    try:
        yield committed
    finally:
        for name, handler in handlers.items():
            event.remove(engine, name, handler)
    for writes in committed:
        if "journal" in writes:
            after = writes[writes.index("journal"):]
            assert set(after) == {"journal"}, f"written after the journal: {writes}"
