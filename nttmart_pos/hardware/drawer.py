"""The cash drawer, kicked open by the receipt printer it is plugged into (ESC p on drawer pin 2).

The bytes go through the printer's own connection code (``hardware.printer``),
so a drawer on a network, USB, serial or file printer behaves like a receipt:
a ``PrinterError`` within about the timeout when the printer does not take it.
"""

from __future__ import annotations

from nttmart_pos.errors import ConfigError, PrinterError
from nttmart_pos.hardware.printer import open_drawer_bytes, parse_printer_url, send_bytes
from nttmart_pos.i18n import _


def kick_drawer(printer_url: str, timeout: float = 5.0) -> None:
    """Send the drawer pulse to the printer at ``printer_url``; nothing for the printer "none"."""
    try:
        target = parse_printer_url(printer_url)
        if target.kind == "none":
            return
        send_bytes(target, open_drawer_bytes(), timeout)
    except (PrinterError, ConfigError) as exc:
        raise PrinterError(_("Laci kas tidak dapat dibuka: {reason}. Buka laci dengan kunci bila perlu.",
                             reason=exc)) from exc
