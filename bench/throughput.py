"""Submit and approve through the JSON API under gunicorn, 2 and 4 workers, on PostgreSQL.

Each run takes its own set of open department reports (their drafts given the text a
submission needs), starts gunicorn on the benchmark database, and has ``clients``
threads — unit heads submitting, then the province's reviewers approving — send
``POST /api/v1/documents/<id>/transitions`` as fast as the server answers. Reported:
requests per second for each phase, latency percentiles seen by the clients, errors
(any answer but 200), and each worker's resident memory at the end (after it also
served the heavy pages a few times).
"""
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent


def pick_documents(engine, count, exclude=()):
    """Draft annual reports of departments (no figures needed), with their head and a reviewer."""
    with engine.begin() as conn:
        rows = conn.execute(sa.text("""
            SELECT doc.id AS doc, head.user_id AS head, rev.user_id AS reviewer
            FROM documents doc JOIN deliverables d ON d.id = doc.deliverable_id
            JOIN assignments a ON a.id = d.assignment_id JOIN plans p ON p.id = a.plan_id
            JOIN units u ON u.id = a.unit_id
            JOIN memberships head ON head.unit_id = u.id AND head.role = 'head'
            JOIN LATERAL (SELECT m.user_id FROM memberships m WHERE m.unit_id = p.coordinating_unit_id
                          AND m.role = 'reviewer' ORDER BY m.user_id LIMIT 1) rev ON true
            WHERE doc.state = 'draft' AND u.kind = 'department' AND d.kind IN ('annual', 'six_month', 'adhoc')
              AND p.published_at IS NOT NULL AND NOT (doc.id = ANY(:exclude))
            ORDER BY doc.id LIMIT :n"""), {"n": count, "exclude": list(exclude)}).all()
        if len(rows) < count:
            raise RuntimeError(f"only {len(rows)} open department reports left for the throughput run")
        content = json.dumps({"results": "Đã hoàn thành các nhiệm vụ được giao.", "difficulties": "",
                              "proposals": ""}, ensure_ascii=False)
        conn.execute(sa.text("UPDATE document_versions SET content = CAST(:c AS json) "
                             "WHERE document_id = ANY(:ids) AND number = 1"),
                     {"c": content, "ids": [r.doc for r in rows]})
    return rows


def tokens(app, user_ids):
    """An API token for each user (created the way the CLI does)."""
    from app.api.operations import create_token
    from app.auth.models import User
    from app.extensions import db

    out = {}
    with app.app_context():
        for user_id in sorted(set(user_ids)):
            out[user_id] = create_token(None, db.session.get(User, user_id), "benchmark")[1]
    return out


def logins(app, user_ids):
    """A recorded login for each user: what their session cookie carries ("id:key")."""
    from app.auth.sessions import new_login
    from app.extensions import db

    with app.app_context():
        out = {user_id: new_login(user_id) for user_id in sorted(set(user_ids))}
        db.session.commit()
    return out


def session_cookie(secret_key, login):
    """The cookie of a logged-in session (``login``: from ``logins``), signed as the workers sign theirs."""
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface

    flask_app = Flask("cookie")
    flask_app.config.update(SECRET_KEY=secret_key)
    value = SecureCookieSessionInterface().get_signing_serializer(flask_app).dumps(
        {"_user_id": login, "_fresh": True})
    return f"session={value}"


def start_gunicorn(database_url, workers, port, secret_key):
    env = {**os.environ, "DATABASE_URL": database_url, "APP_ENV": "production",
           "SECRET_KEY": secret_key, "SCHEDULER_IN_PROCESS": "0"}
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "wsgi:app"], cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not answer /healthz within a minute")


def workers_rss_mb(process):
    """Resident memory of each worker (children of the gunicorn master)."""
    out = subprocess.run(["ps", "-o", "pid=,rss=", "--ppid", str(process.pid)], capture_output=True, text=True)
    return sorted(round(int(rss) / 1024, 1) for pid, rss in (line.split() for line in out.stdout.splitlines()))


def _phase(port, jobs, clients):
    """Send every (token, document id, trigger) of ``jobs`` from ``clients`` threads."""
    lock, latencies, errors = threading.Lock(), [], []
    queue = list(jobs)

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                token, doc, trigger = queue.pop()
            body = json.dumps({"trigger": trigger})
            started = time.perf_counter()
            conn.request("POST", f"/api/v1/documents/{doc}/transitions", body=body,
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed * 1000)
                if response.status != 200:
                    errors.append((response.status, payload[:200].decode(errors="replace")))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    return dict(requests=len(latencies), seconds=round(seconds, 2), per_second=round(len(latencies) / seconds, 1),
                p50_ms=round(statistics.median(latencies), 1),
                p95_ms=round(statistics.quantiles(latencies, n=20, method="inclusive")[18], 1),
                errors=len(errors), first_errors=errors[:3])


def measure(app, engine, database_url, workers, documents, clients=8, port=5099, exclude=(), pages=()):
    """``pages``: (path, user id or None) requested three times each after the two phases."""
    rows = pick_documents(engine, documents, exclude)
    secrets = tokens(app, [r.head for r in rows] + [r.reviewer for r in rows])
    cookies = logins(app, [user_id for _path, user_id in pages if user_id])
    secret_key = "benchmark-" + os.urandom(16).hex()
    process = start_gunicorn(database_url, workers, port, secret_key)
    try:
        submit = _phase(port, [(secrets[r.head], r.doc, "submit") for r in rows], clients)
        approve = _phase(port, [(secrets[r.reviewer], r.doc, "approve") for r in rows], clients)
        # The heavy pages through the same workers, so their memory shows what those cost.
        for _ in range(3):
            for path, user_id in pages:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path,
                             headers={"Cookie": session_cookie(secret_key, cookies[user_id])} if user_id else {})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{path} answered {response.status} under gunicorn")
        rss = workers_rss_mb(process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    with engine.connect() as conn:
        approved = conn.execute(sa.text("SELECT count(*) FROM documents WHERE state = 'approved' "
                                        "AND id = ANY(:ids)"), {"ids": [r.doc for r in rows]}).scalar_one()
    return dict(workers=workers, clients=clients, documents=len(rows), submit=submit, approve=approve,
                approved_in_database=approved, worker_rss_mb=rss), [r.doc for r in rows]
