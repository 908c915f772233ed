"""A tiny TCP proxy for tests: a network between the till and its PostgreSQL server that can be cut.

    proxy = TcpProxy(("127.0.0.1", 5432)).start()
    url = ...port=proxy.port...
    proxy.cut()       # every connection closed, new ones refused: the server is gone
    proxy.hang()      # new connections accepted but never answered: a server that does not reply
    proxy.mute()      # what the server says back is dropped from now on (its reply to a COMMIT lost)
    proxy.restore()   # forwarding again, on the same port
    proxy.stop()

One thread accepts; each connection gets one thread per direction.
"""

from __future__ import annotations

import socket
import threading


class TcpProxy:
    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._held: list[socket.socket] = []
        self._mode = "forward"  # or "hang"
        self._muted = False
        self._acceptor: threading.Thread | None = None

    # -- control ------------------------------------------------------------
    def start(self) -> "TcpProxy":
        self._listen()
        return self

    def cut(self) -> None:
        """Stop accepting (connections are refused) and close every open connection."""
        self._close_listener()
        self._close_connections()

    def hang(self) -> None:
        """Close the open connections; accept new ones but never forward a byte (a server that went silent)."""
        self._close_connections()
        self._mode = "hang"
        if self._listener is None:
            self._listen()

    def mute(self) -> None:
        """Keep forwarding to the server, but drop everything it sends back."""
        self._muted = True

    def restore(self) -> None:
        self._close_connections()
        self._mode = "forward"
        self._muted = False
        if self._listener is None:
            self._listen()

    def stop(self) -> None:
        self.cut()

    # -- plumbing -------------------------------------------------------------
    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._acceptor = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._acceptor.start()

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() blocked in the thread
            except OSError:
                pass
            listener.close()
        if self._acceptor is not None:
            self._acceptor.join(5)
            self._acceptor = None

    def _close_connections(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, set()
            held, self._held = self._held, []
        for sock in (*sockets, *held):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            if self._mode == "hang":
                with self._lock:
                    self._held.append(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, server))
            for source, sink, reply in ((client, server, False), (server, client, True)):
                threading.Thread(target=self._pipe, args=(source, sink, reply), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, reply: bool) -> None:
        try:
            while data := source.recv(65536):
                if not (reply and self._muted):
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            with self._lock:
                self._sockets.discard(source)
                self._sockets.discard(sink)
