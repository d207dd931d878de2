"""The only place where reminders change: the sweep that records and queues what is
due, the check made again just before a reminder is mailed, and the plan's policy.

Exactly once: a reminder is inserted under the unique key (deliverable, kind-offset,
nominal day) with "on conflict do nothing"; only the process whose insert took queues
the mail, in the same transaction. Any number of sweeps, in any number of processes,
queue each reminder at most once.
"""
import datetime as dt
import logging
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from workflows import reminders as rules
from workflows.enums import OPEN_STATES, DocState, MailKind, ReminderStatus, Role

from .. import policy
from ..auth.models import Membership, User
from ..clock import VN_TZ, now
from ..documents.models import Deliverable, Document
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..labels import deliverable_label
from ..outbox import operations as outbox
from ..outbox.compose import absolute_url, mail_context, render
from ..notifications import operations as notices
from ..plans.models import Assignment, Plan
from ..units.models import UnitContact
from .models import Reminder, ReminderPolicy, rules_for

log = logging.getLogger(__name__)

#: Tết can push a reminder ten days earlier than its nominal day.
_SHIFT_MARGIN = 15


@dataclass(frozen=True)
class Due:
    """A reminder whose moment has come, for one deliverable."""

    deliverable: Deliverable
    reminder: rules.Reminder
    verdict: str  #: "send" or "skip" (missed by more than the grace period)
    rules: rules.ReminderPolicy


def _open_deliverables(today, due_by=None, after=0, limit=None):
    """Deliverables of issued plans not yet submitted, due soon enough to be reminded of.

    With ``due_by``: only those the sweep must look at by then — their next reminder's
    moment has come, or it is not known yet — whatever their due date (an index on open
    documents answers this without reading the rest), in document order from ``after``,
    at most ``limit``.
    """
    stmt = (db.select(Deliverable)
            .join(Deliverable.document).join(Deliverable.assignment).join(Assignment.plan)
            .where(Plan.published_at.is_not(None), Document.state.in_(OPEN_STATES)))
    if due_by is None:
        horizon = today + dt.timedelta(days=rules.MAX_DAYS_BEFORE + _SHIFT_MARGIN)
        stmt = stmt.where(Deliverable.due_on <= horizon).order_by(Deliverable.due_on, Deliverable.id)
    else:
        stmt = (stmt.where(db.or_(Document.next_reminder_at.is_(None), Document.next_reminder_at <= due_by),
                           Document.id > after)
                .order_by(Document.id).limit(limit))
    return db.session.scalars(stmt).unique().all()


def due_reminders(at, deliverables=None):
    """Every reminder whose moment has passed at ``at`` and that is not older than the lookback
    (of ``deliverables``, or of every open deliverable near its due date).

    After downtime several reminders of one deliverable may be in time at once ("1 day
    before" and the first overdue notice): only the latest goes; the others are skipped
    as superseded — a unit must not read "1 day left" after the deadline.
    """
    today = at.astimezone(VN_TZ).date()
    oldest = at - dt.timedelta(days=rules.LOOKBACK_DAYS)
    if deliverables is None:
        deliverables = _open_deliverables(today)
    reopened = _last_moves([d.document.id for d in deliverables if d.document.submitted_at is not None])
    for deliverable in deliverables:
        plan_rules = rules_for(deliverable.assignment.plan)
        if plan_rules is None:
            continue
        # A document submitted and then returned (or withdrawn) was not missing while it
        # was submitted: what fell due then is not "missed".
        since = max(oldest, reopened.get(deliverable.document.id, oldest))
        found = []
        for reminder in rules.schedule(deliverable.due_on, plan_rules, until=today):
            if rules.send_at(reminder, plan_rules, VN_TZ) < since:
                continue
            verdict = rules.verdict(reminder, plan_rules, at, VN_TZ)
            if verdict != "wait":
                found.append(Due(deliverable, reminder, verdict, plan_rules))
        in_time = [due for due in found if due.verdict == "send"]
        for due in found:
            if due.verdict == "send" and due is not in_time[-1]:
                due = Due(due.deliverable, due.reminder, "superseded", due.rules)
            yield due


def _last_moves(document_ids):
    """When each of these documents last moved (for those that went back to draft)."""
    if not document_ids:
        return {}
    from ..documents.models import TransitionLog

    return dict(db.session.execute(
        db.select(TransitionLog.document_id, db.func.max(TransitionLog.created_at))
        .where(TransitionLog.document_id.in_(document_ids)).group_by(TransitionLog.document_id)).all())


def _recorded_since(deliverable_ids, day):
    """The ledger's identities of these deliverables' reminders from ``day`` on."""
    found = set()
    ids = sorted(deliverable_ids)
    for start in range(0, len(ids), _CHUNK):
        found.update(db.session.execute(
            db.select(Reminder.deliverable_id, Reminder.key, Reminder.nominal_on)
            .where(Reminder.deliverable_id.in_(ids[start:start + _CHUNK]), Reminder.nominal_on >= day)))
    return found


#: Ids per IN list (SQLite allows 32766 parameters; PostgreSQL plans short lists better).
_CHUNK = 1000


def next_moment(deliverable, plan_rules, at):
    """When the sweep must next look at this open deliverable: its first reminder after ``at``.

    Reminders off: look again in a week (the policy may be switched back on; changing it
    clears every moment of the plan anyway).
    """
    if plan_rules is None:
        return at + dt.timedelta(days=7)
    today = at.astimezone(VN_TZ).date()
    until = max(today, deliverable.due_on) + dt.timedelta(
        days=plan_rules.first_overdue_after + plan_rules.overdue_every + _SHIFT_MARGIN)
    for reminder in rules.schedule(deliverable.due_on, plan_rules, until=until):
        moment = rules.send_at(reminder, plan_rules, VN_TZ)
        if moment > at:
            return moment
    return at + dt.timedelta(days=plan_rules.overdue_every)


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


def _remember_next(moments):
    """Store each swept document's next moment (document id → moment)."""
    if not moments:
        return
    table = Document.__table__
    db.session.execute(
        sa.update(table).where(table.c.id == sa.bindparam("doc_id")).values(next_reminder_at=sa.bindparam("moment")),
        [{"doc_id": doc_id, "moment": moment} for doc_id, moment in moments.items()])


@dataclass
class SweepReport:
    queued: int = 0
    skipped: int = 0
    looked_at: int = 0  #: open deliverables read (their next reminder had come, or was unknown)

    def __str__(self):
        return f"{self.queued} queued, {self.skipped} skipped"


#: Reminders recorded per transaction: few enough to keep locks short, enough to keep commits cheap.
BATCH = 100


#: Open documents read per round of a sweep: bounds its memory when many are looked at
#: (the first sweep after an upgrade works out every open document's next moment).
READ_BATCH = 2000


def sweep(at=None):
    """Record every reminder that has come due; queue the mail of those still in time.

    Reads only the open documents whose next reminder's moment has come (or is not known
    yet): its cost follows the reminders due, not the deliverables held. Each one looked
    at gets its next moment back.
    """
    at = at or now()
    report = SweepReport()
    today = at.astimezone(VN_TZ).date()
    people = _People()
    after = 0
    with mail_context():  # one rendering context for every message of the sweep
        while True:
            candidates = _open_deliverables(today, due_by=at, after=after, limit=READ_BATCH)
            if not candidates:
                break
            after = max(d.document.id for d in candidates)
            candidates.sort(key=lambda d: (d.due_on, d.id))
            recorded = _recorded_since({d.id for d in candidates},
                                       today - dt.timedelta(days=rules.LOOKBACK_DAYS + _SHIFT_MARGIN))
            pending = [due for due in due_reminders(at, candidates)
                       if (due.deliverable.id, due.reminder.key, due.reminder.nominal_on) not in recorded]
            moments = {d.document.id: next_moment(d, rules_for(d.assignment.plan), at) for d in candidates}
            for count, due in enumerate(pending, start=1):
                _record(due, people, at, report)
                if count % BATCH == 0:
                    db.session.commit()
            _remember_next(moments)
            db.session.commit()
            report.looked_at += len(candidates)
    if report.queued or report.skipped:
        log.info("sweep at %s: %s", at.isoformat(), report)
    return report


def _record(due, people, at, report):
    """Record one due reminder (once, whatever else runs) and queue its mail and notices."""
    deliverable = due.deliverable
    status = ReminderStatus.QUEUED if due.verdict == "send" else ReminderStatus.SKIPPED
    addressees = people.addressees(deliverable, due.reminder.escalated) if due.verdict == "send" else None
    reason = "" if due.verdict == "send" else "late" if due.verdict == "skip" else due.verdict
    if addressees is not None and not addressees.to:
        status, reason = ReminderStatus.SKIPPED, "no_recipients"
        log.warning("reminder %s of deliverable %s: the unit has no one to write to",
                    due.reminder.key, deliverable.id)
    # Inserted only if no other sweep, here or in another process, recorded it first.
    reminder_id = _insert_once(deliverable, due.reminder, status, reason, at)
    if reminder_id is not None and status is ReminderStatus.QUEUED:
        reminder = db.session.get(Reminder, reminder_id)
        _queue_mail(deliverable, reminder, addressees, at)
        notices.reminded(people.told(deliverable, addressees, due.reminder.escalated), deliverable, due.reminder, at)
        report.queued += 1
    elif reminder_id is not None:
        report.skipped += 1


def _insert_once(deliverable, reminder, status, reason, at):
    """Insert the reminder unless it exists; its id if this call inserted it, else None."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(Reminder)
        .values(deliverable_id=deliverable.id, key=reminder.key, nominal_on=reminder.nominal_on,
                send_on=reminder.send_on, due_on=deliverable.due_on, escalated=reminder.escalated,
                status=status, reason=reason, created_at=at)
        .on_conflict_do_nothing(index_elements=["deliverable_id", "key", "nominal_on"])
        .returning(Reminder.id)
    )
    return db.session.execute(statement).scalar()


class _People:
    """Who is who in the units a sweep writes to (loaded once per unit)."""

    def __init__(self):
        self._units = {}
        self._users = {}

    def _load(self, unit_id):
        if unit_id not in self._units:
            contacts = db.session.scalars(db.select(UnitContact.email).where(UnitContact.unit_id == unit_id)
                                          .order_by(UnitContact.id)).all()
            members = db.session.execute(
                db.select(User, Membership.role).join(Membership, Membership.user_id == User.id)
                .where(Membership.unit_id == unit_id, User.is_active_user.is_(True)).order_by(User.id)).all()
            by_role = {}
            for user, role in members:
                by_role.setdefault(role, []).append(user)
                self._users[user.email.lower()] = user
            self._units[unit_id] = (contacts, by_role)
        return self._units[unit_id]

    def addressees(self, deliverable, escalated):
        contacts, members = self._load(deliverable.assignment.unit_id)
        _, coordinators = self._load(deliverable.assignment.plan.coordinating_unit_id)
        emails = lambda users: [u.email for u in users]  # noqa: E731
        # Reviewers who chose the daily digest find overdue deliverables there, not in a copy of each notice.
        reviewers = [u for u in coordinators.get(Role.REVIEWER, []) if not u.wants_digest]
        return rules.addressees(escalated, contacts, emails(members.get(Role.STAFF, [])),
                                emails(members.get(Role.HEAD, [])), emails(reviewers))

    def users_among(self, addressees):
        return [self._users[a.lower()] for a in [*addressees.to, *addressees.cc] if a.lower() in self._users]

    def told(self, deliverable, addressees, escalated):
        """Who sees the reminder in the application: those it is mailed to, and, when it is
        escalated, the reviewers who get the digest instead of the copy."""
        users = self.users_among(addressees)
        if escalated:
            _, coordinators = self._load(deliverable.assignment.plan.coordinating_unit_id)
            users += [u for u in coordinators.get(Role.REVIEWER, []) if u.wants_digest]
        return users


def _queue_mail(deliverable, reminder, addressees, at):
    context = reminder_context(deliverable, reminder.key, reminder.nominal_on, reminder.send_on)
    text, html = render("reminder", **context)
    outbox.queue(MailKind.REMINDER, addressees.to, context["subject"], text, html, cc=addressees.cc,
                 plan=deliverable.assignment.plan, unit=deliverable.assignment.unit, deliverable=deliverable,
                 reminder=reminder, at=at)


def reminder_context(deliverable, key, nominal_on, send_on):
    """What the reminder templates need; ``subject`` included (in the mail language)."""
    from ..outbox.compose import mail_context

    kind, offset = key.split("-")
    days = (deliverable.due_on - send_on).days  # counted from the day the mail goes out
    doc = deliverable.document
    with mail_context():
        what = str(deliverable_label(deliverable))
        due = deliverable.due_on.strftime("%d/%m/%Y")
        if kind == rules.OVERDUE:
            subject = ngettext("Overdue by %(num)d day: %(what)s (due %(due)s)",
                               "Overdue by %(num)d days: %(what)s (due %(due)s)", -days, what=what, due=due)
        elif days == 0:
            subject = _("Due today: %(what)s (due %(due)s)", what=what, due=due)
        else:
            subject = ngettext("Reminder: %(what)s due %(due)s (%(num)d day left)",
                               "Reminder: %(what)s due %(due)s (%(num)d days left)", days, what=what, due=due)
    return dict(subject=subject, deliverable=deliverable, plan=deliverable.assignment.plan,
                unit=deliverable.assignment.unit, what=what, days=days, overdue=kind == rules.OVERDUE,
                returned=doc.state is DocState.RETURNED, escalated=kind == rules.OVERDUE,
                link=absolute_url("documents.view", document_id=doc.id))


def why_not_send(reminder, at):
    """Why a queued reminder must not go out now (None: it may). Asked just before sending."""
    deliverable = reminder.deliverable
    plan = deliverable.assignment.plan
    if deliverable.document.state not in OPEN_STATES:
        return "submitted"
    if not plan.is_published:
        return "plan_withdrawn"
    plan_rules = rules_for(plan)
    if plan_rules is None:
        return "disabled"
    still = rules.find(deliverable.due_on, plan_rules, reminder.key, reminder.nominal_on)
    if still is None:
        return "due_moved" if deliverable.due_on != reminder.due_on else "policy_changed"
    if rules.verdict(still, plan_rules, at, VN_TZ) == "skip":
        return "late"
    newer = db.session.scalar(db.select(Reminder.id).where(
        Reminder.deliverable_id == reminder.deliverable_id, Reminder.nominal_on > reminder.nominal_on,
        Reminder.status.in_((ReminderStatus.QUEUED, ReminderStatus.SENT))).limit(1))
    if newer is not None:
        return "superseded"  # held back (mail server down) until a later reminder came due
    return None


def reminder_skipped(reminder, reason, at):
    reminder.status, reminder.reason, reminder.updated_at = ReminderStatus.SKIPPED, reason, at


POLICY_FIELDS = ("enabled", "days_before", "first_overdue_after", "overdue_every", "send_hour", "grace_days",
                 "escalate_overdue")


def parse_days(text):
    """"7, 3, 1, 0" → (7, 3, 1, 0); ValueError on anything else."""
    parts = [p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip()]
    days = tuple(int(p) for p in parts)
    return tuple(sorted(days, reverse=True))


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
            errors.update(_policy_errors(days, values))
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    row = plan.reminder_policy or ReminderPolicy(plan=plan)
    row.enabled, row.escalate_overdue = bool(values["enabled"]), bool(values["escalate_overdue"])
    row.days_before = ",".join(str(d) for d in days)
    row.first_overdue_after, row.overdue_every = values["first_overdue_after"], values["overdue_every"]
    row.send_hour, row.grace_days = values["send_hour"], values["grace_days"]
    db.session.add(row)
    forget_next_reminders(plan=plan)
    db.session.commit()
    log.info("plan %s reminder policy changed by %s", plan.id, user.email)
    return row


def _policy_errors(days, values):
    errors = {}
    if not days or len(set(days)) != len(days) or any(d < 0 or d > rules.MAX_DAYS_BEFORE for d in days):
        errors["days_before"] = _("Between one and several different numbers of days, from 0 to %(max)d.",
                                  max=rules.MAX_DAYS_BEFORE)
    for name in ("first_overdue_after", "overdue_every"):
        if not 1 <= values[name] <= rules.MAX_DAYS_BEFORE:
            errors[name] = _("From 1 to %(max)d days.", max=rules.MAX_DAYS_BEFORE)
    if not 0 <= values["send_hour"] <= 23:
        errors["send_hour"] = _("An hour from 0 to 23.")
    if not 0 <= values["grace_days"] <= rules.MAX_GRACE_DAYS:
        errors["grace_days"] = _("From 0 to %(max)d days.", max=rules.MAX_GRACE_DAYS)
    return errors
