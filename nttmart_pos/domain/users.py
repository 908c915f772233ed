"""Who is at the till: the roles and the logged-in user as the services see them."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("cashier", "supervisor", "manager", "admin")  # lowest to highest


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: str
