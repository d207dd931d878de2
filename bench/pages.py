"""Server-side latency and SQL queries of the pages people open most, measured in-process.

Each page is requested through the WSGI application (no network, no browser): the time
is what a worker spends on it, from the request entering Flask to the last byte of the
response. Each request's SQL statements are counted at the engine. The ceiling is
``/healthz`` on the same stack (one trivial query): a page's latency divided by the
ceiling's says how much of it is the page's own work.
"""
import os
import statistics
import time

import sqlalchemy as sa

from .dataset import COORDINATOR, NATIONAL_OBSERVER


def _vmrss_mb(pid="self"):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return None


def cases(conn, year):
    """The pages to measure, with who opens them, picked from the generated world."""
    province = conn.execute(sa.text("SELECT id, code FROM units WHERE kind = 'province' ORDER BY id LIMIT 1")).one()
    plan_id = conn.execute(sa.text("SELECT id FROM plans WHERE issuing_unit_id = :p AND year = :y"),
                           {"p": province.id, "y": year}).scalar_one()
    district = conn.execute(sa.text("SELECT id FROM units WHERE kind = 'district' AND parent_id = :p ORDER BY id "
                                    "LIMIT 1"), {"p": province.id}).scalar_one()
    head = conn.execute(sa.text("SELECT user_id FROM memberships WHERE unit_id = :u AND role = 'head'"),
                        {"u": district}).scalar_one()
    reviewer = conn.execute(sa.text(
        "SELECT m.user_id FROM memberships m JOIN units u ON u.id = m.unit_id WHERE u.code = :c "
        "AND m.role = 'reviewer' ORDER BY m.user_id LIMIT 1"), {"c": f"{province.code}-{COORDINATOR}"}).scalar_one()
    national = conn.execute(sa.text("SELECT id FROM users WHERE email = :e"), {"e": NATIONAL_OBSERVER}).scalar_one()
    return [
        # (name, what it is, user id or None, url)
        ("ceiling", "/healthz: one trivial query", None, "/healthz"),
        ("todo", "a district's to-do page (its head)", head, "/"),
        ("review_queue", "the reviewer queue (the province's coordinating unit)", reviewer, "/review/"),
        ("dashboard", "a province's completeness dashboard", reviewer, f"/plans/{plan_id}/dashboard"),
        ("consolidation", "a province's consolidated figures", reviewer, f"/plans/{plan_id}/consolidation"),
        ("national_rollup", "the national roll-up (63 provinces)", national, f"/rollup?year={year}"),
    ]


def measure(app, page_cases, repeat=30, warmup=3):
    """{name: {p50_ms, p95_ms, queries, status, bytes}} for each case."""
    from app.extensions import db

    out = {}
    with app.app_context():
        engine = db.engine
    counter = {"n": 0}

    def on_execute(*_args):
        counter["n"] += 1

    sa.event.listen(engine, "before_cursor_execute", on_execute)
    try:
        for name, what, user_id, url in page_cases:
            client = app.test_client()
            if user_id is not None:
                with app.app_context():  # a recorded login, as the login page makes it
                    from app.auth.sessions import new_login
                    from app.extensions import db

                    identifier = new_login(user_id)
                    db.session.commit()
                with client.session_transaction() as session:
                    session["_user_id"] = identifier
                    session["_fresh"] = True
            times, queries = [], set()
            for i in range(warmup + repeat):
                counter["n"] = 0
                started = time.perf_counter()
                response = client.get(url)
                body = response.get_data()
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}: {body[:300]!r}")
                if i >= warmup:
                    times.append(elapsed * 1000)
                    queries.add(counter["n"])
            out[name] = dict(what=what, url=url, p50_ms=round(statistics.median(times), 2),
                             p95_ms=round(_p95(times), 2), queries=max(queries), bytes=len(body), n=len(times))
    finally:
        sa.event.remove(engine, "before_cursor_execute", on_execute)
    out["_process_rss_mb"] = _vmrss_mb()
    out["_pid"] = os.getpid()
    return out


def _p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]
