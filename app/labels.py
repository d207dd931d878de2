"""Display labels for the workflow vocabularies, translated through Babel."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from workflows.enums import (
    DeliverableKind,
    Direction,
    DocState,
    IndicatorKind,
    MailKind,
    MailStatus,
    MeasureUnit,
    Role,
    SkipReason,
    Trigger,
    UnitKind,
)

STATE_LABELS = {
    DocState.DRAFT: _l("Draft"),
    DocState.SUBMITTED: _l("Submitted"),
    DocState.RETURNED: _l("Returned"),
    DocState.APPROVED: _l("Approved"),
}

TRIGGER_LABELS = {
    Trigger.SUBMIT: _l("Submit"),
    Trigger.WITHDRAW: _l("Withdraw"),
    Trigger.APPROVE: _l("Approve"),
    Trigger.RETURN: _l("Return for revision"),
    Trigger.REOPEN: _l("Reopen for amendment"),
}

#: How a move reads in the history ("Nguyễn Văn An submitted").
TRIGGER_PAST = {
    Trigger.SUBMIT: _l("submitted"),
    Trigger.WITHDRAW: _l("withdrew"),
    Trigger.APPROVE: _l("approved"),
    Trigger.RETURN: _l("returned"),
    Trigger.REOPEN: _l("reopened"),
}

ROLE_LABELS = {
    Role.STAFF: _l("Unit staff"),
    Role.HEAD: _l("Unit head"),
    Role.REVIEWER: _l("Reviewer"),
    Role.OBSERVER: _l("Observer"),
    Role.ADMIN: _l("Administrator"),
}

UNIT_KIND_LABELS = {
    UnitKind.PROVINCE: _l("Province"),
    UnitKind.DEPARTMENT: _l("Department"),
    UnitKind.DISTRICT: _l("District"),
    UnitKind.COMMUNE: _l("Commune"),
    UnitKind.ORGANISATION: _l("Organisation"),
}

KIND_LABELS = {
    DeliverableKind.SUBPLAN: _l("Sub-plan"),
    DeliverableKind.QUARTERLY: _l("Quarterly report"),
    DeliverableKind.SIX_MONTH: _l("Six-month report"),
    DeliverableKind.NINE_MONTH: _l("Nine-month review"),
    DeliverableKind.ANNUAL: _l("Annual report"),
    DeliverableKind.FIVE_YEAR: _l("Five-year review"),
    DeliverableKind.ADHOC: _l("Ad-hoc report"),
}


def listed(labels):
    """A vocabulary's labels in the reader's language, for help texts: «Tỉnh», «Sở, ngành», …"""
    return ", ".join(f"«{label}»" for label in labels.values())


def item_label(kind, occurrence=1):
    """A schedule item's name: "Annual report", "Report for quarter 2"."""
    if DeliverableKind(kind) is DeliverableKind.QUARTERLY:
        return _("Report for quarter %(num)d", num=occurrence)
    return KIND_LABELS[DeliverableKind(kind)]


def deliverable_label(deliverable):
    if deliverable.kind is DeliverableKind.ADHOC and deliverable.title:
        return deliverable.title
    return item_label(deliverable.kind, deliverable.occurrence)


MAIL_STATUS_LABELS = {
    MailStatus.QUEUED: _l("Queued"),
    MailStatus.SENDING: _l("Sending"),
    MailStatus.SENT: _l("Sent"),
    MailStatus.FAILED: _l("Failed"),
    MailStatus.SKIPPED: _l("Skipped"),
}

MAIL_KIND_LABELS = {
    MailKind.REMINDER: _l("Deadline reminder"),
    MailKind.RETURNED: _l("Returned document"),
    MailKind.ACCOUNT: _l("Account"),
    MailKind.APPROVED: _l("Approved document"),
    MailKind.SUBMITTED: _l("Submitted for review"),
    MailKind.DIGEST: _l("Daily digest"),
}

#: Why a reminder or a message was not sent.
SKIP_REASON_LABELS = {
    SkipReason.LATE: _l("too late: missed by more than the grace period"),
    SkipReason.SUPERSEDED: _l("superseded by a later reminder"),
    SkipReason.SUBMITTED: _l("the document was submitted"),
    SkipReason.DUE_MOVED: _l("the due date changed"),
    SkipReason.POLICY_CHANGED: _l("the reminder policy changed"),
    SkipReason.DISABLED: _l("reminders switched off for the plan"),
    SkipReason.PLAN_WITHDRAWN: _l("the plan is no longer issued"),
    SkipReason.NO_RECIPIENTS: _l("the unit has no email address"),
}


#: A plan's indicators: how they add up, what they are measured in, where they must land.
INDICATOR_KIND_LABELS = {
    IndicatorKind.COUNT: _l("Count (summed over the units)"),
    IndicatorKind.RATIO: _l("Ratio (numerator ÷ denominator)"),
    IndicatorKind.VALUE: _l("Value (not summed: yes/no, a score)"),
}
MEASURE_UNIT_LABELS = {
    MeasureUnit.HOUSEHOLDS: _l("households"),
    MeasureUnit.PEOPLE: _l("people"),
    MeasureUnit.HOUSES: _l("houses"),
    MeasureUnit.MODELS: _l("models"),
    MeasureUnit.PERCENT: "%",
    MeasureUnit.MILLION_VND: _l("million VND"),
    MeasureUnit.YES_NO: _l("yes/no"),
    MeasureUnit.SCORE: _l("points"),
}
DIRECTION_LABELS = {
    Direction.AT_LEAST: _l("at least"),
    Direction.AT_MOST: _l("at most"),
    Direction.EXACTLY: _l("exactly"),
}
DIRECTION_SIGNS = {Direction.AT_LEAST: "≥", Direction.AT_MOST: "≤", Direction.EXACTLY: "="}
