"""The platform under the pages: migrations, CSRF, language, formats."""
import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db as _db
from app.formatting import vn_date, vn_number, vn_percent
from tests.conftest import make_app
from tests.factories import PASSWORD


def test_migrations_build_exactly_the_models(app, db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, _db.metadata)
    assert diff == []


def test_forms_without_a_csrf_token_are_refused_with_a_message(database_url):
    app = make_app(database_url, WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert "tải lại trang" in response.get_data(as_text=True)


def test_vietnamese_by_default_english_on_request(client, world):
    body = client.get("/login").get_data(as_text=True)
    assert "Đăng nhập" in body and 'lang="vi"' in body
    client.post("/lang/en", data={"next": "/login"})
    body = client.get("/login").get_data(as_text=True)
    assert "Log in" in body and 'lang="en"' in body


def test_wrong_password_is_told_in_vietnamese(client, world):
    response = client.post("/login", data={"email": world.head.email, "password": PASSWORD + "x"})
    assert response.status_code == 200
    assert "Email hoặc mật khẩu không đúng" in response.get_data(as_text=True)


@pytest.mark.parametrize(("value", "text"), [(13342, "13.342"), (851, "851"), (1234567, "1.234.567")])
def test_numbers_are_written_the_vietnamese_way(app, value, text):
    with app.test_request_context():
        assert vn_number(value) == text


def test_rates_and_dates(app):
    from decimal import Decimal

    with app.test_request_context():
        assert vn_percent(Decimal("7.97")) == "7,97%"
        assert vn_date(dt.date(2026, 6, 15)) == "15/06/2026"
        # 23:30 UTC on 14/6 is already 15/6 in Hanoi.
        assert vn_date(dt.datetime(2026, 6, 14, 23, 30, tzinfo=dt.timezone.utc)) == "15/06/2026"
