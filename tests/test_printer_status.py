"""The printer's state: DLE EOT answers, asking fake network printers, and the words in the status bar."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton

from fake_printers import OFFLINE_STATUS, ONLINE_STATUS, PAPER_OUT_STATUS, FakePrinter, free_port
from nttmart_pos.config import Settings
from nttmart_pos.hardware.printer import parse_printer_url
from nttmart_pos.hardware.printer_status import (NONE, OFFLINE, ONLINE, PAPER_OUT, STATUS_QUERY, UNKNOWN,
                                                 probe_status, state_from)
from nttmart_pos.i18n import set_language
from nttmart_pos.services.print_queue import QueueRun
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.printer_status import PrinterStatusWidget, PrintQueueRunner


@pytest.mark.parametrize("answer, state", [
    (b"\x12\x12", ONLINE),
    (b"\x16\x1e", ONLINE),  # drawer pin high, paper near end: still printing
    (b"\x1a\x12", OFFLINE),  # cover open
    (b"\x1a\x72", PAPER_OUT),
    (b"\x12\x72", PAPER_OUT),
    (b"\x12", ONLINE),  # a printer that answers DLE EOT 1 only
    (b"\x1a", OFFLINE),
    (b"", UNKNOWN),
    (b"OK", UNKNOWN),  # not a status byte: some other device on port 9100
])
def test_state_from_the_printers_answer(answer, state):
    assert state_from(answer) == state


@pytest.fixture
def printers():
    made: list[FakePrinter] = []

    def make(*args, **kwargs) -> FakePrinter:
        made.append(FakePrinter(*args, **kwargs))
        return made[-1]

    yield make
    for printer in made:
        printer.close()


@pytest.mark.parametrize("status, state", [(ONLINE_STATUS, ONLINE), (PAPER_OUT_STATUS, PAPER_OUT),
                                           (OFFLINE_STATUS, OFFLINE), (None, UNKNOWN)])
def test_asking_a_network_printer(printers, status, state):
    printer = printers("read", status=status)
    assert probe_status(parse_printer_url(printer.url), timeout=2.0) == state
    assert bytes(printer.received) == STATUS_QUERY  # asked, nothing printed


def test_a_printer_that_is_not_there_is_offline_and_others_cannot_be_asked(tmp_path):
    assert probe_status(parse_printer_url(f"tcp://127.0.0.1:{free_port()}"), timeout=1.0) == OFFLINE
    assert probe_status(parse_printer_url("none")) == NONE
    assert probe_status(parse_printer_url(f"file://{tmp_path}/p.bin")) == UNKNOWN


def _widget(qtbot, engine, printer_url: str) -> tuple[PrinterStatusWidget, PrintQueueRunner]:
    context = AppContext(engine=engine, settings=replace(Settings(), printer_url=printer_url),
                         settings_path=Path("unused.toml"))
    runner = PrintQueueRunner(context)
    widget = PrinterStatusWidget(runner)
    qtbot.addWidget(widget)
    widget.show()
    return widget, runner


def _state_after_a_pass(qtbot, widget: PrinterStatusWidget, runner: PrintQueueRunner) -> str:
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run()
    return widget.findChild(QLabel, "printerStateLabel").text()


@pytest.mark.parametrize("status, words", [(ONLINE_STATUS, "Printer: online"), (OFFLINE_STATUS, "Printer: offline"),
                                           (PAPER_OUT_STATUS, "Printer: kertas habis"),
                                           (None, "Printer: tidak diketahui")])
def test_the_status_bar_shows_what_the_printer_answers(qtbot, sqlite_engine, printers, status, words):
    printer = printers("read", status=status)
    widget, runner = _widget(qtbot, sqlite_engine, printer.url)
    assert widget.findChild(QLabel, "printerStateLabel").text() == "Printer: tidak diketahui"  # not asked yet
    assert _state_after_a_pass(qtbot, widget, runner) == words
    assert not widget.findChild(QLabel, "printQueueLabel").isVisible()


def test_the_status_bar_with_no_printer_at_all(qtbot, sqlite_engine):
    widget, runner = _widget(qtbot, sqlite_engine, f"tcp://127.0.0.1:{free_port()}")
    assert _state_after_a_pass(qtbot, widget, runner) == "Printer: offline"
    none, none_runner = _widget(qtbot, sqlite_engine, "none")
    assert none.findChild(QLabel, "printerStateLabel").text() == "Printer: tidak dipakai"


def test_waiting_receipts_and_english(qtbot, sqlite_engine):
    widget, runner = _widget(qtbot, sqlite_engine, "none")
    widget.show_run(QueueRun((), 3, PAPER_OUT, "Kertas printer habis (127.0.0.1:9100); struk belum dicetak"))
    assert widget.findChild(QLabel, "printQueueLabel").text() == "3 struk menunggu"
    assert widget.findChild(QPushButton, "printQueueButton").isVisible()
    assert "Kertas printer habis" in widget.findChild(QLabel, "printerStateLabel").toolTip()
    set_language("en")
    widget.show_run(QueueRun((), 2, OFFLINE))
    assert widget.findChild(QLabel, "printerStateLabel").text() == "Printer: offline"
    assert widget.findChild(QLabel, "printQueueLabel").text() == "2 receipts waiting"
    widget.show_run(QueueRun((), 0, UNKNOWN))
    assert widget.findChild(QLabel, "printerStateLabel").text() == "Printer: unknown"
    assert not widget.findChild(QPushButton, "printQueueButton").isVisible()


def test_the_button_prints_the_queue(qtbot, sqlite_engine):
    context = AppContext(engine=sqlite_engine, settings=Settings(), settings_path=Path("unused.toml"))
    runner = PrintQueueRunner(context)
    asked: list[bool] = []
    widget = PrinterStatusWidget(runner, on_retry=lambda: asked.append(True))
    qtbot.addWidget(widget)
    widget.show_run(QueueRun((), 1, OFFLINE))
    widget.findChild(QPushButton, "printQueueButton").click()
    assert asked == [True]


def test_the_status_bar_renders(qtbot, sqlite_engine, tmp_path):
    window = QMainWindow()
    qtbot.addWidget(window)
    widget, _runner = _widget(qtbot, sqlite_engine, "tcp://127.0.0.1:9100")
    window.statusBar().addPermanentWidget(widget)
    window.statusBar().addPermanentWidget(QLabel("Terminal T01 | Printer: tcp://127.0.0.1:9100 (58 mm)"))
    window.resize(1024, 120)
    window.show()
    widget.show_run(QueueRun((), 2, PAPER_OUT))
    path = tmp_path / "status.png"
    assert window.statusBar().grab().save(str(path))
    assert path.stat().st_size > 500
    assert widget.findChild(QLabel, "printerStateLabel").isVisible()
