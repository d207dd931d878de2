"""Changes to users made by an administrator (imports live in app/admin/importing.py)."""
import logging

from flask_babel import gettext as _

from workflows.enums import Role

from .. import policy
from ..errors import Forbidden, Invalid
from ..extensions import db
from .models import Membership

log = logging.getLogger(__name__)


def _check(actor, user):
    if not policy.can_admin_user(actor, user):
        raise Forbidden(_("You do not administer this user."))


def update_user(actor, user, full_name, is_active):
    _check(actor, user)
    if user.id == actor.id and not is_active:
        raise Invalid(_("You cannot deactivate your own account."))
    user.full_name, user.is_active_user = full_name.strip(), is_active
    db.session.commit()
    log.info("user %s updated by %s", user.email, actor.email)


def add_role(actor, user, unit, role):
    _check(actor, user)
    if not policy.can_admin_unit(actor, unit):
        raise Forbidden(_("You do not administer this unit."))
    role = Role(role)
    if any(m.unit_id == unit.id and m.role == role for m in user.memberships):
        raise Invalid(_("This user already has that role in that unit."))
    user.memberships.append(Membership(unit_id=unit.id, role=role))
    db.session.commit()
    log.info("role %s in %s given to %s by %s", role.value, unit.code, user.email, actor.email)


def remove_role(actor, membership):
    user = membership.user
    _check(actor, user)
    if not policy.can_admin_unit(actor, membership.unit):
        raise Forbidden(_("You do not administer this unit."))
    if user.id == actor.id and membership.role is Role.ADMIN:
        raise Invalid(_("You cannot remove your own administrator role."))
    user.memberships.remove(membership)
    db.session.commit()
    log.info("role %s in %s removed from %s by %s", membership.role.value, membership.unit.code, user.email,
             actor.email)


def reset_password(actor, user):
    """Void the current password; the user sets a new one through a link (mailed too)."""
    _check(actor, user)
    user.password_hash = None
    invite(user, reset=True)
    db.session.commit()
    log.info("password of %s reset by %s", user.email, actor.email)


def invite(user, reset=False):
    """Queue the set-password mail for ``user`` (in the caller's transaction)."""
    from flask_babel import gettext as _

    from workflows.enums import MailKind

    from ..outbox import operations as outbox
    from ..outbox.compose import mail_context, render
    from .tokens import set_password_url

    db.session.flush()  # the link names the user by id
    link = set_password_url(user)
    with mail_context():
        subject = _("Your account: set your password") if not reset else _("Your password was reset")
    text, html = render("account", subject=subject, user=user, link=link, reset=reset)
    unit_id = min((m.unit_id for m in user.memberships), default=None)
    from ..units.models import Unit

    outbox.queue(MailKind.ACCOUNT, [user.email], subject, text, html,
                 unit=db.session.get(Unit, unit_id) if unit_id else None)
