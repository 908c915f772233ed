"""Printer addresses: reading the URL a store types into a ``PrinterTarget``.

``tcp://192.168.1.50:9100``, ``usb://0416:5011`` (optionally
``?out_ep=0x03&in_ep=0x81``), ``serial:///dev/ttyUSB0?baudrate=19200`` or
``serial://COM3``, ``file:///dev/usb/lp0`` (bytes are appended) or ``none``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from nttmart_pos.errors import ConfigError
from nttmart_pos.i18n import _

DEFAULT_TCP_PORT = 9100
DEFAULT_BAUDRATE = 9600


@dataclass(frozen=True)
class PrinterTarget:
    """Where receipt bytes go; which fields matter depends on ``kind``."""

    kind: str
    host: str = ""
    port: int = DEFAULT_TCP_PORT
    vendor_id: int = 0
    product_id: int = 0
    device: str = ""
    baudrate: int = DEFAULT_BAUDRATE
    path: str = ""
    out_ep: int = 0x01  # python-escpos' defaults; many 0416:5011 clones need 0x03/0x81
    in_ep: int = 0x82

    @property
    def address(self) -> str:
        """A short human-readable address for messages."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return {"tcp": f"{host}:{self.port}", "usb": f"{self.vendor_id:04x}:{self.product_id:04x}",
                "serial": self.device, "file": self.path}.get(self.kind, "none")


_USB_ID = re.compile(r"(?:0x)?([0-9a-f]{1,4}):(?:0x)?([0-9a-f]{1,4})", re.IGNORECASE)
_WINDOWS_DRIVE = re.compile(r"^/[A-Za-z]:[/\\]")


def _split_query(rest: str) -> tuple[str, dict[str, str]]:
    body, _sep, query = rest.partition("?")
    return body, {key.lower(): values[-1] for key, values in parse_qs(query).items()}


def _parse_tcp(url: str) -> PrinterTarget:
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise ConfigError(_("Port printer tidak valid (1-65535): {url}", url=url)) from None
    if not host:
        raise ConfigError(_("Alamat printer jaringan harus berisi host, misalnya tcp://192.168.1.50:9100: {url}", url=url))
    if port == 0:
        raise ConfigError(_("Port printer tidak valid (1-65535): {url}", url=url))
    return PrinterTarget("tcp", host=host, port=port or DEFAULT_TCP_PORT)


def _parse_usb(url: str, rest: str) -> PrinterTarget:
    body, query = _split_query(rest)
    match = _USB_ID.fullmatch(body.strip("/"))
    if not match:
        raise ConfigError(_("Printer USB harus ditulis sebagai usb://VID:PID dalam heksadesimal, "
                            "misalnya usb://0416:5011: {url}", url=url))
    try:
        out_ep, in_ep = (int(query.get(key, default), 0) for key, default in (("out_ep", "1"), ("in_ep", "0x82")))
        if not (0 <= out_ep <= 0xFF and 0 <= in_ep <= 0xFF):
            raise ValueError
    except ValueError:
        raise ConfigError(_("Endpoint USB tidak valid: {url}", url=url)) from None
    return PrinterTarget("usb", vendor_id=int(match[1], 16), product_id=int(match[2], 16),
                         out_ep=out_ep, in_ep=in_ep)


def _parse_serial(url: str, rest: str) -> PrinterTarget:
    device, query = _split_query(rest)
    if not device.strip("/ "):
        raise ConfigError(_("Printer serial harus berisi nama perangkat, misalnya serial:///dev/ttyUSB0 "
                            "atau serial://COM3: {url}", url=url))
    raw = query.get("baudrate", query.get("baud", str(DEFAULT_BAUDRATE)))
    if not raw.isdigit() or not 50 <= int(raw) <= 4_000_000:
        raise ConfigError(_("Baudrate printer serial tidak valid: {url}", url=url))
    return PrinterTarget("serial", device=unquote(device), baudrate=int(raw))


def _parse_file(url: str, rest: str) -> PrinterTarget:
    path = unquote(rest)
    if _WINDOWS_DRIVE.match(path):
        path = path[1:]  # file:///C:/struk.bin -> C:/struk.bin
    if not path.strip():
        raise ConfigError(_("Berkas printer harus berisi path, misalnya file:///tmp/struk.bin: {url}", url=url))
    return PrinterTarget("file", path=path)


def parse_printer_url(url: str) -> PrinterTarget:
    """Read a printer URL (see the module docstring); ``ConfigError`` if it is unusable."""
    text = (url or "").strip()
    if not text:
        raise ConfigError(_("Alamat printer kosong. Gunakan tcp://, usb://, serial://, file:// atau none"))
    scheme, sep, rest = text.partition("://")
    scheme = scheme.lower() if sep else ""
    if text.lower() in ("none", "none:") or (scheme == "none" and not rest.strip("/")):
        return PrinterTarget("none")
    if scheme == "tcp":
        return _parse_tcp(text)
    if scheme == "usb":
        return _parse_usb(text, rest)
    if scheme == "serial":
        return _parse_serial(text, rest)
    if scheme == "file":
        return _parse_file(text, rest)
    raise ConfigError(_("Jenis printer tidak dikenal: {url}. Gunakan tcp://, usb://, serial://, file:// atau none",
                        url=text))
