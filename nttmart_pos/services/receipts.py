"""Receipt content for a recorded sale, ready for the printer layout; reprints are allowed and journalled here."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from nttmart_pos.config import Settings
from nttmart_pos.db.models import Sale, SaleLine
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_number
from nttmart_pos.domain.receipt import ReceiptData, ReceiptLine, ReceiptPayment
from nttmart_pos.domain.tax import included_ppn
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.errors import NotFoundError
from nttmart_pos.i18n import _, translate_to
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import REPRINT, Approval, require

REPRINT_EVENT = "reprint"  # journal kind


def receipt_for(uow: UnitOfWork, receipt_no: str, settings: Settings, *, copy: bool = False) -> ReceiptData:
    with uow:
        sale = uow.session.scalar(
            select(Sale).where(Sale.receipt_no == receipt_no.strip().upper())
            .options(selectinload(Sale.lines), selectinload(Sale.payments))
        )
        if sale is None:
            raise NotFoundError(_("Struk {number} tidak ditemukan", number=receipt_no))
        return _receipt_data(sale, settings, copy)


def authorize_reprint(uow: UnitOfWork, user: UserInfo, terminal: str, receipt_no: str,
                      approval: Approval | None = None) -> UserInfo | None:
    """Allow printing a copy of ``receipt_no`` and journal it (``reprint``); the approver used, or None.

    ``uow`` must be a write unit of work.  ``NotFoundError`` for an unknown
    receipt, ``PermissionDenied`` when neither the role nor ``approval`` allows it.
    """
    approver = require(user, REPRINT, approval)
    number = (receipt_no or "").strip().upper()
    with uow:
        found = uow.session.execute(select(Sale.receipt_no, Sale.total).where(Sale.receipt_no == number)).first()
        if found is None:
            raise NotFoundError(_("Struk {number} tidak ditemukan", number=(receipt_no or "").strip()))
        append(uow.session, REPRINT_EVENT, {"receipt_no": found.receipt_no, "total": found.total}, user=user,
               terminal=terminal, ref=found.receipt_no, approver=approver)
        uow.commit()
    return approver


def last_receipt_no(uow: UnitOfWork, terminal: str) -> str | None:
    with uow:
        return uow.session.scalar(
            select(Sale.receipt_no).where(Sale.terminal == terminal).order_by(Sale.number.desc()).limit(1)
        )


def _receipt_data(sale: Sale, settings: Settings, copy: bool) -> ReceiptData:
    language = settings.language
    tax_lines: tuple[tuple[str, int], ...] = ()
    if settings.tax_mode == "pkp":
        tax = included_ppn(sale.total)
        tax_lines = (
            (translate_to(language, "DPP Nilai Lain"), tax.dpp_nilai_lain),
            (translate_to(language, "PPN 12% (termasuk)"), tax.ppn),
        )
    lines = tuple(_receipt_line(line) for line in sale.lines)
    payments = tuple(ReceiptPayment(p.method, p.tendered if p.method == "cash" and p.tendered else p.amount,
                                    p.reference) for p in sale.payments)
    return ReceiptData(
        store_name=settings.store_name, store_address=settings.store_address, store_phone=settings.store_phone,
        receipt_no=sale.receipt_no, created_at=sale.created_at.astimezone(), cashier=sale.cashier_name,
        lines=lines, subtotal=sale.subtotal, discount=sale.discount, total=sale.total, payments=payments,
        change=sale.change, footer=settings.footer, terminal=sale.terminal, is_copy=copy, language=language,
        tax_lines=tax_lines,
    )


def _receipt_line(line: SaleLine) -> ReceiptLine:
    if line.measure == "weight":
        # a weighed line prints its weight and price per kg: "1,500 kg x 120.000"
        kilos, grams = divmod(line.quantity, 1000)
        return ReceiptLine(line.product_name, 1, line.line_total, line.line_total, line.discount,
                           quantity_text=f"{kilos},{grams:03d} kg x {format_number(line.unit_price)}")
    return ReceiptLine(line.product_name, line.quantity, line.unit_price, line.line_total, line.discount)
