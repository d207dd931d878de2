"""The only place where notifications change: what users are told, and marking it read.

Moves of a document are told both ways, at once, by mail (queued in the same
transaction as the move) and in the application: a return or an approval to the
document's unit, a submission to the coordinating unit's reviewers — by mail only to
those who did not choose the daily digest (``digest.py``).

Deadline reminders are one bell item per user and deliverable, renewed by each later
reminder (unread again, on top, with the latest count of days): repeats do not pile up.
"""
import secrets

from flask_babel import gettext as _
from flask_babel import ngettext

from workflows import reminders as rules
from workflows.enums import DocState, MailKind, Role, Trigger

from ..clock import now
from ..errors import Forbidden
from ..extensions import db
from .models import REMINDER_ITEM, Notification


def _reminder_kind(reminder):
    if reminder.kind == rules.OVERDUE:
        return "overdue"
    return "due" if reminder.offset == 0 else "before"


def _insert():
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


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
    insert = _insert()
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


def document_moved(doc, entry, actor):
    """Tell who must hear of ``doc``'s move ``entry`` (in the move's transaction)."""
    if entry.trigger is Trigger.SUBMIT:
        document_submitted(doc, entry, actor)
    elif entry.trigger is Trigger.RETURN:
        document_returned(doc, entry, actor)
    elif entry.trigger is Trigger.APPROVE:
        document_approved(doc, entry, actor)
    elif entry.trigger is Trigger.WITHDRAW:
        _no_longer_waits(doc.deliverable, entry.created_at)


def document_returned(doc, entry, reviewer):
    """The reviewer returned ``doc``: its unit hears it now, by mail and in the application."""
    _tell_unit(doc, entry, reviewer, "returned", MailKind.RETURNED,
               lambda what: _("Returned for revision: %(what)s", what=what))


def document_approved(doc, entry, reviewer):
    """The reviewer approved ``doc``: its unit hears it now, by mail and in the application."""
    _tell_unit(doc, entry, reviewer, "approved", MailKind.APPROVED, lambda what: _("Approved: %(what)s", what=what))


def _tell_unit(doc, entry, reviewer, kind, mail_kind, subject_of):
    """A decision on ``doc`` reaches its unit: its staff and head in the bell, and by mail
    its contact addresses with them. Nothing waits for the reviewers any longer."""
    from ..auth.models import Membership, User
    from ..units.models import UnitContact

    deliverable = doc.deliverable
    unit = deliverable.assignment.unit
    people = db.session.scalars(
        db.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == unit.id, Membership.role.in_((Role.STAFF, Role.HEAD)),
               User.is_active_user.is_(True)).order_by(User.id)).unique().all()
    contacts = db.session.scalars(db.select(UnitContact.email).where(UnitContact.unit_id == unit.id)
                                  .order_by(UnitContact.id)).all()
    for user in people:
        db.session.add(Notification(user_id=user.id, kind=kind, deliverable_id=deliverable.id,
                                    data={"reason": entry.comment, "by": reviewer.full_name},
                                    created_at=entry.created_at))
    _no_longer_waits(deliverable, entry.created_at)
    addressees = rules.addressees(False, contacts, [u.email for u in people], [], [])
    _mail(mail_kind, kind, addressees.to, subject_of, doc, entry, reviewer)


def document_submitted(doc, entry, submitter):
    """``doc`` was submitted: the coordinating unit's reviewers hear it in the application, and
    by mail those who did not choose the daily digest. The submitter is not told of their own move."""
    from ..auth.models import Membership, User

    deliverable = doc.deliverable
    plan = deliverable.assignment.plan
    reviewers = db.session.scalars(
        db.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == plan.coordinating_unit_id, Membership.role == Role.REVIEWER,
               User.is_active_user.is_(True), User.id != submitter.id).order_by(User.id)).unique().all()
    again = entry.from_state is DocState.RETURNED
    for user in reviewers:
        db.session.add(Notification(user_id=user.id, kind="submitted", deliverable_id=deliverable.id,
                                    data={"by": submitter.full_name, "again": again}, created_at=entry.created_at))
    unit = deliverable.assignment.unit.name

    def subject_of(what):
        if again:
            return _("Submitted again for review: %(what)s – %(unit)s", what=what, unit=unit)
        return _("Submitted for review: %(what)s – %(unit)s", what=what, unit=unit)

    _mail(MailKind.SUBMITTED, "submitted", [u.email for u in reviewers if not u.wants_digest], subject_of,
          doc, entry, submitter, again=again)


def _mail(mail_kind, template, to, subject_of, doc, entry, actor, **extra):
    """Queue the mail ``templates/emails/<template>.*`` about ``doc``'s move to ``to``."""
    if not to:
        return
    from ..labels import deliverable_label
    from ..outbox import operations as outbox
    from ..outbox.compose import absolute_url, mail_context, render

    deliverable = doc.deliverable
    plan, unit = deliverable.assignment.plan, deliverable.assignment.unit
    with mail_context():
        what = str(deliverable_label(deliverable))
        subject = subject_of(what)
    text, html = render(template, subject=subject, deliverable=deliverable, plan=plan, unit=unit, what=what,
                        reason=entry.comment, comment=entry.comment, reviewer=actor, actor=actor,
                        returned_at=entry.created_at, moved_at=entry.created_at,
                        link=absolute_url("documents.view", document_id=doc.id),
                        settings_link=absolute_url("notifications.index"), **extra)
    outbox.queue(mail_kind, to, subject, text, html, plan=plan, unit=unit, deliverable=deliverable,
                 at=entry.created_at)


def _no_longer_waits(deliverable, at):
    """The reviewers' unread "submitted" items of ``deliverable`` are read: it was decided or
    withdrawn, nothing waits for them there any more."""
    db.session.execute(
        db.update(Notification)
        .where(Notification.deliverable_id == deliverable.id, Notification.kind == "submitted",
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
        db.session.commit()
    return notification


def mark_all_read(user):
    count = db.session.execute(
        db.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now()).execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return count


def set_digest(user, wanted):
    """A reviewer chooses one daily digest of what waits (``wanted``) or a mail per event."""
    from .. import policy

    if not policy.can_review_anything(user):
        raise Forbidden(_("Only reviewers receive the daily digest."))
    user.wants_digest = bool(wanted)
    db.session.commit()
    return user


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
    due = deliverable.due_on.strftime("%d/%m/%Y")
    plan = deliverable.assignment.plan.reference
    if notification.kind == "returned":
        return (_("%(what)s of %(unit)s was returned for revision", what=what, unit=unit),
                _("By %(name)s: %(reason)s", name=data.get("by", ""), reason=data.get("reason", "")))
    if notification.kind == "approved":
        detail = _("Approved by %(name)s", name=data.get("by", ""))
        if data.get("reason"):
            detail = _("By %(name)s: %(reason)s", name=data.get("by", ""), reason=data["reason"])
        return _("%(what)s of %(unit)s was approved", what=what, unit=unit), detail
    if notification.kind == "submitted":
        headline = (_("%(what)s of %(unit)s was submitted again for review", what=what, unit=unit) if data.get("again")
                    else _("%(what)s of %(unit)s was submitted for review", what=what, unit=unit))
        return headline, _("By %(name)s · due %(due)s · %(plan)s", name=data.get("by", ""), due=due, plan=plan)
    if notification.kind == "overdue":
        headline = ngettext("%(what)s of %(unit)s is overdue by %(num)d day",
                            "%(what)s of %(unit)s is overdue by %(num)d days", -int(data.get("days", 0)),
                            what=what, unit=unit)
    elif notification.kind == "due":
        headline = _("%(what)s of %(unit)s is due today", what=what, unit=unit)
    else:
        headline = ngettext("%(what)s of %(unit)s is due in %(num)d day", "%(what)s of %(unit)s is due in %(num)d days",
                            int(data.get("days", 0)), what=what, unit=unit)
    return headline, _("Due %(due)s · %(plan)s", due=due, plan=plan)
