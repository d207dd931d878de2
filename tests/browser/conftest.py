"""A live server on its own database, and Debian's Chromium driven by Playwright."""
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import migrated_app, scratch_database

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    # The browser sees committed data, so it gets a database of its own, and the
    # real protections (CSRF) switched back on.
    with scratch_database(tmp_path_factory, "browser") as url:
        app = migrated_app(url, WTF_CSRF_ENABLED=True)
        yield app
        from app.extensions import db

        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


@pytest.fixture
def shoot(page):
    """Save a full-page screenshot under test-artifacts/ (to look at, and for CI logs)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def _shoot(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return _shoot


@contextmanager
def signed_in(browser, live_server, email, width=390, height=844):
    """A page in Vietnamese, Vietnam's time, ``width`` px wide (a phone by default), signed
    in as ``email`` through the login form; closed afterwards."""
    from tests.factories import PASSWORD

    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10000)
    try:
        page.goto(f"{live_server}/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        yield page
    finally:
        context.close()
