"""Voids, opening the drawer and reprints: checked, journalled and nothing else written; and the drawer
kick itself, as bytes to a file printer and to a network printer."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from sqlalchemy import func, select

from factories import seed_store
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Sale, StockMovement
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import NotFoundError, PermissionDenied, PrinterError, ValidationError
from nttmart_pos.hardware.drawer import kick_drawer
from nttmart_pos.services.auth import authorize_override, create_user
from nttmart_pos.services.drawer import open_drawer
from nttmart_pos.services.permissions import OPEN_DRAWER, VOID_SALE
from nttmart_pos.services.receipts import authorize_reprint
from nttmart_pos.services.voids import VoidItem, record_void
from settlement_helpers import journal_written_last, sell

ESC_P = b"\x1bp\x00\x19\xfa"  # ESC p 0 25 250: 50 ms on drawer pin 2, 500 ms off
COFFEE_ITEM = VoidItem("8991234567891", "Kopi Arabika Bajawa 250 g", 2, 130_000)
CASHEW_ITEM = VoidItem("2100001", "Kacang Mete Curah", 250, 30_000, "weight")


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["supervisor"] = create_user(UnitOfWork(engine), "spv", "Yohana Lado", "supervisor", "5678")
    return seed


def w(engine) -> UnitOfWork:
    return UnitOfWork(engine, write=True)


def entries(engine) -> list[tuple[str, str, str, str, dict]]:
    """(kind, ref, user, approver, data) of every journal entry, oldest first."""
    with UnitOfWork(engine) as uow:
        return [(e.kind, e.ref, e.user_name, e.approver_name, json.loads(e.body)["data"])
                for e in uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq))]


def rows(engine) -> tuple[int, int]:
    with UnitOfWork(engine) as uow:
        return (uow.session.scalar(select(func.count()).select_from(Sale)),
                uow.session.scalar(select(func.count()).select_from(StockMovement)))


def test_a_line_void_is_journalled_with_items_total_reason_and_nothing_else(engine, store):
    before = rows(engine)
    with journal_written_last(engine) as transactions:
        approver = record_void(w(engine), store["cashier"], "T01", "line", [COFFEE_ITEM, CASHEW_ITEM],
                               "  salah   scan ")
    assert approver is None
    assert transactions == [["journal", "journal"]]  # the counter (one upsert), then the entry: nothing else
    assert rows(engine) == before
    assert entries(engine) == [("void.line", "", "Maria Bria", "", {
        "items": [{"barcode": "8991234567891", "name": "Kopi Arabika Bajawa 250 g", "measure": "unit",
                   "quantity": 2, "amount": 130_000},
                  {"barcode": "2100001", "name": "Kacang Mete Curah", "measure": "weight", "quantity": 250,
                   "amount": 30_000}],
        "total": 160_000, "reason": "salah scan"})]


def test_a_sale_void_by_a_cashier_needs_a_supervisors_approval_and_records_both(engine, store):
    cashier = store["cashier"]
    with pytest.raises(PermissionDenied, match="membatalkan seluruh transaksi"):
        record_void(w(engine), cashier, "T01", "sale", [COFFEE_ITEM], "pelanggan batal")
    assert entries(engine) == []
    allowed = authorize_override(w(engine), "spv", "5678", VOID_SALE, terminal="T01")
    approver = record_void(w(engine), cashier, "T01", "sale", [COFFEE_ITEM], "pelanggan batal", allowed)
    assert approver == store["supervisor"]
    [(kind, _ref, user, approved_by, data)] = entries(engine)
    assert (kind, user, approved_by, data["total"], data["reason"]) == (
        "void.sale", "Maria Bria", "Yohana Lado", 130_000, "pelanggan batal")
    assert record_void(w(engine), store["supervisor"], "T01", "sale", [COFFEE_ITEM], "uang kurang") is None


def test_a_void_needs_a_reason_and_something_voided(engine, store):
    cashier = store["cashier"]
    for reason in ("", "   ", "x" * 201):
        with pytest.raises(ValidationError, match="Alasan"):
            record_void(w(engine), cashier, "T01", "line", [COFFEE_ITEM], reason)
    with pytest.raises(ValidationError, match="Tidak ada barang yang dibatalkan"):
        record_void(w(engine), cashier, "T01", "line", [], "salah scan")
    with pytest.raises(ValidationError, match="jumlah yang dibatalkan"):
        record_void(w(engine), cashier, "T01", "line", [VoidItem("1", "Teh", 0, 0)], "salah scan")
    with pytest.raises(ValidationError):
        record_void(w(engine), cashier, "T01", "line", [VoidItem("1", "Teh", 1, -5)], "salah scan")
    with pytest.raises(ValueError):
        record_void(w(engine), cashier, "T01", "everything", [COFFEE_ITEM], "salah scan")
    assert record_void(w(engine), cashier, "T01", "line", [COFFEE_ITEM], "x" * 200) is None
    assert len(entries(engine)) == 1


def test_opening_the_drawer_is_a_supervisors_and_journalled_with_its_reason(engine, store):
    with pytest.raises(PermissionDenied, match="membuka laci"):
        open_drawer(w(engine), store["cashier"], "T01", "tukar uang kecil")
    with pytest.raises(ValidationError, match="Alasan harus diisi"):
        open_drawer(w(engine), store["supervisor"], "T01", "")
    assert open_drawer(w(engine), store["supervisor"], "T01", "tukar uang kecil") is None
    allowed = authorize_override(w(engine), "spv", "5678", OPEN_DRAWER, terminal="T02")
    assert open_drawer(w(engine), store["cashier"], "T02", "ambil struk macet", allowed) == store["supervisor"]
    assert [(kind, user, approver, data) for kind, _ref, user, approver, data in entries(engine)] == [
        ("drawer.open", "Yohana Lado", "", {"reason": "tukar uang kecil"}),
        ("drawer.open", "Maria Bria", "Yohana Lado", {"reason": "ambil struk macet"})]


def test_a_reprint_is_journalled_with_its_receipt_number(engine, store):
    sale = sell(engine, store["cashier"], [(store["ids"]["coffee"], 1)])
    assert authorize_reprint(w(engine), store["cashier"], "T01", f"  {sale.receipt_no.lower()} ") is None
    with pytest.raises(NotFoundError, match="T01-000099"):
        authorize_reprint(w(engine), store["cashier"], "T01", "T01-000099")
    [sold, reprinted] = entries(engine)
    assert sold[:2] == ("sale", sale.receipt_no)
    assert reprinted == ("reprint", sale.receipt_no, "Maria Bria", "", {"receipt_no": sale.receipt_no,
                                                                         "total": 65_000})


# -- the drawer kick -----------------------------------------------------------

def test_kick_drawer_appends_esc_p_to_a_file_printer_and_none_does_nothing(tmp_path):
    path = tmp_path / "printer.bin"
    path.write_bytes(b"struk sebelumnya")
    kick_drawer(f"file://{path}")
    assert path.read_bytes() == b"struk sebelumnya" + ESC_P
    kick_drawer("none")
    assert path.read_bytes() == b"struk sebelumnya" + ESC_P


def test_kick_drawer_sends_esc_p_to_a_network_printer():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(5)
    received: list[bytes] = []

    def printer() -> None:
        conn, _address = server.accept()
        with conn:
            data = b""
            while chunk := conn.recv(1024):
                data += chunk
            received.append(data)

    thread = threading.Thread(target=printer)
    thread.start()
    try:
        kick_drawer(f"tcp://127.0.0.1:{server.getsockname()[1]}")
        thread.join(5)
    finally:
        server.close()
    assert received == [ESC_P]


def test_kick_drawer_failures_say_the_drawer_did_not_open(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there any more
    with pytest.raises(PrinterError, match=r"Laci kas tidak dapat dibuka: .*koneksi ditolak"):
        kick_drawer(f"tcp://127.0.0.1:{port}", timeout=2)
    with pytest.raises(PrinterError, match="Laci kas tidak dapat dibuka: Tidak dapat menulis ke berkas printer"):
        kick_drawer(f"file://{tmp_path}/no/such/dir/printer.bin")
    with pytest.raises(PrinterError, match="Laci kas tidak dapat dibuka: Jenis printer tidak dikenal"):
        kick_drawer("lpt://1")
