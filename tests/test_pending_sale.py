"""A sale whose COMMIT's answer was lost: reported as unknown, never run twice, held by the till until F12 checks it.

The real network cut is in ``test_server_lost.py`` (PostgreSQL behind a TCP
proxy); here the lost answer is simulated, so the same paths run on SQLite and
PostgreSQL in a moment: ``checkout`` turns a connection lost during the
COMMIT into ``SaleOutcomeUnknown`` without running the sale again, a failure
the server reported (SQLSTATE) is still retried, ``sale_recorded`` finds the
sale by its receipt number and total, and the cashier screen holds the cart
(no scan, no change, no cancel) until F12 either finishes the stored sale once,
or opens the payment dialog because nothing was stored, or says again that the
database does not answer.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from factories import COFFEE, seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.models import Sale
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, PaymentEntry
from nttmart_pos.errors import DatabaseError, SaleOutcomeUnknown
from nttmart_pos.services.checkout import checkout, commit_outcome_unknown, outcome_unknown, sale_recorded
from nttmart_pos.ui.worker import wait_for_background
from qt_helpers import child, type_and_enter
from settlement_helpers import cart_product

UNKNOWN = "belum pasti transaksi ini tersimpan"
RED = "#b00020"


class ServerError(Exception):
    """A driver error carrying the SQLSTATE the server answered with."""

    def __init__(self, code: str) -> None:
        super().__init__(f"server said {code}")
        self.sqlstate = code


def lost(statement: str = "COMMIT") -> OperationalError:
    return OperationalError(statement, None, Exception("server closed the connection unexpectedly"),
                            connection_invalidated=True)


def sales_count(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(Sale))


def coffee_cart(engine, store, quantity: int = 2) -> Cart:
    cart = Cart()
    cart.add(cart_product(engine, store["ids"]["coffee"]), quantity)
    return cart


def pay(engine, store, cart):
    return checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", 200_000)], store["cashier"], "T01")


# -- the service --------------------------------------------------------------

def test_which_commit_failures_leave_the_outcome_unknown():
    assert commit_outcome_unknown(lost(), "postgresql")
    assert commit_outcome_unknown(OperationalError("COMMIT", None, Exception("consuming input failed")),
                                  "postgresql")  # no SQLSTATE: nothing came back from the server
    assert not commit_outcome_unknown(OperationalError("COMMIT", None, ServerError("40001")), "postgresql")
    assert not commit_outcome_unknown(lost(), "sqlite")  # SQLite commits in this process: its answer is sure


def test_a_connection_lost_during_the_commit_is_reported_as_unknown_and_not_run_again(engine, monkeypatch):
    store = seed_store(engine)
    calls = []

    def commit(self):
        calls.append(1)
        raise lost()

    monkeypatch.setattr(UnitOfWork, "commit", commit)
    with pytest.raises(DatabaseError) as raised:
        pay(engine, store, coffee_cart(engine, store))
    monkeypatch.undo()
    assert calls == [1]
    if engine.dialect.name == "sqlite":
        assert not isinstance(raised.value, SaleOutcomeUnknown)
        assert "Database tidak dapat dihubungi" in str(raised.value)
    else:
        error = raised.value
        assert isinstance(error, SaleOutcomeUnknown)
        assert (error.receipt_no, error.total) == ("T01-000001", 130_000)
        assert str(error).startswith("Koneksi ke database terputus saat menyimpan struk T01-000001 (Rp130.000)")
    assert sales_count(engine) == 0
    assert sale_recorded(UnitOfWork(engine), "T01-000001", 130_000) is None  # this commit really failed
    assert pay(engine, store, coffee_cart(engine, store)).receipt_no == "T01-000001"  # the number was not used


def test_a_commit_the_server_refused_is_still_run_again(engine, monkeypatch):
    store = seed_store(engine)
    real_commit, calls = UnitOfWork.commit, []

    def commit(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("COMMIT", None, ServerError("40001"))
        real_commit(self)

    monkeypatch.setattr(UnitOfWork, "commit", commit)
    monkeypatch.setattr("nttmart_pos.db.retry.time.sleep", lambda _seconds: None)
    result = pay(engine, store, coffee_cart(engine, store))
    assert calls == [1, 1] and result.receipt_no == "T01-000001"
    assert sales_count(engine) == 1


def test_sale_recorded_finds_the_sale_by_its_number_and_total(engine):
    store = seed_store(engine)
    sale = pay(engine, store, coffee_cart(engine, store))
    found = sale_recorded(UnitOfWork(engine), sale.receipt_no, sale.total)
    assert found == sale
    assert sale_recorded(UnitOfWork(engine), sale.receipt_no, sale.total - 1) is None
    assert sale_recorded(UnitOfWork(engine), "T01-000002", sale.total) is None


# -- the cashier screen -------------------------------------------------------

@pytest.fixture
def store(engine):
    return seed_store(engine)


@pytest.fixture
def screen(qtbot, engine, store, tmp_path):
    from nttmart_pos.ui.cashier import CashierScreen
    from nttmart_pos.ui.context import AppContext

    context = AppContext(engine=engine, settings=Settings(), settings_path=tmp_path / "settings.toml",
                         user=store["cashier"], printer_override="none")
    screen = CashierScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    screen.new_sale()
    yield screen
    wait_for_background()


def belongs(widget, owner) -> bool:
    while widget is not None and widget is not owner:
        widget = widget.parentWidget()
    return widget is owner


def visible(owner, name):
    return [w for w in QApplication.topLevelWidgets()
            if w.objectName() == name and w.isVisible() and belongs(w, owner)]


def close_box(qtbot, screen, expected: str) -> None:
    boxes = visible(screen, "errorBox")
    assert len(boxes) == 1 and expected in boxes[0].text(), [box.text() for box in boxes]
    qtbot.mouseClick(boxes[0].button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def click(qtbot, screen, name: str) -> None:
    qtbot.mouseClick(child(screen, QPushButton, name), Qt.MouseButton.LeftButton)


def pay_cash_on_screen(qtbot, screen):
    click(qtbot, screen, "payButton")
    dialogs = visible(screen, "paymentDialog")
    assert len(dialogs) == 1
    qtbot.mouseClick(child(dialogs[0], QPushButton, "payCash"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(dialogs[0], QLineEdit, "cashTendered"), "200.000")
    qtbot.mouseClick(child(dialogs[0], QPushButton, "confirmPayment"), Qt.MouseButton.LeftButton)


def status(screen) -> tuple[str, bool]:
    label = child(screen, QLabel, "statusMessage")
    return label.text(), RED in label.styleSheet()


def answer_lost(monkeypatch, *, stored: bool) -> None:
    """The till's next checkout loses the answer to its COMMIT; ``stored``: the server did commit it."""
    def lose(uow, cart, payments, user, terminal, **options):
        if stored:
            result = checkout(uow, cart, payments, user, terminal, **options)
            raise outcome_unknown(result.receipt_no, result.total)
        raise outcome_unknown("T01-000001", cart.total)

    monkeypatch.setattr("nttmart_pos.ui.cashier.checkout", lose)


def test_the_till_holds_a_sale_whose_answer_was_lost_and_finishes_it_once(qtbot, screen, engine, monkeypatch,
                                                                          tmp_path):
    type_and_enter(qtbot, screen, "scanInput", COFFEE)
    type_and_enter(qtbot, screen, "scanInput", COFFEE)
    answer_lost(monkeypatch, stored=True)
    pay_cash_on_screen(qtbot, screen)
    close_box(qtbot, screen, UNKNOWN)
    monkeypatch.undo()
    assert sales_count(engine) == 1
    assert [line.quantity for line in screen.cart.lines] == [2] and screen.totalLabel.text() == "Rp130.000"
    text, red = status(screen)
    assert text.startswith("Struk T01-000001 belum pasti tersimpan") and red

    # the held cart does not change: no scan, no quantity, no removed line, no cancel
    type_and_enter(qtbot, screen, "scanInput", COFFEE)
    for name in ("quantityButton", "removeButton", "cancelButton", "cancelButton", "discountButton",
                 "priceButton", "searchButton"):
        click(qtbot, screen, name)
        # this screen's dialogs only: boxes other tests left open are not this till's
        assert not [w for w in QApplication.topLevelWidgets()
                    if w.isVisible() and w.isModal() and belongs(w, screen)], name
    assert [line.quantity for line in screen.cart.lines] == [2]
    text, red = status(screen)
    assert "Tekan F12 untuk memeriksanya dulu sebelum mengubah keranjang" in text and red

    # F12 while the database still does not answer: said again, still held
    def unreachable(*_args):
        raise DatabaseError("Database tidak dapat dihubungi. Periksa koneksi lalu coba lagi.")

    monkeypatch.setattr("nttmart_pos.ui.pending_sale.sale_recorded", unreachable)
    click(qtbot, screen, "payButton")
    close_box(qtbot, screen, "Belum dapat memeriksa apakah struk T01-000001 sudah tersimpan: Database tidak dapat "
                             "dihubungi")
    monkeypatch.undo()
    assert screen.pending.held is not None and len(screen.cart.lines) == 1
    assert not visible(screen, "paymentDialog")

    # F12 with the database back: the stored sale is finished, not paid again
    click(qtbot, screen, "payButton")
    assert not visible(screen, "paymentDialog") and not visible(screen, "errorBox")
    assert screen.cart.is_empty and screen.pending.held is None
    assert screen.last_sale.receipt_no == "T01-000001"
    assert child(screen, QLabel, "lastChangeLabel").text() == "Kembalian Rp70.000"
    assert "T01-000001" in status(screen)[0]
    assert sales_count(engine) == 1
    QApplication.processEvents()
    screen.grab().save(str(tmp_path / "found.png"))

    # the next customer is served as usual
    type_and_enter(qtbot, screen, "scanInput", COFFEE)
    pay_cash_on_screen(qtbot, screen)
    assert screen.cart.is_empty and screen.last_sale.receipt_no == "T01-000002"
    assert sales_count(engine) == 2


def test_a_held_sale_that_was_not_stored_is_paid_through_the_payment_dialog(qtbot, screen, engine, monkeypatch):
    type_and_enter(qtbot, screen, "scanInput", COFFEE)
    answer_lost(monkeypatch, stored=False)
    pay_cash_on_screen(qtbot, screen)
    close_box(qtbot, screen, UNKNOWN)
    monkeypatch.undo()
    assert sales_count(engine) == 0 and screen.pending.held.receipt_no == "T01-000001"

    click(qtbot, screen, "payButton")
    assert len(visible(screen, "paymentDialog")) == 1  # nothing stored: pay as usual
    assert screen.pending.held is None
    assert status(screen)[0] == "Transaksi tadi tidak tersimpan. Silakan ulangi pembayaran."
    dialog = visible(screen, "paymentDialog")[0]
    qtbot.mouseClick(child(dialog, QPushButton, "payCash"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(dialog, QLineEdit, "cashTendered"), "100.000")
    qtbot.mouseClick(child(dialog, QPushButton, "confirmPayment"), Qt.MouseButton.LeftButton)
    assert screen.cart.is_empty and screen.last_sale.receipt_no == "T01-000001"
    assert sales_count(engine) == 1


def test_a_failed_checkout_says_so_in_the_status_line_too(qtbot, screen, engine, monkeypatch):
    type_and_enter(qtbot, screen, "scanInput", COFFEE)
    assert status(screen) == ("Kopi Arabika Bajawa 250 g - Rp65.000", False)

    def refused(*_args, **_options):
        raise DatabaseError("Database tidak dapat dihubungi. Periksa koneksi lalu coba lagi.")

    monkeypatch.setattr("nttmart_pos.ui.cashier.checkout", refused)
    pay_cash_on_screen(qtbot, screen)
    close_box(qtbot, screen, "Database tidak dapat dihubungi")
    monkeypatch.undo()
    assert status(screen) == ("Transaksi belum tersimpan", True)
    assert screen.pending.held is None and len(screen.cart.lines) == 1
    type_and_enter(qtbot, screen, "scanInput", COFFEE)  # a refused (not unknown) sale does not hold the cart
    assert [line.quantity for line in screen.cart.lines] == [2]
