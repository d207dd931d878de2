"""The only place where a plan's reminder policy changes, and where documents are told to
have their next reminder worked out again."""
import logging

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows import reminders as rules

from .. import policy
from ..documents.models import Deliverable, Document
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..plans.models import Assignment
from .models import ReminderPolicy
from .policy_form import parse_days, policy_errors

log = logging.getLogger(__name__)


def forget_next_reminders(document_ids=None, plan=None):
    """Something changed these documents' reminders (a due date, the plan's policy): the
    next sweep works their moments out again. A Core update: no document's
    ``lock_version`` moves, so nobody's open form goes stale because of it."""
    table = Document.__table__
    if plan is not None:
        deliverable_ids = (db.select(Deliverable.id).join(Deliverable.assignment)
                           .where(Assignment.plan_id == plan.id).scalar_subquery())
        db.session.execute(sa.update(table).where(table.c.deliverable_id.in_(deliverable_ids))
                           .values(next_reminder_at=None))
    if document_ids:
        db.session.execute(sa.update(table).where(table.c.id.in_(list(document_ids))).values(next_reminder_at=None))


def set_policy(user, plan, **values):
    """Change the plan's reminder policy. Reminders already sent stay sent; the rest follow."""
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    errors = {}
    try:
        days = parse_days(values["days_before"])
    except ValueError:
        days = None
        errors["days_before"] = _("Write whole numbers of days separated by commas, e.g. 7, 3, 1, 0.")
    if days is not None:
        try:
            rules.ReminderPolicy(days_before=days, first_overdue_after=values["first_overdue_after"],
                                 overdue_every=values["overdue_every"], send_hour=values["send_hour"],
                                 grace_days=values["grace_days"])
        except ValueError:
            errors.update(policy_errors(days, values))
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    row = plan.reminder_policy or ReminderPolicy(plan=plan)
    row.enabled, row.escalate_overdue = bool(values["enabled"]), bool(values["escalate_overdue"])
    row.days_before = ",".join(str(d) for d in days)
    row.first_overdue_after, row.overdue_every = values["first_overdue_after"], values["overdue_every"]
    row.send_hour, row.grace_days = values["send_hour"], values["grace_days"]
    db.session.add(row)
    forget_next_reminders(plan=plan)
    db.session.flush()
    log.info("plan %s reminder policy changed by %s", plan.id, user.email)
    return row
