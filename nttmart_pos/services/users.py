"""User management for the admin: list, add, change a role, reset a PIN, deactivate and activate.

Only an admin may do it (``MANAGE_USERS``), checked against the database, not
only against the role the admin had when logging in.  An admin cannot
deactivate or demote their own account, and no change may leave the store
without an active admin.  Every change is journalled (``user.create``,
``user.role``, ``user.pin_reset``, ``user.deactivate``, ``user.activate``) in
the name of the admin who made it; never the PIN or its hash.

``auth.create_user`` stays for bootstrapping (init, demo, tests): both go
through ``auth.new_user``, the one place that checks a new user and hashes
the PIN.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import User, utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo, check_pin_format, check_role, hash_pin, new_user, user_info
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import MANAGE_USERS, permission_label, require


@dataclass(frozen=True)
class UserRow:
    """One user as the admin screen lists them (never the PIN hash)."""

    id: int
    username: str
    full_name: str
    role: str
    active: bool
    locked_until: datetime | None
    failed_pins: int

    def locked(self, now: datetime | None = None) -> bool:
        """True while wrong PINs keep this user out."""
        return self.locked_until is not None and self.locked_until > (now or utcnow())


def _row(user: User) -> UserRow:
    return UserRow(user.id, user.username, user.full_name, user.role, bool(user.active), user.locked_until,
                   user.failed_pins or 0)


def _admins(session: Session, actor: UserInfo | None) -> tuple[UserInfo, list[User]]:
    """The acting admin as the database knows them now, and every active admin, their rows locked.

    Locking the admins' rows (in id order) makes two admins' changes wait for
    each other, so two demotions at once cannot leave the store without one.
    """
    require(actor, MANAGE_USERS)
    admins = list(session.scalars(select(User).where(User.role == "admin", User.active.is_(True))
                                  .order_by(User.id).with_for_update()))
    me = next((admin for admin in admins if admin.id == actor.id), None)  # type: ignore[union-attr]
    if me is None:  # demoted or deactivated since logging in
        raise PermissionDenied(_("Peran Anda tidak boleh {action}", action=permission_label(MANAGE_USERS)))
    return user_info(me), admins


def _target(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(_("Pengguna tidak ditemukan"))
    return user


def _no_admin_left(admins: list[User], target: User) -> bool:
    return target.role == "admin" and bool(target.active) and all(admin.id == target.id for admin in admins)


def list_users(uow: UnitOfWork, actor: UserInfo | None) -> list[UserRow]:
    """Every user, active ones first, by user name."""
    require(actor, MANAGE_USERS)
    with uow:
        users = uow.session.scalars(select(User).order_by(User.active.desc(), User.username))
        return [_row(user) for user in users]


def add_user(uow: UnitOfWork, actor: UserInfo | None, username: str, full_name: str, role: str, pin: str, *,
             terminal: str = "") -> UserInfo:
    """Add a user with their first PIN (the admin gives it to them in private)."""
    with uow:
        admin, _all = _admins(uow.session, actor)
        user = new_user(uow.session, username, full_name, role, pin)
        append(uow.session, "user.create", {"username": user.username, "full_name": user.full_name,
                                            "role": user.role}, user=admin, terminal=terminal, ref=user.username)
        uow.commit()
        return user_info(user)


def change_role(uow: UnitOfWork, actor: UserInfo | None, user_id: int, role: str, *, terminal: str = "") -> UserRow:
    """Give a user another role; the same role again changes nothing."""
    check_role(role)
    with uow:
        admin, admins = _admins(uow.session, actor)
        user = _target(uow.session, user_id)
        if user.role == role:
            return _row(user)
        if user.id == admin.id:
            raise ValidationError(_("Anda tidak dapat menurunkan peran akun Anda sendiri; minta admin lain "
                                    "melakukannya"))
        if _no_admin_left(admins, user):
            raise ValidationError(_("Harus tetap ada paling sedikit satu admin yang aktif"))
        old, user.role = user.role, role
        uow.session.flush()
        append(uow.session, "user.role", {"username": user.username, "old": old, "new": role},
               user=admin, terminal=terminal, ref=user.username)
        uow.commit()
        return _row(user)


def reset_pin(uow: UnitOfWork, actor: UserInfo | None, user_id: int, pin: str, *, terminal: str = "") -> UserRow:
    """Give a user a new PIN; also lifts a lock from wrong PINs and forgets earlier locks."""
    check_pin_format(pin)
    pin_hash = hash_pin(pin)  # before the transaction: scrypt is slow on purpose
    with uow:
        admin, _all = _admins(uow.session, actor)
        user = _target(uow.session, user_id)
        was_locked = user.locked_until is not None and user.locked_until > utcnow()
        user.pin_hash, user.failed_pins, user.lock_count, user.locked_until = pin_hash, 0, 0, None
        uow.session.flush()
        append(uow.session, "user.pin_reset", {"username": user.username, "was_locked": was_locked},
               user=admin, terminal=terminal, ref=user.username)
        uow.commit()
        return _row(user)


def set_active(uow: UnitOfWork, actor: UserInfo | None, user_id: int, active: bool, *,
               terminal: str = "") -> UserRow:
    """Deactivate a user (they can no longer log in or give a PIN; their history stays) or activate them again."""
    with uow:
        admin, admins = _admins(uow.session, actor)
        user = _target(uow.session, user_id)
        if bool(user.active) == active:
            return _row(user)
        if not active and user.id == admin.id:
            raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri; minta admin lain "
                                    "melakukannya"))
        if not active and _no_admin_left(admins, user):
            raise ValidationError(_("Harus tetap ada paling sedikit satu admin yang aktif"))
        user.active = active
        uow.session.flush()
        append(uow.session, "user.activate" if active else "user.deactivate", {"username": user.username},
               user=admin, terminal=terminal, ref=user.username)
        uow.commit()
        return _row(user)
