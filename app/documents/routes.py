"""Documents: read, edit, and move through the workflow. Thin: form → policy → operation."""
from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from workflows.enums import DeliverableKind, Trigger
from workflows.indicators import MISSING as MISSING_INDICATOR

from .. import policy
from ..budget.queries import catalog
from ..errors import Conflict, OperationError, stale_message
from ..extensions import db
from ..formatting import describe_finding
from ..labels import STATE_LABELS, deliverable_label
from ..review.facts import review_facts
from . import checks as doc_checks
from . import indicators as doc_indicators
from . import operations
from .content import (
    BUDGET_REQUIRED,
    COLUMN_LABELS,
    COLUMN_SHORT,
    FIELD_LABELS,
    MEASURE_LABELS,
    TARGET_FIELDS,
    ack_key,
    acknowledgements,
    figure_fields,
    figure_groups,
    labels_for,
    measures_for,
    missing_for_submission,
    required_fields,
    required_label,
    shows_households,
    text_fields,
)
from .forms import (
    MAX_NOTE,
    MAX_TEXT,
    MoveForm,
    budget_keys_of,
    content_from_form,
    document_form_class,
    form_data_from_content,
    notes_from_request,
)
from .models import Document

bp = Blueprint("documents", __name__, url_prefix="/documents")


@bp.record_once
def _template_names(state):
    """A document's content as every template names it (pages, mail, the figures)."""
    state.app.jinja_env.globals.update(
        field_labels=FIELD_LABELS, target_fields=TARGET_FIELDS, text_fields_for=text_fields,
        figure_fields_for=figure_fields, figure_groups_for=figure_groups, labels_for=labels_for,
        column_labels=COLUMN_LABELS, column_short=COLUMN_SHORT, measure_labels=MEASURE_LABELS)


def _load(document_id):
    doc = db.session.get(Document, document_id, options=[selectinload(Document.versions),
                                                         selectinload(Document.log)])
    if doc is None:
        abort(404)
    if not policy.can_view_document(current_user, doc):
        abort(403)
    return doc


def _target_row(doc):
    plan = doc.deliverable.plan
    return next((t for t in plan.targets if t.unit_id == doc.deliverable.assignment.unit_id), None)


def _render_view(doc, move_forms=None, version=None, status=200):
    forms = move_forms or {}
    moves = policy.available_moves(current_user, doc)
    for trigger in moves:
        forms.setdefault(trigger, MoveForm(formdata=None, lock_version=doc.lock_version))
    version = version or doc.current_version
    content = version.content or {}
    requirements = _requirements(doc, content)
    facts = review_facts(doc)
    if not (doc.is_editable and version.number == doc.current_version_no):
        requirements["missing"] = []  # what is still to fill concerns a document being written
    return render_template("documents/view.html", doc=doc, deliverable=doc.deliverable,
                           version=version, moves=moves, forms=forms, target=_target_row(doc),
                           findings=doc_checks.findings(doc, content), notes=acknowledgements(content),
                           ack_key=ack_key, budget=doc_checks.budget_view(content, doc.deliverable.kind),
                           goals=doc_checks.goals_for(doc, content),
                           facts=facts, budget_names=_budget_names(facts), last_return=_last_return(doc),
                           indicator_lines=doc_indicators.lines(doc.deliverable, content),
                           indicator_names=doc_indicators.names(doc.deliverable.plan),
                           trigger_approve=Trigger.APPROVE, trigger_return=Trigger.RETURN, **requirements), status


def _budget_names(facts):
    """{budget line key: "code – name"} for the lines a resubmission changed."""
    keys = {c.name for c in facts.changes or () if c.kind == "budget"}
    return {str(item.id): f"{item.code} – {item.name}" for item in catalog(keys)} if keys else {}


@bp.route("/<int:document_id>")
@login_required
def view(document_id):
    return _render_view(_load(document_id))


@bp.route("/<int:document_id>/versions/<int:number>")
@login_required
def version(document_id, number):
    doc = _load(document_id)
    found = next((v for v in doc.versions if v.number == number), None)
    if found is None:
        abort(404)
    return _render_view(doc, version=found)


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
@login_required
def edit(document_id):
    doc = _load(document_id)
    kind = doc.deliverable.kind
    if not policy.can_edit_document(current_user, doc):
        if request.method == "GET" and not doc.is_editable:
            flash(_("This document is %(state)s and can no longer be edited.",
                    state=STATE_LABELS[doc.state]), "warning")
            return redirect(url_for(".view", document_id=doc.id))
        if not doc.is_editable and policy.is_document_editor(current_user, doc):
            return _too_late(doc)
        abort(403)
    if request.method == "GET":
        content = doc.current_version.content or {}
        if kind is DeliverableKind.SUBPLAN and not content.get("target"):
            content = {**content, "target": _target_defaults(doc)}
        items = doc_checks.items_for(doc, content)
        inputs = doc_indicators.owed(doc.deliverable).inputs
        form = document_form_class(kind, items, inputs)(
            formdata=None, data=form_data_from_content(content, kind, inputs), lock_version=doc.lock_version)
        found = doc_checks.findings(doc, content)
        # An indicator not given yet is marked required (*), not an error, until submitting.
        _attach_findings(form, [f for f in found if f.code != MISSING_INDICATOR])
        return _render_edit(doc, form, items, found, acknowledgements(content))

    items = doc_checks.items_for(doc, doc.current_version.content)
    inputs = doc_indicators.owed(doc.deliverable).inputs
    form = document_form_class(kind, items, inputs)()
    notes = notes_from_request(request.form)
    status, found, ack_errors = 422, [], {}
    long_notes = [key for key, note in notes.items() if len(note) > MAX_NOTE]
    if form.validate() and not long_notes:
        submit_after = "submit" in request.form
        content = content_from_form(form, kind, items, notes, inputs)
        try:
            if not submit_after:
                operations.save_content(doc, current_user, content, form.lock_version.data)
                found = doc_checks.findings(doc, content)
                _flash_saved(found)
                return redirect(url_for(".view", document_id=doc.id))
            # Submitting comes after the head has seen what is submitted (the summary page).
            not_ready = operations.save_for_submission(doc, current_user, content, form.lock_version.data)
            if not_ready is None:
                return redirect(url_for(".confirm_submit", document_id=doc.id))
            exc = not_ready  # the draft is kept (committed with this request); what stops it is shown
        except OperationError as refused:
            db.session.rollback()  # nothing was saved
            exc = refused
        status = exc.status
        found = doc_checks.findings(doc, content)
        _attach_findings(form, found)
        _attach_errors(form, exc)
        ack_errors = {k[4:]: v for k, v in getattr(exc, "errors", {}).items() if k.startswith("ack-")}
        flash(exc.message, "danger")
        if not isinstance(exc, Conflict):
            # Saved when only the submission was refused: the form now matches the draft.
            form.lock_version.data = doc.lock_version
        return _render_edit(doc, form, items, found, notes, status, ack_errors, content,
                            getattr(exc, "errors", None))
    else:
        flash(_("Please correct the highlighted fields."), "danger")
        if long_notes:
            flash(_("A note explaining a warning may have at most %(max)d characters.", max=MAX_NOTE), "danger")
    return _render_edit(doc, form, items, found, notes, status, ack_errors)


def _moved_message(doc, trigger):
    """The message after a move, naming the document (the reviewer may decide several in a row)."""
    names = dict(what=deliverable_label(doc.deliverable), unit=doc.deliverable.assignment.unit.name,
                 plan=doc.deliverable.assignment.plan.reference)
    return {
        Trigger.SUBMIT: _("Submitted: %(what)s of %(unit)s (%(plan)s). The coordinating unit will review it.",
                          **names),
        Trigger.WITHDRAW: _("Withdrawn: %(what)s of %(unit)s is a draft again.", **names),
        Trigger.APPROVE: _("Approved: %(what)s of %(unit)s (%(plan)s).", **names),
        Trigger.RETURN: _("Returned to %(unit)s for revision: %(what)s (%(plan)s).", **names),
        Trigger.REOPEN: _("Reopened for amendment: %(what)s of %(unit)s, as version %(number)d.",
                          number=doc.current_version_no, **names),
    }[trigger]


def _too_late(doc):
    """The editor's form arrived after the document was submitted (or approved) elsewhere:
    say so, and give back everything they typed so nothing is lost."""
    kind = doc.deliverable.kind
    items = doc_checks.items_for(doc, doc.current_version.content)
    form = document_form_class(kind, items, doc_indicators.owed(doc.deliverable).inputs)()
    form.validate()
    stale = form.lock_version.data != str(doc.lock_version)
    flash(" ".join([stale_message() if stale else "", _("This document is %(state)s and can no longer be edited.",
                                                        state=STATE_LABELS[doc.state])]).strip(), "danger")
    return _render_edit(doc, form, items, [], notes_from_request(request.form), 409 if stale else 403)


def _requirements(doc, content):
    """What the pages say about what a document must carry before it is submitted."""
    kind = doc.deliverable.kind
    has_households = doc.deliverable.assignment.unit.kind.has_households
    missing = missing_for_submission(kind, content or {}, has_households)
    return dict(required=set(required_fields(kind, has_households)), budget_required=not has_households,
                required_counts=has_households, show_figures=shows_households(
                    doc.deliverable.assignment.unit.kind, content, kind),
                missing=[(name, required_label(kind, name)) for name in missing])


def _last_return(doc):
    return next((e for e in reversed(doc.log) if e.trigger is Trigger.RETURN), None)


def _render_edit(doc, form, items, found, notes, status=200, ack_errors=None, content=None, errors=None):
    content = doc.current_version.content if content is None else content
    return render_template("documents/edit.html", doc=doc, form=form, items=items, findings=found,
                           notes=notes, ack_key=ack_key, ack_errors=ack_errors or {},
                           measures=measures_for(doc.deliverable.kind), budget_keys=budget_keys_of(items),
                           last_return=_last_return(doc), max_text=MAX_TEXT,
                           budget_error=(errors or {}).get(BUDGET_REQUIRED),
                           indicator_lines=doc_indicators.lines(doc.deliverable, content),
                           **_requirements(doc, content)), status


def _flash_saved(found):
    errors = sum(1 for f in found if f.is_error)
    warnings = len(found) - errors
    if errors:
        flash(ngettext("Draft saved. %(num)d check fails: correct it before submitting.",
                       "Draft saved. %(num)d checks fail: correct them before submitting.", errors), "warning")
    elif warnings:
        flash(ngettext("Draft saved, with %(num)d warning to correct or explain before submitting.",
                       "Draft saved, with %(num)d warnings to correct or explain before submitting.", warnings),
              "warning")
    else:
        flash(_("Draft saved."), "success")


def _attach_findings(form, found):
    """Errors of the checks go next to the fields they are about."""
    for finding in found:
        if finding.is_error and hasattr(form, finding.field):
            field = getattr(form, finding.field)
            field.errors = [*field.errors, describe_finding(finding)]


def _attach_errors(form, exc):
    for field, message in getattr(exc, "errors", {}).items():
        if hasattr(form, field) and message not in getattr(form, field).errors:
            getattr(form, field).errors = [*getattr(form, field).errors, message]


def _target_defaults(doc):
    row = _target_row(doc)
    if row is None:
        return {}
    values = {name: getattr(row, name, None) for name in TARGET_FIELDS}
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}



@bp.route("/<int:document_id>/submit", methods=["GET"])
@login_required
def confirm_submit(document_id):
    """Before submitting: what is about to go to the coordinating unit, the figures and the
    explained warnings, and the one button that submits it."""
    doc = _load(document_id)
    content = doc.current_version.content or {}
    problem, status = None, 200
    try:
        operations.check_ready(doc, current_user)
    except OperationError as exc:
        if exc.status == 403 and not policy.is_document_editor(current_user, doc):
            abort(403)
        problem, status = exc.message, exc.status
    found = doc_checks.findings(doc, content)
    return render_template("documents/confirm_submit.html", doc=doc, deliverable=doc.deliverable,
                           version=doc.current_version, problem=problem, findings=found,
                           notes=acknowledgements(content), ack_key=ack_key, target=_target_row(doc),
                           budget=doc_checks.budget_view(content, doc.deliverable.kind),
                           form=MoveForm(formdata=None, lock_version=doc.lock_version),
                           indicator_lines=doc_indicators.lines(doc.deliverable, content),
                           **_requirements(doc, content)), status


@bp.route("/<int:document_id>/<any(submit, withdraw, approve, return, reopen):trigger>", methods=["POST"])
@login_required
def move(document_id, trigger):
    doc = _load(document_id)
    trigger = Trigger(trigger)
    # Permission is decided inside the operation by the same policy: a move that is
    # merely stale (the document moved on) answers 409 with an explanation, a move
    # this user may never make answers 403.
    form = MoveForm()
    if form.validate():
        try:
            operations.transition(doc, current_user, trigger, form.comment.data, form.lock_version.data)
        except OperationError as exc:
            db.session.rollback()
            _attach_errors(form, exc)
            flash(exc.message, "danger")
            doc = _load(document_id)
            return _render_view(doc, move_forms={trigger: form}, status=exc.status)
        flash(_moved_message(doc, trigger), "success")
        if trigger in (Trigger.APPROVE, Trigger.RETURN) and policy.can_review_anything(current_user):
            return redirect(url_for("review.queue"))
        return redirect(url_for(".view", document_id=doc.id))
    flash(_("The form is incomplete. Please reload the page."), "danger")
    return _render_view(doc, move_forms={trigger: form}, status=400)

