"""A plan's reminder policy, and the ledger of every reminder ever due."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import reminders as rules
from workflows.enums import ReminderStatus, SkipReason

from ..extensions import db
from ..types import UTCDateTime, enum_column_type, one_of


class ReminderPolicy(db.Model):
    """How a plan reminds its units; a plan without a row uses the product's defaults."""

    __tablename__ = "reminder_policies"

    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True)
    #: Reminders on or off for the whole plan.
    enabled: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: Days before the due date, comma-separated ("7,3,1,0"; 0 = on the due date).
    days_before: Mapped[str] = mapped_column(sa.String(60), default="7,3,1,0", server_default="7,3,1,0")
    #: The first overdue notice, days after the due date.
    first_overdue_after: Mapped[int] = mapped_column(default=1, server_default="1")
    #: Then every so many days while still overdue.
    overdue_every: Mapped[int] = mapped_column(default=7, server_default="7")
    #: Local hour (Asia/Ho_Chi_Minh) reminders go out.
    send_hour: Mapped[int] = mapped_column(default=8, server_default="8")
    #: After downtime, reminders missed by less than this many days are still sent.
    grace_days: Mapped[int] = mapped_column(default=2, server_default="2")
    #: Copy the unit head and the coordinating unit's reviewers from the first overdue notice.
    escalate_overdue: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    plan = relationship("Plan", back_populates="reminder_policy")

    __table_args__ = (
        sa.CheckConstraint("send_hour BETWEEN 0 AND 23", name="send_hour_range"),
        sa.CheckConstraint(f"grace_days BETWEEN 0 AND {rules.MAX_GRACE_DAYS}", name="grace_range"),
        sa.CheckConstraint("first_overdue_after >= 1 AND overdue_every >= 1", name="overdue_positive"),
    )

    def rules(self):
        """The policy as the pure rules take it."""
        if self.enabled is False:
            return None
        return rules.ReminderPolicy(
            days_before=tuple(int(d) for d in self.days_before.split(",") if d.strip()),
            first_overdue_after=self.first_overdue_after, overdue_every=self.overdue_every,
            send_hour=self.send_hour, grace_days=self.grace_days, escalate_overdue=self.escalate_overdue,
        )


DEFAULT_RULES = rules.ReminderPolicy()


def rules_for(plan):
    """The plan's reminder rules, or None when its reminders are switched off."""
    return plan.reminder_policy.rules() if plan.reminder_policy is not None else DEFAULT_RULES


class Reminder(db.Model):
    """One reminder of one deliverable: recorded once, whatever number of schedulers run.

    (deliverable, key, nominal day) is unique in the database: a second sweep, a second
    process or a restart cannot queue it again.
    """

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The deliverable reminded of.
    deliverable_id: Mapped[int] = mapped_column(sa.ForeignKey("deliverables.id", ondelete="CASCADE"))
    #: Kind and offset: "before-3", "before-0" (on the due date), "overdue-8".
    key: Mapped[str] = mapped_column(sa.String(20))
    #: The day the policy names (its identity); ``send_on`` is the working day it goes out.
    nominal_on: Mapped[dt.date]
    send_on: Mapped[dt.date]
    #: The due date it was computed for.
    due_on: Mapped[dt.date]
    #: Head and reviewers copied.
    escalated: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ReminderStatus] = mapped_column(enum_column_type(ReminderStatus, "reminder_status"))
    #: Why it was skipped: "late" (missed by more than the grace period), "submitted",
    #: "due_moved", "policy_changed", "no_recipients".
    reason: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    deliverable = relationship("Deliverable")

    __table_args__ = (
        sa.UniqueConstraint("deliverable_id", "key", "nominal_on", name="uq_reminders_identity"),
        one_of("reason", SkipReason, "reason", blank=True),  # on SQLite: triggers (migration cf85d6a0e1f2)
    )

    @property
    def kind(self):
        return rules.parse_key(self.key)[0]

    @property
    def offset(self):
        return rules.parse_key(self.key)[1]
