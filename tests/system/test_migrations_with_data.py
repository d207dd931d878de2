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
from app.plans import operations as plan_ops
from app.plans.indicators import add_indicator, set_reporters
from tests.conftest import migrated_app, scratch_database
from tests.factories import World, ready
from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit, Role, Trigger

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
            plan_ops.set_target(world.admin, world.plan, world.district, households_start=1000, poor_start=100,
                                near_poor_start=50, near_poor_rate_start=5, near_poor_end=40)
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
        items = conn.execute(sa.text(
            "SELECT plans.year, kind, occurrence, due_on, period_start_on, period_end_on FROM schedule_items "
            "JOIN plans ON plans.id = schedule_items.plan_id ORDER BY due_on")).all()
        assert [(r[1], r[2], str(r[3])[:10], str(r[4])[:10], str(r[5])[:10]) for r in items] == [
            ("subplan", 1, "2027-03-31", "2027-01-01", "2027-12-31"),
            ("six_month", 1, "2027-06-15", "2026-12-15", "2027-06-14"),
            ("annual", 1, "2027-12-15", "2026-12-15", "2027-12-14")]  # the plan's three dates, now its schedule
        unlinked = conn.execute(sa.text(
            "SELECT count(*) FROM deliverables LEFT JOIN schedule_items ON schedule_items.id = schedule_item_id "
            "WHERE deliverables.kind <> 'adhoc' AND (schedule_items.kind IS NULL OR schedule_items.kind <> deliverables.kind)"))
        assert unlinked.scalar_one() == 0  # every periodic deliverable answers the item of its kind
        # Near-poor counts stay; their printed rate went with its column and is blank again;
        # the database refuses a negative count once more (d1a0c3e5f7b9).
        near = conn.execute(sa.text("SELECT near_poor_start, near_poor_end, near_poor_rate_start FROM plan_targets"))
        assert [tuple(row) for row in near] == [(50, 40, None)]
        with pytest.raises(sa.exc.IntegrityError):
            conn.execute(sa.text("UPDATE plan_targets SET near_poor_end = -1"))


def test_a_schedule_the_old_schema_cannot_hold_goes_down_to_the_three_dates(populated):
    """Down to the revision before schedules: the quarters' deliverables go (the old schema
    has no such kind); a plan without a sub-plan gets the default date back; up again, the
    schedule is the three items."""
    with populated.app_context():
        from app.plans import operations as plan_ops  # the app's models, bound in its context
        from app.auth.models import Membership
        from app.plans.models import Plan

        plan = db.session.scalar(sa.select(Plan))
        admin = db.session.scalar(sa.select(Membership).where(Membership.role == Role.ADMIN,
                                                              Membership.unit_id == plan.issuing_unit_id)).user
        values = {f: getattr(plan, f) for f in plan_ops.PLAN_FIELDS}
        plan_ops.update_plan(admin, plan, **values, six_month_due_on=None, annual_due_on=None,
                             quarterly_1_due_on=None, quarterly_2_due_on=None, quarterly_3_due_on=None,
                             quarterly_4_due_on=None)
        db.session.commit()
        assert db.session.scalar(sa.text("SELECT count(*) FROM deliverables WHERE kind = 'quarterly'")) == 2 * 4
        db.session.remove()
        downgrade(revision="cf85d6a0e1f2")
        with db.engine.connect() as conn:
            dates = conn.execute(sa.text("SELECT subplan_due_on, six_month_due_on, annual_due_on FROM plans")).one()
            assert [str(d)[:10] for d in dates] == ["2027-03-31", "2027-06-15", "2027-12-15"]
            kinds = conn.execute(sa.text("SELECT kind, count(*) FROM deliverables GROUP BY kind ORDER BY kind")).all()
            assert [tuple(k) for k in kinds] == [("annual", 2), ("six_month", 2)]
        upgrade()
        with db.engine.connect() as conn:
            kinds = conn.execute(sa.text("SELECT kind FROM schedule_items ORDER BY due_on")).scalars().all()
            assert kinds == ["subplan", "six_month", "annual"]
        db.engine.dispose()
