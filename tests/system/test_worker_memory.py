"""Uploads built to exhaust a worker, sent to the app under gunicorn in production mode.

A reviewer uploads, four at a time, crafted .xlsx files to a plan's target import: a lone
row numbered 100,000,000 (declared and not), a shared-strings bomb, hundreds of thousands
of tiny strings, a row of 700,000 cells. Every answer is the application's own (no 5xx,
no dropped connection), the site still answers afterwards, and each worker's peak
resident memory (VmHWM, read from /proc) stays bounded. Counts and sizes, never times.
"""
import concurrent.futures
import http.client
import os
import re
import urllib.parse
import uuid

import pytest

from app.extensions import db
from tests import xlsx_craft
from tests.conftest import migrated_app, scratch_database
from tests.system import gunicorn
from tests.factories import PASSWORD, World

#: SQLite, the embedded mode, is one process writing at a time: one worker there.
WORKERS = 2 if os.environ.get("TEST_DATABASE") == "postgresql" else 1
#: A worker serving pages takes ~110–130 MB here; reading a permitted worst case adds ~40.
#: Before the bounded reader, one 4.7 KB file took a worker to ~900 MB.
PEAK_LIMIT_MB = 260


def _files():
    from app.tables import TARGET_COLUMNS

    header = [vi for _k, vi, _e in TARGET_COLUMNS]
    row = ["Huyện Krông Nô", 19680, 851, "4,32", 180, "0,91", "3,41", 19690]
    return {
        "row 100,000,000, declared": xlsx_craft.workbook({1: header, 100_000_000: row}, dimension="A1:H100000000"),
        "row 100,000,000, undeclared": xlsx_craft.workbook({1: header, 100_000_000: row}),
        "shared-strings bomb": xlsx_craft.workbook({1: header, 2: row}, strings_filler=300_000),
        "290,000 tiny strings": xlsx_craft.workbook({1: header, 2: row}, strings_filler=290_000, filler_text="ab"),
        "a row of 700,000 cells": xlsx_craft.workbook({1: header, 2: row + [1] * 700_000}),
    }


class Browser:
    """Cookies by hand: production marks them Secure, and this is plain HTTP on loopback."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=None, content_type=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _sep, rest = value.partition("=")
            self.cookies[name] = rest.split(";")[0]
        conn.close()
        return response.status, text


def _csrf_of(page):
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    return found.group(1)


def _multipart(fields, filename, data):
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode()
                 + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _peak_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmHWM for {pid}")


def _workers(master):
    with open(f"/proc/{master}/task/{master}/children") as children:
        return [int(pid) for pid in children.read().split()]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with scratch_database(tmp_path_factory, "memory") as url:
        app = migrated_app(url)
        with app.app_context():
            world = World(year=2028)
            plan_id, email = world.plan.id, world.reviewer.email
            db.session.commit()
        with gunicorn.served(url, WORKERS, timeout=120) as (port, server):
            try:
                yield {"port": port, "plan": plan_id, "email": email, "pid": server.pid}
            finally:
                with app.app_context():
                    db.engine.dispose()


def _logged_in(served):
    browser = Browser(served["port"])
    _status, page = browser.request("GET", "/login")
    form = urllib.parse.urlencode({"csrf_token": _csrf_of(page), "email": served["email"], "password": PASSWORD})
    status, _page = browser.request("POST", "/login", form, "application/x-www-form-urlencoded")
    assert status == 302
    return browser


def test_crafted_uploads_leave_every_worker_bounded(served):
    path = f"/plans/{served['plan']}/targets/import"
    files = _files()
    assert all(len(data) < 2_000_000 for data in files.values())  # small files, every one

    def upload(item):
        name, data = item
        browser = _logged_in(served)
        _status, page = browser.request("GET", path)
        body, content_type = _multipart({"csrf_token": _csrf_of(page)}, "chi-tieu.xlsx", data)
        return name, browser.request("POST", path, body, content_type)

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(upload, [*files.items(), *files.items()]))
    for name, (status, page) in answers:
        assert status < 500, (name, status, page[:500])
        assert status in (200, 302, 422), (name, status)
    refused = {name for name, (status, page) in answers if status == 422}
    assert {"row 100,000,000, declared", "shared-strings bomb"} <= refused
    assert Browser(served["port"]).request("GET", "/healthz")[0] == 200

    peaks = {pid: round(_peak_mb(pid)) for pid in _workers(served["pid"])}
    print("worker peak resident memory (MB):", peaks)
    assert len(peaks) == WORKERS
    assert max(peaks.values()) < PEAK_LIMIT_MB, peaks
