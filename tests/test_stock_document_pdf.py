"""The printed tanda terima titipan and nota retur: PDFs read back with pypdf
(A4, A5, many pages, English, awkward names, a disk that fills up) and thermal
slips that fit 32/48 columns in plain ASCII."""

from __future__ import annotations

import errno
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from factories import seed_store
from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.stock_document import DocumentLineView, DocumentView
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.hardware.document_slip import document_slip_bytes, document_slip_lines
from nttmart_pos.reports import stock_document_pdf as pdf_module
from nttmart_pos.reports.pdf_fonts import unicode_fonts
from nttmart_pos.reports.stock_document_pdf import stock_document_pdf
from nttmart_pos.services.auth import create_user
from nttmart_pos.services.intake import IntakeLine, receive_goods
from nttmart_pos.services.returns import ReturnLine, return_goods
from nttmart_pos.services.stock_documents import document

LONG_NAME = "Kopi Bubuk Arabika Manggarai Premium Sangrai Sedang Kemasan Zipper 250 gram"
STORE = Settings(store_name="NTT Mart", store_address="Jl. El Tari No. 12, Oebobo, Kota Kupang",
                 store_phone="0380-821234")
REASONS = ("unsold", "expired", "damaged", "other")


def make_view(kind="intake", count=3, basis="harga_setor", **changes) -> DocumentView:
    lines = []
    for number in range(1, count + 1):
        quantity = number % 7 + 1
        lines.append(DocumentLineView(
            number, "8991234567891", LONG_NAME if number % 3 == 1 else "Se'i Sapi Asap 500 g", quantity, 12_500,
            quantity * 12_500, reason=REASONS[number % 4] if kind == "return" else "",
            expires_on=date(2027, 3, 1) if kind == "intake" and number % 2 else None))
    fields = dict(doc_no="TT-2026-000007" if kind == "intake" else "RT-2026-000003", kind=kind,
                  created_at=datetime(2026, 11, 28, 14, 5, tzinfo=timezone.utc), vendor_code="TENUN1",
                  vendor_name="Tenun Ina Ndao", vendor_owner="Mama Yohana Ndun", vendor_phone="0812-3456-7890",
                  vendor_regency="Rote Ndao", user_name="Yosef Manajer", value_basis=basis, lines=tuple(lines),
                  total_value=sum(line.value for line in lines))
    fields.update(changes)
    return DocumentView(**fields)


def pdf_text(path: Path) -> tuple[list[str], PdfReader]:
    reader = PdfReader(str(path))
    return [page.extract_text() for page in reader.pages], reader


def test_intake_and_retur_pdfs_from_posted_documents(sqlite_url, tmp_path):
    from nttmart_pos.db.engine import make_engine

    engine = make_engine(sqlite_url)
    ids = seed_store(engine)["ids"]
    manager = create_user(UnitOfWork(engine), "manajer", "Yosef Manajer", "manager", "9999")
    intake = receive_goods(UnitOfWork(engine, write=True), manager, "TENUN1", [IntakeLine(ids["scarf"], 3)])
    retur = return_goods(UnitOfWork(engine, write=True), manager, "KOPI01",
                         [ReturnLine(ids["coffee"], 2, "expired"), ReturnLine(ids["cashew"], 1500, "damaged")])
    for result, size in ((intake, "A4"), (retur, "A5")):
        view = document(UnitOfWork(engine), result.doc_no)
        path = stock_document_pdf(view, STORE, tmp_path / f"{result.doc_no}.pdf", size)
        (text,), _reader = pdf_text(path)
        assert result.doc_no in text and view.vendor_name in text
        assert f"Rp{result.total_value:,}".replace(",", ".") in text
    engine.dispose()
    (intake_text,), _ = pdf_text(tmp_path / f"{intake.doc_no}.pdf")
    assert "TANDA TERIMA BARANG TITIPAN" in intake_text and "600.000" in intake_text  # 3 x harga setor 200.000
    (retur_text,), _ = pdf_text(tmp_path / f"{retur.doc_no}.pdf")
    assert "NOTA RETUR BARANG" in retur_text and "1,500 kg" in retur_text and "kedaluwarsa" in retur_text
    assert "310.000" in retur_text  # 2 x 65.000 + 1,5 kg x 120.000


@pytest.mark.parametrize("kind,size", [("intake", "A4"), ("intake", "A5"), ("return", "A4"), ("return", "A5")])
def test_one_page_document_has_everything_to_sign(tmp_path, kind, size):
    view = make_view(kind)
    (text,), reader = pdf_text(stock_document_pdf(view, STORE, tmp_path / "doc.pdf", size))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert round(width / 72 * 25.4) == (210 if size == "A4" else 148)
    assert round(height / 72 * 25.4) == (297 if size == "A4" else 210)
    for expected in (view.doc_no, "NTT Mart", "Jl. El Tari No. 12", "0380-821234", "28 November 2026",
                     "TENUN1", "Tenun Ina Ndao", "Mama Yohana Ndun", "Rote Ndao", "0812-3456-7890",
                     "Yosef Manajer", "Se'i Sapi Asap 500 g", "Harga setor", "112.500", "Rp112.500",
                     "halaman 1 dari 1"):
        assert expected in " ".join(text.split()), expected  # a heading may wrap on A5
    if kind == "intake":
        assert "TANDA TERIMA BARANG TITIPAN" in text and "Kedaluwarsa" in text and "01-03-2027" in text
        assert text.index("Yang menyerahkan (UMKM)") < text.index("Yang menerima (NTT Mart)")
    else:
        assert "NOTA RETUR BARANG" in text and "Alasan" in text and "kedaluwarsa" in text and "rusak" in text
        assert text.index("Yang menyerahkan (NTT Mart)") < text.index("Yang menerima (UMKM)")
    # the long name wraps inside its cell: every word is there, on more than one line
    assert all(word in text for word in LONG_NAME.split()) and LONG_NAME not in text


def test_sixty_lines_flow_onto_more_pages_with_the_header_repeated(tmp_path):
    view = make_view("intake", count=60)
    pages, _reader = pdf_text(stock_document_pdf(view, STORE, tmp_path / "long.pdf", "A4"))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "Nama barang" in page and "Harga setor" in page  # repeated header row
        assert f"{view.doc_no} - halaman {number} dari {len(pages)}" in page
    assert "Yang menyerahkan (UMKM)" in pages[-1] and "Yang menyerahkan" not in pages[0]
    joined = "\n".join(pages)
    assert all(joined.count(f"\n{n}\n8991234567891\n") == 1 for n in range(1, 61))  # every line, once
    assert f"Rp{view.total_value:,}".replace(",", ".") in pages[-1]
    a5 = pdf_text(stock_document_pdf(view, STORE, tmp_path / "long-a5.pdf", "A5"))[0]
    assert len(a5) > len(pages)


def test_english_store_prints_english_titles(tmp_path):
    english = Settings(language="en")
    (text,), _ = pdf_text(stock_document_pdf(make_view("return"), english, tmp_path / "en.pdf"))
    assert "GOODS RETURN NOTE" in text and "Handed over by (NTT Mart)" in text and "Received by (vendor)" in text
    assert "Reason" in text and "damaged" in text and "page 1 of 1" in text
    (text,), _ = pdf_text(stock_document_pdf(make_view("intake"), english, tmp_path / "en2.pdf"))
    assert "CONSIGNMENT GOODS RECEIPT" in text and "Best before" in text


def test_names_with_markup_and_letters_outside_latin_1(tmp_path):
    odd = make_view(vendor_name="Kopi & Teh <Flores>", vendor_owner="Bapak Ŋgada", lines=(
        DocumentLineView(1, "2000010000104", "Café Se'i – “Asli” Ŋada", 2, 10_000, 20_000),),
        total_value=20_000)
    (text,), reader = pdf_text(stock_document_pdf(odd, STORE, tmp_path / "odd.pdf"))
    assert "Kopi & Teh <Flores>" in text and "Café Se'i – “Asli”" in text
    unicode = unicode_fonts()
    if unicode is not None:  # Helvetica would draw a black box for the Ŋ
        assert "Ŋada" in text and unicode.regular in str(font_names(reader))
    else:
        assert "Ŋ" not in text and "ada" in text
    plain = PdfReader(str(stock_document_pdf(make_view(), STORE, tmp_path / "plain.pdf")))
    assert font_names(plain) == {"/Helvetica", "/Helvetica-Bold"}


def font_names(reader: PdfReader) -> set[str]:
    return {str(font.get_object()["/BaseFont"]) for page in reader.pages
            for font in page["/Resources"]["/Font"].values()}


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "TT-2026-000007.pdf"
    target.write_bytes(b"old")

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdf_module.os, "fsync", disk_full)
    with pytest.raises(PosError, match="tidak dapat disimpan .*No space left on device"):
        stock_document_pdf(make_view(), STORE, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    monkeypatch.undo()
    with pytest.raises(PosError, match="TT-2026-000007 tidak dapat disimpan"):
        stock_document_pdf(make_view(), STORE, tmp_path / "missing-folder" / "x.pdf")
    with pytest.raises(ValidationError, match="Letter"):
        stock_document_pdf(make_view(), STORE, tmp_path / "x.pdf", "Letter")


@pytest.mark.parametrize("kind", ["intake", "return"])
@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("language", ["id", "en"])
def test_slip_lines_fit_the_paper_and_are_ascii(kind, columns, language):
    view = make_view(kind, count=4, vendor_name="Tenun Ikat Café “Ina” Ndao – Rote", notes="Dus penyok, isi utuh")
    lines = document_slip_lines(view, columns, language, STORE)
    assert all(len(line) <= columns and line.isascii() for line in lines), lines
    text = "\n".join(lines)
    assert view.doc_no in text and "Tenun Ikat Cafe \"Ina\" Ndao - Rote" in " ".join(text.split())
    assert "Rp175.000" in text and "(...................." in text
    assert "Yosef Manajer" in text and "Mama Yohana Ndun" in text
    if language == "id":
        title = "TANDA TERIMA BARANG TITIPAN" if kind == "intake" else "NOTA RETUR BARANG"
        assert title in " ".join(text.split()) and "Yang menyerahkan" in text
        assert ("Kedaluwarsa: 01-03-2027" if kind == "intake" else "Alasan: kedaluwarsa") in text


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=120), owner=st.text(max_size=60), columns=st.sampled_from([32, 48]))
def test_slip_lines_fit_whatever_the_names(name, owner, columns):
    view = make_view("return", count=1, vendor_name=name, vendor_owner=owner,
                     lines=(DocumentLineView(1, "2000010000104", name, 3, 1_250_000, 3_750_000, reason="damaged"),),
                     total_value=3_750_000)
    lines = document_slip_lines(view, columns, "id", STORE)
    assert all(len(line) <= columns and line.isascii() for line in lines)


def test_slip_bytes_for_58_and_80_mm():
    view = make_view("intake")
    narrow, wide = document_slip_bytes(view, 58, "id", STORE), document_slip_bytes(view, 80, "id", STORE)
    for payload in (narrow, wide):
        assert payload.startswith(b"\x1b@") and view.doc_no.encode() in payload and b"Rp112.500" in payload
        assert payload.isascii()
    assert wide.endswith(b"\x1dV\x00") and not narrow.endswith(b"\x1dV\x00")  # only 80 mm has a cutter
    assert b"TANDA TERIMA BARANG TITIPAN" in wide


def test_every_printed_label_has_an_english_version():
    """The printers translate through a local ``t(...)``, which the i18n test does not see."""
    import ast

    from nttmart_pos.hardware import document_slip
    from nttmart_pos.i18n import english_catalog

    catalog = english_catalog()
    found = set()
    for module in (pdf_module, document_slip):
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    assert len(found) > 20
    assert not sorted(found - catalog.keys())
