"""The JSON API, /api/v1. Thin like the pages: token → policy → operation → JSON.

A request carries ``Authorization: Bearer <token>``; the token's user acts with exactly
the permissions the pages give them (``app.policy``), and changes go through the same
operations. Errors are ``{"error": {"code", "message", "fields"?}}``; lists are
``{"items", "page", "per_page", "total"}``. What every route shares is in ``base``; here
reading and the documents' work; setting plans up in ``plan_routes``; units and users in
``setup_routes``; programmes and their catalog in ``programme_routes``.
"""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from workflows.enums import Trigger

from .. import policy
from ..budget.queries import catalog, programmes, rule_items
from ..documents import indicators as doc_indicators
from ..documents import operations as doc_ops
from ..documents.checks import items_for
from ..documents.forms import content_from_form, document_form_class
from ..documents.models import Document
from ..documents.queries import plan_deliverables
from ..errors import Invalid
from ..extensions import db
from ..figures.completeness import completeness
from ..figures.consolidation import consolidate, load_assignments
from ..figures.indicators import indicator_matrix
from ..plans import budget as plan_budget
from ..plans import inputs as plan_inputs
from ..plans.models import Plan
from ..units.models import Unit
from . import plan_routes, programme_routes, serialize, setup_routes  # noqa: F401  (their routes join bp)
from .base import ApiError, api_user, bp, forbidden, get_or_404, json_body, load_plan
from .spec import spec

MAX_PER_PAGE = 100


def _int_arg(name, default, low, high):
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ApiError(400, "bad_request", _("Please correct the highlighted fields."),
                       {name: _("A whole number from %(low)d to %(high)d.", low=low, high=high)})
    return value


def _page(items, render):
    page = _int_arg("page", 1, 1, 10**6)
    per_page = _int_arg("per_page", 50, 1, MAX_PER_PAGE)
    start = (page - 1) * per_page
    return jsonify({"items": [render(i) for i in items[start:start + per_page]], "page": page,
                    "per_page": per_page, "total": len(items)})


# --- read ---------------------------------------------------------------------------

@bp.get("/me")
def me():
    return jsonify(serialize.user(api_user()))


@bp.get("/units")
def units():
    visible = policy.visible_unit_ids(api_user())
    rows = db.session.scalars(db.select(Unit).where(Unit.id.in_(visible)).options(selectinload(Unit.contacts))
                              .order_by(Unit.code)).all() if visible else []
    return _page(rows, serialize.unit)


@bp.get("/units/<int:unit_id>")
def unit(unit_id):
    row = get_or_404(Unit, unit_id)
    if row.id not in policy.visible_unit_ids(api_user()):
        forbidden()
    return jsonify(serialize.unit(row))


@bp.get("/programmes")
def programme_list():
    return jsonify({"items": [serialize.programme(p) for p in programmes()]})


@bp.get("/catalog")
def budget_catalog():
    return jsonify({"items": [serialize.budget_item(i) for i in catalog()]})


@bp.get("/plans")
def plans():
    rows = db.session.scalars(db.select(Plan).order_by(Plan.year.desc(), Plan.id.desc())).all()
    return _page([p for p in rows if policy.can_view_plan(api_user(), p)], serialize.plan)


@bp.get("/plans/<int:plan_id>")
def plan(plan_id):
    return jsonify(serialize.plan(load_plan(plan_id), with_units=True))


@bp.get("/plans/<int:plan_id>/deliverables")
def deliverables(plan_id):
    plan = load_plan(plan_id)
    rows = [d for d in plan_deliverables(plan.id) if policy.can_view_document(api_user(), d.document)]
    return _page(rows, serialize.deliverable)


@bp.get("/plans/<int:plan_id>/consolidation")
def consolidation(plan_id):
    plan = load_plan(plan_id, read_all=True)
    assignments = load_assignments(plan)
    c = consolidate(plan, assignments)
    return jsonify(serialize.consolidation(c, indicator_matrix(plan, assignments, c.parents)))


@bp.get("/plans/<int:plan_id>/completeness")
def plan_completeness(plan_id):
    return jsonify(serialize.completeness(completeness(load_plan(plan_id, read_all=True))))


def _document(document_id):
    doc = get_or_404(Document, document_id)
    if not policy.can_view_document(api_user(), doc):
        forbidden()
    return doc


@bp.get("/documents/<int:document_id>")
def document(document_id):
    doc = _document(document_id)
    number = _int_arg("version", doc.current_version_no, 1, doc.current_version_no)
    version = next(v for v in doc.versions if v.number == number)
    return jsonify(serialize.document(doc, version))


@bp.get("/documents/<int:document_id>/history")
def history(document_id):
    doc = _document(document_id)
    return jsonify({"items": [serialize.log_entry(e) for e in doc.log]})


# --- change -------------------------------------------------------------------------

@bp.put("/documents/<int:document_id>/content")
def put_content(document_id):
    """Replace the current version's content; validated exactly as the edit page validates it."""
    doc = _document(document_id)
    if not policy.is_document_editor(api_user(), doc):
        # The same refusal the page gives, with its reason (before looking at the body).
        doc_ops.save_content(doc, api_user(), {}, None)
    body = json_body()
    lock_version = body.get("lock_version")
    if not isinstance(lock_version, int) or isinstance(lock_version, bool):
        raise ApiError(422, "invalid", _("Please correct the highlighted fields."),
                       {"lock_version": _("Send the document's lock_version, as read.")})
    content = body.get("content")
    if not isinstance(content, dict):
        raise ApiError(422, "invalid", _("Please correct the highlighted fields."),
                       {"content": _("Send the content as a JSON object.")})
    kind = doc.deliverable.kind
    items = items_for(doc, doc.current_version.content, content)
    if not doc.is_editable:  # submitted or approved: a stale lock_version is a conflict (409)
        doc_ops.save_content(doc, api_user(), {}, lock_version)
    inputs = doc_indicators.owed(doc.deliverable).inputs
    formdata, unknown = serialize.content_to_formdata(content, kind, items, inputs)
    formdata["lock_version"] = str(lock_version)
    form = document_form_class(kind, items, inputs)(formdata=MultiDict(formdata), meta={"csrf": False})
    valid = form.validate()  # always: every problem is reported at once
    if unknown or not valid:
        fields = {serialize.form_field_path(name, kind): " ".join(map(str, errors))
                  for name, errors in form.errors.items()}
        fields.update({path: _("Unknown field.") for path in unknown})
        raise ApiError(422, "invalid", _("Please correct the highlighted fields."), fields)
    notes = {k: str(v) for k, v in (content.get("acknowledged") or {}).items()} \
        if isinstance(content.get("acknowledged"), dict) else {}
    doc_ops.save_content(doc, api_user(), content_from_form(form, kind, items, notes, inputs), lock_version)
    return jsonify(serialize.document(doc, doc.current_version))


@bp.post("/documents/<int:document_id>/transitions")
def transition(document_id):
    doc = _document(document_id)
    body = json_body()
    try:
        trigger = Trigger(body.get("trigger"))
    except ValueError:
        raise ApiError(422, "invalid", _("Please correct the highlighted fields."),
                       {"trigger": _("One of: %(choices)s.", choices=", ".join(t.value for t in Trigger))}) from None
    lock_version = body.get("lock_version")
    if lock_version is not None and (not isinstance(lock_version, int) or isinstance(lock_version, bool)):
        raise ApiError(422, "invalid", _("Please correct the highlighted fields."),
                       {"lock_version": _("Send the document's lock_version, as read.")})
    comment = body.get("comment") or ""
    if not isinstance(comment, str) or len(comment) > 20000:
        raise ApiError(422, "invalid", _("Please correct the highlighted fields."),
                       {"comment": _("At most %(max)d characters.", max=20000)})
    entry = doc_ops.transition(doc, api_user(), trigger, comment, lock_version)
    return jsonify({"document": serialize.document(doc, doc.current_version), "entry": serialize.log_entry(entry)})


# One rule for both methods: with two, a PUT to an id beyond the databases' would match the
# GET's path and answer 405 instead of 404.
@bp.route("/plans/<int:plan_id>/budget", methods=["GET", "PUT"])
def plan_budget_lines(plan_id):
    """The plan's own budget (section V), as stored and as read; PUT replaces it, read and
    checked exactly as its page reads and checks it."""
    plan = load_plan(plan_id)
    if request.method == "PUT":
        _put_plan_budget(plan)
    lines = plan_budget.lines_of(plan)
    return jsonify(serialize.plan_budget(plan, lines, rule_items(plan_budget.items_for(plan, lines))))


def _put_plan_budget(plan):
    if not policy.can_admin_plan(api_user(), plan):
        plan_budget.set_budget(api_user(), plan, {})  # the page's refusal, with its reason
    lines, named = plan_inputs.read_budget(plan, json_body())
    try:
        plan_budget.set_budget(api_user(), plan, lines)
    except Invalid as exc:
        raise plan_inputs.budget_refusal(exc, named) from None


# --- description --------------------------------------------------------------------

@bp.get("/openapi.json")
def openapi():
    return jsonify(spec())


@bp.get("/docs")
def docs():
    return render_template("api/docs.html", spec=spec())

