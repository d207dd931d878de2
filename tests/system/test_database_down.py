"""The database goes away under a logged-in user: the answer is still the application's own
(its error page in Vietnamese, or its JSON error), with every security header — never the
server's bare 500.

On PostgreSQL the app reaches the server through a relay that the test cuts; on SQLite the
database file is moved away (each request opens it anew, read-write, never creating it).
"""
import os

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from app import create_app
from app.api.operations import create_token
from app.extensions import db
from config import TestingConfig
from tests.conftest import migrated_app, scratch_database
from tests.factories import PASSWORD, user
from tests.tcpproxy import Relay
from workflows.enums import Role, UnitKind

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")


@pytest.fixture
def fragile(tmp_path_factory):
    """(app, user, API token, cut): an app in production's error handling whose database
    ``cut()`` makes unreachable."""
    with scratch_database(tmp_path_factory, "down") as url:
        setup = migrated_app(url)
        with setup.app_context():
            from tests.factories import unit

            someone = user((Role.HEAD, unit("Huyện Krông Nô", UnitKind.DISTRICT)))
            secret = create_token(None, someone, "kịch bản")[1]
            email = someone.email
            db.session.commit()
            db.engine.dispose()
        parsed = sa.engine.make_url(url)
        if parsed.get_backend_name() == "postgresql":
            relay = Relay((parsed.host, parsed.port or 5432))
            app_url = parsed.set(port=relay.port).render_as_string(hide_password=False)
            cut = relay.cut
        else:
            path = parsed.database
            app_url = f"sqlite:///file:{path}?mode=rw&uri=true"

            def cut():
                os.rename(path, path + ".away")

        class Fragile(TestingConfig):
            SQLALCHEMY_DATABASE_URI = app_url
            SQLALCHEMY_ENGINE_OPTIONS = {"poolclass": NullPool, "connect_args": (
                {"connect_timeout": 2} if parsed.get_backend_name() == "postgresql" else {})}
            PROPAGATE_EXCEPTIONS = False  # as in production: errors are answered, not raised
            TESTING = False

        app = create_app(Fragile)
        try:
            yield app, email, secret, cut
        finally:
            with app.app_context():
                db.engine.dispose()


def test_a_logged_in_page_answers_with_the_apps_own_error_page(fragile):
    app, email, _secret, cut = fragile
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    assert client.get("/").status_code in (200, 302)
    cut()
    response = client.get("/")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in body and "<html" in body
    for name in HEADERS:
        assert name in response.headers, name
    assert response.headers["Cache-Control"] == "no-store"


def test_the_api_answers_a_json_error(fragile):
    app, _email, secret, cut = fragile
    client = app.test_client()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    cut()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 500 and response.json["error"]["code"] == "server_error"
    for name in HEADERS:
        assert name in response.headers, name


def test_an_error_page_that_fails_too_still_answers_with_the_headers(fragile, monkeypatch):
    """Whatever escapes the application (here its error page breaking as well) is still
    answered as the application answers: a page, the headers, no-store."""
    app, email, _secret, cut = fragile
    import app.errors as errors

    def broken(*args, **kwargs):
        raise RuntimeError("the error page itself fails")

    monkeypatch.setattr(errors, "render_template", broken)
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    cut()
    response = client.get("/")
    assert response.status_code == 500 and "Hệ thống đang gặp sự cố" in response.get_data(as_text=True)
    for name in (*HEADERS, "Cache-Control"):
        assert name in response.headers, name
