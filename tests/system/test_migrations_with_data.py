"""Migrations run on databases that hold data, not only on empty ones.

A province's database has users, roles, documents and history when it is upgraded. On
SQLite, a migration that rebuilds a table (Alembic's batch mode) would drop a table that
other rows point to, which the foreign keys refuse once rows exist. Here a world is
built at the head, taken down to the revision that last landed before the current work,
and brought up again; the rows are still there.
"""
import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app.documents import operations as doc_ops
from app.extensions import db
from app.plans.indicators import add_indicator, set_reporters
from tests.conftest import migrated_app, scratch_database
from tests.factories import World, ready
from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit, Trigger

#: The revision every migration added since must go down to and up from, with data.
BASE = "5d2f8c41a7e3"


@pytest.fixture
def populated(tmp_path_factory):
    with scratch_database(tmp_path_factory, "mig") as url:
        app = migrated_app(url)
        with app.app_context():
            world = World(year=2027)
            doc = world.document(DeliverableKind.SIX_MONTH)
            doc_ops.save_content(doc, world.staff, ready(doc), None)
            doc_ops.transition(doc, world.head, Trigger.SUBMIT)
            doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)
            houses = add_indicator(world.admin, world.plan, code="NHA_O", name="Nhà ở", unit=MeasureUnit.HOUSES,
                                   kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST, target=200)
            set_reporters(world.admin, houses, {world.assignment.id: Decimal(120)})
            email = world.head.email
            db.session.commit()  # no transaction of ours left open while the login writes
            client = app.test_client()
            assert client.post("/login", data={"email": email, "password": "correct horse battery"}).status_code == 302
            db.session.remove()
        try:
            yield app
        finally:
            with app.app_context():
                db.engine.dispose()


def _counts(app):
    with app.app_context():
        with db.engine.connect() as conn:
            return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                    for t in ("units", "users", "memberships", "plans", "documents", "document_versions",
                              "transition_log")}


def test_the_migrations_go_down_and_up_again_with_rows_in_place(populated):
    before = _counts(populated)
    assert before["users"] >= 8 and before["transition_log"] == 2
    with populated.app_context():
        downgrade(revision=BASE)
        with db.engine.begin() as conn:  # a period as the older rules dated it (cut-off moved to a Friday)
            conn.execute(sa.text("UPDATE deliverables SET period_end_on = :friday WHERE kind = 'annual'"),
                         {"friday": dt.date(2027, 12, 10)})
        db.engine.dispose()
    assert _counts(populated) == before
    with populated.app_context():
        upgrade()
        db.engine.dispose()
    assert _counts(populated) == before
    with populated.app_context(), db.engine.connect() as conn:
        stamps = conn.execute(sa.text("SELECT security_stamp FROM users")).scalars().all()
        assert all(stamps) and len(set(stamps)) == len(stamps)  # every user a stamp of their own
        authors = conn.execute(sa.text("SELECT count(*) FROM version_authors")).scalar_one()
        assert authors == 1  # the version's last editor, as history knows it
        ends = conn.execute(sa.text("SELECT DISTINCT period_end_on FROM deliverables WHERE kind = 'annual'")).scalars()
        assert [str(e)[:10] for e in ends] == ["2027-12-14"]  # the statutory cut-off again
