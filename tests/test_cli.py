"""The ``nttmart-pos`` command: qris, init, demo, GUI start, exit codes and messages.

Every test runs ``main([...])`` in-process against files under ``tmp_path``;
one test runs ``python -m nttmart_pos`` to prove the entry point.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types

import pytest
from sqlalchemy import func, select

from nttmart_pos import cli
from nttmart_pos.config import load_settings
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.migrate import is_up_to_date
from nttmart_pos.db.models import Product, StockMovement, User, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import validate_barcode
from nttmart_pos.domain.qris import crc16_ccitt_false
from nttmart_pos.errors import AuthError
from nttmart_pos.services.auth import login

STATIC = (
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW"
    "0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
)
DYNAMIC = (
    "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW"
    "0215ID10200176114730303UMI5204581253033605405250005802ID5922Warung Sayur Bu Sugeng6010Kab. Demak"
    "610559567630468D5"
)


def with_crc(body_without_crc: str) -> str:
    body = body_without_crc + "6304"
    return body + crc16_ccitt_false(body)


USD = with_crc(STATIC[:-8].replace("5303360", "5303840"))


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Never the user's real settings, journal key, database or printer."""
    monkeypatch.setenv("NTTMART_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.delenv("NTTMART_DB_URL", raising=False)
    monkeypatch.delenv("NTTMART_PRINTER", raising=False)
    monkeypatch.delenv("NTTMART_JOURNAL_KEY", raising=False)


@pytest.fixture
def fake_app(monkeypatch):
    """Stands in for ``nttmart_pos.app`` so a GUI start is observable without Qt."""
    module = types.ModuleType("nttmart_pos.app")
    module.calls = []
    module.run = lambda options: module.calls.append(options) or 0
    monkeypatch.setitem(sys.modules, "nttmart_pos.app", module)
    return module


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def count(url: str, model) -> int:
    engine = make_engine(url)
    try:
        with UnitOfWork(engine) as uow:
            return uow.session.scalar(select(func.count()).select_from(model))
    finally:
        engine.dispose()


def can_log_in(url: str, username: str, pin: str) -> bool:
    engine = make_engine(url)
    try:
        login(UnitOfWork(engine), username, pin)
        return True
    except AuthError:
        return False
    finally:
        engine.dispose()


# --- qris -----------------------------------------------------------------


@pytest.mark.parametrize("payload", [STATIC, DYNAMIC])
@pytest.mark.parametrize("amount", ["25000", "25.000", "Rp25.000"])
def test_qris_prints_the_dynamic_vector(capsys, payload, amount):
    assert run(capsys, "qris", "--static", payload, "--amount", amount) == (0, DYNAMIC + "\n", "")


@pytest.mark.parametrize("payload, amount", [
    (STATIC[:-1] + "8", "25000"),  # wrong CRC
    (STATIC[:-40], "25000"),  # cut short: broken TLV
    ("hello", "25000"),
    (USD, "25000"),  # valid CRC, but dollars
    (STATIC, "12,5"),
    (STATIC, "abc"),
    (STATIC, "0"),
    (STATIC, "-5"),
    (STATIC, ""),
])
def test_qris_refuses_bad_input_with_one_line_and_exit_2(capsys, payload, amount):
    code, out, err = run(capsys, "qris", "--static", payload, "--amount", amount)
    assert (code, out) == (2, "")
    assert err.startswith("nttmart-pos: ") and err.endswith("\n") and err.count("\n") == 1


def test_qris_needs_both_options(capsys):
    code, _out, err = run(capsys, "qris", "--static", STATIC)
    assert code == 2 and "--amount" in err


def test_entry_point_runs_as_a_module(tmp_path):
    env = {**os.environ, "NTTMART_CONFIG": str(tmp_path / "settings.toml")}
    done = subprocess.run([sys.executable, "-m", "nttmart_pos", "qris", "--static", STATIC, "--amount", "25000"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, DYNAMIC + "\n", "")


# --- init -----------------------------------------------------------------


def test_init_creates_the_schema_and_the_admin(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db"
    code, out, err = run(capsys, "--db", url, "init", "--admin", "Ani", "--pin", "4321")
    assert (code, err) == (0, "")
    key = tmp_path / "journal.key"  # beside the settings file of the isolated fixture
    assert out == (f"Database siap: {url}\nKunci jurnal dibuat: {key}. Cadangkan berkas ini, dan salin ke setiap "
                   f"kasir yang memakai database yang sama.\nAdmin ani dibuat.\n")
    assert key.exists()
    engine = make_engine(url)
    assert is_up_to_date(engine)
    engine.dispose()
    user = login(UnitOfWork(make_engine(url)), "ani", "4321")
    assert (user.role, user.full_name) == ("admin", "Ani")


def test_init_twice_is_fine_and_keeps_the_existing_admin(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db"
    assert run(capsys, "--db", url, "init", "--admin", "ani", "--pin", "4321")[0] == 0
    code, out, err = run(capsys, "--db", url, "init", "--admin", "ani", "--pin", "1111")
    assert (code, err) == (0, "")
    assert "Pengguna ani sudah ada; tidak diubah." in out
    assert can_log_in(url, "ani", "4321") and not can_log_in(url, "ani", "1111")
    assert run(capsys, "--db", url, "init")[0] == 0
    assert count(url, User) == 1


@pytest.mark.parametrize("extra", [["--admin", "ani"], ["--pin", "4321"]])
def test_admin_and_pin_go_together(capsys, tmp_path, extra):
    code, _out, err = run(capsys, "--db", f"sqlite:///{tmp_path}/x.db", "init", *extra)
    assert code == 2 and "--admin dan --pin harus dipakai bersama" in err
    assert not (tmp_path / "x.db").exists()


def test_a_bad_pin_is_an_error_before_the_database_is_touched(capsys, tmp_path):
    code, out, err = run(capsys, "--db", f"sqlite:///{tmp_path}/x.db", "init", "--admin", "ani", "--pin", "12")
    assert (code, out, err) == (1, "", "nttmart-pos: PIN harus 4 sampai 8 angka\n")
    assert not (tmp_path / "x.db").exists()


def test_database_url_from_the_environment(capsys, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/env.db"
    monkeypatch.setenv("NTTMART_DB_URL", url)
    code, out, _err = run(capsys, "init")
    assert code == 0 and url in out
    assert (tmp_path / "env.db").exists()


def test_an_unreachable_database_is_one_line_without_the_password(capsys):
    code, out, err = run(capsys, "--db", "postgresql://pos:rahasia@127.0.0.1:1/toko", "init")
    assert (code, out) == (1, "")
    assert err.startswith("nttmart-pos: ") and err.count("\n") == 1
    assert "rahasia" not in err and "127.0.0.1:1/toko" in err


def test_an_unusable_database_url_is_one_line(capsys):
    code, out, err = run(capsys, "--db", "not a url", "init")
    assert (code, out) == (1, "") and err.startswith("nttmart-pos: ") and err.count("\n") == 1


# --- demo -----------------------------------------------------------------


def test_demo_loads_a_consistent_store(capsys, db_url, tmp_path):
    code, out, err = run(capsys, "--db", db_url, "demo", "--no-gui")
    assert (code, err) == (0, "")
    assert "Data demo dimuat" in out and "kasir / PIN 1234" in out
    engine = make_engine(db_url)
    try:
        with UnitOfWork(engine) as uow:
            session = uow.session
            assert session.scalar(select(func.count()).select_from(Vendor)) >= 30
            products = session.execute(select(Product.id, Product.barcode, Product.measure,
                                              Product.stock_on_hand)).all()
            ledger = dict(session.execute(select(StockMovement.product_id, func.sum(StockMovement.quantity))
                                          .group_by(StockMovement.product_id)).all())
    finally:
        engine.dispose()
    assert len(products) >= 300
    assert len({p.barcode for p in products}) == len(products)
    for product_id, barcode, measure, stock in products:
        if measure == "unit":
            assert validate_barcode(barcode) == barcode
        assert stock == ledger[product_id]
    assert can_log_in(db_url, "kasir", "1234") and can_log_in(db_url, "manajer", "9999")


def test_demo_twice_duplicates_nothing(capsys, tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert run(capsys, "--db", url, "demo", "--no-gui")[0] == 0
    before = [count(url, model) for model in (Vendor, Product, StockMovement, User)]
    code, out, err = run(capsys, "--db", url, "demo", "--no-gui")
    assert (code, err) == (0, "")
    assert "data demo tidak dimuat lagi" in out
    assert [count(url, model) for model in (Vendor, Product, StockMovement, User)] == before


def test_demo_writes_settings_with_a_working_qris_only_once(capsys, tmp_path, monkeypatch):
    path = tmp_path / "elsewhere" / "demo.toml"
    monkeypatch.setenv("NTTMART_CONFIG", str(path))
    url = f"sqlite:///{tmp_path}/demo.db"
    code, out, _err = run(capsys, "--db", url, "demo", "--no-gui")
    assert code == 0 and str(path) in out
    assert load_settings(path).qris_static == STATIC
    path.write_text('[store]\nstore_name = "Toko Saya"\n', encoding="utf-8")
    assert run(capsys, "--db", url, "demo", "--no-gui")[0] == 0
    assert load_settings(path).store_name == "Toko Saya" and load_settings(path).qris_static == ""


# --- GUI start, settings, language -------------------------------------------


def test_no_command_starts_the_gui_with_the_options(capsys, tmp_path, fake_app):
    url = f"sqlite:///{tmp_path}/gui.db"
    assert run(capsys, "--db", url, "--terminal", "T02", "--screenshot", str(tmp_path / "out.png"))[0] == 0
    [options] = fake_app.calls
    assert (options.db_url, options.terminal, options.screenshot) == (url, "T02", tmp_path / "out.png")


def test_demo_starts_the_gui_unless_told_not_to(capsys, tmp_path, fake_app):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert run(capsys, "--db", url, "demo", "--no-gui")[0] == 0
    assert fake_app.calls == []
    assert run(capsys, "--db", url, "demo")[0] == 0
    assert [options.db_url for options in fake_app.calls] == [url]


def test_a_broken_settings_file_does_not_stop_qris_or_init(capsys, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("store = [", encoding="utf-8")
    code, out, err = run(capsys, "--config", str(broken), "qris", "--static", STATIC, "--amount", "25000")
    assert (code, out) == (0, DYNAMIC + "\n")
    assert err.startswith("nttmart-pos: peringatan: ") and err.count("\n") == 1
    code, out, err = run(capsys, "--config", str(broken), "--db", f"sqlite:///{tmp_path}/x.db", "init")
    assert code == 0 and "Database siap" in out and "peringatan" in err


def test_messages_follow_the_settings_language(capsys, tmp_path):
    english = tmp_path / "en.toml"
    english.write_text('[store]\nlanguage = "en"\n', encoding="utf-8")
    code, out, _err = run(capsys, "--config", str(english), "--db", f"sqlite:///{tmp_path}/x.db", "init")
    assert code == 0 and out.startswith("Database ready: ")
    code, _out, err = run(capsys, "--config", str(english), "qris", "--static", STATIC, "--amount", "abc")
    assert code == 2 and err == "nttmart-pos: Invalid amount of money: abc\n"


def test_help_exits_0(capsys):
    code, out, _err = run(capsys, "--help")
    assert code == 0 and "init" in out and "demo" in out and "qris" in out


