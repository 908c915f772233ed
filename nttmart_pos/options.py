"""Command-line options shared by the CLI and ``app.build``: one parser, one meaning.

Global options go before the subcommand (``nttmart-pos --db URL demo``); each
falls back to its environment variable so that it works for every subcommand.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from nttmart_pos.config import Settings, config_path, load_settings
from nttmart_pos.db.engine import resolve_db_url
from nttmart_pos.i18n import _

JOURNAL_KEY_FILE = "journal.key"  # beside the settings file unless --journal-key or $NTTMART_JOURNAL_KEY


@dataclass(frozen=True)
class Options:
    db_url: str
    config_path: Path
    printer: str | None  # overrides the printer in the settings
    terminal: str | None  # overrides the terminal id in the settings
    screenshot: Path | None
    journal_key_path: Path  # the journal key file (see services.journal_key)

    def settings(self) -> Settings:
        """The stored settings with the command-line overrides applied."""
        settings = load_settings(self.config_path)
        changes = {}
        if self.printer:
            changes["printer_url"] = self.printer
        if self.terminal:
            changes["terminal_id"] = self.terminal
        if changes:
            from dataclasses import replace

            settings = replace(settings, **changes).validated()
        return settings


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help=_("alamat database SQLAlchemy (bawaan: $NTTMART_DB_URL)"))
    parser.add_argument("--config", metavar="PATH", help=_("berkas pengaturan (bawaan: $NTTMART_CONFIG)"))
    parser.add_argument("--printer", metavar="URL",
                        help=_("printer struk: tcp://HOST:PORT, usb://VID:PID, serial:///dev/ttyUSB0, "
                               "file:///path atau none (bawaan: $NTTMART_PRINTER)"))
    parser.add_argument("--terminal", metavar="ID", help=_("ID terminal, mis. T01"))
    parser.add_argument("--screenshot", metavar="PATH", help=_("render layar utama ke PNG lalu keluar"))
    parser.add_argument("--journal-key", metavar="PATH",
                        help=_("berkas kunci jurnal (bawaan: $NTTMART_JOURNAL_KEY, atau journal.key di folder "
                               "berkas pengaturan)"))


def options_from(namespace: argparse.Namespace) -> Options:
    settings_path = config_path(namespace.config)
    key = namespace.journal_key or os.environ.get("NTTMART_JOURNAL_KEY")
    return Options(
        db_url=resolve_db_url(namespace.db),
        config_path=settings_path,
        printer=namespace.printer or os.environ.get("NTTMART_PRINTER") or None,
        terminal=namespace.terminal,
        screenshot=Path(namespace.screenshot) if namespace.screenshot else None,
        journal_key_path=Path(key).expanduser() if key else settings_path.with_name(JOURNAL_KEY_FILE),
    )


def parse_gui_args(argv: list[str]) -> Options:
    """The options of a plain GUI start (what ``app.build`` takes)."""
    parser = argparse.ArgumentParser(prog="nttmart-pos")
    add_global_options(parser)
    return options_from(parser.parse_args(argv))
