"""Vocabularies shared by the rules and the application.

Values are the strings stored in the database; display labels live in
``app/labels.py`` so they can be translated.
"""
import enum


class DocState(str, enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


#: Not yet submitted: the content may change, and deadline reminders go.
OPEN_STATES = frozenset({DocState.DRAFT, DocState.RETURNED})
#: A submission stands: the unit has delivered (it may still be approved or returned).
STANDING_STATES = frozenset({DocState.SUBMITTED, DocState.APPROVED})


class Trigger(str, enum.Enum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"


class Role(str, enum.Enum):
    STAFF = "staff"  #: drafts the unit's documents
    HEAD = "head"  #: drafts and submits (thủ trưởng)
    REVIEWER = "reviewer"  #: approves or returns, for plans the unit coordinates
    OBSERVER = "observer"  #: reads (leadership, Fatherland Front, councils)
    ADMIN = "admin"  #: sets up plans, units and users below the unit


class UnitKind(str, enum.Enum):
    PROVINCE = "province"
    DEPARTMENT = "department"
    DISTRICT = "district"
    COMMUNE = "commune"
    ORGANISATION = "organisation"

    @property
    def has_households(self):
        """A territory (province, district, commune) counts households and reports its
        poor; a department or an organisation reports its tasks and budget."""
        return self in (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)


class DeliverableKind(str, enum.Enum):
    SUBPLAN = "subplan"
    SIX_MONTH = "six_month"
    ANNUAL = "annual"
    ADHOC = "adhoc"

    @property
    def is_report(self):
        return self is not DeliverableKind.SUBPLAN


class IndicatorKind(str, enum.Enum):
    """How an indicator of a plan adds up across units."""

    COUNT = "count"  #: a number of things, summed up the unit tree
    RATIO = "ratio"  #: numerator ÷ denominator (two counts), recomputed from the summed counts
    VALUE = "value"  #: one unit's value, not summed: a yes/no, a score, a percentage as such


class MeasureUnit(str, enum.Enum):
    """The unit of measure of an indicator."""

    HOUSEHOLDS = "households"
    PEOPLE = "people"
    HOUSES = "houses"
    MODELS = "models"
    PERCENT = "percent"
    MILLION_VND = "million_vnd"
    YES_NO = "yes_no"  #: a value: 1 yes, 0 no
    SCORE = "score"  #: a value: points on the plan's own scale

    @property
    def is_whole(self):
        """Counted in whole numbers (households, people, houses, models)."""
        return self in (MeasureUnit.HOUSEHOLDS, MeasureUnit.PEOPLE, MeasureUnit.HOUSES, MeasureUnit.MODELS)


class Direction(str, enum.Enum):
    """Which side of its target an indicator must land on."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EXACTLY = "exactly"


class ReminderStatus(str, enum.Enum):
    """A reminder in the ledger: queued for mail, sent, or skipped (with a reason)."""

    QUEUED = "queued"
    SENT = "sent"
    SKIPPED = "skipped"


class MailStatus(str, enum.Enum):
    """A message in the outbox."""

    QUEUED = "queued"  #: waiting to be sent (or to be retried: see attempts and last error)
    SENDING = "sending"  #: claimed by a delivery pass (a lease: reclaimed if that process died)
    SENT = "sent"
    FAILED = "failed"  #: refused for good, or given up on after the last attempt
    SKIPPED = "skipped"  #: no longer to be sent (document submitted, due date moved, too late)


class MailKind(str, enum.Enum):
    REMINDER = "reminder"  #: a deadline reminder or overdue notice
    RETURNED = "returned"  #: a document was returned to its unit
    ACCOUNT = "account"  #: a set-password link
    APPROVED = "approved"  #: a document was approved: its unit is told
    SUBMITTED = "submitted"  #: a document was submitted: the coordinating unit's reviewers are told
    DIGEST = "digest"  #: a reviewer's daily digest of what waits


class NoticeKind(str, enum.Enum):
    """What a bell notice tells (its words are made when shown)."""

    BEFORE = "before"  #: a deadline comes
    DUE = "due"  #: due today
    OVERDUE = "overdue"  #: past its due date
    RETURNED = "returned"  #: to the unit: a document was returned
    APPROVED = "approved"  #: to the unit: a document was approved
    SUBMITTED = "submitted"  #: to the coordinating unit's reviewers: a document waits


#: The deadline notices: one item per user and deliverable carries them all.
REMINDER_NOTICES = (NoticeKind.BEFORE, NoticeKind.DUE, NoticeKind.OVERDUE)


class Verdict(str, enum.Enum):
    """What a sweep does with a reminder whose day has come or gone."""

    WAIT = "wait"  #: not yet (its hour has not come)
    SEND = "send"
    SKIP = "skip"  #: missed by more than the grace period: recorded, not sent


class SkipReason(str, enum.Enum):
    """Why a reminder, or a message in the outbox, did not go (stored; "" when it did)."""

    LATE = "late"  #: missed by more than the grace period (a message: waited too long)
    SUPERSEDED = "superseded"  #: a later reminder came due while this one waited
    SUBMITTED = "submitted"  #: the document was submitted meanwhile
    DUE_MOVED = "due_moved"
    POLICY_CHANGED = "policy_changed"
    DISABLED = "disabled"  #: the plan's reminders were switched off
    PLAN_WITHDRAWN = "plan_withdrawn"
    NO_RECIPIENTS = "no_recipients"  #: the unit has no one to write to
