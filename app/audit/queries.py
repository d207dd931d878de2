"""Reading the audit log: the entries a reader may see, filtered."""
import datetime as dt

from workflows.text import fold

from .. import policy
from ..auth.models import User
from ..clock import VN_TZ
from ..extensions import db
from .models import AuditEntry


def _local_midnight(day):
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ)


def entries(user, object_type=None, object_id=None, person=None, actor_id=None, date_from=None, date_to=None):
    """The entries ``user`` may read, newest first, with the filters given (dates are days
    in Vietnam, both included)."""
    stmt = db.select(AuditEntry).where(policy.audit_filter(user))
    if object_type:
        stmt = stmt.where(AuditEntry.object_type == object_type)
        if object_id:
            stmt = stmt.where(AuditEntry.object_id == object_id)
    if actor_id:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    if person and person.strip():  # the email it was then, or the name or email the person has now
        named = db.select(User.id).where(User.search_text.contains(fold(person), autoescape=True))
        stmt = stmt.where(AuditEntry.actor_label.icontains(person.strip(), autoescape=True)
                          | AuditEntry.actor_id.in_(named))
    if date_from:
        stmt = stmt.where(AuditEntry.at >= _local_midnight(date_from))
    if date_to:
        stmt = stmt.where(AuditEntry.at < _local_midnight(date_to + dt.timedelta(days=1)))
    return stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
