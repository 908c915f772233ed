"""What the refund screen works out while the cashier fills it in, without Qt.

The money of a line comes from the same domain rule the refund service uses
(``domain.settlement.refund_split`` over the line's net, cumulative after what
was refunded before), so the running total on screen is what the service will
give back, to the Rupiah.
"""

from __future__ import annotations

from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.domain.settlement import Split, refund_split
from nttmart_pos.domain.shift_report import local_moment, method_label
from nttmart_pos.i18n import _, get_language
from nttmart_pos.services.refunds import RefundableLine, RefundRequest, SaleForRefund


def typed_number(text: str) -> str:
    """A receipt number as typed or scanned: ``" t01 - 000123 "`` -> ``T01-000123``."""
    return "".join((text or "").split()).upper()


def line_amount(line: RefundableLine, quantity: int) -> int:
    """The money of refunding ``quantity`` more of ``line`` (0 for nothing)."""
    if quantity <= 0:
        return 0
    return refund_split(Split(line.net, 0, line.net), line.quantity, line.refunded, quantity).amount


def refund_total(sale: SaleForRefund, quantities: dict[int, int]) -> int:
    """What the refund of ``quantities`` (per line number) gives back in all."""
    return sum(line_amount(line, quantities.get(line.line_no, 0)) for line in sale.lines)


def requests(quantities: dict[int, int]) -> list[RefundRequest]:
    """The service's requests for the lines with a quantity, in line order."""
    return [RefundRequest(line_no, quantity) for line_no, quantity in sorted(quantities.items()) if quantity > 0]


def method_choices(sale: SaleForRefund) -> list[tuple[str, str]]:
    """(code, label) of the ways the money may go back: cash first, then the sale's own methods."""
    return [(method, method_label(method, get_language())) for method in sale.refund_methods]


def sale_summary(sale: SaleForRefund) -> str:
    """One line about the sale: number, date, cashier, total and how it was paid."""
    paid = ", ".join(f"{method_label(p.method, get_language())} {format_rupiah(p.amount)}" for p in sale.payments)
    return _("Struk {receipt} - {date} - Kasir {cashier} - Total {total} - Dibayar: {paid}",
             receipt=sale.receipt_no, date=local_moment(sale.created_at), cashier=sale.cashier_name,
             total=format_rupiah(sale.total), paid=paid or "-")
