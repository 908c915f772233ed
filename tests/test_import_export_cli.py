"""``nttmart-pos import`` and ``export``: exit codes, messages one per line, the identity the CLI acts as."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nttmart_pos import cli
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.inventory_models import PriceChange
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork

VENDORS = ("code;name;owner;phone;regency;commission_pct;payout_method;payout_account\r\n"
           "KOPI01;Kopi Bajawa Flores;Yohanes;0813-5186-1712;Ngada;15;transfer;BRI 9512-01\r\n"
           "TENUN1;Tenun Ina Ndao;Dortia;;Rote Ndao;;cash;\r\n")
PRODUCTS = ("barcode,name,category,vendor_code,price,harga_setor,commission_pct,unit,stock,pirt,bpom,halal,sni\n"
            "8991234567891,Kopi Arabika Bajawa 250 g,Kopi,KOPI01,Rp65.000,,,bks,20,,,,\n"
            ",Selendang Tenun Rote,Tenun,TENUN1,250.000,200.000,,lbr,5,P-IRT 123456789012345,,,\n")
BAD_PRODUCTS = ("barcode,name,vendor_code,price,harga_setor\n"
                "8991234020624,Kopi Bubuk,KOPI01,40000,\n"
                "8991234567890,Kopi Salah,KOPI01,40000,\n"
                "8991234020709,Kopi Mahal,KOPI01,40000,50000\n"
                "8991234020754,Kopi Koma,KOPI01,\"12,5\",\n"
                "8991234020778,Kopi Hilang,NOPE,1000,\n")


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A database URL and the global options that go before every subcommand."""
    monkeypatch.delenv("NTTMART_DB_URL", raising=False)
    url = f"sqlite:///{tmp_path}/x.db"
    return url, ["--db", url, "--config", str(tmp_path / "s.toml")]


def run(capsys, options, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*options, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    try:
        with UnitOfWork(engine) as uow:
            return tuple(uow.session.scalar(select(func.count()).select_from(model))
                         for model in (Vendor, Product, PriceChange))
    finally:
        engine.dispose()


@pytest.fixture
def ready(db, capsys, tmp_path):
    """A database with an admin, the vendors and products imported."""
    url, options = db
    assert run(capsys, options, "init", "--admin", "ani", "--pin", "4321")[0] == 0
    (tmp_path / "umkm.csv").write_bytes(b"\xef\xbb\xbf" + VENDORS.encode())
    (tmp_path / "barang.csv").write_text(PRODUCTS, encoding="utf-8")
    assert run(capsys, options, "import", "vendors", str(tmp_path / "umkm.csv"))[0] == 0
    assert run(capsys, options, "import", "products", str(tmp_path / "barang.csv"))[0] == 0
    return url, options


def test_without_an_admin_the_commands_say_how_to_make_one(db, capsys, tmp_path):
    url, options = db
    (tmp_path / "umkm.csv").write_text(VENDORS, encoding="utf-8")
    for argv in (["import", "vendors", str(tmp_path / "umkm.csv")], ["export", "products", str(tmp_path / "p.csv")]):
        code, out, err = run(capsys, options, *argv)
        assert (code, out) == (1, "")
        assert "nttmart-pos init --admin" in err and err.count("\n") == 1
    assert counts(url) == (0, 0, 0) and not (tmp_path / "p.csv").exists()


def test_import_prints_what_it_did_and_twice_changes_nothing(db, capsys, tmp_path):
    url, options = db
    run(capsys, options, "init", "--admin", "ani", "--pin", "4321")
    (tmp_path / "umkm.csv").write_bytes(b"\xef\xbb\xbf" + VENDORS.encode())
    code, out, err = run(capsys, options, "import", "vendors", str(tmp_path / "umkm.csv"))
    assert (code, err) == (0, "")
    assert out.splitlines() == ["baris 2: baru KOPI01 Kopi Bajawa Flores", "baris 3: baru TENUN1 Tenun Ina Ndao",
                                "Impor selesai: 2 dibuat, 0 diubah, 0 tetap."]
    (tmp_path / "barang.csv").write_text(PRODUCTS, encoding="utf-8")
    code, out, err = run(capsys, options, "import", "products", str(tmp_path / "barang.csv"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "baris 2: baru 8991234567891 Kopi Arabika Bajawa 250 g"
    assert lines[1].startswith("baris 3: baru 20") and lines[1].endswith(" Selendang Tenun Rote")
    assert lines[2] == "Impor selesai: 2 dibuat, 0 diubah, 0 tetap."
    assert counts(url) == (2, 2, 0)
    code, out, err = run(capsys, options, "import", "products", str(tmp_path / "barang.csv"))
    assert (code, out, err) == (0, "Impor selesai: 0 dibuat, 0 diubah, 2 tetap.\n", "")


def test_a_bad_file_exits_1_listing_every_bad_row_and_writes_nothing(ready, capsys, tmp_path):
    url, options = ready
    before = counts(url)
    (tmp_path / "salah.csv").write_text(BAD_PRODUCTS, encoding="utf-8")
    code, out, err = run(capsys, options, "import", "products", str(tmp_path / "salah.csv"))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith("nttmart-pos: berkas ") and "ditolak" in lines[0] and "(4 kesalahan)" in lines[0]
    assert lines[1] == "baris 3: barcode: Digit pemeriksa barcode salah: 8991234567890 (seharusnya 1)"
    assert lines[2].startswith("baris 4: harga_setor: harga setor 50.000 lebih tinggi dari harga jual 40.000")
    assert lines[3:] == ["baris 5: price: Jumlah uang tidak valid: 12,5",
                         "baris 6: vendor_code: UMKM dengan kode NOPE tidak ada"]
    assert counts(url) == before


def test_a_bad_vendor_code_is_named(ready, capsys, tmp_path):
    url, options = ready
    (tmp_path / "v.csv").write_text("barcode,name,vendor_code,price\n8991234020624,Kopi,NOPE,1000\n")
    code, _out, err = run(capsys, options, "import", "products", str(tmp_path / "v.csv"))
    assert code == 1 and err.splitlines()[1] == "baris 2: vendor_code: UMKM dengan kode NOPE tidak ada"


def test_dry_run_shows_the_changes_and_writes_nothing(ready, capsys, tmp_path):
    url, options = ready
    before = counts(url)
    (tmp_path / "naik.csv").write_text("barcode,name,vendor_code,price,stock\n"
                                       "8991234567891,Kopi Arabika Bajawa 250 g,KOPI01,70.000,3\n"
                                       ",Kain Baru,KOPI01,10000,1\n", encoding="utf-8")
    code, out, err = run(capsys, options, "import", "products", str(tmp_path / "naik.csv"), "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "baris 2: ubah 8991234567891 Kopi Arabika Bajawa 250 g: price Rp65.000 -> Rp70.000",
        "baris 3: baru (kode toko baru) Kain Baru",
        "baris 2: stock: stok 3 diabaikan: barang 8991234567891 sudah ada (stok sekarang 20); stok barang lama "
        "hanya berubah lewat penerimaan titipan, retur atau stok opname",
        "Uji coba, tidak ada yang disimpan: 1 akan dibuat, 1 akan diubah, 0 tetap.",
    ]
    assert counts(url) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_is_unchanged(ready, capsys, tmp_path, suffix):
    url, options = ready
    for kind, count in (("vendors", "2 UMKM"), ("products", "2 barang")):
        path = str(tmp_path / f"{kind}{suffix}")
        assert run(capsys, options, "export", kind, path) == (0, f"{count} diekspor ke {path}.\n", "")
        code, out, _err = run(capsys, options, "import", kind, path)
        assert (code, out) == (0, "Impor selesai: 0 dibuat, 0 diubah, 2 tetap.\n")


def test_export_refuses_other_file_types_and_unwritable_places(ready, capsys, tmp_path):
    _url, options = ready
    code, out, err = run(capsys, options, "export", "products", str(tmp_path / "barang.pdf"))
    assert (code, out) == (1, "") and ".csv atau .xlsx" in err and err.count("\n") == 1
    code, _out, err = run(capsys, options, "export", "vendors", str(tmp_path / "tidak" / "ada" / "v.csv"))
    assert code == 1 and "tidak dapat ditulis" in err and err.count("\n") == 1


def test_missing_file_and_usage_errors(ready, capsys, tmp_path):
    _url, options = ready
    code, _out, err = run(capsys, options, "import", "vendors", str(tmp_path / "hilang.csv"))
    assert code == 1 and "tidak ditemukan" in err
    assert run(capsys, options, "import")[0] == 2
    assert run(capsys, options, "import", "pelanggan", "x.csv")[0] == 2
    assert run(capsys, options, "export", "vendors")[0] == 2


def test_help_explains_the_identity(capsys):
    with pytest.raises(SystemExit):
        cli._build_parser()[0].parse_args(["import", "--help"])
    out = capsys.readouterr().out
    assert "admin atau manajer" in out and "init --admin" in out
