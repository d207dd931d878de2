"""A plan's reminder policy and calendar. Thin: form → policy → operation."""
from flask import Blueprint, abort, flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..clock import now
from ..extensions import db
from ..plans.models import Plan
from ..web import attempt
from . import operations
from .policy_form import POLICY_FIELDS
from .forms import ReminderPolicyForm
from .models import DEFAULT_RULES
from .queries import ledger_counts, plan_calendar, reminder_label

bp = Blueprint("reminders", __name__)


def _policy_values(form):
    return {name: getattr(form, name).data for name in POLICY_FIELDS}


@bp.route("/plans/<int:plan_id>/reminders", methods=["GET", "POST"])
@login_required
def plan_policy(plan_id):
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        abort(404)
    if not policy.can_view_plan(current_user, plan):
        abort(403)
    can_admin = policy.can_admin_plan(current_user, plan)
    stored = plan.reminder_policy
    current = stored.rules() if stored is not None else DEFAULT_RULES
    form = ReminderPolicyForm(obj=stored)
    if stored is None and not form.is_submitted():
        form.enabled.data = True
        form.days_before.data = ", ".join(str(d) for d in DEFAULT_RULES.days_before)
        for name in ("first_overdue_after", "overdue_every", "send_hour", "grace_days", "escalate_overdue"):
            getattr(form, name).data = getattr(DEFAULT_RULES, name)
    elif stored is not None and not form.is_submitted():
        form.days_before.data = stored.days_before.replace(",", ", ")
    status = 200
    if form.is_submitted():
        if not can_admin:
            abort(403)
        if form.validate():
            response = attempt(lambda: operations.set_policy(current_user, plan, **_policy_values(form)),
                               lambda _row: (_("Reminder policy saved. Reminders not yet sent follow it."),
                                             url_for(".plan_policy", plan_id=plan.id)), form)
            if response:
                return response
        else:
            flash(_("Please correct the highlighted fields."), "danger")
        status = 422
    return render_template("reminders/plan.html", plan=plan, form=form, can_admin=can_admin, rules=current,
                           calendar=plan_calendar(plan, current), counts=ledger_counts(plan),
                           reminder_label=reminder_label, now=now()), status
