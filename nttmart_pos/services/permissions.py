"""Who may do what: the one permission table, enforced by the services whatever the UI shows.

Roles are ranked cashier < supervisor < manager < admin; each permission
names the lowest role that holds it.  When a user's role is too low, a
supervisor or manager may allow that one action with their PIN
(``auth.authorize_override`` returns an ``Approval``); the service then
records both names.  An ``Approval`` is signed with a secret of this process
and lives a few minutes, so a service cannot be talked into an override that
no PIN allowed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from nttmart_pos.errors import PermissionDenied
from nttmart_pos.i18n import _
from nttmart_pos.domain.users import ROLES, UserInfo

ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}  # cashier 0 ... admin 3

SELL = "sell"
VOID_LINE = "void_line"  # take a line off the open sale (or lower its quantity) after it was added
VOID_SALE = "void_sale"  # cancel the whole open sale before payment
REFUND = "refund"
DISCOUNT_OVER_LIMIT = "discount_over_limit"  # a discount above Settings.discount_limit_pct
PRICE_OVERRIDE = "price_override"
OPEN_DRAWER = "open_drawer"  # without a sale
REPRINT = "reprint"
CASH_IN_OUT = "cash_in_out"
CLOSE_SHIFT = "close_shift"
SETTLEMENT_APPROVE = "settlement_approve"  # also drafting payouts
SETTLEMENT_PAY = "settlement_pay"
MANAGE_PRODUCTS = "manage_products"
MANAGE_VENDORS = "manage_vendors"
MANAGE_STOCK = "manage_stock"  # intake, retur, stock take, adjustments
VIEW_REPORTS = "view_reports"  # dashboard, exports, journal
MANAGE_USERS = "manage_users"
CHANGE_SETTINGS = "change_settings"

MINIMUM_ROLE: dict[str, str] = {
    SELL: "cashier", VOID_LINE: "cashier", REPRINT: "cashier", CLOSE_SHIFT: "cashier",
    VOID_SALE: "supervisor", REFUND: "supervisor", DISCOUNT_OVER_LIMIT: "supervisor",
    PRICE_OVERRIDE: "supervisor", OPEN_DRAWER: "supervisor", CASH_IN_OUT: "supervisor",
    SETTLEMENT_APPROVE: "manager", SETTLEMENT_PAY: "manager", MANAGE_PRODUCTS: "manager",
    MANAGE_VENDORS: "manager", MANAGE_STOCK: "manager", VIEW_REPORTS: "manager", CHANGE_SETTINGS: "manager",
    MANAGE_USERS: "admin",
}
# What a supervisor or manager may allow at the till with their PIN
OVERRIDABLE = frozenset({VOID_LINE, VOID_SALE, REFUND, DISCOUNT_OVER_LIMIT, PRICE_OVERRIDE, OPEN_DRAWER, REPRINT,
                         CASH_IN_OUT, CLOSE_SHIFT})
APPROVAL_SECONDS = 300


def permission_label(permission: str) -> str:
    """The action in words, for messages ("Peran Anda tidak boleh {action}")."""
    labels = {
        SELL: _("menjual"), VOID_LINE: _("membatalkan baris"), VOID_SALE: _("membatalkan seluruh transaksi"),
        REFUND: _("mengembalikan uang"), DISCOUNT_OVER_LIMIT: _("memberi diskon di atas batas"),
        PRICE_OVERRIDE: _("mengubah harga"), OPEN_DRAWER: _("membuka laci tanpa transaksi"),
        REPRINT: _("mencetak ulang struk"), CASH_IN_OUT: _("mencatat kas masuk/keluar"),
        CLOSE_SHIFT: _("menutup shift"), SETTLEMENT_APPROVE: _("menyetujui setoran UMKM"),
        SETTLEMENT_PAY: _("membayar setoran UMKM"), MANAGE_PRODUCTS: _("mengelola barang"),
        MANAGE_VENDORS: _("mengelola UMKM"), MANAGE_STOCK: _("mengelola stok"),
        VIEW_REPORTS: _("melihat laporan"), MANAGE_USERS: _("mengelola pengguna"),
        CHANGE_SETTINGS: _("mengubah pengaturan"),
    }
    return labels[permission]


def allowed(user: UserInfo | None, permission: str) -> bool:
    """True if ``user``'s own role holds ``permission``."""
    if user is None or user.role not in ROLE_RANK:
        return False
    return ROLE_RANK[user.role] >= ROLE_RANK[MINIMUM_ROLE[permission]]


@dataclass(frozen=True)
class Approval:
    """A supervisor's or manager's PIN-checked consent to one kind of action."""

    approver: UserInfo
    permission: str
    issued_at: float  # time.monotonic()
    signature: str


_SECRET = secrets.token_bytes(32)


def _signature(approver: UserInfo, permission: str, issued_at: float) -> str:
    message = f"{approver.id}|{approver.role}|{permission}|{issued_at!r}".encode()
    return hmac.new(_SECRET, message, hashlib.sha256).hexdigest()


def issue_approval(approver: UserInfo, permission: str) -> Approval:
    """For ``auth.authorize_override`` only, after it checked the approver's PIN."""
    if permission not in OVERRIDABLE or not allowed(approver, permission):
        raise PermissionDenied(_("{name} tidak boleh mengizinkan {action}", name=approver.full_name,
                                 action=permission_label(permission)))
    issued_at = time.monotonic()
    return Approval(approver, permission, issued_at, _signature(approver, permission, issued_at))


def _approval_valid(approval: Approval | None, permission: str) -> bool:
    if approval is None or approval.permission != permission or not allowed(approval.approver, permission):
        return False
    if time.monotonic() - approval.issued_at > APPROVAL_SECONDS:
        return False
    expected = _signature(approval.approver, approval.permission, approval.issued_at)
    return hmac.compare_digest(expected, approval.signature)


def require(user: UserInfo | None, permission: str, approval: Approval | None = None) -> UserInfo | None:
    """Raise ``PermissionDenied`` unless ``user`` (or a valid ``approval``) allows ``permission``.

    Returns the approver whose authority was used, or None when the user's own
    role sufficed: record that name beside the user's.
    """
    if allowed(user, permission):
        return None
    if _approval_valid(approval, permission):
        return approval.approver  # type: ignore[union-attr]
    if permission in OVERRIDABLE:
        raise PermissionDenied(_("Peran Anda tidak boleh {action}; minta PIN supervisor atau manajer",
                                 action=permission_label(permission)))
    raise PermissionDenied(_("Peran Anda tidak boleh {action}", action=permission_label(permission)))
