"""Read-side queries for lists of deliverables (one query per list, no N+1)."""
from sqlalchemy.orm import contains_eager

from workflows.enums import DocState

from ..extensions import db
from ..plans.models import Assignment, Plan
from .models import Deliverable, Document


def _base():
    return (
        db.select(Deliverable)
        .join(Deliverable.assignment)
        .join(Assignment.plan)
        .join(Deliverable.document)
        .options(
            contains_eager(Deliverable.assignment).contains_eager(Assignment.plan),
            contains_eager(Deliverable.assignment).joinedload(Assignment.unit),
            contains_eager(Deliverable.document),
        )
    )


def todo_for_units(unit_ids):
    """What these units owe: every deliverable, the ones not yet approved first by due date."""
    if not unit_ids:
        return []
    stmt = _base().where(Assignment.unit_id.in_(unit_ids), Plan.published_at.is_not(None)).order_by(
        (Document.state == DocState.APPROVED).asc(), Deliverable.due_on, Deliverable.id)
    return db.session.scalars(stmt).unique().all()


def review_queue(coordinating_unit_ids):
    """Submitted documents of plans these units coordinate, oldest due first."""
    if not coordinating_unit_ids:
        return []
    stmt = (_base().where(Plan.coordinating_unit_id.in_(coordinating_unit_ids), Plan.published_at.is_not(None),
                          Document.state == DocState.SUBMITTED)
            .order_by(Deliverable.due_on, Document.submitted_at, Deliverable.id))
    return db.session.scalars(stmt).unique().all()


def plan_deliverables(plan_id):
    stmt = _base().where(Assignment.plan_id == plan_id).order_by(Deliverable.due_on, Deliverable.id)
    return db.session.scalars(stmt).unique().all()
