"""Shared fixtures: Qt offscreen, and a migrated database on SQLite and PostgreSQL.

Tests that take the ``engine`` fixture run twice: once on a fresh SQLite file,
once on PostgreSQL (``$NTTMART_TEST_PG_URL``; skipped with a reason when it
is not set, always set in CI by ``.ci/run``).
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from nttmart_pos.db.engine import make_engine
from nttmart_pos.db.migrate import upgrade
from nttmart_pos.db.models import Base
from nttmart_pos.i18n import set_language

PG_ENV = "NTTMART_TEST_PG_URL"


@pytest.fixture(autouse=True)
def _indonesian():
    set_language("id")
    yield
    set_language("id")


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_on_the_main_thread():
    """As in the program (ui/worker.py): a collection started by a background
    thread may destroy Qt objects under the GUI thread's feet and crash."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_between_tests():
    yield
    if "PySide6.QtWidgets" in sys.modules:
        from nttmart_pos.ui.worker import wait_for_background

        wait_for_background()
    gc.collect()


TEST_JOURNAL_KEY = b"test-journal-key-not-for-a-store!"


@pytest.fixture(scope="session", autouse=True)
def _journal_key():
    """Every engine a test makes can journal; the program itself installs the key from its key file."""
    from nttmart_pos.services.journal import set_fallback_key

    set_fallback_key(TEST_JOURNAL_KEY)
    yield
    set_fallback_key(None)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_base_url():
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    name = f"nttmart_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    test_url = parsed.set(database=name)
    engine = make_engine(test_url.render_as_string(hide_password=False))
    upgrade(engine)
    engine.dispose()
    yield test_url.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(engine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def _sqlite_copy(tmp_path, sqlite_template) -> str:
    path = tmp_path / "pos.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _engine_on(url):
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, sqlite_template):
    """A migrated, empty database URL on each backend."""
    if request.param == "sqlite":
        return _sqlite_copy(tmp_path, sqlite_template)
    url = request.getfixturevalue("pg_base_url")
    engine = make_engine(url)
    _truncate_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def engine(db_url):
    yield from _engine_on(db_url)


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template):
    """A migrated SQLite file only (for tests of SQLite-specific behaviour or the GUI)."""
    return _sqlite_copy(tmp_path, sqlite_template)


@pytest.fixture
def sqlite_engine(sqlite_url):
    """An engine on ``sqlite_url``: for checks that do not depend on the database backend."""
    yield from _engine_on(sqlite_url)
