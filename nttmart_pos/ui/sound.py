"""The error beep: an audible signal that a scan was refused."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

_effect = None


def error_beep() -> None:
    """Play the error tone, or the system bell when no audio device is there."""
    global _effect
    try:
        from importlib.resources import files

        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        if _effect is None:
            _effect = QSoundEffect()
            _effect.setSource(QUrl.fromLocalFile(str(files("nttmart_pos.ui") / "beep.wav")))
            _effect.setVolume(0.8)
        _effect.play()
    except Exception:  # noqa: BLE001 - no audio stack: fall back to the bell
        QApplication.beep()
