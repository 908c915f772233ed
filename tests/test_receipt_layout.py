"""The customer receipt as plain text: widths, ASCII, wrapping, amounts, languages."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nttmart_pos.domain.receipt import ReceiptData, ReceiptLine, ReceiptPayment
from nttmart_pos.hardware.receipt_layout import layout_receipt, to_ascii, wrap_words
from nttmart_pos.i18n import en_receipt

LONG_NAME = "Kopi Bubuk Arabika Manggarai Premium Sangrai Sedang Kemasan Zipper 250 gram"
LONG_WORD = "Supercalifragilisticexpialidocious-Tenun-Ikat-Sumba"  # 51 characters, no space


def make_receipt(**changes) -> ReceiptData:
    data = ReceiptData(
        store_name="NTT Mart",
        store_address="Jl. El Tari No. 12, Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang, NTT 85111",
        store_phone="0380-821234",
        receipt_no="T01-000123",
        created_at=datetime(2026, 11, 28, 14, 5, 33),
        cashier="Maria Goreti Nggadas",
        lines=(
            ReceiptLine(LONG_NAME, 3, 12_500, 37_500),
            ReceiptLine("Se'i Sapi Asap – Café Édition 500 g", 1, 85_000, 80_000, discount=5_000),
            ReceiptLine("Tenun Ikat Sumba Timur", 1, 1_250_000, 1_250_000),
            ReceiptLine(LONG_WORD, 2, 7_000, 14_000),
        ),
        subtotal=1_386_500,
        discount=6_500,
        total=1_375_000,
        payments=(
            ReceiptPayment("qris", 375_000, "QR-8812345678"),
            ReceiptPayment("card", 500_000, "APPR 771203"),
            ReceiptPayment("transfer", 200_000),
            ReceiptPayment("cash", 400_000),
        ),
        change=100_000,
        terminal="T01",
        tax_lines=(("DPP Nilai Lain", 1_134_545), ("PPN 12% (termasuk)", 136_145)),
    )
    return dataclasses.replace(data, **changes)


def text_of(data: ReceiptData, columns: int) -> str:
    return "\n".join(layout_receipt(data, columns))


def line_with(lines: list[str], start: str) -> str:
    found = [line for line in lines if line.startswith(start)]
    assert found, f"no line starts with {start!r}"
    return found[0]


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("is_copy", [False, True])
def test_every_line_fits_and_is_ascii(columns, language, is_copy):
    data = make_receipt(language=language, is_copy=is_copy, footer="Barang yang sudah dibeli tidak dapat "
                        "ditukar atau dikembalikan.\n\nIG @nttmart.kupang · WA 0812-3456-7890 😊")
    lines = layout_receipt(data, columns)
    assert len(lines) > 20
    for line in lines:
        assert len(line) <= columns, line
        assert line.isascii() and line.isprintable(), repr(line)


@settings(max_examples=150, deadline=None)
@given(
    name=st.text(max_size=120),
    footer=st.text(max_size=200),
    amount=st.integers(min_value=0, max_value=10**13),
    quantity=st.integers(min_value=1, max_value=9_999),
    columns=st.sampled_from([32, 48]),
)
def test_any_text_and_amount_stays_in_width(name, footer, amount, quantity, columns):
    data = make_receipt(
        store_name=name, store_address=footer, cashier=name, receipt_no=name[:24], footer=footer,
        lines=(ReceiptLine(name, quantity, amount, amount * quantity, discount=amount),),
        subtotal=amount, total=amount, change=amount, tax_lines=((name, amount),),
        payments=(ReceiptPayment(name[:10] or "cash", amount, name),),
    )
    for line in layout_receipt(data, columns):
        assert len(line) <= columns
        assert line.isascii() and line.isprintable()


def test_header_is_centred_with_number_date_cashier_and_terminal():
    lines = layout_receipt(make_receipt(), 32)
    assert lines[0] == " " * 12 + "NTT Mart"
    assert "Telp. 0380-821234" in text_of(make_receipt(), 32)
    assert line_with(lines, "No. Struk").endswith(": T01-000123")
    assert line_with(lines, "Tanggal").endswith(": 28-11-2026 14:05")
    assert line_with(lines, "Kasir").endswith(": Maria Goreti Nggadas")
    assert line_with(lines, "Terminal").endswith(": T01")
    assert "-" * 32 in lines


@pytest.mark.parametrize("columns", [32, 48])
def test_long_names_wrap_on_word_boundaries(columns):
    lines = layout_receipt(make_receipt(), columns)
    first = lines.index(line_with(lines, "Kopi Bubuk"))
    name_lines = []
    for line in lines[first:]:
        if line.startswith("  3 x"):
            break
        name_lines.append(line)
    assert len(name_lines) > 1
    assert " ".join(name_lines) == LONG_NAME  # nothing cut, nothing lost
    words = set(LONG_NAME.split())
    assert all(word in words for line in name_lines for word in line.split())


def test_a_word_longer_than_the_line_is_cut_only_then_and_starts_its_own_line():
    assert wrap_words(f"Kain {LONG_WORD} asli", 32) == ["Kain", LONG_WORD[:32], LONG_WORD[32:] + " asli"]
    lines = layout_receipt(make_receipt(), 32)
    assert LONG_WORD[:32] in lines and LONG_WORD[32:] in lines


def test_quantity_price_and_line_total_share_a_line():
    lines = layout_receipt(make_receipt(), 32)
    row = line_with(lines, "  3 x 12.500")
    assert len(row) == 32 and row.endswith(" 37.500")
    assert line_with(lines, "  1 x 1.250.000").endswith(" 1.250.000")


def test_line_discount_follows_its_line():
    lines = layout_receipt(make_receipt(), 32)
    index = lines.index(line_with(lines, "  1 x 85.000"))
    assert lines[index].endswith(" 85.000")
    assert lines[index + 1].startswith("  Diskon") and lines[index + 1].endswith(" -5.000")


def test_totals_payments_change_and_closing():
    lines = layout_receipt(make_receipt(), 32)
    assert line_with(lines, "Subtotal").endswith(" 1.386.500")
    assert line_with(lines, "Diskon").endswith(" -6.500")
    assert line_with(lines, "DPP Nilai Lain").endswith(" 1.134.545")
    assert line_with(lines, "PPN 12% (termasuk)").endswith(" 136.145")
    total = line_with(lines, "TOTAL")
    assert total.endswith(" Rp1.375.000") and len(total) == 32
    assert line_with(lines, "QRIS").endswith(" 375.000")
    assert "  Ref: QR-8812345678" in lines
    assert line_with(lines, "Kartu Debit/Kredit").endswith(" 500.000")
    assert line_with(lines, "Transfer Bank").endswith(" 200.000")
    assert line_with(lines, "Tunai").endswith(" 400.000")
    assert line_with(lines, "Kembalian").endswith(" 100.000")
    assert lines[-1].strip() == "Terima kasih atas kunjungan Anda"
    order = [lines.index(line_with(lines, label)) for label in ("Subtotal", "Diskon", "PPN", "TOTAL", "QRIS",
                                                                 "Kembalian")]
    assert order == sorted(order)


def test_no_discount_line_when_there_is_no_discount():
    data = make_receipt(lines=(ReceiptLine("Gula Aren", 1, 20_000, 20_000),), subtotal=20_000, discount=0,
                        total=20_000, tax_lines=(), payments=(ReceiptPayment("cash", 20_000),), change=0)
    text = text_of(data, 32)
    assert "Diskon" not in text and "PPN" not in text
    assert "Kembalian" in text


def test_footer_replaces_the_closing_and_is_centred_and_wrapped():
    footer = "Barang yang sudah dibeli tidak dapat ditukar.\n\nIG @nttmart.kupang"
    lines = layout_receipt(make_receipt(footer=footer), 32)
    assert "Terima kasih" not in "\n".join(lines)
    assert lines[-1] == " " * 7 + "IG @nttmart.kupang"
    assert lines[-2] == ""
    assert [line.strip() for line in lines[-4:-2]] == ["Barang yang sudah dibeli tidak", "dapat ditukar."]


def test_copy_banner_only_on_copies():
    assert "SALINAN" not in text_of(make_receipt(), 32)
    assert "*** SALINAN ***" in text_of(make_receipt(is_copy=True), 32)
    english = text_of(make_receipt(is_copy=True, language="en"), 48)
    assert "*** COPY ***" in english and "SALINAN" not in english


def test_english_receipt_uses_english_labels():
    lines = layout_receipt(make_receipt(language="en"), 32)
    text = "\n".join(lines)
    for label in ("Receipt no.", "Date", "Cashier", "Discount", "Subtotal", "TOTAL", "Card", "Bank transfer",
                  "Cash", "Change", "Tel. 0380-821234", "Thank you for shopping with us"):
        assert label in text, label
    for label in ("No. Struk", "Tanggal", "Kasir", "Diskon", "Tunai", "Kembalian", "Terima kasih", "Telp."):
        assert label not in text, label
    assert line_with(lines, "TOTAL").endswith("Rp1.375.000")


def test_every_receipt_label_has_an_english_text():
    for source, english in en_receipt.MESSAGES.items():
        assert english and english.isascii(), source
        assert set(_placeholders(source)) == set(_placeholders(english)), source


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_unknown_payment_method_is_printed_as_given():
    data = make_receipt(payments=(ReceiptPayment("OVO", 1_375_000),), change=0)
    assert line_with(layout_receipt(data, 32), "OVO").endswith(" 1.375.000")


def test_to_ascii_transliterates_and_drops():
    assert to_ascii("Café Ñusa – “Sumba” ’s") == 'Cafe Nusa - "Sumba" \'s'
    assert to_ascii("Straße Ærø ½ kg × 2") == "Strasse AEro 1/2 kg x 2"
    assert to_ascii("Kopi 😊 咖啡\tNTT") == "Kopi   NTT"
    assert to_ascii("a\nb\x00c\x7f") == "a\nbc"


def test_too_narrow_is_refused():
    with pytest.raises(ValueError):
        layout_receipt(make_receipt(), 10)


def test_weighed_line_prints_weight_and_price_per_kg():
    data = make_receipt()
    weighed = ReceiptLine("Kacang Mete Mentah Curah", 1, 262_500, 262_500, quantity_text="1,250 kg x 210.000")
    lines = layout_receipt(dataclasses.replace(data, lines=(weighed,)), 32)
    row = line_with(lines, "  1,250 kg x 210.000")
    assert row.endswith(" 262.500") and len(row) <= 32
