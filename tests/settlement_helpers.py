"""Test builders for settlement: sales and refunds on chosen local days, through the real services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

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
    cart.set_sale_discount(discount)
    return checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", max(cart.total, 1))], cashier,
                    terminal, now=at(day, minute) if day is not None else None)


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
