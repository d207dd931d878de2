"""Read-only questions about reminders: the preview, what is coming, a plan's calendar."""
import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from workflows import reminders as rules
from workflows.enums import Verdict

from ..clock import VN_TZ
from ..documents.models import Deliverable
from ..extensions import db
from ..labels import deliverable_label
from ..plans.models import Assignment
from .models import Reminder, rules_for
from .recipients import People
from .sweep import due_reminders, open_deliverables


def reminder_label(key):
    """"3 days before", "on the due date", "overdue notice (8 days after)"."""
    kind, offset = rules.parse_key(key)
    if kind == rules.OVERDUE:
        return ngettext("overdue notice, %(num)d day after the due date",
                        "overdue notice, %(num)d days after the due date", offset)
    if offset == 0:
        return _("on the due date")
    return ngettext("%(num)d day before", "%(num)d days before", offset)


@dataclass
class PreviewItem:
    deliverable: object
    reminder: rules.Reminder
    to: tuple
    cc: tuple
    status: str  #: "to send", or the ledger's status if the sweep already recorded it
    hour: int

    @property
    def plan(self):
        return self.deliverable.assignment.plan

    @property
    def unit(self):
        return self.deliverable.assignment.unit

    @property
    def what(self):
        return str(deliverable_label(self.deliverable))

    @property
    def label(self):
        return reminder_label(self.reminder.key)


def preview(at):
    """The reminders going out on ``at``'s day by ``at``, with their recipients. Changes nothing."""
    day = at.astimezone(VN_TZ).date()
    items = [due for due in due_reminders(at) if due.reminder.send_on == day and due.verdict is Verdict.SEND]
    recorded = _ledger({due.deliverable.id for due in items}, day)
    people = People()
    out = []
    for due in items:
        addressees = people.addressees(due.deliverable, due.reminder.escalated)
        status = recorded.get((due.deliverable.id, due.reminder.key, due.reminder.nominal_on), "to send")
        out.append(PreviewItem(due.deliverable, due.reminder, addressees.to, addressees.cc, status,
                               due.rules.send_hour))
    return sorted(out, key=lambda i: (i.unit.name, i.deliverable.due_on, i.deliverable.id))


def _ledger(deliverable_ids, day):
    if not deliverable_ids:
        return {}
    rows = db.session.execute(
        db.select(Reminder.deliverable_id, Reminder.key, Reminder.nominal_on, Reminder.status)
        .where(Reminder.deliverable_id.in_(deliverable_ids), Reminder.send_on == day))
    return {(d, k, n): s.value for d, k, n, s in rows}


@dataclass
class Upcoming:
    deliverable: object
    reminder: rules.Reminder
    send_at: dt.datetime


def upcoming(at, days=14, plan_ids=None, unit_ids=None):
    """Reminders that will go out in the next ``days`` days if nothing is submitted meanwhile."""
    today = at.astimezone(VN_TZ).date()
    until = today + dt.timedelta(days=days)
    out = []
    for deliverable in open_deliverables(until):
        if plan_ids is not None and deliverable.assignment.plan_id not in plan_ids and (
                unit_ids is None or deliverable.assignment.unit_id not in unit_ids):
            continue
        plan_rules = rules_for(deliverable.assignment.plan)
        if plan_rules is None:
            continue
        for reminder in rules.schedule(deliverable.due_on, plan_rules, until=until):
            moment = rules.send_at(reminder, plan_rules, VN_TZ)
            if at < moment and reminder.send_on <= until:
                out.append(Upcoming(deliverable, reminder, moment))
    return sorted(out, key=lambda u: (u.send_at, u.deliverable.assignment.unit.name))


def plan_calendar(plan, policy_rules, year_end=None):
    """For each distinct due date of the plan: its reminders (nominal day, send day), up to
    two overdue notices, to show the administrator what the policy means."""
    due_dates = {}
    for assignment in plan.assignments:
        for deliverable in assignment.deliverables:
            due_dates.setdefault((deliverable.due_on, deliverable.kind, deliverable.title), 0)
            due_dates[(deliverable.due_on, deliverable.kind, deliverable.title)] += 1
    rows = []
    for (due_on, kind, title), count in sorted(due_dates.items(), key=lambda kv: kv[0][0]):
        if policy_rules is None:
            reminders = []
        else:
            until = due_on + dt.timedelta(days=policy_rules.first_overdue_after + policy_rules.overdue_every)
            reminders = rules.schedule(due_on, policy_rules, until=until)
        rows.append(dict(due_on=due_on, kind=kind, title=title, units=count, reminders=reminders))
    return rows


def ledger_counts(plan):
    """How many of the plan's reminders were queued, sent, skipped."""
    rows = db.session.execute(
        db.select(Reminder.status, db.func.count()).join(Deliverable, Reminder.deliverable_id == Deliverable.id)
        .join(Assignment, Deliverable.assignment_id == Assignment.id).where(Assignment.plan_id == plan.id)
        .group_by(Reminder.status))
    return {status.value: count for status, count in rows}
