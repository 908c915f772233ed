"""The refund receipt: its text on 58 and 80 mm paper, its bytes, and printing a stored refund."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest

from factories import seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.hardware.refund_slip import RefundSlipData, RefundSlipLine, refund_slip_bytes, refund_slip_lines
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.printing import print_refund_receipt, refund_receipt_for
from nttmart_pos.services.refunds import RefundRequest, refund
from settlement_helpers import cart_product

STORE = Settings(store_name="NTT Mart", store_address="Jl. El Tari No. 12, Oebobo, Kota Kupang",
                 store_phone="0380-821234")
LONG_NAME = "Kopi Bubuk Arabika Manggarai Premium Sangrai Sedang Kemasan Zipper 250 gram"


def make_slip(**changes) -> RefundSlipData:
    data = RefundSlipData(
        refund_no="R-T01-000007", created_at=datetime(2026, 11, 28, 9, 15, tzinfo=timezone.utc),
        receipt_no="T01-000123", sold_at=datetime(2026, 11, 27, 6, 5, tzinfo=timezone.utc), terminal="T01",
        user_name="Yohana Lado", approver_name="", method="cash", total=1_365_250, restock=True,
        reason="Salah beli – ukuran tidak cocok",
        lines=(RefundSlipLine(LONG_NAME, "unit", 2, 12_500, 25_000),
               RefundSlipLine("Kacang Mete Curah", "weight", 500, 120_000, 60_000),
               RefundSlipLine("Selendang Tenun Rote", "unit", 1, 1_300_000, 1_280_250, discounted=True)))
    return dataclasses.replace(data, **changes)


def local(moment: datetime) -> str:
    return moment.astimezone().strftime("%d-%m-%Y %H:%M")


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("copy", [False, True])
def test_every_line_fits_and_is_ascii(columns, language, copy):
    lines = refund_slip_lines(make_slip(is_copy=copy, approver_name="Yohanes Seran"), columns, language, STORE)
    assert lines and all(len(line) <= columns for line in lines)
    assert all(line.isascii() for line in lines)


@pytest.mark.parametrize("columns", [32, 48])
def test_the_receipt_says_what_came_back_how_and_why(columns):
    slip = make_slip()
    lines = refund_slip_lines(slip, columns, "id", STORE)
    text = "\n".join(lines)
    stripped = [line.strip() for line in lines]
    assert stripped[0] == "NTT Mart" and "Telp. 0380-821234" in stripped
    assert stripped.index("PENGEMBALIAN BARANG") + 1 == stripped.index("R-T01-000007")
    assert f"Tanggal    : {local(slip.created_at)}" in text
    assert "Struk asal : T01-000123" in text and f"Tgl. struk : {local(slip.sold_at)}" in text
    # each line: name, quantity x price, the amount given back
    assert "Kopi Bubuk Arabika" in text and "Zipper 250 gram" in text
    qty = [line for line in lines if line.startswith("  2 x 12.500")]
    assert qty and qty[0].endswith(" 25.000") and len(qty[0]) == columns
    assert any(line.startswith("  0,500 kg x 120.000/kg") and line.endswith(" 60.000") for line in lines)
    assert any(line.startswith("  1 x 1.300.000") and line.endswith(" 1.280.250") for line in lines)
    assert "  (setelah diskon)" in lines
    assert text.count("(setelah diskon)") == 1
    total = [line for line in lines if line.startswith("TOTAL DIKEMBALIKAN")]
    assert total and total[0].endswith("Rp1.365.250") and len(total[0]) == columns
    assert "Dikembalikan : Tunai" in text and "Barang       : kembali ke rak" in text
    assert "Alasan       : Salah beli -" in text and "cocok" in text  # the en dash made ASCII
    assert "Dilayani     : Yohana Lado" in text
    assert "Disetujui" not in text and "SALINAN" not in text
    assert stripped[-5] == "Tanda tangan pelanggan" and stripped[-1].startswith("(....") and stripped[-1].endswith(")")


@pytest.mark.parametrize("columns", [32, 48])
def test_approver_damaged_goods_other_method_and_copy(columns):
    lines = refund_slip_lines(make_slip(approver_name="Yohanes Seran", restock=False, method="qris", is_copy=True),
                              columns, "id", STORE)
    text = "\n".join(lines)
    assert "Disetujui    : Yohanes Seran" in text
    assert "Barang       : rusak, dihapuskan" in text and "kembali ke rak" not in text
    assert "Dikembalikan : QRIS" in text
    assert [line.strip() for line in lines].count("*** SALINAN ***") == 1


def test_english_receipt():
    text = "\n".join(refund_slip_lines(make_slip(approver_name="Yohanes Seran"), 48, "en", STORE))
    for words in ("RETURN OF GOODS", "Receipt  : T01-000123", "TOTAL REFUNDED", "Refunded  : Cash",
                  "Product   : back on the shelf", "Served by : Yohana Lado", "Approved  : Yohanes Seran",
                  "Customer's signature", "(after discount)"):
        assert words in text


@pytest.mark.parametrize("width_mm", [58, 80])
def test_bytes_have_the_text_and_the_refund_number_barcode(width_mm):
    data = make_slip(approver_name="Yohanes Seran")
    payload = refund_slip_bytes(data, width_mm, "id", STORE)
    assert payload.startswith(b"\x1b@")
    for line in refund_slip_lines(data, 32 if width_mm == 58 else 48, "id", STORE):
        assert line.strip().encode("ascii") in payload
    if width_mm == 80:
        assert b"\x1dk" in payload and b"{BR-T01-000007" in payload  # the printer's own Code128
    else:
        assert b"\x1dv0" in payload  # drawn as a raster image on 58 mm clones
        assert payload.count(b"R-T01-000007") == 2  # under the title, and under the bars


@pytest.fixture
def sold_and_refunded(engine):
    seed = seed_store(engine)
    supervisor = create_user(UnitOfWork(engine), "spv", "Yohana Lado", "supervisor", "5678")
    cart = Cart()
    cart.add(cart_product(engine, seed["ids"]["coffee"]), 3)
    cart.add(cart_product(engine, seed["ids"]["cashew"]), grams=1500)
    cart.set_sale_discount(13_000, "Pelanggan tetap")
    sale = checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", 400_000)], seed["cashier"], "T01")
    result = refund(UnitOfWork(engine, write=True), supervisor, sale.receipt_no,
                    [RefundRequest(1, 1), RefundRequest(2, 500)], method="cash", restock=False,
                    reason="Barang rusak", terminal="T01")
    return sale, result


def test_refund_receipt_data_comes_from_the_stored_refund(engine, sold_and_refunded):
    sale, result = sold_and_refunded
    data = refund_receipt_for(engine, " r-t01-000001 ")
    assert (data.refund_no, data.receipt_no, data.total, data.method, data.restock, data.reason) == (
        result.refund_no, sale.receipt_no, result.total, "cash", False, "Barang rusak")
    assert data.user_name == "Yohana Lado" and data.approver_name == "" and not data.is_copy
    assert [(l.name, l.measure, l.quantity, l.unit_price, l.discounted) for l in data.lines] == [
        ("Kopi Arabika Bajawa 250 g", "unit", 1, 65_000, True), ("Kacang Mete Curah", "weight", 500, 120_000, True)]
    assert sum(l.amount for l in data.lines) == result.total
    assert data.sold_at == sale.created_at


def test_printed_to_a_file_printer(engine, sold_and_refunded, tmp_path):
    _sale, result = sold_and_refunded
    target = tmp_path / "printer.bin"
    settings = dataclasses.replace(STORE, printer_url=f"file://{target}", paper_width=58)
    assert print_refund_receipt(engine, result.refund_no, settings) == "R-T01-000001"
    first = target.read_bytes()
    for words in (b"PENGEMBALIAN BARANG", b"R-T01-000001", b"Struk asal : T01-000001", b"Kacang Mete Curah",
                  b"0,500 kg x 120.000/kg", b"Barang       : rusak, dihapuskan", b"Alasan       : Barang rusak",
                  b"Tanda tangan pelanggan"):
        assert words in first
    assert b"SALINAN" not in first
    print_refund_receipt(engine, result.refund_no, settings, copy=True)
    assert b"*** SALINAN ***" in target.read_bytes()[len(first):]


def test_no_printer_prints_nothing(engine, sold_and_refunded):
    _sale, result = sold_and_refunded
    assert print_refund_receipt(engine, result.refund_no, dataclasses.replace(STORE, printer_url="none")) == (
        result.refund_no)
