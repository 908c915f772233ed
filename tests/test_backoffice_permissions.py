"""The back office follows the one permission table: for every role, one representative call per
protected service is allowed or refused exactly as ``permissions.MINIMUM_ROLE`` says.

Each role walks the whole back office once (on SQLite and PostgreSQL); when a step is refused, a
manager does it instead so that the next step has something to work on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.users import ROLES
from nttmart_pos.errors import PermissionDenied
from nttmart_pos.services.catalog import ProductInput, VendorInput
from nttmart_pos.services.catalog_admin import save_product, save_vendor
from nttmart_pos.services.exports import export_products
from nttmart_pos.services.imports import import_vendors
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.payouts import approve_payout, create_payouts, pay_payout
from nttmart_pos.services.permissions import (
    CASH_IN_OUT,
    CHANGE_SETTINGS,
    CLOSE_SHIFT,
    MANAGE_PRODUCTS,
    MANAGE_STOCK,
    MANAGE_VENDORS,
    MINIMUM_ROLE,
    SETTLEMENT_APPROVE,
    SETTLEMENT_PAY,
    VIEW_REPORTS,
)
from nttmart_pos.services.returns import ReturnLine, return_goods
from nttmart_pos.services.settings import update_settings
from nttmart_pos.services.shifts import cash_movement, close_shift, open_shift
from nttmart_pos.services.stocktake import post_stocktake, start_stocktake
from settlement_helpers import past_day, quick_user, sell

DAY = past_day(3)


def role_may(role: str, permission: str) -> bool:
    """What the table says, spelled out from ``MINIMUM_ROLE`` and the role order alone."""
    return ROLES.index(role) >= ROLES.index(MINIMUM_ROLE[permission])


def w(engine) -> UnitOfWork:
    return UnitOfWork(engine, write=True)


def test_the_table_itself():
    assert {p: MINIMUM_ROLE[p] for p in (CLOSE_SHIFT, CASH_IN_OUT)} == {CLOSE_SHIFT: "cashier",
                                                                         CASH_IN_OUT: "supervisor"}
    assert {MINIMUM_ROLE[p] for p in (MANAGE_PRODUCTS, MANAGE_VENDORS, MANAGE_STOCK, SETTLEMENT_APPROVE,
                                      SETTLEMENT_PAY, VIEW_REPORTS, CHANGE_SETTINGS)} == {"manager"}


@pytest.mark.parametrize("role", ROLES)
def test_every_back_office_service_follows_the_table(engine, tmp_path, role):
    seed = seed_store(engine)
    coffee = seed["ids"]["coffee"]
    user = quick_user(engine, f"u_{role}", role)
    manager = quick_user(engine, "boss", "manager")
    outcome: dict[str, bool] = {}
    expected: dict[str, bool] = {}

    def attempt(name: str, permission: str, call, fallback=None):
        """Run ``call`` as the role under test; record whether it was allowed; on a refusal run ``fallback``."""
        expected[name] = role_may(role, permission)
        try:
            result = call(user)
        except PermissionDenied:
            outcome[name] = False
            return fallback(manager) if fallback else None
        outcome[name] = True
        return result

    attempt("vendor create", MANAGE_VENDORS,
            lambda u: save_vendor(w(engine), u, VendorInput("SEI001", "Se'i Babi Om Ba'i", regency="Kota Kupang"),
                                  create=True))
    attempt("product create", MANAGE_PRODUCTS,
            lambda u: save_product(w(engine), u, ProductInput(None, "Teh Daun Kelor", "KOPI01", 15000)))
    attempt("intake", MANAGE_STOCK,
            lambda u: receive_goods(w(engine), u, "KOPI01", [IntakeLine(coffee, 2)]))
    attempt("retur", MANAGE_STOCK,
            lambda u: return_goods(w(engine), u, "KOPI01", [ReturnLine(coffee, 1, "unsold")]))
    take = start_stocktake(w(engine), manager)
    attempt("stocktake post", MANAGE_STOCK,
            lambda u: post_stocktake(w(engine), u, take.number, "Opname bulanan"))

    sell(engine, seed["cashier"], [(coffee, 1)], day=DAY)
    [number] = attempt("payout draft", SETTLEMENT_APPROVE,
                       lambda u: create_payouts(w(engine), u, DAY, DAY),
                       lambda m: create_payouts(w(engine), m, DAY, DAY))
    attempt("payout approve", SETTLEMENT_APPROVE, lambda u: approve_payout(w(engine), u, number),
            lambda m: approve_payout(w(engine), m, number))
    attempt("payout pay", SETTLEMENT_PAY,
            lambda u: pay_payout(w(engine), u, number, "transfer", "TRF-0001", past_day(0)))

    open_shift(w(engine), user, "T01", 100000)  # the role's own shift: any role may close its own
    attempt("cash in", CASH_IN_OUT, lambda u: cash_movement(w(engine), u, "T01", "in", 5000, "Tambah receh"))
    attempt("cash out", CASH_IN_OUT, lambda u: cash_movement(w(engine), u, "T01", "out", 1000, "Beli lakban"))
    attempt("close shift", CLOSE_SHIFT, lambda u: close_shift(w(engine), u, "T01", {100000: 1}))

    settings_path = tmp_path / "cfg" / "settings.toml"
    attempt("settings save", CHANGE_SETTINGS,
            lambda u: update_settings(w(engine), u, Settings(store_name="NTT Mart Oesapa"), settings_path))
    csv = tmp_path / "umkm.csv"
    csv.write_text("code,name,regency,commission_pct\nMADU01,Madu Hutan Amfoang,Kupang,20\n", encoding="utf-8")
    attempt("vendor import", MANAGE_VENDORS, lambda u: import_vendors(w(engine), u, csv))
    exported = tmp_path / "barang.csv"
    attempt("product export", VIEW_REPORTS, lambda u: export_products(UnitOfWork(engine), u, exported))

    assert outcome == expected
    assert settings_path.exists() == expected["settings save"]
    assert exported.exists() == expected["product export"]


def test_nobody_is_nobody(engine, tmp_path):
    """No user at all (a logged-out screen) is refused everything."""
    with pytest.raises(PermissionDenied):
        save_vendor(w(engine), None, VendorInput("SEI001", "Se'i"), create=True)
    with pytest.raises(PermissionDenied):
        cash_movement(w(engine), None, "T01", "in", 1000, "Receh")
    with pytest.raises(PermissionDenied):
        close_shift(w(engine), None, "T01", {})
    with pytest.raises(PermissionDenied):
        update_settings(w(engine), None, Settings(), Path(tmp_path / "s.toml"))
    assert not (tmp_path / "s.toml").exists()
