"""The supervisor approvals of the open sale: kept until it completes, asked for again when they lapse.

For a cashier, a discount above ``Settings.discount_limit_pct`` and a changed
price need a supervisor's PIN; the till asks when the discount or price is
given and keeps the ``Approval`` here, and ``services.checkout`` checks it
again.  An approval lives five minutes (``permissions.APPROVAL_SECONDS``) and
a discount approval covers the percentage it was given for, so before payment
``with_approvals`` asks again for one that expired or no longer covers the sale
(a line voided after the discount raises the percentage).
"""

from __future__ import annotations

from collections.abc import Callable

from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import PermissionDenied
from nttmart_pos.i18n import _
from nttmart_pos.services.permissions import (DISCOUNT_OVER_LIMIT, PRICE_OVERRIDE, Approval, allowed,
                                              permission_label, require)


class SaleApprovals:
    def __init__(self, actions) -> None:
        """``actions``: the screen's ``TillActions`` (cart, context, override and status line)."""
        self.actions = actions
        self.held: dict[str, Approval] = {}
        self._discount_covered = (0, 1)  # (discount, gross) of the sale when its discount was allowed

    def reset(self) -> None:
        self.held.clear()
        self._discount_covered = (0, 1)

    def keep(self, permission: str, approval: Approval | None) -> None:
        """Keep ``approval`` for the checkout (None: the user's own role sufficed, nothing to keep)."""
        if approval is None:
            return
        self.held[permission] = approval
        if permission == DISCOUNT_OVER_LIMIT:
            cart = self.actions.cart
            self._discount_covered = (cart.discount_total, max(cart.gross, 1))

    def as_list(self) -> list[Approval]:
        return list(self.held.values())

    def discount_detail(self) -> str:
        cart, limit = self.actions.cart, self.actions.context.settings.discount_limit_pct
        return _("Diskon {amount} dari {gross} ({percent}%), batas kasir {limit}%",
                 amount=format_rupiah(cart.discount_total), gross=format_rupiah(cart.gross),
                 percent=cart.discount_total * 100 // max(cart.gross, 1), limit=limit)

    def missing(self) -> list[tuple[str, str]]:
        """(permission, detail) of what the open sale still needs a supervisor's PIN for."""
        cart, context = self.actions.cart, self.actions.context
        user, found = context.user, []
        if cart.discount_percent_exceeds(context.settings.discount_limit_pct) and \
                not allowed(user, DISCOUNT_OVER_LIMIT):
            approved, gross = self._discount_covered
            covered = cart.discount_total * gross <= approved * cart.gross
            if not covered or not self._still_valid(DISCOUNT_OVER_LIMIT):
                found.append((DISCOUNT_OVER_LIMIT, self.discount_detail()))
        changed = [line for line in cart.lines if line.price_override is not None]
        if changed and not allowed(user, PRICE_OVERRIDE) and not self._still_valid(PRICE_OVERRIDE):
            found.append((PRICE_OVERRIDE, ", ".join(
                f"{line.product.name} {format_rupiah(line.unit_price)}" for line in changed)))
        return found

    def _still_valid(self, permission: str) -> bool:
        try:
            return require(self.actions.context.user, permission, self.held.get(permission)) is not None
        except PermissionDenied:
            return False

    def with_approvals(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the open sale has every approval it needs (asking for the missing ones)."""
        missing = self.missing()
        if not missing:
            then()
            return
        permission, detail = missing[0]
        self.actions.say(_("Sebelum bayar: perlu PIN supervisor untuk {action} (izin berlaku 5 menit)",
                           action=permission_label(permission)), "warning")

        def approved(approval: Approval | None) -> None:
            self.keep(permission, approval)
            self.with_approvals(then)

        self.actions.override(permission, approved, detail,
                              on_cancel=lambda: self.actions.say(_("Pembayaran menunggu izin supervisor"), "error"))
