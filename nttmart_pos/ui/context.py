"""What every screen needs to reach: the database, the settings, the logged-in user."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from nttmart_pos.config import Settings
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.auth import UserInfo


@dataclass
class AppContext:
    engine: Engine
    settings: Settings
    settings_path: Path
    user: UserInfo | None = None
    printer_override: str | None = field(default=None)

    def uow(self, *, write: bool = False) -> UnitOfWork:
        return UnitOfWork(self.engine, write=write)
