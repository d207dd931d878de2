"""What each user is told in the application (the bell)."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..types import UTCDateTime


class Notification(db.Model):
    """One notice for one user; its words are made when shown, in the user's language."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    #: "before", "due", "overdue" (reminders) or "returned".
    kind: Mapped[str] = mapped_column(sa.String(20))
    #: The deliverable it is about.
    deliverable_id: Mapped[int] = mapped_column(sa.ForeignKey("deliverables.id", ondelete="CASCADE"))
    #: Details for the wording: days left or overdue, the reason of a return, who returned it.
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    deliverable = relationship("Deliverable")

    __table_args__ = (sa.Index("ix_notifications_user_unread", "user_id", "read_at"),)
