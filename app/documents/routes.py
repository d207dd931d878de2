"""Documents: read, edit, and move through the workflow. Thin: form → policy → operation."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from workflows.enums import DeliverableKind, Trigger

from .. import policy
from ..errors import Conflict, OperationError
from ..extensions import db
from ..labels import TRIGGER_PAST
from . import operations
from .forms import MoveForm, content_from_form, document_form_class, form_data_from_content
from .models import Document

bp = Blueprint("documents", __name__, url_prefix="/documents")


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
    return render_template("documents/view.html", doc=doc, deliverable=doc.deliverable,
                           version=version or doc.current_version, moves=moves, forms=forms,
                           target=_target_row(doc)), status


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
                    state=_state_label(doc.state)), "warning")
            return redirect(url_for(".view", document_id=doc.id))
        abort(403)
    form_class = document_form_class(kind)
    if request.method == "GET":
        content = doc.current_version.content or {}
        if kind is DeliverableKind.SUBPLAN and not content.get("target"):
            content = {**content, "target": _target_defaults(doc)}
        form = form_class(formdata=None, data=form_data_from_content(content, kind), lock_version=doc.lock_version)
        return render_template("documents/edit.html", doc=doc, form=form)

    form = form_class()
    status = 422
    if form.validate():
        submit_after = "submit" in request.form
        try:
            operations.save_content(doc, current_user, content_from_form(form, kind), form.lock_version.data)
            if not submit_after:
                flash(_("Draft saved."), "success")
                return redirect(url_for(".view", document_id=doc.id))
            operations.transition(doc, current_user, Trigger.SUBMIT)
            flash(_("Submitted. The coordinating unit will review it."), "success")
            return redirect(url_for(".view", document_id=doc.id))
        except OperationError as exc:
            db.session.rollback()
            status = exc.status
            _attach_errors(form, exc)
            flash(exc.message, "danger")
            if not isinstance(exc, Conflict):
                # The draft was saved before submission failed: the form now matches it.
                form.lock_version.data = doc.lock_version
    else:
        flash(_("Please correct the highlighted fields."), "danger")
    return render_template("documents/edit.html", doc=doc, form=form), status


def _attach_errors(form, exc):
    for field, message in getattr(exc, "errors", {}).items():
        if hasattr(form, field):
            getattr(form, field).errors = [*getattr(form, field).errors, message]


def _target_defaults(doc):
    row = _target_row(doc)
    if row is None:
        return {}
    from .content import TARGET_FIELDS

    return {name: getattr(row, name, None) for name in TARGET_FIELDS}


def _state_label(state):
    from ..labels import STATE_LABELS

    return STATE_LABELS[state]


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
        flash(_("Done: you %(action)s this document.", action=TRIGGER_PAST[trigger]), "success")
        if trigger in (Trigger.APPROVE, Trigger.RETURN) and policy.can_review_anything(current_user):
            return redirect(url_for("review.queue"))
        return redirect(url_for(".view", document_id=doc.id))
    flash(_("The form is incomplete. Please reload the page."), "danger")
    return _render_view(doc, move_forms={trigger: form}, status=400)

