"""Plans: list, set up, assign units, overview, the target table's import. Thin: form →
policy → operation."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from workflows import schedules
from workflows.deadlines import default_due_on
from workflows.enums import STANDARD_KINDS, DeliverableKind
from workflows.figures import TARGET_COUNTS
from workflows.poverty import target_table
from workflows.figures import ALLOCATED

from .. import policy
from ..budget.queries import programmes
from ..clock import today
from ..documents.queries import plan_deliverables
from ..errors import upload_page
from ..tables import TARGET_COLUMNS, ImportForm, TableError, read_rows, target_columns, template, translate_errors
from ..web import attempt, attempt_import
from ..extensions import db
from ..formatting import vn_date
from ..labels import item_label
from ..units.models import Unit
from . import budget as plan_budget
from . import operations, schedule
from .budget_form import form_data, lines_from_form, plan_budget_form_class
from .forms import AdhocForm, AssignForm, CsrfOnlyForm, OwesForm, PlanForm, asks_field
from .indicator_routes import bp as indicators_bp
from .indicators import definitions as indicator_definitions
from .models import Assignment, Plan

bp = Blueprint("plans", __name__, url_prefix="/plans")
bp.register_blueprint(indicators_bp, url_prefix="/<int:plan_id>/indicators")

def _load(plan_id, admin=False):
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        abort(404)
    allowed = policy.can_admin_plan(current_user, plan) if admin else policy.can_view_plan(current_user, plan)
    if not allowed:
        abort(403)
    return plan


def _active_units():
    return db.session.scalars(db.select(Unit).where(Unit.is_active).order_by(Unit.kind, Unit.name)).all()


def _admin_units():
    """The active units the user may issue plans for (``policy.admin_unit_ids``)."""
    admin_ids = policy.admin_unit_ids(current_user)
    return [u for u in _active_units() if u.id in admin_ids]


@bp.route("/")
@login_required
def index():
    plans = db.session.scalars(db.select(Plan).order_by(Plan.year.desc(), Plan.id.desc())).all()
    visible = [p for p in plans if policy.can_view_plan(current_user, p)]
    return render_template("plans/index.html", plans=visible)


def _plan_values(form):
    return form.plan_values(operations.PLAN_FIELDS) | {"schedule": form.schedule_fields()}


def _fill_choices(form, plan=None):
    units = _admin_units()  # the coordinating unit is the issuer or below it: within the same units
    form.issuing_unit_id.choices = [(u.id, u.name) for u in units]
    form.coordinating_unit_id.choices = [(u.id, u.name) for u in units]
    offered = [(p.id, f"{p.code} – {p.name} ({p.years})") for p in programmes()
               if p.is_active or (plan is not None and p.id == plan.programme_id)]
    form.programme_id.choices = offered if plan is not None else [
        ("", _("The one whose years cover the plan's year"))] + offered
    return units


def _own_unit(units):
    """The unit the admin is appointed at (the highest, if several): a new plan's issuer by default."""
    own = [u for u in units if u.id in policy.appointed_admin_unit_ids(current_user)]
    return min(own, key=lambda u: (len(u.ancestors()), u.name), default=None)


def _due_warnings(form):
    """Due dates as typed (empty ones: their defaults) that leave no working day after the
    period's cut-off: {field: message}. Nothing while the year or a date is unreadable."""
    year = form.year.data
    if not isinstance(year, int) or not 2000 <= year <= 2100 or form.year.errors:
        return {}
    entries = [schedules.Entry(kind, n, getattr(form, name).data or default_due_on(kind, year, n))
               for name, (kind, n) in schedule.FIELDS.items()
               if kind in form.asked_kinds() and not getattr(form, name).errors]
    return schedule.warnings(year, entries)


def _saved(message, target, plan):
    """After saving: the success message, with a warning for each due date too close to its cut-off."""
    for warning in schedule.warnings(plan.year, schedule.entries_of(plan)).values():
        flash(warning, "warning")
    return message, target


def _form_context(form, plan):
    year = form.year.data if isinstance(form.year.data, int) else today().year
    defaults = {name: default_due_on(kind, year, n).strftime("%d/%m/%Y") for name, (kind, n) in schedule.FIELDS.items()}
    return {"plan": plan, "due_warnings": lambda: _due_warnings(form), "defaults": defaults,
            "kinds": [(kind, asks_field(kind), [schedules.field_name(kind, n) for n in range(1, kind.occurrences + 1)])
                      for kind in schedules.SCHEDULED_KINDS]}


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    if not policy.can_create_plan(current_user):
        abort(403)
    form = PlanForm()
    units = _fill_choices(form)
    if form.is_submitted() is False:
        form.year.data = form.year.data or today().year
        own = _own_unit(units)
        form.issuing_unit_id.data = own.id if own else None
        for kind in STANDARD_KINDS:
            getattr(form, asks_field(kind)).data = True
    return _submit_form(
        form, "plans/form.html", _form_context(form, None),
        lambda: operations.create_plan(current_user, db.session.get(Unit, form.issuing_unit_id.data),
                                       db.session.get(Unit, form.coordinating_unit_id.data),
                                       programme_id=form.programme_id.data, **_plan_values(form)),
        lambda plan: _saved(_("Plan created. Now assign the units that must deliver."),
                            url_for(".assign", plan_id=plan.id), plan))


def _submit_form(form, template, context, run, done):
    """The one shape of every form here: validate → one operation → flash and redirect.

    ``run()`` performs the operation; ``done(result)`` gives the success message and
    where to go. Refusals are shown next to the fields, with what was typed kept.
    """
    if form.validate_on_submit():
        response = attempt(run, done, form)
        if response:
            return response
    elif form.is_submitted():
        flash(_("Please correct the highlighted fields."), "danger")
    return render_template(template, form=form, **context), 422 if form.is_submitted() else 200


@bp.route("/<int:plan_id>/edit", methods=["GET", "POST"])
@login_required
def edit(plan_id):
    plan = _load(plan_id, admin=True)
    form = PlanForm(obj=plan)
    if not form.is_submitted():
        form.set_schedule(schedule.as_fields(plan))
    _fill_choices(form, plan)
    # The issuing and coordinating units are fixed once deliverables exist.
    form.issuing_unit_id.choices = [(plan.issuing_unit_id, plan.issuing_unit.name)]
    form.coordinating_unit_id.choices = [(plan.coordinating_unit_id, plan.coordinating_unit.name)]
    return _submit_form(
        form, "plans/form.html", _form_context(form, plan),
        lambda: operations.update_plan(current_user, plan, programme_id=form.programme_id.data,
                                       **_plan_values(form)),
        lambda _plan: _saved(_("Plan saved. Due dates of its deliverables follow the new dates."),
                             url_for(".overview", plan_id=plan.id), plan))


@bp.route("/<int:plan_id>")
@login_required
def overview(plan_id):
    plan = _load(plan_id)
    deliverables = plan_deliverables(plan.id)
    rows = {a.id: {"assignment": a, "cells": {}, "adhoc": []} for a in plan.assignments}
    for d in deliverables:
        if d.kind is DeliverableKind.ADHOC:
            rows[d.assignment.id]["adhoc"].append(d)
        else:
            rows[d.assignment.id]["cells"][d.schedule_item_id] = d
    ordered = sorted(rows.values(), key=lambda r: (r["assignment"].unit.kind.value, r["assignment"].unit.name))
    targets = sorted(plan.targets, key=lambda t: t.unit.name)
    lines, total, near_poor = target_table([{f: getattr(t, f) for f in TARGET_COUNTS} for t in targets])
    return render_template("plans/overview.html", plan=plan, rows=ordered,
                           items=plan.schedule, can_admin=policy.can_admin_plan(current_user, plan),
                           can_read_all=policy.can_read_all_documents(current_user, plan),
                           targets=list(zip(targets, lines, strict=True)), target_total=total,
                           near_poor_coverage=near_poor,
                           budget=plan_budget.view(plan))


@bp.route("/<int:plan_id>/assign", methods=["GET", "POST"])
@login_required
def assign(plan_id):
    plan = _load(plan_id, admin=True)
    form = AssignForm()
    assigned, within = {a.unit_id for a in plan.assignments}, policy.plan_unit_ids(plan)
    form.unit_ids.choices = [(u.id, u.name) for u in _active_units() if u.id in within and u.id not in assigned]
    form.exempt_ids.choices = _item_choices(plan)
    return _submit_form(
        form, "plans/assign.html", {"plan": plan, "items": ", ".join(label for _id, label in _item_choices(plan))},
        lambda: operations.assign_units(
            current_user, plan, db.session.scalars(db.select(Unit).where(Unit.id.in_(form.unit_ids.data))).all(),
            form.duties.data or "", form.is_requested.data,
            [i.id for i in plan.schedule if i.id not in set(form.exempt_ids.data or ())]),
        lambda created: (ngettext("%(num)d unit assigned; it now owes the documents chosen.",
                                  "%(num)d units assigned; each now owes the documents chosen.", len(created)),
                         url_for(".overview", plan_id=plan.id)))


def _item_choices(plan):
    return [(i.id, f"{item_label(i.kind, i.occurrence)} – {_('due %(day)s', day=vn_date(i.due_on))}")
            for i in plan.schedule]


@bp.route("/<int:plan_id>/assignments/<int:assignment_id>/owes", methods=["GET", "POST"])
@login_required
def owes(plan_id, assignment_id):
    """What one assigned unit owes of the plan's schedule (a partner asked only for its annual report)."""
    plan = _load(plan_id, admin=True)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.plan_id != plan.id:
        abort(404)
    form = OwesForm()
    form.item_ids.choices = _item_choices(plan)
    if not form.is_submitted():
        form.item_ids.data = [i.id for i in schedule.owed_items(assignment)]
    return _submit_form(
        form, "plans/owes.html", {"plan": plan, "assignment": assignment},
        lambda: schedule.set_owed(current_user, assignment, form.item_ids.data),
        lambda _a: (_("%(unit)s now owes the documents chosen.", unit=assignment.unit.name),
                    url_for(".overview", plan_id=plan.id)))


@bp.route("/<int:plan_id>/adhoc", methods=["GET", "POST"])
@login_required
def adhoc(plan_id):
    plan = _load(plan_id, admin=True)
    form = AdhocForm()
    by_id = {a.id: a for a in plan.assignments}
    form.assignment_ids.choices = sorted(((a.id, a.unit.name) for a in plan.assignments), key=lambda c: c[1])
    return _submit_form(
        form, "plans/adhoc.html", {"plan": plan},
        lambda: operations.add_adhoc_report(current_user, plan, form.title.data, form.due_on.data,
                                            form.period_start_on.data, form.period_end_on.data,
                                            [by_id[i] for i in form.assignment_ids.data]),
        lambda _made: (_("Ad-hoc report requested."), url_for(".overview", plan_id=plan.id)))


@bp.route("/<int:plan_id>/publish", methods=["POST"])
@login_required
def publish(plan_id):
    plan = _load(plan_id, admin=True)
    return _one_click(lambda: operations.publish_plan(current_user, plan),
                      lambda _p: _("Plan issued: its units now see what they owe."), plan)


@bp.route("/<int:plan_id>/copy", methods=["POST"])
@login_required
def copy(plan_id):
    plan = _load(plan_id, admin=True)
    return _one_click(lambda: operations.copy_to_next_year(current_user, plan),
                      lambda new: " ".join([_("Draft plan for %(year)d created: fill in its number, targets and dates, "
                                              "then issue it.", year=new.year),
                                            _("Its budget was not copied: a new year's budget is entered anew.")]),
                      plan)


def _one_click(run, message, plan):
    """A button without a form of its own: run, then back to a plan's overview. A button
    its user may never press (it is not shown to them) answers 403."""
    if not CsrfOnlyForm().validate_on_submit():
        abort(400)
    return attempt(run, lambda result: (message(result), url_for(".overview", plan_id=result.id)),
                   forbidden_aborts=True) or redirect(url_for(".overview", plan_id=plan.id))


def _target_problems(errors, columns):
    """RowErrors as (row, column header, sentence), as the unit and user imports show them."""
    return translate_errors(errors, columns)


def _columns(plan):
    """The plan's target table: the household columns and one per indicator of its own."""
    return target_columns(indicator_definitions(plan))


@bp.route("/<int:plan_id>/targets/import", methods=["GET", "POST"])
@login_required
def import_targets(plan_id):
    """The target table's import page (the operation is ``operations.import_targets``)."""
    plan = db.session.get(Plan, plan_id) or abort(404)
    if not policy.can_edit_targets(current_user, plan):
        abort(403)
    form = ImportForm()
    problems = warnings = []
    columns, optional, aliases = _columns(plan)
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = read_rows(upload.filename, upload.read(), columns, optional=optional, aliases=aliases)
        except TableError as exc:
            form.file.errors.append(str(exc))
        else:
            table = attempt_import(lambda: operations.import_targets(current_user, plan, rows), form)
            if table is None:
                return _import_page(plan, form, [], [], columns)
            warnings = _target_problems(table.warnings, columns)
            if table.ok:
                flash(_("Target table imported: %(created)d added, %(updated)d changed, %(unchanged)d unchanged.",
                        created=table.created, updated=table.updated, unchanged=table.unchanged),
                      "success")
                if table.indicator_targets:
                    flash(ngettext("%(num)d indicator target set.", "%(num)d indicator targets set.",
                                   table.indicator_targets), "success")
                if not warnings:
                    return redirect(url_for(".overview", plan_id=plan.id) + "#targets")
            else:
                db.session.rollback()
                problems = _target_problems(table.errors, columns)
                flash(ngettext("Nothing was imported: %(num)d problem to correct in the file.",
                               "Nothing was imported: %(num)d problems to correct in the file.", len(problems)),
                      "danger")
    elif form.is_submitted():
        flash(_("Please correct the highlighted fields."), "danger")
    return _import_page(plan, form, problems, warnings, columns)


def _import_page(plan, form, problems, warnings, columns):
    status = 422 if (form.errors or form.form_errors or problems) else 200
    return render_template("plans/import_targets.html", plan=plan, form=form, problems=problems,
                           warnings=warnings, columns=columns), status


@upload_page("plans.import_targets")
def _import_targets_too_large(message, plan_id):
    """The import page again with ``message`` beside the file field (the file was refused unread)."""
    plan = db.session.get(Plan, plan_id)
    if plan is None or not current_user.is_authenticated or not policy.can_edit_targets(current_user, plan):
        return None
    form = ImportForm(formdata=None)
    form.file.errors = [message]
    return render_template("plans/import_targets.html", plan=plan, form=form, problems=[], warnings=[],
                           columns=_columns(plan)[0])


@bp.route("/targets/template.<any(xlsx, csv):fmt>")
@login_required
def targets_template(fmt):
    return _template_response(TARGET_COLUMNS, fmt, "mau-bang-chi-tieu")


@bp.route("/<int:plan_id>/targets/template.<any(xlsx, csv):fmt>")
@login_required
def plan_targets_template(plan_id, fmt):
    """The template with a column for each of the plan's own indicators."""
    plan = db.session.get(Plan, plan_id) or abort(404)
    if not policy.can_edit_targets(current_user, plan):
        abort(403)
    return _template_response(_columns(plan)[0], fmt, f"mau-bang-chi-tieu-ke-hoach-{plan.id}")


def _template_response(columns, fmt, name):
    mimetype = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(template(columns, fmt), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={name}.{fmt}"})


@bp.route("/<int:plan_id>/budget", methods=["GET", "POST"])
@login_required
def budget(plan_id):
    """The plan's own budget (section V): its administrators enter it as a grid of the
    programme's projects × sources; the operation is ``budget.set_budget``."""
    plan = _load(plan_id, admin=True)
    stored = plan_budget.lines_of(plan)
    items = plan_budget.items_for(plan, stored)
    form_class = plan_budget_form_class(items)
    form = form_class()
    if not form.is_submitted():
        form = form_class(data=form_data(stored))
    return _submit_form(
        form, "plans/budget.html", {"plan": plan, "items": items, "measure": ALLOCATED},
        lambda: plan_budget.set_budget(current_user, plan, lines_from_form(form, items)),
        lambda _lines: (_("The plan's budget is saved."), url_for(".overview", plan_id=plan.id) + "#budget"))
