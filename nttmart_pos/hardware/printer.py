"""Receipt printers: paper profiles, and sending bytes with a time limit.

A printer is configured as a URL (read by ``printer_url``).  A receipt is
rendered once into python-escpos' ``Dummy`` and the raw bytes are sent, so
every failure surfaces as a ``PrinterError`` within about the timeout.
python-escpos is imported only when it is needed (see ``import_escpos``).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import socket
import threading
import time
from dataclasses import dataclass

from nttmart_pos.domain.receipt import ReceiptData
from nttmart_pos.errors import ConfigError, PrinterError
from nttmart_pos.hardware.escpos_render import import_escpos, render_receipt
from nttmart_pos.hardware.printer_url import (  # noqa: F401  (parse_printer_url re-exported: one printer API)
    PrinterTarget,
    parse_printer_url,
)
from nttmart_pos.i18n import _, get_language


@dataclass(frozen=True)
class PaperProfile:
    """A paper width with the python-escpos profile and abilities of its printers."""

    width_mm: int
    profile_name: str
    columns: int
    has_cutter: bool
    hardware_barcode: bool


PAPER_PROFILES = {
    58: PaperProfile(58, "POS-5890", 32, has_cutter=False, hardware_barcode=False),
    80: PaperProfile(80, "TM-T20II", 48, has_cutter=True, hardware_barcode=True),
}

def profile_for(width_mm: int) -> PaperProfile:
    """The ``PaperProfile`` for 58 or 80 mm paper; ``ConfigError`` for any other width."""
    try:
        return PAPER_PROFILES[int(width_mm)]
    except (KeyError, TypeError, ValueError):
        raise ConfigError(_("Lebar kertas tidak didukung: {width} mm (pilih 58 atau 80)", width=width_mm)) from None


def receipt_bytes(data: ReceiptData, width_mm: int) -> bytes:
    """The complete ESC/POS byte stream of the receipt for 58 or 80 mm paper."""
    profile = profile_for(width_mm)
    import_escpos()
    from escpos.exceptions import Error as EscposError
    from escpos.printer import Dummy

    printer = Dummy(profile=profile.profile_name)
    try:
        render_receipt(printer, data, profile.columns, profile.hardware_barcode)
    except EscposError as exc:
        raise PrinterError(_("Struk tidak dapat disusun untuk printer: {reason}", reason=exc)) from exc
    return printer.output


DRAWER_PULSE = b"\x1bp\x00\x19\xfa"
INIT = b"\x1b@"


def open_drawer_bytes() -> bytes:
    """ESC p: a 50 ms pulse on drawer pin 2 (connector pin 2), then 500 ms off."""
    return DRAWER_PULSE


def with_drawer_pulse(payload: bytes) -> bytes:
    """``payload`` with the drawer pulse right after its ESC @: the drawer opens as the receipt starts
    printing, in the same byte stream (so before the cut), and only if the printer takes the receipt."""
    if payload.startswith(INIT):
        return INIT + DRAWER_PULSE + payload[len(INIT):]
    return DRAWER_PULSE + payload


def _seconds(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if get_language() == "id" else text


def _timeout_error(seconds: float, address: str) -> PrinterError:
    return PrinterError(_("Printer tidak merespons dalam {seconds} detik ({address})",
                          seconds=_seconds(seconds), address=address))


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _resolve(host: str, port: int, deadline: float, timeout: float, address: str) -> str:
    """``host`` as an IP address; name lookups run in a thread so they cannot hang us."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    found: list = []

    def lookup() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][4][0])
        except OSError as exc:
            found.append(exc)

    worker = threading.Thread(target=lookup, name="printer-dns", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if not found:
        raise _timeout_error(timeout, address)
    if isinstance(found[0], OSError):
        raise PrinterError(_("Nama printer tidak ditemukan di jaringan: {host}", host=host))
    return found[0]


def _wait_acknowledged(sock: socket.socket, deadline: float) -> None:
    """Wait until the printer's TCP stack acknowledged every byte (Linux; elsewhere no-op).

    Without this a small receipt "succeeds" as soon as it sits in our kernel
    buffer, even if the printer never takes it.
    """
    try:
        import fcntl
        import struct
        import termios

        request = termios.TIOCOUTQ  # == SIOCOUTQ: bytes sent but not yet acknowledged
    except (ImportError, AttributeError):
        return
    while True:
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise OSError(error, os.strerror(error))
        try:
            pending = struct.unpack("i", fcntl.ioctl(sock.fileno(), request, b"\0\0\0\0"))[0]
        except OSError:
            return  # not supported for this socket: nothing more we can know
        if pending == 0:
            return
        if time.monotonic() >= deadline:
            raise TimeoutError
        time.sleep(0.005)


def _send_tcp(target: PrinterTarget, payload: bytes, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    address = target.address

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        return remaining

    try:
        host = _resolve(target.host, target.port, deadline, timeout, address)
        sock = socket.create_connection((host, target.port), timeout=left())
    except ConnectionRefusedError:
        raise PrinterError(_("Printer tidak terjangkau ({address}): koneksi ditolak", address=address)) from None
    except TimeoutError:
        raise _timeout_error(timeout, address) from None
    except OSError as exc:
        raise PrinterError(_("Printer tidak terjangkau ({address}): {reason}",
                             address=address, reason=_reason(exc))) from exc
    with sock:
        try:
            sock.settimeout(left())
            sock.sendall(payload)  # the timeout bounds the whole call (Python >= 3.5)
            sock.shutdown(socket.SHUT_WR)
            _wait_acknowledged(sock, deadline)
        except TimeoutError:
            # Drop what is still queued (RST) so a printer waking up later does
            # not print half a receipt before the reprint.
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            raise _timeout_error(timeout, address) from None
        except OSError as exc:
            if isinstance(exc, ConnectionError) or exc.errno in (errno.ECONNRESET, errno.EPIPE, errno.ENOTCONN):
                raise PrinterError(_("Koneksi ke printer terputus di tengah pencetakan ({address})",
                                     address=address)) from None
            raise PrinterError(_("Gagal mengirim ke printer {address}: {reason}",
                                 address=address, reason=_reason(exc))) from exc


def _with_deadline(work, seconds: float, shown_timeout: float, address: str) -> None:
    """Run ``work()`` in a thread; give up (PrinterError) if it is not done in ``seconds``.

    Drivers can block without a limit (a serial port held by flow control, a
    device file whose printer is out of paper); the caller must not.
    """
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            work()
            outcome.append(None)
        except BaseException as exc:  # handed over to the caller below
            outcome.append(exc)

    worker = threading.Thread(target=run, name="printer-send", daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        raise _timeout_error(shown_timeout, address)
    if outcome[0] is not None:
        raise outcome[0]


def _send_file(target: PrinterTarget, payload: bytes) -> None:
    try:
        with open(target.path, "ab") as handle:
            handle.write(payload)
            handle.flush()
            try:
                os.fsync(handle.fileno())
            except OSError as exc:
                if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # e.g. /dev/usb/lp0
                    raise
    except OSError as exc:
        raise PrinterError(_("Tidak dapat menulis ke berkas printer {path}: {reason}",
                             path=target.path, reason=_reason(exc))) from exc


def _send_device(target: PrinterTarget, payload: bytes, timeout: float, write_timeout: float) -> None:
    """Open a python-escpos ``Usb``/``Serial`` printer, write ``payload``, close it."""
    import_escpos()
    from escpos.exceptions import DeviceNotFoundError
    from escpos.exceptions import Error as EscposError
    from escpos.printer import Serial, Usb

    address = target.address
    if target.kind == "usb":
        if not Usb.is_usable():
            raise PrinterError(_("Dukungan printer USB belum terpasang (paket pyusb)"))
        # python-escpos hands the timeout to pyusb, which counts milliseconds.
        printer = Usb(target.vendor_id, target.product_id, timeout=max(1, int(timeout * 1000)),
                      in_ep=target.in_ep, out_ep=target.out_ep)
    else:
        if not Serial.is_usable():
            raise PrinterError(_("Dukungan printer serial belum terpasang (paket pyserial)"))
        printer = Serial(devfile=target.device, baudrate=target.baudrate, timeout=timeout)
    try:
        printer.open()
        if target.kind == "serial":
            printer.device.write_timeout = write_timeout  # python-escpos sets only the read timeout
        printer._raw(payload)
        printer.close()  # a serial port flushes here: waits until the bytes left
    except DeviceNotFoundError as exc:
        if target.kind == "usb":
            raise PrinterError(_("Printer USB {address} tidak ditemukan atau kabelnya tidak terpasang",
                                 address=address)) from None
        raise PrinterError(_("Printer serial {address} tidak dapat dibuka: {reason}",
                             address=address, reason=_reason(exc))) from None
    except (EscposError, OSError, ValueError, RuntimeError, AssertionError) as exc:
        if (isinstance(exc, TimeoutError) or getattr(exc, "errno", None) == errno.ETIMEDOUT
                or "Timeout" in type(exc).__name__):  # pyusb USBTimeoutError, SerialTimeoutException
            raise _timeout_error(write_timeout, address) from None
        raise PrinterError(_("Gagal mengirim ke printer {address}: {reason}",
                             address=address, reason=_reason(exc))) from exc
    finally:
        try:
            printer.close()
        except Exception:  # noqa: BLE001 - a failed device must not hide the real error
            pass


def send_bytes(target: PrinterTarget, payload: bytes, timeout: float = 5.0) -> None:
    """Deliver ``payload`` to ``target``; ``PrinterError`` on any failure, after about ``timeout`` at most.

    A serial line gets extra time for the bytes themselves (a raster barcode
    takes seconds at 9600 baud).
    """
    kind = target.kind
    if kind == "none":
        return
    if kind == "tcp":
        _send_tcp(target, payload, timeout)
    elif kind == "file":
        _with_deadline(lambda: _send_file(target, payload), timeout, timeout, target.path)
    elif kind in ("usb", "serial"):
        allowed = timeout
        if kind == "serial":
            allowed += len(payload) * 10 / max(1, target.baudrate)  # 8N1: 10 bits per byte
        _with_deadline(lambda: _send_device(target, payload, timeout, allowed), allowed + 1.0,
                       allowed, target.address)
    else:
        raise ConfigError(_("Jenis printer tidak dikenal: {url}. Gunakan tcp://, usb://, serial://, file:// atau none",
                            url=kind))


def print_receipt(url: str, width_mm: int, data: ReceiptData, timeout: float = 5.0) -> None:
    """Print the customer receipt ``data`` on the printer at ``url`` with ``width_mm`` paper."""
    target = parse_printer_url(url)
    if target.kind == "none":
        return
    send_bytes(target, receipt_bytes(data, width_mm), timeout)
