"""User management by the admin: who may do it, the rules that keep an admin, the journal, and no PIN in clear."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest
from sqlalchemy import select

import nttmart_pos.db.inventory_models  # noqa: F401  (every table in Base.metadata)
import nttmart_pos.db.settlement_models  # noqa: F401
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Base, User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import AuthError, NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.services.auth import authorize_override, create_user, login
from nttmart_pos.services.permissions import REFUND
from nttmart_pos.services.users import add_user, change_role, list_users, reset_pin, set_active


def uow(engine):
    return UnitOfWork(engine, write=True)


@pytest.fixture
def admin(engine):
    return create_user(UnitOfWork(engine), "admin", "Admin Toko", "admin", "2580")


def journal(engine, kind: str) -> list[tuple[SimpleNamespace, dict]]:
    """The journal entries of ``kind``: their columns, and the data they hold."""
    with UnitOfWork(engine) as work:
        rows = work.session.scalars(select(JournalEntry).where(JournalEntry.kind == kind).order_by(JournalEntry.seq))
        return [(SimpleNamespace(user_name=row.user_name, terminal=row.terminal, ref=row.ref, body=row.body),
                 json.loads(row.body)["data"]) for row in rows]


def user_row(engine, user_id: int) -> SimpleNamespace:
    with UnitOfWork(engine) as work:
        user = work.session.get(User, user_id)
        return SimpleNamespace(role=user.role, active=user.active, lock_count=user.lock_count)


def test_admin_adds_a_user_who_can_log_in_and_it_is_journalled(engine, admin):
    made = add_user(uow(engine), admin, "  Yohana ", "Yohana Lado", "supervisor", "4711", terminal="T02")
    assert (made.username, made.full_name, made.role) == ("yohana", "Yohana Lado", "supervisor")
    assert login(uow(engine), "yohana", "4711") == made
    rows = list_users(UnitOfWork(engine), admin)
    assert [(r.username, r.role, r.active, r.locked_until, r.failed_pins) for r in rows] == [
        ("admin", "admin", True, None, 0), ("yohana", "supervisor", True, None, 0)]
    [(entry, data)] = journal(engine, "user.create")
    assert data == {"username": "yohana", "full_name": "Yohana Lado", "role": "supervisor"}
    assert (entry.user_name, entry.terminal, entry.ref) == ("Admin Toko", "T02", "yohana")
    assert "4711" not in entry.body and "scrypt" not in entry.body


@pytest.mark.parametrize("username, role, pin, message", [
    ("", "cashier", "1234", "tidak boleh kosong"),
    ("maria bria", "cashier", "1234", "tanpa spasi"),
    ("maria", "boss", "1234", "Peran tidak dikenal"),
    ("maria", "cashier", "12a4", "4 sampai 8 angka"),
    ("maria", "cashier", "123", "4 sampai 8 angka"),
    ("admin", "cashier", "1234", "sudah dipakai"),
])
def test_add_user_refuses_bad_input_and_writes_nothing(engine, admin, username, role, pin, message):
    with pytest.raises(ValidationError, match=message):
        add_user(uow(engine), admin, username, "Maria", role, pin)
    assert [r.username for r in list_users(UnitOfWork(engine), admin)] == ["admin"]
    assert journal(engine, "user.create") == []


def test_only_an_admin_manages_users(engine, admin):
    manager = create_user(UnitOfWork(engine), "manajer", "Yohanes Seran", "manager", "9999")
    cashier = create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")
    for actor in (manager, cashier, None):
        with pytest.raises(PermissionDenied):
            list_users(UnitOfWork(engine), actor)
        with pytest.raises(PermissionDenied):
            add_user(uow(engine), actor, "baru", "Baru", "admin", "1111")
        with pytest.raises(PermissionDenied):
            change_role(uow(engine), actor, cashier.id, "admin")
        with pytest.raises(PermissionDenied):
            reset_pin(uow(engine), actor, admin.id, "1111")
        with pytest.raises(PermissionDenied):
            set_active(uow(engine), actor, admin.id, False)
    assert user_row(engine, cashier.id).role == "cashier"
    assert login(uow(engine), "admin", "2580") == admin
    with UnitOfWork(engine) as work:
        assert work.session.scalar(select(JournalEntry).where(JournalEntry.kind.like("user.%"))) is None


def test_change_role_is_journalled_with_old_and_new(engine, admin):
    cashier = create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")
    row = change_role(uow(engine), admin, cashier.id, "supervisor")
    assert row.role == "supervisor" and user_row(engine, cashier.id).role == "supervisor"
    assert change_role(uow(engine), admin, cashier.id, "supervisor").role == "supervisor"  # no change, no entry
    [(entry, data)] = journal(engine, "user.role")
    assert data == {"username": "kasir", "old": "cashier", "new": "supervisor"}
    assert entry.user_name == "Admin Toko"
    with pytest.raises(ValidationError, match="Peran tidak dikenal"):
        change_role(uow(engine), admin, cashier.id, "owner")
    with pytest.raises(NotFoundError):
        change_role(uow(engine), admin, 9999, "cashier")


def test_an_admin_can_neither_demote_nor_deactivate_themselves(engine, admin):
    for role in ("manager", "supervisor", "cashier"):
        with pytest.raises(ValidationError, match="akun Anda sendiri"):
            change_role(uow(engine), admin, admin.id, role)
    with pytest.raises(ValidationError, match="akun Anda sendiri"):
        set_active(uow(engine), admin, admin.id, False)
    row = user_row(engine, admin.id)
    assert (row.role, row.active) == ("admin", True)
    assert journal(engine, "user.role") == [] and journal(engine, "user.deactivate") == []


def test_a_demoted_admin_can_no_longer_act_so_the_last_admin_stays(engine, admin):
    second = create_user(UnitOfWork(engine), "admin2", "Admin Dua", "admin", "3690")
    change_role(uow(engine), second, admin.id, "manager")
    # ``admin`` still holds a UserInfo saying "admin": the database decides
    with pytest.raises(PermissionDenied):
        change_role(uow(engine), admin, second.id, "manager")
    with pytest.raises(PermissionDenied):
        set_active(uow(engine), admin, second.id, False)
    row = user_row(engine, second.id)
    assert (row.role, row.active) == ("admin", True)
    change_role(uow(engine), second, admin.id, "admin")
    set_active(uow(engine), second, admin.id, False)
    with pytest.raises(PermissionDenied):  # an admin deactivated since logging in
        add_user(uow(engine), admin, "baru", "Baru", "cashier", "1111")


def test_deactivated_user_cannot_log_in_nor_approve_until_activated(engine, admin):
    spv = create_user(UnitOfWork(engine), "spv", "Yohana Lado", "supervisor", "4711")
    row = set_active(uow(engine), admin, spv.id, False)
    assert row.active is False
    with pytest.raises(AuthError, match="Nama pengguna atau PIN salah"):
        login(uow(engine), "spv", "4711")
    with pytest.raises(AuthError):
        authorize_override(uow(engine), "spv", "4711", REFUND)
    assert [(r.username, r.active) for r in list_users(UnitOfWork(engine), admin)] == [
        ("admin", True), ("spv", False)]
    set_active(uow(engine), admin, spv.id, True)
    assert login(uow(engine), "spv", "4711") == spv
    assert [data for _e, data in journal(engine, "user.deactivate")] == [{"username": "spv"}]
    assert [data for _e, data in journal(engine, "user.activate")] == [{"username": "spv"}]


def test_reset_pin_sets_the_new_pin_and_lifts_a_lock(engine, admin):
    cashier = create_user(UnitOfWork(engine), "kasir", "Maria Bria", "cashier", "1234")
    for _attempt in range(5):
        with pytest.raises(AuthError):
            login(uow(engine), "kasir", "0000")
    assert [r for r in list_users(UnitOfWork(engine), admin) if r.username == "kasir"][0].locked()
    with pytest.raises(ValidationError):
        reset_pin(uow(engine), admin, cashier.id, "12")
    row = reset_pin(uow(engine), admin, cashier.id, "8642")
    assert (row.locked_until, row.failed_pins, row.locked()) == (None, 0, False)
    assert user_row(engine, cashier.id).lock_count == 0
    with pytest.raises(AuthError, match="PIN salah"):
        login(uow(engine), "kasir", "1234")
    assert login(uow(engine), "kasir", "8642") == cashier
    [(entry, data)] = journal(engine, "user.pin_reset")
    assert data == {"username": "kasir", "was_locked": True} and entry.ref == "kasir"


def _all_texts(engine) -> list[str]:
    """Every text value of every table, and the JSON of structured ones."""
    texts: list[str] = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    if isinstance(value, str):
                        texts.append(value)
                    elif isinstance(value, (dict, list)):
                        texts.append(json.dumps(value))
    return texts


def test_no_pin_in_clear_anywhere(engine, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")  # every statement and its parameters
    admin = create_user(UnitOfWork(engine), "admin", "Admin Toko", "admin", "739155")
    kasir = add_user(uow(engine), admin, "kasir", "Maria Bria", "cashier", "46820317")
    login(uow(engine), "admin", "739155")
    login(uow(engine), "kasir", "46820317")
    for wrong in ("739156", "739157", "739158", "739159", "739150"):
        with pytest.raises(AuthError) as refused:
            login(uow(engine), "kasir", wrong)
        assert wrong not in str(refused.value)
    with pytest.raises(AuthError):
        authorize_override(uow(engine), "admin", "5917", REFUND)
    reset_pin(uow(engine), admin, kasir.id, "582046")
    login(uow(engine), "kasir", "582046")
    change_role(uow(engine), admin, kasir.id, "supervisor")

    texts = _all_texts(engine)
    assert any("user.locked" in t for t in texts) and any("user.pin_reset" in t for t in texts)
    logged = [record.getMessage() for record in caplog.records] + [caplog.text]
    assert any("pin_hash" in text for text in logged)  # the statements were logged with their parameters
    for pin in ("739155", "46820317", "582046", "739156", "739150", "5917"):
        assert not [t for t in texts if pin in t], pin
        assert not [t for t in logged if pin in t], pin
    with UnitOfWork(engine) as work:
        hashes = list(work.session.scalars(select(User.pin_hash)))
    assert len(hashes) == 2 and all(h.startswith("scrypt$") for h in hashes)
