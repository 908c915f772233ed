"""Printing from the till against real TCP listeners standing in for a network printer.

The sale is committed before printing starts; a printer that is missing or
silent never blocks the till, and the receipt waits in the print queue until
the printer takes it (tests/test_printer_faults.py has every fault).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from nttmart_pos.app import build
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.models import Sale
from nttmart_pos.db.print_models import PrintJob
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.hardware.printer import DRAWER_PULSE
from nttmart_pos.hardware.printer_status import STATUS_QUERY
from nttmart_pos.services import printing
from nttmart_pos.ui.worker import wait_for_background


class Listener:
    """A TCP server on 127.0.0.1 that collects what it is sent (or never reads)."""

    def __init__(self, read: bool = True) -> None:
        self.server = socket.socket()
        if not read:
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(5)
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.connections: list[socket.socket] = []
        self.read = read
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self.server.accept()
            except OSError:
                return
            self.connections.append(conn)
            if self.read:
                while chunk := conn.recv(65536):
                    self.received += chunk
                conn.close()

    def close(self) -> None:
        self.server.close()
        for conn in self.connections:
            conn.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def short_timeout(monkeypatch):
    monkeypatch.setattr(printing, "PRINT_TIMEOUT_SECONDS", 1.0)


def open_till(qtbot, sqlite_url, tmp_path, printer):
    engine = make_engine(sqlite_url)
    seed_store(engine)
    window = build(["--db", sqlite_url, "--config", str(tmp_path / "s.toml"), "--printer", printer])
    qtbot.addWidget(window)
    window.findChild(QLineEdit, "loginUser").setText("kasir")
    window.findChild(QLineEdit, "loginPin").setText("1234")
    qtbot.mouseClick(window.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    return window, engine


def sell_one_for_cash(qtbot, window) -> float:
    """Scan, pay exact cash; returns how long the GUI thread was busy recording the sale."""
    field = window.findChild(QLineEdit, "scanInput")
    qtbot.keyClicks(field, COFFEE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.mouseClick(window.findChild(QPushButton, "payButton"), Qt.MouseButton.LeftButton)
    dialog = window.findChild(QLabel, "changeLabel").window()
    qtbot.mouseClick(dialog.findChild(QPushButton, "quickExact"), Qt.MouseButton.LeftButton)
    started = time.monotonic()
    qtbot.mouseClick(dialog.findChild(QPushButton, "confirmPayment"), Qt.MouseButton.LeftButton)
    return time.monotonic() - started


def sales(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(Sale))


def job_status(engine) -> str:
    """The status of the one print job (the receipt of the one sale)."""
    with UnitOfWork(engine) as uow:
        return uow.session.execute(select(PrintJob.status)).scalar_one()


def status(window) -> str:
    return window.findChild(QLabel, "statusMessage").text()


def test_receipt_bytes_arrive_at_a_network_printer(qtbot, sqlite_url, tmp_path):
    listener = Listener()
    window, engine = open_till(qtbot, sqlite_url, tmp_path, f"tcp://127.0.0.1:{listener.port}")
    sell_one_for_cash(qtbot, window)
    qtbot.waitUntil(lambda: "tercetak." in status(window), timeout=5000)
    qtbot.waitUntil(lambda: b"T01-000001" in bytes(listener.received), timeout=5000)
    # asked how it is (at login, and before the receipt; it does not answer), then the receipt,
    # opening the drawer for the cash sale
    received = bytes(listener.received)
    start = received.index(b"\x1b@")
    assert received[:start] in (STATUS_QUERY, STATUS_QUERY * 2)
    assert received[start:].startswith(b"\x1b@" + DRAWER_PULSE)
    assert b"Kopi Arabika Bajawa" in listener.received and b"SALINAN" not in listener.received
    listener.close()


def test_nothing_listening_keeps_the_sale_and_offers_reprint(qtbot, sqlite_url, tmp_path):
    port = free_port()
    window, engine = open_till(qtbot, sqlite_url, tmp_path, f"tcp://127.0.0.1:{port}")
    busy = sell_one_for_cash(qtbot, window)
    assert busy < 1.0 and sales(engine) == 1
    queue = window.cashier.printQueue
    # the pass that tried the receipt is over and the receipt waits: then the status line says so
    qtbot.waitUntil(lambda: not queue.running and job_status(engine) == "queued", timeout=5000)
    assert "belum tercetak" in status(window) and "F9" in status(window)

    # the printer comes back: F9 prints the queued receipt -- the original, nothing reached the printer before
    listener = Listener()
    window.context.settings = replace(window.context.settings, printer_url=f"tcp://127.0.0.1:{listener.port}")
    qtbot.mouseClick(window.findChild(QPushButton, "reprintButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not queue.running and job_status(engine) == "printed", timeout=10_000)
    assert status(window) == "1 struk dari antrean tercetak"
    qtbot.waitUntil(lambda: b"T01-000001" in bytes(listener.received), timeout=10_000)
    assert b"SALINAN" not in listener.received and listener.received.count(b"\x1b@") == 1
    listener.close()


def test_printer_that_never_reads_does_not_freeze_the_till(qtbot, sqlite_url, tmp_path):
    listener = Listener(read=False)
    window, engine = open_till(qtbot, sqlite_url, tmp_path, f"tcp://127.0.0.1:{listener.port}")
    busy = sell_one_for_cash(qtbot, window)
    assert busy < 1.0 and sales(engine) == 1
    # the cashier goes straight on with the next customer while the printer hangs
    field = window.findChild(QLineEdit, "scanInput")
    started = time.monotonic()
    qtbot.keyClicks(field, COFFEE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert time.monotonic() - started < 1.0
    assert window.findChild(QLabel, "totalLabel").text() == "Rp65.000"
    qtbot.waitUntil(lambda: "tercetak" in status(window), timeout=6000)
    wait_for_background()
    listener.close()
