"""Receipt content from a recorded sale, and PPN for PKP stores."""

from __future__ import annotations

from dataclasses import replace

import pytest

from factories import COFFEE, seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.domain.tax import included_ppn
from nttmart_pos.errors import NotFoundError
from nttmart_pos.hardware.printer import receipt_bytes
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.receipts import last_receipt_no, receipt_for


def test_receipt_holds_the_sale_as_recorded(engine):
    seed = seed_store(engine)
    cart = Cart()
    for code in (COFFEE, COFFEE, "2100001012502"):
        found = product_for_scan(UnitOfWork(engine), code)
        cart.add(found.product, grams=found.grams)
    result = checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("qris", 100000),
                                                              PaymentEntry("cash", 200000)], seed["cashier"], "T07")
    settings = Settings(store_name="NTT Mart Oebobo")
    data = receipt_for(UnitOfWork(engine), result.receipt_no.lower(), settings)
    assert (data.receipt_no, data.store_name, data.cashier, data.terminal) == ("T07-000001", "NTT Mart Oebobo",
                                                                               "Maria Bria", "T07")
    assert [(l.name, l.quantity, l.line_total, l.quantity_text) for l in data.lines] == [
        ("Kopi Arabika Bajawa 250 g", 2, 130000, ""),
        ("Kacang Mete Curah", 1, 150000, "1,250 kg x 120.000")]
    assert (data.subtotal, data.total, data.change) == (280000, 280000, 20000)
    assert [(p.method, p.amount) for p in data.payments] == [("qris", 100000), ("cash", 200000)]
    assert data.tax_lines == () and not data.is_copy
    assert last_receipt_no(UnitOfWork(engine), "T07") == "T07-000001"
    assert last_receipt_no(UnitOfWork(engine), "T01") is None
    copy = receipt_for(UnitOfWork(engine), "T07-000001", replace(settings, tax_mode="pkp", language="en"), copy=True)
    assert copy.is_copy and copy.language == "en"
    # PPN = 280.000 x 11/111 = 27.748; DPP nilai lain = 11/12 x 252.252 = 231.231, and 12% of it is 27.748
    assert copy.tax_lines == (("Tax base (DPP nilai lain)", 231231), ("VAT 12% (included)", 27748))
    printed = receipt_bytes(copy, 80)
    assert b"COPY" in printed and b"VAT 12%" in printed
    with pytest.raises(NotFoundError):
        receipt_for(UnitOfWork(engine), "T07-000099", settings)


def test_included_ppn_matches_pmk_131_2024():
    # Rp111.000 tax-inclusive: price before tax 100.000, DPP nilai lain 91.667, PPN 11.000 (12% x 91.667)
    tax = included_ppn(111000)
    assert (tax.price_before_tax, tax.dpp_nilai_lain, tax.ppn) == (100000, 91667, 11000)
    assert included_ppn(0).ppn == 0
