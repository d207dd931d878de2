"""Application factory."""
import contextlib
import contextvars
import logging
import os
import sqlite3

from flask import Flask, abort, current_app, g, has_request_context, request, session
from flask.json.provider import DefaultJSONProvider
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

from flask_login import current_user

from config import ProductionConfig, config_from_env

from .auth.models import decoy_hash
from .errors import nul_message
from .errors import register as register_errors
from .extensions import babel, csrf, db, limiter, login_manager, mail, migrate
from .transaction import one_transaction_per_request
from .web import MAX_ID

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
    app.json = JSONProvider(app)
    app.json.ensure_ascii = False  # Vietnamese stays readable in API answers

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, timezone_selector=lambda: app.config["APP_TIMEZONE"])

    # The domains are imported when an app is made, not when the ``app`` package is: each
    # of them imports ``app.extensions``, and would otherwise meet this module half-made.
    from . import models  # noqa: F401  (every table registered before migrations look)
    from . import jinja, policy
    from .auth import login as _login  # noqa: F401

    jinja.register(app)
    # Templates ask the same policy the routes do (which buttons to show).
    app.jinja_env.globals["policy"] = policy
    app.url_map.converters["int"] = DatabaseId
    _register_blueprints(app)
    one_transaction_per_request(app)
    _connect_subscribers()
    _register_cli(app)
    _register_errors(app)
    _sqlite_writes_wait_their_turn(app)
    _security_headers(app)
    _refuse_nul_bytes(app)
    if app.config.get("PROXY_FIX_X_FOR"):
        hops = app.config["PROXY_FIX_X_FOR"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.wsgi_app = LastResort(app.wsgi_app, app)
    with app.app_context():
        # Made now, not at the first unknown email: that login would otherwise take twice
        # as long as others, and tell that the email has no account.
        decoy_hash()
    if app.config.get("SCHEDULER_IN_PROCESS") and not app.testing:
        # The embedded demo only: one web process, so the jobs may live in it (and the
        # web workers of a real deployment never import the scheduler).
        from .scheduler import start_in_process

        start_in_process(app)
    return app


#: No inline script anywhere (charts are server-drawn SVG); inline styles stay allowed for
#: the mail previews shown in a sandboxed frame.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def _security_headers(app):
    @app.after_request
    def _headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config.get("STRICT_TRANSPORT_SECURITY"):
            response.headers.setdefault("Strict-Transport-Security", app.config["STRICT_TRANSPORT_SECURITY"])
        # Pages, downloads and API answers hold someone's data: no browser or proxy keeps a
        # copy (the back button after logging out shows nothing). Only the static files are
        # cached.
        if request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response


def _refuse_nul_bytes(app):
    """A NUL byte in a query, a form or an address part is refused with a message before
    anything reads it (PostgreSQL cannot store one, and no honest input carries one).
    JSON bodies are checked by the API as it reads them."""

    @app.before_request
    def _no_nul():
        values = [*request.args.items(multi=True), *request.form.items(multi=True),
                  *(request.view_args or {}).items()]
        if any("\x00" in str(k) or (isinstance(v, str) and "\x00" in v) for k, v in values):
            abort(400, description=nul_message())


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, with a body nested beyond Python's recursion limit read as invalid
    (a 400 with a message) rather than crashing the request."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


class LastResort:
    """Whatever escapes the application (its own error page failing too, say with the
    database gone) still answers as the application would: a page in Vietnamese with the
    security headers, never the server's bare 500."""

    BODY = ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>500</title></head><body>"
            "<h1>500</h1><p>Hệ thống đang gặp sự cố; chưa có gì được lưu. Vui lòng thử lại sau ít phút hoặc báo "
            "cho quản trị viên.</p><p lang=\"en\">Something went wrong on our side; nothing was saved.</p>"
            "</body></html>").encode()

    def __init__(self, wsgi_app, app):
        self.wsgi_app, self.app = wsgi_app, app

    def __call__(self, environ, start_response):
        try:
            return self.wsgi_app(environ, start_response)
        except Exception:  # noqa: BLE001 - the last line of defence; logged
            if self.app.testing or self.app.config.get("PROPAGATE_EXCEPTIONS"):
                raise  # tests (and the debugger) see the error itself
            log.exception("unhandled error escaped the application")
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(self.BODY))),
                       ("Cache-Control", "no-store"), *SECURITY_HEADERS.items()]
            start_response("500 INTERNAL SERVER ERROR", headers)
            return [self.BODY]


class DatabaseId(IntegerConverter):
    """``<int:...>`` in every route: an id the databases can hold. A larger one reads as 0,
    which no row has: simply not found, instead of overflowing the driver. (Not refused here:
    werkzeug would then answer 405 for a path that another method's rule also has, as
    ``GET`` and ``PATCH /api/v1/plans/<id>``.)"""

    def __init__(self, url_map, fixed_digits=0, min=0, max=None, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value):
        try:
            number = int(value)
        except ValueError:  # more digits than Python turns into a number
            return 0
        return number if number <= MAX_ID else 0


def _ensure_instance_folder(app):
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and not uri.startswith("sqlite:///file:"):
        os.makedirs(os.path.dirname(uri[len("sqlite:///"):]), exist_ok=True)


def _select_locale():
    """The language the logged-in user chose (kept with them), else the visitor's choice
    in this browser, else the default. The CLI speaks the default."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    # An error page drawn without the database does not ask it who is logged in.
    user = None if g.get("bare_page") else current_user
    for chosen in (getattr(user, "locale", None) if getattr(user, "is_authenticated", False) else None,
                   session.get("lang")):
        if chosen in current_app.config["LANGUAGES"]:
            return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _register_blueprints(app):
    # Imported here, when an app is made (see ``create_app``).
    from .admin.routes import bp as admin_bp
    from .auth.routes import bp as auth_bp
    from .documents.routes import bp as documents_bp
    from .plans.routes import bp as plans_bp
    from .figures.routes import bp as figures_bp
    from .api.routes import bp as api_bp
    from .account.routes import bp as account_bp
    from .budget.routes import bp as budget_bp
    from .notifications.routes import bp as notifications_bp
    from .outbox.routes import bp as outbox_bp
    from .reminders.routes import bp as reminders_bp
    from .review.routes import bp as review_bp
    from .todo.routes import bp as todo_bp
    from .health import bp as health_bp
    from .audit.routes import bp as audit_bp

    for bp in (auth_bp, todo_bp, documents_bp, review_bp, plans_bp, admin_bp, reminders_bp, outbox_bp,
               notifications_bp, budget_bp, figures_bp, api_bp, account_bp, health_bp, audit_bp):
        app.register_blueprint(bp)


def _connect_subscribers():
    """Each domain's ``notifications`` module: who is told what when something happens."""
    # Imported for what they do on import: connecting to the signals, registering mail kinds.
    from .auth import notifications as _accounts  # noqa: F401
    from .documents import notifications as _documents  # noqa: F401
    from .reminders import notifications as _reminders  # noqa: F401


def _register_cli(app):
    # The commands import every domain: only when an app is made.
    from .cli import register

    register(app)


def _register_errors(app):
    register_errors(app)




@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """Make SQLite keep foreign keys and hand transactions to SQLAlchemy.

    pysqlite's own transaction handling breaks SAVEPOINTs (used by the tests'
    rollback-per-test and by nested operations); this is SQLAlchemy's recipe.
    """
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
    if isinstance(dbapi_connection, sqlite3.Connection) and dbapi_connection.in_transaction:
        dbapi_connection.rollback()
