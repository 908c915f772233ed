"""The stok opname (stock take) tab of the manager window: choose a scope and start,
count (``stocktake_count``), then post the differences (``stocktake_post``) or cancel.

The whole view is read in the background (thousands of rows); scanning goes on
meanwhile and what was counted during the read is laid over its result.
"""

from __future__ import annotations

import html
from dataclasses import replace

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.stocktake import summarize
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _
from nttmart_pos.services.catalog_admin import list_vendors
from nttmart_pos.services.lookups import list_categories
from nttmart_pos.services.stocktake import (PostResult, cancel_stocktake, open_stocktake, post_stocktake,
                                            start_stocktake, stocktake_view)
from nttmart_pos.ui.busy import BusyMixin
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.dialogs import ask
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.manager.stocktake_count import ERROR, CountPage
from nttmart_pos.ui.manager.stocktake_model import SHORTAGE, SURPLUS, amounts_text
from nttmart_pos.ui.manager.stocktake_post import PostDialog

TITLE = "Stok opname"
ORDER = 50

SCOPES = {"all": "Semua barang", "vendor": "Satu UMKM", "category": "Satu kategori"}


def load_state(engine) -> dict:
    """Everything the tab shows, read off the GUI thread: the open stock take's view, or the start choices."""
    info = open_stocktake(UnitOfWork(engine))
    if info is not None:
        view = stocktake_view(UnitOfWork(engine), info.number)
        if view.info.status == "open":  # not closed by someone else in between
            return {"view": view}
    # A deactivated vendor whose products are still on sale still has goods on the shelf to count.
    vendors = [v for v in list_vendors(UnitOfWork(engine), include_inactive=True) if v.active or v.product_count]
    return {"view": None, "vendors": vendors, "categories": list_categories(UnitOfWork(engine))}


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return StockTakeTab(context, parent)


class StockTakeTab(BusyMixin, QWidget):
    loaded = Signal()  # a background read (or a posting) has finished and is shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stocktakeTab")
        self.context = context
        self._choices: dict[str, list[tuple[str, str]]] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.titleLabel = QLabel(_("Mulai stok opname"), objectName="stocktakeInfo")
        self.titleLabel.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.titleLabel.setWordWrap(True)  # a long vendor name must not widen the window
        top.addWidget(self.titleLabel, 1)
        self.loadingLabel = QLabel(_("Memuat..."), objectName="stocktakeLoading")
        self.loadingLabel.setStyleSheet("font-size: 15px; font-weight: bold; color: #0d47a1;")
        policy = self.loadingLabel.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # nothing below moves when loading ends
        self.loadingLabel.setSizePolicy(policy)
        top.addWidget(self.loadingLabel)
        layout.addLayout(top)
        self.pages = QStackedWidget()
        self.startPage = self._start_page()
        self.pages.addWidget(self.startPage)
        self.counting = CountPage(context)
        self.counting.reload_requested.connect(self.reload)
        self.counting.post_requested.connect(self.open_post)
        self.counting.cancel_requested.connect(self.ask_cancel)
        self.pages.addWidget(self.counting)
        layout.addWidget(self.pages, 1)
        self.reload()

    def _start_page(self) -> QWidget:
        page = QWidget()
        outer = QHBoxLayout(page)
        outer.setContentsMargins(0, 8, 0, 0)
        column = QWidget()
        column.setMaximumWidth(760)
        column.setStyleSheet("font-size: 14px;")
        outer.addWidget(column, 1)
        outer.addStretch()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(_("Kasir tetap boleh berjualan selama penghitungan: setiap barang dibandingkan dengan stok "
                        "tercatat pada saat barang itu pertama kali dipindai. Hitung satu jenis barang sampai "
                        "selesai sekaligus."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.scopeCombo = QComboBox(objectName="stocktakeScope")
        for scope, text in SCOPES.items():
            self.scopeCombo.addItem(_(text), scope)
        self.scopeCombo.currentIndexChanged.connect(lambda _i: self._fill_scope_values())
        self.scopeValue = QComboBox(objectName="stocktakeScopeValue")
        self.scopeForm = form
        form.addRow(_("Cakupan"), self.scopeCombo)
        form.addRow(_("Pilih"), self.scopeValue)
        layout.addLayout(form)
        self.startButton = QPushButton(_("Mulai stok opname"), objectName="stocktakeStart")
        self.startButton.setMinimumHeight(44)
        self.startButton.setMinimumWidth(220)
        self.startButton.setStyleSheet("font-size: 16px; font-weight: bold; background: #1565c0; color: white;")
        self.startButton.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addWidget(self.startButton)
        row.addStretch()
        layout.addLayout(row)
        self.resultLabel = QLabel(objectName="stocktakeResult")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setStyleSheet("font-size: 15px; padding: 10px; background: #eceff1; border-radius: 4px;")
        self.resultLabel.hide()
        layout.addWidget(self.resultLabel)
        layout.addStretch()
        self._fill_scope_values()
        return page

    def _fill_scope_values(self) -> None:
        scope = self.scopeCombo.currentData()
        self.scopeValue.clear()
        for value, text in self._choices.get(scope, []):
            self.scopeValue.addItem(text, value)
        self.scopeForm.setRowVisible(self.scopeValue, scope != "all")
        label = self.scopeForm.labelForField(self.scopeValue)
        label.setText(_("UMKM") if scope == "vendor" else _("Kategori"))

    # -- reading ----------------------------------------------------------------
    def reload(self) -> None:
        """Read the whole view (or the start choices) in the background."""
        engine = self.context.engine
        self.counting.changed.clear()
        self.loadingLabel.show()
        self.run_job(lambda: load_state(engine), on_success=self._loaded, on_failure=self._load_failed, latest=True)

    def _loaded(self, state: dict) -> None:
        self.loadingLabel.hide()
        if state["view"] is None:
            self.counting.info = None
            self.titleLabel.setText(_("Mulai stok opname"))
            self._choices = {
                "vendor": [(v.code, _("{code} - {name} ({count} barang)", code=v.code, name=v.name,
                                      count=v.product_count)) for v in state["vendors"]],
                "category": [(c, c) for c in state["categories"]]}
            self._fill_scope_values()
            self.pages.setCurrentWidget(self.startPage)
        else:
            self.counting.show_view(state["view"])
            self._show_counting()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.loadingLabel.hide()
        show_error(self, exc)
        self.loaded.emit()

    # -- starting and closing -----------------------------------------------------
    def start(self) -> None:
        scope = self.scopeCombo.currentData()
        value = self.scopeValue.currentData() if scope != "all" else ""
        try:
            info = start_stocktake(self.context.uow(write=True), self.context.user, scope, value or "")
        except PosError as exc:
            show_error(self, exc)
            return
        self.resultLabel.hide()
        self.counting.begin(info)
        self._show_counting()
        self.reload()

    def _show_counting(self) -> None:
        info = self.counting.info
        title = _("Stok opname {number} - {scope}", number=info.number, scope=info.scope_label)
        started = _("dimulai {time} oleh {name}", name=info.started_by or "-",
                    time=info.started_at.astimezone().strftime("%d-%m %H:%M"))  # the year is in the number
        self.titleLabel.setText(f"{html.escape(title)} &nbsp; <span style='font-size: 13px; font-weight: normal; "
                                f"color: #546e7a'>{html.escape(started)}</span>")
        self.pages.setCurrentWidget(self.counting)
        self.counting.scanInput.setFocus()

    def _back_to_start(self, text: str) -> None:
        self.resultLabel.setText(text)
        self.resultLabel.show()
        self.counting.info = None
        self.counting.model.load([], 0)
        self.titleLabel.setText(_("Mulai stok opname"))
        self.pages.setCurrentWidget(self.startPage)
        self.reload()

    def open_post(self) -> None:
        if self.counting.info is None:
            return
        if not self.loadingLabel.isHidden():  # the warnings of the dialog need every row
            self.counting.show_status(_("Daftar barang masih dimuat; coba lagi sebentar"), ERROR)
            return
        model = self.counting.model
        rows = model.all_rows()
        uncounted = [row for row in rows if not row.is_counted]
        # What "anggap nol" would book, worked out by the same rules as the posting itself.
        zeroed = summarize([replace(row, counted=0, is_counted=True) for row in uncounted], len(uncounted))
        dialog = PostDialog(self.counting.info.number, model.summary(), sum(1 for row in rows if row.difference),
                            [row.name for row in uncounted], zeroed, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda reason, mode: self.post(dialog, reason, mode))
        dialog.finished.connect(lambda _result: self.counting.scanInput.setFocus())
        dialog.open()

    def post(self, dialog: PostDialog, reason: str, mode: str) -> None:
        engine, user, number = self.context.engine, self.context.user, self.counting.info.number
        dialog.set_busy(True)
        self.counting.show_status(_("Memposting stok opname {number}...", number=number))
        self.run_job(lambda: post_stocktake(UnitOfWork(engine, write=True), user, number, reason, uncounted=mode),
                     on_success=lambda result: self._posted(dialog, result),
                     on_failure=lambda exc: self._post_failed(dialog, exc))

    def _post_failed(self, dialog: PostDialog, exc: BaseException) -> None:
        message = user_message(exc)
        self.counting.show_status(message, ERROR)
        if shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.set_busy(False)  # the reason typed so far stays for a second try
            show_error(dialog, exc, _("Stok opname belum diposting"))
        else:
            show_error(self, exc, _("Stok opname belum diposting"))
        self.loaded.emit()

    def _posted(self, dialog: PostDialog, result: PostResult) -> None:
        if shiboken6.isValid(dialog):
            dialog.accept()
        summary = result.summary
        self._back_to_start(_(
            "<b>Stok opname {number} ({scope}) sudah diposting: {count} penyesuaian stok.</b><br>"
            "<span style='color:{red}'>Kurang {shortage}, senilai {shortage_value}</span>; "
            "<span style='color:{green}'>lebih {surplus}, senilai {surplus_value}</span>.<br>Alasan: {reason}",
            number=result.info.number, scope=html.escape(result.info.scope_label),
            count=format_number(len(result.adjustments)),
            red=SHORTAGE, green=SURPLUS, shortage=amounts_text(summary.shortage_units, summary.shortage_grams),
            shortage_value=format_rupiah(summary.shortage_value),
            surplus=amounts_text(summary.surplus_units, summary.surplus_grams),
            surplus_value=format_rupiah(summary.surplus_value), reason=html.escape(result.info.reason)))

    def ask_cancel(self) -> None:
        if self.counting.info is None:
            return
        box = ask(self, "stocktakeCancelConfirm", _("Batalkan stok opname"),
                  _("Batalkan stok opname {number}? Stok tidak diubah; hitungannya disimpan sebagai "
                    "catatan.", number=self.counting.info.number), self.cancel)
        box.finished.connect(lambda _result: self.counting.scanInput.setFocus())
        box.open()

    def cancel(self) -> None:
        try:
            info = cancel_stocktake(self.context.uow(write=True), self.context.user, self.counting.info.number)
        except PosError as exc:
            show_error(self, exc)
            return
        self._back_to_start(_("Stok opname {number} dibatalkan; stok tidak diubah.", number=info.number))
