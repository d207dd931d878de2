"""The only place where documents change: content edits and workflow moves.

Each operation checks permission and freshness, changes the rows, writes the
history and flushes; the request (or command) commits once. On a refusal the
caller rolls back: nothing is written.
"""
import logging

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm.exc import StaleDataError

from workflows import document_flow
from workflows.document_flow import WorkflowError
from workflows.enums import Trigger

from .. import policy, signals
from ..budget.queries import foreign_items
from ..clock import now
from ..errors import Conflict, Forbidden, Invalid, OperationError, stale_message, translate_workflow_error
from ..extensions import db
from ..formatting import describe_finding
from ..labels import STATE_LABELS
from .checks import findings
from .content import (
    BUDGET_REQUIRED,
    ack_key,
    budget_keys,
    missing_for_submission,
    required_label,
    unacknowledged,
)
from .models import DocumentVersion, TransitionLog, VersionAuthor

log = logging.getLogger(__name__)

#: What each move announces; subscribers decide who hears of it.
ANNOUNCED = {Trigger.SUBMIT: signals.document_submitted, Trigger.RETURN: signals.document_returned,
             Trigger.APPROVE: signals.document_approved, Trigger.REOPEN: signals.document_reopened,
             Trigger.WITHDRAW: signals.document_withdrawn}


def _check_fresh(doc, lock_version):
    if lock_version is not None and int(lock_version) != doc.lock_version:
        raise Conflict(stale_message())


def _flush():
    """Write the changes now (the request commits them), so that a document someone else
    changed meanwhile is a conflict explained here, not an error at the commit."""
    try:
        db.session.flush()
    except StaleDataError as exc:  # someone else committed between our read and write
        raise Conflict(stale_message()) from exc


def save_content(doc, user, content, lock_version, at=None):
    """Replace the current version's content with ``content`` (a dict of fields)."""
    if not policy.can_edit_document(user, doc):
        if not doc.is_editable and policy.is_document_editor(user, doc):
            # Its editor, sending what they typed on a version that has moved on (submitted
            # meanwhile): that is a conflict to explain, not a permission they lack.
            _check_fresh(doc, lock_version)
            raise Forbidden(_("This document is %(state)s and can no longer be edited.",
                              state=STATE_LABELS[doc.state]))
        raise Forbidden(_("You do not have permission to edit this document."))
    _check_fresh(doc, lock_version)
    _check_programme(doc, content)
    version = doc.current_version
    at = at or now()
    version.content = dict(content)
    version.updated_at = at
    version.updated_by_id = user.id
    author = next((a for a in version.authors if a.user_id == user.id), None)
    if author is None:  # remembered: whoever wrote the version does not decide it
        version.authors.append(VersionAuthor(user_id=user.id, first_saved_at=at, last_saved_at=at))
    else:
        author.last_saved_at = at
    _touch(doc)
    _flush()
    log.info("document %s content saved by %s", doc.id, user.email)
    return doc


def _check_programme(doc, content):
    """Budget lines are entered against the projects of the plan's programme only."""
    plan = doc.deliverable.plan
    foreign = foreign_items(budget_keys(content), plan.programme_id)
    if foreign:
        message = _("%(lines)s: not a project of this plan's programme (%(programme)s). Budget lines are entered "
                    "against the plan's programme only: clear these lines.",
                    lines=", ".join(f"{i.code} ({i.programme.code})" for i in foreign), programme=plan.programme.code)
        raise Invalid(message, {BUDGET_REQUIRED: message})


def _touch(doc):
    # Saving content changes only the version row; mark the document dirty so its
    # lock_version moves too and a stale form elsewhere is detected.
    from sqlalchemy.orm.attributes import flag_modified

    flag_modified(doc, "state")



def save_for_submission(doc, user, content, lock_version, at=None):
    """Save ``content`` on the way to submitting it ("save and review" on the edit page):
    return None when it may be submitted, else the refusal it would meet (not raised:
    the draft is kept either way, and the page shows what stops it). A refusal of the
    save itself is raised, and nothing is written."""
    save_content(doc, user, content, lock_version, at)
    try:
        check_ready(doc, user, content)
    except OperationError as exc:
        return exc
    return None


def check_ready(doc, user, content=None):
    """Raise what ``user`` submitting ``doc`` now would be told (permission, the document's
    state, required fields, checks, unexplained warnings); change nothing."""
    actor = policy.actor_for(user, doc)
    reason = document_flow.why_not(doc, Trigger.SUBMIT, actor, "")
    if reason == document_flow.ILLEGAL_MESSAGE:  # allowed to this person, not in this state
        raise Conflict(translate_workflow_error(WorkflowError(reason, state=doc.state)))
    if reason is not None:
        raise Forbidden(translate_workflow_error(WorkflowError(reason, state=doc.state)))
    _ready_to_submit(doc, doc.current_version.content or {} if content is None else content)


def _ready_to_submit(doc, content):
    """Refuse submission while required fields are empty, a check fails, or a warning
    has neither been corrected nor explained; every problem is named next to its field."""
    kind = doc.deliverable.kind
    errors, sentences = {}, []
    missing = missing_for_submission(kind, content, doc.deliverable.assignment.unit.kind.has_households)
    if missing:
        sentences.append(_("Fill in the required fields before submitting: %(fields)s.",
                           fields=", ".join(str(required_label(kind, f)) for f in missing)))
        errors.update({f: _("Required before submitting.") for f in missing})
        if BUDGET_REQUIRED in missing:
            errors[BUDGET_REQUIRED] = _("Enter the budget of at least one project line (0 if nothing was "
                                        "allocated).")
    found = findings(doc, content)
    failing = [f for f in found if f.is_error]
    if failing:
        sentences.append(ngettext("%(num)d check of the figures fails: correct it before submitting.",
                                  "%(num)d checks of the figures fail: correct them before submitting.",
                                  len(failing)))
        for f in failing:
            errors[f.field] = "; ".join(filter(None, [errors.get(f.field), describe_finding(f)]))
    pending = unacknowledged(found, content)
    if pending:
        sentences.append(ngettext("%(num)d warning is neither corrected nor explained: add a note to it.",
                                  "%(num)d warnings are neither corrected nor explained: add a note to each.",
                                  len(pending)))
        errors.update({f"ack-{ack_key(f)}": _("Correct the figures or explain this warning.") for f in pending})
    if sentences:
        raise Invalid(" ".join(sentences), errors=errors)


def transition(doc, user, trigger, comment="", lock_version=None, at=None):
    """Fire ``trigger`` on ``doc`` as ``user``; return the new log row.

    ``at`` is the moment of the move (now unless given: the demo replays a year).
    """
    trigger = Trigger(trigger)
    comment = (comment or "").strip()
    if not doc.deliverable.assignment.plan.is_published:
        raise Forbidden(_("This plan has not been issued yet."))
    _check_fresh(doc, lock_version)
    actor = policy.actor_for(user, doc)
    version = doc.current_version
    if trigger is Trigger.SUBMIT and document_flow.why_not(doc, trigger, actor, comment) is None:
        _ready_to_submit(doc, version.content or {})
    # No autoflush while the document is between states: the database's checks
    # ("approved ⇒ approver set") see it only once every column is set.
    with db.session.no_autoflush:
        try:
            source, dest = document_flow.fire(doc, trigger, actor, comment)
        except document_flow.NotAllowed as exc:
            raise Forbidden(translate_workflow_error(exc)) from exc
        except document_flow.ReasonRequired as exc:
            message = _("Please give a reason.")
            raise Invalid(message, errors={"comment": message}) from exc
        except WorkflowError as exc:  # illegal in this state: usually a stale page
            raise Conflict(translate_workflow_error(exc)) from exc

        at = at or now()
        entry = TransitionLog(document=doc, version_no=version.number, trigger=trigger, from_state=source,
                              to_state=dest, actor_id=user.id, comment=comment, created_at=at,
                              content=dict(version.content or {}) if trigger in (Trigger.SUBMIT, Trigger.RETURN)
                              else None)
        if trigger is Trigger.SUBMIT:
            doc.submitted_by_id, doc.submitted_at = user.id, at
        elif trigger is Trigger.APPROVE:
            doc.approved_by_id, doc.approved_at = user.id, at
            version.approved_at = at
        elif trigger is Trigger.REOPEN:
            # The approved version stays as it was; work continues on a copy.
            doc.approved_by_id = doc.approved_at = None
            doc.current_version_no = version.number + 1
            doc.versions.append(DocumentVersion(number=doc.current_version_no, content=dict(version.content or {}),
                                                created_at=at, created_by_id=user.id))
        db.session.add(entry)
        doc.next_reminder_at = None  # submitted: none; back to draft: the sweep works them out again
    _flush()  # written (or found stale) before anyone is told of it
    ANNOUNCED[trigger].send(doc, entry=entry, actor=user)  # documents/notifications.py: who is told
    db.session.flush()
    log.info("document %s %s by %s (%s -> %s)", doc.id, trigger.value, user.email, source.value, dest.value)
    return entry

