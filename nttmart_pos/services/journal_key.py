"""The journal key file: where the key that signs the journal lives, and how it is made and installed.

The key is 32 random bytes written as 64 hexadecimal digits and a newline, in
``journal.key`` beside the settings file (``--journal-key PATH`` or
``$NTTMART_JOURNAL_KEY`` choose another place: ``Options.journal_key_path``).  It is kept out of the
database on purpose: whoever can edit the database but not read this file
cannot rebuild the journal's HMAC chain after a change.  Every till that
shares a PostgreSQL database needs a copy of the same file, and it must be
backed up with the database: without it the journal can no longer be extended
or verified.

The file is created once, owner-only (mode 0600), and never overwritten.  A
key file that others can read is still used (refusing it would stop the store
from selling); ``nttmart-pos journal verify`` warns about it instead
(``key_is_private``).

A database that already held sales, refunds or Z reports before it had a
journal (one upgraded from version 0003) gets a first entry ``journal.start``
recording the highest row ids of that time; ``journal verify`` does not ask
those older rows for journal entries.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from sqlalchemy import Engine, func, select

from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Sale
from nttmart_pos.db.settlement_models import Refund, ZReport
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.errors import JournalError
from nttmart_pos.i18n import _
from nttmart_pos.services.journal import KEY_BYTES, append, compute_mac, install_key, key_for

JOURNAL_START = "journal.start"
LEGACY_TABLES = (("sales", Sale), ("refunds", Refund), ("z_reports", ZReport))
_KEY_TEXT = re.compile(r"[0-9a-fA-F]{%d}" % (2 * KEY_BYTES))


class KeyFileExists(JournalError):
    """``create_key`` found a key file already in place (it never replaces one)."""


def create_key(path: Path) -> bytes:
    """Write a new random key to ``path`` (mode 0600) and return it; an existing file is never touched.

    The key is written to a temporary file first and then hard-linked into
    place, so the key file appears whole or not at all, and a file that
    already exists makes the link fail instead of being replaced.
    """
    key = secrets.token_bytes(KEY_BYTES)
    content = (key.hex() + "\n").encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            raise KeyFileExists(_("Berkas kunci jurnal {path} sudah ada; tidak ditimpa", path=path))
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        _write_new(temporary, content)
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise KeyFileExists(_("Berkas kunci jurnal {path} sudah ada; tidak ditimpa", path=path)) from None
        except OSError:  # no hard links here (FAT, some network shares): create the key file itself
            _write_new(path, content)
        finally:
            temporary.unlink(missing_ok=True)
        _sync_folder(path.parent)
    except FileExistsError:
        raise KeyFileExists(_("Berkas kunci jurnal {path} sudah ada; tidak ditimpa", path=path)) from None
    except OSError as exc:
        raise JournalError(_("Berkas kunci jurnal {path} tidak dapat dibuat: {error}", path=path,
                             error=exc.strerror or exc)) from exc
    return key


def _write_new(path: Path, content: bytes) -> None:
    """Create ``path`` (failing if it exists) readable by its owner only, write ``content`` and sync it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def load_key(path: Path) -> bytes:
    """The key in ``path``; a missing, unreadable or malformed file is a ``JournalError`` naming it."""
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise JournalError(_("Berkas kunci jurnal tidak ditemukan: {path}", path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(_("Berkas kunci jurnal {path} tidak dapat dibaca: {error}", path=path,
                             error=getattr(exc, "strerror", None) or exc)) from exc
    value = text.strip()
    if not _KEY_TEXT.fullmatch(value):
        raise JournalError(_("Berkas kunci jurnal {path} rusak: isinya harus 64 angka heksadesimal", path=path))
    return bytes.fromhex(value)


def key_is_private(path: Path) -> bool:
    """False when the key file may be read by other users of the computer (POSIX permissions)."""
    if os.name != "posix":
        return True
    try:
        return path.stat().st_mode & 0o077 == 0
    except OSError:
        return True


def journal_has_entries(engine: Engine) -> bool:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(JournalEntry.id).limit(1)) is not None


def ensure_key(engine: Engine, path: Path, *, create: bool) -> bytes:
    """Install the journal key of ``path`` for ``engine`` and return it.

    A missing file is created (when ``create``) only while the database has no
    journal entries: a new key for an existing journal would make every entry
    fail verification, so that is refused with advice to restore the file from
    a backup.  (An engine that already has a key, or in tests the fallback
    key, keeps using it.)
    """
    if path.exists():
        key = load_key(path)
    elif journal_has_entries(engine):
        try:
            return key_for(engine)
        except JournalError:
            raise JournalError(_("Kunci jurnal tidak ditemukan di {path}; pulihkan dari cadangan (salin dari "
                                 "kasir lain yang memakai database yang sama). Jurnal yang ada tidak dapat "
                                 "dilanjutkan dengan kunci baru.", path=path)) from None
    elif create:
        try:
            key = create_key(path)
        except KeyFileExists:  # another till or process made it just now
            key = load_key(path)
    else:
        raise JournalError(_("Berkas kunci jurnal tidak ditemukan: {path}", path=path))
    check_key_matches(engine, key, path)
    install_key(engine, key)
    start_journal(engine)
    return key


def check_key_matches(engine: Engine, key: bytes, path: Path) -> None:
    """Refuse a key that did not sign the journal's last entry (a wrong file copied to this till).

    Entries written with it would break the chain for good, visible only at
    the next ``journal verify``; one indexed read at start-up catches it.
    """
    with UnitOfWork(engine) as uow:
        last = uow.session.execute(select(JournalEntry.prev_mac, JournalEntry.body, JournalEntry.mac)
                                   .order_by(JournalEntry.seq.desc()).limit(1)).first()
    if last is not None and not hmac.compare_digest(compute_mac(key, last.prev_mac, last.body), last.mac):
        raise JournalError(_("Kunci jurnal di {path} tidak cocok dengan jurnal di database ini, jadi kasir tidak "
                             "dapat dibuka: salin berkas kunci dari kasir lain yang memakai database yang sama "
                             "(atau dari cadangan).", path=path))


def legacy_marks(session) -> dict[str, int]:
    """The highest id of each journalled table (0 when empty)."""
    return {name: int(session.scalar(select(func.coalesce(func.max(model.id), 0)))) for name, model in LEGACY_TABLES}


def start_journal(engine: Engine) -> None:
    """Journal ``journal.start`` as entry 1 if the database has sales, refunds or Z reports but no journal yet."""
    with UnitOfWork(engine) as uow:
        if uow.session.scalar(select(JournalEntry.id).limit(1)) is not None:
            return
        if not any(legacy_marks(uow.session).values()):
            return
    with UnitOfWork(engine, write=True) as uow:
        marks = legacy_marks(uow.session)
        entry = append(uow.session, JOURNAL_START, {"before": marks}, user=None)
        if entry.seq == 1:  # else another till started the journal meanwhile: leave it as it is
            uow.commit()
