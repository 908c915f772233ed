"""The UMKM tab as a manager uses it: add a vendor, find it, change it, deactivate and
reactivate it; bad input keeps the dialog open; a cashier may look but not change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from catalog_ui_helpers import (answer, click, click_button, error_texts, fill_vendor, open_vendors, search,
                                select_row, table_texts, wait_loaded)
from factories import seeded_database
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.regions import NTT_REGENCIES
from nttmart_pos.errors import NotFoundError
from nttmart_pos.services.catalog_admin import get_vendor, list_vendors


@pytest.fixture
def store(sqlite_url):
    with seeded_database(sqlite_url) as seed:
        yield seed


@pytest.fixture
def tab(qtbot, store, tmp_path):
    return open_vendors(qtbot, store["engine"], store["manager"], tmp_path)


def test_the_list_shows_vendors_with_their_terms(tab):
    assert table_texts(tab, 0) == ["KOPI01", "TENUN1"]
    assert table_texts(tab, 5) == ["komisi 15%", "harga setor"]
    assert table_texts(tab, 3) == ["Ngada", "Rote Ndao"]
    assert table_texts(tab, 7) == ["3", "1"]  # active products
    assert tab.table.isColumnHidden(8)  # "aktif": every listed vendor is active
    assert not tab.findChild(QPushButton, "vendorEdit").isEnabled()  # nothing selected yet


def test_manager_adds_a_vendor_and_finds_it(qtbot, tab, store):
    click_button(qtbot, tab, "vendorNew")
    dialog = tab.dialog
    assert dialog.objectName() == "vendorDialog" and dialog.isVisible()
    assert dialog.regency.count() == len(NTT_REGENCIES) == 22 and dialog.regency.currentIndex() == -1
    fill_vendor(qtbot, dialog, code="sabu01", name="Gula Lontar Sabu", owner="Yunus Riwu Kaho",
                phone="0813-3349-2543", regency="Sabu Raijua", village="Desa Raenalulu", commission=15,
                payout_method="transfer", payout_account="BRI 1234-01-000123-50-1 a.n. Yunus")
    assert dialog.code.text() == "SABU01"  # capitals while typing, as it will be stored
    click_button(qtbot, dialog, "vendorSave")
    assert not dialog.isVisible()
    vendor = get_vendor(UnitOfWork(store["engine"]), "SABU01")
    assert (vendor.name, vendor.owner, vendor.regency, vendor.village) == (
        "Gula Lontar Sabu", "Yunus Riwu Kaho", "Sabu Raijua", "Desa Raenalulu")
    assert (vendor.terms, vendor.commission_pct, vendor.payout_method) == ("commission", 15, "transfer")
    wait_loaded(qtbot, tab)
    assert "SABU01" in table_texts(tab, 0)
    assert tab.current().code == "SABU01"  # the new vendor is selected
    assert "SABU01" in tab.status.text()

    search(qtbot, tab, "sabu raijua")
    assert table_texts(tab, 0) == ["SABU01"]
    search(qtbot, tab, "ngada")
    assert table_texts(tab, 0) == ["KOPI01"]
    search(qtbot, tab, "tidak ada yang begini")
    assert table_texts(tab, 0) == [] and "Tidak ada UMKM" in tab.count.text()


def test_editing_keeps_the_code_and_saves_the_change(qtbot, tab, store):
    select_row(tab, "TENUN1")
    index = tab.model.index(1, 1)
    position = tab.table.visualRect(index).center()
    # A real double click starts with a press; QTest's double click alone does not make one.
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    dialog = tab.dialog
    assert dialog.isVisible() and dialog.code.isReadOnly() and dialog.code.text() == "TENUN1"
    assert dialog.terms.currentData() == "harga_setor" and not dialog.commission.isEnabled()
    assert dialog.regency.currentText() == "Rote Ndao"
    dialog.phone.setText("0812 3456 7890")
    dialog.regency.setCurrentIndex(dialog.regency.findText("Kota Kupang"))
    click_button(qtbot, dialog, "vendorSave")
    assert not dialog.isVisible()
    vendor = get_vendor(UnitOfWork(store["engine"]), "TENUN1")
    assert (vendor.phone, vendor.regency, vendor.terms) == ("0812 3456 7890", "Kota Kupang", "harga_setor")
    wait_loaded(qtbot, tab)
    assert table_texts(tab, 3) == ["Ngada", "Kota Kupang"]


@pytest.mark.parametrize("change, message", [
    (dict(regency=None), "Kabupaten/kota harus salah satu dari 22"),
    (dict(payout_method="transfer", payout_account=""), "Rekening atau nomor e-wallet wajib diisi"),
    (dict(code="KOPI01"), "Kode UMKM KOPI01 sudah dipakai"),
    (dict(name=""), "Nama UMKM wajib diisi"),
    (dict(phone="telepon saya"), "Nomor telepon hanya boleh angka"),
])
def test_bad_input_keeps_the_dialog_open_and_writes_nothing(qtbot, tab, store, change, message):
    click_button(qtbot, tab, "vendorNew")
    dialog = tab.dialog
    values = dict(code="ALOR01", name="Minyak Kelapa Alor", regency="Alor")
    values.update(change)
    fill_vendor(qtbot, dialog, **values)
    click_button(qtbot, dialog, "vendorSave")
    assert dialog.isVisible()
    texts = error_texts(dialog)
    assert len(texts) == 1 and message in texts[0]
    assert [v.code for v in list_vendors(UnitOfWork(store["engine"]), include_inactive=True)] == ["KOPI01", "TENUN1"]
    assert dialog.name.text() == values["name"]  # what was typed is still there to correct


def test_deactivating_asks_first_and_keeps_the_vendor(qtbot, tab, store):
    select_row(tab, "KOPI01")
    toggle = tab.findChild(QPushButton, "vendorToggleActive")
    assert toggle.text() == "Nonaktifkan"
    click(qtbot, toggle)
    text = answer(qtbot, tab, "vendorToggleConfirm", yes=False)
    assert "riwayat" in text and "tetap disimpan" in text
    assert get_vendor(UnitOfWork(store["engine"]), "KOPI01").active

    click(qtbot, toggle)
    answer(qtbot, tab, "vendorToggleConfirm", yes=True)
    assert not get_vendor(UnitOfWork(store["engine"]), "KOPI01").active
    wait_loaded(qtbot, tab)
    assert table_texts(tab, 0) == ["TENUN1"]
    assert "KOPI01" in tab.status.text()

    tab.show_inactive.setChecked(True)
    wait_loaded(qtbot, tab)
    assert table_texts(tab, 0) == ["KOPI01", "TENUN1"]
    assert not tab.table.isColumnHidden(8) and table_texts(tab, 8) == ["tidak", "ya"]
    select_row(tab, "KOPI01")
    assert toggle.text() == "Aktifkan"
    click(qtbot, toggle)
    answer(qtbot, tab, "vendorToggleConfirm", yes=True)
    assert get_vendor(UnitOfWork(store["engine"]), "KOPI01").active
    wait_loaded(qtbot, tab)
    assert table_texts(tab, 8) == ["ya", "ya"]


def test_a_cashier_is_refused_and_nothing_is_written(qtbot, store, tmp_path):
    tab = open_vendors(qtbot, store["engine"], store["cashier"], tmp_path)
    click_button(qtbot, tab, "vendorNew")
    dialog = tab.dialog
    fill_vendor(qtbot, dialog, code="ALOR01", name="Minyak Kelapa Alor", regency="Alor")
    click_button(qtbot, dialog, "vendorSave")
    assert dialog.isVisible()
    assert error_texts(dialog) == ["Peran Anda tidak boleh mengelola UMKM"]
    with pytest.raises(NotFoundError):
        get_vendor(UnitOfWork(store["engine"]), "ALOR01")
    dialog.reject()

    select_row(tab, "KOPI01")
    click_button(qtbot, tab, "vendorToggleActive")
    answer(qtbot, tab, "vendorToggleConfirm", yes=True)
    assert error_texts(tab) == ["Peran Anda tidak boleh mengelola UMKM"]
    assert get_vendor(UnitOfWork(store["engine"]), "KOPI01").active
