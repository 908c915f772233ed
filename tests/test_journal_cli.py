"""The journal key file from the command line (made by init and demo, chosen by --journal-key or
$NTTMART_JOURNAL_KEY, never replaced) and ``nttmart-pos journal verify`` with its exit codes 0, 1 and 2."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import text

from factories import seed_store
from journal_helpers import tampering
from nttmart_pos import cli
from nttmart_pos.db.engine import make_engine
from nttmart_pos.services.journal import install_key, set_fallback_key
from nttmart_pos.services.journal_key import create_key, load_key
from settlement_helpers import sell


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Never the user's real settings, key, database or printer; no test fallback key (as in the program)."""
    from nttmart_pos.services import journal

    monkeypatch.setenv("NTTMART_CONFIG", str(tmp_path / "settings.toml"))
    for name in ("NTTMART_DB_URL", "NTTMART_PRINTER", "NTTMART_JOURNAL_KEY"):
        monkeypatch.delenv(name, raising=False)
    saved = journal._fallback_key
    set_fallback_key(None)
    yield
    set_fallback_key(saved)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def store_with_sales(url: str, key_path) -> dict:
    """Three sales journalled with the key of ``key_path``, as a till would write them."""
    engine = make_engine(url)
    try:
        install_key(engine, load_key(key_path))
        seed = seed_store(engine)
        seed["sales"] = [sell(engine, seed["cashier"], [(seed["ids"]["coffee"], n)]) for n in (1, 2, 3)]
        return seed
    finally:
        engine.dispose()


def test_init_makes_the_key_beside_the_settings_once(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db"
    path = tmp_path / "journal.key"
    code, out, err = run(capsys, "--db", url, "init")
    assert (code, err) == (0, "")
    assert out == (f"Database siap: {url}\nKunci jurnal dibuat: {path}. Cadangkan berkas ini, dan salin ke setiap "
                   f"kasir yang memakai database yang sama.\n")
    key = load_key(path)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    code, out, _err = run(capsys, "--db", url, "init")
    assert code == 0 and "Kunci jurnal" not in out and load_key(path) == key


def test_demo_makes_the_key_too(capsys, tmp_path):
    code, out, _err = run(capsys, "--db", f"sqlite:///{tmp_path}/demo.db", "demo", "--no-gui")
    assert code == 0 and f"Kunci jurnal dibuat: {tmp_path / 'journal.key'}" in out
    assert len(load_key(tmp_path / "journal.key")) == 32


def test_the_key_file_can_live_elsewhere(capsys, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/x.db"
    chosen = tmp_path / "keys" / "toko.key"
    assert run(capsys, "--db", url, "--journal-key", str(chosen), "init")[0] == 0
    assert chosen.exists() and not (tmp_path / "journal.key").exists()
    monkeypatch.setenv("NTTMART_JOURNAL_KEY", str(chosen))
    code, out, _err = run(capsys, "--db", url, "journal", "verify")
    assert (code, out) == (0, "Jurnal utuh: 0 entri diperiksa\n")


def test_verify_an_intact_journal_exits_0(capsys, tmp_path, db_url):
    assert run(capsys, "--db", db_url, "init")[0] == 0
    store_with_sales(db_url, tmp_path / "journal.key")
    code, out, err = run(capsys, "--db", db_url, "journal", "verify")
    assert (code, out, err) == (0, "Jurnal utuh: 3 entri diperiksa\n", "")


def test_verify_names_the_first_problem_and_exits_1(capsys, tmp_path, db_url):
    assert run(capsys, "--db", db_url, "init")[0] == 0
    store = store_with_sales(db_url, tmp_path / "journal.key")
    receipt = store["sales"][1].receipt_no
    engine = make_engine(db_url)
    try:
        with tampering(engine) as conn:
            conn.execute(text("UPDATE sale_lines SET quantity = 1 WHERE sale_id = "
                              "(SELECT id FROM sales WHERE receipt_no = :r)"), {"r": receipt})
    finally:
        engine.dispose()
    code, out, err = run(capsys, "--db", db_url, "journal", "verify")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"Jurnal TIDAK utuh: Penjualan {receipt} tidak sama dengan entri jurnal 2 (baris 1, quantity: 2 -> 1): "
        "data diubah setelah dicatat",
        "Jangan ubah apa pun lagi: simpan salinan database dan berkas kunci jurnal, lalu hubungi manajer."]


def test_verify_with_another_stores_key_exits_1(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db"
    assert run(capsys, "--db", url, "init")[0] == 0
    store_with_sales(url, tmp_path / "journal.key")
    create_key(tmp_path / "other.key")
    code, out, _err = run(capsys, "--db", url, "--journal-key", str(tmp_path / "other.key"), "journal", "verify")
    assert code == 1 and "HMAC entri 1 tidak cocok: kunci salah atau entri diubah" in out


def test_verify_without_a_key_file_exits_2_and_creates_none(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db"
    missing = tmp_path / "none.key"
    code, out, err = run(capsys, "--db", url, "--journal-key", str(missing), "journal", "verify")
    assert (code, out) == (2, "")
    assert err == f"nttmart-pos journal: Berkas kunci jurnal tidak ditemukan: {missing}\n"
    assert not missing.exists()


def test_verify_with_a_broken_key_file_exits_2(capsys, tmp_path):
    broken = tmp_path / "journal.key"
    broken.write_text("bukan kunci\n", encoding="ascii")
    code, _out, err = run(capsys, "--db", f"sqlite:///{tmp_path}/x.db", "journal", "verify")
    assert code == 2 and "rusak" in err and str(broken) in err


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_verify_warns_about_a_key_others_can_read(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db"
    assert run(capsys, "--db", url, "init")[0] == 0
    path = tmp_path / "journal.key"
    path.chmod(0o644)
    code, out, err = run(capsys, "--db", url, "journal", "verify")
    assert (code, out) == (0, "Jurnal utuh: 0 entri diperiksa\n")
    assert err == (f"nttmart-pos journal: peringatan: berkas kunci jurnal {path} dapat dibaca pengguna lain; "
                   f"batasi dengan 'chmod 600 {path}'\n")


def test_a_lost_key_stops_every_command_but_is_never_replaced(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db"
    assert run(capsys, "--db", url, "init")[0] == 0
    store_with_sales(url, tmp_path / "journal.key")
    (tmp_path / "journal.key").rename(tmp_path / "backup.key")
    code, out, err = run(capsys, "--db", url, "init")
    assert (code, out) == (1, "")
    assert "pulihkan dari cadangan" in err and err.count("\n") == 1
    assert not (tmp_path / "journal.key").exists()
    (tmp_path / "backup.key").rename(tmp_path / "journal.key")  # restored from the backup: all is well again
    assert run(capsys, "--db", url, "journal", "verify")[:2] == (0, "Jurnal utuh: 3 entri diperiksa\n")


def test_journal_needs_a_subcommand(capsys, tmp_path):
    code, _out, err = run(capsys, "--db", f"sqlite:///{tmp_path}/x.db", "journal")
    assert code == 2 and "verify" in err


def test_verify_speaks_english_when_the_store_does(capsys, tmp_path):
    (tmp_path / "settings.toml").write_text('[store]\nlanguage = "en"\n', encoding="utf-8")
    url = f"sqlite:///{tmp_path}/x.db"
    assert run(capsys, "--db", url, "init")[0] == 0
    store_with_sales(url, tmp_path / "journal.key")
    assert run(capsys, "--db", url, "journal", "verify")[:2] == (0, "Journal intact: 3 entries checked\n")
