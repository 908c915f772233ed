"""Hostile input for every parser that reads what a person, a scanner or a file hands the program.

Whatever comes in (control characters, very long strings, digits of other
scripts, broken encodings, NUL bytes, spreadsheet formulas), only the
expected ``PosError`` subclass may come out, never a bare Python exception;
a preview or a refused file writes nothing; and names that a spreadsheet
would run as a formula are exported defused.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import time
import zipfile
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from factories import COFFEE, seed_store
from nttmart_pos.config import Settings, load_settings
from nttmart_pos.db.models import Base, Counter, Product, User, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import (decode_scan, equivalent_codes, gs1_check_digit, instore_code, is_instore,
                                         validate_barcode)
from nttmart_pos.domain.money import ensure_rupiah, format_rupiah, parse_rupiah
from nttmart_pos.domain.qris import amount_of, crc16_ccitt_false, make_dynamic, merchant_name, parse_tlv, validate_qris
from nttmart_pos.errors import BarcodeError, ConfigError, MoneyError, PosError, QrisError, ValidationError
from nttmart_pos.reports.tabular import FORMULA_STARTS
from nttmart_pos.services.catalog import ProductInput, VendorInput, add_product, add_vendor, product_for_scan
from nttmart_pos.services.exports import export_products, export_vendors
from nttmart_pos.services.import_sales import import_sales
from nttmart_pos.services.imports import import_products, import_vendors
from settlement_helpers import quick_user

STATIC = ("00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW"
          "0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak"
          "610559567630458C7")
PURE = settings(max_examples=200, deadline=None, database=None)
DB = settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
EXPORTS = settings(DB, max_examples=10)  # each example writes four files and reads one back

# Any character, surrogates and control characters included.
any_char = st.characters(exclude_categories=())
any_text = st.text(any_char, max_size=60)
OTHER_DIGITS = "١٢٣٤٥٦٧٨٩٠۱۲۳０１２３４५६७๑๒๓"
digitish = st.text(st.sampled_from("0123456789" + OTHER_DIGITS + " .\t\r\n\x00-+"), max_size=20)
long_text = st.builds(lambda c, n: c * n, st.sampled_from("9 \x00\u202ea١"), st.integers(100, 5000))
hostile = st.one_of(any_text, digitish, long_text)


def as_utf8(text: str) -> bytes:
    """``text`` as UTF-8 bytes; a lone surrogate (which UTF-8 cannot hold) becomes its three bytes anyway
    (``surrogatepass``): a file or scan that is not valid UTF-8 on purpose, as a broken program writes it."""
    return text.encode("utf-8", "surrogatepass")


# -- barcodes -------------------------------------------------------------------------

@PURE
@given(hostile)
@example("١٢٣")
@example("899123456789١")
@example("\x00" * 13)
@example(" 8991234567891\r\n")
def test_barcode_parsers_raise_only_barcode_errors(text):
    try:
        code = validate_barcode(text)
    except BarcodeError:
        assert not is_instore(text)
    else:
        assert code.isascii() and code.isdigit() and len(code) in (8, 12, 13)
        assert gs1_check_digit(code[:-1]) == code[-1] and code in equivalent_codes(code)
    try:
        scanned = decode_scan(text)
    except BarcodeError:
        return
    assert scanned.code.isascii() and (scanned.grams or 0) >= 0 and (scanned.price or 0) >= 0
    assert scanned.lookup_code.isdigit() and scanned.lookup_code.isascii()


@PURE
@given(st.one_of(st.integers(-10**12, 10**12), st.booleans(), st.floats(), st.text(max_size=5), st.none()))
def test_instore_codes_refuse_what_is_not_a_number_in_range(number):
    try:
        code = instore_code(number)
    except BarcodeError:
        assert not (type(number) is int and 0 <= number < 10**10)
    else:
        assert is_instore(code) and validate_barcode(code) == code


@pytest.fixture
def seeded(engine):
    seed_store(engine)
    return engine


def table_counts(engine) -> dict[str, object]:
    """How many rows each table has, and what the rows an import would update say."""
    with UnitOfWork(engine) as uow:
        session = uow.session
        state: dict[str, object] = {table.name: session.scalar(select(func.count()).select_from(table))
                                    for table in Base.metadata.sorted_tables}
        state["products"] = session.execute(select(Product.id, Product.barcode, Product.name, Product.price,
                                                   Product.harga_setor, Product.commission_pct, Product.unit,
                                                   Product.stock_on_hand, Product.vendor_id).order_by(Product.id)).all()
        state["vendors"] = session.execute(select(Vendor.id, Vendor.code, Vendor.name, Vendor.terms,
                                                  Vendor.commission_pct, Vendor.payout_method).order_by(Vendor.id)).all()
        state["counters"] = session.execute(select(Counter.name, Counter.value).order_by(Counter.name)).all()
        return state


@DB
@given(st.one_of(hostile, st.sampled_from([COFFEE, "2100001015002", "2100001000000", "0" + COFFEE,
                                           "21000010150026", "2200001012345"])))
def test_scanning_anything_at_the_till_raises_only_pos_errors(seeded, text):
    try:
        found = product_for_scan(UnitOfWork(seeded), text)
    except PosError:
        return
    assert found.product.barcode in (COFFEE, "2100001")


# -- QRIS -------------------------------------------------------------------------------

def with_crc(body: str) -> str:
    body = body + "6304"
    return body + crc16_ccitt_false(body)


tlv_field = st.builds(lambda tag, value: f"{tag:02d}{len(value):02d}{value}", st.integers(0, 99),
                      st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=30))
tlv_ish = st.lists(tlv_field, max_size=8).map("".join)


@st.composite
def mutated_vector(draw):
    """The valid static vector with a few characters replaced, inserted or deleted; often the CRC redone."""
    text = list(STATIC)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        char = draw(st.one_of(st.sampled_from("0123456789"), any_char))
        if action == "insert" or at == len(text):
            text.insert(at, char)
        elif action == "replace":
            text[at] = char
        else:
            del text[at]
    payload = "".join(text)
    if draw(st.booleans()) and len(payload) > 8:
        payload = with_crc(payload[:-8])
    return payload


payloads = st.one_of(any_text, tlv_ish, tlv_ish.map(with_crc), mutated_vector(),
                     st.binary(max_size=200), mutated_vector().map(as_utf8))
amounts = st.one_of(st.integers(-10, 10**14), st.booleans(), st.floats(), st.none(), st.text(max_size=6))


@PURE
@given(payloads, amounts)
@example(STATIC, 25000)
@example(as_utf8(STATIC[:40] + "\ud83d" + STATIC[41:]), 25000)
@example(with_crc("000201010211" + "5303360" + "5802ID" + "5403000"), 1)
@example(STATIC.replace("5802ID", "5802ID5403-12").replace("58C7", "0000"), 5)
def test_qris_parsers_raise_only_qris_errors(payload, amount):
    for parse in (parse_tlv, validate_qris, amount_of, merchant_name):
        try:
            parse(payload)
        except QrisError:
            pass
    try:
        dynamic = make_dynamic(payload, amount)
    except QrisError:
        return
    assert type(amount) is int and amount >= 1
    assert validate_qris(dynamic) and amount_of(dynamic) == amount
    text = payload.decode("ascii") if isinstance(payload, bytes) else payload
    assert dict(parse_tlv(dynamic)).get("59") == dict(parse_tlv(text.strip())).get("59")


# -- money ----------------------------------------------------------------------------------

MONEY_SAMPLES = ["12.5", "12,5", "12,500", "1e3", "1E3", "0x10", "nan", "inf", "-0", "+5", "Rp -5", "Rp", "rp 1.000",
                 "12.500,00", "1.2.3", "1_000", "１２５００", "١٢٥٠٠", "12 500", "Rp12.500\n", "9" * 16, "9" * 15]


@PURE
@given(st.one_of(hostile, st.sampled_from(MONEY_SAMPLES),
                 st.builds(lambda a, b: f"{a}{b}", st.sampled_from(["", "Rp", "Rp ", "rp", "-"]),
                           st.floats(allow_nan=True).map(str))))
def test_money_parser_takes_only_whole_rupiah(text):
    try:
        amount = parse_rupiah(text)
    except MoneyError:
        return
    assert type(amount) is int and 0 <= amount < 10**15
    assert not any(mark in text for mark in (",", "e", "E", "_")), "a decimal or scientific notation was accepted"
    assert parse_rupiah(format_rupiah(amount)) == amount


@PURE
@given(st.one_of(st.floats(), st.decimals(allow_nan=True), st.fractions(), st.booleans(), st.text(max_size=5),
                 st.none(), st.integers()))
@example(12500.0)
@example(Decimal("12500"))
@example(Fraction(25, 2))
def test_amounts_inside_the_program_are_ints_never_floats(value):
    try:
        assert ensure_rupiah(value) == value and type(value) is int and value >= 0
        assert format_rupiah(value).startswith("Rp")
    except MoneyError:
        assert type(value) is not int or value < 0


@PURE
@given(hostile)
@example("1e3")
@example("٣")
@example("31-02-2030")
@example("12.5")
def test_till_and_back_office_number_fields_raise_only_validation_errors(text):
    from nttmart_pos.ui.manager.document_lines_model import parse_day, parse_quantity
    from nttmart_pos.ui.manager.stocktake_count import parse_count

    for parse in (parse_count, parse_quantity):
        try:
            assert type(parse(text)) is int
        except ValidationError:
            pass
    try:
        day = parse_day(text, date(2026, 1, 1))
    except ValidationError:
        return
    assert day is None or isinstance(day, date)


# -- settings files ------------------------------------------------------------------------------

setting_values = st.one_of(st.text(max_size=20), st.integers(-2**63, 2**63 - 1), st.booleans(), st.floats(),
                           st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                               st.integers(), max_size=2),
                           st.datetimes(), st.dates(), st.sampled_from(["", "T01", "en", "pkp", STATIC, "x" * 300]))
setting_keys = st.sampled_from([f.name for f in Settings.__dataclass_fields__.values()] + ["store", "unknown"])
toml_documents = st.one_of(
    st.dictionaries(setting_keys, setting_values, max_size=6),
    st.dictionaries(st.just("store"), st.dictionaries(setting_keys, setting_values, max_size=6), max_size=1),
).map(tomli_w.dumps)


@contextmanager
def temporary_folder():
    folder = Path(tempfile.mkdtemp(prefix="nttmart-fuzz-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@PURE
@given(st.one_of(toml_documents, toml_documents.map(str.encode), st.binary(max_size=300), any_text.map(as_utf8),
                 st.sampled_from([b"store = 5", b"store = [1, 2]", b'qris_static = "bukan qris"',
                                  b"x = " + b"[" * 5000 + b"]" * 5000, b"x = " + b"{a=" * 3000 + b"1" + b"}" * 3000,
                                  "store_name = 'Toko\u0000'".encode(), b"\xff\xfe[store]", b"paper_width = 58.0"])))
@example(as_utf8("store_name = '\ud800'"))
@example(as_utf8("\udfff"))
def test_settings_files_raise_only_config_errors(content):
    with temporary_folder() as folder:
        path = folder / "settings.toml"
        path.write_bytes(content if isinstance(content, bytes) else as_utf8(content))
        try:
            loaded = load_settings(path)
        except ConfigError:
            return
    assert loaded == loaded.validated() and isinstance(loaded.paper_width, int)


# -- import files ----------------------------------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "=1+1", "+62 812 3456", "-5", "@SUM(A1:A2)", '=HYPERLINK("http://x","y")',
            "\t=1", "'=1", "''=2"]
NASTY = ["", " ", "\x00", "a\x00b", "\u202egnp.exe", "\ufeffcode", "١٢٣", "١٢.٥٠٠", "12,5", "1e5", "9" * 40,
         "x" * 1200, '"', '""', "a\nb", "NULL", "Rp 12.500", "12.500", "0", "-0", COFFEE, "899123456789",
         "2100001015002", "8.99123E+12", "KOPI01", "kopi01", "TENUN1", "harga setor", "15%", "150", "tunai",
         "2026-13-45", "2025-06-01", "2025-06-01 10:30", "0001-01-01 00:00", "0001-01-01", "9999-12-31 23:59", "ORD-1", "whatsapp",
         "marketplace", "qris", "P-IRT 1234567890123-45", "BPOM RI MD 123456789012"]
COLUMNS = ["code", "name", "owner", "phone", "regency", "commission_pct", "payout_method", "payout_account",
           "barcode", "category", "vendor_code", "price", "harga_setor", "unit", "stock", "pirt", "bpom", "halal",
           "sni", "order_id", "date", "qty", "unit_price", "channel", "payment_method", "Price ", "BARCODE", "", "??"]
cell = st.one_of(st.sampled_from(FORMULAS + NASTY), st.text(max_size=12), st.text(any_char, max_size=8))


@st.composite
def sheets(draw, known: list[str]) -> list[list[str]]:
    """A header (mostly the right columns, in any order) and rows of awkward cells."""
    header = draw(st.one_of(st.permutations(known), st.lists(st.sampled_from(COLUMNS + known), max_size=10)))
    rows = draw(st.lists(st.lists(cell, max_size=len(header) + 2), max_size=6))
    return [list(header), *rows]


def csv_bytes(draw, rows: list[list[str]]) -> bytes:
    delimiter = draw(st.sampled_from([",", ";"]))
    if draw(st.booleans()):
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
                   ).writerows(rows)
        text = out.getvalue()
    else:  # written by hand, quotes and all: often broken
        text = "\n".join(delimiter.join(row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        data += b"\n" + b"x" * 70_000  # a line longer than any real row
    return data


def _no_surrogates(text: str) -> str:
    return "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)  # XML cannot hold them at all


def xlsx_bytes(draw, rows: list[list[str]]) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        values: list[object] = [ILLEGAL_CHARACTERS_RE.sub("", _no_surrogates(value)) for value in row]
        if values and draw(st.booleans()):
            values[-1] = draw(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-10**16, 10**16),
                                        st.booleans(), st.datetimes(datetime(1900, 3, 1), datetime(9999, 1, 1))))
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    if draw(st.integers(0, 5)) == 0:  # cut short: a damaged zip
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def import_files(draw, known: list[str]) -> tuple[str, bytes]:
    """(suffix, content) of a CSV or XLSX file, or random bytes under either name."""
    suffix = draw(st.sampled_from([".csv", ".xlsx"]))
    kind = draw(st.sampled_from(["sheet", "sheet", "bytes", "zip"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=400))
    if kind == "zip":  # a zip that is not a workbook
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("[Content_Types].xml", draw(st.binary(max_size=50)))
        return suffix, out.getvalue()
    rows = draw(sheets(known))
    return suffix, (csv_bytes(draw, rows) if suffix == ".csv" else xlsx_bytes(draw, rows))


@pytest.fixture
def back_office(engine, monkeypatch):
    """A seeded store and its manager, on the store's clock (WITA, UTC+8: year 1 falls off the calendar in UTC)."""
    monkeypatch.setenv("TZ", "Asia/Makassar")
    time.tzset()
    seed = seed_store(engine)
    yield engine, quick_user(engine, "manajer", "manager"), seed
    monkeypatch.undo()
    time.tzset()


def _try_import(run, engine, path: Path, *, dry_run: bool):
    before = table_counts(engine)
    try:
        report = run(UnitOfWork(engine, write=True), path, dry_run=dry_run)
    except PosError:
        assert table_counts(engine) == before, "a refused file changed the database"
        return None
    if dry_run:
        assert table_counts(engine) == before, "a preview changed the database"
    return report


VENDOR_COLUMNS = ["code", "name", "owner", "phone", "regency", "commission_pct", "payout_method", "payout_account"]
PRODUCT_COLUMNS = ["barcode", "name", "category", "vendor_code", "price", "harga_setor", "commission_pct", "unit",
                   "stock", "pirt", "bpom", "halal", "sni"]
SALE_COLUMNS = ["order_id", "date", "barcode", "qty", "unit_price", "channel", "payment_method"]


@DB
@given(st.one_of(import_files(VENDOR_COLUMNS), import_files(PRODUCT_COLUMNS)), st.booleans())
@example((".csv", "code,name\nV1,\"=cmd|' /C calc'!A0\"\nV2,a\x00b\n".encode()), False)
@example((".csv", f"barcode,name,vendor_code,price\n{COFFEE},=1+1,KOPI01,1e5\n".encode()), False)
@example((".xlsx", b"PK\x03\x04" + b"\x00" * 30), True)
def test_vendor_and_product_imports_raise_only_pos_errors_and_previews_write_nothing(back_office, file, dry_run):
    engine, manager, _seed = back_office
    suffix, content = file
    with temporary_folder() as folder:
        path = folder / f"upload{suffix}"
        path.write_bytes(content)
        for run in (import_vendors, import_products):
            _try_import(lambda uow, p, **kw: run(uow, manager, p, **kw), engine, path, dry_run=dry_run)


ORDERS_OFF_THE_CALENDAR = ("order_id,date,barcode,qty,unit_price,channel,payment_method\n"
                           f"A1,0001-01-01 00:00,{COFFEE},1,65000,whatsapp,cash\n"
                           f"A2,9999-12-31 23:59,{COFFEE},1,65000,whatsapp,cash\n"
                           f"A3,2025-06-01,{COFFEE},1,=cmd|' /C calc'!A0,whatsapp,cash\n").encode()


@DB
@given(import_files(SALE_COLUMNS), st.booleans())
@example((".csv", ORDERS_OFF_THE_CALENDAR), True)
@example((".csv", ORDERS_OFF_THE_CALENDAR), False)
def test_sales_imports_raise_only_pos_errors_and_record_only_good_orders(back_office, file, dry_run):
    engine, manager, _seed = back_office
    suffix, content = file
    with temporary_folder() as folder:
        path = folder / f"orders{suffix}"
        path.write_bytes(content)
        before = table_counts(engine)
        report = _try_import(lambda uow, p, **kw: import_sales(uow, manager, p, **kw), engine, path, dry_run=dry_run)
        if report is not None and not report.recorded:  # every order refused or skipped: nothing written
            assert table_counts(engine) == before


# -- exports ----------------------------------------------------------------------------------------

formula_names = st.builds(lambda start, rest: (start + rest).strip() or start,
                          st.sampled_from(["=", "+", "-", "@", "'", "=cmd|' /C calc'!A0", "-1+", "@@"]),
                          st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=20)
                          ).filter(str.isprintable)


def manager_of(engine):
    """The test's manager, made on the first example (the examples share one database)."""
    from nttmart_pos.services.auth import UserInfo

    with UnitOfWork(engine) as uow:
        user = uow.session.scalar(select(User).where(User.username == "manajer"))
        if user is not None:
            return UserInfo(user.id, user.username, user.full_name, user.role)
    return quick_user(engine, "manajer", "manager")


@EXPORTS
@given(st.lists(formula_names, min_size=1, max_size=4, unique=True))
def test_exported_names_never_run_as_formulas(engine, names):
    manager = manager_of(engine)
    with UnitOfWork(engine) as uow:
        taken = uow.session.scalar(select(func.count()).select_from(Vendor))
    codes = []
    for number, name in enumerate(names):
        code = f"F{taken + number:04d}"
        codes.append(code)
        add_vendor(UnitOfWork(engine), VendorInput(code, " ".join(name.split()), regency="Kupang", commission_pct=10))
        add_product(UnitOfWork(engine), ProductInput(None, " ".join(name.split()), code, 1000))
    with temporary_folder() as folder:
        for export, column in ((export_vendors, 1), (export_products, 1)):
            path = folder / "out.csv"
            export(UnitOfWork(engine), manager, path)
            with open(path, encoding="utf-8-sig", newline="") as handle:
                exported = [row[column] for row in list(csv.reader(handle))[1:]]
            for text in exported:
                assert not text.startswith(tuple(FORMULA_STARTS[:-1])), text
            for name in names:
                shown = " ".join(name.split())
                assert ("'" + shown if shown.startswith(FORMULA_STARTS) else shown) in exported
            xlsx = folder / "out.xlsx"
            export(UnitOfWork(engine), manager, xlsx)
            import openpyxl

            workbook = openpyxl.load_workbook(xlsx)
            cells = [row[column] for row in workbook.active.iter_rows(min_row=2)]
            assert all(c.data_type != "f" and not str(c.value or "").startswith(tuple(FORMULA_STARTS[:-1]))
                       for c in cells)
        # and the exported file reads back as it is: the apostrophe comes off again
        path = folder / "vendors.csv"
        export_vendors(UnitOfWork(engine), manager, path)
        report = import_vendors(UnitOfWork(engine, write=True), manager, path, dry_run=True)
        assert report.created == report.updated == 0
    with UnitOfWork(engine) as uow:
        stored = set(uow.session.scalars(select(Product.name).where(Product.vendor_id.in_(
            select(Vendor.id).where(Vendor.code.in_(codes))))))
    assert stored == {" ".join(name.split()) for name in names}
