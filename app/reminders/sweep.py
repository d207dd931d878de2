"""The reminder sweep: records every reminder that has come due and announces it.

Exactly once: a reminder is inserted under the unique key (deliverable, kind-offset,
nominal day) with "on conflict do nothing"; only the process whose insert took announces
it (``signals.reminder_due``: its subscribers queue the mail and the bell items), in the
same transaction. Any number of sweeps, in any number of processes, queue each reminder
at most once.
"""
import contextlib
import datetime as dt
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from workflows import reminders as rules
from workflows.enums import OPEN_STATES, ReminderStatus, SkipReason, Verdict

from ..clock import VN_TZ, now
from ..documents.models import Deliverable, Document, TransitionLog
from ..extensions import db
from ..outbox.compose import mail_context
from ..plans.models import Assignment, Plan
from ..signals import reminder_due
from ..types import insert_for
from .models import Reminder, rules_for
from .recipients import People

log = logging.getLogger(__name__)

#: Tết can push a reminder ten days earlier than its nominal day.
_SHIFT_MARGIN = 15


@dataclass(frozen=True)
class Due:
    """A reminder whose moment has come, for one deliverable."""

    deliverable: Deliverable
    reminder: rules.Reminder
    verdict: Verdict  #: SEND, or SKIP with its ``reason``
    rules: rules.ReminderPolicy
    reason: SkipReason | None = None  #: LATE (missed by more than the grace period) or SUPERSEDED


def open_deliverables(today, due_by=None, after=0, limit=None):
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
        deliverables = open_deliverables(today)
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
            if verdict is Verdict.SEND:
                found.append(Due(deliverable, reminder, verdict, plan_rules))
            elif verdict is Verdict.SKIP:
                found.append(Due(deliverable, reminder, verdict, plan_rules, SkipReason.LATE))
        in_time = [due for due in found if due.verdict is Verdict.SEND]
        for due in found:
            if due.verdict is Verdict.SEND and due is not in_time[-1]:
                due = Due(due.deliverable, due.reminder, Verdict.SKIP, due.rules, SkipReason.SUPERSEDED)
            yield due


def _last_moves(document_ids):
    """When each of these documents last moved (for those that went back to draft)."""
    if not document_ids:
        return {}
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


#: Open documents read per round of a sweep: bounds its memory when many are looked at
#: (the first sweep after an upgrade works out every open document's next moment), and
#: the length of a round's transaction when the scheduler commits each round.
READ_BATCH = 2000


def sweep(at=None, each_round=contextlib.nullcontext):
    """Record every reminder that has come due; queue the mail of those still in time.

    Reads only the open documents whose next reminder's moment has come (or is not known
    yet): its cost follows the reminders due, not the deliverables held. Each one looked
    at gets its next moment back.

    Each round of documents runs inside ``each_round()``: the scheduler's job passes
    ``unit_of_work``, so a round is committed whole or not at all (a reminder is never
    recorded without its mail and notices) and a long sweep keeps its locks short; the
    next sweep takes up what an interrupted one left.
    """
    at = at or now()
    report = SweepReport()
    today = at.astimezone(VN_TZ).date()
    people = People()
    after = 0
    with mail_context():  # one rendering context for every message of the sweep
        while True:
            with each_round():
                candidates = open_deliverables(today, due_by=at, after=after, limit=READ_BATCH)
                if not candidates:
                    break
                _sweep_round(candidates, people, at, today, report)
                after = max(d.document.id for d in candidates)
                report.looked_at += len(candidates)
    if report.queued or report.skipped:
        log.info("sweep at %s: %s", at.isoformat(), report)
    return report


def _sweep_round(candidates, people, at, today, report):
    candidates.sort(key=lambda d: (d.due_on, d.id))
    recorded = _recorded_since({d.id for d in candidates},
                               today - dt.timedelta(days=rules.LOOKBACK_DAYS + _SHIFT_MARGIN))
    pending = [due for due in due_reminders(at, candidates)
               if (due.deliverable.id, due.reminder.key, due.reminder.nominal_on) not in recorded]
    moments = {d.document.id: next_moment(d, rules_for(d.assignment.plan), at) for d in candidates}
    for due in pending:
        _record(due, people, at, report)
    _remember_next(moments)
    db.session.flush()


def _record(due, people, at, report):
    """Record one due reminder (once, whatever else runs) and announce it: its subscribers
    queue the mail and the bell items, in this round's transaction."""
    deliverable = due.deliverable
    sending = due.verdict is Verdict.SEND
    status = ReminderStatus.QUEUED if sending else ReminderStatus.SKIPPED
    addressees = people.addressees(deliverable, due.reminder.escalated) if sending else None
    reason = "" if sending else due.reason
    if addressees is not None and not addressees.to:
        status, reason = ReminderStatus.SKIPPED, SkipReason.NO_RECIPIENTS
        log.warning("reminder %s of deliverable %s: the unit has no one to write to",
                    due.reminder.key, deliverable.id)
    # Inserted only if no other sweep, here or in another process, recorded it first.
    reminder_id = _insert_once(deliverable, due.reminder, status, reason, at)
    if reminder_id is not None and status is ReminderStatus.QUEUED:
        reminder_due.send(deliverable, reminder=db.session.get(Reminder, reminder_id), addressees=addressees,
                          told=people.told(deliverable, addressees, due.reminder.escalated), at=at)
        report.queued += 1
    elif reminder_id is not None:
        report.skipped += 1


def _insert_once(deliverable, reminder, status, reason, at):
    """Insert the reminder unless it exists; its id if this call inserted it, else None."""
    statement = (
        insert_for(db.session)(Reminder)
        .values(deliverable_id=deliverable.id, key=reminder.key, nominal_on=reminder.nominal_on,
                send_on=reminder.send_on, due_on=deliverable.due_on, escalated=reminder.escalated,
                status=status, reason=reason, created_at=at)
        .on_conflict_do_nothing(index_elements=["deliverable_id", "key", "nominal_on"])
        .returning(Reminder.id)
    )
    return db.session.execute(statement).scalar()
