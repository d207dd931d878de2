"""The reviewers' daily digest: one mail a working day of what waits for them — documents
submitted for their review, deliverables overdue in the plans their unit coordinates — for
the reviewers who chose it instead of a mail per submission and a copy of each overdue
notice (they keep the bell items).

Exactly once: a digest is inserted under the unique key (reviewer, day) with "on
conflict do nothing"; only the process whose insert took queues the mail, in the same
transaction. The job may run every few minutes, twice, in several processes: each
reviewer gets one digest a day. A day with nothing waiting is recorded without a mail.
"""
import datetime as dt
import logging
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager

from workflows import notices as rules
from workflows.enums import OPEN_STATES, MailKind, Role

from ..auth.models import Membership, User
from .. import policy
from ..clock import VN_TZ, now
from ..documents.models import Deliverable, Document
from ..documents.queries import review_queue
from ..extensions import db
from ..outbox import operations as outbox
from ..outbox.compose import absolute_url, mail_context, render
from ..types import insert_for
from ..plans.models import Assignment, Plan
from ..units.models import Unit
from .models import Digest

log = logging.getLogger(__name__)

#: Documents listed in each part of a digest; the rest are counted, with a link to them all.
LIST_LIMIT = 30


@dataclass
class DigestReport:
    queued: int = 0  #: digests mailed
    empty: int = 0  #: reviewers for whom nothing waited (recorded, no mail)

    def __str__(self):
        return f"{self.queued} digests queued, {self.empty} with nothing waiting"


@dataclass
class WhatWaits:
    waiting: list  #: submitted deliverables, oldest due first (at most LIST_LIMIT)
    waiting_total: int
    overdue: list  #: unsubmitted deliverables past their due date (at most LIST_LIMIT)
    overdue_total: int
    new_ids: set = field(default_factory=set)  #: of ``waiting``: submitted since the previous digest

    @property
    def is_empty(self):
        return not self.waiting_total and not self.overdue_total


def send_digests(at=None):
    """Queue today's digest for every reviewer who chose it and has not had it yet."""
    at = at or now()
    report = DigestReport()
    day = rules.digest_day(at, VN_TZ)
    if day is None:
        return report
    with mail_context():  # one rendering context for every digest of the run
        for user_id in _due_reviewers(day):
            user = db.session.get(User, user_id)
            units = policy.reviewed_unit_ids(user)
            waits = _for(user, _lists(units, day), day, at)
            if _insert_once(user, day, waits, at) is None:
                continue  # another run recorded it first
            if waits.is_empty:
                report.empty += 1
            else:
                _queue_mail(user, min(units), day, waits, at)
                report.queued += 1
    if report.queued or report.empty:
        log.info("digests for %s: %s", day.isoformat(), report)
    return report


def _due_reviewers(day):
    """Ids of the active reviewers who chose the digest and have none for ``day`` yet."""
    reviewers = db.select(Membership.user_id).where(Membership.role == Role.REVIEWER)
    done = db.select(Digest.id).where(Digest.user_id == User.id, Digest.digest_on == day)
    return db.session.scalars(
        db.select(User.id).where(User.wants_digest.is_(True), User.is_active_user.is_(True),
                                 User.id.in_(reviewers), ~done.exists()).order_by(User.id)).all()


def _lists(unit_ids, day):
    """(waiting, overdue deliverables, how many overdue) for reviewers of these coordinating units."""
    waiting = review_queue(unit_ids)
    overdue_where = (Plan.coordinating_unit_id.in_(unit_ids), Plan.published_at.is_not(None),
                     Document.state.in_(OPEN_STATES), Deliverable.due_on < day)
    overdue = db.session.scalars(
        db.select(Deliverable).join(Deliverable.assignment).join(Assignment.plan).join(Deliverable.document)
        .options(contains_eager(Deliverable.assignment).contains_eager(Assignment.plan),
                 contains_eager(Deliverable.assignment).joinedload(Assignment.unit),
                 contains_eager(Deliverable.document))
        .where(*overdue_where).order_by(Deliverable.due_on, Deliverable.id).limit(LIST_LIMIT)).unique().all()
    overdue_total = db.session.scalar(
        db.select(db.func.count()).select_from(Deliverable).join(Deliverable.assignment).join(Assignment.plan)
        .join(Deliverable.document).where(*overdue_where))
    return waiting, overdue, overdue_total


def _for(user, lists, day, at):
    """What waits for ``user``; "new" is what was submitted since their previous digest."""
    waiting, overdue, overdue_total = lists
    since = db.session.scalar(db.select(db.func.max(Digest.created_at))
                              .where(Digest.user_id == user.id, Digest.digest_on < day))
    since = since or at - dt.timedelta(days=1)
    shown = waiting[:LIST_LIMIT]
    return WhatWaits(waiting=shown, waiting_total=len(waiting), overdue=overdue, overdue_total=overdue_total,
                     new_ids={d.id for d in shown if d.document.submitted_at and d.document.submitted_at > since})


def _insert_once(user, day, waits, at):
    """Record the digest unless it exists; its id if this call recorded it, else None."""
    statement = (insert_for(db.session)(Digest)
                 .values(user_id=user.id, digest_on=day, waiting=waits.waiting_total, overdue=waits.overdue_total,
                         created_at=at)
                 .on_conflict_do_nothing(index_elements=["user_id", "digest_on"])
                 .returning(Digest.id))
    return db.session.execute(statement).scalar()


def _queue_mail(user, unit_id, day, waits, at):
    subject = _("Daily digest %(day)s: %(waiting)d to review, %(overdue)d overdue", day=day.strftime("%d/%m/%Y"),
                waiting=waits.waiting_total, overdue=waits.overdue_total)
    text, html = render("digest", subject=subject, user=user, day=day, waits=waits,
                        link=lambda d: absolute_url("documents.view", document_id=d.document.id),
                        queue_link=absolute_url("review.queue"), settings_link=absolute_url("notifications.index"))
    outbox.queue(MailKind.DIGEST, [user.email], subject, text, html, unit=db.session.get(Unit, unit_id), at=at)
