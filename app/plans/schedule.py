"""What a plan asks of its units, and what each unit owes: the only place where a plan's
schedule, an assignment's waivers and the scheduled deliverables that follow them change.

A schedule is spoken as {field name: due date} — "subplan_due_on", "quarterly_2_due_on"
(``workflows.schedules.field_name``) — by the plan form, the API and the command line
alike: a field present asks that document (at its default date when the date is None), a
field absent does not. The rules of a schedule are in ``workflows.schedules``.
"""
from flask_babel import gettext as _

from workflows import schedules
from workflows.deadlines import default_due_on, statutory_cutoff
from workflows.enums import DeliverableKind, DocState

from .. import policy
from ..clock import now
from ..documents.models import Deliverable, Document, DocumentVersion
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..labels import item_label
from ..reminders.operations import forget_next_reminders
from .models import ScheduleItem, Waiver

#: The field names of every slot a schedule may hold, in order.
FIELDS = {schedules.field_name(kind, n): (kind, n) for kind, n in schedules.slots()}


def split_schedule(values):
    """Take the schedule out of ``values`` (a plan's other fields stay): ``values["schedule"]``
    ({field name: date or None}; empty: nothing asked), else the schedule's fields given
    one by one; None if neither is there."""
    found = {name: values.pop(name) for name in list(values) if name in FIELDS}
    given = values.pop("schedule", None)
    return dict(given) if given is not None else (found or None)


def read_schedule(year, fields):
    """The entries ``fields`` ({field name: date or None}) ask for in ``year``; raises
    ``Invalid`` with a message per field if the schedule breaks a rule."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise Invalid(_("Unknown schedule fields: %(names)s.", names=", ".join(unknown)),
                      {name: _("Unknown field.") for name in unknown})
    entries = [schedules.Entry(kind, n, fields[name] or default_due_on(kind, year, n))
               for name, (kind, n) in FIELDS.items() if name in fields]
    found = schedules.problems(year, entries)
    if found:
        raise Invalid(_("Please correct the due dates."),
                      {name: _(sentence, **params) for name, (sentence, params) in found.items()})
    return entries


def warnings(year, entries):
    """{field name: message} for each entry whose due date leaves less than one working day
    after its period's cut-off: a warning, not a refusal (the plan keeps the date)."""
    return {
        schedules.field_name(e.kind, e.occurrence): _(
            "%(what)s: due %(due)s, but its period ends on %(cutoff)s (Decree 09/2019/NĐ-CP), which "
            "leaves less than one working day to report. Consider a later due date.",
            what=item_label(e.kind, e.occurrence), due=e.due_on.strftime("%d/%m/%Y"),
            cutoff=statutory_cutoff(e.kind, year, e.occurrence).strftime("%d/%m/%Y"))
        for e in schedules.too_close(year, entries)}


def entries_of(plan):
    return [schedules.Entry(i.kind, i.occurrence, i.due_on) for i in plan.schedule]


def as_fields(plan):
    """The plan's schedule as the form and the API speak it: {field name: due date}."""
    return {schedules.field_name(i.kind, i.occurrence): i.due_on for i in plan.schedule}


def is_started(deliverable):
    """Whether its unit has done anything with it: then it is never taken away."""
    doc = deliverable.document
    return (doc.state is not DocState.DRAFT or doc.current_version_no > 1
            or any(v.content for v in doc.versions))


def apply(plan, entries):
    """Make the plan's schedule ``entries``: new items asked, dates moved, items dropped;
    every assignment's deliverables follow. An item a unit has started cannot be dropped."""
    wanted = {e.key: e for e in entries}
    dropped = [i for i in plan.schedule if (i.kind, i.occurrence) not in wanted]
    started = [item_label(i.kind, i.occurrence) for i in dropped
               if any(is_started(d) for a in plan.assignments for d in a.deliverables if d.schedule_item is i)]
    if started:
        message = _("Units have already started on %(what)s: it stays in the plan's schedule.",
                    what=", ".join(str(s) for s in started))
        raise Invalid(message, {"schedule": message})
    for item in dropped:
        for assignment in plan.assignments:
            for d in [d for d in assignment.deliverables if d.schedule_item is item]:
                assignment.deliverables.remove(d)
            assignment.waivers[:] = [w for w in assignment.waivers if w.schedule_item_id != item.id]
        plan.schedule.remove(item)
    db.session.flush()  # the dropped rows go before a new item may take their (kind, occurrence)
    current = {(i.kind, i.occurrence): i for i in plan.schedule}
    for key, entry in wanted.items():
        item = current.get(key)
        if item is None:
            item = ScheduleItem(kind=entry.kind, occurrence=entry.occurrence)
            plan.schedule.append(item)
        item.due_on = entry.due_on
        period = schedules.period(entry, plan.year)
        item.period_start_on, item.period_end_on = period.start_on, period.end_on
    db.session.flush()
    for assignment in plan.assignments:
        follow(assignment)
    forget_next_reminders(plan=plan)  # reminders follow the new dates


def owed_items(assignment):
    waived = {w.schedule_item_id for w in assignment.waivers}
    return [i for i in assignment.plan.schedule if i.id not in waived]


def follow(assignment):
    """The assignment's scheduled deliverables become exactly what it owes, dated as the
    schedule says: missing ones are made, untouched ones no longer owed are removed."""
    owed = {i.id: i for i in owed_items(assignment)}
    have = {}
    for d in list(assignment.deliverables):
        if d.kind is DeliverableKind.ADHOC:
            continue
        item_id = d.schedule_item.id if d.schedule_item is not None else d.schedule_item_id
        if item_id in owed:
            have[item_id] = d
        elif is_started(d):
            raise Invalid(_("%(unit)s has already started on %(what)s: it still owes it.",
                            unit=assignment.unit.name, what=item_label(d.kind, d.occurrence)))
        else:
            assignment.deliverables.remove(d)
    for item_id, item in owed.items():
        d = have.get(item_id) or new_deliverable(assignment, item.kind, item.due_on, item=item)
        d.due_on, d.period_start_on, d.period_end_on = item.due_on, item.period_start_on, item.period_end_on


def new_deliverable(assignment, kind, due_on, title="", period=None, item=None):
    """A deliverable with its empty draft; a scheduled one dated by its item."""
    if item is not None:
        period = schedules.period(schedules.Entry(item.kind, item.occurrence, item.due_on), assignment.plan.year)
    deliverable = Deliverable(kind=kind, title=title, due_on=due_on, schedule_item=item,
                              period_start_on=period.start_on, period_end_on=period.end_on)
    deliverable.document = Document(state=DocState.DRAFT, current_version_no=1,
                                    versions=[DocumentVersion(number=1, content={}, created_at=now())])
    assignment.deliverables.append(deliverable)
    return deliverable


def owe(assignment, item_ids):
    """Set what ``assignment`` owes to the plan's items ``item_ids`` (the rest waived)."""
    plan = assignment.plan
    by_id = {i.id: i for i in plan.schedule}
    unknown = set(item_ids) - set(by_id)
    if unknown:
        raise Invalid(_("Choose among the documents the plan asks."), {"item_ids": _("Not in this plan's schedule.")})
    if not item_ids:
        message = _("A unit must owe at least one document; to owe nothing, it should not be assigned.")
        raise Invalid(message, {"item_ids": message})
    assignment.waivers[:] = [w for w in assignment.waivers if w.schedule_item_id not in item_ids]
    waived = {w.schedule_item_id for w in assignment.waivers}
    assignment.waivers.extend(Waiver(schedule_item_id=i) for i in by_id if i not in item_ids and i not in waived)
    follow(assignment)


def set_owed(user, assignment, item_ids):
    """An administrator of the plan changes what one assigned unit owes."""
    if not policy.can_admin_plan(user, assignment.plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    owe(assignment, set(item_ids))
    db.session.flush()
    forget_next_reminders(plan=assignment.plan)
    return assignment
