"""All vendors' payouts of a period on one A4 landscape sheet: one row per vendor,
the totals, and what must be paid by each method.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from nttmart_pos.config import Settings
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.domain.payout_wording import method_label, moment_text, period_text, summary_title
from nttmart_pos.reports.payout_pdf_parts import Layout, grid_table, header, signature_boxes, translator, write_pdf
from nttmart_pos.reports.pdf_fonts import fonts_for

NAME, ACCOUNT = 2, 10  # the columns that take the width left over (and wrap)
TEXT_CAP = 80  # points: a longer regency or method wraps instead of widening its column


def _landscape_layout(docs: list[PayoutDocument], settings: Settings) -> Layout:
    texts = [settings.store_name, settings.store_address, settings.store_phone]
    texts += [text for doc in docs for text in (doc.vendor_name, doc.vendor_regency, doc.payout_account)]
    lay = Layout("A4", fonts_for(texts))
    lay.size = landscape(A4)
    lay.width = lay.size[0] - 2 * lay.margin
    return lay


def _widths(lay: Layout, head: list[str], rows: list[list[str]]) -> list[float] | None:
    """Each column as wide as its cells (a text column at most ``TEXT_CAP``), the name and the
    account sharing what is left; ``None`` when that leaves them too little."""
    def width(text: str, font: str) -> float:
        return stringWidth(lay.fonts.clean(text), font, lay.body.fontSize) + 10

    widths = []
    for index, title in enumerate(head):
        words = max(width(word, lay.fonts.bold) for word in title.split())
        cells = max(width(row[index], lay.fonts.regular if row is not rows[-1] else lay.fonts.bold) for row in rows)
        widths.append(max(words, cells if index not in (3, 9) else min(cells, TEXT_CAP)))
    left = lay.width - sum(w for i, w in enumerate(widths) if i not in (NAME, ACCOUNT))
    if left < 0.25 * lay.width:
        return None
    widths[NAME], widths[ACCOUNT] = 0.45 * left, 0.55 * left
    return widths


def _table(docs: list[PayoutDocument], lay: Layout, language: str):
    t = translator(language)
    numbered = any(doc.payout_no for doc in docs)
    head = [t("No"), t("Kode"), t("Nama UMKM"), t("Kab/Kota"), t("Unit"), t("Bruto"), t("Pengembalian"),
            t("Komisi"), t("Dibayar"), t("Metode"), t("Rekening")] + ([t("No. setoran")] if numbered else [])
    texts = []
    for index, doc in enumerate(docs, start=1):
        paid = format_number(doc.amount) + ("*" if doc.balance < 0 else "")
        row = [str(index), doc.vendor_code, doc.vendor_name, doc.vendor_regency or "-", format_number(doc.units),
               format_number(doc.gross), format_number(doc.refunds_total), format_number(doc.commission), paid,
               method_label(doc.payout_method, language), doc.payout_account or "-"]
        texts.append(row + ([doc.payout_no or "-"] if numbered else []))
    total = ["", "", t("Total ({count} UMKM)", count=len(docs)), "",
             format_number(sum(d.units for d in docs)), format_number(sum(d.gross for d in docs)),
             format_number(sum(d.refunds_total for d in docs)), format_number(sum(d.commission for d in docs)),
             format_number(sum(d.amount for d in docs)), "", ""] + ([""] if numbered else [])
    aligned = ("right", "body", "body", "body", "right", "right", "right", "right", "right", "body", "body")
    aligned += ("body",) if numbered else ()
    # without room for name and account, grid_table's own widths squeeze every column
    return grid_table(lay, head, texts, total, aligned, name_column=NAME, total_span=0,
                      widths=_widths(lay, head, [*texts, total]))


def _by_method(docs: list[PayoutDocument], lay: Layout, language: str) -> list:
    """``Transfer bank: Rp1.250.000 (3 UMKM)`` for each way of paying, and who carries a balance."""
    t = translator(language)
    methods: dict[str, list[PayoutDocument]] = {}
    for doc in docs:
        if doc.amount > 0:
            methods.setdefault(doc.payout_method, []).append(doc)
    lines = [lay.p(t("Yang harus dibayarkan per metode:"), lay.bold)]
    lines += [lay.p(t("{method}: {amount} ({count} UMKM)", method=method_label(method, language),
                      amount=format_rupiah(sum(d.amount for d in group)), count=len(group)), lay.body)
              for method, group in sorted(methods.items())]
    if not methods:
        lines.append(lay.p(t("Tidak ada yang harus dibayarkan."), lay.body))
    negative = [doc for doc in docs if doc.balance < 0]
    if negative:
        carried = ", ".join(f"{doc.vendor_code} ({format_rupiah(doc.balance)})" for doc in negative)
        lines += [Spacer(1, 2 * mm), lay.p(t("* Saldo minus, tidak dibayar dan dibawa ke setoran berikutnya: "
                                             "{vendors}", vendors=carried), lay.body)]
    return lines


def payout_summary_pdf(docs: list[PayoutDocument], settings: Settings, path: Path, date_from: date,
                       date_to: date) -> Path:
    """Write the summary of every vendor's payout for ``date_from``..``date_to`` at ``path`` (A4 landscape).

    Raises ``PosError`` with a message for the user if the file cannot be written.
    """
    language = settings.language
    t = translator(language)
    docs = sorted(docs, key=lambda doc: doc.vendor_code)
    lay = _landscape_layout(docs, settings)
    period = period_text(date_from, date_to, language)
    story = header(settings, lay, summary_title(language), t("Periode {period}", period=period))
    if docs:
        story += [_table(docs, lay, language), Spacer(1, 3 * mm)]
    else:
        story += [lay.p(t("Tidak ada penjualan UMKM pada periode ini."), lay.body), Spacer(1, 3 * mm)]
    printed = lay.p(t("Dicetak {moment}", moment=moment_text(datetime.now().astimezone(), language)), lay.body)
    signatures = signature_boxes(lay, [(t("Disusun oleh"), ""), (t("Disetujui oleh (manajer)"), "")], language)
    # what must be paid stays on the page that is signed
    story.append(KeepTogether([*_by_method(docs, lay, language), Spacer(1, 2 * mm), printed, *signatures]))
    label = t("Ringkasan {date_from} - {date_to}", date_from=date_from.isoformat(), date_to=date_to.isoformat())
    return write_pdf(path, label, lay, settings, story, title=f"{summary_title(language)} {period}")
