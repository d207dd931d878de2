"""The only place where the outbox changes outside a delivery pass: messages are queued
in the transaction of what causes them, and an administrator puts a failed one back.

The outbox knows messages, not what they are about: each domain that sends a kind of
mail says, through ``outbox.kinds``, whether a queued message should still go and what
to record once it went or was skipped. Sending is ``outbox.delivery``'s.
"""

from flask import current_app
from flask_babel import gettext as _

from workflows.enums import MailStatus
from workflows.text import one_line

from .. import policy
from ..clock import now
from ..errors import Forbidden, Invalid
from ..extensions import db
from .models import OutboxMessage


def queue(kind, to, subject, text, html, cc=(), plan=None, unit=None, deliverable=None, reminder_id=None, at=None):
    """Add a message to the outbox, in the caller's transaction (nothing is committed here)."""
    at = at or now()
    message = OutboxMessage(
        kind=kind, to_addrs=",".join(to), cc_addrs=",".join(cc), subject=one_line(subject)[:300], body_text=text,
        body_html=html, status=MailStatus.QUEUED, created_at=at, next_attempt_at=at,
        plan_id=getattr(plan, "id", None), unit_id=getattr(unit, "id", None),
        deliverable_id=getattr(deliverable, "id", None), reminder_id=reminder_id,
    )
    db.session.add(message)
    return message


def mail_configured():
    return bool(current_app.config.get("MAIL_SERVER"))


def retry(user, message, at=None):
    """Put a failed message back in the queue: an administrator's decision."""
    if not policy.can_see_message(user, message):
        raise Forbidden(_("You do not have permission to manage this message."))
    if message.status is not MailStatus.FAILED:
        raise Invalid(_("Only a failed message can be sent again."))
    message.status, message.next_attempt_at, message.skip_reason = MailStatus.QUEUED, at or now(), ""
    db.session.flush()
    return message
