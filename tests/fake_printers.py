"""Fake network printers: real TCP listeners on 127.0.0.1 that behave like good and bad printers.

``FakePrinter(behaviour, status=...)``:

* ``"read"``: reads everything until the till closes, like a working printer;
* ``"stall"``: accepts the connection and never reads (a jammed printer: its
  small buffer fills up);
* ``"close"``: reads ``read_first`` bytes, then hangs up (power cut mid-receipt);
* ``"slow"``: reads 64 bytes every 0.1 s (a printer far slower than the till's timeout).

``status``: the two bytes it answers to ``DLE EOT 1`` and ``DLE EOT 4`` (as
soon as it reads them, after ``answer_delay`` seconds); None: it never
answers, like printers without status support.  ``receipts()`` counts the
receipts it received (each starts with ESC @).

``hold=True`` (with ``"read"``): a printer busy with a receipt -- once a
receipt starts arriving it stops reading (and answering) until
``release()``; ``holding`` is set while it waits, so a test knows the till's
print pass is in the middle of that receipt.
"""

from __future__ import annotations

import socket
import threading
import time

ONLINE_STATUS = b"\x12\x12"  # DLE EOT 1: online; DLE EOT 4: paper present
PAPER_OUT_STATUS = b"\x1a\x72"  # offline (bit 3), paper end (bits 5-6)
OFFLINE_STATUS = b"\x1a\x12"  # offline (cover open), paper present
SMALL_BUFFER = 1024  # the kernel makes it ~2 KB: a 58 mm receipt (~4 KB) does not fit


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FakePrinter:
    def __init__(self, behaviour: str = "read", *, status: bytes | None = None, read_first: int = 0,
                 answer_delay: float = 0.0, hold: bool = False) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if behaviour != "read":
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.port = self.server.getsockname()[1]
        self.url = f"tcp://127.0.0.1:{self.port}"
        self.behaviour, self.status, self.read_first, self.answer_delay = behaviour, status, read_first, answer_delay
        self.received = bytearray()
        self.connections = 0
        self.hold = hold
        self.holding = threading.Event()  # a receipt came in, and the printer is not reading it yet
        self.released = threading.Event()
        self.stop = threading.Event()
        self._open: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _addr = self.server.accept()
            except OSError:
                return
            self.connections += 1
            self._open.append(conn)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket, data: bytes, carry: bytes) -> bytes:
        """Answer every DLE EOT n in ``carry + data``; returns the tail that may hold a split command."""
        if self.status is None:
            return b""
        text = carry + data
        start = 0
        while (at := text.find(b"\x10\x04", start)) != -1 and at + 2 < len(text):
            which = text[at + 2]
            reply = self.status[0:1] if which == 1 else self.status[1:2] if which == 4 else b""
            if reply:
                if self.answer_delay:
                    time.sleep(self.answer_delay)
                try:
                    conn.sendall(reply)
                except OSError:
                    return b""
            start = at + 3
        return text[-2:] if text.endswith((b"\x10", b"\x10\x04")) else b""

    def _handle(self, conn: socket.socket) -> None:
        carry = b""
        try:
            if self.behaviour == "stall":
                self.stop.wait(30)
                return
            while not self.stop.is_set():
                if self.behaviour == "close" and len(self.received) >= self.read_first:
                    return
                size = 64 if self.behaviour == "slow" else 65536
                if self.behaviour == "close":
                    size = min(size, self.read_first - len(self.received))
                chunk = conn.recv(size)
                if not chunk:
                    return
                self.received += chunk
                if self.hold and b"\x1b@" in self.received and not self.released.is_set():
                    self.holding.set()
                    while not (self.released.wait(0.05) or self.stop.is_set()):
                        pass
                carry = self._answer(conn, chunk, carry)
                if self.behaviour == "slow":
                    time.sleep(0.1)
        except OSError:
            pass
        finally:
            conn.close()

    def release(self) -> None:
        """A held receipt: read it (and answer the status request behind it) now."""
        self.released.set()

    def receipts(self) -> int:
        return bytes(self.received).count(b"\x1b@")

    def close(self) -> None:
        self.stop.set()
        self.released.set()
        self.server.close()
        for conn in self._open:
            try:
                conn.close()
            except OSError:
                pass
