"""Fixtures shared by the whole suite.

The suite runs against one database per run, chosen by ``TEST_DATABASE``:
``sqlite`` (default; a temporary file) or ``postgresql`` (the local server: a fresh
database is created for the run and dropped after it). The schema is built by the
migrations, as in production. Each test runs inside a transaction that is rolled
back, so tests see each other's data never.
"""
import os
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import orm

from app import create_app
from app.extensions import db as _db
from config import TestingConfig

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_url(name):
    return sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    kind = os.environ.get("TEST_DATABASE", "sqlite")
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
        return
    if kind != "postgresql":
        raise pytest.UsageError(f"TEST_DATABASE must be sqlite or postgresql, not {kind!r}")
    name = f"giamngheo_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def make_app(url, **overrides):
    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url

    app = create_app(Config)
    app.config.update(overrides)
    return app


@pytest.fixture(scope="session")
def app(database_url):
    from flask_migrate import upgrade

    app = make_app(database_url)
    with app.app_context():
        upgrade()
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
