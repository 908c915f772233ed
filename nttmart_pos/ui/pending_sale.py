"""A sale whose outcome is unknown, held by the till until it has been checked.

When the link to the database breaks during a sale's COMMIT, the server may
have stored the sale and only its answer been lost (``SaleOutcomeUnknown``).
Paying again would then record the customer's one purchase twice, so the till
keeps the cart, remembers the receipt number and total, and refuses to change
the cart.  The next F12 first asks the database (``sale_recorded``):

- the sale is stored: it is finished exactly like a sale that completed (cart
  cleared, change shown, its receipt, queued in the sale's own transaction,
  printed);
- it is not: the COMMIT really failed, and the payment dialog opens as usual;
- the database still does not answer: the cashier is told again, and the
  sale stays held.
"""

from __future__ import annotations

from collections.abc import Callable

from nttmart_pos.errors import DatabaseError, PosError, SaleOutcomeUnknown
from nttmart_pos.i18n import _
from nttmart_pos.services.checkout import sale_recorded
from nttmart_pos.ui.errors import show_error, user_message
from nttmart_pos.ui.sound import error_beep
from nttmart_pos.ui.till_actions import STYLE_ERROR, STYLE_INFO

# the cashier screen's buttons (and their keys) that change the cart: refused while a sale is held
CART_EDITS = frozenset({"searchButton", "quantityButton", "removeButton", "cancelButton", "discountButton",
                        "priceButton"})


class PendingSale:
    def __init__(self, screen) -> None:
        """``screen``: the ``CashierScreen`` (context, status line, ``sale_done``)."""
        self.screen = screen
        self.held: SaleOutcomeUnknown | None = None

    def hold(self, exc: SaleOutcomeUnknown) -> None:
        """Keep the sale whose COMMIT's answer was lost, and tell the cashier not to take the payment again."""
        self.held = exc
        self.screen.show_status(_("Struk {receipt} belum pasti tersimpan. Jangan terima pembayaran lagi; tekan "
                                  "F12 setelah koneksi pulih.", receipt=exc.receipt_no), STYLE_ERROR)
        show_error(self.screen, exc, _("Transaksi belum pasti tersimpan"))

    def clear(self) -> None:
        self.held = None

    def blocks(self) -> bool:
        """True, with the reason in the status line, while a held sale forbids changing the cart."""
        if self.held is None:
            return False
        self.screen.show_status(_("Struk {receipt} belum pasti tersimpan. Tekan F12 untuk memeriksanya dulu "
                                  "sebelum mengubah keranjang.", receipt=self.held.receipt_no), STYLE_ERROR)
        error_beep()
        return True

    def guard(self, slot: Callable[[], object]) -> Callable[[], None]:
        """``slot``, refused while a sale is held."""
        def guarded() -> None:
            if not self.blocks():
                slot()

        return guarded

    def check(self, on_not_recorded: Callable[[], None]) -> None:
        """Ask the database about the held sale: finish it, or ``on_not_recorded()``, or keep it held."""
        held = self.held
        if held is None:
            on_not_recorded()
            return
        screen = self.screen
        try:
            found = sale_recorded(screen.context.uow(), held.receipt_no, held.total)
        except PosError as exc:
            screen.show_status(_("Struk {receipt} belum pasti tersimpan. Jangan terima pembayaran lagi; tekan "
                                 "F12 setelah koneksi pulih.", receipt=held.receipt_no), STYLE_ERROR)
            show_error(screen, DatabaseError(_(
                "Belum dapat memeriksa apakah struk {receipt} sudah tersimpan: {reason}\nJangan terima pembayaran "
                "lagi dulu; tekan F12 lagi setelah koneksi pulih.", receipt=held.receipt_no,
                reason=user_message(exc))), _("Transaksi belum pasti tersimpan"))
            return
        self.held = None
        if found is not None:
            screen.sale_done(found, _("Struk {number} ternyata sudah tersimpan: pembayarannya sudah diterima, "
                                      "jangan ditagih lagi. Mencetak struk...", number=found.receipt_no))
            return
        screen.show_status(_("Transaksi tadi tidak tersimpan. Silakan ulangi pembayaran."), STYLE_INFO)
        on_not_recorded()
