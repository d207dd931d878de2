"""What each user is told in the application (the bell), and the reviewers' digests."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows.enums import REMINDER_NOTICES, NoticeKind

from ..extensions import db
from ..types import UTCDateTime, one_of

#: The rows of the one item per user and deliverable that carries its deadline reminders
#: (a partial unique index; upserts name it too).
REMINDER_ITEM = "kind IN (" + ", ".join(f"'{kind.value}'" for kind in REMINDER_NOTICES) + ")"


def _as_created(context):
    return context.get_current_parameters()["created_at"]


class Notification(db.Model):
    """One notice for one user; its words are made when shown, in the user's language.

    A deadline reminder is one item per user and deliverable: each later reminder renews
    it (latest wording, unread again, on top) instead of adding another; the database
    keeps it unique.
    """

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    #: A ``NoticeKind``: before, due, overdue (reminders), returned, approved (to the unit) or
    #: submitted (to the coordinating unit's reviewers).
    kind: Mapped[str] = mapped_column(sa.String(20))
    #: The deliverable it is about.
    deliverable_id: Mapped[int] = mapped_column(sa.ForeignKey("deliverables.id", ondelete="CASCADE"))
    #: Details for the wording: days left or overdue, the reason of a return, who decided or submitted.
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: When it was last told: its creation, or the later reminder that renewed it (the list's order).
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_as_created)
    #: How many later reminders renewed it instead of adding an item each.
    repeats: Mapped[int] = mapped_column(default=0, server_default="0")
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    deliverable = relationship("Deliverable")

    __table_args__ = (
        # (On SQLite a pair of triggers: migration cf85d6a0e1f2.)
        one_of("kind", NoticeKind, "kind"),
        sa.Index("ix_notifications_user_unread", "user_id", "read_at"),
        sa.Index("uq_notifications_reminder_item", "user_id", "deliverable_id", unique=True,
                 sqlite_where=sa.text(REMINDER_ITEM), postgresql_where=sa.text(REMINDER_ITEM)),
    )


class Digest(db.Model):
    """One reviewer's digest of one working day: recorded once, whatever number of schedulers run.

    (reviewer, day) is unique in the database: a second run, a second process or a
    restart cannot queue it again.
    """

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    #: The working day it is for.
    digest_on: Mapped[dt.date]
    #: Documents it listed as waiting for review, and deliverables as overdue (both 0: nothing
    #: waited and no mail went).
    waiting: Mapped[int]
    overdue: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    user = relationship("User")

    __table_args__ = (sa.UniqueConstraint("user_id", "digest_on", name="uq_digests_identity"),)
