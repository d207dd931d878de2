"""Deliverables, the documents that answer them, their versions and their history."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows.enums import OPEN_STATES, DeliverableKind, DocState, Trigger

from ..extensions import db
from ..types import UTCDateTime, enum_column_type


#: The open states in SQL, for the partial index the reminder sweep reads.
OPEN_SQL = sa.text("state IN (%s)" % ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATES)))


class Deliverable(db.Model):
    """Something an assigned unit owes the plan by a date: a sub-plan or a report."""

    __tablename__ = "deliverables"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The assignment (plan × unit) that owes it.
    assignment_id: Mapped[int] = mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    #: Sub-plan, six-month, annual or ad-hoc report.
    kind: Mapped[DeliverableKind] = mapped_column(enum_column_type(DeliverableKind, "deliverable_kind"))
    #: Title of an ad-hoc report ("Tình hình đến tháng 8"); empty for periodic ones.
    title: Mapped[str] = mapped_column(sa.String(255), default="", server_default="")
    #: First and last day the figures cover (thời gian chốt số liệu).
    period_start_on: Mapped[dt.date]
    period_end_on: Mapped[dt.date]
    #: Due at the end of this day, Asia/Ho_Chi_Minh.
    due_on: Mapped[dt.date] = mapped_column(index=True)
    #: The plan's schedule item it answers (None for an ad-hoc report).
    schedule_item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("schedule_items.id", ondelete="CASCADE"),
                                                         index=True)

    assignment = relationship("Assignment", back_populates="deliverables", lazy="joined")
    schedule_item = relationship("ScheduleItem", lazy="joined")
    document: Mapped["Document"] = relationship(back_populates="deliverable", uselist=False,
                                                cascade="all, delete-orphan", lazy="joined")

    __table_args__ = (
        sa.CheckConstraint("period_start_on <= period_end_on", name="period_ordered"),
        # Each scheduled item once per assignment; ad hoc as many as needed.
        sa.Index("uq_deliverables_scheduled", "assignment_id", "schedule_item_id", unique=True,
                 sqlite_where=sa.text("schedule_item_id IS NOT NULL"),
                 postgresql_where=sa.text("schedule_item_id IS NOT NULL")),
        # A scheduled kind answers a schedule item; an ad-hoc report never does.
        sa.CheckConstraint("(kind = 'adhoc') = (schedule_item_id IS NULL)", name="scheduled_has_item"),
    )

    @property
    def occurrence(self):
        """Which one of its kind in the year (the quarter); 1 for the others."""
        return self.schedule_item.occurrence if self.schedule_item is not None else 1

    @property
    def plan(self):
        return self.assignment.plan

    @property
    def unit(self):
        return self.assignment.unit


class Document(db.Model):
    """The unit's answer to a deliverable; its content lives in versions."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The deliverable it answers (exactly one document each).
    deliverable_id: Mapped[int] = mapped_column(sa.ForeignKey("deliverables.id", ondelete="CASCADE"), unique=True)
    #: Workflow state; only ``operations`` changes it, through ``workflows.document_flow``.
    state: Mapped[DocState] = mapped_column(enum_column_type(DocState, "doc_state"), default=DocState.DRAFT)
    #: Number of the version being worked on (1 at first; +1 on each reopening).
    current_version_no: Mapped[int] = mapped_column(default=1)
    #: Who submitted the current version, and when (kept after a return, for the record).
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Who approved the current version, and when.
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Optimistic lock: bumped on every change; a stale form carries an old value.
    lock_version: Mapped[int] = mapped_column(default=1)
    #: While open (draft, returned): when the reminder sweep must next look at it; None until
    #: the sweep has worked it out, and again after anything that changes its reminders (a
    #: move, a new due date, a new policy). Written by ``reminders.operations`` only, with
    #: Core updates that leave ``lock_version`` alone: it is bookkeeping, not content.
    next_reminder_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    deliverable: Mapped[Deliverable] = relationship(back_populates="document")
    versions: Mapped[list["DocumentVersion"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentVersion.number"
    )
    log: Mapped[list["TransitionLog"]] = relationship(
        back_populates="document", order_by="TransitionLog.id", passive_deletes="all"
    )
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])
    approved_by = relationship("User", foreign_keys=[approved_by_id])

    __mapper_args__ = {"version_id_col": lock_version}
    __table_args__ = (
        sa.CheckConstraint(
            "state <> 'approved' OR (approved_by_id IS NOT NULL AND approved_at IS NOT NULL)",
            name="approved_has_approver",
        ),
        sa.CheckConstraint(
            "state NOT IN ('submitted', 'approved') OR submitted_by_id IS NOT NULL",
            name="submitted_has_submitter",
        ),
        sa.Index("ix_documents_state", "state"),
        sa.Index("ix_documents_next_reminder_at", "next_reminder_at",
                 sqlite_where=OPEN_SQL, postgresql_where=OPEN_SQL),
    )

    @property
    def current_version(self):
        return next(v for v in self.versions if v.number == self.current_version_no)

    @property
    def is_editable(self):
        return self.state in OPEN_STATES


class DocumentVersion(db.Model):
    """One version of a document's content; an approved version is never changed again."""

    __tablename__ = "document_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The document.
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id", ondelete="CASCADE"))
    #: 1, 2, ... in order of reopening.
    number: Mapped[int]
    #: The content: prose fields and the target row (see ``app/documents/content.py``).
    content: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: When the version was started, and by whom (None for the first, created with the plan).
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: Last edit.
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: Set when this version was approved: from then on it is frozen.
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    document: Mapped[Document] = relationship(back_populates="versions")
    updated_by = relationship("User", foreign_keys=[updated_by_id])
    authors: Mapped[list["VersionAuthor"]] = relationship(back_populates="version", cascade="all, delete-orphan",
                                                          lazy="selectin", order_by="VersionAuthor.id")

    __table_args__ = (sa.UniqueConstraint("document_id", "number"),)

    @property
    def author_ids(self):
        return {a.user_id for a in self.authors}


class VersionAuthor(db.Model):
    """Someone who saved content in a version: they may not approve or return it."""

    __tablename__ = "version_authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The version written.
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("document_versions.id", ondelete="CASCADE"))
    #: Who saved content in it.
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: Their first and latest save.
    first_saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    version: Mapped[DocumentVersion] = relationship(back_populates="authors")

    __table_args__ = (sa.UniqueConstraint("version_id", "user_id"),)


class TransitionLog(db.Model):
    """Append-only history: every move of every document, who, when, from, to, why."""

    __tablename__ = "transition_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The document moved.
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id"), index=True)
    #: The version the move applied to.
    version_no: Mapped[int]
    #: What was done.
    trigger: Mapped[Trigger] = mapped_column(enum_column_type(Trigger, "trigger"))
    #: State before and after.
    from_state: Mapped[DocState] = mapped_column(enum_column_type(DocState, "from_state"))
    to_state: Mapped[DocState] = mapped_column(enum_column_type(DocState, "to_state"))
    #: Who did it.
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    #: The reason or remark (required when returning or reopening).
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    #: On a submission or a return: the content as it was then — what the reviewer decided
    #: on, so that a resubmission shows what changed since the return.
    content: Mapped[dict | None] = mapped_column(sa.JSON)
    #: When.
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    document: Mapped[Document] = relationship(back_populates="log")
    actor = relationship("User", lazy="joined")


@sa.event.listens_for(sa.orm.Session, "before_flush")
def _log_is_append_only(session, flush_context, instances):
    """Refuse, in the application, any change to a history row once written."""
    for obj in [*session.dirty, *session.deleted]:
        if isinstance(obj, TransitionLog) and (obj in session.deleted or session.is_modified(obj)):
            raise ValueError("the transition log is append-only")
