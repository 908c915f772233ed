"""Opening the cash drawer without a sale: allowed to supervisors (or on their PIN), always journalled.

The service only checks and records (``drawer.open``); the till then kicks
the drawer through the receipt printer (``hardware.drawer.kick_drawer``)
off the GUI thread.
"""

from __future__ import annotations

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import OPEN_DRAWER, Approval, require
from nttmart_pos.services.voids import clean_reason

DRAWER_OPEN = "drawer.open"  # journal kind


def open_drawer(uow: UnitOfWork, user: UserInfo, terminal: str, reason: str,
                approval: Approval | None = None) -> UserInfo | None:
    """Journal opening the drawer of ``terminal`` for ``reason``; the approver whose authority was used, or None.

    ``uow`` must be a write unit of work.  ``PermissionDenied`` (nothing
    written) when neither the user's role nor ``approval`` allows it.
    """
    approver = require(user, OPEN_DRAWER, approval)
    reason = clean_reason(reason)
    with uow:
        append(uow.session, DRAWER_OPEN, {"reason": reason}, user=user, terminal=terminal, approver=approver)
        uow.commit()
    return approver
