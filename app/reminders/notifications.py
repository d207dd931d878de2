"""Who is told what when a reminder comes due, and what the outbox asks before one goes.

A reminder due is mailed to the addressees the sweep found (``recipients.py``) and put
in the bell of those it ``told``. Just before the mail goes, the outbox asks again
whether it is still true (``send_check.py``), and records here what became of it.
"""
from sqlalchemy.orm import selectinload

from workflows.enums import MailKind, ReminderStatus

from ..documents.models import Deliverable
from ..extensions import db
from ..notifications import operations as bell
from ..outbox import kinds
from ..outbox import operations as outbox
from ..plans.models import Assignment
from ..signals import reminder_due
from .models import Reminder
from .send_check import why_not_send
from .wording import reminder_mail


@reminder_due.connect
def due(deliverable, reminder, addressees, told, at):
    subject, text, html = reminder_mail(deliverable, reminder)
    outbox.queue(MailKind.REMINDER, addressees.to, subject, text, html, cc=addressees.cc,
                 plan=deliverable.assignment.plan, unit=deliverable.assignment.unit, deliverable=deliverable,
                 reminder_id=reminder.id, at=at)
    bell.reminded(told, deliverable, reminder, at)


def _still_to_send(messages, at):
    """Reasons not to send, for the reminders of a batch whose news went stale meanwhile."""
    ids = [m.reminder_id for m in messages if m.reminder_id is not None]
    reminders = {r.id: r for r in db.session.scalars(
        db.select(Reminder).where(Reminder.id.in_(ids))
        .options(selectinload(Reminder.deliverable).selectinload(Deliverable.assignment)
                 .selectinload(Assignment.plan)))} if ids else {}
    reasons = {}
    for message in messages:
        reminder = reminders.get(message.reminder_id)
        reason = why_not_send(reminder, at) if reminder is not None else kinds.too_old(message, at)
        if reason:
            reasons[message.id] = reason
    return reasons


def _sent(message, at):
    reminder = db.session.get(Reminder, message.reminder_id) if message.reminder_id else None
    if reminder is not None:
        reminder.status, reminder.updated_at = ReminderStatus.SENT, at


def _skipped(message, reason, at):
    reminder = db.session.get(Reminder, message.reminder_id) if message.reminder_id else None
    if reminder is not None:
        reminder.status, reminder.reason, reminder.updated_at = ReminderStatus.SKIPPED, reason, at


kinds.register(MailKind.REMINDER, still_to_send=_still_to_send, after_sent=_sent, after_skipped=_skipped)
