"""The only place where notifications change: what users are told, and marking it read.

A returned document is told to its unit at once: by mail (queued in the same
transaction as the return) and in the application.
"""
import secrets

from flask_babel import gettext as _

from workflows import reminders as rules
from workflows.enums import MailKind, Role

from ..clock import now
from ..errors import Forbidden
from ..extensions import db
from .models import Notification


def _reminder_kind(reminder):
    if reminder.kind == rules.OVERDUE:
        return "overdue"
    return "due" if reminder.offset == 0 else "before"


def reminded(users, deliverable, reminder, at):
    """Tell ``users`` in the application what the reminder mail says."""
    days = (deliverable.due_on - reminder.send_on).days
    for user in {u.id: u for u in users}.values():
        db.session.add(Notification(user_id=user.id, kind=_reminder_kind(reminder), deliverable_id=deliverable.id,
                                    data={"days": days, "due_on": deliverable.due_on.isoformat()}, created_at=at))


def document_returned(doc, entry, reviewer):
    """The reviewer returned ``doc``: its unit hears it now, by mail and in the application."""
    from ..auth.models import Membership, User
    from ..outbox import operations as outbox
    from ..outbox.compose import absolute_url, mail_context, render
    from ..units.models import UnitContact

    deliverable = doc.deliverable
    unit = deliverable.assignment.unit
    people = db.session.scalars(
        db.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == unit.id, Membership.role.in_((Role.STAFF, Role.HEAD)),
               User.is_active_user.is_(True)).order_by(User.id)).unique().all()
    contacts = db.session.scalars(db.select(UnitContact.email).where(UnitContact.unit_id == unit.id)
                                  .order_by(UnitContact.id)).all()
    addressees = rules.addressees(False, contacts, [u.email for u in people], [], [])
    for user in people:
        db.session.add(Notification(user_id=user.id, kind="returned", deliverable_id=deliverable.id,
                                    data={"reason": entry.comment, "by": reviewer.full_name}, created_at=entry.created_at))
    if not addressees.to:
        return
    from ..labels import deliverable_label

    with mail_context():
        what = str(deliverable_label(deliverable))
        subject = _("Returned for revision: %(what)s", what=what)
    text, html = render("returned", subject=subject, deliverable=deliverable, plan=deliverable.assignment.plan, unit=unit, what=what,
                        reason=entry.comment, reviewer=reviewer, returned_at=entry.created_at,
                        link=absolute_url("documents.view", document_id=doc.id))
    outbox.queue(MailKind.RETURNED, addressees.to, subject, text, html, plan=deliverable.assignment.plan, unit=unit,
                 deliverable=deliverable, at=entry.created_at)


def unread_count(user):
    return db.session.scalar(db.select(db.func.count()).select_from(Notification)
                             .where(Notification.user_id == user.id, Notification.read_at.is_(None)))


def mark_read(user, notification):
    if notification.user_id != user.id:
        raise Forbidden(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = now()
        db.session.commit()
    return notification


def mark_all_read(user):
    count = db.session.execute(
        db.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now()).execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return count


def new_calendar_token(user):
    """Give ``user`` a new private calendar address; the old one stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    db.session.commit()
    return user.calendar_token


def describe(notification):
    """(headline, detail) of a notification, in the current language."""
    from ..labels import deliverable_label

    deliverable = notification.deliverable
    what = str(deliverable_label(deliverable))
    unit = deliverable.assignment.unit.name
    data = notification.data or {}
    if notification.kind == "returned":
        return (_("%(what)s of %(unit)s was returned for revision", what=what, unit=unit),
                _("By %(name)s: %(reason)s", name=data.get("by", ""), reason=data.get("reason", "")))
    due = deliverable.due_on.strftime("%d/%m/%Y")
    if notification.kind == "overdue":
        headline = _("%(what)s of %(unit)s is overdue by %(days)d days", what=what, unit=unit,
                     days=-int(data.get("days", 0)))
    elif notification.kind == "due":
        headline = _("%(what)s of %(unit)s is due today", what=what, unit=unit)
    else:
        headline = _("%(what)s of %(unit)s is due in %(days)d days", what=what, unit=unit, days=int(data.get("days", 0)))
    return headline, _("Due %(due)s · %(plan)s", due=due, plan=deliverable.assignment.plan.reference)
