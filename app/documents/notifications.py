"""Who is told what when a document moves.

Told both ways, at once, by mail (queued in the same transaction as the move) and in the
application: a return or an approval to the document's unit, a submission to the
coordinating unit's reviewers — by mail only to those who did not choose the daily digest
(``notifications/digest.py``). A withdrawal takes the submission off the reviewers' list.
A reopening tells no one today (the reviewer who reopens is the one who approved).
"""
from flask_babel import gettext as _

from workflows import reminders as rules
from workflows.enums import DocState, MailKind, NoticeKind, Role

from ..auth.models import Membership, User
from ..extensions import db
from ..labels import deliverable_label
from ..notifications import operations as bell
from ..outbox import operations as outbox
from ..outbox.compose import absolute_url, mail_context, render
from ..signals import document_approved, document_returned, document_submitted, document_withdrawn
from ..units.models import UnitContact


@document_returned.connect
def returned(doc, entry, actor):
    """The reviewer returned ``doc``: its unit hears it now, by mail and in the application."""
    _tell_unit(doc, entry, actor, NoticeKind.RETURNED, MailKind.RETURNED,
               lambda what: _("Returned for revision: %(what)s", what=what))


@document_approved.connect
def approved(doc, entry, actor):
    """The reviewer approved ``doc``: its unit hears it now, by mail and in the application."""
    _tell_unit(doc, entry, actor, NoticeKind.APPROVED, MailKind.APPROVED,
               lambda what: _("Approved: %(what)s", what=what))


@document_withdrawn.connect
def withdrawn(doc, entry, actor):
    bell.no_longer_waits(doc.deliverable, entry.created_at)


@document_submitted.connect
def submitted(doc, entry, actor):
    """``doc`` was submitted: the coordinating unit's reviewers hear it in the application, and
    by mail those who did not choose the daily digest. The submitter is not told of their own move."""
    deliverable = doc.deliverable
    plan = deliverable.assignment.plan
    reviewers = db.session.scalars(
        db.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == plan.coordinating_unit_id, Membership.role == Role.REVIEWER,
               User.is_active_user.is_(True), User.id != actor.id).order_by(User.id)).unique().all()
    again = entry.from_state is DocState.RETURNED
    bell.tell(reviewers, NoticeKind.SUBMITTED, deliverable, {"by": actor.full_name, "again": again},
              entry.created_at)
    unit = deliverable.assignment.unit.name

    def subject_of(what):
        if again:
            return _("Submitted again for review: %(what)s – %(unit)s", what=what, unit=unit)
        return _("Submitted for review: %(what)s – %(unit)s", what=what, unit=unit)

    _mail(MailKind.SUBMITTED, "submitted", [u.email for u in reviewers if not u.wants_digest], subject_of,
          doc, entry, actor, again=again)


def _tell_unit(doc, entry, reviewer, kind, mail_kind, subject_of):
    """A decision on ``doc`` reaches its unit: its staff and head in the bell, and by mail
    its contact addresses with them. Nothing waits for the reviewers any longer."""
    deliverable = doc.deliverable
    unit = deliverable.assignment.unit
    people = db.session.scalars(
        db.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == unit.id, Membership.role.in_((Role.STAFF, Role.HEAD)),
               User.is_active_user.is_(True)).order_by(User.id)).unique().all()
    contacts = db.session.scalars(db.select(UnitContact.email).where(UnitContact.unit_id == unit.id)
                                  .order_by(UnitContact.id)).all()
    bell.tell(people, kind, deliverable, {"reason": entry.comment, "by": reviewer.full_name}, entry.created_at)
    bell.no_longer_waits(deliverable, entry.created_at)
    addressees = rules.addressees(False, contacts, [u.email for u in people], [], [])
    _mail(mail_kind, kind.value, addressees.to, subject_of, doc, entry, reviewer)


def _mail(mail_kind, template, to, subject_of, doc, entry, actor, **extra):
    """Queue the mail ``templates/emails/<template>.*`` about ``doc``'s move to ``to``."""
    if not to:
        return
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
