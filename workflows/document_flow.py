"""The life of a sub-plan or report: draft → submitted → approved / returned.

One ``transitions.Machine`` is built for the whole process and shared by every
document; a document (any object with ``state`` and ``submitted_by_id``) is
passed to the event, never attached to the machine. Who may fire a trigger is
decided by guards that read an :class:`Actor` travelling in the event, so the
same guards answer "may this user do it?" for buttons, routes and the API.
"""
from dataclasses import dataclass

from transitions import Machine, MachineError

from .enums import DocState, Trigger
from .text import N_


class WorkflowError(Exception):
    """A move the rules do not allow.

    ``message`` is an English sentence with ``%(name)s`` placeholders filled from
    ``params``; the application translates it before showing it.
    """

    code = "workflow_error"

    def __init__(self, message, **params):
        shown = {k: getattr(v, "value", v) for k, v in params.items()}
        super().__init__(message % shown if params else message)
        self.message = message
        self.params = params


class IllegalTransition(WorkflowError):
    code = "illegal_transition"


class NotAllowed(WorkflowError):
    code = "not_allowed"


class ReasonRequired(WorkflowError):
    code = "reason_required"


@dataclass(frozen=True)
class Actor:
    """What the rules need to know about the person acting on one document."""

    user_id: int
    is_head_of_owner: bool = False  #: head (thủ trưởng) of the unit that owns the document
    is_reviewer: bool = False  #: reviewer in the plan's coordinating unit
    wrote_version: bool = False  #: saved content in the version now current


# Guards: (predicate, message key). Messages are plain English sentences; the
# application translates them. Order matters: the first failing guard explains.
def _is_head(event):
    return event.kwargs["actor"].is_head_of_owner


def _is_reviewer(event):
    return event.kwargs["actor"].is_reviewer


def _is_submitter(event):
    return event.kwargs["actor"].user_id == event.model.submitted_by_id


def _not_submitter(event):
    return not _is_submitter(event)


def _not_author(event):
    return not event.kwargs["actor"].wrote_version


def _has_reason(event):
    return bool((event.kwargs.get("comment") or "").strip())


GUARD_MESSAGES = {
    _is_head: N_("Only the head of the unit that owns this document can do this."),
    _is_reviewer: N_("Only a reviewer of the plan's coordinating unit can do this."),
    _is_submitter: N_("Only the person who submitted this document can withdraw it."),
    _not_submitter: N_("You cannot approve or return a document you submitted yourself."),
    _not_author: N_("You saved content in this version: someone else must approve or return it."),
}

# The reason guard is checked separately: it is about the input, not the person,
# so the UI still offers the move and asks for the reason.
REASON_MESSAGE = N_("Please give a reason.")
ILLEGAL_MESSAGE = N_("This action is not possible while the document is %(state)s.")

TRANSITIONS = [
    {"trigger": Trigger.SUBMIT, "source": [DocState.DRAFT, DocState.RETURNED],
     "dest": DocState.SUBMITTED, "conditions": [_is_head]},
    {"trigger": Trigger.WITHDRAW, "source": DocState.SUBMITTED,
     "dest": DocState.DRAFT, "conditions": [_is_head, _is_submitter]},
    {"trigger": Trigger.APPROVE, "source": DocState.SUBMITTED,
     "dest": DocState.APPROVED, "conditions": [_is_reviewer, _not_submitter, _not_author]},
    {"trigger": Trigger.RETURN, "source": DocState.SUBMITTED,
     "dest": DocState.RETURNED, "conditions": [_is_reviewer, _not_submitter, _not_author, _has_reason]},
    {"trigger": Trigger.REOPEN, "source": DocState.APPROVED,
     "dest": DocState.DRAFT, "conditions": [_is_reviewer, _has_reason]},
]

#: Guards that depend on who the actor is, not on the document's state.
ROLE_GUARDS = (_is_head, _is_reviewer)

#: Triggers whose comment is mandatory.
NEEDS_REASON = frozenset(t["trigger"] for t in TRANSITIONS if _has_reason in t["conditions"])


MACHINE = Machine(
    model=None,
    states=DocState,
    transitions=[{**t, "trigger": t["trigger"].value} for t in TRANSITIONS],
    initial=None,
    auto_transitions=False,
    send_event=True,
    model_attribute="state",
)


class _Probe:
    """An event-shaped object for evaluating guards without firing anything."""

    def __init__(self, model, actor, comment):
        self.model = model
        self.kwargs = {"actor": actor, "comment": comment}


def _transition(trigger, state):
    for t in TRANSITIONS:
        sources = t["source"] if isinstance(t["source"], list) else [t["source"]]
        if t["trigger"] == trigger and state in sources:
            return t
    return None


def why_not(doc, trigger, actor, comment=None, check_reason=True):
    """Return the sentence explaining why ``actor`` cannot fire ``trigger``, or None."""
    trigger = Trigger(trigger)
    t = _transition(trigger, DocState(doc.state))
    probe = _Probe(doc, actor, comment)
    if t is None:
        # Not possible in this state. Someone whose role never allows the move is told
        # that (refused), rather than that the document is not in the right state (stale).
        for candidate in (x for x in TRANSITIONS if x["trigger"] == trigger):
            for guard in candidate["conditions"]:
                if guard in ROLE_GUARDS and not guard(probe):
                    return GUARD_MESSAGES[guard]
        return ILLEGAL_MESSAGE
    for guard in t["conditions"]:
        if guard is _has_reason:
            if check_reason and not guard(probe):
                return REASON_MESSAGE
        elif not guard(probe):
            return GUARD_MESSAGES[guard]
    return None


def allowed_triggers(doc, actor):
    """Triggers ``actor`` may fire on ``doc`` now (a reason may still be asked for)."""
    return [t for t in Trigger if why_not(doc, t, actor, check_reason=False) is None]


def fire(doc, trigger, actor, comment=None):
    """Move ``doc`` by ``trigger``; return (from_state, to_state) or raise a WorkflowError."""
    trigger = Trigger(trigger)
    source = DocState(doc.state)
    reason = why_not(doc, trigger, actor, comment)
    if reason == ILLEGAL_MESSAGE:
        raise IllegalTransition(reason, state=source)
    if reason == REASON_MESSAGE:
        raise ReasonRequired(reason)
    if reason is not None:
        raise NotAllowed(reason)
    try:
        done = MACHINE.events[trigger.value].trigger(doc, actor=actor, comment=comment)
    except MachineError as exc:  # only if the tables above and the machine disagree
        raise IllegalTransition(ILLEGAL_MESSAGE, state=source) from exc
    if not done:
        raise NotAllowed("This move is not allowed.")
    return source, DocState(doc.state)
