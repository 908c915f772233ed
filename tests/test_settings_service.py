"""Changing the store settings: permission, validation, a safe file on disk, and the journal entry."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nttmart_pos.config import Settings, load_settings
from nttmart_pos.errors import ConfigError, PermissionDenied, QrisError
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.db.models import User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.permissions import CHANGE_SETTINGS, MINIMUM_ROLE
from nttmart_pos.services.settings import can_change_settings, update_settings

QRIS_STATIC = (
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215"
    "ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
)

CASHIER = UserInfo(1, "kasir", "Maria Bria", "cashier")
SUPERVISOR = UserInfo(2, "spv", "Yohanes Tefa", "supervisor")
MANAGER = UserInfo(3, "manajer", "Agustina Lay", "manager")
ADMIN = UserInfo(4, "admin", "Admin", "admin")


@pytest.fixture
def save(sqlite_engine):
    """``update_settings`` with a write unit of work on a database that knows the four users."""
    with UnitOfWork(sqlite_engine, write=True) as uow:
        for user in (CASHIER, SUPERVISOR, MANAGER, ADMIN):
            uow.session.add(User(id=user.id, username=user.username, full_name=user.full_name, role=user.role,
                                 pin_hash="-"))
        uow.commit()
    return lambda user, settings, path: update_settings(UnitOfWork(sqlite_engine, write=True), user, settings, path)


def changed() -> Settings:
    return replace(Settings(), store_name="NTT Mart Oesapa", store_address="Jl. Timor Raya, Oesapa",
                   footer="Sampai jumpa lagi", terminal_id="T02", printer_url="tcp://192.168.1.50:9100",
                   paper_width=80, qris_static=QRIS_STATIC, language="en", tax_mode="pkp")


def test_only_managers_and_admins_may_change_settings():
    assert MINIMUM_ROLE[CHANGE_SETTINGS] == "manager"
    assert [can_change_settings(u) for u in (CASHIER, SUPERVISOR, MANAGER, ADMIN)] == [False, False, True, True]
    assert not can_change_settings(None)


@pytest.mark.parametrize("user", [CASHIER, SUPERVISOR])
def test_cashier_is_refused_and_the_file_is_untouched(tmp_path, user, save):
    path = tmp_path / "cfg" / "settings.toml"
    save(MANAGER, Settings(), path)
    before = path.read_bytes()
    with pytest.raises(PermissionDenied, match="Peran Anda tidak boleh mengubah pengaturan"):
        save(user, changed(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"]


def test_cashier_refused_creates_no_file(tmp_path, save):
    path = tmp_path / "sub" / "settings.toml"
    with pytest.raises(PermissionDenied):
        save(CASHIER, changed(), path)
    assert not path.parent.exists()


@pytest.mark.parametrize("user", [MANAGER, ADMIN])
def test_manager_saves_and_the_file_reloads_equal(tmp_path, user, save):
    path = tmp_path / "config" / "settings.toml"
    saved = save(user, changed(), path)
    assert saved == changed()
    assert load_settings(path) == saved


def test_texts_are_trimmed_before_saving(tmp_path, save):
    path = tmp_path / "settings.toml"
    pasted = replace(changed(), qris_static=f"  {QRIS_STATIC}\n", store_name=" NTT Mart Oesapa ")
    saved = save(MANAGER, pasted, path)
    assert saved.qris_static == QRIS_STATIC and saved.store_name == "NTT Mart Oesapa"
    assert load_settings(path) == saved


def test_invalid_qris_is_refused_and_nothing_written(tmp_path, save):
    path = tmp_path / "settings.toml"
    broken_crc = QRIS_STATIC[:-4] + "0000"
    with pytest.raises(QrisError):
        save(MANAGER, replace(changed(), qris_static=broken_crc), path)
    with pytest.raises(QrisError):
        save(MANAGER, replace(changed(), qris_static="bukan qris"), path)
    assert not path.exists()


@pytest.mark.parametrize("field, value", [
    ("store_name", "   "), ("terminal_id", "KASIR 1"), ("paper_width", 76), ("language", "tet"),
    ("tax_mode", "ppn"), ("printer_url", "lpt1"), ("printer_url", "tcp://:9100"),
])
def test_other_invalid_values_are_refused(tmp_path, field, value, save):
    path = tmp_path / "settings.toml"
    with pytest.raises(ConfigError):
        save(MANAGER, replace(changed(), **{field: value}), path)
    assert not path.exists()


def test_broken_toml_gives_config_error_naming_the_path(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[store]\nstore_name = "NTT Mart\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path, save):
    path = tmp_path / "cfg" / "settings.toml"
    save(MANAGER, Settings(), path)
    save(MANAGER, changed(), path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"]
    assert load_settings(path) == changed()


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch, save):
    path = tmp_path / "cfg" / "settings.toml"
    save(MANAGER, Settings(), path)
    before = path.read_bytes()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("nttmart_pos.config.os.replace", disk_full)
    with pytest.raises(ConfigError, match="settings.toml"):
        save(MANAGER, changed(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"]
