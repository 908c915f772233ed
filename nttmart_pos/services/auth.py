"""Users and PINs: salted scrypt hashes only, never a PIN in clear; lockout after wrong PINs.

After ``MAX_FAILED_PINS`` wrong PINs in a row a user is locked for a time that
doubles with each lock (1, 2, 4 ... minutes, at most a day); the lock is
journalled.  The same check guards logins and a supervisor's override PIN.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nttmart_pos.db.models import User, utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import AuthError, ValidationError
from nttmart_pos.domain.users import ROLES, UserInfo
from nttmart_pos.i18n import _

__all__ = ["ROLES", "UserInfo", "MAX_FAILED_PINS", "lock_duration", "hash_pin", "verify_pin", "check_pin_format",
           "check_role", "new_user", "create_user", "login", "authorize_override", "user_exists", "has_any_user",
           "user_info"]
MAX_FAILED_PINS = 5
_USERNAME = re.compile(r"[a-z0-9._-]+")
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(days=1)
# scrypt cost: about 50 ms a check on a small till, slow enough to make a
# stolen database useless for guessing 4-digit PINs offline at scale.
_N, _R, _P = 2**14, 8, 1


def lock_duration(earlier_locks: int) -> timedelta:
    """How long the next lock lasts: 1 minute, doubling with every earlier lock, at most a day."""
    return min(FIRST_LOCK * (2 ** min(earlier_locks, 20)), LONGEST_LOCK)


def user_info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.full_name, user.role)


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_pin_format(pin: str) -> str:
    if not (isinstance(pin, str) and pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise ValidationError(_("PIN harus 4 sampai 8 angka"))
    return pin


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(_("Peran tidak dikenal: {role}", role=role))
    return role


def new_user(session: Session, username: str, full_name: str, role: str, pin: str) -> User:
    """The one place a user is made: check the name, role and PIN, hash the PIN, add the row (flushed)."""
    username = username.strip().lower()
    if not username:
        raise ValidationError(_("Nama pengguna tidak boleh kosong"))
    if len(username) > 40 or not _USERNAME.fullmatch(username):
        raise ValidationError(_("Nama pengguna paling panjang 40 huruf, hanya huruf, angka, titik, garis bawah "
                                "atau tanda minus, tanpa spasi"))
    if len(full_name.strip()) > 120:
        raise ValidationError(_("Nama lengkap paling panjang 120 huruf"))
    check_role(role)
    check_pin_format(pin)
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise ValidationError(_("Nama pengguna {username} sudah dipakai", username=username))
    user = User(username=username, full_name=full_name.strip() or username, role=role, pin_hash=hash_pin(pin))
    session.add(user)
    session.flush()
    return user


def create_user(uow: UnitOfWork, username: str, full_name: str, role: str, pin: str) -> UserInfo:
    """Bootstrap (init, demo, tests): no actor, not journalled; the admin screen uses ``services.users``."""
    with uow:
        user = new_user(uow.session, username, full_name, role, pin)
        uow.commit()
        return user_info(user)


def _locked_message(user: User) -> str:
    until = user.locked_until.astimezone().strftime("%H:%M") if user.locked_until else "-"
    return _("{name} terkunci karena PIN salah {count} kali. Coba lagi setelah pukul {time} "
             "atau minta admin mengatur ulang PIN.", name=user.full_name, count=MAX_FAILED_PINS, time=until)


def _check_pin(session: Session, user: User, pin: str, now: datetime, terminal: str) -> bool:
    """True if ``pin`` is ``user``'s; counts a wrong one and locks after too many.

    Raises ``AuthError`` while the user is locked (without checking the PIN).
    The caller must commit whatever the outcome, so a wrong PIN is counted.
    """
    if user.locked_until is not None and user.locked_until > now:
        raise AuthError(_locked_message(user))
    if verify_pin(pin, user.pin_hash):
        user.failed_pins, user.lock_count, user.locked_until = 0, 0, None
        return True
    user.failed_pins = (user.failed_pins or 0) + 1
    if user.failed_pins >= MAX_FAILED_PINS:
        from nttmart_pos.services.journal import append  # the journal module imports this one

        user.locked_until = now + lock_duration(user.lock_count or 0)
        user.lock_count = (user.lock_count or 0) + 1
        user.failed_pins = 0
        append(session, "user.locked", {"username": user.username, "locks": user.lock_count,
                                         "until": user.locked_until.astimezone().isoformat(timespec="seconds")},
               user=user_info(user), terminal=terminal, ref=user.username)
    return False


def login(uow: UnitOfWork, username: str, pin: str, *, terminal: str = "", now: datetime | None = None) -> UserInfo:
    """Return the user if the PIN is right; one message for every failure but a lock.

    Writes (the failure count, a lock): pass a write unit of work.
    """
    now = now or utcnow()
    with uow:
        user = uow.session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None or not user.active:
            raise AuthError(_("Nama pengguna atau PIN salah"))
        try:
            ok = _check_pin(uow.session, user, pin, now, terminal)
        finally:
            uow.commit()
        if not ok:
            if user.locked_until is not None and user.locked_until > now:
                raise AuthError(_locked_message(user))
            raise AuthError(_("Nama pengguna atau PIN salah"))
        return user_info(user)


def authorize_override(uow: UnitOfWork, username: str, pin: str, permission: str, *, terminal: str = "",
                       now: datetime | None = None):
    """A supervisor's or manager's consent to ``permission``, checked by their PIN: an ``Approval``.

    Wrong PINs count towards the approver's lockout like a login.
    """
    from nttmart_pos.services.permissions import issue_approval

    return issue_approval(login(uow, username, pin, terminal=terminal, now=now), permission)


def user_exists(uow: UnitOfWork, username: str) -> bool:
    """True if a user of that name exists (names are kept lower-case)."""
    with uow:
        return uow.session.scalar(select(User.id).where(User.username == username.strip().lower())) is not None


def has_any_user(uow: UnitOfWork) -> bool:
    with uow:
        return uow.session.scalar(select(User.id).limit(1)) is not None
