"""Barcode labels: what gets a label, A4 sheets decoded back with zxing-cpp, thermal labels, the command.

The core check (issue 3): 40 products on 3x7 and 5x13 sheets, rendered by
``pdftoppm`` at 300 dpi, every label cell cropped by the sheet geometry and
decoded with zxing-cpp: each product found exactly once, at its position.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from factories import COFFEE, seed_store
from nttmart_pos import cli
from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.inventory_models import ProductCertificate, StockDocument, StockDocumentLine
from nttmart_pos.db.migrate import upgrade
from nttmart_pos.db.models import Product, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.barcodes import gs1_check_digit
from nttmart_pos.domain.labels import LabelItem, label_symbol
from nttmart_pos.errors import BarcodeError, NotFoundError, PosError, ValidationError
from nttmart_pos.hardware.label_printer import label_bytes
from nttmart_pos.reports.label_sheet import LAYOUTS, label_sheet_pdf, module_width, plan_label
from nttmart_pos.services.catalog import ProductInput, VendorInput, create_product, create_vendor
from nttmart_pos.services.labels import label_items, select_labels

zxingcpp = pytest.importorskip("zxingcpp")
DPI = 300
WRONG_CHECK = "8991234567890"  # 899123456789 + check digit is 8991234567891


def gs1(body: str) -> str:
    return body + gs1_check_digit(body)


def make_catalog(engine, count: int = 40) -> list[str]:
    """``count`` products of two vendors, GS1 899 codes and assigned in-store codes mixed; their barcodes."""
    ids = []
    with UnitOfWork(engine, write=True) as uow:
        create_vendor(uow.session, VendorInput("KOPI01", "Kopi Bajawa Flores", regency="Ngada"))
        create_vendor(uow.session, VendorInput("TENUN1", "Tenun Ina Ndao", regency="Rote Ndao"))
        for n in range(count):
            code = gs1(f"899{n:09d}") if n % 3 != 1 else None
            name = f"Produk UMKM {n:02d} " + ("Keripik Pisang Kepok Manis Asli Kupang" if n % 4 == 0 else "Madu")
            product = create_product(uow.session, ProductInput(code, name, ("KOPI01", "TENUN1")[n % 2],
                                                               1000 * (n + 1) + 500))
            ids.append(product.id)
            if n % 5 == 0:
                uow.session.add(ProductCertificate(product_id=product.id, kind="pirt", number=f"{n:015d}"))
        uow.commit()
    with UnitOfWork(engine) as uow:
        by_id = dict(uow.session.execute(select(Product.id, Product.barcode)).all())
    return [by_id[i] for i in ids]


def rasterise(pdf: Path, prefix: Path, dpi: int = DPI) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed: cannot rasterise the label PDF")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=60)
    return [Image.open(path) for path in sorted(prefix.parent.glob(prefix.name + "-*.png"))]


def decode_cells(pages: list[Image.Image], layout_name: str, dpi: int = DPI) -> dict[int, list[str]]:
    """Every non-empty cell (0-based over all pages) with what zxing-cpp reads in it."""
    layout = LAYOUTS[layout_name]
    found: dict[int, list[str]] = {}
    for page_no, page in enumerate(pages):
        for cell in range(1, layout.per_page + 1):
            left, top, right, bottom = (round(v / 25.4 * dpi) for v in layout.cell_box(cell))
            crop = page.crop((left, top, right, bottom)).convert("L")
            if crop.getextrema()[0] > 128:  # nothing printed in this cell
                continue
            found[page_no * layout.per_page + cell - 1] = [r.text for r in zxingcpp.read_barcodes(crop)]
    return found


def test_forty_products_decode_exactly_once_at_their_positions(engine, tmp_path):
    codes = make_catalog(engine)
    assert sum(c.startswith("899") for c in codes) == 27 and sum(c.startswith("20") for c in codes) == 13
    items = label_items(UnitOfWork(engine), barcodes=codes)
    assert [item.barcode for item in items] == codes
    for layout, start, pages_expected in (("3x7", 1, 2), ("5x13", 1, 1)):
        pdf = tmp_path / f"labels-{layout}-{start}.pdf"
        assert label_sheet_pdf(items, pdf, layout, start) == pages_expected
        assert len(PdfReader(pdf).pages) == pages_expected
        decoded = decode_cells(rasterise(pdf, tmp_path / f"page-{layout}-{start}"), layout)
        expected = {start - 1 + i: [code] for i, code in enumerate(codes)}
        assert decoded == expected, layout
    # The price, vendor code and certificate are on the label as text too.
    text = PdfReader(tmp_path / "labels-3x7-1.pdf").pages[0].extract_text()
    assert "Rp1.500" in text and "KOPI01" in text and "TENUN1" in text
    assert "P-IRT No. 0000000000000-00" in text


def test_start_position_skips_used_cells_and_copies_repeat(tmp_path):
    items = [LabelItem(COFFEE, "Kopi Arabika Bajawa 250 g", 65000, "KOPI01", copies=2),
             LabelItem("2000010000104", "Madu Hutan Timor", 85000, "KOPI01")]
    pdf = tmp_path / "half.pdf"
    assert label_sheet_pdf(items, pdf, "3x7", start_position=20) == 2
    decoded = decode_cells(rasterise(pdf, tmp_path / "half"), "3x7")
    assert decoded == {19: [COFFEE], 20: [COFFEE], 21: ["2000010000104"]}
    for start in (0, 22, True):
        with pytest.raises(ValidationError, match="Posisi awal"):
            label_sheet_pdf(items, tmp_path / "x.pdf", "3x7", start_position=start)
    with pytest.raises(ValidationError, match="4x4"):
        label_sheet_pdf(items, tmp_path / "x.pdf", "4x4")
    assert not (tmp_path / "x.pdf").exists()


def test_upc_a_and_ean8_codes_print_as_scannable_bars(tmp_path):
    items = [LabelItem("036000291452", "Snack impor", 12500, "IMPOR1"), LabelItem("96385074", "Sabun", 5000, "S1")]
    pdf = tmp_path / "mixed.pdf"
    label_sheet_pdf(items, pdf, "5x13")
    assert decode_cells(rasterise(pdf, tmp_path / "mixed"), "5x13") == {0: ["0036000291452"], 1: ["96385074"]}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_bars_keep_quiet_zones_and_module_width_text_shrinks_instead(layout):
    grid = LAYOUTS[layout]
    worst = LabelItem("8991234567891", "Keripik Pisang Kepok Manis Pedas Gurih Khas Kabupaten Timor Tengah Selatan "
                      "Kemasan Besar Ekstra", 12_500_000, "ABCDEFGHIJKLMNOPQRST", "P-IRT No. 1234567890123-45")
    for item in (worst, LabelItem("8991234567891", "Kopi", 5000, "K1")):
        plan = plan_label(item, label_symbol(item.barcode), grid)
        module_mm = plan.module / 72 * 25.4
        assert module_mm >= (0.25 if layout == "5x13" else 0.33)
        assert plan.barcode_width / 72 * 25.4 == pytest.approx(module_mm * (95 + 11 + 7))
        assert plan.bar_x >= 1 / 25.4 * 72 and plan.bar_x + plan.barcode_width <= (grid.label_w - 1) / 25.4 * 72
        assert plan.bar_height >= grid.bar_height[0] / 25.4 * 72
        assert plan.text_bottom >= plan.bar_y + plan.bar_height  # text never runs into the bars
        assert len([line for line, _y in plan.lines if line.font.endswith("Bold")]) <= 3  # 2 name lines + price
    assert module_width(grid, label_symbol("96385074")) >= 0.25


def test_a_quantity_stays_with_its_unit_when_the_name_wraps():
    item = LabelItem(COFFEE, "Bawang Merah Goreng Semau 100 g", 25000, "V015")
    plan = plan_label(item, label_symbol(COFFEE), LAYOUTS["3x7"])
    assert [line.text for line, _y in plan.lines][:2] == ["Bawang Merah Goreng Semau", "100\u00a0g"]


def test_weighed_products_are_skipped_with_a_note(engine):
    seed_store(engine)
    selection = select_labels(UnitOfWork(engine), vendor_code="kopi01")
    assert [item.name for item in selection.items] == ["Kopi Arabika Bajawa 250 g", "Madu Hutan Timor 500 ml"]
    assert [(s.barcode, s.name) for s in selection.skipped] == [("2100001", "Kacang Mete Curah")]
    assert "timbangan" in selection.skipped[0].reason
    everything = select_labels(UnitOfWork(engine))
    assert len(everything.items) == 3 and everything.label_count == 3


def test_wrong_check_digit_in_the_database_is_refused_before_printing(engine, tmp_path):
    seed_store(engine)
    with UnitOfWork(engine, write=True) as uow:  # bypasses the catalog's own check, as an old import might
        vendor_id = uow.session.scalar(select(Vendor.id).where(Vendor.code == "KOPI01"))
        uow.session.add(Product(barcode=WRONG_CHECK, name="Kopi Rusak", name_search="kopi rusak",
                                vendor_id=vendor_id, price=1000, stock_on_hand=0))
        uow.commit()
    with pytest.raises(BarcodeError, match=f"Kopi Rusak.*{WRONG_CHECK}.*seharusnya 1"):
        label_items(UnitOfWork(engine), vendor_code="KOPI01")
    with pytest.raises(BarcodeError, match="Kopi Rusak"):
        label_items(UnitOfWork(engine), barcodes=[COFFEE, WRONG_CHECK])
    bad = [LabelItem(COFFEE, "Kopi", 65000, "KOPI01"), LabelItem(WRONG_CHECK, "Kopi Rusak", 1000, "KOPI01")]
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BarcodeError, match="Kopi Rusak"):
        label_sheet_pdf(bad, out / "bad.pdf")
    with pytest.raises(BarcodeError, match="Kopi Rusak"):
        label_bytes(bad, 58)
    assert list(out.iterdir()) == []


def add_document(engine, doc_no: str, kind: str, lines: list[tuple[str, int]]) -> None:
    with UnitOfWork(engine, write=True) as uow:
        products = {p.barcode: p for p in uow.session.scalars(select(Product))}
        first = next(iter(products.values()))
        document = StockDocument(doc_no=doc_no, kind=kind, vendor_id=first.vendor_id)
        document.lines = [StockDocumentLine(line_no=n, product_id=products[code].id, barcode=code,
                                            product_name=products[code].name, quantity=quantity, unit_value=1,
                                            reason="unsold" if kind == "return" else "")
                          for n, (code, quantity) in enumerate(lines, start=1)]
        uow.session.add(document)
        uow.commit()


def test_intake_document_gives_the_received_quantities(engine):
    seed_store(engine)
    with UnitOfWork(engine) as uow:
        honey = uow.session.scalar(select(Product.barcode).where(Product.name.like("Madu%")))
    add_document(engine, "TT-2025-000001", "intake", [(honey, 12), (COFFEE, 3), (honey, 2), ("2100001", 500)])
    add_document(engine, "RT-2025-000001", "return", [(COFFEE, 1)])
    selection = select_labels(UnitOfWork(engine), document_no="tt-2025-000001")
    assert [(item.barcode, item.copies) for item in selection.items] == [(honey, 14), (COFFEE, 3)]
    assert [s.barcode for s in selection.skipped] == ["2100001"]
    items = label_items(UnitOfWork(engine), document_no="TT-2025-000001", quantities={COFFEE: 0, honey: 4})
    assert [(item.barcode, item.copies) for item in items] == [(honey, 4)]
    items = label_items(UnitOfWork(engine), document_no="TT-2025-000001", copies=1)
    assert [item.copies for item in items] == [1, 1]
    with pytest.raises(ValidationError, match="RT-2025-000001"):
        label_items(UnitOfWork(engine), document_no="RT-2025-000001")
    with pytest.raises(NotFoundError, match="TT-9999"):
        label_items(UnitOfWork(engine), document_no="TT-9999")
    with pytest.raises(ValidationError, match="Madu"):
        label_items(UnitOfWork(engine), quantities={honey: -1})


def test_unknown_codes_are_named_and_certificates_formatted(engine):
    seed = seed_store(engine)
    with pytest.raises(NotFoundError, match="NOPE"):
        label_items(UnitOfWork(engine), vendor_code="NOPE")
    with pytest.raises(NotFoundError, match="8990000000001, 123"):
        label_items(UnitOfWork(engine), barcodes=[COFFEE, "8990000000001", "123"])
    with UnitOfWork(engine, write=True) as uow:
        uow.session.add_all([
            ProductCertificate(product_id=seed["ids"]["coffee"], kind="pirt", number="123456789012345"),
            ProductCertificate(product_id=seed["ids"]["honey"], kind="pirt", number="123456789012345"),
            ProductCertificate(product_id=seed["ids"]["honey"], kind="bpom", number="MD123456789012"),
            ProductCertificate(product_id=seed["ids"]["scarf"], kind="halal", number="ID00110000123"),
        ])
        uow.commit()
    items = {item.name: item for item in label_items(UnitOfWork(engine))}
    assert items["Kopi Arabika Bajawa 250 g"].certificate == "P-IRT No. 1234567890123-45"
    assert items["Madu Hutan Timor 500 ml"].certificate == "BPOM RI MD 123456789012"
    assert items["Selendang Tenun Rote"].certificate == ""
    assert items["Selendang Tenun Rote"].vendor_code == "TENUN1"


def raster_images(data: bytes) -> list[Image.Image]:
    """The GS v 0 raster images in an ESC/POS stream, as pictures (1 bit = black dot)."""
    images = []
    at = data.find(b"\x1dv0")
    while at >= 0:
        width_bytes = data[at + 4] + 256 * data[at + 5]
        height = data[at + 6] + 256 * data[at + 7]
        start = at + 8
        bits = data[start:start + width_bytes * height]
        images.append(Image.frombytes("1", (width_bytes * 8, height), bytes(b ^ 0xFF for b in bits)))
        at = data.find(b"\x1dv0", start + len(bits))
    return images


@pytest.mark.parametrize("width", [58, 80])
def test_thermal_labels_have_text_raster_bars_and_a_cut_or_feed(width):
    items = [LabelItem(COFFEE, "Kopi Arabika Bajawa 250 g", 65000, "KOPI01", "P-IRT No. 1234567890123-45", copies=2),
             LabelItem("96385074", "Sabun Sereh", 5000, "SABUN1")]
    data = label_bytes(items, width)
    assert data.count(b"Kopi Arabika Bajawa 250 g") == 2 and b"Rp65.000" in data and b"P-IRT No." in data
    images = raster_images(data)
    assert len(images) == 3
    for image, code in zip(images, [COFFEE, COFFEE, "96385074"]):
        padded = Image.new("L", (image.width + 40, image.height + 40), 255)
        padded.paste(image.convert("L"), (20, 20))
        assert [r.text for r in zxingcpp.read_barcodes(padded)] == [code]
        assert image.width == (384 if width == 58 else 576)
    cuts = data.count(b"\x1dV")
    assert cuts == (3 if width == 80 else 0)


def test_labels_command(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/x.db"
    engine = make_engine(url)
    upgrade(engine)
    seed_store(engine)
    engine.dispose()
    base = ["--db", url, "--config", str(tmp_path / "s.toml"), "labels"]
    out = tmp_path / "rak.pdf"
    assert cli.main([*base, "--out", str(out), "--vendor", "KOPI01", "--layout", "5x13", "--start", "3",
                     "--copies", "2"]) == 0
    printed = capsys.readouterr().out
    assert "Dilewati Kacang Mete Curah (2100001): barang timbangan" in printed
    assert f"4 label untuk 2 barang ditulis ke {out} (1 halaman 5x13)." in printed
    assert len(PdfReader(out).pages) == 1
    assert cli.main([*base, "--out", str(out), "--barcode", COFFEE, "--barcode", "8990000000001"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "8990000000001" in error
    for wrong in (["--layout", "4x4"], ["--start", "0"], ["--start", "22"], ["--copies", "x"]):
        assert cli.main([*base, "--out", str(out), *wrong]) == 2, wrong
    assert cli.main([*base, "--out", str(tmp_path / "nowhere" / "a.pdf")]) == 1
    assert "foldernya tidak ada" in capsys.readouterr().err


def test_write_failures_leave_no_half_file(tmp_path):
    items = [LabelItem(COFFEE, "Kopi", 65000, "KOPI01")]
    with pytest.raises(PosError, match="tidak dapat ditulis.*foldernya tidak ada"):
        label_sheet_pdf(items, tmp_path / "missing" / "a.pdf")
    with pytest.raises(PosError, match="folder"):
        label_sheet_pdf(items, tmp_path)
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    label_sheet_pdf(items, target)
    assert target.read_bytes().startswith(b"%PDF") and [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
