"""Configuration, read from the environment (and from .env in development)."""
import datetime as dt
import os
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
load_dotenv(BASE_DIR / ".env")

#: The development default; production refuses to start with it.
INSECURE_SECRET_KEY = "dev-only-not-secret"


def _bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _port():
    """The port the app is served on, as `make demo PORT=…` passes it (5000 otherwise)."""
    value = os.environ.get("PORT", "").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 65536 else 5000


def _database_url():
    url = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'giamngheo.sqlite'}")
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = os.environ.get("BABEL_DEFAULT_LOCALE", "vi")
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    APP_TIMEZONE = "Asia/Ho_Chi_Minh"
    WTF_CSRF_TIME_LIMIT = None  # a form left open over lunch must still submit
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: A login without "keep me logged in" ends after this, even if the browser stays open.
    LOGIN_SESSION_LIFETIME = dt.timedelta(hours=int(os.environ.get("LOGIN_SESSION_HOURS", "12")))
    #: A remembered login (and its cookie) ends after this.
    REMEMBER_COOKIE_DURATION = dt.timedelta(days=int(os.environ.get("REMEMBER_DAYS", "30")))
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024

    # Login throttling (Flask-Limiter): failed attempts per address and email, and per
    # address across emails. Several workers need a shared store:
    # RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0.
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "5 per minute;30 per hour")
    LOGIN_RATE_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_RATE_LIMIT_PER_ADDRESS", "20 per minute;100 per hour")
    #: Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host (nginx in
    #: front: 1). Without it every client shares the proxy's address for throttling.
    PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "0"))
    #: Where links that leave the app point (mail, calendar feeds, set-password links),
    #: e.g. https://giamngheo.example.gov.vn; set it in production. Unset: links made in a
    #: request follow the address the request came to (Host, or X-Forwarded-Host/-Proto
    #: with PROXY_FIX_X_FOR); links made outside one (scheduler, CLI) use DEFAULT_BASE_URL.
    BASE_URL = os.environ.get("BASE_URL", "").strip() or None
    #: Outside a request with BASE_URL unset: this machine, on the port the app is served
    #: on (PORT; 5000, `flask run`'s, by default).
    DEFAULT_BASE_URL = f"http://127.0.0.1:{_port()}"

    # Mail (Flask-Mail). With no MAIL_SERVER, messages stay in the outbox, readable
    # by administrators, and go out once a server is configured.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _bool("MAIL_USE_TLS")
    MAIL_USE_SSL = _bool("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Hệ thống giảm nghèo <no-reply@giamngheo.local>")
    MAIL_SUPPRESS_SEND = False
    #: Seconds to wait on the SMTP server before counting the attempt as failed.
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "30"))
    #: After this many failed attempts a message is marked failed (an admin can retry it).
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "30"))

    # The scheduler process (flask --app wsgi scheduler).
    SCHEDULER_SWEEP_SECONDS = int(os.environ.get("SCHEDULER_SWEEP_SECONDS", "300"))
    SCHEDULER_DELIVERY_SECONDS = int(os.environ.get("SCHEDULER_DELIVERY_SECONDS", "60"))
    #: Run the scheduler inside the web process: only for the embedded demo (one process).
    SCHEDULER_IN_PROCESS = _bool("SCHEDULER_IN_PROCESS")


class DevelopmentConfig(Config):
    DEBUG = True


class TestingConfig(Config):
    TESTING = True
    # Tests log in hundreds of times from one address; the throttle has its own test.
    RATELIMIT_ENABLED = False
    WTF_CSRF_ENABLED = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    #: The links the tests read in mail and pages (tests of the derived address unset it).
    BASE_URL = "http://127.0.0.1:5000"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    #: Browsers keep to HTTPS for a year once they have seen the site over it.
    STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"

    @classmethod
    def check(cls):
        """Refuse to run production with a missing or default secret key."""
        if not os.environ.get("SECRET_KEY") or cls.SECRET_KEY == INSECURE_SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set to a long random value in production")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env():
    return CONFIGS[os.environ.get("APP_ENV", "development")]
