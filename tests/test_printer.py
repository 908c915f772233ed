"""Receipt bytes, printer URLs, and sending to real TCP listeners and files."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from nttmart_pos.domain.receipt import ReceiptData, ReceiptLine, ReceiptPayment
from nttmart_pos.errors import ConfigError, PrinterError
from nttmart_pos.hardware.printer import (
    PrinterTarget,
    open_drawer_bytes,
    parse_printer_url,
    print_receipt,
    profile_for,
    receipt_bytes,
    send_bytes,
)
from nttmart_pos.hardware.receipt_layout import layout_receipt
from nttmart_pos.i18n import set_language


def make_receipt(**changes) -> ReceiptData:
    data = ReceiptData(
        store_name="NTT Mart", store_address="Jl. El Tari No. 12, Oebobo, Kota Kupang", store_phone="0380-821234",
        receipt_no="T01-000123", created_at=datetime(2026, 11, 28, 14, 5), cashier="Maria",
        lines=(ReceiptLine("Kopi Bubuk Manggarai Arabika 250 gram", 3, 12_500, 37_500),
               ReceiptLine("Café Sei Sapi", 1, 85_000, 85_000, discount=5_000)),
        subtotal=122_500, discount=5_000, total=117_500,
        payments=(ReceiptPayment("cash", 120_000),), change=2_500, terminal="T01",
    )
    return dataclasses.replace(data, **changes)


# ---------------------------------------------------------------- bytes


@pytest.mark.parametrize("width", [58, 80])
def test_receipt_bytes_hold_the_text_and_start_with_init(width, capsys):
    data = make_receipt()
    payload = receipt_bytes(data, width)
    assert payload.startswith(b"\x1b@")
    assert b"T01-000123" in payload
    for line in layout_receipt(data, profile_for(width).columns):
        assert line.encode("ascii") in payload
    assert capsys.readouterr().out == ""  # python-escpos' barcode chatter is swallowed


def test_80mm_cuts_and_uses_the_printers_code128():
    payload = receipt_bytes(make_receipt(), 80)
    assert b"\x1dV" in payload
    assert b"\x1dkI\x0c{BT01-000123" in payload  # GS k 73, length 12, code set B
    assert b"\x1dv0" not in payload
    assert payload.index(b"\x1dk") < payload.index(b"\x1dV")


def test_58mm_feeds_without_cutting_and_sends_the_barcode_as_a_raster_image():
    payload = receipt_bytes(make_receipt(), 58)
    assert b"\x1dV" not in payload
    assert b"\x1dk" not in payload
    assert b"\x1dv0" in payload
    assert payload.endswith(b"\n" * 4)
    assert _decode_raster(payload) == "T01-000123"


def test_a_number_too_long_for_the_printers_code128_becomes_an_image_on_80mm():
    payload = receipt_bytes(make_receipt(receipt_no="KASIRDEPAN-0000000001234"), 80)
    assert b"\x1dk" not in payload
    assert _decode_raster(payload) == "KASIRDEPAN-0000000001234"


def _decode_raster(payload: bytes) -> str:
    """Read the first GS v 0 image of ``payload`` back and decode its barcode."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image, ImageOps

    start = payload.index(b"\x1dv0") + 4
    width_bytes = int.from_bytes(payload[start:start + 2], "little")
    height = int.from_bytes(payload[start + 2:start + 4], "little")
    raster = payload[start + 4:start + 4 + width_bytes * height]
    assert width_bytes * 8 <= 576
    image = Image.frombytes("1", (width_bytes * 8, height), raster)  # 1 bits are black dots
    image = ImageOps.expand(ImageOps.invert(image.convert("L")), border=40, fill=255)
    results = zxingcpp.read_barcodes(image)
    assert results, "no barcode found in the raster image"
    return results[0].text


def test_open_drawer_is_an_esc_p_pulse_on_pin_2():
    assert open_drawer_bytes().startswith(b"\x1bp\x00")
    assert len(open_drawer_bytes()) == 5


def test_paper_profiles():
    assert (profile_for(58).columns, profile_for(58).has_cutter, profile_for(58).hardware_barcode) == (32, False, False)
    assert (profile_for(80).columns, profile_for(80).has_cutter, profile_for(80).profile_name) == (48, True, "TM-T20II")
    with pytest.raises(ConfigError, match="Lebar kertas"):
        profile_for(76)


def test_importing_the_printer_module_leaves_escpos_and_logging_alone():
    code = (
        "import logging, sys\n"
        "import nttmart_pos.hardware.printer as p\n"
        "assert 'escpos' not in sys.modules, 'escpos imported at start'\n"
        "from datetime import datetime\n"
        "from nttmart_pos.domain.receipt import ReceiptData\n"
        "data = ReceiptData('NTT Mart', '', '', 'T01-000001', datetime(2026, 1, 2), 'Ani', (), 0, 0, 0, (), 0)\n"
        "p.receipt_bytes(data, 58)\n"
        "assert 'escpos' in sys.modules\n"
        "assert logging.getLogger().handlers == [], logging.getLogger().handlers\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


# ---------------------------------------------------------------- URLs


@pytest.mark.parametrize("url, expected", [
    ("tcp://192.168.1.50:9100", PrinterTarget("tcp", host="192.168.1.50", port=9100)),
    ("tcp://192.168.1.50", PrinterTarget("tcp", host="192.168.1.50", port=9100)),
    ("TCP://Printer.local:9101/", PrinterTarget("tcp", host="printer.local", port=9101)),
    ("tcp://[fe80::1]:9100", PrinterTarget("tcp", host="fe80::1", port=9100)),
    ("usb://0416:5011", PrinterTarget("usb", vendor_id=0x0416, product_id=0x5011)),
    ("usb://0x04b8:0x0e15?out_ep=0x03&in_ep=0x81",
     PrinterTarget("usb", vendor_id=0x04B8, product_id=0x0E15, out_ep=3, in_ep=0x81)),
    ("serial:///dev/ttyUSB0", PrinterTarget("serial", device="/dev/ttyUSB0", baudrate=9600)),
    ("serial://COM3?baudrate=19200", PrinterTarget("serial", device="COM3", baudrate=19200)),
    ("file:///tmp/struk%20kasir.bin", PrinterTarget("file", path="/tmp/struk kasir.bin")),
    ("file:///C:/struk.bin", PrinterTarget("file", path="C:/struk.bin")),
    ("none", PrinterTarget("none")),
    (" none:// ", PrinterTarget("none")),
])
def test_printer_urls(url, expected):
    assert parse_printer_url(url) == expected


@pytest.mark.parametrize("url, words", [
    ("", "kosong"),
    ("192.168.1.50:9100", "tidak dikenal"),
    ("lpt://1", "tidak dikenal"),
    ("tcp://", "host"),
    ("tcp://:9100", "host"),
    ("tcp://192.168.1.50:abc", "Port"),
    ("tcp://192.168.1.50:70000", "Port"),
    ("tcp://192.168.1.50:0", "Port"),
    ("usb://", "usb://VID:PID"),
    ("usb://0416", "usb://VID:PID"),
    ("usb://xyz:5011", "usb://VID:PID"),
    ("usb://0416:5011?out_ep=zz", "Endpoint"),
    ("serial://", "perangkat"),
    ("serial:///dev/ttyUSB0?baudrate=fast", "Baudrate"),
    ("file://", "path"),
])
def test_bad_urls_are_config_errors(url, words):
    with pytest.raises(ConfigError, match=words):
        parse_printer_url(url)


def test_url_errors_follow_the_user_language():
    set_language("en")
    with pytest.raises(ConfigError, match="Unknown printer type"):
        parse_printer_url("lpt://1")


# ---------------------------------------------------------------- TCP


class Listener:
    """A TCP server on 127.0.0.1 that accepts one connection and does ``behaviour`` with it."""

    def __init__(self, behaviour: str, read_first: int = 0):
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)  # small: fills quickly
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.behaviour, self.read_first = behaviour, read_first
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        conn, _addr = self.server.accept()
        with conn:
            if self.behaviour == "read":
                while chunk := conn.recv(65536):
                    self.received += chunk
            elif self.behaviour == "stall":
                self.release.wait(10)
            elif self.behaviour == "close":
                while len(self.received) < self.read_first:
                    self.received += conn.recv(65536)

    @property
    def target(self) -> PrinterTarget:
        return PrinterTarget("tcp", host="127.0.0.1", port=self.port)

    def close(self) -> None:
        self.release.set()
        self.thread.join(5)
        self.server.close()


@pytest.fixture
def listener():
    made = []

    def make(behaviour: str, read_first: int = 0) -> Listener:
        made.append(Listener(behaviour, read_first))
        return made[-1]

    yield make
    for item in made:
        item.close()


def test_a_listening_printer_receives_exactly_the_bytes(listener):
    printer = listener("read")
    payload = receipt_bytes(make_receipt(), 58) + bytes(range(256)) * 4000
    send_bytes(printer.target, payload, timeout=5.0)
    printer.thread.join(5)
    assert bytes(printer.received) == payload


def test_print_receipt_end_to_end_by_host_name(listener):
    printer = listener("read")
    print_receipt(f"tcp://localhost:{printer.port}", 80, make_receipt(), timeout=5.0)
    printer.thread.join(5)
    assert bytes(printer.received) == receipt_bytes(make_receipt(), 80)


def test_nothing_listening_fails_fast_with_a_clear_message():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    started = time.monotonic()
    with pytest.raises(PrinterError, match=rf"Printer tidak terjangkau \(127.0.0.1:{port}\): koneksi ditolak"):
        send_bytes(PrinterTarget("tcp", host="127.0.0.1", port=port), b"\x1b@hello", timeout=5.0)
    assert time.monotonic() - started < 2.0


def test_a_printer_that_never_reads_times_out(listener):
    printer = listener("stall")
    started = time.monotonic()
    with pytest.raises(PrinterError, match="tidak merespons dalam 1 detik"):
        send_bytes(printer.target, b"\x00" * (8 * 1024 * 1024), timeout=1.0)
    assert time.monotonic() - started < 2.0


def test_a_printer_that_hangs_up_mid_receipt_is_an_error(listener):
    printer = listener("close", read_first=100_000)
    started = time.monotonic()
    with pytest.raises(PrinterError, match="terputus"):
        send_bytes(printer.target, b"\x00" * (8 * 1024 * 1024), timeout=5.0)
    assert time.monotonic() - started < 3.0


def test_timeout_message_in_english():
    set_language("en")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PrinterError, match="connection refused"):
        send_bytes(PrinterTarget("tcp", host="127.0.0.1", port=port), b"x", timeout=1.0)


# ---------------------------------------------------------------- other transports


def test_file_printer_appends(tmp_path):
    path = tmp_path / "struk.bin"
    path.write_bytes(b"old")
    target = parse_printer_url(f"file://{path}")
    send_bytes(target, b"one")
    print_receipt(f"file://{path}", 58, make_receipt())
    assert path.read_bytes() == b"oldone" + receipt_bytes(make_receipt(), 58)


def test_file_printer_in_a_missing_folder_is_a_printer_error(tmp_path):
    with pytest.raises(PrinterError, match="berkas printer"):
        send_bytes(parse_printer_url(f"file://{tmp_path}/tidak/ada.bin"), b"x")


def test_none_prints_nothing():
    send_bytes(PrinterTarget("none"), b"whatever")
    print_receipt("none", 58, make_receipt())


@pytest.mark.parametrize("url, package", [("usb://0416:5011", "pyusb"), ("serial:///dev/ttyNTT0", "pyserial")])
def test_usb_and_serial_fail_as_printer_errors(url, package):
    started = time.monotonic()
    with pytest.raises(PrinterError) as caught:
        send_bytes(parse_printer_url(url), b"\x1b@", timeout=1.0)
    assert time.monotonic() - started < 3.0
    message = str(caught.value)
    assert package in message or "0416:5011" in message or "/dev/ttyNTT0" in message


def test_importing_escpos_leaves_no_stray_temporary_folder(tmp_path):
    import subprocess
    import sys

    script = "from nttmart_pos.hardware.escpos_render import import_escpos; import_escpos()"
    env = {"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    assert [p for p in tmp_path.iterdir() if p.name.startswith("tmp")] == []
