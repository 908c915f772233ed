"""Subcommands beyond the core ones, one module each; and what they share.

Every module in this package defines ``add_commands(subparsers)``: it adds its
subcommands and sets ``run=handler`` on each, where ``handler(args, options)``
returns the exit status (0 done, 1 error, 2 usage).  ``cli.py`` finds the
modules by itself, so adding a command never touches it.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from nttmart_pos.db.uow import database_error
from nttmart_pos.errors import DatabaseError
from nttmart_pos.i18n import _
from nttmart_pos.options import Options


def add_extension_commands(subparsers) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}").add_commands(subparsers)


def upgraded_engine(options: Options, *, journal_key: bool = True) -> Engine:
    """An engine on the chosen database, its schema created or brought up to date.

    With ``journal_key`` (the default) the journal key file is installed for
    the engine, created first if the database has no journal yet
    (``services.journal_key.ensure_key``); ``journal verify`` reads the key itself.
    """
    from alembic.util import CommandError

    from nttmart_pos.db.engine import make_engine
    from nttmart_pos.db.migrate import upgrade
    from nttmart_pos.services.journal_key import ensure_key

    engine = make_engine(options.db_url)
    try:
        upgrade(engine)
    except CommandError as exc:  # e.g. a database written by a newer version of the program
        engine.dispose()
        raise DatabaseError(_("Database tidak dapat diperbarui: {error}", error=exc)) from exc
    except SQLAlchemyError as exc:  # name the database: the usual cause is a wrong --db
        engine.dispose()
        raise DatabaseError(_("{error} (database: {db})", error=database_error(exc),
                              db=shown_url(options.db_url))) from exc
    except BaseException:
        engine.dispose()
        raise
    if journal_key:
        try:
            ensure_key(engine, options.journal_key_path, create=True)
        except BaseException:
            engine.dispose()
            raise
    return engine


def shown_url(url: str) -> str:
    """The database URL as it may be printed: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL failed earlier; never echo what might be a secret
        return "?"


