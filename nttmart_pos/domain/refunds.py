"""What refunding part of a sold line gives back, and how much of it comes off the vendor.

The refund service (money to the customer) and settlement (the vendor's payout)
both call ``refund_line_split``, so the two can never disagree by a Rupiah.
"""

from __future__ import annotations

from typing import Protocol

from nttmart_pos.domain.settlement import Split, refund_split, split_line


class SoldLine(Protocol):
    """The snapshot fields of a sale line (a ``db.models.SaleLine`` row has them all)."""

    @property
    def quantity(self) -> int: ...  # pieces, or grams for measure "weight"

    @property
    def measure(self) -> str: ...

    @property
    def line_total(self) -> int: ...

    @property
    def sale_discount_share(self) -> int: ...

    @property
    def terms(self) -> str: ...

    @property
    def harga_setor(self) -> int | None: ...

    @property
    def commission_pct(self) -> int | None: ...


def line_net(line: SoldLine) -> int:
    """What the line really brought in: its total less its part of the sale discount."""
    return line.line_total - line.sale_discount_share


def sold_line_split(line: SoldLine) -> Split:
    """The whole line's money, split between vendor and store by its snapshot terms."""
    return split_line(line_net(line), line.quantity, line.measure, line.terms, line.harga_setor,
                      line.commission_pct)


def refund_line_split(line: SoldLine, refunded_before: int, quantity: int) -> Split:
    """The money of refunding ``quantity`` more units (grams) of ``line``; positive numbers.

    ``refunded_before`` is what earlier refunds of the same line took back:
    for a stored ``RefundLine`` that is the sum of the quantities of the
    line's refund lines with a smaller id (refunds of one line are serialised
    by a lock, so ids follow the order they happened in).  ``amount`` is what
    the customer got back (the stored ``RefundLine.amount``), ``vendor_amount``
    what comes off the vendor's payout, ``commission`` what the store gives up.
    Pieces taken this way add up exactly to ``sold_line_split(line)``.
    """
    return refund_split(sold_line_split(line), line.quantity, refunded_before, quantity)
