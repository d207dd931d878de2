"""The only place where plans, assignments and deliverables change."""
import logging
from decimal import Decimal

from flask_babel import gettext as _

from workflows import schedules
from workflows.deadlines import Period
from workflows.enums import DeliverableKind
from workflows.programmes import default_programme, next_year_programme
from workflows.targets import read_target_table
from workflows.unit_names import UnitName

from .. import policy
from ..budget.models import Programme
from ..budget.queries import programmes
from ..clock import now
from ..documents.content import budget_keys
from ..documents.models import Deliverable, Document, DocumentVersion
from ..errors import Forbidden, Invalid
from ..extensions import db
from . import budget as plan_budget
from . import schedule
from .indicators import copy_indicators, definitions, set_targets_from_table
from .models import Assignment, Plan, PlanTarget

log = logging.getLogger(__name__)

PLAN_FIELDS = ("year", "number", "symbol", "title", "place", "issued_on", "legal_bases", "goals")


def _check_unique_number(values, issuing_unit_id, plan_id=None):
    if not values.get("number"):
        return
    clash = db.session.scalar(db.select(Plan.id).where(
        Plan.issuing_unit_id == issuing_unit_id, Plan.year == values["year"],
        Plan.number == values["number"], Plan.id != (plan_id or 0)))
    if clash:
        raise Invalid(_("Another plan of this unit already has this number for this year."),
                      {"number": _("Already used.")})


def _chosen_programme(programme_id, year, current=None):
    """The programme a plan is set to: ``programme_id``'s (one in use, or the plan's
    ``current`` one), or with None the one whose years cover ``year``."""
    if programme_id is None:
        if current is not None:
            return current
        found = default_programme(programmes(), year)
        if found is None:
            raise Invalid(_("No programme is recorded yet: an administrator adds one in the catalog first."),
                          {"programme_id": _("No programme is recorded yet.")})
        return found
    chosen = db.session.get(Programme, programme_id) if 0 < programme_id < 2**31 else None
    if chosen is None or not (chosen.is_active or chosen is current):
        raise Invalid(_("Please correct the highlighted fields."),
                      {"programme_id": _("Choose a programme from the list.")})
    return chosen


def _check_programme_change(plan, programme):
    """A plan changes programme only while neither its documents nor its own budget have
    budget lines: they are entered against the projects of the programme it had."""
    if programme.id == plan.programme_id:
        return
    used = db.session.scalars(
        db.select(DocumentVersion.content).join(Document, DocumentVersion.document_id == Document.id)
        .join(Deliverable, Deliverable.id == Document.deliverable_id)
        .join(Assignment, Assignment.id == Deliverable.assignment_id)
        .where(Assignment.plan_id == plan.id))
    if any(budget_keys(content) for content in used):
        message = _("The documents of this plan already have budget lines against the projects of %(programme)s: "
                    "its programme can no longer change.", programme=plan.programme.code)
        raise Invalid(message, {"programme_id": message})
    if plan_budget.has_budget(plan):
        message = _("The plan's own budget is entered against the projects of %(programme)s: clear it before "
                    "changing the programme.", programme=plan.programme.code)
        raise Invalid(message, {"programme_id": message})


def create_plan(user, issuing_unit, coordinating_unit, programme_id=None, **values):
    """Create a plan; its deliverables come with the assignments.

    ``values``: the fields of ``PLAN_FIELDS`` and the schedule's due dates by field name
    (``app.plans.schedule``); without any, the plan asks the usual sub-plan, six-month and
    annual report at their default dates. ``programme_id`` None: the programme whose
    years cover the plan's year."""
    plan = Plan(issuing_unit=issuing_unit, coordinating_unit=coordinating_unit,
                issuing_unit_id=issuing_unit.id, coordinating_unit_id=coordinating_unit.id, created_at=now())
    if not policy.can_admin_unit(user, issuing_unit):
        raise Forbidden(_("You can only create plans for units you administer."))
    if coordinating_unit.id not in policy.plan_unit_ids(plan):
        raise Invalid(_("The coordinating unit must be the issuing unit or a unit below it."),
                      {"coordinating_unit_id": _("Choose the issuing unit or a unit below it.")})
    fields = schedule.split_schedule(values)
    entries = (schedule.read_schedule(values["year"], fields) if fields is not None
               else schedules.default_entries(values["year"]))
    _check_unique_number(values, issuing_unit.id)
    for field in PLAN_FIELDS:
        setattr(plan, field, values[field])
    plan.programme = _chosen_programme(programme_id, values["year"])
    db.session.add(plan)
    db.session.flush()
    schedule.apply(plan, entries)
    log.info("plan %s created by %s", plan.id, user.email)
    return plan


def update_plan(user, plan, programme_id=None, **values):
    """Change a plan's text, schedule and programme (None: keep it); its units'
    deliverables follow the new schedule.

    Without schedule fields in ``values`` the schedule stays as it is (re-dated if the
    year changed)."""
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    fields = schedule.split_schedule(values)
    if fields is None:
        fields = schedule.as_fields(plan)
    entries = schedule.read_schedule(values["year"], fields)
    _check_unique_number(values, plan.issuing_unit_id, plan.id)
    programme = _chosen_programme(programme_id, values["year"], current=plan.programme)
    _check_programme_change(plan, programme)
    for field in PLAN_FIELDS:
        setattr(plan, field, values[field])
    plan.programme = programme
    schedule.apply(plan, entries)
    db.session.flush()
    log.info("plan %s updated by %s", plan.id, user.email)
    return plan


def assign_units(user, plan, units, duties="", is_requested=False, item_ids=None):
    """Assign ``units`` to ``plan``: each owes what the plan's schedule asks, or only the
    schedule's items ``item_ids`` if given.

    Units already assigned keep their assignment (and its documents) untouched.
    """
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    if not units:
        raise Invalid(_("Choose at least one unit."), {"unit_ids": _("Choose at least one unit.")})
    inactive = [u.name for u in units if not u.is_active]
    if inactive:
        raise Invalid(_("These units are deactivated: %(names)s.", names=", ".join(inactive)))
    within = policy.plan_unit_ids(plan)
    outside = [u.name for u in units if u.id not in within]
    if outside:
        message = _("A plan can assign only its issuing unit and the units below it; not: %(names)s.",
                    names=", ".join(outside))
        raise Invalid(message, {"unit_ids": message})
    already = {a.unit_id for a in plan.assignments}
    created = []
    for unit in units:
        if unit.id in already:
            continue
        assignment = Assignment(unit=unit, unit_id=unit.id, duties=duties, is_requested=is_requested)
        plan.assignments.append(assignment)
        schedule.owe(assignment, set(item_ids) if item_ids is not None else {i.id for i in plan.schedule})
        created.append(assignment)
    db.session.flush()
    log.info("plan %s: %d units assigned by %s", plan.id, len(created), user.email)
    return created


def add_adhoc_report(user, plan, title, due_on, period_start_on, period_end_on, assignments):
    """Ask some assigned units for an ad-hoc report (e.g. situation as of month 8)."""
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the report a title.")
    if period_start_on > period_end_on:
        errors["period_end_on"] = _("The period must end after it starts.")
    if period_end_on > due_on:
        errors["due_on"] = _("The due date cannot be before the end of the period covered.")
    if not assignments:
        errors["assignment_ids"] = _("Choose at least one unit.")
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)

    made = [schedule.new_deliverable(a, DeliverableKind.ADHOC, due_on, title.strip(),
                                     Period(period_start_on, period_end_on)) for a in assignments]
    db.session.flush()
    log.info("plan %s: ad-hoc report %r asked of %d units by %s", plan.id, title, len(made), user.email)
    return made


def set_target(user, plan, unit, **figures):
    """Create or replace the plan's target row for ``unit``."""
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    row = next((t for t in plan.targets if t.unit_id == unit.id), None)
    if row is None:
        row = PlanTarget(unit=unit, unit_id=unit.id)
        plan.targets.append(row)
    for field, value in figures.items():
        setattr(row, field, value)
    db.session.flush()
    return row


def publish_plan(user, plan):
    """Issue the plan: from now on its units see what they owe."""
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    if plan.is_published:
        raise Invalid(_("This plan has already been issued."))
    if not plan.assignments:
        raise Invalid(_("Assign at least one unit before issuing the plan."))
    plan.published_at = now()
    db.session.flush()
    log.info("plan %s published by %s", plan.id, user.email)
    return plan


def _next_year(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29/2
        return day.replace(year=day.year + 1, day=28)


def copy_to_next_year(user, plan):
    """Start next year's plan as a draft: same units, duties and schedule (what each unit
    owes included), dates a year later, no target table and no budget (a new year's budget
    is new); the same programme if its years cover the new year, else the one that does;
    the same indicators, reported by the same units (``copy_indicators``).

    A new plan of the issuing unit: made by an administrator of that unit, as ``create_plan``
    (the coordinating unit's administrators set up the plans they coordinate, not new ones)."""
    if not policy.can_admin_unit(user, plan.issuing_unit):
        raise Forbidden(_("You can only create plans for units you administer."))
    existing = db.session.scalar(db.select(Plan).where(Plan.copied_from_id == plan.id))
    if existing is not None:
        raise Invalid(_("This plan was already copied to %(year)d.", year=existing.year))
    year = plan.year + 1
    copy = Plan(issuing_unit_id=plan.issuing_unit_id, coordinating_unit_id=plan.coordinating_unit_id,
                issuing_unit=plan.issuing_unit, coordinating_unit=plan.coordinating_unit,
                year=year, number="", symbol=plan.symbol, title=plan.title.replace(str(plan.year), str(year)),
                place=plan.place, issued_on=None, legal_bases=plan.legal_bases, goals=plan.goals,
                created_at=now(), copied_from_id=plan.id,
                programme=next_year_programme(plan.programme, programmes(), year))
    db.session.add(copy)
    db.session.flush()
    schedule.apply(copy, [schedules.Entry(i.kind, i.occurrence, _next_year(i.due_on)) for i in plan.schedule])
    owed_next_year = {(i.kind, i.occurrence) for i in copy.schedule}
    within = policy.plan_unit_ids(plan)  # the tree may have changed since: a unit moved away stays behind
    for old in plan.assignments:
        if not old.unit.is_active or old.unit_id not in within:
            continue
        assignment = Assignment(unit=old.unit, unit_id=old.unit_id, duties=old.duties, is_requested=old.is_requested)
        copy.assignments.append(assignment)
        owed = {(i.kind, i.occurrence) for i in schedule.owed_items(old)} & owed_next_year
        schedule.owe(assignment, {i.id for i in copy.schedule if (i.kind, i.occurrence) in owed})
    copy_indicators(plan, copy, {a.unit_id: a for a in copy.assignments})
    db.session.flush()
    log.info("plan %s copied to %s (%d) by %s", plan.id, copy.id, year, user.email)
    return copy


TARGET_FIELDS_IMPORTED = ("households_start", "poor_start", "poor_rate_start", "poor_reduction",
                          "households_end", "poor_end", "poor_rate_end", "near_poor_start", "near_poor_rate_start",
                          "near_poor_reduction", "near_poor_end", "near_poor_rate_end")
PRINTED_RATES = ("poor_rate_start", "poor_rate_end", "near_poor_rate_start", "near_poor_rate_end")


def import_targets(user, plan, rows):
    """Replace the plan's target rows for the units in ``rows`` (all or nothing).

    ``user`` None: the command line (the operator). Returns the ``TargetTable`` read,
    with ``created``/``updated``/``unchanged`` counts set when it was imported.
    """
    if user is not None and not policy.can_edit_targets(user, plan):
        raise Forbidden(_("You do not have permission to change this plan's targets."))
    # Rows name the plan's own units only: a unit outside it is never found, whatever its name.
    units = [UnitName(a.unit_id, a.unit.name, a.unit.kind, a.unit.code) for a in plan.assignments]
    table = read_target_table(rows, units, definitions(plan))
    table.created = table.updated = table.unchanged = table.indicator_targets = 0
    if not table.ok:
        return table
    if (table.indicator_rows or table.indicator_total) and user is not None \
            and not policy.can_edit_indicators(user, plan):
        raise Forbidden(_("Only the plan's administrators set its indicators' targets: leave the indicator "
                          "columns empty, or ask them to import the file."))
    table.indicator_targets = set_targets_from_table(plan, table.indicator_rows, table.indicator_total)
    existing = {t.unit_id: t for t in plan.targets}
    for unit_id, figures in table.rows:
        row = existing.get(unit_id)
        if row is None:
            row = PlanTarget(unit_id=unit_id)
            plan.targets.append(row)
            table.created += 1
        values = {f: figures.get(f) for f in TARGET_FIELDS_IMPORTED}
        for name in PRINTED_RATES:
            values[name] = _two_places(values[name])
        if row.id is not None:
            changed = any(getattr(row, f) != v for f, v in values.items())
            table.updated += changed
            table.unchanged += not changed
        for field, value in values.items():
            setattr(row, field, value)
    db.session.flush()
    log.info("plan %s: targets imported by %s (%d created, %d updated)", plan.id,
             getattr(user, "email", "the command line"), table.created, table.updated)
    return table


def _two_places(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))
