"""The open sale at the till: lines, quantities, totals and the payments taken.

Pure data and arithmetic; the cashier screen keeps one ``Cart`` and hands it to
``services.checkout`` when the payments cover the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nttmart_pos.domain.money import ensure_rupiah, format_rupiah, round_half_up_div
from nttmart_pos.errors import PaymentError, ValidationError
from nttmart_pos.i18n import _

PAYMENT_METHODS = ("cash", "qris", "card", "transfer")
MAX_QUANTITY = 9_999


@dataclass(frozen=True)
class CartProduct:
    """What the till needs to know of a product to sell it."""

    product_id: int
    barcode: str
    name: str
    price: int  # per piece, or per kg for measure "weight"
    measure: str = "unit"
    unit: str = "pcs"
    stock_on_hand: int = 0
    warning: str = ""


REASON_MAX = 200  # sales.discount_reason and sale_lines.discount_reason are String(200)


@dataclass
class CartLine:
    product: CartProduct
    quantity: int  # pieces, or grams for measure "weight"
    fixed_total: int | None = None  # the price printed on a price-embedded label
    price_override: int | None = None  # a price per piece (per kg) set at the till instead of the catalogue's
    override_reason: str = ""
    discount: int = 0  # an amount off this line
    discount_reason: str = ""

    @property
    def unit_price(self) -> int:
        if self.fixed_total is not None:
            return self.fixed_total
        return self.price_override if self.price_override is not None else self.product.price

    @property
    def gross(self) -> int:
        """The line before its own discount."""
        if self.fixed_total is not None:
            return self.fixed_total
        if self.product.measure == "weight":
            return round_half_up_div(self.unit_price * self.quantity, 1000)
        return self.unit_price * self.quantity

    @property
    def total(self) -> int:
        """The line after its own discount (never below zero)."""
        return max(self.gross - self.discount, 0)

    @property
    def mergeable(self) -> bool:
        return self.product.measure == "unit"


@dataclass(frozen=True)
class PaymentEntry:
    method: str
    amount: int  # for cash: what the customer handed over; the change comes back out of it
    reference: str = ""

    def __post_init__(self) -> None:
        if self.method not in PAYMENT_METHODS:
            raise PaymentError(_("Metode pembayaran tidak dikenal: {method}", method=self.method))
        ensure_rupiah(self.amount)
        if self.amount <= 0:
            raise PaymentError(_("Jumlah pembayaran harus lebih dari nol"))


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    sale_discount: int = 0  # an amount off the whole sale, spread over the lines at checkout
    sale_discount_reason: str = ""

    def add(self, product: CartProduct, quantity: int = 1, *, grams: int | None = None,
            fixed_total: int | None = None) -> int:
        """Add a scanned product and return the index of the line it landed on.

        Scanning a piece product again raises the quantity of its line; weighed
        and price-labelled items always get a line of their own.
        """
        if product.measure == "weight":
            if not grams or grams <= 0:
                raise ValidationError(_("Barang timbangan harus dipindai dari label timbangan"))
            self.lines.append(CartLine(product, grams))
            return len(self.lines) - 1
        if fixed_total is not None:
            ensure_rupiah(fixed_total)
            self.lines.append(CartLine(product, 1, fixed_total=fixed_total))
            return len(self.lines) - 1
        _check_quantity(quantity)
        for index, line in enumerate(self.lines):
            if line.mergeable and line.product.product_id == product.product_id:
                _check_quantity(line.quantity + quantity)
                line.quantity += quantity
                return index
        self.lines.append(CartLine(product, quantity))
        return len(self.lines) - 1

    def set_quantity(self, index: int, quantity: int) -> None:
        line = self.lines[index]
        if not line.mergeable:
            raise ValidationError(_("Jumlah barang timbangan tidak dapat diubah; hapus dan pindai ulang"))
        _check_quantity(quantity)
        line.quantity = quantity
        if line.discount > line.gross:  # a discount for more pieces than are left: give it again
            line.discount, line.discount_reason = 0, ""

    def remove(self, index: int) -> None:
        del self.lines[index]

    def clear(self) -> None:
        self.lines.clear()
        self.sale_discount = 0
        self.sale_discount_reason = ""

    def set_line_discount(self, index: int, amount: int, reason: str = "") -> None:
        """An amount off line ``index`` (0 removes it); a reason is required for any discount.

        Who may give how much is checked by ``services.checkout``.
        """
        line = self.lines[index]
        ensure_rupiah(amount)
        if amount > line.gross:
            raise ValidationError(_("Diskon baris tidak boleh melebihi {amount}", amount=format_rupiah(line.gross)))
        line.discount, line.discount_reason = amount, _reason(reason, amount > 0)

    def set_line_price(self, index: int, price: int | None, reason: str = "") -> None:
        """Sell line ``index`` at ``price`` per piece (per kg) instead of the catalogue's; None undoes it."""
        line = self.lines[index]
        if line.fixed_total is not None:
            raise ValidationError(_("Harga dari label harga tidak dapat diubah; hapus dan pindai ulang"))
        if price is None or price == line.product.price:
            line.price_override, line.override_reason = None, ""
        else:
            ensure_rupiah(price)
            line.price_override, line.override_reason = price, _reason(reason, True)
        if line.discount > line.gross:
            line.discount, line.discount_reason = 0, ""

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def discount(self) -> int:
        return min(self.sale_discount, self.subtotal)

    def set_sale_discount(self, amount: int, reason: str = "") -> None:
        """An amount off the whole sale (who may give how much is checked by the services).

        ``services.checkout`` refuses a discount without a reason.
        """
        ensure_rupiah(amount)
        if amount > self.subtotal:
            raise ValidationError(_("Diskon tidak boleh melebihi subtotal {amount}", amount=format_rupiah(self.subtotal)))
        self.sale_discount = amount
        self.sale_discount_reason = " ".join((reason or "").split())[:REASON_MAX]

    @property
    def gross(self) -> int:
        """Every line at its price before any discount."""
        return sum(line.gross for line in self.lines)

    @property
    def discount_total(self) -> int:
        """Line discounts and the sale discount together."""
        return sum(line.gross - line.total for line in self.lines) + self.discount

    def discount_percent_exceeds(self, limit_pct: int) -> bool:
        """True if all discounts together are more than ``limit_pct`` percent of the gross."""
        return self.discount_total * 100 > self.gross * limit_pct

    @property
    def total(self) -> int:
        return self.subtotal - self.discount

    @property
    def is_empty(self) -> bool:
        return not self.lines


def percent_of(amount: int, percent: int) -> int:
    """``percent`` (a whole number 0-100) of ``amount`` in whole Rupiah, half up."""
    ensure_rupiah(amount)
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError(_("Persen harus bilangan bulat 0 sampai 100"))
    return round_half_up_div(amount * percent, 100)


def _reason(reason: str, required: bool) -> str:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError(_("Alasan harus diisi"))
    if len(reason) > REASON_MAX:
        raise ValidationError(_("Alasan paling panjang {max} huruf", max=REASON_MAX))
    return reason


def _check_quantity(quantity: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError(_("Jumlah harus bilangan bulat 1 sampai {max}", max=MAX_QUANTITY))


def settle_payments(total: int, payments: list[PaymentEntry]) -> int:
    """Check that ``payments`` cover ``total`` and return the change due.

    Only cash can be overpaid (the change comes out of the drawer); a QRIS,
    card or transfer payment larger than what is left to pay is refused.
    """
    ensure_rupiah(total)
    if not payments:
        raise PaymentError(_("Belum ada pembayaran"))
    non_cash = sum(p.amount for p in payments if p.method != "cash")
    if non_cash > total:
        raise PaymentError(_("Pembayaran non-tunai melebihi total belanja"))
    paid = sum(p.amount for p in payments)
    if paid < total:
        raise PaymentError(_("Pembayaran kurang {amount}", amount=format_rupiah(total - paid)))
    return paid - total



def applied_amounts(payments: list[PaymentEntry], change: int) -> list[tuple[PaymentEntry, int]]:
    """Each payment with the part of it that pays the sale (cash minus the change).

    The change comes out of the cash handed over, last cash payment first;
    a cash payment that only became change is dropped.  The applied amounts
    add up to the sale total exactly.
    """
    result: list[tuple[PaymentEntry, int]] = []
    for entry in reversed(payments):
        applied = entry.amount
        if entry.method == "cash" and change:
            taken = min(change, applied)
            applied -= taken
            change -= taken
        if applied:
            result.append((entry, applied))
    result.reverse()
    return result
