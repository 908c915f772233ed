"""Who may do what: the role checks that services enforce, whatever the UI shows.

The full permission table (and manager override) grows in the trust issue;
until then manager-only actions call ``require_manager``.
"""

from __future__ import annotations

from nttmart_pos.errors import PermissionDenied
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo

MANAGER_ROLES = ("manager", "admin")


def is_manager(user: UserInfo | None) -> bool:
    return user is not None and user.role in MANAGER_ROLES


def require_manager(user: UserInfo | None, action: str) -> None:
    """Raise ``PermissionDenied`` unless ``user`` is a manager or admin; ``action`` is already translated."""
    if not is_manager(user):
        raise PermissionDenied(_("Hanya manajer atau admin yang boleh {action}", action=action))


SUPERVISOR_ROLES = ("supervisor", "manager", "admin")


def require_role(user: UserInfo | None, roles: tuple[str, ...], action: str) -> None:
    """Raise ``PermissionDenied`` unless ``user`` has one of ``roles``; ``action`` is already translated."""
    if user is None or user.role not in roles:
        raise PermissionDenied(_("Peran Anda tidak boleh {action}", action=action))
