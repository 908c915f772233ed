"""Users and PINs: salted scrypt hashes only, never a PIN in clear.

Roles and the permission table grow in the trust issue; here a user can log
in with the right PIN and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from nttmart_pos.db.models import User
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import AuthError, ValidationError
from nttmart_pos.i18n import _

ROLES = ("cashier", "supervisor", "manager", "admin")
# scrypt cost: about 50 ms a check on a small till, slow enough to make a
# stolen database useless for guessing 4-digit PINs offline at scale.
_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: str


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


def create_user(uow: UnitOfWork, username: str, full_name: str, role: str, pin: str) -> UserInfo:
    username = username.strip().lower()
    if not username or len(username) > 40:
        raise ValidationError(_("Nama pengguna tidak boleh kosong"))
    if role not in ROLES:
        raise ValidationError(_("Peran tidak dikenal: {role}", role=role))
    check_pin_format(pin)
    with uow:
        if uow.session.scalar(select(User).where(User.username == username)) is not None:
            raise ValidationError(_("Nama pengguna {username} sudah dipakai", username=username))
        user = User(username=username, full_name=full_name.strip() or username, role=role, pin_hash=hash_pin(pin))
        uow.session.add(user)
        uow.commit()
        return UserInfo(user.id, user.username, user.full_name, user.role)


def login(uow: UnitOfWork, username: str, pin: str) -> UserInfo:
    """Return the user if the PIN is right; one message for every failure."""
    with uow:
        user = uow.session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None or not user.active or not verify_pin(pin, user.pin_hash):
            raise AuthError(_("Nama pengguna atau PIN salah"))
        return UserInfo(user.id, user.username, user.full_name, user.role)


def user_exists(uow: UnitOfWork, username: str) -> bool:
    """True if a user of that name exists (names are kept lower-case)."""
    with uow:
        return uow.session.scalar(select(User.id).where(User.username == username.strip().lower())) is not None


def has_any_user(uow: UnitOfWork) -> bool:
    with uow:
        return uow.session.scalar(select(User.id).limit(1)) is not None
