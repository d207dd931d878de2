"""Hardening: headers, cookies, login throttling, the append-only log, production's secret key."""
import pytest
import sqlalchemy as sa

from app.documents import operations as doc_ops
from app.documents.models import TransitionLog
from tests.factories import PASSWORD, login, ready
from workflows.enums import Trigger


def test_every_page_carries_the_security_headers(client, world):
    for path in ("/login", "/api/v1/openapi.json", "/api/v1/docs", "/nothing"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"


def test_no_page_has_inline_script(client, world):
    login(client, world.reviewer)
    for path in ("/", f"/plans/{world.plan.id}", f"/plans/{world.plan.id}/dashboard", "/review/",
                 f"/documents/{world.document().id}", "/account/tokens", "/api/v1/docs"):
        html = client.get(path).get_data(as_text=True).lower()
        assert "<script" not in html and "onclick=" not in html and "javascript:" not in html, path


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = client.post("/login", data={"email": world.head.email, "password": PASSWORD})
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure_and_a_default_secret_key_is_refused(monkeypatch):
    from config import INSECURE_SECRET_KEY, ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE and ProductionConfig.REMEMBER_COOKIE_SECURE
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig.check()
    monkeypatch.setenv("SECRET_KEY", INSECURE_SECRET_KEY)
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", INSECURE_SECRET_KEY)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig.check()


def test_logins_are_throttled_after_repeated_failures(throttled_app, world_for_throttle):
    client = throttled_app(LOGIN_RATE_LIMIT="3 per minute").test_client()
    email = world_for_throttle
    for _ in range(3):
        assert client.post("/login", data={"email": email, "password": "sai-mat-khau"}).status_code == 200
    refused = client.post("/login", data={"email": email, "password": PASSWORD})
    assert refused.status_code == 429
    assert "Quá nhiều lần đăng nhập" in refused.get_data(as_text=True)
    # Another address from the same place is not locked out by someone guessing this one.
    assert client.post("/login", data={"email": "khac@example.org", "password": "x"}).status_code == 200


@pytest.fixture
def world_for_throttle(app):
    from app.extensions import db as _db
    from tests.factories import user

    with app.app_context():
        someone = user(email="throttle@example.org")
        yield someone.email
        _db.session.delete(someone)
        _db.session.commit()


def test_passwords_are_hashed_with_a_modern_method_and_have_a_minimum_length(client, world, app):
    assert world.head.password_hash.split(":")[0] in ("scrypt", "pbkdf2")
    from config import Config

    assert "PASSWORD_HASH_METHOD" not in vars(Config) or Config.PASSWORD_HASH_METHOD == "scrypt"
    from app.auth.forms import MIN_PASSWORD

    assert MIN_PASSWORD >= 10


def test_the_transition_log_cannot_be_changed_through_the_app(world, db):
    doc = world.document()
    doc.current_version.content = ready(doc)
    db.session.commit()
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    entry = db.session.scalar(sa.select(TransitionLog).where(TransitionLog.document_id == doc.id))
    entry.comment = "sửa lịch sử"
    with pytest.raises(ValueError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_the_database_itself_refuses_to_change_the_log(world, db):
    doc = world.document()
    doc.current_version.content = ready(doc)
    db.session.commit()
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    statements = ["UPDATE transition_log SET comment = 'x'", "DELETE FROM transition_log"]
    if db.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE transition_log CASCADE")
    for statement in statements:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with db.session.begin_nested():  # rolled back to here when refused
                db.session.execute(sa.text(statement))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TransitionLog)
                             .where(TransitionLog.document_id == doc.id)) == 1


def test_every_form_post_needs_its_csrf_token(database_url, world):
    """With the protection on (as in production), a POST without the token is refused
    before any route runs: every page route that accepts POST is tried."""
    import re

    from tests.conftest import make_app

    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    tried = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<any\(([^,)]+)[^)]*\):\w+>", r"\1", rule.rule)
        path = re.sub(r"<(?:int:)?\w+>", "1", path)
        response = client.post(path, data={"anything": "x"})
        assert response.status_code == 400, (rule.rule, response.status_code)
        tried += 1
    assert tried >= 20


def test_an_oversized_upload_is_refused_with_a_clear_message(client, world):
    login(client, world.admin)
    big = b"x" * (10 * 1024 * 1024 + 1)
    import io

    response = client.post("/admin/import/units", data={"file": (io.BytesIO(big), "don-vi.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "quá lớn" in response.get_data(as_text=True)


def test_no_secret_is_kept_in_the_repository():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    tracked = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    assert not [f for f in tracked if Path(f).name in (".env", "id_rsa") or f.endswith((".pem", ".key", ".p12"))]
    config = (root / "config.py").read_text()
    assert 'os.environ.get("SECRET_KEY", INSECURE_SECRET_KEY)' in config  # the only key in code is the dev one
