"""Putting a backup back: checked first, the replaced database kept, the file swapped in with one rename.

``restore_database`` checks the backup like a fresh one (``services.backup.check_copy``:
integrity, a revision of ours, the journal chain) on a copy beside the live
database and refuses a bad one with nothing changed.  Then the live database
is kept as ``<name>.before-restore-<timestamp>`` and the checked copy renamed
over it.  The program must be closed on every till first: a till that still
has the file open is only noticed when it holds it on this computer (SQLite
then refuses to leave WAL mode).  The next start upgrades an older backup's
schema as usual.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from nttmart_pos.errors import NotFoundError
from nttmart_pos.i18n import _
from nttmart_pos.services.backup import (SIDE_FILES, BackupError, check_copy, fsync_dir, fsync_file, pg_options,
                                         remove_with_side_files, side_file, temp_beside, write_error)

_NEW_FILE_MODE = 0o644  # what SQLite itself would create


@dataclass(frozen=True)
class RestoreResult:
    """A restored database; ``previous`` is where the replaced one was kept (None: there was none)."""

    path: Path
    previous: Path | None
    sales: int
    journal_entries: int
    revision: str


def pg_restore_command(url: str, source: Path) -> str:
    """The ``pg_restore`` command that puts a ``pg_dump --format=custom`` file back into ``url``'s database."""
    return shlex.join(["pg_restore", "--clean", "--if-exists", "--single-transaction", *pg_options(url),
                       f"--dbname={make_url(url).database or ''}", str(source)])


def restore_database(live: Path, source: Path, *, key: bytes | None, now: datetime | None = None) -> RestoreResult:
    """Replace the database file ``live`` with the backup ``source``, after checking the backup fully.

    ``key`` is the journal key; a backup with a journal is refused without it.
    """
    live, source = Path(live).expanduser(), Path(source).expanduser()
    if not source.is_file():
        raise NotFoundError(_("Berkas cadangan tidak ditemukan: {path}", path=source))
    if live.exists() and source.resolve() == live.resolve():
        raise BackupError(_("Berkas cadangan adalah database yang sedang dipakai: {path}", path=source))
    temp = temp_beside(live)
    try:
        shutil.copyfile(source, temp)
        wal = side_file(source, "-wal")
        if wal.is_file() and wal.stat().st_size:  # a copy taken by hand of a database in WAL mode
            shutil.copyfile(wal, side_file(temp, "-wal"))
        check = check_copy(temp, key, label=source.name, need_journal=True)
        os.chmod(temp, live.stat().st_mode & 0o777 if live.exists() else _NEW_FILE_MODE)  # as the tills had it
        fsync_file(temp)
        _release(live)
        previous = _set_aside(live, now or datetime.now().astimezone())
        try:
            os.replace(temp, live)
        except OSError:
            _put_back(live, previous)
            raise
        fsync_dir(live.parent)
        return RestoreResult(live, previous, check.sales, check.journal_entries, check.revision)
    except (OSError, sqlite3.Error) as exc:
        raise write_error(exc, live) from exc
    finally:
        remove_with_side_files(temp)


def _release(live: Path) -> None:
    """Fold the live database's WAL into its file, so that no stale WAL can meet the restored one.

    SQLite refuses to leave WAL mode while another connection has the file
    open: that is a till still running, and the restore stops.  A database
    too damaged to open is set aside as it is.
    """
    if not live.exists():
        return
    try:
        connection = sqlite3.connect(live, timeout=1)
        try:
            mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            return
        mode = "wal"
    except sqlite3.DatabaseError:
        return
    if str(mode).lower() != "delete":
        raise BackupError(_("Database {path} masih dibuka oleh program lain. Tutup program kasir di semua "
                            "komputer lalu coba lagi; tidak ada yang diubah.", path=live))


def _set_aside(live: Path, now: datetime) -> Path | None:
    """Keep the current database (and any side files) as ``<name>.before-restore-<timestamp>``."""
    if not live.exists():
        return None
    stem = f"{live.name}.before-restore-{now.strftime('%Y%m%d-%H%M%S')}"
    previous, number = live.with_name(stem), 1
    while previous.exists():
        number += 1
        previous = live.with_name(f"{stem}-{number}")
    try:
        os.link(live, previous)  # the live name keeps pointing at the old file until the one rename
    except OSError:
        shutil.copy2(live, previous)
        fsync_file(previous)
    for suffix in SIDE_FILES:
        if side_file(live, suffix).exists():
            os.replace(side_file(live, suffix), side_file(previous, suffix))
    return previous


def _put_back(live: Path, previous: Path | None) -> None:
    """Undo ``_set_aside`` when the final rename failed."""
    if previous is None:
        return
    for suffix in SIDE_FILES:
        if side_file(previous, suffix).exists():
            os.replace(side_file(previous, suffix), side_file(live, suffix))
    previous.unlink(missing_ok=True)
