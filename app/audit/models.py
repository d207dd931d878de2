"""The audit log: one row per change of an audited object, never changed or deleted."""
import datetime as dt
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..types import UTCDateTime, enum_column_type


class AuditAction(str, enum.Enum):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"


class AuditEntry(db.Model):
    """Who changed which object, when, and each changed field's value before and after.

    Written by ``app.audit.capture`` alone; the database refuses UPDATE and DELETE on it
    (triggers on both databases, as on the transition log). It points at what it is about
    by plain ids, not foreign keys: an entry outlives a unit deleted later, and a foreign
    key could never be set to NULL on an append-only table.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: When the change was written (the flush that wrote it).
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Who: the logged-in user or the API token's user; None for the command line, the
    #: scheduler and the system.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: Who, as it read then: the person's email, or "cli", "scheduler", "system".
    actor_label: Mapped[str] = mapped_column(sa.String(255))
    #: What kind of object: "plan", "assignment", "unit", "user", "membership"... (a key of
    #: ``app.audit.registry``, stable: entries keep it for ever).
    object_type: Mapped[str] = mapped_column(sa.String(30))
    #: The object's id in its own table.
    object_id: Mapped[int]
    #: The object's name as it read then ("Huyện Krông Nô (KRONGNO)", "98/KH-UBND (2026)").
    object_label: Mapped[str] = mapped_column(sa.String(255))
    #: Created, changed or deleted.
    action: Mapped[AuditAction] = mapped_column(enum_column_type(AuditAction, "audit_action"))
    #: The unit whose administrators (and those above them) read the entry; None for what
    #: belongs to no unit (the national program catalog: its keepers, top-level administrators).
    unit_id: Mapped[int | None]
    #: The plan the object belongs to, if any: the plan's administrators read the entry too.
    plan_id: Mapped[int | None] = mapped_column(index=True)
    #: {field: [before, after]}, JSON values (dates ISO, decimals as text, enums by value);
    #: a secret's values are replaced by a marker, and derived columns are left out.
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    __table_args__ = (
        sa.Index("ix_audit_log_unit_id_at", "unit_id", "at"),
        sa.Index("ix_audit_log_object_type_object_id", "object_type", "object_id"),
        sa.Index("ix_audit_log_at", "at"),
    )


@sa.event.listens_for(sa.orm.Session, "before_flush")
def _log_is_append_only(session, flush_context, instances):
    """Refuse, in the application, any change to an audit entry once written."""
    for obj in [*session.dirty, *session.deleted]:
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise ValueError("the audit log is append-only")
