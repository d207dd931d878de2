"""A plan's indicators: the list (built-in and the plan's own), add, edit, delete while
unused, and the units that report one with their targets. Thin: form → policy → operation.

A blueprint nested in ``plans`` (its endpoints are ``plans.indicators.*``, its pages under
``/plans/<id>/indicators``)."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from workflows import indicators as rules
from workflows.enums import IndicatorKind

from .. import policy
from ..extensions import db
from ..formatting import measure_input_text, vn_measure
from ..labels import DIRECTION_LABELS, DIRECTION_SIGNS, INDICATOR_KIND_LABELS, MEASURE_UNIT_LABELS
from ..web import attempt
from . import indicators as operations
from .forms import CsrfOnlyForm
from .indicator_forms import IndicatorForm, fill_operands, reporters_form_class
from .models import Indicator, Plan

bp = Blueprint("indicators", __name__)


@bp.record_once
def _template_names(state):
    """How templates show an indicator: its value in its unit, its kind, unit and direction."""
    state.app.jinja_env.filters.update(
        vn_measure=vn_measure, indicator_kind_label=lambda k: INDICATOR_KIND_LABELS[k],
        measure_unit_label=lambda u: MEASURE_UNIT_LABELS[u], direction_label=lambda d: DIRECTION_LABELS[d],
        direction_sign=lambda d: DIRECTION_SIGNS[d])


def _plan(plan_id, admin=False):
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        abort(404)
    allowed = policy.can_edit_indicators(current_user, plan) if admin else policy.can_view_plan(current_user, plan)
    if not allowed:
        abort(403)
    return plan


def _indicator(plan_id, indicator_id):
    plan = _plan(plan_id, admin=True)
    indicator = db.session.get(Indicator, indicator_id)
    if indicator is None or indicator.plan_id != plan.id:
        abort(404)
    return plan, indicator


def _counts(plan, exclude=None):
    """[(code, name)] of the counts a ratio may be computed from: built-in, then the plan's."""
    builtin = [(d.code, _(d.name)) for d in rules.BUILTINS if d.kind is IndicatorKind.COUNT]
    own = [(i.code, i.name) for i in plan.indicators if i.kind is IndicatorKind.COUNT and i is not exclude]
    return builtin + own


def _assignments(plan):
    return sorted(plan.assignments, key=lambda a: (a.unit.kind.value, a.unit.name))


@bp.route("/")
@login_required
def index(plan_id):
    plan = _plan(plan_id)
    names = {d.code: _(d.name) for d in rules.BUILTINS} | {i.code: i.name for i in plan.indicators}
    return render_template("plans/indicators/index.html", plan=plan, builtins=rules.BUILTINS, names=names,
                           can_edit=policy.can_edit_indicators(current_user, plan),
                           in_use=operations.used_ids(plan) if plan.indicators else set(),
                           delete_form=CsrfOnlyForm(formdata=None))


def _form_page(plan, form, indicator, run, message):
    status = 200
    if form.validate_on_submit():
        response = attempt(run, lambda result: (message, url_for(".index", plan_id=plan.id)), form)
        if response:
            return response
        status = 422
    elif form.is_submitted():
        flash(_("Please correct the highlighted fields."), "danger")
        status = 422
    return render_template("plans/indicators/form.html", plan=plan, form=form, indicator=indicator,
                           in_use=indicator is not None and operations.is_in_use(indicator)), status


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new(plan_id):
    plan = _plan(plan_id, admin=True)
    form = IndicatorForm()
    fill_operands(form, _counts(plan))
    return _form_page(plan, form, None, lambda: operations.add_indicator(current_user, plan, **form.values()),
                      _("Indicator added. Now choose the units that report it."))


@bp.route("/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit(plan_id, indicator_id):
    plan, indicator = _indicator(plan_id, indicator_id)
    form = IndicatorForm(obj=indicator)
    fill_operands(form, _counts(plan, exclude=indicator))
    if not form.is_submitted():
        form.kind.data, form.unit.data = indicator.kind.value, indicator.unit.value
        form.direction.data = indicator.direction.value
        form.numerator_code.data, form.denominator_code.data = indicator.numerator_code, indicator.denominator_code
        form.target.data = measure_input_text(
            indicator.target, "percent" if indicator.kind is IndicatorKind.RATIO else indicator.unit)
    return _form_page(plan, form, indicator,
                      lambda: operations.update_indicator(current_user, indicator, **form.values()),
                      _("Indicator saved."))


@bp.route("/<int:indicator_id>/delete", methods=["POST"])
@login_required
def delete(plan_id, indicator_id):
    plan, indicator = _indicator(plan_id, indicator_id)
    if not CsrfOnlyForm().validate_on_submit():
        abort(400)
    name = indicator.name
    return attempt(lambda: operations.delete_indicator(current_user, indicator),
                   lambda _none: (_("Indicator «%(name)s» deleted.", name=name), url_for(".index", plan_id=plan.id))
                   ) or redirect(url_for(".index", plan_id=plan.id))


@bp.route("/<int:indicator_id>/units", methods=["GET", "POST"])
@login_required
def reporters(plan_id, indicator_id):
    plan, indicator = _indicator(plan_id, indicator_id)
    assignments = _assignments(plan)
    form_class = reporters_form_class(indicator, assignments)
    unit = "percent" if indicator.kind is IndicatorKind.RATIO else indicator.unit
    current = {r.assignment_id: r for r in indicator.reporters}
    form = form_class(data={**{f"reports-{a}": True for a in current},
                            **{f"target-{a}": measure_input_text(r.target, unit) for a, r in current.items()}})
    status = 200
    if form.validate_on_submit():
        targets = {a.id: form[f"target-{a.id}"].number for a in assignments if form[f"reports-{a.id}"].data}
        response = attempt(lambda: operations.set_reporters(current_user, indicator, targets),
                           lambda _i: (ngettext("Saved: %(num)d unit reports «%(name)s».",
                                                  "Saved: %(num)d units report «%(name)s».", len(targets),
                                                  name=indicator.name), url_for(".index", plan_id=plan.id)), form)
        if response:
            return response
        status = 422
    elif form.is_submitted():
        flash(_("Please correct the highlighted fields."), "danger")
        status = 422
    return render_template("plans/indicators/reporters.html", plan=plan, indicator=indicator, form=form,
                           assignments=assignments), status
