"""The journal's pieces: canonical JSON, the HMAC chain, no key no journal, and the key file
(made once, owner-only, never overwritten, never replaced for an existing journal)."""

from __future__ import annotations

import json
import os
import stat

import pytest
from sqlalchemy import select

from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import JournalError
from nttmart_pos.services.journal import (
    GENESIS_MAC,
    append,
    canonical,
    compute_mac,
    install_key,
    key_for,
    set_fallback_key,
)
from nttmart_pos.services.journal_key import (
    KeyFileExists,
    create_key,
    ensure_key,
    journal_has_entries,
    key_is_private,
    load_key,
)

POSIX = os.name == "posix"


@pytest.fixture
def no_fallback_key():
    """As in the program: an engine journals only with a key installed from its key file."""
    from nttmart_pos.services import journal

    saved = journal._fallback_key
    set_fallback_key(None)
    try:
        yield
    finally:
        set_fallback_key(saved)


# --- canonical JSON -----------------------------------------------------------

def test_canonical_sorts_keys_without_spaces_and_keeps_unicode():
    assert canonical({"b": 1, "a": [2, {"d": None, "c": True}], "é": "Rp12.500"}) == \
        '{"a":[2,{"c":true,"d":null}],"b":1,"é":"Rp12.500"}'


@pytest.mark.parametrize("value", [1.5, {"amount": 0.1}, [1, [2.0]], {"a": {"b": float("nan")}}])
def test_canonical_refuses_floats_anywhere(value):
    with pytest.raises(TypeError):
        canonical(value)


# --- the chain ----------------------------------------------------------------

def write(engine, kind: str, data: dict, user: UserInfo | None = None) -> tuple[int, str, str]:
    """Journal one event in its own transaction; its (seq, mac, body)."""
    with UnitOfWork(engine, write=True) as uow:
        entry = append(uow.session, kind, data, user=user, terminal="T01", ref=f"ref-{kind}")
        written = (entry.seq, entry.mac, entry.body)
        uow.commit()
        return written


def test_entries_chain_by_hmac_from_the_genesis(engine):
    install_key(engine, b"k" * 32)
    user = UserInfo(None, "sistem", "Sistem", "admin")
    written = [write(engine, "test.one", {"n": 1}), write(engine, "test.two", {"n": 2}, user),
               write(engine, "test.three", {"n": [3, "tiga"]})]
    with UnitOfWork(engine) as uow:
        entries = [(e.seq, e.prev_mac, e.mac, e.body, e.user_name)
                   for e in uow.session.scalars(select(JournalEntry).order_by(JournalEntry.seq))]
    assert [e[0] for e in entries] == [1, 2, 3] and [seq for seq, _mac, _body in written] == [1, 2, 3]
    previous = GENESIS_MAC
    for _seq, prev_mac, mac, body, _user in entries:
        assert prev_mac == previous
        assert mac == compute_mac(b"k" * 32, previous, body)
        assert body == canonical(json.loads(body))
        previous = mac
    body = json.loads(entries[1][3])
    assert (body["seq"], body["kind"], body["user"], body["terminal"], body["data"]) == (2, "test.two", "Sistem",
                                                                                        "T01", {"n": 2})
    assert entries[1][4] == "Sistem" and entries[0][4] == ""


def test_the_mac_covers_the_previous_mac_and_the_body():
    base = compute_mac(b"k" * 32, GENESIS_MAC, '{"a":1}')
    assert len(base) == 64
    assert base != compute_mac(b"k" * 32, "1" * 64, '{"a":1}')
    assert base != compute_mac(b"k" * 32, GENESIS_MAC, '{"a":2}')
    assert base != compute_mac(b"j" * 32, GENESIS_MAC, '{"a":1}')


def test_without_a_key_nothing_is_journalled(engine, no_fallback_key):
    with pytest.raises(JournalError, match="Kunci jurnal belum dipasang"):
        write(engine, "test.one", {"n": 1})
    assert not journal_has_entries(engine)
    with pytest.raises(JournalError):
        install_key(engine, b"short")


# --- the key file -------------------------------------------------------------

def test_a_new_key_file_is_64_hex_digits_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "new folder" / "journal.key"
    key = create_key(path)
    text = path.read_text(encoding="ascii")
    assert len(key) == 32 and text == key.hex() + "\n"
    assert load_key(path) == key
    if POSIX:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600 and key_is_private(path)
    assert [p.name for p in path.parent.iterdir()] == ["journal.key"]  # no temporary file left behind


def test_a_key_file_is_never_overwritten(tmp_path):
    path = tmp_path / "journal.key"
    key = create_key(path)
    with pytest.raises(KeyFileExists, match="sudah ada; tidak ditimpa"):
        create_key(path)
    assert load_key(path) == key
    assert create_key(tmp_path / "other.key") != key  # random


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_a_key_file_others_can_read_is_noticed(tmp_path):
    path = tmp_path / "journal.key"
    create_key(path)
    path.chmod(0o644)
    assert not key_is_private(path)
    assert len(load_key(path)) == 32  # still used: refusing it would stop the till


@pytest.mark.parametrize("content", ["", "abc\n", "zz" * 32 + "\n", "ab" * 33 + "\n", "ab" * 31])
def test_a_broken_key_file_is_refused_by_name(tmp_path, content):
    path = tmp_path / "journal.key"
    path.write_text(content, encoding="ascii")
    with pytest.raises(JournalError, match="rusak: isinya harus 64 angka heksadesimal") as raised:
        load_key(path)
    assert str(path) in str(raised.value)


def test_a_missing_key_file_is_named(tmp_path):
    with pytest.raises(JournalError, match="Berkas kunci jurnal tidak ditemukan") as raised:
        load_key(tmp_path / "none.key")
    assert str(tmp_path / "none.key") in str(raised.value)


def test_upper_case_hex_and_no_newline_are_accepted(tmp_path):
    path = tmp_path / "journal.key"
    path.write_text("AB" * 32, encoding="ascii")
    assert load_key(path) == bytes([0xAB]) * 32


# --- ensure_key: install, create, refuse ------------------------------------------

def test_a_fresh_database_gets_a_new_key_and_uses_it(engine, tmp_path, no_fallback_key):
    path = tmp_path / "journal.key"
    key = ensure_key(engine, path, create=True)
    assert load_key(path) == key and key_for(engine) == key
    assert not journal_has_entries(engine)  # nothing older to mark: no journal.start
    _seq, mac, body = write(engine, "test.one", {"n": 1})
    assert mac == compute_mac(key, GENESIS_MAC, body)
    assert ensure_key(engine, path, create=True) == key  # the next start reads the same file


def test_without_create_a_missing_key_is_an_error(engine, tmp_path, no_fallback_key):
    with pytest.raises(JournalError, match="tidak ditemukan"):
        ensure_key(engine, tmp_path / "journal.key", create=False)
    assert not (tmp_path / "journal.key").exists()


def test_a_missing_key_for_an_existing_journal_is_refused_not_replaced(engine, tmp_path, no_fallback_key):
    first = tmp_path / "journal.key"
    ensure_key(engine, first, create=True)
    write(engine, "test.one", {"n": 1})  # a fresh engine on the same database: another till, or a restart
    till = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        lost = tmp_path / "elsewhere" / "journal.key"
        with pytest.raises(JournalError, match="pulihkan dari cadangan") as raised:
            ensure_key(till, lost, create=True)
        assert str(lost) in str(raised.value) and not lost.exists()
        with pytest.raises(JournalError, match="belum dipasang"):
            key_for(till)
        assert ensure_key(till, first, create=True) == load_key(first)  # the restored file works
    finally:
        till.dispose()


def test_a_wrong_key_file_for_an_existing_journal_is_refused_at_start(engine, tmp_path, no_fallback_key):
    """A second till given another till's key of a different store (or a fresh one) would break the chain
    with its first sale; it is refused at start-up, by name, and nothing is written."""
    first = tmp_path / "journal.key"
    ensure_key(engine, first, create=True)
    write(engine, "test.one", {"n": 1})
    wrong = tmp_path / "other" / "journal.key"
    wrong.parent.mkdir()
    create_key(wrong)
    till = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        with pytest.raises(JournalError, match="tidak cocok") as raised:
            ensure_key(till, wrong, create=True)
        assert str(wrong) in str(raised.value)
        with pytest.raises(JournalError, match="belum dipasang"):
            key_for(till)  # not installed: this till cannot journal (sell) with it
        assert ensure_key(till, first, create=True) == load_key(first)  # the right file works
    finally:
        till.dispose()
