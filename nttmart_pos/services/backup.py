"""Backups of the SQLite database: consistent copies, checked before they are trusted.

``backup_database`` copies the live database with SQLite's online backup API
(one step, so one consistent snapshot even while a till is writing) into a
temporary file beside the target, checks the copy (``PRAGMA integrity_check``,
a known Alembic revision, and the journal chain when ``services.journal_verify``
is there) and only then renames it into place: a full disk or a read-only
folder leaves no half-written file behind.  ``daily_backup`` writes
``nttmart-YYYYMMDD-HHMMSS.db`` into a folder and keeps the newest few.

``check_copy`` is the check a backup must pass, also before ``services.restore`` puts one back.

PostgreSQL is backed up and restored with its own tools (``pg_dump`` and
``pg_restore``); ``pg_dump_command`` spells the first out.
"""

from __future__ import annotations

import errno
import os
import re
import shlex
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from nttmart_pos.db.migrate import alembic_config
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import DatabaseError, JournalError, ValidationError
from nttmart_pos.i18n import _

BACKUP_NAME = re.compile(r"nttmart-\d{8}-\d{6}\.db")
SIDE_FILES = ("-wal", "-shm", "-journal")
_SHOWN_PROBLEMS = 3


class BackupError(DatabaseError):
    """A backup that could not be written, or a backup file that must not be restored."""


@dataclass(frozen=True)
class BackupResult:
    """A written and checked backup; ``journal_checked`` is False when the journal could not be verified."""

    path: Path
    size: int
    sales: int
    journal_entries: int
    journal_checked: bool = False


@dataclass(frozen=True)
class CopyCheck:
    """What checking a database file found (it passed: a failure raises ``BackupError``)."""

    revision: str
    sales: int
    journal_entries: int
    journal_checked: bool


# -- where ------------------------------------------------------------------

def sqlite_file(url: str) -> Path:
    """The database file of a SQLite URL; a refusal for anything else (PostgreSQL, in-memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise ValidationError(_("Perintah ini hanya untuk database SQLite; PostgreSQL dicadangkan dengan pg_dump."))
    database = parsed.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        raise ValidationError(_("Database ini tidak tersimpan sebagai berkas, jadi tidak dapat dicadangkan."))
    return Path(database).expanduser()


def pg_options(url: str) -> list[str]:
    parsed = make_url(url)
    options = [f"--host={parsed.host}"] if parsed.host else []
    options += [f"--port={parsed.port}"] if parsed.port else []
    options += [f"--username={parsed.username}"] if parsed.username else []
    return options  # never the password: pg_dump asks for it, or takes it from ~/.pgpass or PGPASSWORD


def pg_dump_command(url: str, out: Path) -> str:
    """The ``pg_dump`` command that backs up the PostgreSQL database of ``url`` into ``out``."""
    return shlex.join(["pg_dump", "--format=custom", f"--file={out}", *pg_options(url),
                       make_url(url).database or ""])


# -- backup -----------------------------------------------------------------

def backup_database(engine: Engine, target: Path, *, key: bytes | None = None) -> BackupResult:
    """Copy the live SQLite database of ``engine`` to ``target``, check the copy, then rename it into place.

    ``key`` is the journal key (default: the one installed for ``engine``);
    without one the copy is still checked, but not its journal.
    """
    live = sqlite_file(engine.url.render_as_string(hide_password=False))
    target = Path(target).expanduser()
    if target.resolve() == live.resolve():
        raise BackupError(_("Cadangan tidak boleh ditulis di atas database itu sendiri: {path}", path=target))
    if key is None and journal_verifier() is not None:
        key = _installed_key(engine)
    temp = temp_beside(target)
    try:
        _copy_database(engine, temp)
        check = check_copy(temp, key, label=target.name)
        fsync_file(temp)
        os.replace(temp, target)
        fsync_dir(target.parent)
        return BackupResult(target, target.stat().st_size, check.sales, check.journal_entries, check.journal_checked)
    except (OSError, sqlite3.Error) as exc:
        raise write_error(exc, target) from exc
    finally:
        remove_with_side_files(temp)


def _copy_database(engine: Engine, temp: Path) -> None:
    """SQLite's online backup of the live database into ``temp``, in one step: one consistent snapshot."""
    live = Path(engine.url.database or "")
    destination = sqlite3.connect(temp)
    try:
        try:
            connection = engine.connect()
        except SQLAlchemyError as exc:
            raise _unreadable(live, getattr(exc, "orig", None) or exc) from exc
        with connection:
            try:
                connection.connection.dbapi_connection.backup(destination)
            except sqlite3.OperationalError:
                raise  # the copy's side: a full disk, a read-only folder
            except sqlite3.DatabaseError as exc:
                raise _unreadable(live, exc) from exc
        # The copied header says WAL; a backup is one self-contained file.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def _unreadable(live: Path, error: object) -> BackupError:
    return BackupError(_("Database {path} tidak dapat dibaca untuk dicadangkan ({error}); tidak ada cadangan "
                         "yang ditulis.", path=live, error=error))


def daily_backup(engine: Engine, folder: Path, keep: int = 14, *, now: datetime | None = None) -> BackupResult:
    """``folder/nttmart-YYYYMMDD-HHMMSS.db`` (local time), then only the newest ``keep`` backups are kept.

    Meant for the end of a shift (after the Z report), and for a scheduled task.
    """
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        raise ValidationError(_("Jumlah cadangan yang disimpan harus 1 atau lebih, bukan {value}", value=keep))
    moment = (now or datetime.now().astimezone()).strftime("%Y%m%d-%H%M%S")
    result = backup_database(engine, Path(folder).expanduser() / f"nttmart-{moment}.db")
    rotate_backups(folder, keep)
    return result


def rotate_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` files named ``nttmart-YYYYMMDD-HHMMSS.db`` in ``folder``; returns them.

    Other files in the folder are never touched.
    """
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        raise ValidationError(_("Jumlah cadangan yang disimpan harus 1 atau lebih, bukan {value}", value=keep))
    folder = Path(folder).expanduser()
    try:
        backups = sorted(p for p in folder.iterdir() if BACKUP_NAME.fullmatch(p.name) and p.is_file())
        old = backups[:-keep]
        for path in old:
            path.unlink()
    except OSError as exc:
        raise BackupError(_("Cadangan lama di {folder} tidak dapat dihapus: {error}", folder=folder,
                            error=exc.strerror or exc)) from exc
    return old


# -- checking a copy --------------------------------------------------------

def check_copy(path: Path, key: bytes | None, *, label: str = "", need_journal: bool = False) -> CopyCheck:
    """Check the database file ``path`` (a copy of our own: it is switched to a single file first).

    Integrity, a revision of ours, and the journal chain with ``key`` when the
    journal verifier exists.  ``need_journal``: a missing key is a refusal,
    not a skipped check.  Raises ``BackupError`` naming what is wrong.
    """
    label = label or Path(path).name
    try:
        connection = sqlite3.connect(path)
        try:
            revision, sales, journal_rows = _inspect(connection, label)
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:
        if _is_write_failure(exc):
            raise
        raise _damaged(label, exc) from exc
    except sqlite3.DatabaseError as exc:
        raise _damaged(label, exc) from exc
    verifier = journal_verifier()
    if not journal_rows or verifier is None:  # before revision 0004, or no journal entry yet
        return CopyCheck(revision, sales, journal_rows or 0, False)
    if key is None:
        if need_journal:
            raise BackupError(_("Jurnal dalam {name} tidak dapat diperiksa tanpa berkas kunci jurnal toko ini; "
                                "tidak ada yang diubah.", name=label))
        return CopyCheck(revision, sales, journal_rows, False)
    engine = _read_only_engine(Path(path))
    try:
        result = verifier(UnitOfWork(engine), key)
    finally:
        engine.dispose()
    if not result.ok:
        raise BackupError(_("Jurnal dalam {name} tidak cocok, jadi berkas ini tidak dapat dipercaya: {problem}",
                            name=label, problem=result.problem))
    return CopyCheck(revision, sales, result.count, True)


def _inspect(connection: sqlite3.Connection, label: str) -> tuple[str, int, int | None]:
    """Single-file mode, ``integrity_check``; the Alembic revision, the sales and the journal entries (None: no
    journal table)."""
    mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    if str(mode).lower() != "delete":
        raise sqlite3.OperationalError("database is locked")
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check(10)")]
    if problems != ["ok"]:
        raise BackupError(_("Berkas {name} rusak (pemeriksaan integritas SQLite gagal: {problems}); berkas ini tidak "
                            "dipakai.", name=label, problems="; ".join(problems[:_SHOWN_PROBLEMS])))
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"alembic_version", "sales"} <= tables:
        raise BackupError(_("Berkas {name} bukan database NTT Mart POS.", name=label))
    versions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    if len(versions) != 1 or versions[0] not in known_revisions():
        raise BackupError(_("Berkas {name} dibuat oleh versi program yang tidak dikenal (revisi {revision}); "
                            "pakai program yang sama atau lebih baru.", name=label,
                            revision=", ".join(map(str, versions)) or "-"))
    sales = connection.execute("SELECT count(*) FROM sales").fetchone()[0]
    journal = (connection.execute("SELECT count(*) FROM journal_entries").fetchone()[0]
               if "journal_entries" in tables else None)
    return versions[0], int(sales), journal


def known_revisions() -> set[str]:
    """Every revision of this program's migrations: a database at one of them is at or below head."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _read_only_engine(path: Path) -> Engine:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
                         poolclass=NullPool)


def journal_verifier():
    """``services.journal_verify.verify_journal``, or None while that module does not exist."""
    try:
        from nttmart_pos.services import journal_verify
    except ModuleNotFoundError as exc:
        if exc.name != "nttmart_pos.services.journal_verify":
            raise
        return None
    return journal_verify.verify_journal


def _installed_key(engine: Engine) -> bytes | None:
    from nttmart_pos.services.journal import key_for

    try:
        return key_for(engine)
    except JournalError:
        return None


def _damaged(label: str, exc: Exception) -> BackupError:
    return BackupError(_("Berkas {name} rusak atau bukan database NTT Mart POS ({error}); berkas ini tidak dipakai.",
                         name=label, error=exc))


# -- files --------------------------------------------------------------------

def side_file(path: Path, suffix: str) -> Path:
    """``path`` with ``suffix`` appended to its name (SQLite's ``-wal``, ``-shm``, ``-journal`` files)."""
    return path.with_name(path.name + suffix)


def temp_beside(target: Path) -> Path:
    """An empty temporary file in the target's folder (created if needed), so the final rename is atomic."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise write_error(exc, target) from exc
    return Path(name)


def remove_with_side_files(path: Path) -> None:
    for name in (path, *(side_file(path, suffix) for suffix in SIDE_FILES)):
        try:
            name.unlink(missing_ok=True)
        except OSError:
            pass


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _is_write_failure(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("full", "readonly", "read-only", "unable to open", "disk i/o", "locked"))


def write_error(exc: BaseException, target: Path) -> DatabaseError:
    """The one message for a failed write: a full disk, a read-only folder, or the system's own words."""
    if isinstance(exc, DatabaseError):
        return exc
    code = getattr(exc, "errno", None)
    text = str(exc).lower() if isinstance(exc, sqlite3.Error) else ""  # an OSError's text names the file
    if code in (errno.ENOSPC, errno.EDQUOT) or "full" in text:
        return BackupError(_("Ruang disk penuh: {path} tidak dapat ditulis. Kosongkan ruang disk atau pilih tempat "
                             "lain; tidak ada berkas setengah jadi yang tertinggal.", path=target))
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text or "unable to open" in text:
        return BackupError(_("Folder {folder} tidak dapat ditulisi (hanya-baca atau tanpa izin): {name} tidak "
                             "ditulis dan tidak ada yang diubah.", folder=target.parent, name=target.name))
    if "locked" in text or "busy" in text:
        return BackupError(_("Database {path} masih dibuka oleh program lain. Tutup program kasir di semua "
                             "komputer lalu coba lagi; tidak ada yang diubah.", path=target))
    detail = getattr(exc, "strerror", None) or exc
    return BackupError(_("{path} tidak dapat ditulis: {error}", path=target, error=detail))
