"""Setting plans up through /api/v1: what a plan's administrator does in the pages (the
plan form, assigning units, what a unit owes, ad-hoc reports, issuing, copying, the target
table — read back as it is sent —, the reminder policy), with the same policy and the same
operations.

Thin like the pages: the path's plan and who may touch it (``base.load_plan``) → the body
read as the pages read their forms (``plans.inputs``) → one operation → JSON. Refusals:
403 (policy), 404 (unknown id), 422 with a message per field; the request is one unit of
work, so a refusal leaves nothing written.
"""
from flask import jsonify, request
from flask_babel import gettext as _

from .. import policy
from ..inputs import invalid
from ..plans import indicators as indicator_ops
from ..plans import inputs, schedule
from ..plans import operations as plan_ops
from ..plans.models import Assignment, Indicator
from ..reminders import operations as reminder_ops
from ..reminders.policy_form import read_policy
from . import serialize
from .base import api_user, bp, forbidden, get_or_404, json_body, load_plan, not_found


def _plan_json(plan, status=200):
    return jsonify(serialize.plan(plan, with_units=True)), status


@bp.post("/plans")
def create_plan():
    """A new plan of a unit the user administers (issuing unit), with its schedule."""
    if not policy.can_create_plan(api_user()):
        forbidden()
    issuing, coordinating, values = inputs.read_plan(json_body())
    return _plan_json(plan_ops.create_plan(api_user(), issuing, coordinating, **values), 201)


@bp.patch("/plans/<int:plan_id>")
def update_plan(plan_id):
    plan = load_plan(plan_id, admin=True)
    _issuing, _coordinating, values = inputs.read_plan(json_body(), plan)
    return _plan_json(plan_ops.update_plan(api_user(), plan, **values))


@bp.get("/plans/<int:plan_id>/targets")
def plan_targets(plan_id):
    """The target table as PUT takes it (whoever sees the plan: its overview shows the table)."""
    return jsonify(serialize.target_table(load_plan(plan_id)))


@bp.put("/plans/<int:plan_id>/targets")
def put_targets(plan_id):
    """The target table's rows (all or none), checked as the file import checks them."""
    plan = load_plan(plan_id, targets=True)
    table = plan_ops.import_targets(api_user(), plan, inputs.read_target_rows(plan, json_body()))
    if not table.ok:
        raise invalid(inputs.row_messages(table.errors))
    return jsonify({"created": table.created, "updated": table.updated, "unchanged": table.unchanged,
                    "indicator_targets": table.indicator_targets, "warnings": inputs.row_messages(table.warnings)})


@bp.route("/plans/<int:plan_id>/indicators", methods=["GET", "POST"])
def plan_indicators(plan_id):
    """The plan's own indicators (GET: anyone party to the plan); POST adds one."""
    if request.method == "GET":
        plan = load_plan(plan_id)
        return jsonify({"items": [serialize.plan_indicator(i) for i in plan.indicators]})
    plan = load_plan(plan_id, admin=True)
    values = inputs.read_indicator(plan, json_body())
    return jsonify(serialize.plan_indicator(indicator_ops.add_indicator(api_user(), plan, **values))), 201


def _plan_indicator(plan_id, indicator_id):
    plan = load_plan(plan_id, admin=True)
    indicator = get_or_404(Indicator, indicator_id)
    if indicator.plan_id != plan.id:
        not_found()  # another plan's indicator is not found here
    return plan, indicator


# One rule for the methods of a path: with several, an id beyond the database's would
# match another method's rule and answer 405 instead of 404.
@bp.route("/plans/<int:plan_id>/indicators/<int:indicator_id>", methods=["PATCH", "DELETE"])
def plan_indicator(plan_id, indicator_id):
    """Change an indicator (the fields sent) or delete it (only while no report uses it)."""
    plan, indicator = _plan_indicator(plan_id, indicator_id)
    if request.method == "DELETE":
        _no_body()
        indicator_ops.delete_indicator(api_user(), indicator)
        return "", 204
    values = inputs.read_indicator(plan, json_body(), indicator)
    return jsonify(serialize.plan_indicator(indicator_ops.update_indicator(api_user(), indicator, **values)))


@bp.put("/plans/<int:plan_id>/indicators/<int:indicator_id>/units")
def plan_indicator_units(plan_id, indicator_id):
    """Which assigned units report the indicator, each with its own target (the whole list)."""
    plan, indicator = _plan_indicator(plan_id, indicator_id)
    targets = inputs.read_reporters(api_user(), plan, indicator, json_body())
    return jsonify(serialize.plan_indicator(indicator_ops.set_reporters(api_user(), indicator, targets)))


@bp.post("/plans/<int:plan_id>/assignments")
def assign_units(plan_id):
    plan = load_plan(plan_id, admin=True)
    units, duties, requested, item_ids = inputs.read_assignment(api_user(), plan, json_body())
    created = plan_ops.assign_units(api_user(), plan, units, duties, requested, item_ids)
    return jsonify({"items": [serialize.assignment(a) for a in created]}), 201


@bp.put("/plans/<int:plan_id>/assignments/<int:assignment_id>/owes")
def set_owed(plan_id, assignment_id):
    """What one assigned unit owes of the plan's schedule."""
    plan = load_plan(plan_id, admin=True)
    assignment = get_or_404(Assignment, assignment_id)
    if assignment.plan_id != plan.id:
        not_found()  # another plan's assignment is not found here
    item_ids = inputs.read_owed(plan, json_body())
    return jsonify(serialize.assignment(schedule.set_owed(api_user(), assignment, item_ids)))


@bp.post("/plans/<int:plan_id>/adhoc-reports")
def ask_adhoc_report(plan_id):
    plan = load_plan(plan_id, admin=True)
    made = plan_ops.add_adhoc_report(api_user(), plan, **inputs.read_adhoc(api_user(), plan, json_body()))
    return jsonify({"items": [serialize.deliverable(d) for d in made]}), 201


@bp.post("/plans/<int:plan_id>/issue")
def issue_plan(plan_id):
    """Issue the plan: its units see what they owe."""
    plan = load_plan(plan_id, admin=True)
    _no_body()
    return _plan_json(plan_ops.publish_plan(api_user(), plan))


@bp.post("/plans/<int:plan_id>/copy")
def copy_plan(plan_id):
    """Next year's plan as a draft: same units, duties and schedule a year later."""
    plan = load_plan(plan_id, admin=True)
    _no_body()
    return _plan_json(plan_ops.copy_to_next_year(api_user(), plan), 201)


@bp.get("/plans/<int:plan_id>/reminder-policy")
def reminder_policy(plan_id):
    return jsonify(serialize.reminder_policy(load_plan(plan_id)))


@bp.put("/plans/<int:plan_id>/reminder-policy")
def put_reminder_policy(plan_id):
    plan = load_plan(plan_id, admin=True)
    reminder_ops.set_policy(api_user(), plan, **read_policy(plan, json_body()))
    return jsonify(serialize.reminder_policy(plan))


def _no_body():
    """A button's request: no body, or an empty JSON object."""
    if request.get_data() and request.get_json(silent=True) != {}:
        raise invalid({"body": _("This request takes no body (or an empty JSON object).")})
