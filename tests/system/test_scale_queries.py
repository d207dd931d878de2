"""The pages people open most run the same number of SQL queries however many units,
plans and documents there are (counts, not times: an N+1 fails here, on both databases).

Two generated worlds of the benchmark's shape (``bench/dataset.py``), one three times the
other, each in its own database built by the migrations.
"""
import datetime as dt

import pytest
import sqlalchemy as sa

from bench import dataset, pages
from bench.load import load
from tests.conftest import migrated_app, scratch_database

PAGES = ("todo", "review_queue", "dashboard", "consolidation", "national_rollup", "ceiling")
NOW = dt.datetime.now(dt.timezone.utc)


@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    out = {}
    with scratch_database(tmp_path_factory, "scale-tiny") as tiny, \
            scratch_database(tmp_path_factory, "scale-small") as small:
        for name, url, spec in (("tiny", tiny, dataset.TINY), ("small", small, dataset.SMALL)):
            app = migrated_app(url)
            engine = sa.create_engine(url)
            counts, _seconds = load(engine, spec, NOW, echo=lambda _line: None)
            with engine.connect() as conn:
                cases = pages.cases(conn, NOW.astimezone(dataset.VN).year)
            engine.dispose()
            out[name] = (app, cases, counts)
        yield out
        for app, _cases, _counts in out.values():
            from app.extensions import db

            with app.app_context():
                db.engine.dispose()


def _queries(app, case):
    from app.extensions import db

    _name, _what, user_id, url = case
    client = app.test_client()
    if user_id is not None:
        with app.app_context():  # a recorded login, as the login page makes it
            from app.auth.sessions import new_login

            identifier = new_login(user_id)
            db.session.commit()
        with client.session_transaction() as session:
            session["_user_id"] = identifier
            session["_fresh"] = True
    client.get(url)  # first request: caches warm, as for a user's second look
    with app.app_context():
        engine = db.engine
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return len(seen), response.get_data(as_text=True)


def test_the_two_worlds_differ_in_size(worlds):
    tiny, small = worlds["tiny"][2], worlds["small"][2]
    assert small["units"] >= 3 * tiny["units"]
    assert small["deliverables"] >= 3 * tiny["deliverables"]
    assert small["plans"] > tiny["plans"]


@pytest.mark.parametrize("page", PAGES)
def test_queries_per_page_do_not_grow_with_the_data(worlds, page):
    counted = {}
    for size in ("tiny", "small"):
        app, cases, _counts = worlds[size]
        case = next(c for c in cases if c[0] == page)
        counted[size], _body = _queries(app, case)
    assert counted["tiny"] == counted["small"], counted
    assert counted["small"] <= 10, counted


def test_the_national_rollup_has_a_line_per_province_and_adds_them_up(worlds):
    app, cases, _counts = worlds["small"]
    _n, body = _queries(app, next(c for c in cases if c[0] == "national_rollup"))
    assert body.count('data-plan="') == dataset.SMALL.provinces + 1  # and the total line
    engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.connect() as conn:
        poor = conn.execute(sa.text(
            "SELECT SUM(t.poor_start) FROM plan_targets t JOIN plans p ON p.id = t.plan_id "
            "JOIN units u ON u.id = t.unit_id WHERE p.year = :y AND u.kind = 'district'"),
            {"y": NOW.astimezone(dataset.VN).year}).scalar_one()
    engine.dispose()
    # Districts give their own rows: the total is theirs, not theirs plus their communes'.
    assert f"{poor:,}".replace(",", ".") in body


def test_an_idle_sweep_reads_no_document_whatever_is_held(worlds):
    from app.extensions import db
    from app.reminders.sweep import sweep

    counted = {}
    for size in ("tiny", "small"):
        app, _cases, counts = worlds[size]
        with app.app_context():
            first = sweep(NOW)  # works out every open document's next reminder once
            assert first.looked_at > 0
            idle = []

            def listener(*args, idle=idle):
                idle.append(args[2])

            sa.event.listen(db.engine, "before_cursor_execute", listener)
            try:
                again = sweep(NOW + dt.timedelta(minutes=1))
            finally:
                sa.event.remove(db.engine, "before_cursor_execute", listener)
            assert again.looked_at == 0 and again.queued == 0
            counted[size] = len(idle)
    assert counted["tiny"] == counted["small"] <= 3, counted
