"""What each kind of mail asks of the delivery pass, registered by the domain that sends it.

The outbox is the ground floor: it knows messages, not reminders or documents. A domain
whose messages may stop being true while they wait (a reminder for a report submitted
meanwhile) registers, for its mail kind, the check "should these still go?" and what to
record once one went or was skipped. Kinds nobody registered go unless they waited
longer than ``MAX_AGE``.
"""
import datetime as dt
from dataclasses import dataclass
from typing import Callable

from workflows.enums import SkipReason

#: A notice that could not go out within a week is no longer news: it is skipped.
MAX_AGE = dt.timedelta(days=7)


def too_old(message, at):
    """SkipReason.LATE for a message that waited longer than ``MAX_AGE``, else None."""
    return SkipReason.LATE if at - message.created_at > MAX_AGE else None


def _too_old(messages, at):
    return {m.id: SkipReason.LATE for m in messages if too_old(m, at)}


def _nothing(*args):
    return None


@dataclass(frozen=True)
class KindHooks:
    #: (messages of this kind, moment) → {message id: SkipReason} for those that must not go.
    still_to_send: Callable = _too_old
    #: (message, moment): once the mail server took it.
    after_sent: Callable = _nothing
    #: (message, SkipReason, moment): once it was skipped.
    after_skipped: Callable = _nothing


_REGISTRY = {}


def register(kind, still_to_send=_too_old, after_sent=_nothing, after_skipped=_nothing):
    """Say what delivery asks for messages of ``kind`` (a ``MailKind``); once per kind."""
    _REGISTRY[kind] = KindHooks(still_to_send, after_sent, after_skipped)


def hooks(kind):
    return _REGISTRY.get(kind, DEFAULT)


DEFAULT = KindHooks()


def reasons_not_to_send(messages, at):
    """{message id: SkipReason} for the messages of a batch that must not go now."""
    by_kind = {}
    for message in messages:
        by_kind.setdefault(message.kind, []).append(message)
    reasons = {}
    for kind, group in by_kind.items():
        reasons.update(hooks(kind).still_to_send(group, at))
    return reasons
