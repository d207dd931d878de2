"""The programmes migration (d2b1e4f6a8c0) on a database that holds data, both ways.

Going down, each item gets its programme's name back (its decision reference); coming up,
each name becomes a programme again, QĐ 90/QĐ-TTg's the 2021–2025 programme that owns
its items and every plan. On SQLite both ways rebuild ``plans`` and ``budget_items``,
which other rows point to: nothing may be lost or left pointing nowhere, the plans'
partial unique index must stay partial, and the connection must keep its foreign keys on.
"""
import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app.auth.models import User
from app.budget import operations as budget_ops
from app.documents import operations as doc_ops
from app.extensions import db
from app.figures.consolidation import consolidate
from app.plans import operations as plan_ops
from app.plans.models import Plan
from app.units.models import Unit
from tests.conftest import migrated_app, scratch_database
from tests.factories import World, ready
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, Trigger

BEFORE = "e0c4a7b9d2f1"  # the revision the programmes come after
TABLES = ("units", "users", "plans", "assignments", "deliverables", "documents", "document_versions",
          "transition_log", "budget_items", "audit_log")


def _plan_values(year):
    return dict(year=year, number="", symbol="KH-UBND", title=f"Giảm nghèo năm {year}", place="", issued_on=None,
                legal_bases="", goals="", **{f"{k.value}_due_on": default_due_on(k, year) for k in (
                    DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})


@pytest.fixture
def populated(tmp_path_factory):
    """A world at the head: a 2027 plan of the 2021–2025 programme with an approved report
    carrying a DA7 line, and a plan of a 2026–2035 programme with a line of its own."""
    with scratch_database(tmp_path_factory, "prog") as url:
        app = migrated_app(url)
        with app.app_context():
            world = World(year=2027)
            doc = world.document(DeliverableKind.SIX_MONTH, next(
                a for a in world.plan.assignments if a.unit_id == world.other_district.id))
            doc_ops.save_content(doc, world.other_head, ready(doc, budget=_da7_line(world.plan)), None)
            doc_ops.transition(doc, world.other_head, Trigger.SUBMIT)
            doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)
            new = budget_ops.add_programme(world.admin, "GNBV-2026-2035", "Giai đoạn 2026 - 2035", "QĐ 999/QĐ-TTg",
                                           2026, 2035)
            project = budget_ops.add_item(world.admin, new, "HT1", "Hạ tầng thiết yếu")
            budget_ops.add_item(world.admin, new, "HT1.TDA1", "Giao thông nông thôn", project)
            second = plan_ops.create_plan(world.admin, world.province, world.labour, programme_id=new.id,
                                          **_plan_values(2028))
            plan_ops.assign_units(world.admin, second, [world.district])
            plan_ops.publish_plan(world.admin, second)
            report = next(d for d in second.assignments[0].deliverables if d.kind is DeliverableKind.SIX_MONTH)
            doc_ops.save_content(report.document, world.head, {"results": "Đã làm.", "budget": {
                str(project.id): {"allocated": {"central_recurrent": "75"}}}}, None)
            db.session.commit()
            ids = {"plan": world.plan.id, "second": second.id, "province": world.province.id,
                   "labour": world.labour.id, "admin": world.admin.id}
            db.session.remove()
        try:
            yield app, ids
        finally:
            with app.app_context():
                db.engine.dispose()


def _da7_line(plan):
    item = db.session.execute(sa.text("SELECT id FROM budget_items WHERE code = 'DA7' AND programme_id = :p"),
                              {"p": plan.programme_id}).scalar_one()
    return {str(item): {"allocated": {"central_recurrent": "120"}, "disbursed": {"central_recurrent": "60"}}}


def _state(conn):
    counts = {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    if conn.dialect.name == "sqlite":
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar_one() == 1  # kept on for the app
        assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
        index = conn.execute(sa.text("SELECT sql FROM sqlite_master WHERE name = 'uq_plans_issuer_year_number'"))
    else:
        index = conn.execute(sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_plans_issuer_year_number'"))
    assert "WHERE" in index.scalar_one()  # drafts still share the empty number
    return counts


def _columns(conn, table):
    return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def test_the_programmes_go_down_to_names_and_come_up_as_programmes_again(populated):
    app, ids = populated
    with app.app_context(), db.engine.connect() as conn:
        before = _state(conn)
        item_ids = dict(conn.execute(sa.text("SELECT id, code FROM budget_items")).all())
    assert before["budget_items"] == 20 and before["plans"] == 2

    with app.app_context():
        downgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            assert _state(conn) == before
            assert "programmes" not in sa.inspect(conn).get_table_names()
            assert "programme_id" not in _columns(conn, "plans") | _columns(conn, "budget_items")
            names = dict(conn.execute(sa.text("SELECT code, program FROM budget_items")).all())
            assert names["DA7"] == "QĐ 90/QĐ-TTg" and names["HT1.TDA1"] == "QĐ 999/QĐ-TTg"
            # What an administrator could add with the catalog page of this revision.
            conn.execute(sa.text("INSERT INTO budget_items (program, code, name, position, is_active) "
                                 "VALUES ('Chương trình thí điểm 2027-2030', 'TD1', 'Thí điểm', 1, true)"))
        db.engine.dispose()

    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            after = _state(conn)
            assert after == {**before, "budget_items": 21}
            programmes = {r.decision: r for r in conn.execute(sa.text(
                "SELECT id, code, name, decision, start_year, end_year, is_active FROM programmes"))}
            assert set(programmes) == {"QĐ 90/QĐ-TTg", "QĐ 999/QĐ-TTg", "Chương trình thí điểm 2027-2030"}
            qd90 = programmes["QĐ 90/QĐ-TTg"]
            assert (qd90.code, qd90.start_year, qd90.end_year) == ("GNBV-2021-2025", 2021, 2025)
            pilot = programmes["Chương trình thí điểm 2027-2030"]
            assert (pilot.start_year, pilot.end_year) == (2027, 2030)  # read from its name
            owners = dict(conn.execute(sa.text("SELECT code, programme_id FROM budget_items")).all())
            assert owners["DA7"] == qd90.id and owners["HT1.TDA1"] == programmes["QĐ 999/QĐ-TTg"].id
            assert owners["TD1"] == pilot.id
            # Every item kept its id: documents' budget lines still name the same projects.
            assert {i: c for i, c in conn.execute(sa.text("SELECT id, code FROM budget_items")).all()
                    if i in item_ids} == item_ids
            assert set(conn.execute(sa.text("SELECT programme_id FROM plans")).scalars()) == {qd90.id}

        # The application reads it as before: the approved report's DA7 line is consolidated.
        plan = db.session.get(Plan, ids["plan"])
        budget = {row.item.code: row.allocated for row in consolidate(plan).budget}
        assert str(budget["DA7"]["central_recurrent"]) == "120"
        # Two drafts of one issuer and year share the empty number.
        admin, province, labour = (db.session.get(User, ids["admin"]), db.session.get(Unit, ids["province"]),
                                   db.session.get(Unit, ids["labour"]))
        for _ in range(2):
            plan_ops.create_plan(admin, province, labour, **_plan_values(2030))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
