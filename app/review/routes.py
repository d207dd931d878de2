"""The reviewer's queue: submitted documents waiting for a decision, filtered, and the
ones without findings approved together. Thin: policy → query / operation → page."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from workflows.enums import DeliverableKind

from .. import policy
from ..labels import deliverable_label
from ..plans.forms import CsrfOnlyForm
from .facts import days_late
from . import operations
from .queue import review_rows

bp = Blueprint("review", __name__, url_prefix="/review")
bp.add_app_template_global(days_late, "days_late")  # the to-do list marks late submissions too

FLAGS = ("late", "resubmitted", "findings", "clean")


def _rows():
    if not policy.can_review_anything(current_user):
        abort(403)
    return review_rows(policy.reviewed_unit_ids(current_user))


@bp.route("/")
@login_required
def queue():
    rows = _rows()
    kind = request.args.get("kind", "")
    unit = request.args.get("unit", type=int)
    flags = {f for f in FLAGS if request.args.get(f)}
    units = sorted({(r.deliverable.assignment.unit.id, r.deliverable.assignment.unit.name) for r in rows},
                   key=lambda u: u[1])
    shown = [r for r in rows
             if (not kind or r.deliverable.kind.value == kind)
             and (unit is None or r.deliverable.assignment.unit_id == unit)
             and ("late" not in flags or r.days_late)
             and ("resubmitted" not in flags or r.is_resubmission)
             and ("findings" not in flags or r.has_findings)
             and ("clean" not in flags or not r.has_findings)]
    return render_template("review/queue.html", rows=shown, total=len(rows), units=units, kind=kind, unit=unit,
                           flags=flags, kinds=list(DeliverableKind), form=CsrfOnlyForm())


@bp.route("/approve", methods=["POST"])
@login_required
def approve_many():
    """Approve the chosen documents, each on its own (its move, its history, its mail); any
    that has findings, or changed since the queue was read, is refused and listed."""
    if not policy.can_review_anything(current_user) or not CsrfOnlyForm().validate_on_submit():
        abort(403 if not policy.can_review_anything(current_user) else 400)
    chosen = []
    for value in request.form.getlist("doc"):
        doc_id, _sep, lock = value.partition(":")
        if doc_id.isdigit() and lock.isdigit() and int(doc_id) < 2**31:
            chosen.append((int(doc_id), int(lock)))
    if not chosen:
        flash(_("Choose the documents to approve."), "warning")
        return redirect(url_for(".queue"))
    approved, refused = operations.approve_many(current_user, chosen)
    if approved:
        flash(ngettext("%(num)d document approved.", "%(num)d documents approved.", len(approved)), "success")
    for doc, reason in refused:
        what = (f"{doc.deliverable.assignment.unit.name} – {_label(doc)}: " if doc is not None else "")
        flash(_("Not approved: %(what)s%(reason)s", what=what, reason=reason), "danger")
    return redirect(url_for(".queue"))


def _label(doc):
    return deliverable_label(doc.deliverable)
