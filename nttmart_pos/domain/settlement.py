"""Consignment settlement rules: what each sold line owes its vendor, to the Rupiah.

* A sale-level discount is spread over the lines in proportion to their
  totals: every share is floored, and the Rupiah left over go one each to
  the lines with the largest remainders (ties: the first line), so the lines
  add up exactly to the sale total.
* Harga setor: the vendor gets quantity x harga setor, whatever the selling
  price or discount; the store keeps the rest (which a deep discount can
  make negative: the store, not the vendor, pays for its discounts).
* Commission: the store keeps round_half_up(net x pct / 100) of the line,
  the vendor gets the rest.
* A refund gives back part of a line.  Amounts are split by the quantity
  refunded, cumulatively, so refunding every unit of a line in any number of
  steps gives back exactly the line's amount and exactly the vendor's share.

Every function keeps ``vendor_amount + commission == amount``, which is what
makes payouts plus commission equal net sales for any period.
"""

from __future__ import annotations

from dataclasses import dataclass

from nttmart_pos.domain.money import round_half_up_div


def spread_discount(line_totals: list[int], discount: int) -> list[int]:
    """Each line's share of a sale-level ``discount``; the shares add up to ``discount``."""
    if discount < 0:
        raise ValueError("a discount cannot be negative")
    total = sum(line_totals)
    if discount == 0 or not line_totals:
        return [0] * len(line_totals)
    if discount > total or any(t < 0 for t in line_totals):
        raise ValueError("a discount cannot exceed the lines it is spread over")
    shares, remainders = [], []
    for line_total in line_totals:
        share, remainder = divmod(line_total * discount, total)
        shares.append(share)
        remainders.append(remainder)
    left = discount - sum(shares)
    # largest remainder first; ties go to the earlier line
    for index in sorted(range(len(line_totals)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares


@dataclass(frozen=True)
class Split:
    """A line's money: ``amount`` = ``vendor_amount`` + ``commission`` (the store's part)."""

    amount: int
    vendor_amount: int
    commission: int


def measured_value(quantity: int, unit_value: int, measure: str) -> int:
    """``quantity`` x ``unit_value``; weighed goods count grams against a price per kg."""
    if measure == "weight":
        return round_half_up_div(quantity * unit_value, 1000)
    return quantity * unit_value


def split_line(net: int, quantity: int, measure: str, terms: str, harga_setor: int | None,
               commission_pct: int | None) -> Split:
    """How a sold line's ``net`` (after all discounts) divides between vendor and store."""
    if terms == "harga_setor":
        vendor = measured_value(quantity, harga_setor or 0, measure)
        return Split(net, vendor, net - vendor)
    commission = round_half_up_div(net * (commission_pct or 0), 100)
    return Split(net, net - commission, commission)


def portion(total: int, part: int, whole: int) -> int:
    """``total`` x ``part`` / ``whole``, rounded half up (the share of ``part`` units of ``whole``)."""
    if whole <= 0:
        raise ValueError("whole must be positive")
    return round_half_up_div(total * part, whole) if total >= 0 else -round_half_up_div(-total * part, whole)


def refund_split(line: Split, line_quantity: int, already_refunded: int, refund_quantity: int) -> Split:
    """The money given back for ``refund_quantity`` more units of a line (positive numbers).

    Cumulative: the units refunded so far are taken into account, so the
    pieces of several refunds add up to exactly the whole line.
    """
    if refund_quantity <= 0 or already_refunded < 0 or already_refunded + refund_quantity > line_quantity:
        raise ValueError("refund quantity out of range")
    before, after = already_refunded, already_refunded + refund_quantity
    amount = portion(line.amount, after, line_quantity) - portion(line.amount, before, line_quantity)
    vendor = portion(line.vendor_amount, after, line_quantity) - portion(line.vendor_amount, before, line_quantity)
    return Split(amount, vendor, amount - vendor)


def payable(balance: int) -> int:
    """What is actually paid for a payout balance: never a negative amount (it carries forward)."""
    return max(balance, 0)
