"""The delivery pass: sends what the outbox holds, and records what became of each message.

A pass is a job with transactions of its own, not an operation in someone else's: a
message handed to the mail server cannot be taken back, so its claim, and then its
outcome, are committed each at once (the one place besides the reminder sweep's rounds
that commits; see ``app.transaction``).

Delivery is safe to run in any number of processes at once: a message is *claimed*
by an atomic conditional update before it is sent, and only the claimant sends it. A
claim is a lease: if the process dies while holding it, the message is taken over once
the lease runs out (the one case where a message may go twice: the process died after
the SMTP server took the message and before the outbox heard of it; the Message-ID
stays the same, so mail clients show it once).
"""
import base64
import datetime as dt
import logging
import smtplib
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask import current_app
from flask_mail import Connection, Message

from workflows.enums import MailStatus
from workflows.reminders import retry_delay
from workflows.text import has_control_characters, one_line

from ..clock import now
from ..extensions import db
from .compose import base_url
from . import kinds
from .models import OutboxMessage
from .operations import mail_configured

log = logging.getLogger(__name__)

#: How long a delivery pass holds the messages it claimed; it stops sending that much
#: before the lease ends, so no other pass ever takes over a message it might still send.
LEASE = dt.timedelta(minutes=10)
LEASE_MARGIN = dt.timedelta(minutes=2)


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    held: int = 0  #: waiting because no SMTP server is configured
    errors: list = field(default_factory=list)


#: Messages claimed at once by a delivery pass.
BATCH = 20


def deliver_pending(at=None, limit=200):
    """Send what is due in the outbox (at most ``limit`` messages); return what happened."""
    at = at or now()
    report = DeliveryReport()
    if not mail_configured():
        report.held = db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                                        .where(OutboxMessage.status == MailStatus.QUEUED))
        return report
    started = time.monotonic()
    connection = None
    handled = 0
    try:
        while handled < limit:
            batch = _claim_batch(at, min(BATCH, limit - handled))
            if not batch:
                break
            handled += len(batch)
            reasons = kinds.reasons_not_to_send(batch, at)
            for index, message in enumerate(batch):
                if time.monotonic() - started > (LEASE - LEASE_MARGIN).total_seconds():
                    _release(batch[index:])  # our lease is running out: let another pass take these
                    return _logged(report)
                reason = reasons.get(message.id)
                if reason:
                    _skip(message, reason, at)
                    report.skipped += 1
                    continue
                try:
                    if connection is None:
                        connection = _connect()
                    connection.send(_to_mail(message))
                except (smtplib.SMTPException, OSError) as exc:
                    # (SMTPException is an OSError too: refused connections and timeouts are the others.)
                    gone = (isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError))
                            or not isinstance(exc, smtplib.SMTPException))
                    _failed_attempt(message, exc, at, permanent=not gone and _is_permanent(exc))
                    report.failed += message.status is MailStatus.FAILED
                    report.retrying += message.status is MailStatus.QUEUED
                    report.errors.append(str(exc))
                    if gone:  # the server is unreachable: the rest wait for the next pass
                        connection = None
                        _release(batch[index + 1:])
                        return _logged(report)
                else:
                    _sent(message, at)
                    report.sent += 1
    finally:
        if connection is not None and connection.host is not None:
            try:
                connection.host.quit()
            except (smtplib.SMTPException, OSError):
                pass
    return _logged(report)


def _logged(report):
    if report.sent or report.retrying or report.failed or report.skipped:
        log.info("delivery: %s", report)
    return report


def _due(at):
    return db.or_(
        db.and_(OutboxMessage.status == MailStatus.QUEUED, OutboxMessage.next_attempt_at <= at),
        db.and_(OutboxMessage.status == MailStatus.SENDING, OutboxMessage.claimed_until < at),
    )


def _claim_batch(at, size):
    """Take up to ``size`` due messages for this pass, atomically; the ones taken.

    One conditional UPDATE marks them with this pass's token; on PostgreSQL the
    candidates are locked with SKIP LOCKED, so concurrent passes take disjoint batches.
    """
    token = uuid.uuid4().hex
    candidates = (db.select(OutboxMessage.id).where(_due(at))
                  .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(size))
    if db.session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    db.session.execute(
        db.update(OutboxMessage)
        .where(OutboxMessage.id.in_(candidates), _due(at))
        .values(status=MailStatus.SENDING, claimed_by=token, claimed_until=at + LEASE,
                attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.claimed_by == token)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .execution_options(populate_existing=True)).all()


def _release(messages):
    """Give back claimed messages this pass will not try (no attempt counted)."""
    for message in messages:
        if message.status is MailStatus.SENDING:
            message.status, message.claimed_until, message.claimed_by = MailStatus.QUEUED, None, None
            message.attempts -= 1
    db.session.commit()


def _skip(message, reason, at):
    message.status, message.skip_reason, message.claimed_until = MailStatus.SKIPPED, reason, None
    message.claimed_by = None
    kinds.hooks(message.kind).after_skipped(message, reason, at)
    db.session.commit()
    log.info("outbox %s skipped: %s", message.id, reason)


def _sent(message, at):
    message.status, message.sent_at, message.claimed_until = MailStatus.SENT, at, None
    message.claimed_by = None
    kinds.hooks(message.kind).after_sent(message, at)
    db.session.commit()


def _failed_attempt(message, exc, at, permanent):
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    message.claimed_until = message.claimed_by = None
    if permanent or message.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        message.status = MailStatus.FAILED
    else:
        message.status = MailStatus.QUEUED
        message.next_attempt_at = at + retry_delay(message.attempts)
    db.session.commit()
    log.warning("outbox %s attempt %d failed (%s): %s", message.id, message.attempts,
                "permanent" if permanent else "will retry", message.last_error)


def _is_permanent(exc):
    """5xx answers about this message are final; everything else is worth another try."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return False  # our own configuration: it fails for every message, retry until fixed
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return False


def _connect():
    """An SMTP connection, as Flask-Mail makes it but with a timeout (a hung server must not hang us)."""
    config = current_app.config
    state = current_app.extensions["mail"]
    connection = Connection(state)
    timeout = config["MAIL_TIMEOUT"]
    if config["MAIL_USE_SSL"]:
        host = smtplib.SMTP_SSL(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    else:
        host = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    if config["MAIL_USE_TLS"]:
        host.starttls()
    if config["MAIL_USERNAME"] and config["MAIL_PASSWORD"]:
        host.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    connection.host = host
    return connection


def encoded_subject(subject):
    """The subject as RFC 2047 encoded words, each holding its own spaces.

    Python 3.11's email package folds a long non-ASCII subject between encoded words
    and readers drop the whitespace there (CPython gh-144156): "kết quả" arrived as
    "kếtquả". Words of at most 12 characters (36 bytes of UTF-8, within the 75-character
    limit) carrying their spaces inside cannot lose them however the line is folded.
    """
    try:
        subject.encode("ascii")
        return subject
    except UnicodeEncodeError:
        chunks = [subject[i:i + 12] for i in range(0, len(subject), 12)]
        return " ".join(f"=?utf-8?b?{base64.b64encode(c.encode('utf-8')).decode('ascii')}?=" for c in chunks)


def _to_mail(message):
    # No header is built from data with a control character in it: the subject (which
    # carries titles and unit names) is put on one line again here, for messages queued
    # before ``queue`` did it, and addresses with one are dropped.
    mail = Message(subject=encoded_subject(one_line(message.subject)), recipients=_clean(message.to_list),
                   cc=_clean(message.cc_list), body=message.body_text, html=message.body_html,
                   sender=one_line(current_app.config["MAIL_DEFAULT_SENDER"]))
    # The same id on every attempt: should a message ever go twice, clients show it once.
    domain = urlsplit(base_url()).hostname or "giamngheo.local"
    mail.msgId = f"<outbox-{message.id}-{int(message.created_at.timestamp())}@{domain}>"
    return mail


def _clean(addresses):
    return [a for a in addresses if not has_control_characters(a) and a == a.strip()]


