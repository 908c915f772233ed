"""Importing and exporting vendors and products (CSV, XLSX) on SQLite and PostgreSQL: all rows or none,
row-numbered errors, idempotent re-imports, round trips and formula escaping."""

from __future__ import annotations

import csv
import io
import itertools

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from factories import COFFEE, seed_store
from nttmart_pos.db.inventory_models import PriceChange, ProductCertificate
from nttmart_pos.db.models import Base, Product, StockMovement, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import gs1_check_digit
from nttmart_pos.errors import PermissionDenied, PosError, ValidationError
from nttmart_pos.services.auth import UserInfo, create_user
from nttmart_pos.services.exports import export_products, export_vendors
from nttmart_pos.services.import_rows import PRODUCT_COLUMNS
from nttmart_pos.services.imports import ImportError, command_line_user, import_products, import_vendors
from nttmart_pos.services.stock import ledger_stock

UPC_AS_EAN = "0" + "01234567890" + gs1_check_digit("001234567890")  # a code Excel would strip to 11 digits
VENDORS = [
    ["code", "name", "owner", "phone", "regency", "commission_pct", "payout_method", "payout_account"],
    ["kopi02", "Kopi Colol Manggarai", "Frans Jehadu", "0812-4622-5371", "manggarai timur", "15", "transfer",
     "BRI 4122-01-345892-52-7"],
    ["TENUN2", "Tenun Ikat Sikka", "Yosefina", "", "Sikka", "", "cash", ""],
]
PRODUCTS = [
    list(PRODUCT_COLUMNS),
    ["8991234020624", "Kopi Bubuk 100 g", "Kopi", "KOPI01", "Rp40.000", "", "", "bks", "12",
     "P-IRT No. 1234567890123-45", "", "", ""],
    ["", "Selendang Tenun Sikka", "Tenun", "TENUN1", "250.000", "200000", "", "lbr", "3", "", "MD 123456789012",
     "ID00410000123450322", ""],
    [UPC_AS_EAN, "Teh Daun Kelor", "Teh", "KOPI01", "12500", "", "20", "bks", "", "", "", "", "SNI 01-3143"],
]


@pytest.fixture
def manager():
    return UserInfo(1, "manajer", "Manajer", "manager")


@pytest.fixture
def store(engine):
    seed = seed_store(engine)
    seed["manager"] = create_user(UnitOfWork(engine), "manajer", "Manajer Toko", "manager", "9999")
    return seed


def write_csv(path, rows, *, delimiter=",", bom=False):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def write_xlsx(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def snapshot(engine) -> dict:
    """Every row of every table, to prove that a refused import wrote nothing."""
    with engine.connect() as conn:
        return {table.name: sorted(map(tuple, conn.execute(table.select())), key=repr)
                for table in Base.metadata.sorted_tables}


def products_import(engine, store, path, **kwargs):
    return import_products(UnitOfWork(engine, write=True), store["manager"], path, **kwargs)


def vendors_import(engine, store, path, **kwargs):
    return import_vendors(UnitOfWork(engine, write=True), store["manager"], path, **kwargs)


def product(engine, name):
    """The product called ``name`` (detached, loaded), its certificates, and its ledger stock."""
    with UnitOfWork(engine) as uow:
        found = uow.session.scalar(select(Product).where(Product.name == name))
        certificates = {c.kind: c.number for c in uow.session.scalars(
            select(ProductCertificate).where(ProductCertificate.product_id == found.id))}
        stock = ledger_stock(uow.session, found.id)
        uow.session.expunge(found)
        return found, certificates, stock


# --- good files -------------------------------------------------------------


def test_vendors_csv_with_commas_imports_and_a_second_time_changes_nothing(engine, store, tmp_path):
    path = write_csv(tmp_path / "umkm.csv", VENDORS)
    report = vendors_import(engine, store, path)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    with UnitOfWork(engine) as uow:
        kopi = uow.session.scalar(select(Vendor).where(Vendor.code == "KOPI02"))
        tenun = uow.session.scalar(select(Vendor).where(Vendor.code == "TENUN2"))
        assert (kopi.regency, kopi.terms, kopi.commission_pct, kopi.payout_method) == (
            "Manggarai Timur", "commission", 15, "transfer")
        assert (tenun.terms, tenun.commission_pct, tenun.payout_method) == ("harga_setor", None, "cash")
    before = snapshot(engine)
    again = vendors_import(engine, store, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert snapshot(engine) == before


@pytest.mark.parametrize("form", ["csv-comma", "csv-semicolon-bom", "xlsx"])
def test_products_import_from_each_file_form(engine, store, tmp_path, form):
    if form == "xlsx":
        rows = [list(row) for row in PRODUCTS]
        rows[1][4] = 40000.0  # Excel keeps numbers as floats
        rows[1][8] = 12
        path = write_xlsx(tmp_path / "barang.xlsx", rows)
    else:
        semicolon = form == "csv-semicolon-bom"
        path = write_csv(tmp_path / "barang.csv", PRODUCTS, delimiter=";" if semicolon else ",", bom=semicolon)
    report = products_import(engine, store, path)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    coffee, certificates, stock = product(engine, "Kopi Bubuk 100 g")
    assert (coffee.barcode, coffee.price, coffee.unit, coffee.stock_on_hand, stock) == (
        "8991234020624", 40000, "bks", 12, 12)
    assert certificates == {"pirt": "123456789012345"}
    scarf, certificates, stock = product(engine, "Selendang Tenun Sikka")
    assert scarf.barcode.startswith("20") and len(scarf.barcode) == 13
    assert report.rows[1].key == scarf.barcode
    assert (scarf.price, scarf.harga_setor, stock) == (250000, 200000, 3)
    assert certificates == {"bpom": "MD123456789012", "halal": "ID00410000123450322"}
    tea, certificates, stock = product(engine, "Teh Daun Kelor")
    assert (tea.barcode, tea.commission_pct, stock, certificates) == (UPC_AS_EAN, 20, 0, {"sni": "SNI 01-3143"})
    with UnitOfWork(engine) as uow:
        opening = uow.session.scalars(select(StockMovement).where(StockMovement.product_id == coffee.id)).all()
        assert [(m.kind, m.quantity, m.user_id) for m in opening] == [("received", 12, store["manager"].id)]

    before = snapshot(engine)
    again = products_import(engine, store, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert again.notes == ()  # the stock in the file is what is on hand: nothing to say
    assert snapshot(engine) == before


def test_prices_in_every_indonesian_form_are_accepted_and_a_comma_is_not(engine, store, tmp_path):
    rows = [["barcode", "name", "vendor_code", "price"],
            ["8991234020624", "A", "KOPI01", "12500"],
            ["8991234020709", "B", "KOPI01", "12.500"],
            ["8991234020754", "C", "KOPI01", "Rp12.500"],
            ["8991234020778", "D", "KOPI01", " Rp 12.500 "]]
    products_import(engine, store, write_csv(tmp_path / "ok.csv", rows))
    for name in "ABCD":
        assert product(engine, name)[0].price == 12500
    before = snapshot(engine)
    with pytest.raises(ImportError) as caught:
        products_import(engine, store, write_csv(tmp_path / "bad.csv", [*rows, ["8991234020846", "E", "KOPI01",
                                                                                  "12,5"]]))
    assert [(e.row, e.column) for e in caught.value.errors] == [(6, "price")]
    assert "12,5" in str(caught.value)
    assert snapshot(engine) == before


def test_updates_in_place_record_price_history_and_ignore_stock(engine, store, tmp_path):
    rows = [["barcode", "name", "vendor_code", "price", "stock", "halal"],
            [COFFEE, "Kopi Arabika Bajawa 250 g", "KOPI01", "70.000", "999", "ID123"]]
    report = products_import(engine, store, write_csv(tmp_path / "naik.csv", rows))
    assert (report.created, report.updated) == (0, 1)
    assert [(c.column, c.old, c.new) for c in report.rows[0].changes] == [
        ("price", "Rp65.000", "Rp70.000"), ("halal", "", "ID123")]
    assert [(n.row, n.column) for n in report.notes] == [(2, "stock")]
    coffee, certificates, stock = product(engine, "Kopi Arabika Bajawa 250 g")
    assert (coffee.price, coffee.stock_on_hand, stock, certificates) == (70000, 20, 20, {"halal": "ID123"})
    with UnitOfWork(engine) as uow:
        change = uow.session.scalar(select(PriceChange))
        assert (change.old_price, change.new_price, change.user_name) == (65000, 70000, "Manajer Toko")


def test_dry_run_reports_and_writes_nothing(engine, store, tmp_path):
    rows = [list(row) for row in PRODUCTS] + [[COFFEE, "Kopi Arabika Bajawa 250 g", "Kopi", "KOPI01", "66000", "",
                                                "", "pcs", "", "", "", "", ""]]
    before = snapshot(engine)
    report = products_import(engine, store, write_csv(tmp_path / "coba.csv", rows), dry_run=True)
    assert report.dry_run and (report.created, report.updated, report.unchanged) == (3, 1, 0)
    assert [row.key for row in report.rows if row.action == "create"] == ["8991234020624", "", UPC_AS_EAN]
    assert ("price", "Rp65.000", "Rp66.000") in [(c.column, c.old, c.new) for c in report.rows[3].changes]
    assert "Uji coba" in report.summary()
    assert snapshot(engine) == before


# --- bad files --------------------------------------------------------------

GOOD = ["8991234020624", "Kopi Bubuk", "Kopi", "KOPI01", "40000", "", "", "bks", "5", "", "", "", ""]


def with_cell(column: str, value: str, number: int) -> list[str]:
    """``GOOD`` with a barcode of its own (so that rows are no duplicates) and one cell changed."""
    row = list(GOOD)
    body = f"899123409{number:03d}"
    row[0] = body + gs1_check_digit(body)
    row[PRODUCT_COLUMNS.index(column)] = value
    return row


# (kind, column, value, column named in the error, words in the error)
BAD_PRODUCT_CELLS = [
    ("unknown vendor", "vendor_code", "NOPE99", "vendor_code", "NOPE99"),
    ("bad check digit", "barcode", "8991234567890", "barcode", "seharusnya 1"),
    ("leading zeros lost", "barcode", "12345678905", "barcode", "Teks"),
    ("scientific barcode", "barcode", "8.99123E+12", "barcode", "Teks"),
    ("negative price", "price", "-5000", "price", "negatif"),
    ("comma price", "price", "12,5", "price", "12,5"),
    ("harga setor above price", "harga_setor", "45000", "harga_setor", "45.000"),
    ("bad P-IRT", "pirt", "12345", "pirt", "15 angka"),
    ("bad BPOM", "bpom", "MX123", "bpom", "MD atau ML"),
    ("empty name", "name", "  ", "name", "wajib"),
    ("negative stock", "stock", "-1", "stock", "-1"),
    ("commission over 100", "commission_pct", "120", "commission_pct", "100"),
    ("huge cell", "category", "x" * 1001, "category", "1000"),
    ("harga setor vendor without harga setor", "vendor_code", "TENUN1", None, "harga setor"),
]


def test_every_kind_of_bad_product_row_is_named_and_nothing_is_written(engine, store, tmp_path):
    rows = [list(PRODUCT_COLUMNS), GOOD]
    rows += [with_cell(column, value, number)
             for number, (_kind, column, value, _c, _w) in enumerate(BAD_PRODUCT_CELLS)]
    # The same barcode twice (both rows named), and a stored product moved to another vendor while in stock.
    rows += [with_cell("name", "Kopi Dobel", 98), with_cell("name", "Kopi Dobel", 98),
             [COFFEE, "Kopi Arabika Bajawa 250 g", "", "TENUN1", "65000", "50000", "", "pcs", "", "", "", "", ""]]
    before = snapshot(engine)
    with pytest.raises(ImportError) as caught:
        products_import(engine, store, write_csv(tmp_path / "salah.csv", rows))
    errors = caught.value.errors
    expected = [(row, column) for row, (_k, _c, _v, column, _w) in enumerate(BAD_PRODUCT_CELLS, start=3)]
    last = len(BAD_PRODUCT_CELLS) + 3
    expected += [(last, "barcode"), (last + 1, "barcode"), (last + 2, None)]
    assert [(e.row, e.column) for e in errors] == expected, str(caught.value)
    for error, (kind, _c, _v, _column, words) in zip(errors, BAD_PRODUCT_CELLS):
        assert words in error.reason, kind
    assert f"baris {last}" in errors[-2].reason and "masih ada stok" in errors[-1].reason
    assert isinstance(caught.value, ValidationError)
    lines = str(caught.value).splitlines()
    assert lines[1].startswith("baris 3: vendor_code: ") and len(lines) == len(expected) + 1
    assert snapshot(engine) == before  # not even the good row 2


def test_every_kind_of_bad_vendor_row_is_named_and_nothing_is_written(engine, store, tmp_path):
    bad = [
        (["V1", "Tanpa kabupaten", "", "", "Jakarta", "10", "cash", ""], "regency", "22"),
        (["V2", "Bayar aneh", "", "", "Alor", "10", "cek", ""], "payout_method", "cek"),
        (["V3", "Transfer tanpa rekening", "", "", "Alor", "10", "transfer", ""], None, "Rekening"),
        (["V4", "", "", "", "Alor", "10", "cash", ""], "name", "wajib"),
        (["V 5", "Kode salah", "", "", "Alor", "10", "cash", ""], "code", "V 5"),
        (["V6", "Telepon salah", "", "abc", "Alor", "10", "cash", ""], "phone", "abc"),
        (["V7", "Komisi pecahan", "", "", "Alor", "12,5", "cash", ""], "commission_pct", "12,5"),
        (["kopi02", "Kode dobel", "", "", "Alor", "10", "cash", ""], "code", "KOPI02"),
    ]
    rows = [VENDORS[0], VENDORS[1], *(row for row, _column, _words in bad)]
    before = snapshot(engine)
    with pytest.raises(ImportError) as caught:
        vendors_import(engine, store, write_csv(tmp_path / "umkm.csv", rows))
    expected = [(2, "code")] + [(row, column) for row, (_r, column, _w) in enumerate(bad, start=3)]
    assert [(e.row, e.column) for e in caught.value.errors] == expected
    for error, (_row, _column, words) in zip(caught.value.errors[1:], bad):
        assert words in error.reason
    assert snapshot(engine) == before


@pytest.mark.parametrize("header, words", [
    (["code", "name", "kota"], "kota"),
    (["code", "owner"], "name"),
    (["code", "name", "Name"], "ganda"),
])
def test_wrong_columns_are_named(sqlite_engine, manager, tmp_path, header, words):
    with pytest.raises(ImportError) as caught:
        import_vendors(UnitOfWork(sqlite_engine, write=True), manager,
                       write_csv(tmp_path / "umkm.csv", [header, ["V9"] * len(header)]))
    assert [e.row for e in caught.value.errors] == [1] and words in str(caught.value)


def test_headers_ignore_case_and_spaces_and_columns_may_be_left_out(engine, store, tmp_path):
    rows = [[" CODE ", "Name", "Regency "], ["V9", "Garam Bipolo", "kupang"]]
    report = vendors_import(engine, store, write_csv(tmp_path / "umkm.csv", rows))
    assert report.created == 1
    rows = [["code", "name", "owner"], ["V9", "Garam Bipolo", "Agustinus Sabuna"]]
    report = vendors_import(engine, store, write_csv(tmp_path / "pemilik.csv", rows))
    assert [(c.column, c.new) for c in report.rows[0].changes] == [("owner", "Agustinus Sabuna")]
    with UnitOfWork(engine) as uow:
        vendor = uow.session.scalar(select(Vendor).where(Vendor.code == "V9"))
        assert (vendor.name, vendor.owner, vendor.regency) == ("Garam Bipolo", "Agustinus Sabuna", "Kupang")


def test_text_that_is_not_utf8_is_named_by_row(engine, store, tmp_path):
    path = tmp_path / "ansi.csv"
    path.write_bytes("code,name,regency\r\nV8,Kopi,Alor\r\nV9,Caf\u00e9 Ende,Ende\r\n".encode("cp1252"))
    before = snapshot(engine)
    with pytest.raises(ImportError) as caught:
        vendors_import(engine, store, path)
    assert [e.row for e in caught.value.errors] == [3] and "UTF-8" in str(caught.value)
    assert snapshot(engine) == before


@pytest.mark.parametrize("content, words", [
    (b"", "kosong"),
    (b"PK\x03\x04rest of a zip", "XLSX"),
    (b"\xff\xfec\x00o\x00d\x00e\x00", "UTF-16"),
    (b"code,name\n" + b"x" * 70000, "terlalu panjang"),
    (b'code,name\nV9,"never closed\n', "CSV"),
])
def test_files_that_are_not_csv_are_refused_clearly(sqlite_engine, manager, tmp_path, content, words):
    path = tmp_path / "aneh.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        import_vendors(UnitOfWork(sqlite_engine, write=True), manager, path)
    assert words in str(caught.value)


def test_damaged_xlsx_and_other_file_types_are_refused(engine, store, tmp_path):
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    for name, words in [("rusak.xlsx", "XLSX"), ("data.xls", ".xls"), ("tidak-ada.csv", "tidak ditemukan")]:
        with pytest.raises(PosError) as caught:
            vendors_import(engine, store, tmp_path / name)
        assert words in str(caught.value)


def test_xlsx_numbers_and_text_barcodes(engine, store, tmp_path):
    rows = [["barcode", "name", "vendor_code", "price", "stock"],
            [UPC_AS_EAN, "Teks dengan nol", "KOPI01", 12500.0, 3.0],
            [8991234020624, "Angka utuh", "KOPI01", 12500, 2]]
    report = products_import(engine, store, write_xlsx(tmp_path / "angka.xlsx", rows))
    assert report.created == 2
    assert product(engine, "Teks dengan nol")[0].barcode == UPC_AS_EAN
    assert product(engine, "Angka utuh")[0].barcode == "8991234020624"
    rows = [rows[0], [8.99123e12, "Dibulatkan Excel", "KOPI01", 12.5, 1]]
    with pytest.raises(ImportError) as caught:
        products_import(engine, store, write_xlsx(tmp_path / "rusak.xlsx", rows))
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "barcode"), (2, "price")]


def test_only_managers_import_and_export(engine, store, tmp_path):
    path = write_csv(tmp_path / "umkm.csv", VENDORS)
    for call in (lambda: import_vendors(UnitOfWork(engine, write=True), store["cashier"], path),
                 lambda: import_products(UnitOfWork(engine, write=True), store["cashier"], path),
                 lambda: export_vendors(UnitOfWork(engine), store["cashier"], tmp_path / "x.csv"),
                 lambda: export_products(UnitOfWork(engine), store["cashier"], tmp_path / "x.csv")):
        with pytest.raises(PermissionDenied):
            call()
    assert not (tmp_path / "x.csv").exists()


def test_command_line_user_is_the_first_manager_or_admin(engine):
    with pytest.raises(PermissionDenied, match="init --admin"):
        command_line_user(UnitOfWork(engine))
    create_user(UnitOfWork(engine), "kasir", "Kasir", "cashier", "1234")
    boss = create_user(UnitOfWork(engine), "boss", "Bos", "manager", "1234")
    create_user(UnitOfWork(engine), "admin", "Admin", "admin", "1234")
    assert command_line_user(UnitOfWork(engine)) == boss


# --- export and round trip -------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(engine, store, tmp_path, suffix):
    products_import(engine, store, write_csv(tmp_path / "barang.csv", PRODUCTS))
    vendors_import(engine, store, write_csv(tmp_path / "umkm.csv", VENDORS))
    manager = store["manager"]
    assert export_vendors(UnitOfWork(engine), manager, tmp_path / f"v{suffix}") == 4
    assert export_products(UnitOfWork(engine), manager, tmp_path / f"p{suffix}") == 7
    before = snapshot(engine)
    vendors = vendors_import(engine, store, tmp_path / f"v{suffix}")
    products = products_import(engine, store, tmp_path / f"p{suffix}")
    assert (vendors.created, vendors.updated, vendors.unchanged) == (0, 0, 4)
    assert (products.created, products.updated, products.unchanged, products.notes) == (0, 0, 7, ())
    assert snapshot(engine) == before
    export_products(UnitOfWork(engine), manager, tmp_path / f"again{suffix}")
    if suffix == ".csv":
        assert (tmp_path / "again.csv").read_bytes() == (tmp_path / "p.csv").read_bytes()
        assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbfbarcode,name,")


def test_export_defuses_formulas_and_imports_them_back_as_text(engine, store, tmp_path):
    rows = [["code", "name", "owner", "phone", "regency", "commission_pct", "payout_method", "payout_account"],
            ["V9", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+62 812 3456 789", "Alor", "10", "ewallet",
             "-DANA 0812"]]
    vendors_import(engine, store, write_csv(tmp_path / "jahat.csv", rows))
    manager = store["manager"]
    export_vendors(UnitOfWork(engine), manager, tmp_path / "v.csv")
    text = (tmp_path / "v.csv").read_text(encoding="utf-8-sig")
    line = next(line for line in text.splitlines() if line.startswith("V9"))
    assert line == "V9,'=cmd|' /C calc'!A0,'@SUM(1+1),'+62 812 3456 789,Alor,10,ewallet,'-DANA 0812"
    export_vendors(UnitOfWork(engine), manager, tmp_path / "v.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "v.xlsx").worksheets[0]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert cells["'=cmd|' /C calc'!A0"] == "s" and "f" not in cells.values()
    for name in ("v.csv", "v.xlsx"):
        assert vendors_import(engine, store, tmp_path / name).unchanged == 3
    with UnitOfWork(engine) as uow:
        vendor = uow.session.scalar(select(Vendor).where(Vendor.code == "V9"))
        assert (vendor.name, vendor.owner, vendor.phone) == ("=cmd|' /C calc'!A0", "@SUM(1+1)", "+62 812 3456 789")


def test_export_is_atomic_and_write_errors_are_clear(engine, store, tmp_path):
    manager = store["manager"]
    with pytest.raises(PosError, match="tidak dapat ditulis"):
        export_products(UnitOfWork(engine), manager, tmp_path / "no-such-folder" / "p.csv")
    with pytest.raises(ValidationError, match=r"\.pdf"):
        export_products(UnitOfWork(engine), manager, tmp_path / "p.pdf")
    folder = tmp_path / "ekspor"
    folder.mkdir()
    target = folder / "p.csv"
    target.write_text("old")
    export_products(UnitOfWork(engine), manager, target)
    assert target.read_text(encoding="utf-8-sig").startswith("barcode,")
    assert [p.name for p in folder.iterdir()] == ["p.csv"]  # no temporary file left behind


# --- a randomly damaged row --------------------------------------------------

_EXAMPLES = itertools.count()


def valid_rows() -> list[list[str]]:
    """Good rows whose new products are new to every example (earlier examples may have imported theirs)."""
    number = next(_EXAMPLES)

    def code(item: int) -> str:
        body = f"8997{number % 10000:04d}{item:04d}"
        return body + gs1_check_digit(body)

    return [
        [code(1), f"Kopi Bubuk 100 g {number}", "Kopi", "KOPI01", "Rp40.000", "", "", "bks", "10", "", "", "", ""],
        ["", f"Selendang Rote {number}", "Tenun", "TENUN1", "250.000", "200000", "", "lbr", "2",
         "P-IRT No. 1234567890123-45", "", "", ""],
        [COFFEE, "Kopi Arabika Bajawa 250 g", "", "KOPI01", "65000", "", "", "pcs", "", "", "", "", ""],
        [code(2), f"Madu Timor {number}", "Madu", "KOPI01", "85000", "", "15", "btl", "4", "", "MD123456789012",
         "", ""],
    ]


NASTY = ["12,5", "-1", "=1+1", "'", "8.99123E+12", "\x00", "\n", "\r", '"', ";", ",", "Rp", "0" * 13,
         "MD12345", "x" * 1001, "\u00e9", "101", "TENUN1", "kopi01", " "]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, 3), column=st.integers(0, len(PRODUCT_COLUMNS) - 1),
       text=st.one_of(st.text(max_size=40), st.sampled_from(NASTY)), template=st.integers(0, 3))
def test_a_randomly_damaged_row_is_named_or_accepted_and_never_half_written(store, engine, tmp_path, position,
                                                                          column, text, template):
    valid = valid_rows()
    bad = list(valid[template])
    bad[column] = text
    others = [row for index, row in enumerate(valid) if index != template]
    position = min(position, len(others))
    rows = [list(PRODUCT_COLUMNS), *others[:position], bad, *others[position:]]
    bad_row = position + 2  # the header is row 1
    before = snapshot(engine)
    try:
        report = products_import(engine, store, write_csv(tmp_path / "acak.csv", rows))
    except ImportError as exc:
        event("refused")
        assert bad_row in {error.row for error in exc.errors}, str(exc)
        assert snapshot(engine) == before
    else:
        event("accepted")
        assert len(report.rows) == len(rows) - 1
        after = snapshot(engine)
        assert len(after["products"]) == len(before["products"]) + report.created


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_arbitrary_bytes_are_refused_with_a_message_never_a_crash(sqlite_engine, manager, tmp_path, body, suffix):
    path = tmp_path / f"acak{suffix}"
    path.write_bytes(b"code,name,regency\n" + body)
    before = snapshot(sqlite_engine)
    try:
        import_vendors(UnitOfWork(sqlite_engine, write=True), manager, path)
    except ValidationError as exc:
        assert str(exc).strip()
        assert snapshot(sqlite_engine) == before
