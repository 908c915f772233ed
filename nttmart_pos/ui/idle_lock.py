"""The till locks itself after ``Settings.idle_lock_minutes`` without a key press or a click (0: never).

An application-wide event filter restarts a timer on every key press, click,
wheel turn or touch while someone is logged in.  When it runs out, the main
window shows the lock screen (``idleLockDialog``) instead of the till and
hides every other window (the manager window, an open dialog) until it is
unlocked; the open sale stays exactly as it was.

Who unlocks: only the same user, with their PIN, checked by
``services.auth.login`` so wrong PINs count towards the lockout like at the
login screen.  "Ganti pengguna" logs out instead, but only when no sale is
open: an open sale belongs to the locked user, who must unlock to finish or
cancel it (a supervisor's PIN does not unlock, so nothing is ever sold in
someone else's name).

A barcode scanner types like a keyboard: a scan while locked lands in the
PIN field, but characters arriving faster than anyone types
(``SCAN_KEY_GAP_MS``) mark it as a scan, which is ignored rather than tried
as a (wrong) PIN.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import login
from nttmart_pos.ui.errors import user_message

SCAN_KEY_GAP_MS = 30  # a person never types four keys with every gap this short; a scanner always does
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin}
_PROBLEM, _INFO = "#b00020", "#37474f"


class IdleWatcher(QObject):
    """Emits ``idle`` once ``interval_ms`` have passed without input anywhere in the application."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle.emit)
        QApplication.instance().installEventFilter(self)

    def set_interval_ms(self, interval_ms: int) -> None:
        """0 switches the watch off; a running watch restarts with the new interval."""
        running = self.timer.isActive()
        self.interval_ms = max(0, interval_ms)
        if self.interval_ms:
            self.timer.setInterval(self.interval_ms)
        if running:
            self.start()

    def start(self) -> None:
        if self.interval_ms:
            self.timer.start(self.interval_ms)
        else:
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()

    def remove(self) -> None:
        self.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


class IdleLockScreen(QWidget):
    """What the till shows while locked: who is locked, their PIN, unlock or switch user."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleLockDialog")
        outer = QVBoxLayout(self)
        outer.addStretch()
        card = QFrame(objectName="idleLockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(440)
        card.setMaximumWidth(520)
        card.setStyleSheet("QLineEdit, QPushButton { font-size: 16px; padding: 4px; }")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        title = QLabel(_("Kasir terkunci"), objectName="idleLockTitle")
        title.setStyleSheet("font-size: 24px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(objectName="idleLockWho")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who.setWordWrap(True)
        self.who.setStyleSheet("font-size: 15px;")
        self.note = QLabel(objectName="idleLockNote")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        self.pin = QLineEdit(objectName="idleLockPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(_("PIN (4-8 angka)"))
        self.pin.installEventFilter(self)
        self.pin.textChanged.connect(lambda text: self._key_times.clear() if not text else None)
        self.unlockButton = QPushButton(_("Buka kunci"), objectName="idleUnlockButton")
        self.unlockButton.setDefault(True)
        self.unlockButton.setMinimumHeight(40)
        self.logoutButton = QPushButton(_("Ganti pengguna"), objectName="idleLogoutButton")
        self.logoutButton.setMinimumHeight(40)
        self.logoutButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scanner's Enter must never press it
        self.unlockButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.logoutButton)
        buttons.addWidget(self.unlockButton, 1)
        self.message = QLabel(objectName="idleLockMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 8)  # room for a lock message
        for widget in (title, self.who, self.note, self.pin):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch()
        self._clock = QElapsedTimer()
        self._clock.start()
        self._key_times: list[int] = []

    def show_for(self, user: UserInfo, since: str, sale_open: bool) -> None:
        self.who.setText(_("{name} ({username}) - terkunci sejak {time}", name=user.full_name,
                           username=user.username, time=since))
        self.note.setText(_("Transaksi yang sedang berjalan tetap tersimpan. Ketik PIN {name} untuk melanjutkan.",
                            name=user.full_name) if sale_open else
                          _("Ketik PIN {name} untuk melanjutkan, atau ganti pengguna.", name=user.full_name))
        self.clear()
        self.pin.setFocus()

    def clear(self) -> None:
        self.pin.clear()
        self._key_times.clear()
        self.message.clear()

    def show_message(self, text: str, color: str = _PROBLEM) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {color}; font-weight: bold;")

    def take_pin(self) -> str | None:
        """The PIN typed, emptying the field; None (with a message) for nothing typed or a scan."""
        text, times = self.pin.text(), list(self._key_times)
        self.pin.clear()
        self._key_times.clear()
        self.pin.setFocus()
        scanned = len(times) >= 4 and all(b - a < SCAN_KEY_GAP_MS for a, b in zip(times, times[1:]))
        if scanned:
            self.show_message(_("Kasir sedang terkunci: pindaian diabaikan. Buka kunci dulu dengan PIN."), _INFO)
            return None
        if not text:
            self.show_message(_("Ketik PIN lalu tekan Enter"), _INFO)
            return None
        return text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.pin and event.type() == QEvent.Type.KeyPress and event.text().isprintable() \
                and event.text():
            self._key_times.append(self._clock.elapsed())
        return False


class IdleLock(QObject):
    """Locks and unlocks the main window; ``lock_now()`` locks at once (the timer calls it too)."""

    def __init__(self, window) -> None:  # the MainWindow: its stack, cashier screen, context and on_logout
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.watcher = IdleWatcher(self)
        self.watcher.idle.connect(self.lock_now)
        self.screen = IdleLockScreen()
        window.stack.addWidget(self.screen)
        self.screen.pin.returnPressed.connect(self.unlock)
        self.screen.unlockButton.clicked.connect(lambda _checked=False: self.unlock())
        self.screen.logoutButton.clicked.connect(lambda _checked=False: self.switch_user())
        self._hidden: list[QWidget] = []
        self.apply_settings()

    @property
    def locked(self) -> bool:
        return self.window.stack.currentWidget() is self.screen

    def apply_settings(self) -> None:
        self.set_interval_ms(self.context.settings.idle_lock_minutes * 60_000)

    def set_interval_ms(self, interval_ms: int) -> None:
        """The idle time in milliseconds (tests use a few)."""
        self.watcher.set_interval_ms(interval_ms)

    def start(self) -> None:
        """Someone logged in: watch for idleness."""
        if not self.locked:
            self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def shutdown(self) -> None:
        self.watcher.remove()

    def lock_now(self) -> None:
        if self.context.user is None or self.locked:
            return
        self.watcher.stop()
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not self.window]
        for widget in windows:
            widget.hide()
        self._hidden = [w for w in windows if w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)]
        self.window.cashier.setEnabled(False)  # no shortcut of the till fires behind the lock
        self.screen.show_for(self.context.user, datetime.now().strftime("%H:%M"),
                             not self.window.cashier.cart.is_empty)
        self.window.stack.setCurrentWidget(self.screen)
        self.screen.pin.setFocus()

    def unlock(self) -> None:
        user = self.context.user
        pin = self.screen.take_pin()
        if user is None or pin is None:
            return
        try:
            user = login(self.context.uow(write=True), user.username, pin, terminal=self.context.settings.terminal_id)
        except PosError as exc:
            text = user_message(exc)
            # the user name is known here: only the PIN can be wrong (a lock keeps its own message)
            self.screen.show_message(_("PIN salah. Coba lagi.") if text == _("Nama pengguna atau PIN salah") else text)
            return
        self.context.user = user
        self.screen.clear()
        self.window.cashier.setEnabled(True)
        self.window.stack.setCurrentWidget(self.window.cashier)
        hidden, self._hidden = self._hidden, []
        for widget in hidden:
            widget.show()
        if not hidden:
            self.window.cashier.scanInput.setFocus()
        self.watcher.start()

    def switch_user(self) -> None:
        """Log out from the lock screen, unless the locked user's sale is still open."""
        user = self.context.user
        if not self.window.cashier.cart.is_empty:
            self.screen.show_message(_("Transaksi {name} masih terbuka. {name} harus membuka kunci lalu "
                                       "menyelesaikan atau membatalkannya dulu.",
                                       name=user.full_name if user else "-"))
            return
        hidden, self._hidden = self._hidden, []
        for widget in hidden:
            widget.close()
        self.screen.clear()
        self.window.cashier.setEnabled(True)
        self.window.stack.setCurrentWidget(self.window.cashier)
        self.window.on_logout()
