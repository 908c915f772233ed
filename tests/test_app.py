"""The GUI entry points: build(argv) honours the command-line options; --screenshot writes a PNG."""

from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image
from PySide6.QtWidgets import QLabel

from nttmart_pos.app import build
from nttmart_pos.config import Settings, save_settings


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
