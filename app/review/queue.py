"""The reviewer's queue as rows that say what a decision needs: late, resubmitted, findings.

A handful of queries whatever the queue's length: the submitted documents with their
current content and whether a return preceded the submission (one query), the program
catalog (one), the plans' target rows for those units (one), their own indicators and who
reports them (two); the checks run in memory — the figures', and the plan's own indicators'.
"""
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from workflows.enums import DocState, Trigger

from ..budget.queries import catalog, rule_items
from ..documents import indicators
from ..documents.content import PLAN_ROW_FIELDS, budget_keys, check
from ..documents.models import Deliverable, Document, DocumentVersion, TransitionLog
from ..extensions import db
from ..plans.models import Assignment, Indicator, IndicatorAssignment, Plan, PlanTarget
from .facts import days_late


@dataclass
class QueueRow:
    deliverable: Deliverable
    days_late: int
    is_resubmission: bool
    errors: int
    warnings: int

    @property
    def document(self):
        return self.deliverable.document

    @property
    def has_findings(self):
        return bool(self.errors or self.warnings)


def review_rows(coordinating_unit_ids):
    """Submitted documents of plans these units coordinate, oldest due first."""
    if not coordinating_unit_ids:
        return []
    returned_before = (
        sa.select(TransitionLog.id)
        .where(TransitionLog.document_id == Document.id, TransitionLog.trigger == Trigger.RETURN,
               TransitionLog.version_no == Document.current_version_no)
        .exists())
    stmt = (
        db.select(Deliverable, DocumentVersion.content, returned_before.label("resubmitted"))
        .join(Deliverable.assignment).join(Assignment.plan).join(Deliverable.document)
        .join(DocumentVersion, db.and_(DocumentVersion.document_id == Document.id,
                                       DocumentVersion.number == Document.current_version_no))
        .options(contains_eager(Deliverable.assignment).contains_eager(Assignment.plan),
                 contains_eager(Deliverable.assignment).joinedload(Assignment.unit),
                 contains_eager(Deliverable.document))
        .where(Plan.coordinating_unit_id.in_(coordinating_unit_ids), Plan.published_at.is_not(None),
               Document.state == DocState.SUBMITTED)
        .order_by(Deliverable.due_on, Document.submitted_at, Deliverable.id))
    rows = db.session.execute(stmt).all()
    # (Even for an empty queue the same queries run: the page costs the same whatever it holds.)
    targets = _target_rows({(d.assignment.plan_id, d.assignment.unit_id) for d, _c, _r in rows})
    _load_indicators({d.assignment.plan for d, _c, _r in rows})
    items = rule_items(catalog(set().union(*(budget_keys(content) for _d, content, _r in rows))))
    out = []
    for deliverable, content, resubmitted in rows:
        plan_row = targets.get((deliverable.assignment.plan_id, deliverable.assignment.unit_id))
        found = check(deliverable.kind, content or {}, items, plan_row)
        found += indicators.findings(deliverable, content or {}, plan_row or {})  # the plan's own
        errors = sum(1 for f in found if f.is_error)
        out.append(QueueRow(deliverable, days_late(deliverable.due_on, deliverable.document.submitted_at),
                            bool(resubmitted), errors, len(found) - errors))
    return out


def _load_indicators(plans):
    """The plans' own indicators and who reports them, read at once: two queries, whatever
    the queue holds (an empty one included)."""
    found = db.session.scalars(db.select(Indicator).where(Indicator.plan_id.in_({p.id for p in plans}))
                               .order_by(Indicator.position, Indicator.id)).all()
    reporters = db.session.scalars(db.select(IndicatorAssignment)
                                   .where(IndicatorAssignment.indicator_id.in_([i.id for i in found]))).all()
    by_indicator, by_plan = defaultdict(list), defaultdict(list)
    for reporter in reporters:
        by_indicator[reporter.indicator_id].append(reporter)
    for indicator in found:
        set_committed_value(indicator, "reporters", by_indicator[indicator.id])
        by_plan[indicator.plan_id].append(indicator)
    for plan in plans:
        set_committed_value(plan, "indicators", by_plan[plan.id])


def _target_rows(pairs):
    plan_ids = {plan_id for plan_id, _unit in pairs}
    rows = db.session.execute(
        db.select(PlanTarget.plan_id, PlanTarget.unit_id, *(getattr(PlanTarget, c) for c in PLAN_ROW_FIELDS))
        .where(PlanTarget.plan_id.in_(plan_ids)))
    return {(plan_id, unit_id): dict(zip(PLAN_ROW_FIELDS, values, strict=True))
            for plan_id, unit_id, *values in rows if (plan_id, unit_id) in pairs}
