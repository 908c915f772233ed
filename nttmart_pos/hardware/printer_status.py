"""Asking a receipt printer how it is (DLE EOT), and handing it a receipt it accepts.

ESC/POS printers answer the real-time status requests ``DLE EOT 1`` (printer
status: bit 3 = offline) and ``DLE EOT 4`` (roll paper sensor: bits 5-6 =
paper end) with one byte each, at the moment they read them from the line,
even while printing.  ``probe_status`` asks both; ``deliver`` sends a receipt
so that the answer tells us the printer really took it:

1. connect, ask the status, wait ``STATUS_TIMEOUT_SECONDS`` for the answer;
2. a printer that answers ("talks") and reports offline or paper out gets
   nothing: the receipt stays in the queue, no paper wasted on half a receipt;
3. a talking printer that is ready gets the receipt followed by the same
   status request.  It answers that one only after it has read every byte
   before it, so its answer (online, paper present) is the proof it has the
   receipt: **accepted**.  No answer before the deadline: not accepted;
4. a printer that does not answer status requests at all (some clones, a
   print server, a device that is stuck) gets the receipt, then our side of
   the connection is closed (``SHUT_WR``).  **Accepted** when the printer's
   TCP stack acknowledged every byte before the deadline and then either
   closed the connection in order or stayed silent for ``CLOSE_WAIT_SECONDS``;
   a reset (the printer dropped what it had not read) is a failure.  A
   printer whose buffer cannot take the whole receipt never acknowledges it
   all and so fails with a time-out.

Every failure is a ``DeliveryError`` that says whether bytes of the receipt
may have reached the printer (``reached``): the print queue then prints the
next attempt as a copy, so a receipt is never silently printed twice as an
original.  Only network printers can be asked; USB, serial and file
printers report ``UNKNOWN`` (their bytes are sent as before).
"""

from __future__ import annotations

import contextlib
import errno
import socket
import time

from nttmart_pos.errors import ConfigError, PrinterError
from nttmart_pos.hardware.printer import (PrinterTarget, _reason, _resolve, _seconds, _timeout_error,
                                          _wait_acknowledged, send_bytes)
from nttmart_pos.i18n import _

ONLINE, OFFLINE, PAPER_OUT, UNKNOWN, NONE = "online", "offline", "paper_out", "unknown", "none"
STATES = (ONLINE, OFFLINE, PAPER_OUT, UNKNOWN, NONE)

STATUS_QUERY = b"\x10\x04\x01\x10\x04\x04"  # DLE EOT 1 (printer), DLE EOT 4 (roll paper sensor)
OFFLINE_BIT = 0x08  # DLE EOT 1, bit 3
PAPER_END_BITS = 0x60  # DLE EOT 4, bits 5 and 6
STATUS_TIMEOUT_SECONDS = 0.5  # a printer on the LAN answers within milliseconds
CLOSE_WAIT_SECONDS = 1.0


class DeliveryError(PrinterError):
    """The printer did not accept the receipt; ``reached``: some of its bytes may be on paper."""

    def __init__(self, message: str, *, reached: bool, state: str = UNKNOWN) -> None:
        super().__init__(message)
        self.reached = reached
        self.state = state


def is_status_byte(value: int) -> bool:
    """Status bytes have bits 1 and 4 set and bits 0 and 7 clear (``0xx1xx10``)."""
    return value & 0x93 == 0x12


def state_from(answer: bytes) -> str:
    """The printer's state from its answer to ``STATUS_QUERY`` (one or two bytes)."""
    if not answer or not all(is_status_byte(value) for value in answer):
        return UNKNOWN
    if len(answer) > 1 and answer[1] & PAPER_END_BITS:
        return PAPER_OUT
    return OFFLINE if answer[0] & OFFLINE_BIT else ONLINE


def _left(deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    return remaining


def _connect(target: PrinterTarget, deadline: float, timeout: float) -> socket.socket:
    address = target.address
    try:
        host = _resolve(target.host, target.port, deadline, timeout, address)
        return socket.create_connection((host, target.port), timeout=_left(deadline))
    except ConnectionRefusedError:
        message = _("Printer tidak terjangkau ({address}): koneksi ditolak", address=address)
    except TimeoutError:
        raise DeliveryError(str(_timeout_error(timeout, address)), reached=False, state=OFFLINE) from None
    except PrinterError as exc:
        raise DeliveryError(str(exc), reached=False, state=OFFLINE) from None
    except OSError as exc:
        message = _("Printer tidak terjangkau ({address}): {reason}", address=address, reason=_reason(exc))
    raise DeliveryError(message, reached=False, state=OFFLINE)


def _read_status(sock: socket.socket, count: int, until: float) -> bytes:
    """Up to ``count`` status bytes that arrive before ``until`` (fewer on silence, EOF or garbage)."""
    answer = b""
    while len(answer) < count:
        remaining = until - time.monotonic()
        if remaining <= 0:
            break
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(count - len(answer))
        except TimeoutError:
            break
        if not chunk:
            break
        answer += chunk
    return answer if all(is_status_byte(value) for value in answer) else b""


def _send_counted(sock: socket.socket, data: bytes, deadline: float, sent: list[int]) -> None:
    view = memoryview(data)
    while sent[0] < len(data):
        sock.settimeout(_left(deadline))
        sent[0] += sock.send(view[sent[0]:])


def _wait_closed(sock: socket.socket, until: float) -> None:
    """Read (and drop) what comes until the printer closes in order or ``until``; a reset raises."""
    while (remaining := until - time.monotonic()) > 0:
        sock.settimeout(remaining)
        try:
            if not sock.recv(4096):
                return
        except TimeoutError:
            return


def probe_status(target: PrinterTarget, timeout: float = 2.0) -> str:
    """Ask the printer at ``target`` how it is: ONLINE, OFFLINE, PAPER_OUT or UNKNOWN (NONE for "none").

    OFFLINE when it cannot be reached; UNKNOWN when it takes the connection
    but does not answer within ``STATUS_TIMEOUT_SECONDS``, and for printers
    that are not on the network.
    """
    if target.kind == "none":
        return NONE
    if target.kind != "tcp":
        return UNKNOWN
    deadline = time.monotonic() + timeout
    try:
        sock = _connect(target, deadline, timeout)
    except DeliveryError:
        return OFFLINE
    with sock:
        try:
            _send_counted(sock, STATUS_QUERY, deadline, [0])
            answer = _read_status(sock, 2, min(deadline, time.monotonic() + STATUS_TIMEOUT_SECONDS))
        except (TimeoutError, OSError):
            return UNKNOWN
    return state_from(answer)


def deliver(target: PrinterTarget, payload: bytes, timeout: float = 5.0) -> str:
    """Hand ``payload`` to the printer and return its state once it accepted it (see the module docstring).

    ``DeliveryError`` when it did not, within about ``timeout`` seconds.
    """
    if target.kind == "none":
        return NONE
    if target.kind == "tcp":
        return _deliver_tcp(target, payload, timeout)
    try:
        send_bytes(target, payload, timeout)
    except ConfigError:
        raise
    except PrinterError as exc:  # a device may have taken part of it: we cannot tell
        raise DeliveryError(str(exc), reached=True) from None
    return UNKNOWN


def _refused_state_message(state: str, address: str, printing: bool) -> str:
    if state == PAPER_OUT:
        return _("Kertas printer habis saat mencetak ({address})", address=address) if printing else \
            _("Kertas printer habis ({address}); struk belum dicetak", address=address)
    return _("Printer offline saat mencetak ({address}): penutup terbuka atau ada gangguan", address=address) \
        if printing else _("Printer offline ({address}): penutup terbuka atau ada gangguan; struk belum dicetak",
                           address=address)


def _deliver_tcp(target: PrinterTarget, payload: bytes, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    address = target.address
    sock = _connect(target, deadline, timeout)
    sent = [0]
    with sock:
        try:
            _send_counted(sock, STATUS_QUERY, deadline, [0])
            before = _read_status(sock, 2, min(deadline, time.monotonic() + STATUS_TIMEOUT_SECONDS))
            if before and state_from(before) != ONLINE:
                state = state_from(before)
                raise DeliveryError(_refused_state_message(state, address, False), reached=False, state=state)
            _send_counted(sock, payload + (STATUS_QUERY if before else b""), deadline, sent)
            if before:
                after = _read_status(sock, len(before), deadline)
                if len(after) < len(before):
                    raise DeliveryError(_("Printer tidak memastikan struk diterima dalam {seconds} detik ({address})",
                                          seconds=_seconds(timeout), address=address), reached=True)
                state = state_from(after)
                if state != ONLINE:
                    raise DeliveryError(_refused_state_message(state, address, True), reached=True, state=state)
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_WR)
                return ONLINE
            sock.shutdown(socket.SHUT_WR)
            _wait_acknowledged(sock, deadline)
            _wait_closed(sock, min(deadline, time.monotonic() + CLOSE_WAIT_SECONDS))
            return UNKNOWN
        except TimeoutError:
            # Drop what is still queued (RST) so a printer waking up later does
            # not print the rest of the receipt after the queue printed it again.
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            raise DeliveryError(str(_timeout_error(timeout, address)), reached=sent[0] > 0) from None
        except OSError as exc:
            if isinstance(exc, ConnectionError) or exc.errno in (errno.ECONNRESET, errno.EPIPE, errno.ENOTCONN):
                raise DeliveryError(_("Koneksi ke printer terputus di tengah pencetakan ({address})", address=address),
                                    reached=sent[0] > 0, state=OFFLINE) from None
            raise DeliveryError(_("Gagal mengirim ke printer {address}: {reason}", address=address,
                                  reason=_reason(exc)), reached=sent[0] > 0) from exc
