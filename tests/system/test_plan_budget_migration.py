"""The plan budget migration (d5f6a7b8c9d0) on a database that holds data, both ways.

Going down forgets the plans' own budgets and nothing else; coming up gives every plan an
empty one, and the database itself refuses a negative amount, an empty line and a second
total line."""
import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app.extensions import db
from app.plans import budget as plan_budget
from tests.conftest import migrated_app, scratch_database
from tests.factories import World

BEFORE = "d3c2f5a7b9d1"
TABLES = ("units", "users", "plans", "assignments", "deliverables", "documents", "budget_items", "audit_log")


@pytest.fixture
def populated(tmp_path_factory):
    """A world at the head whose plan has a budget: DA7 and the total line."""
    with scratch_database(tmp_path_factory, "planbudget") as url:
        app = migrated_app(url)
        with app.app_context():
            world = World(year=2027)
            da7 = db.session.execute(sa.text("SELECT id FROM budget_items WHERE code = 'DA7'")).scalar_one()
            plan_budget.set_budget(world.admin, world.plan, {str(da7): {"central_recurrent": 120},
                                                             "total": {"total": 120}})
            db.session.commit()
            ids = {"plan": world.plan.id, "item": da7}
            db.session.remove()
        try:
            yield app, ids
        finally:
            with app.app_context():
                db.engine.dispose()


def _counts(conn):
    return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def test_the_plan_budget_goes_down_and_comes_back_empty(populated):
    app, ids = populated
    with app.app_context():
        with db.engine.connect() as conn:
            before = _counts(conn)
            assert conn.execute(sa.text("SELECT count(*) FROM plan_budget_lines")).scalar_one() == 2
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            assert "plan_budget_lines" not in sa.inspect(conn).get_table_names()
            assert _counts(conn) == before
        upgrade()
        with db.engine.connect() as conn:
            assert _counts(conn) == before
            assert conn.execute(sa.text("SELECT count(*) FROM plan_budget_lines")).scalar_one() == 0
        insert = sa.text("INSERT INTO plan_budget_lines (plan_id, budget_item_id, other, total) "
                         "VALUES (:plan, :item, :other, :total)")
        with db.engine.begin() as conn:
            conn.execute(insert, {"plan": ids["plan"], "item": ids["item"], "other": 5, "total": None})
            conn.execute(insert, {"plan": ids["plan"], "item": None, "other": None, "total": 5})
        for values in ({"item": ids["item"] + 1, "other": -1, "total": None},  # negative
                       {"item": ids["item"] + 1, "other": None, "total": None},  # empty
                       {"item": None, "other": None, "total": 6},  # a second total line
                       {"item": ids["item"], "other": 1, "total": None}):  # the same item twice
            with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
                conn.execute(insert, {"plan": ids["plan"], **values})
        db.engine.dispose()
