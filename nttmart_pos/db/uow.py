"""Unit of work: one transaction, committed explicitly or rolled back on exit.

    with UnitOfWork(engine, write=True) as uow:
        ...
        uow.commit()

Leaving the block without ``commit()`` (or by an exception) rolls everything
back.  ``write=True`` starts SQLite transactions with ``BEGIN IMMEDIATE``;
database failures (locked, full disk, read-only, server gone) become a
``DatabaseError`` with a message for the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, Select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from nttmart_pos.db.fast_read import fast_rows
from nttmart_pos.db.retry import busy_error, is_retryable
from nttmart_pos.errors import DatabaseError
from nttmart_pos.i18n import _


def database_error(exc: Exception) -> DatabaseError:
    """Turn a driver failure into a message a cashier can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    if ("disk" in text and ("full" in text or "space" in text)) or "no space left" in text:  # PG: ENOSPC
        message = _("Penyimpanan penuh: data tidak dapat disimpan. Kosongkan ruang disk lalu coba lagi.")
    elif "readonly" in text or "read-only" in text or "read only" in text:
        message = _("Database hanya-baca: data tidak dapat disimpan. Hubungi manajer.")
    elif "append-only" in text:
        message = _("Data yang sudah selesai (penjualan, pengembalian, laporan Z, jurnal) tidak dapat diubah "
                    "atau dihapus.")
    elif "locked" in text or "busy" in text:
        message = _("Database sedang sibuk. Coba lagi sebentar.")
    else:
        message = _("Database tidak dapat dihubungi. Periksa koneksi lalu coba lagi.")
    return DatabaseError(message)


class UnitOfWork:
    def __init__(self, engine: Engine, *, write: bool = False) -> None:
        self.engine = engine
        self._engine = engine.execution_options(sqlite_begin="IMMEDIATE") if write else engine
        self.session: Session

    def read_rows(self, statement: Select, params: Mapping[str, Any]) -> list[tuple]:
        """A hot read outside any transaction (the till's scan): see ``db.fast_read``."""
        return fast_rows(self.engine, statement, params)

    def __enter__(self) -> "UnitOfWork":
        self.session = Session(self._engine, expire_on_commit=False, autoflush=True)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.session.rollback()
        except DBAPIError:
            pass
        finally:
            self.session.close()
        if isinstance(exc, (OperationalError, DBAPIError)) and not isinstance(exc, DatabaseError):
            raise database_error(exc) from exc

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()
