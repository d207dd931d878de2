"""What a reviewer needs to know about a submission before deciding: is it late, is it a
resubmission, and what changed since it was returned."""
from dataclasses import dataclass, field

from workflows.changes import changes
from workflows.enums import DocState, Trigger

from ..clock import VN_TZ
from ..documents.content import figure_fields, figure_key, text_fields


@dataclass
class ReviewFacts:
    days_late: int = 0  #: days after the due date the standing submission came (0: on time or none)
    returned: object = None  #: the return before the standing submission (TransitionLog), if any
    changes: list | None = field(default_factory=list)  #: since that return; None when history does not know

    @property
    def is_resubmission(self):
        return self.returned is not None


def days_late(due_on, submitted_at):
    """Whole days between the due date and a submission (the end of the due day in Vietnam
    is on time); 0 when on time."""
    if submitted_at is None:
        return 0
    return max(0, (submitted_at.astimezone(VN_TZ).date() - due_on).days)


def review_facts(doc):
    """The facts of ``doc``'s standing submission (submitted or approved); empty otherwise."""
    facts = ReviewFacts()
    if doc.state not in (DocState.SUBMITTED, DocState.APPROVED):
        return facts
    facts.days_late = days_late(doc.deliverable.due_on, doc.submitted_at)
    log = [e for e in doc.log if e.version_no == doc.current_version_no]
    submissions = [i for i, e in enumerate(log) if e.trigger is Trigger.SUBMIT]
    if not submissions:
        return facts
    standing = submissions[-1]
    returns = [e for e in log[:standing] if e.trigger is Trigger.RETURN]
    if returns:
        facts.returned = returns[-1]
        kind = doc.deliverable.kind
        before, now = facts.returned.content, log[standing].content or doc.current_version.content
        facts.changes = None if before is None else changes(before, now, text_fields(kind), figure_key(kind),
                                                             figure_fields(kind))
    return facts
