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
    """What a plan may ask of an assigned unit (its schedule), and ad-hoc reports."""

    SUBPLAN = "subplan"  #: the unit's own plan for the year (kế hoạch của đơn vị)
    QUARTERLY = "quarterly"  #: a quarter's report (four a year)
    SIX_MONTH = "six_month"
    NINE_MONTH = "nine_month"  #: the Q3 review (sơ kết 9 tháng)
    ANNUAL = "annual"
    FIVE_YEAR = "five_year"  #: the five-year review (tổng kết giai đoạn)
    ADHOC = "adhoc"  #: asked for on its own ("situation as of month 8")

    @property
    def is_report(self):
        return self is not DeliverableKind.SUBPLAN

    @property
    def is_scheduled(self):
        """Part of a plan's schedule (every kind but the ad-hoc report)."""
        return self is not DeliverableKind.ADHOC

    @property
    def rank(self):
        """Between reports whose periods end on the same day, whose figures stand: the annual
        report's over the five-year review's, over the six-month or Q3 one's, over a quarter's,
        over an ad-hoc report's."""
        return _REPORT_RANK.get(self, 0)

    @property
    def occurrences(self):
        """How many of this kind a year's schedule holds (quarters: four)."""
        return 4 if self is DeliverableKind.QUARTERLY else 1


_REPORT_RANK = {DeliverableKind.ANNUAL: 4, DeliverableKind.FIVE_YEAR: 3, DeliverableKind.SIX_MONTH: 2,
                DeliverableKind.NINE_MONTH: 2, DeliverableKind.QUARTERLY: 1}

#: The order in which a schedule lists its kinds (and the plan form offers them).
SCHEDULED_KINDS = (DeliverableKind.SUBPLAN, DeliverableKind.QUARTERLY, DeliverableKind.SIX_MONTH,
                   DeliverableKind.NINE_MONTH, DeliverableKind.ANNUAL, DeliverableKind.FIVE_YEAR)
#: What most plans ask (Đắk Nông 2023, VI.15): a sub-plan, a six-month and an annual report.
STANDARD_KINDS = (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)


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
