"""Deciding several documents at once from the reviewer's queue."""
from flask_babel import gettext as _

from .. import policy
from ..documents import operations as doc_ops
from ..documents.models import Document
from ..errors import OperationError
from ..extensions import db
from .queue import review_rows


def approve_many(user, chosen):
    """Approve each of ``chosen`` ((document id, lock version) as the queue showed them) on
    its own: its move, its history, its mail. One that has findings, changed since the
    queue was read, or is not the user's to decide is refused and undone alone (a
    savepoint); the others stand. Returns (approved documents, [(document or None, reason)])."""
    eligible = {r.document.id for r in review_rows(policy.reviewed_unit_ids(user)) if not r.has_findings}
    approved, refused = [], []
    for doc_id, lock in chosen:
        doc = db.session.get(Document, doc_id)
        if doc is None or not policy.can_view_document(user, doc):
            refused.append((None, _("This document does not exist or is not yours to review.")))
            continue
        if doc_id not in eligible and doc.lock_version == lock:
            refused.append((doc, _("It has findings: open it and decide on it alone.")))
            continue
        try:
            with db.session.begin_nested():
                doc_ops.transition(doc, user, "approve", "", lock)
        except OperationError as exc:
            refused.append((doc, exc.message))
        else:
            approved.append(doc)
    return approved, refused
