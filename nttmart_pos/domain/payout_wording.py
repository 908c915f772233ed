"""The wording a vendor payout (setoran) PDF and its thermal slip share: title,
number line, period, payout methods, terms of each line and the closing notes.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.payout_document import PayoutDocument, PayoutLine
from nttmart_pos.domain.stock_document import long_date
from nttmart_pos.i18n import translate_to

PREVIEW = "preview"  # a document computed for a look, not stored: it has no number yet


def payout_title(language: str) -> str:
    return translate_to(language, "BUKTI PEMBAYARAN UMKM (SETORAN)")


def summary_title(language: str) -> str:
    return translate_to(language, "RINGKASAN SETORAN UMKM")


def number_line(doc: PayoutDocument, language: str) -> str:
    """``No. ST-2026-000012``, with what the status means when it is not final yet."""
    if doc.status == PREVIEW or not doc.payout_no:
        return translate_to(language, "PRATINJAU - belum disimpan")
    if doc.status == "draft":
        return translate_to(language, "No. {number} - DRAF, belum disetujui", number=doc.payout_no)
    return translate_to(language, "No. {number}", number=doc.payout_no)


def watermark(doc: PayoutDocument, language: str) -> str:
    """The big pale word across an unfinished document, or ``""``."""
    if doc.status == PREVIEW or not doc.payout_no:
        return translate_to(language, "PRATINJAU")
    if doc.status == "draft":
        return translate_to(language, "DRAF")
    return ""


def status_text(status: str, language: str) -> str:
    names = {
        PREVIEW: translate_to(language, "pratinjau (belum disimpan)"),
        "draft": translate_to(language, "draf"),
        "approved": translate_to(language, "disetujui, belum dibayar"),
        "paid": translate_to(language, "sudah dibayar"),
    }
    return names.get(status, status)


def document_label(doc: PayoutDocument) -> str:
    """What names the document in a file's metadata and page footers: its number, else vendor and dates."""
    if doc.payout_no:
        return doc.payout_no
    return f"{doc.vendor_code} {doc.period_from.isoformat()}/{doc.period_to.isoformat()}"


def period_text(date_from: date, date_to: date, language: str) -> str:
    """``28 November 2026``, ``1-7 Desember 2026``, ``28 November - 4 Desember 2026``."""
    locale = "en" if language == "en" else "id_ID"
    if date_from == date_to:
        return long_date(date_from, language)
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return f"{date_from.day}-{long_date(date_to, language)}"
    if date_from.year == date_to.year:
        return f"{format_date(date_from, 'd MMMM', locale=locale)} - {long_date(date_to, language)}"
    return f"{long_date(date_from, language)} - {long_date(date_to, language)}"


def moment_text(moment: datetime, language: str) -> str:
    """``28 November 2026, 14:05`` in local time."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{long_date(local, language)}, {local:%H:%M}"


def method_label(method: str, language: str) -> str:
    names = {
        "transfer": translate_to(language, "Transfer bank"),
        "cash": translate_to(language, "Tunai"),
        "ewallet": translate_to(language, "E-wallet"),
    }
    return names.get(method, method or "-")


def account_text(doc: PayoutDocument, language: str) -> str:
    """``Transfer bank - BRI 0123 4567 (a.n. Yohana)``: how the vendor wants to be paid."""
    method = method_label(doc.payout_method, language)
    return f"{method} - {doc.payout_account}" if doc.payout_account.strip() else method


def unit_price_text(line: PayoutLine) -> str:
    return format_number(line.unit_price) + ("/kg" if line.measure == "weight" else "")


def uniform_terms(lines: tuple[PayoutLine, ...]) -> str:
    """``"commission"`` or ``"harga_setor"`` when every line has those terms, else ``""``."""
    kinds = {line.terms for line in lines}
    return kinds.pop() if len(kinds) == 1 else ""


def terms_text(line: PayoutLine, language: str, bare: bool = False) -> str:
    """``komisi 15%`` or ``setor 20.000`` (per unit; per kg for weighed goods).

    ``bare`` leaves out the word (``15%``, ``20.000``) under a heading that already says it.
    """
    if line.terms == "harga_setor":
        per_unit = format_number(line.harga_setor or 0) + ("/kg" if line.measure == "weight" else "")
        return per_unit if bare else translate_to(language, "setor {amount}", amount=per_unit)
    pct = f"{line.commission_pct or 0}%"
    return pct if bare else translate_to(language, "komisi {pct}", pct=pct)


def terms_heading(lines: tuple[PayoutLine, ...], language: str) -> str:
    uniform = uniform_terms(lines)
    if uniform == "harga_setor":
        return translate_to(language, "Harga setor")
    if uniform == "commission":
        return translate_to(language, "Komisi")
    return translate_to(language, "Ketentuan")


def vendor_signatory(doc: PayoutDocument) -> str:
    return doc.vendor_owner.strip() or doc.vendor_name


def negative_note(doc: PayoutDocument, language: str) -> str:
    """Why nothing is paid when the balance is below zero, or ``""``."""
    if doc.balance >= 0:
        return ""
    return translate_to(language, "Saldo {amount} dibawa ke setoran berikutnya; tidak ada pembayaran",
                        amount=format_rupiah(doc.balance))


def late_note(doc: PayoutDocument, language: str) -> str:
    """Says that late sale lines of days settled before are in this payout, or ``""``."""
    if doc.late_sales_from is None:
        return ""
    return translate_to(language, "Termasuk penjualan susulan dari {date} yang belum disetor",
                        date=long_date(doc.late_sales_from, language))


def paid_text(doc: PayoutDocument, language: str) -> str:
    """``Dibayar 29 November 2026 lewat Transfer bank, ref. TRX123``, or ``""`` while unpaid.

    A payout of amount 0 was closed with no money handed over, so it names no
    method (``negative_note`` says where a negative balance goes).
    """
    if doc.status != "paid":
        return ""
    when = long_date(doc.paid_on, language) if doc.paid_on else "-"
    if doc.amount == 0:
        return translate_to(language, "Ditutup {date} tanpa pembayaran", date=when)
    method = method_label(doc.paid_method or doc.payout_method, language)
    if doc.paid_reference.strip():
        return translate_to(language, "Dibayar {date} lewat {method}, ref. {reference}", date=when, method=method,
                            reference=doc.paid_reference.strip())
    return translate_to(language, "Dibayar {date} lewat {method}", date=when, method=method)
