"""The GUI entry points: build(argv) honours the command-line options and installs the journal key;
--screenshot writes a PNG."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PIL import Image
from PySide6.QtWidgets import QLabel

from factories import seed_store
from nttmart_pos.app import build, start_error_box
from nttmart_pos.config import Settings, save_settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.errors import JournalError
from nttmart_pos.services import journal
from nttmart_pos.services.journal_key import load_key
from settlement_helpers import sell


def test_build_applies_options_over_settings(qtbot, sqlite_url, tmp_path):
    config = tmp_path / "settings.toml"
    save_settings(Settings(store_name="NTT Mart Kupang", terminal_id="T01", language="en"), config)
    window = build(["--db", sqlite_url, "--config", str(config), "--terminal", "T05",
                    "--printer", "file:///tmp/never-used.bin"])
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.context.settings.terminal_id == "T05"
    assert window.context.settings.printer_url == "file:///tmp/never-used.bin"
    assert window.context.settings.store_name == "NTT Mart Kupang"
    status = window.findChild(QLabel, "statusInfo").text()
    assert "Terminal T05" in status and "Printer: file:///tmp/never-used.bin" in status
    assert window.findChild(QLabel, "loginTitle").text() == "NTT Mart Kupang"
    assert window.login.button.text() == "Log in"  # the English of the settings file


def test_screenshot_option_writes_a_png_without_a_display(tmp_path, sqlite_url):
    out = tmp_path / "shot.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "nttmart_pos", "--db", sqlite_url, "--config",
                             str(tmp_path / "none.toml"), "--screenshot", str(out)],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.size[0] >= 800 and image.size[1] >= 500


def test_gui_start_without_display_says_why(tmp_path, sqlite_url):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-m", "nttmart_pos", "--db", sqlite_url, "--config",
                             str(tmp_path / "none.toml")], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "DISPLAY" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_gui_start_makes_and_installs_the_journal_key(qtbot, sqlite_url, tmp_path):
    window = build(["--db", sqlite_url, "--config", str(tmp_path / "settings.toml")])
    qtbot.addWidget(window)
    assert journal.key_for(window.context.engine) == load_key(tmp_path / "journal.key")


def test_the_gui_does_not_start_an_existing_journal_over_with_a_new_key(qtbot, sqlite_url, tmp_path):
    engine = make_engine(sqlite_url)
    journal.install_key(engine, b"k" * 32)
    store = seed_store(engine)
    sell(engine, store["cashier"], [(store["ids"]["coffee"], 1)])  # journalled with a key whose file is lost
    engine.dispose()
    saved = journal._fallback_key
    journal.set_fallback_key(None)
    try:
        with pytest.raises(JournalError, match="pulihkan dari cadangan"):
            build(["--db", sqlite_url, "--config", str(tmp_path / "settings.toml")])
    finally:
        journal.set_fallback_key(saved)
    assert not (tmp_path / "journal.key").exists()


def test_a_failed_start_is_shown_in_a_message_box(qtbot):
    box = start_error_box(JournalError("Kunci jurnal tidak ditemukan"))
    qtbot.addWidget(box)
    assert (box.objectName(), box.text()) == ("startErrorBox", "Kunci jurnal tidak ditemukan")
