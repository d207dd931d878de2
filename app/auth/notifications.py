"""Who is told what about accounts: the set-password link, by mail, to its owner only."""
from flask_babel import gettext as _

from workflows.enums import MailKind

from ..extensions import db
from ..outbox import operations as outbox
from ..outbox.compose import mail_context, render
from ..signals import account_created, password_reset
from ..units.models import Unit
from .tokens import set_password_url


@account_created.connect
def created(user, actor):
    invite(user)


@password_reset.connect
def reset(user, actor):
    invite(user, reset=True)


def invite(user, reset=False):
    """Queue the set-password mail for ``user`` (in the caller's transaction)."""
    db.session.flush()  # the link names the user by id, and carries their stamp
    link = set_password_url(user)
    with mail_context():
        subject = _("Your account: set your password") if not reset else _("Your password was reset")
    text, html = render("account", subject=subject, user=user, link=link, reset=reset)
    queue_private_mail(user, subject, text, html)


def queue_private_mail(user, subject, text, html):
    """Queue mail only ``user`` may read (the outbox shows who it went to, not what it says)."""
    unit_id = min((m.unit_id for m in user.memberships), default=None)
    outbox.queue(MailKind.ACCOUNT, [user.email], subject, text, html,
                 unit=db.session.get(Unit, unit_id) if unit_id else None)
