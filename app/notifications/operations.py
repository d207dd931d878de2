"""The only place where the bell changes: items put in it, and marked read.

The bell knows items, not why they are there: who is told what is decided by each
domain's ``notifications.py`` (``documents``, ``reminders``), subscribed to what its
operations announce.

Deadline reminders are one bell item per user and deliverable, renewed by each later
reminder (unread again, on top, with the latest count of days): repeats do not pile up.
"""
import secrets

from flask_babel import gettext as _
from flask_babel import ngettext

from workflows import reminders as rules
from workflows.enums import NoticeKind

from .. import policy
from ..clock import now
from ..errors import Forbidden
from ..extensions import db
from ..labels import deliverable_label
from ..types import insert_for
from .models import REMINDER_ITEM, Notification


def _reminder_kind(reminder):
    if reminder.kind == rules.OVERDUE:
        return NoticeKind.OVERDUE
    return NoticeKind.DUE if reminder.offset == 0 else NoticeKind.BEFORE


def reminded(users, deliverable, reminder, at):
    """Tell ``users`` in the application what the reminder mail says.

    Each user's item about this deliverable's deadline is renewed if there is one
    (unread again, moved to the top, the latest wording); an older reminder arriving
    late does not overwrite a newer one.
    """
    users = list({u.id: u for u in users}.values())
    if not users:
        return
    days = (deliverable.due_on - reminder.send_on).days
    data = {"days": days, "due_on": deliverable.due_on.isoformat()}
    insert = insert_for(db.session)
    statement = insert(Notification).values([
        {"user_id": user.id, "kind": _reminder_kind(reminder), "deliverable_id": deliverable.id, "data": data,
         "created_at": at, "updated_at": at, "repeats": 0} for user in users])
    statement = statement.on_conflict_do_update(
        index_elements=["user_id", "deliverable_id"], index_where=db.text(REMINDER_ITEM),
        set_={"kind": statement.excluded.kind, "data": statement.excluded.data,
              "updated_at": statement.excluded.updated_at, "read_at": None,
              "repeats": Notification.repeats + 1},
        where=Notification.updated_at <= statement.excluded.updated_at)
    db.session.execute(statement)


def tell(users, kind, deliverable, data, at):
    """Put a ``kind`` item about ``deliverable`` in each of ``users``' bell."""
    for user in users:
        db.session.add(Notification(user_id=user.id, kind=kind, deliverable_id=deliverable.id, data=data,
                                    created_at=at))


def no_longer_waits(deliverable, at):
    """The reviewers' unread "submitted" items of ``deliverable`` are read: it was decided or
    withdrawn, nothing waits for them there any more."""
    db.session.execute(
        db.update(Notification)
        .where(Notification.deliverable_id == deliverable.id, Notification.kind == NoticeKind.SUBMITTED,
               Notification.read_at.is_(None))
        .values(read_at=at).execution_options(synchronize_session=False))


def unread_count(user):
    return db.session.scalar(db.select(db.func.count()).select_from(Notification)
                             .where(Notification.user_id == user.id, Notification.read_at.is_(None)))


def mark_read(user, notification):
    if notification.user_id != user.id:
        raise Forbidden(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = now()
        db.session.flush()
    return notification


def mark_all_read(user):
    count = db.session.execute(
        db.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now()).execution_options(synchronize_session=False)).rowcount
    db.session.flush()
    return count


def set_digest(user, wanted):
    """A reviewer chooses one daily digest of what waits (``wanted``) or a mail per event."""
    if not policy.can_review_anything(user):
        raise Forbidden(_("Only reviewers receive the daily digest."))
    user.wants_digest = bool(wanted)
    db.session.flush()
    return user


def new_calendar_token(user):
    """Give ``user`` a new private calendar address; the old one stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    db.session.flush()
    return user.calendar_token


def describe(notification):
    """(headline, detail) of a notification, in the current language."""
    deliverable = notification.deliverable
    what = str(deliverable_label(deliverable))
    unit = deliverable.assignment.unit.name
    data = notification.data or {}
    due = deliverable.due_on.strftime("%d/%m/%Y")
    plan = deliverable.assignment.plan.reference
    if notification.kind == NoticeKind.RETURNED:
        return (_("%(what)s of %(unit)s was returned for revision", what=what, unit=unit),
                _("By %(name)s: %(reason)s", name=data.get("by", ""), reason=data.get("reason", "")))
    if notification.kind == NoticeKind.APPROVED:
        detail = _("Approved by %(name)s", name=data.get("by", ""))
        if data.get("reason"):
            detail = _("By %(name)s: %(reason)s", name=data.get("by", ""), reason=data["reason"])
        return _("%(what)s of %(unit)s was approved", what=what, unit=unit), detail
    if notification.kind == NoticeKind.SUBMITTED:
        headline = (_("%(what)s of %(unit)s was submitted again for review", what=what, unit=unit) if data.get("again")
                    else _("%(what)s of %(unit)s was submitted for review", what=what, unit=unit))
        return headline, _("By %(name)s · due %(due)s · %(plan)s", name=data.get("by", ""), due=due, plan=plan)
    if notification.kind == NoticeKind.OVERDUE:
        headline = ngettext("%(what)s of %(unit)s is overdue by %(num)d day",
                            "%(what)s of %(unit)s is overdue by %(num)d days", -int(data.get("days", 0)),
                            what=what, unit=unit)
    elif notification.kind == NoticeKind.DUE:
        headline = _("%(what)s of %(unit)s is due today", what=what, unit=unit)
    else:
        headline = ngettext("%(what)s of %(unit)s is due in %(num)d day", "%(what)s of %(unit)s is due in %(num)d days",
                            int(data.get("days", 0)), what=what, unit=unit)
    return headline, _("Due %(due)s · %(plan)s", due=due, plan=plan)
