"""Application factory."""
import contextlib
import contextvars
import logging
import os

from flask import Flask, current_app, has_request_context, session
from sqlalchemy import event
from werkzeug.routing import IntegerConverter
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from config import ProductionConfig, config_from_env

from .extensions import babel, csrf, db, limiter, login_manager, mail, migrate

log = logging.getLogger(__name__)


def create_app(config=None):
    """Build the application; ``config`` is a config class or a mapping of overrides."""
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    base = config_from_env()
    if isinstance(config, type):
        base = config
    app.config.from_object(base)
    if isinstance(config, dict):
        app.config.update(config)
    if base is ProductionConfig:
        ProductionConfig.check()
    _ensure_instance_folder(app)
    app.json.ensure_ascii = False  # Vietnamese stays readable in API answers

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, timezone_selector=lambda: app.config["APP_TIMEZONE"])

    from . import models  # noqa: F401  (every table registered before migrations look)
    from .auth import login as _login  # noqa: F401
    from .formatting import register_filters

    register_filters(app)
    app.url_map.converters["int"] = DatabaseId
    _register_blueprints(app)
    _register_cli(app)
    _register_errors(app)
    _sqlite_writes_wait_their_turn(app)
    _security_headers(app)
    if app.config.get("SCHEDULER_IN_PROCESS") and not app.testing:
        # The embedded demo only: one web process, so the jobs may live in it.
        from .scheduler import start_in_process

        start_in_process(app)
    return app


#: No inline script anywhere (charts are server-drawn SVG); inline styles stay allowed for
#: the mail previews shown in a sandboxed frame.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def _security_headers(app):
    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("STRICT_TRANSPORT_SECURITY"):
            response.headers.setdefault("Strict-Transport-Security", app.config["STRICT_TRANSPORT_SECURITY"])
        return response


class DatabaseId(IntegerConverter):
    """``<int:...>`` in every route: an id the databases can hold (a larger one is simply not
    found, instead of overflowing the driver)."""

    def __init__(self, url_map, fixed_digits=0, min=0, max=2**31 - 1, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _ensure_instance_folder(app):
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///"):
        os.makedirs(os.path.dirname(uri[len("sqlite:///"):]), exist_ok=True)


def _select_locale():
    chosen = session.get("lang") if has_request_context() else None  # the CLI speaks the default
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _register_blueprints(app):
    from .admin.routes import bp as admin_bp
    from .auth.routes import bp as auth_bp
    from .documents.routes import bp as documents_bp
    from .plans.routes import bp as plans_bp
    from .plans.targets import bp as targets_bp
    from .plans.figures import bp as figures_bp
    from .api.routes import bp as api_bp
    from .api.account import bp as account_bp
    from .budget.routes import bp as catalog_bp
    from .notifications.routes import bp as notifications_bp
    from .outbox.routes import bp as outbox_bp
    from .reminders.routes import bp as reminders_bp
    from .review.routes import bp as review_bp
    from .todo.routes import bp as todo_bp
    from .health import bp as health_bp

    for bp in (auth_bp, todo_bp, documents_bp, review_bp, plans_bp, admin_bp, reminders_bp, outbox_bp,
               notifications_bp, targets_bp, catalog_bp, figures_bp, api_bp, account_bp, health_bp):
        app.register_blueprint(bp)


def _register_cli(app):
    from .cli import register

    register(app)


def _register_errors(app):
    from .errors import register

    register(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """Make SQLite keep foreign keys and hand transactions to SQLAlchemy.

    pysqlite's own transaction handling breaks SAVEPOINTs (used by the tests'
    rollback-per-test and by nested operations); this is SQLAlchemy's recipe.
    """
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


_sqlite_immediate = contextvars.ContextVar("sqlite_immediate", default=False)


def _sqlite_writes_wait_their_turn(app):
    """Requests that change things (POST...) take SQLite's write lock when they begin, so
    two of them at once (web threads, the demo's in-process scheduler) queue instead of
    failing; reads stay concurrent. PostgreSQL ignores this."""
    from flask import g, request

    @app.before_request
    def _begin_immediate():
        # API reads may write too (a token's last use): they queue like writes.
        if request.method not in ("GET", "HEAD", "OPTIONS") or request.path.startswith("/api/"):
            g._sqlite_immediate = _sqlite_immediate.set(True)

    @app.teardown_request
    def _end_immediate(exc):
        token = g.pop("_sqlite_immediate", None)
        if token is not None:
            _sqlite_immediate.reset(token)


@contextlib.contextmanager
def sqlite_write_transactions():
    """On SQLite, start every transaction in this block with BEGIN IMMEDIATE.

    A deferred transaction that reads and then writes cannot wait for another writer:
    SQLite fails it at once with "database is locked" (the busy timeout is not used, to
    avoid a deadlock). Taking the write lock at BEGIN makes it wait its turn instead.
    """
    token = _sqlite_immediate.set(True)
    try:
        yield
    finally:
        _sqlite_immediate.reset(token)


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _sqlite_immediate.get() else "BEGIN")


@event.listens_for(Pool, "checkin")
def _sqlite_end_failed_commit(dbapi_connection, connection_record):
    """A COMMIT refused with "database is locked" leaves SQLite's transaction open while
    SQLAlchemy believes it ended (and skips its reset): end it here, or the next BEGIN on
    this pooled connection fails with "cannot start a transaction within a transaction"."""
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection) and dbapi_connection.in_transaction:
        dbapi_connection.rollback()
