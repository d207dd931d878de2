"""The outbox: every message the application sends, and what became of it."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows.enums import MailKind, MailStatus, SkipReason

from ..extensions import db
from ..types import UTCDateTime, enum_column_type, one_of


class OutboxMessage(db.Model):
    """A message to send: written in the same transaction as what caused it, sent later."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MailKind] = mapped_column(enum_column_type(MailKind, "mail_kind"))
    #: The reminder it carries (one message per reminder, at most).
    reminder_id: Mapped[int | None] = mapped_column(sa.ForeignKey("reminders.id", ondelete="CASCADE"), unique=True)
    #: What it is about, for filters and for the checks before sending.
    plan_id: Mapped[int | None] = mapped_column(sa.ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("units.id", ondelete="SET NULL"), index=True)
    deliverable_id: Mapped[int | None] = mapped_column(sa.ForeignKey("deliverables.id", ondelete="SET NULL"))
    #: Addresses, comma-separated.
    to_addrs: Mapped[str] = mapped_column(sa.Text)
    cc_addrs: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    subject: Mapped[str] = mapped_column(sa.String(300))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[MailStatus] = mapped_column(enum_column_type(MailStatus, "mail_status"), default=MailStatus.QUEUED)
    #: Delivery attempts so far, and the last error (kept after a later success, for the record).
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: Why it was skipped.
    skip_reason: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Not to be tried before this moment (retries back off).
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: A delivery pass holds the message until then; past it, another may take it over.
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: The delivery pass holding it (a random token per claim).
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    plan = relationship("Plan")
    unit = relationship("Unit")
    deliverable = relationship("Deliverable")

    __table_args__ = (
        sa.Index("ix_outbox_status_next_attempt", "status", "next_attempt_at"),
        one_of("skip_reason", SkipReason, "skip_reason", blank=True),  # on SQLite: triggers (migration cf85d6a0e1f2)
    )

    @property
    def is_private(self):
        """Mail only its recipient may read — it carries their set-password link: the outbox
        shows who it went to and when, never what it says (an administrator who could read
        the link could log in as that person)."""
        return self.kind is MailKind.ACCOUNT

    @property
    def to_list(self):
        return [a for a in self.to_addrs.split(",") if a]

    @property
    def cc_list(self):
        return [a for a in self.cc_addrs.split(",") if a]
