"""The store settings dialog: store details, printer, the cashier's discount limit and idle lock, QRIS,
language and tax mode, and where the daily backup goes.

The groups sit on four tabs (store, printer and QRIS, till and security,
backup) so the dialog fits a 1366x768 till screen with Save/Cancel always in
sight.  It only gathers what was typed; ``services.settings.update_settings``
decides whether the user may save it and whether it is valid.  When a save is
refused, the tab holding the refused field is brought forward.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nttmart_pos.config import MAX_BACKUP_KEEP, PAPER_WIDTHS, Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.qris import merchant_name
from nttmart_pos.errors import PosError
from nttmart_pos.hardware.printer import parse_printer_url
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.settings import can_change_settings, normalized, update_settings
from nttmart_pos.ui.errors import show_error

# Each language is named in its own language, so anyone can find theirs.
_LANGUAGE_NAMES = (("id", "Bahasa Indonesia"), ("en", "English"))
_OK_STYLE = "color: #1b5e20;"
_PROBLEM_STYLE = "color: #b71c1c;"
_NOTE_STYLE = "color: #555555;"


def _combo(name: str, items: list[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for text, value in items:
        combo.addItem(text, value)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    return combo


def _line(name: str, text: str, max_length: int = 120) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setMaxLength(max_length)
    return edit


def _note(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(_NOTE_STYLE)
    return label


class SettingsDialog(QDialog):
    """Edit the store settings; emits ``saved(Settings)`` once they are written."""

    saved = Signal(object)  # the Settings as written to the file

    def __init__(self, settings: Settings, user: UserInfo, path: Path, parent: QWidget | None = None, *,
                 open_uow: Callable[..., UnitOfWork]) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Pengaturan Toko"))
        self.setMinimumWidth(660)
        self._settings = settings
        self._user = user
        self._path = path
        self._open_uow = open_uow  # AppContext.uow: the change is journalled
        self._forms: list[QFormLayout] = []

        layout = QVBoxLayout(self)
        if not can_change_settings(user):
            notice = QLabel(_("Hanya manajer atau admin yang boleh mengubah pengaturan toko"))
            notice.setObjectName("settingsPermissionNote")
            notice.setWordWrap(True)
            notice.setStyleSheet(_PROBLEM_STYLE)
            layout.addWidget(notice)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self._add_tab("settingsTabStore", _("Toko"), self._store_group(settings), self._region_group(settings))
        self._add_tab("settingsTabPrinter", _("Printer dan QRIS"), self._till_group(settings),
                      self._qris_group(settings))
        self._add_tab("settingsTabTill", _("Kasir dan keamanan"), self._limits_group(settings))
        self._add_tab("settingsTabBackup", _("Cadangan"), self._backup_group(settings))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._buttons())
        self._align_labels()
        self._show_merchant()

    # -- building ---------------------------------------------------------
    def _add_tab(self, name: str, title: str, *groups: QGroupBox) -> None:
        page = QWidget()
        page.setObjectName(name)
        column = QVBoxLayout(page)
        for group in groups:
            column.addWidget(group)
        column.addStretch(1)  # groups at the top of a short tab, not spread over it
        self.tabs.addTab(page, title)

    def _form_group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._forms.append(form)
        return group, form

    def _align_labels(self) -> None:
        """One label column width for every group, so the fields line up down the dialog."""
        labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for form in self._forms
                  for row in range(form.rowCount())]
        widgets = [item.widget() for item in labels if item is not None and item.widget() is not None]
        width = max(label.sizeHint().width() for label in widgets)
        for label in widgets:
            label.setMinimumWidth(width)

    def _store_group(self, settings: Settings) -> QGroupBox:
        group, form = self._form_group(_("Data toko"))
        self.store_name = _line("settingStoreName", settings.store_name, 60)
        self.store_address = _line("settingStoreAddress", settings.store_address)
        self.store_phone = _line("settingStorePhone", settings.store_phone, 40)
        self.footer = _line("settingFooter", settings.footer)
        self.footer.setPlaceholderText(_("Dicetak di bagian bawah setiap struk"))
        form.addRow(_("Nama toko"), self.store_name)
        form.addRow(_("Alamat"), self.store_address)
        form.addRow(_("Telepon"), self.store_phone)
        form.addRow(_("Pesan di akhir struk"), self.footer)
        return group

    def _till_group(self, settings: Settings) -> QGroupBox:
        group, form = self._form_group(_("Kasir dan printer struk"))
        self.terminal = _line("settingTerminal", settings.terminal_id, 8)
        self.terminal.setToolTip(_("1-8 huruf atau angka, berbeda untuk setiap komputer kasir"))
        self.printer = _line("settingPrinter", settings.printer_url, 300)
        self.printer.setPlaceholderText("tcp://192.168.1.50:9100")
        hint = _("Contoh: tcp://192.168.1.50:9100 (jaringan), usb://0416:5011 (USB),\n"
                 "serial:///dev/ttyUSB0?baudrate=9600 (serial), file:///... (ke berkas),\n"
                 "atau none (tanpa printer)")
        self.printer.setToolTip(hint)
        self.printer_hint = _note("settingPrinterHint", hint)
        self.printer_hint.setWordWrap(False)
        self.paper_width = _combo("settingPaperWidth", [(f"{w} mm", w) for w in PAPER_WIDTHS],
                                  settings.paper_width)
        form.addRow(_("ID terminal"), self.terminal)
        form.addRow(_("Alamat printer"), self.printer)
        form.addRow("", self.printer_hint)
        form.addRow(_("Lebar kertas"), self.paper_width)
        return group

    def _limits_group(self, settings: Settings) -> QGroupBox:
        group, form = self._form_group(_("Batas kasir dan kunci otomatis"))
        self.discount_limit = QSpinBox()
        self.discount_limit.setObjectName("discountLimitInput")
        self.discount_limit.setRange(0, 100)
        self.discount_limit.setSuffix(" %")
        self.discount_limit.setValue(settings.discount_limit_pct)
        self.discount_limit.setToolTip(_("Diskon di atas persen ini dari total belanja perlu PIN supervisor"))
        self.idle_lock = QSpinBox()
        self.idle_lock.setObjectName("idleLockInput")
        self.idle_lock.setRange(0, 240)
        self.idle_lock.setSuffix(_(" menit"))
        self.idle_lock.setSpecialValueText(_("tidak pernah"))
        self.idle_lock.setValue(settings.idle_lock_minutes)
        self.idle_lock.setToolTip(_("Kasir terkunci sendiri bila tidak ada tombol atau klik selama ini; "
                                    "0 = tidak pernah"))
        for spin in (self.discount_limit, self.idle_lock):
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance(_("tidak pernah")) + 60)
        form.addRow(_("Batas diskon kasir"), self._with_note(
            self.discount_limit, "discountLimitNote", _("lebih dari ini perlu PIN supervisor")))
        form.addRow(_("Kunci otomatis setelah"), self._with_note(
            self.idle_lock, "idleLockNote", _("tanpa tombol atau klik; 0 = tidak pernah")))
        self.negative_stock = _combo("negativeStockCombo", [
            (_("Tetap dijual, lalu muncul di daftar Stok minus"), "allow"),
            (_("Ditolak di kasir"), "block")], settings.negative_stock)
        self.negative_stock.setToolTip(_("Barang yang dibawa pembeli ke kasir padahal stoknya di sistem sudah "
                                         "habis: tetap dijual (manajer memeriksanya di Peringatan > Stok minus) "
                                         "atau ditolak sampai barang masuk dicatat"))
        form.addRow(_("Barang melebihi stok"), self.negative_stock)
        return group

    @staticmethod
    def _with_note(field: QWidget, name: str, note: str) -> QWidget:
        """A short field with its explanation beside it, on one line."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(field)
        line.addWidget(_note(name, note), 1)
        return row

    def _qris_group(self, settings: Settings) -> QGroupBox:
        group, form = self._form_group(_("Pembayaran QRIS"))
        self.qris = QPlainTextEdit(settings.qris_static)
        self.qris.setObjectName("settingQris")
        self.qris.setPlaceholderText(_("Tempel isi QRIS statis dari aplikasi merchant di sini"))
        self.qris.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.qris.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)  # a payload has no words
        self.qris.setFixedHeight(self.qris.fontMetrics().lineSpacing() * 4 + 12)
        self.qris.textChanged.connect(self._show_merchant)
        self.qris_status = QLabel()
        self.qris_status.setObjectName("settingQrisMerchant")
        self.qris_status.setWordWrap(True)
        # room for a two-line error, so a long one is never cut off when it wraps
        self.qris_status.setMinimumHeight(self.qris_status.fontMetrics().lineSpacing() * 2 + 4)
        self.qris_status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(_("QRIS statis"), self.qris)
        form.addRow("", self.qris_status)
        return group

    def _region_group(self, settings: Settings) -> QGroupBox:
        group, form = self._form_group(_("Bahasa dan pajak"))
        self.language = _combo("settingLanguage", [(name, code) for code, name in _LANGUAGE_NAMES],
                               settings.language)
        self.tax_mode = _combo("settingTaxMode", [(_("Bukan PKP (tanpa PPN)"), "non_pkp"),
                                                  (_("PKP (PPN 12% termasuk harga)"), "pkp")],
                               settings.tax_mode)
        form.addRow(_("Bahasa"), self.language)
        form.addRow(_("Status pajak"), self.tax_mode)
        return group

    def _backup_group(self, settings: Settings) -> QGroupBox:
        group, form = self._form_group(_("Cadangan harian"))
        self.backup_folder = _line("backupFolderInput", settings.backup_folder, 400)
        self.backup_folder.setPlaceholderText(_("kosong = folder backups di samping database"))
        self.backup_folder.setToolTip(_("Setiap kali shift ditutup, salinan database SQLite yang sudah diperiksa "
                                        "ditulis ke folder ini. Sebaiknya di flashdisk atau disk lain."))
        browse = QPushButton(_("Pilih..."))
        browse.setObjectName("backupFolderBrowse")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._choose_backup_folder)
        folder_row = QWidget()
        line = QHBoxLayout(folder_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.backup_folder, 1)
        line.addWidget(browse)
        self.backup_keep = QSpinBox()
        self.backup_keep.setObjectName("backupKeepInput")
        self.backup_keep.setRange(1, MAX_BACKUP_KEEP)
        self.backup_keep.setValue(settings.backup_keep)
        self.backup_keep.setMinimumWidth(self.discount_limit.minimumWidth())
        self.backup_keep.setToolTip(_("Hanya untuk database SQLite; PostgreSQL dicadangkan di server dengan pg_dump"))
        form.addRow(_("Folder cadangan"), folder_row)
        form.addRow(_("Simpan cadangan"), self._with_note(
            self.backup_keep, "backupKeepNote", _("terbaru; yang lebih lama dihapus")))
        return group

    def _choose_backup_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder cadangan"), self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(_("Simpan"))
        self.save_button.setObjectName("settingsSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Batal"))
        self.cancel_button.setObjectName("settingsCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        return row

    # -- behaviour --------------------------------------------------------
    def _show_merchant(self) -> None:
        """Below the QRIS: the merchant it pays to, or why it cannot be used."""
        payload = self.qris.toPlainText().strip()
        if not payload:
            text, style = _("Belum ada QRIS: pembayaran QRIS tidak dapat dicetak di struk"), _NOTE_STYLE
        else:
            try:
                text, style = _("Merchant: {name}", name=merchant_name(payload)), _OK_STYLE
            except PosError as exc:
                text, style = _("QRIS tidak dapat dipakai: {error}", error=exc), _PROBLEM_STYLE
        self.qris_status.setText(text)
        self.qris_status.setStyleSheet(style)

    def entered_settings(self) -> Settings:
        """The settings as the fields show them now (not yet checked)."""
        return replace(
            self._settings,
            store_name=self.store_name.text(),
            store_address=self.store_address.text(),
            store_phone=self.store_phone.text(),
            footer=self.footer.text(),
            terminal_id=self.terminal.text(),
            printer_url=self.printer.text(),
            paper_width=self.paper_width.currentData(),
            qris_static=self.qris.toPlainText(),
            language=self.language.currentData(),
            tax_mode=self.tax_mode.currentData(),
            discount_limit_pct=self.discount_limit.value(),
            idle_lock_minutes=self.idle_lock.value(),
            negative_stock=self.negative_stock.currentData(),
            backup_folder=self.backup_folder.text().strip(),
            backup_keep=self.backup_keep.value(),
        )

    def _field_widgets(self) -> dict[str, QWidget]:
        """Each setting's field, in the order ``Settings.validated`` and then the printer check refuse them,
        so the field brought forward is the one the error message names."""
        return {"language": self.language, "tax_mode": self.tax_mode, "negative_stock": self.negative_stock,
                "paper_width": self.paper_width, "terminal_id": self.terminal,
                "discount_limit_pct": self.discount_limit, "idle_lock_minutes": self.idle_lock,
                "backup_keep": self.backup_keep, "backup_folder": self.backup_folder,
                "store_name": self.store_name, "qris_static": self.qris, "printer_url": self.printer}

    def show_refused_field(self) -> QWidget | None:
        """Bring the first field that cannot be saved into view (its tab forward, focus in it); return it.

        Each field is checked alone against the defaults, so the one that the
        refusal is about is found even when it sits on a tab not shown.
        """
        entered = normalized(self.entered_settings())
        for name, widget in self._field_widgets().items():
            try:
                alone = replace(Settings(), **{name: getattr(entered, name)}).validated()
                parse_printer_url(alone.printer_url)
            except PosError:
                pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
                self.tabs.setCurrentIndex(next(i for i, page in enumerate(pages) if page.isAncestorOf(widget)))
                widget.setFocus()
                return widget
        return None

    def save(self) -> None:
        try:
            written = update_settings(self._open_uow(write=True), self._user, self.entered_settings(), self._path)
        except PosError as exc:
            self.show_refused_field()
            show_error(self, exc, _("Pengaturan belum disimpan"))
            return
        self._settings = written
        self.saved.emit(written)
        self.accept()
