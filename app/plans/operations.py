"""The only place where plans, assignments and deliverables change."""
import logging
from decimal import Decimal

from flask_babel import gettext as _

from workflows.deadlines import (
    Period,
    covered_period,
    deadline_too_close,
    statutory_cutoff,
)
from workflows.enums import DeliverableKind, DocState
from workflows.targets import read_target_table

from .. import policy
from ..clock import now
from ..documents.models import Deliverable, Document, DocumentVersion
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..labels import KIND_LABELS
from ..reminders.operations import forget_next_reminders
from .indicators import copy_indicators
from .models import Assignment, Plan, PlanTarget

log = logging.getLogger(__name__)

PERIODIC = (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)
PLAN_FIELDS = ("year", "number", "symbol", "title", "place", "issued_on", "legal_bases", "goals",
               "subplan_due_on", "six_month_due_on", "annual_due_on")


def plan_due_on(plan, kind):
    return getattr(plan, f"{DeliverableKind(kind).value}_due_on")


def _check_dates(values):
    year = values["year"]
    errors = {}
    for kind in PERIODIC:
        field = f"{kind.value}_due_on"
        due = values[field]
        if due.year not in (year, year + 1):
            errors[field] = _("The due date must fall in the plan's year (or early the next year).")
    if not errors and not values["subplan_due_on"] < values["six_month_due_on"] < values["annual_due_on"]:
        errors["six_month_due_on"] = _("Due dates must come in order: sub-plan, six-month report, annual report.")
    if errors:
        raise Invalid(_("Please correct the due dates."), errors)


def due_date_warnings(year, due_dates):
    """Due dates that leave less than one working day after the statutory cut-off of the
    period they close: {field: message}. A warning, not a refusal: the plan keeps them.

    ``due_dates``: {"six_month_due_on": date, "annual_due_on": date, ...} (others ignored).
    """
    warnings = {}
    for kind in (DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL):
        field = f"{kind.value}_due_on"
        due = due_dates.get(field)
        if due is not None and deadline_too_close(kind, year, due):
            warnings[field] = _(
                "%(what)s: due %(due)s, but its period ends on %(cutoff)s (Decree 09/2019/NĐ-CP), which "
                "leaves less than one working day to report. Consider a later due date.",
                what=KIND_LABELS[kind], due=due.strftime("%d/%m/%Y"),
                cutoff=statutory_cutoff(kind, year).strftime("%d/%m/%Y"))
    return warnings


def _check_unique_number(values, issuing_unit_id, plan_id=None):
    if not values.get("number"):
        return
    clash = db.session.scalar(db.select(Plan.id).where(
        Plan.issuing_unit_id == issuing_unit_id, Plan.year == values["year"],
        Plan.number == values["number"], Plan.id != (plan_id or 0)))
    if clash:
        raise Invalid(_("Another plan of this unit already has this number for this year."),
                      {"number": _("Already used.")})


def create_plan(user, issuing_unit, coordinating_unit, **values):
    """Create a plan; its deliverables come with the assignments."""
    plan = Plan(issuing_unit=issuing_unit, coordinating_unit=coordinating_unit,
                issuing_unit_id=issuing_unit.id, coordinating_unit_id=coordinating_unit.id, created_at=now())
    if not policy.can_admin_unit(user, issuing_unit):
        raise Forbidden(_("You can only create plans for units you administer."))
    if coordinating_unit.id not in policy.plan_unit_ids(plan):
        raise Invalid(_("The coordinating unit must be the issuing unit or a unit below it."),
                      {"coordinating_unit_id": _("Choose the issuing unit or a unit below it.")})
    _check_dates(values)
    _check_unique_number(values, issuing_unit.id)
    for field in PLAN_FIELDS:
        setattr(plan, field, values[field])
    db.session.add(plan)
    db.session.flush()
    log.info("plan %s created by %s", plan.id, user.email)
    return plan


def update_plan(user, plan, **values):
    """Change a plan's text and due dates; open deliverables follow the new dates."""
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("You do not have permission to change this plan."))
    _check_dates(values)
    _check_unique_number(values, plan.issuing_unit_id, plan.id)
    for field in PLAN_FIELDS:
        setattr(plan, field, values[field])
    for assignment in plan.assignments:
        for deliverable in assignment.deliverables:
            if deliverable.kind in PERIODIC:
                _date_deliverable(deliverable, plan)
    forget_next_reminders(plan=plan)  # reminders follow the new dates
    db.session.flush()
    log.info("plan %s updated by %s", plan.id, user.email)
    return plan


def _date_deliverable(deliverable, plan):
    deliverable.due_on = plan_due_on(plan, deliverable.kind)
    period = covered_period(deliverable.kind, plan.year, deliverable.due_on)
    deliverable.period_start_on, deliverable.period_end_on = period.start_on, period.end_on


def _new_deliverable(assignment, kind, due_on, title="", period=None):
    period = period or covered_period(kind, assignment.plan.year, due_on)
    deliverable = Deliverable(kind=kind, title=title, due_on=due_on,
                              period_start_on=period.start_on, period_end_on=period.end_on)
    deliverable.document = Document(state=DocState.DRAFT, current_version_no=1,
                                    versions=[DocumentVersion(number=1, content={}, created_at=now())])
    assignment.deliverables.append(deliverable)
    return deliverable


def assign_units(user, plan, units, duties="", is_requested=False):
    """Assign ``units`` to ``plan``: each gets a sub-plan and two reports to deliver.

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
        for kind in PERIODIC:
            _new_deliverable(assignment, kind, plan_due_on(plan, kind))
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

    made = [_new_deliverable(a, DeliverableKind.ADHOC, due_on, title.strip(), Period(period_start_on, period_end_on))
            for a in assignments]
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
    """Start next year's plan as a draft: same units and duties, dates a year later, no
    target table; the same indicators, reported by the same units (``copy_indicators``).

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
                subplan_due_on=_next_year(plan.subplan_due_on), six_month_due_on=_next_year(plan.six_month_due_on),
                annual_due_on=_next_year(plan.annual_due_on), created_at=now(), copied_from_id=plan.id)
    db.session.add(copy)
    within = policy.plan_unit_ids(plan)  # the tree may have changed since: a unit moved away stays behind
    for old in plan.assignments:
        if not old.unit.is_active or old.unit_id not in within:
            continue
        assignment = Assignment(unit=old.unit, unit_id=old.unit_id, duties=old.duties, is_requested=old.is_requested)
        copy.assignments.append(assignment)
        for kind in PERIODIC:
            _new_deliverable(assignment, kind, plan_due_on(copy, kind))
    copy_indicators(plan, copy, {a.unit_id: a for a in copy.assignments})
    db.session.flush()
    log.info("plan %s copied to %s (%d) by %s", plan.id, copy.id, year, user.email)
    return copy


TARGET_FIELDS_IMPORTED = ("households_start", "poor_start", "poor_rate_start", "poor_reduction",
                          "households_end", "poor_end", "poor_rate_end")


def import_targets(user, plan, rows):
    """Replace the plan's target rows for the units in ``rows`` (all or nothing).

    ``user`` None: the command line (the operator). Returns the ``TargetTable`` read,
    with ``created``/``updated``/``unchanged`` counts set when it was imported.
    """
    if user is not None and not policy.can_edit_targets(user, plan):
        raise Forbidden(_("You do not have permission to change this plan's targets."))
    units = {a.unit_id: (a.unit.code, a.unit.name) for a in plan.assignments}
    table = read_target_table(rows, units)
    table.created = table.updated = table.unchanged = 0
    if not table.ok:
        return table
    existing = {t.unit_id: t for t in plan.targets}
    for unit_id, figures in table.rows:
        row = existing.get(unit_id)
        if row is None:
            row = PlanTarget(unit_id=unit_id)
            plan.targets.append(row)
            table.created += 1
        values = {f: figures.get(f) for f in TARGET_FIELDS_IMPORTED}
        values["poor_rate_start"] = _two_places(values["poor_rate_start"])
        values["poor_rate_end"] = _two_places(values["poor_rate_end"])
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
