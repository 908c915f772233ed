"""Who may do what at the till, enforced by the services: the issue's table for every role, and a
supervisor's PIN override recorded with both names (and refused when it is for something else,
from a cashier, forged or stale); on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from factories import seed_store
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.errors import PermissionDenied
from nttmart_pos.services import permissions as permissions_module
from nttmart_pos.services.auth import ROLES, authorize_override, create_user
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.drawer import open_drawer
from nttmart_pos.services.permissions import (
    DISCOUNT_OVER_LIMIT,
    OPEN_DRAWER,
    PRICE_OVERRIDE,
    REFUND,
    REPRINT,
    SELL,
    VOID_LINE,
    VOID_SALE,
)
from nttmart_pos.services.receipts import authorize_reprint
from nttmart_pos.services.refunds import RefundRequest, refund
from nttmart_pos.services.voids import VoidItem, record_void
from settlement_helpers import cart_product, quick_user, sell

# The table: the lowest role that may do each till action on its own
LOWEST_ROLE = {SELL: "cashier", VOID_LINE: "cashier", REPRINT: "cashier", VOID_SALE: "supervisor",
               REFUND: "supervisor", DISCOUNT_OVER_LIMIT: "supervisor", PRICE_OVERRIDE: "supervisor",
               OPEN_DRAWER: "supervisor"}
# The journal entry that shows the action; with an approval, the one that names the approver
KIND = {SELL: "sale", VOID_LINE: "void.line", VOID_SALE: "void.sale", REFUND: "refund",
        DISCOUNT_OVER_LIMIT: "sale", PRICE_OVERRIDE: "sale", OPEN_DRAWER: "drawer.open", REPRINT: "reprint"}
APPROVED_KIND = {**KIND, DISCOUNT_OVER_LIMIT: "discount.override", PRICE_OVERRIDE: "price.override"}
SUPERVISORS = [p for p, role in LOWEST_ROLE.items() if role == "supervisor"]
PINS = {"cashier": ("kasir", "1234"), "supervisor": ("spv", "5678"), "manager": ("manajer", "9999")}


@pytest.fixture
def till(engine):
    seed = seed_store(engine)
    users = {"cashier": seed["cashier"],
             "supervisor": create_user(UnitOfWork(engine), "spv", "Yohana Lado", "supervisor", "5678"),
             "manager": create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999"),
             "admin": quick_user(engine, "admin", "admin")}  # never asked for a PIN here
    sale = sell(engine, seed["cashier"], [(seed["ids"]["coffee"], 10)])  # refunded and reprinted below
    return SimpleNamespace(engine=engine, ids=seed["ids"], users=users, receipt_no=sale.receipt_no)


def _cart(till, *, discount: int = 0, price: int | None = None) -> Cart:
    cart = Cart()
    cart.add(cart_product(till.engine, till.ids["coffee"]), 2)  # 2 x Rp65.000
    if price is not None:
        cart.set_line_price(0, price, "harga grosir")
    if discount:
        cart.set_sale_discount(discount, "pelanggan tetap")
    return cart


def _checkout(till, user, approval, cart: Cart):
    return checkout(UnitOfWork(till.engine, write=True), cart, [PaymentEntry("cash", cart.total)], user, "T01",
                    approvals=[approval] if approval else ())


def _w(till) -> UnitOfWork:
    return UnitOfWork(till.engine, write=True)


ITEM = VoidItem("8991234567891", "Kopi Arabika Bajawa 250 g", 1, 65_000)
ACTIONS = {
    SELL: lambda till, user, approval: _checkout(till, user, approval, _cart(till)),
    VOID_LINE: lambda till, user, approval: record_void(_w(till), user, "T01", "line", [ITEM], "salah scan",
                                                        approval),
    VOID_SALE: lambda till, user, approval: record_void(_w(till), user, "T01", "sale", [ITEM], "pelanggan batal",
                                                        approval),
    REFUND: lambda till, user, approval: refund(_w(till), user, till.receipt_no, [RefundRequest(1, 1)],
                                                method="cash", restock=True, reason="kemasan bocor", terminal="T01",
                                                approval=approval),
    DISCOUNT_OVER_LIMIT: lambda till, user, approval: _checkout(till, user, approval, _cart(till, discount=13_000)),
    PRICE_OVERRIDE: lambda till, user, approval: _checkout(till, user, approval, _cart(till, price=60_000)),
    OPEN_DRAWER: lambda till, user, approval: open_drawer(_w(till), user, "T01", "tukar uang kecil", approval),
    REPRINT: lambda till, user, approval: authorize_reprint(_w(till), user, "T01", till.receipt_no, approval),
}


def journal(till, kind: str) -> list[tuple[str, str]]:
    """(user, approver) of the journal entries of ``kind``, oldest first."""
    with UnitOfWork(till.engine) as uow:
        return [tuple(row) for row in uow.session.execute(
            select(JournalEntry.user_name, JournalEntry.approver_name).where(JournalEntry.kind == kind)
            .order_by(JournalEntry.seq))]


def journal_size(till) -> int:
    with UnitOfWork(till.engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(JournalEntry))


def approve(till, role: str, permission: str):
    username, pin = PINS[role]
    return authorize_override(_w(till), username, pin, permission, terminal="T01")


@pytest.mark.parametrize("permission", list(LOWEST_ROLE))
def test_each_role_may_or_may_not_as_the_table_says(till, permission):
    lowest = ROLES.index(LOWEST_ROLE[permission])
    for rank, role in enumerate(ROLES):
        user = till.users[role]
        before = journal(till, KIND[permission])
        if rank >= lowest:
            ACTIONS[permission](till, user, None)
            assert journal(till, KIND[permission]) == before + [(user.full_name, "")], role
        else:
            size = journal_size(till)
            with pytest.raises(PermissionDenied, match="minta PIN supervisor atau manajer"):
                ACTIONS[permission](till, user, None)
            assert journal_size(till) == size, role  # refused before anything was written


def test_a_cashier_may_on_a_supervisors_or_managers_pin_and_both_names_are_journalled(till):
    cashier = till.users["cashier"]
    for permission in SUPERVISORS:
        for role in ("supervisor", "manager"):
            ACTIONS[permission](till, cashier, approve(till, role, permission))
            assert journal(till, APPROVED_KIND[permission])[-1] == ("Maria Bria", till.users[role].full_name), (
                permission, role)


def test_an_approval_for_something_else_from_a_cashier_forged_or_stale_is_refused(till, monkeypatch):
    for permission in SUPERVISORS:
        _refused_then_allowed(till, permission, monkeypatch)


def _refused_then_allowed(till, permission, monkeypatch):
    cashier, act = till.users["cashier"], ACTIONS[permission]
    other = OPEN_DRAWER if permission != OPEN_DRAWER else VOID_SALE
    size = journal_size(till)
    for_other = approve(till, "supervisor", other)
    with pytest.raises(PermissionDenied):
        act(till, cashier, for_other)
    with pytest.raises(PermissionDenied, match="Maria Bria tidak boleh mengizinkan"):
        approve(till, "cashier", permission)
    with pytest.raises(PermissionDenied):
        act(till, cashier, dataclasses.replace(for_other, permission=permission))
    with pytest.raises(PermissionDenied):  # a cashier named as the approver of a real signature's approval
        act(till, cashier, dataclasses.replace(approve(till, "supervisor", permission), approver=cashier))
    fresh = approve(till, "supervisor", permission)
    later = time.monotonic() + permissions_module.APPROVAL_SECONDS + 1
    monkeypatch.setattr(permissions_module, "time", SimpleNamespace(monotonic=lambda: later))
    with pytest.raises(PermissionDenied):
        act(till, cashier, fresh)
    assert journal_size(till) == size, permission
    monkeypatch.undo()
    act(till, cashier, fresh)  # the same approval, within its five minutes
    assert journal(till, APPROVED_KIND[permission])[-1] == ("Maria Bria", "Yohana Lado"), permission
