"""The check made again just before a queued reminder is mailed: is it still true?"""
from workflows import reminders as rules
from workflows.enums import OPEN_STATES, ReminderStatus, SkipReason, Verdict

from ..clock import VN_TZ
from ..extensions import db
from .models import Reminder, rules_for


def why_not_send(reminder, at):
    """Why a queued reminder must not go out now (None: it may). Asked just before sending."""
    deliverable = reminder.deliverable
    plan = deliverable.assignment.plan
    if deliverable.document.state not in OPEN_STATES:
        return SkipReason.SUBMITTED
    if not plan.is_published:
        return SkipReason.PLAN_WITHDRAWN
    plan_rules = rules_for(plan)
    if plan_rules is None:
        return SkipReason.DISABLED
    still = rules.find(deliverable.due_on, plan_rules, reminder.key, reminder.nominal_on)
    if still is None:
        return SkipReason.DUE_MOVED if deliverable.due_on != reminder.due_on else SkipReason.POLICY_CHANGED
    if rules.verdict(still, plan_rules, at, VN_TZ) is Verdict.SKIP:
        return SkipReason.LATE
    newer = db.session.scalar(db.select(Reminder.id).where(
        Reminder.deliverable_id == reminder.deliverable_id, Reminder.nominal_on > reminder.nominal_on,
        Reminder.status.in_((ReminderStatus.QUEUED, ReminderStatus.SENT))).limit(1))
    if newer is not None:
        return SkipReason.SUPERSEDED  # held back (mail server down) until a later reminder came due
    return None
