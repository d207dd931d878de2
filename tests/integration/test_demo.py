"""The demo: loaded from the Đắk Nông plan, every state at once, safe to run twice."""

from app.auth.models import User
from app.documents.models import Deliverable, Document, TransitionLog
from app.plans.models import Plan, PlanTarget
from app.units.models import Unit
from workflows.enums import DocState


def _counts(db):
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Unit, User, Plan, PlanTarget, Deliverable, Document, TransitionLog)}


def test_demo_shows_every_state_and_loads_once(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    first = _counts(db)
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert _counts(db) == first

    states = set(db.session.scalars(db.select(Document.state)))
    assert states == set(DocState)
    from app.clock import today

    overdue = db.session.scalar(db.select(db.func.count()).select_from(Deliverable).join(Document).where(
        Deliverable.due_on < today(), Document.state.in_([DocState.DRAFT, DocState.RETURNED])))
    upcoming = db.session.scalar(db.select(db.func.count()).select_from(Deliverable).join(Document).where(
        Deliverable.due_on >= today(), Document.state.in_([DocState.DRAFT, DocState.RETURNED])))
    assert overdue > 0 and upcoming > 0
    assert db.session.scalar(db.select(db.func.count()).select_from(TransitionLog)
                             .where(TransitionLog.trigger == "return", TransitionLog.comment != "")) > 0
    targets = db.session.scalars(db.select(PlanTarget)).all()
    assert sum(t.poor_start for t in targets) == 13342 and sum(t.poor_end for t in targets) == 8352


def test_the_plan_overview_shows_the_target_table_with_rates_from_counts(app, db, client):
    from tests.factories import login

    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    reviewer = db.session.scalar(db.select(User).where(User.email.like("truongphong.giamngheo@%")))
    plan = db.session.scalar(db.select(Plan))
    reviewer.set_password("correct horse battery")
    db.session.commit()
    login(client, reviewer)
    body = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    for text in ("13.342", "7,97%", "4.990", "8.352", "4,97%", "4,32%", "25,68%", "30,78%"):
        assert text in body, text
