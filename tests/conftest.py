"""Fixtures shared by the whole suite.

The suite runs against one database per run, chosen by ``TEST_DATABASE``:
``sqlite`` (default; a temporary file) or ``postgresql`` (the local server: a fresh
database is created for the run and dropped after it). The schema is built by the
migrations, as in production. Each test runs inside a transaction that is rolled
back, so tests see each other's data never.
"""
import contextlib
import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import orm

from flask.globals import _cv_app
from flask.testing import FlaskClient

from app import create_app
from app.extensions import db as _db
from config import TestingConfig

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_url(name):
    return sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


@contextlib.contextmanager
def scratch_database(tmp_path_factory, tag):
    """A new, empty database of the kind this run tests; dropped afterwards."""
    kind = os.environ.get("TEST_DATABASE", "sqlite")
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp(tag) / 'test.sqlite'}"
        return
    if kind != "postgresql":
        raise pytest.UsageError(f"TEST_DATABASE must be sqlite or postgresql, not {kind!r}")
    name = f"giamngheo_{tag}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the catalogs the way ``make`` does, so a fresh checkout tests the real UI."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent / "app" / "translations"
    for po_path in root.glob("*/LC_MESSAGES/messages.po"):
        with po_path.open("rb") as po:
            catalog = read_po(po)
        with po_path.with_suffix(".mo").open("wb") as mo:
            write_mo(mo, catalog)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    with scratch_database(tmp_path_factory, "test") as url:
        yield url


class RequestIsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, as in production.

    Tests hold an app context open (to use the database); without this, requests
    would share it with the test and with each other: one identity map, one ``g``
    (Flask-Login's user, Flask-Babel's locale), hiding bugs that production shows.
    """

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)
            if _cv_app.get(None) is not None:
                _db.session.expire_all()  # the test sees what the request committed


def make_app(url, **overrides):
    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(Config)
    app.config.update(overrides)
    app.test_client_class = RequestIsolatedClient
    return app


def migrated_app(url, **overrides):
    from flask_migrate import upgrade

    app = make_app(url, **overrides)
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session")
def app(database_url):
    app = migrated_app(database_url)
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture
def db(app):
    """The database, inside a transaction rolled back after the test.

    Operations commit as in production; here their commits release savepoints.
    """
    with app.app_context():
        connection = _db.engine.connect()
        outer = connection.begin()
        original = _db.session
        from flask_sqlalchemy.session import _app_ctx_id

        factory = orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        _db.session = orm.scoped_session(factory, scopefunc=_app_ctx_id)
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def smtp_server():
    from tests.mailsink import MailSink

    sink = MailSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def smtp(app, smtp_server):
    """The real SMTP server, empty, with the app configured to send to it."""
    saved = {k: app.config[k] for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    smtp_server.clear()
    if smtp_server._controller is None:
        smtp_server.start()
    yield smtp_server
    app.config.update(saved)
    if smtp_server._controller is None:
        smtp_server.start()


@pytest.fixture
def count_queries(app):
    """``with count_queries() as counted: ...`` then ``counted.n``: SQL statements run."""

    @contextlib.contextmanager
    def _count():
        class Counted:
            n = 0

        def _on(*_args):
            Counted.n += 1

        engine = _db.engine
        sa.event.listen(engine, "before_cursor_execute", _on)
        try:
            yield Counted
        finally:
            sa.event.remove(engine, "before_cursor_execute", _on)

    return _count
