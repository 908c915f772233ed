"""Vendor payout documents built by hand (no database): the A4 PDF and the summary
read back with pypdf, the bank-transfer CSV and the 58/80 mm slips."""

from __future__ import annotations

import csv
import errno
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from nttmart_pos.config import Settings
from nttmart_pos.domain.payout_document import PayoutDocument, PayoutLine, PayoutRefund
from nttmart_pos.domain.payout_wording import period_text
from nttmart_pos.domain.settlement import measured_value, split_line
from nttmart_pos.errors import PosError
from nttmart_pos.hardware.payout_slip import payout_slip_bytes, payout_slip_lines
from nttmart_pos.reports import payout_pdf_parts
from nttmart_pos.reports.payout_csv import COLUMNS, payouts_csv
from nttmart_pos.reports.payout_pdf import payout_pdf, payout_summary_pdf

STORE = Settings(store_name="NTT Mart", store_address="Jl. El Tari No. 12, Oebobo, Kota Kupang",
                 store_phone="0380-821234")
LONG_NAME = "Kopi Bubuk Arabika Manggarai Premium Sangrai Sedang Kemasan Zipper 250 gram"


def sold(name, quantity, price, pct=15, measure="unit", terms="commission", setor=None, barcode="8991234567891"):
    gross = measured_value(quantity, price, measure)
    split = split_line(gross, quantity, measure, terms, setor, pct)
    return PayoutLine(barcode, name, measure, quantity, price, gross, terms, setor,
                      pct if terms == "commission" else None, split.commission, split.vendor_amount)


# the worked example: two units at Rp7.350, 15% commission -> 2.205 for the store, 12.495 for the vendor
COFFEE = sold("Kopi Arabika Bajawa 250 g", 2, 7_350)
REFUND = PayoutRefund("RF-2026-000003", "T01-2026-000123", date(2026, 12, 3), "Kopi Arabika Bajawa 250 g", "unit",
                      1, 7_350, -6_247)


def make_doc(status="approved", lines=(COFFEE,), refunds=(), carried_in=0, **changes) -> PayoutDocument:
    gross = sum(line.gross for line in lines)
    refunds_total = sum(refund.amount for refund in refunds)
    commission = sum(line.commission for line in lines) - sum(r.amount + r.vendor_amount for r in refunds)
    balance = gross - refunds_total - commission + carried_in
    fields = dict(
        payout_no="" if status == "preview" else "PO-2026-000012", status=status, period_from=date(2026, 12, 1),
        period_to=date(2026, 12, 7), created_at=datetime(2026, 12, 8, 3, 15, tzinfo=timezone.utc),
        vendor_code="KOPI01", vendor_name="Kopi Bajawa Flores", vendor_owner="Mama Yohana Ndun",
        vendor_phone="0812-3456-7890", vendor_regency="Ngada", payout_method="transfer",
        payout_account="BRI 0123-01-000123-50-1 a.n. Yohana Ndun", lines=tuple(lines), refunds=tuple(refunds),
        units=sum(1 if line.measure == "weight" else line.quantity for line in lines), gross=gross,
        refunds_total=refunds_total, commission=commission, carried_in=carried_in, balance=balance,
        amount=max(balance, 0))
    fields.update(changes)
    return PayoutDocument(**fields)


def pdf_pages(path: Path) -> tuple[list[str], PdfReader]:
    reader = PdfReader(str(path))
    return [" ".join(page.extract_text().split()) for page in reader.pages], reader


def test_payout_pdf_has_vendor_figures_words_and_signatures(tmp_path):
    doc = make_doc()
    (text,), reader = pdf_pages(payout_pdf(doc, STORE, tmp_path / "KOPI01.pdf"))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    for expected in ("NTT Mart", "Jl. El Tari No. 12", "BUKTI PEMBAYARAN UMKM (SETORAN)", "No. PO-2026-000012",
                     "1-7 Desember 2026", "KOPI01", "Kopi Bajawa Flores", "Mama Yohana Ndun", "Ngada",
                     "0812-3456-7890", "Transfer bank - BRI 0123-01-000123-50-1 a.n. Yohana Ndun",
                     "8991234567891", "Kopi Arabika Bajawa 250 g", "7.350", "14.700", "15%", "2.205", "12.495",
                     "Penjualan bruto Rp14.700", "Komisi toko -Rp2.205", "JUMLAH DIBAYARKAN Rp12.495",
                     "Dua belas ribu empat ratus sembilan puluh lima rupiah", "Penerima (UMKM)",
                     "( Mama Yohana Ndun )", "Yang menyerahkan (NTT Mart)", "PO-2026-000012 - halaman 1 dari 1"):
        assert expected in text, expected
    assert "PRATINJAU" not in text and "DRAF" not in text and "Saldo minus" not in text
    assert "Pengembalian uang atas barang" not in text  # no refunds table without refunds
    assert "diskon" not in text  # every line brought in quantity x price


def test_refunds_carried_balance_and_paid_details(tmp_path):
    cashew = sold("Kacang Mete Curah", 1_500, 120_000, measure="weight", barcode="2100001")
    scarf = sold("Selendang Tenun Rote", 3, 250_000, terms="harga_setor", setor=200_000)
    doc = make_doc("paid", lines=(COFFEE, cashew, scarf), refunds=(REFUND,), carried_in=-12_495,
                   approved_by="Yosef Manajer", paid_method="transfer", paid_reference="TRX-889900",
                   paid_on=date(2026, 12, 9))
    # 14.700 + 180.000 + 750.000 gross; the vendor gets 12.495 + 153.000 + 600.000 - 6.247 - 12.495
    assert doc.balance == 746_753
    (text,), _ = pdf_pages(payout_pdf(doc, STORE, tmp_path / "paid.pdf"))
    for expected in ("1,500 kg", "120.000/kg", "Ketentuan", "komisi 15%", "setor 200.000",
                     "Jumlah penjualan 5 + 1,500 kg 944.700 179.205 765.495", "RF-2026-000003 /", "T01-2026-000123", "03-12-2026",
                     "-1.103", "-6.247", "Pengembalian (retur uang) -Rp7.350",
                     "Komisi toko setelah pengembalian -Rp178.102",
                     "Saldo minus dari setoran sebelumnya -Rp12.495", "Untuk UMKM Rp746.753",
                     "JUMLAH DIBAYARKAN Rp746.753",
                     "Tujuh ratus empat puluh enam ribu tujuh ratus lima puluh tiga rupiah",
                     "Dibayar 9 Desember 2026 lewat Transfer bank, ref. TRX-889900", "sudah dibayar",
                     "Disetujui oleh : Yosef Manajer"):
        assert expected in text, expected


def test_negative_balance_is_carried_not_paid(tmp_path):
    doc = make_doc("draft", lines=(), refunds=(REFUND,))
    assert (doc.balance, doc.amount) == (-6_247, 0)
    (text,), _ = pdf_pages(payout_pdf(doc, STORE, tmp_path / "minus.pdf"))
    for expected in ("No. PO-2026-000012 - DRAF, belum disetujui", "Tidak ada penjualan pada periode ini.",
                     "Untuk UMKM -Rp6.247", "JUMLAH DIBAYARKAN Rp0", "Nol rupiah",
                     "Saldo -Rp6.247 dibawa ke setoran berikutnya; tidak ada pembayaran"):
        assert expected in text, expected


def test_paid_with_nothing_to_pay_names_no_method_and_late_sales_are_noted(tmp_path):
    doc = make_doc("paid", lines=(), refunds=(REFUND,), paid_method="transfer", paid_on=date(2026, 12, 9))
    late = make_doc("approved", late_sales_from=date(2026, 11, 27))
    (text,), _ = pdf_pages(payout_pdf(doc, STORE, tmp_path / "zero.pdf"))
    (late_text,), _ = pdf_pages(payout_pdf(late, STORE, tmp_path / "late.pdf"))
    slip = " ".join(" ".join(payout_slip_lines(doc, 48, "id")).split())
    late_slip = " ".join(" ".join(payout_slip_lines(late, 32, "id")).split())
    for shown in (text, slip):
        assert "Ditutup 9 Desember 2026 tanpa pembayaran" in shown and "Dibayar 9 Desember" not in shown
        assert "Saldo -Rp6.247 dibawa ke setoran berikutnya; tidak ada pembayaran" in shown
    for shown in (late_text, late_slip):
        assert "Termasuk penjualan susulan dari 27 November 2026 yang belum disetor" in shown
    assert "susulan" not in text


def test_preview_and_english(tmp_path):
    preview = make_doc("preview", period_to=date(2026, 12, 1))
    (text,), _ = pdf_pages(payout_pdf(preview, STORE, tmp_path / "preview.pdf"))
    assert "PRATINJAU - belum disimpan" in text and "1 Desember 2026" in text and "Nomor : -" in text
    assert "KOPI01 2026-12-01/2026-12-01 - halaman 1 dari 1" in text
    (text,), _ = pdf_pages(payout_pdf(make_doc(), replace(STORE, language="en"), tmp_path / "en.pdf"))
    for expected in ("VENDOR PAYOUT", "1-7 December 2026", "AMOUNT PAID Rp12.495", "In words:",
                     "Dua belas ribu empat ratus sembilan puluh lima rupiah", "Received by (vendor)", "page 1 of 1"):
        assert expected in text, expected


def test_period_texts():
    assert period_text(date(2026, 11, 28), date(2026, 11, 28), "id") == "28 November 2026"
    assert period_text(date(2026, 12, 1), date(2026, 12, 7), "id") == "1-7 Desember 2026"
    assert period_text(date(2026, 11, 28), date(2026, 12, 4), "id") == "28 November - 4 Desember 2026"
    assert period_text(date(2026, 12, 29), date(2027, 1, 4), "id") == "29 Desember 2026 - 4 Januari 2027"
    assert period_text(date(2026, 8, 1), date(2026, 8, 31), "en") == "1-31 August 2026"


def test_many_products_flow_onto_pages_with_headings_repeated(tmp_path):
    lines = tuple(sold(LONG_NAME if n % 3 == 0 else f"Sambal Lu'at Kupang {n}", n % 5 + 1, 12_500 + n)
                  for n in range(70))
    doc = make_doc(lines=lines)
    pages, _ = pdf_pages(payout_pdf(doc, STORE, tmp_path / "long.pdf"))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"PO-2026-000012 - halaman {number} dari {len(pages)}" in page
        assert ("8991234567891" not in page) or "Nama barang" in page  # the heading over every part of the table
    assert all(page.count("8991234567891") >= 10 for page in pages[:-1])
    # the amount, in figures and words, is on the page that is signed
    assert f"JUMLAH DIBAYARKAN Rp{doc.amount:,}".replace(",", ".") in pages[-1]
    assert "Terbilang:" in pages[-1] and "Penerima (UMKM)" in pages[-1]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "KOPI01.pdf"
    target.write_bytes(b"old")

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(payout_pdf_parts.os, "fsync", disk_full)
    with pytest.raises(PosError, match="PO-2026-000012 tidak dapat disimpan .*No space left on device"):
        payout_pdf(make_doc(), STORE, target)
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    monkeypatch.undo()
    with pytest.raises(PosError, match="tidak dapat disimpan"):
        payout_summary_pdf([make_doc()], STORE, tmp_path / "missing" / "s.pdf", date(2026, 12, 1), date(2026, 12, 7))


def summary_docs() -> list[PayoutDocument]:
    scarf = sold("Selendang Tenun Rote", 3, 250_000, terms="harga_setor", setor=200_000)
    return [
        make_doc("paid", paid_method="transfer", paid_reference="TRX-1", paid_on=date(2026, 12, 8)),
        make_doc("preview", lines=(scarf,), vendor_code="TENUN1", vendor_name="Tenun Ina Ndao",
                 vendor_regency="Rote Ndao", payout_method="ewallet", payout_account="DANA 0812-3333-4444"),
        make_doc("draft", lines=(), refunds=(REFUND,), vendor_code="SEI02", vendor_name="Se'i Sapi Ibu Lena",
                 vendor_regency="Kota Kupang", payout_method="cash", payout_account="", payout_no="PO-2026-000013"),
    ]


def test_summary_rows_and_totals_equal_the_documents(tmp_path):
    docs = summary_docs()
    path = payout_summary_pdf(docs, STORE, tmp_path / "ringkasan.pdf", date(2026, 12, 1), date(2026, 12, 7))
    (text,), reader = pdf_pages(path)
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width > height  # landscape
    assert "RINGKASAN SETORAN UMKM" in text and "Periode 1-7 Desember 2026" in text
    for code in ("KOPI01", "SEI02", "TENUN1"):
        assert code in text
    assert text.index("KOPI01") < text.index("SEI02") < text.index("TENUN1")
    assert "Rote Ndao" in text and "DANA 0812-3333-4444" in text and "PO-2026-000013" in text
    total = (f"Total (3 UMKM) {sum(d.units for d in docs)} {sum(d.gross for d in docs):,} "
             f"{sum(d.refunds_total for d in docs):,} {sum(d.commission for d in docs):,} "
             f"{sum(d.amount for d in docs):,}").replace(",", ".")
    assert total == "Total (3 UMKM) 5 764.700 7.350 151.102 612.495"
    assert total in text
    assert "E-wallet: Rp600.000 (1 UMKM)" in text and "Transfer bank: Rp12.495 (1 UMKM)" in text
    assert "SEI02 (-Rp6.247)" in text  # carried, not paid


def test_summary_of_many_vendors_and_of_none(tmp_path):
    docs = [make_doc(vendor_code=f"V{n:03d}", vendor_name=f"UMKM Nomor {n}", payout_no=f"PO-2026-{n:06d}")
            for n in range(1, 61)]
    pages, _ = pdf_pages(payout_summary_pdf(docs, STORE, tmp_path / "many.pdf", date(2026, 12, 1),
                                            date(2026, 12, 7)))
    assert len(pages) >= 2 and all("Nama UMKM" in page for page in pages if "PO-2026-" in page)
    assert "Total (60 UMKM) 120 882.000 0 132.300 749.700" in " ".join(pages)
    assert "Transfer bank: Rp749.700 (60 UMKM)" in pages[-1] and "Disetujui oleh (manajer)" in pages[-1]
    (text,), _ = pdf_pages(payout_summary_pdf([], STORE, tmp_path / "none.pdf", date(2026, 12, 1),
                                              date(2026, 12, 1)))
    assert "Tidak ada penjualan UMKM pada periode ini." in text and "Tidak ada yang harus dibayarkan." in text


def test_csv_columns_and_whole_rupiah(tmp_path):
    docs = summary_docs()
    docs.append(make_doc(vendor_code="ZZ01", vendor_name="=HYPERLINK(\"http://x\")"))
    path = payouts_csv(list(reversed(docs)), tmp_path / "payouts.csv")
    raw = path.read_bytes()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(COLUMNS) == ["vendor_code", "vendor_name", "units", "gross", "refunds", "commission",
                                        "payout"]
    by_code = {row[0]: row for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == ["KOPI01", "SEI02", "TENUN1", "ZZ01"]
    for doc in docs:
        row = by_code[doc.vendor_code]
        assert [int(value) for value in row[2:]] == [doc.units, doc.gross, doc.refunds_total, doc.commission,
                                                     doc.amount]
    assert by_code["SEI02"][6] == "0"  # a negative balance is never paid
    assert by_code["ZZ01"][1].startswith("'=")  # a spreadsheet will not run it
    assert b"\r\n" in raw and b"." not in raw.split(b"\r\n")[1].split(b",", 2)[2]  # no thousands dots
    assert sum(int(row[6]) for row in rows[1:]) == sum(doc.amount for doc in docs)


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("language", ["id", "en"])
def test_slip_fits_and_says_everything(columns, language):
    doc = make_doc("paid", lines=(COFFEE, sold(LONG_NAME, 12, 65_000)), refunds=(REFUND,), carried_in=-12_495,
                   vendor_name="Kopi Café “Bajawa” – Flores", paid_method="cash", paid_on=date(2026, 12, 9))
    lines = payout_slip_lines(doc, columns, language, STORE)
    assert all(len(line) <= columns and line.isascii() for line in lines), lines
    text = "\n".join(lines)
    joined = " ".join(text.split())
    assert "PO-2026-000012" in text and 'Kopi Cafe "Bajawa" - Flores' in joined
    assert f"Rp{doc.amount:,}".replace(",", ".") in text and "12.495" in text and "-6.247" in text
    assert doc.amount == 656_753
    assert "Enam ratus lima puluh enam ribu tujuh ratus lima puluh tiga rupiah" in joined
    assert "(......" in text and "Mama Yohana Ndun" in text
    if language == "id":
        assert "BUKTI PEMBAYARAN UMKM (SETORAN)" in joined and "Penerima (UMKM)" in joined
        assert "1-7 Desember 2026" in joined and "Dibayar 9 Desember 2026 lewat Tunai" in joined
    else:
        assert "VENDOR PAYOUT" in joined and "Received by (vendor)" in joined


def test_slip_of_a_negative_preview():
    doc = make_doc("preview", lines=(), refunds=(REFUND,))
    text = " ".join("\n".join(payout_slip_lines(doc, 32, "id", STORE)).split())
    assert "PRATINJAU - belum disimpan" in text and "Nol rupiah" in text
    assert "Saldo -Rp6.247 dibawa ke setoran berikutnya; tidak ada pembayaran" in text


@settings(max_examples=40, deadline=None)
@given(name=st.text(max_size=100), account=st.text(max_size=80), columns=st.sampled_from([32, 48]),
       amount=st.integers(min_value=0, max_value=999_999_999_999))
def test_slip_lines_fit_whatever_the_names(name, account, columns, amount):
    line = replace(COFFEE, product_name=name, gross=amount, vendor_amount=amount, commission=0)
    doc = make_doc(lines=(line,), vendor_name=name, vendor_owner=name, payout_account=account)
    assert all(len(text) <= columns and text.isascii() for text in payout_slip_lines(doc, columns, "id", STORE))


def test_slip_bytes_for_58_and_80_mm():
    doc = make_doc()
    narrow, wide = payout_slip_bytes(doc, 58, "id", STORE), payout_slip_bytes(doc, 80, "id", STORE)
    for payload in (narrow, wide):
        assert payload.startswith(b"\x1b@") and b"PO-2026-000012" in payload and b"Rp12.495" in payload
        assert payload.isascii()
    assert wide.endswith(b"\x1dV\x00") and not narrow.endswith(b"\x1dV\x00")  # only 80 mm has a cutter
