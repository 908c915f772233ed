"""The Dasbor tab, the first a manager sees: sales of a chosen period at a glance (big numbers),
then one chart per question (when, how paid, from which regency, what sells, what does not),
each with its table and CSV.  The figures are read off the GUI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QDate, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.i18n import _
from nttmart_pos.services.dashboard import Dashboard, dashboard
from nttmart_pos.ui.context import AppContext
from nttmart_pos.ui.errors import show_error
from nttmart_pos.ui.manager.dashboard_panel import SectionPanel, TotalsBar, Veil
from nttmart_pos.ui.manager.dashboard_tables import (BY_HOUR, BY_METHOD, BY_REGENCY, CUSTOM, PERIODS, SLOW_MOVERS,
                                                     TODAY, TOP_PRODUCTS, TOP_VENDORS, Section, export_section,
                                                     file_name, period_range, period_text, sections)
from nttmart_pos.ui.manager.export_panel import ask_table_path
from nttmart_pos.ui.worker import run_in_background

TITLE = "Dasbor"
ORDER = 6  # right after Peringatan: what needs attention first, then how the store is doing

# (section, object name, tab text)
PANELS = ((BY_HOUR, "dashboardByHour", "Per jam"), (BY_METHOD, "dashboardByMethod", "Metode bayar"),
          (BY_REGENCY, "dashboardByRegency", "Asal UMKM"), (TOP_PRODUCTS, "dashboardTopProducts", "Barang terlaris"),
          (TOP_VENDORS, "dashboardTopVendors", "UMKM terlaris"),
          (SLOW_MOVERS, "dashboardSlowMovers", "Barang lambat laku"))
INFO, ERROR, OK = "#37474f", "#b00020", "#1b5e20"
DATE_FORMAT = "dd-MM-yyyy"
TYPING_PAUSE_MS = 400  # a date typed digit by digit is read once, when the typing stops


def load(engine, date_from: date, date_to: date) -> Dashboard:
    """Runs in a background thread: only the database, no widgets."""
    return dashboard(UnitOfWork(engine), date_from, date_to)


def build(context: AppContext, parent: QWidget | None = None) -> QWidget:
    return DashboardTab(context, parent)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DashboardTab(QWidget):
    loaded = Signal()  # a background read has ended (shown, or its error shown)
    export_done = Signal(object)  # the path written, or None when it failed

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTab")
        self.context = context
        self.today: date | None = None  # None: the real date at each read (tests fix it)
        self.save_path: Path | None = None  # set (in tests) to skip the save dialog
        self.board: Dashboard | None = None
        self.shown: dict[str, Section] = {}
        self.loading = False
        self._generation = 0
        self._exporting: set[str] = set()
        self._folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.reload)
        self._build()
        self.choose(TODAY)

    # -- layout -------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.titleLabel = QLabel(objectName="dashboardTitle")
        self.titleLabel.setStyleSheet("font-size: 17px; font-weight: bold;")
        top.addWidget(self.titleLabel, 1)
        self.periodCombo = QComboBox(objectName="dashboardPeriod")
        for key, text in PERIODS:
            self.periodCombo.addItem(_(text), key)
        self.periodCombo.setMinimumWidth(150)
        self.periodCombo.currentIndexChanged.connect(lambda _index: self._period_chosen())
        top.addWidget(self.periodCombo)
        self.fromEdit = self._date_edit("dashboardFrom")
        self.toEdit = self._date_edit("dashboardTo")
        top.addWidget(self.fromEdit)
        top.addWidget(QLabel(_("s.d.")))
        top.addWidget(self.toEdit)
        self.refreshButton = QPushButton(_("Muat ulang"), objectName="dashboardRefresh")
        self.refreshButton.setMinimumHeight(32)
        self.refreshButton.clicked.connect(lambda _checked=False: self.reload())
        top.addWidget(self.refreshButton)
        self.loadingLabel = QLabel(_("Memuat..."), objectName="dashboardLoading")
        self.loadingLabel.setStyleSheet("color: #0d47a1; font-weight: bold;")
        self.busy = QProgressBar(objectName="dashboardBusy")
        self.busy.setRange(0, 0)  # no percentage to tell: it moves while the figures are read
        self.busy.setFixedWidth(90)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.setToolTip(_("Memuat..."))
        for widget in (self.loadingLabel, self.busy):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # nothing moves when loading ends
            widget.setSizePolicy(policy)
            top.addWidget(widget)
        layout.addLayout(top)

        self.totals = TotalsBar()
        layout.addWidget(self.totals)
        self.sectionTabs = QTabWidget(objectName="dashboardSections")
        self.sectionTabs.setStyleSheet("QTabBar::tab { font-size: 14px; padding: 6px 12px; }")
        self.panels: dict[str, SectionPanel] = {}
        for key, name, text in PANELS:
            panel = SectionPanel(key, name, _("Jam") if key == BY_HOUR else "")
            panel.export_requested.connect(self.ask_export)
            self.panels[key] = panel
            self.sectionTabs.addTab(panel, _(text))
        layout.addWidget(self.sectionTabs, 1)
        # while another period is read, the figures still shown fade: they are not the new period's
        self._veils = [Veil(self.totals), Veil(self.sectionTabs)]
        self.statusLabel = QLabel(objectName="dashboardStatus")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.statusLabel)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setMinimumWidth(118)
        edit.dateChanged.connect(lambda _value, edit=edit: self._date_edited(edit))
        return edit

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.board is not None and not self.loading:
            self.reload()  # sales made since the last look

    # -- the period ------------------------------------------------------------------
    def current_day(self) -> date:
        return self.today or date.today()

    def period(self) -> tuple[date, date]:
        return _pydate(self.fromEdit.date()), _pydate(self.toEdit.date())

    def choose(self, key: str) -> None:
        """Pick a preset period (``TODAY`` ...) and read it."""
        self._select_quietly(key)
        self._period_chosen()

    def set_period(self, date_from: date, date_to: date) -> None:
        """Read the days ``date_from`` to ``date_to`` as a chosen period ("Pilih tanggal...")."""
        self._set_dates(date_from, date_to)
        self._select_quietly(CUSTOM)
        self._typing.stop()
        self.reload()

    def _period_chosen(self) -> None:
        key = self.periodCombo.currentData()
        if key != CUSTOM:
            self._typing.stop()
            self.reload()
        else:
            self.fromEdit.setFocus()

    def _set_dates(self, date_from: date, date_to: date) -> None:
        for edit, day in ((self.fromEdit, date_from), (self.toEdit, date_to)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _select_quietly(self, key: str) -> None:
        self.periodCombo.blockSignals(True)
        self.periodCombo.setCurrentIndex(self.periodCombo.findData(key))
        self.periodCombo.blockSignals(False)

    def _date_edited(self, edit: QDateEdit) -> None:
        # the other end follows, so the period is never backwards
        if edit is self.fromEdit and self.toEdit.date() < self.fromEdit.date():
            self._set_dates(*[_pydate(self.fromEdit.date())] * 2)
        elif edit is self.toEdit and self.fromEdit.date() > self.toEdit.date():
            self._set_dates(*[_pydate(self.toEdit.date())] * 2)
        self._select_quietly(CUSTOM)
        self._typing.start()

    # -- reading ---------------------------------------------------------------------
    def reload(self) -> None:
        """Read the chosen period again in the background; an older read still under way is ignored."""
        key = self.periodCombo.currentData()
        if key != CUSTOM:  # "Hari ini" is still today after midnight
            self._set_dates(*period_range(key, self.current_day()))
        self._generation += 1
        generation, engine = self._generation, self.context.engine
        date_from, date_to = self.period()
        if self.board is None:
            self._show_title(date_from, date_to)
        self._set_loading(True)
        run_in_background(lambda: load(engine, date_from, date_to),
                          on_success=lambda board: self._loaded(generation, board),
                          on_failure=lambda exc: self._load_failed(generation, exc))

    def _current(self, generation: int) -> bool:
        # The tab may be gone (window closed) or a newer read under way when this one ends.
        return shiboken6.isValid(self) and generation == self._generation

    def _loaded(self, generation: int, board: Dashboard) -> None:
        if not self._current(generation):
            return
        self.board = board
        self._show_title(board.date_from, board.date_to)
        self.totals.show_totals(board.totals)
        self.shown = sections(board)
        for key, panel in self.panels.items():
            panel.show_section(self.shown[key])
        self._set_loading(False)
        self.loaded.emit()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if not self._current(generation):
            return
        self._set_loading(False)
        self.show_status(_("Dasbor belum dapat dimuat; coba \"Muat ulang\"."), ERROR)
        show_error(self, exc)
        self.loaded.emit()

    def _show_title(self, date_from: date, date_to: date) -> None:
        # the period of the figures on screen, not of a read still under way
        self.titleLabel.setText(_("Penjualan {period}", period=period_text(date_from, date_to)))

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.busy.setVisible(loading)
        self.loadingLabel.setVisible(loading)
        for veil in self._veils:
            veil.setVisible(loading and self.board is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        for key, panel in self.panels.items():
            panel.set_busy(self.loading or key in self._exporting)

    def show_status(self, text: str, color: str = INFO) -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setStyleSheet(f"font-size: 14px; color: {color};")

    # -- export ----------------------------------------------------------------------
    def ask_export(self, key: str) -> None:
        """Ask where to save one chart's numbers (or use ``save_path``), then write them in the background."""
        section = self.shown.get(key)
        if section is None or self.loading:
            return
        if self.save_path is not None:
            self.export(key, Path(self.save_path))
            return
        board = self.board
        suggested = Path(self._folder or Path.home()) / file_name(key, board.date_from, board.date_to)
        ask_table_path(self, _("Simpan angka grafik"), suggested, lambda path: self.export(key, path), "dashboardSaveDialog")

    def export(self, key: str, path: Path) -> None:
        """Write the numbers of the chart ``key`` as shown to ``path`` (.csv or .xlsx)."""
        section = self.shown.get(key)
        if section is None:
            return
        self._folder = str(path.parent)
        self._exporting.add(key)  # one file at a time per chart
        self._update_buttons()
        self.show_status(_("Menyimpan {path}...", path=path))
        run_in_background(lambda: export_section(path, section),
                          on_success=lambda count: self._exported(key, path, count),
                          on_failure=lambda exc: self._export_failed(key, exc))

    def _exported(self, key: str, path: Path, count: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._exporting.discard(key)
        self._update_buttons()
        self.show_status(_("{count} baris disimpan di {path}", count=count, path=path), OK)
        self.export_done.emit(path)

    def _export_failed(self, key: str, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._exporting.discard(key)
        self._update_buttons()
        self.show_status(_("Berkas belum disimpan."), ERROR)
        show_error(self, exc)
        self.export_done.emit(None)
