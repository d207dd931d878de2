"""Changes to users made by an administrator, or by the user through a set-password link
(imports live in app/admin/importing.py)."""
import logging

from flask_babel import gettext as _

from workflows.enums import MailKind, Role
from workflows.rows import normalise_email

from .. import policy
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..outbox import operations as outbox
from ..outbox.compose import mail_context, render
from ..units.models import Unit
from . import sessions
from .models import Membership, User, new_stamp
from .tokens import set_password_url

log = logging.getLogger(__name__)


def _check(actor, user):
    if not policy.can_admin_user(actor, user):
        raise Forbidden(_("You do not administer this user: they also hold roles in units you do not administer."))


def _check_roles(actor, user, unit):
    _check(actor, user)
    if user.id == actor.id:
        raise Forbidden(_("You cannot change your own roles: another administrator can."))
    if not policy.can_admin_unit(actor, unit):
        raise Forbidden(_("You do not administer this unit."))


def update_user(actor, user, full_name, email, is_active):
    """Change a user's name, login email and whether they may log in."""
    _check(actor, user)
    if user.id == actor.id and not is_active:
        raise Invalid(_("You cannot deactivate your own account."))
    try:
        email = normalise_email(email)
    except ValueError:
        raise Invalid(_("Please correct the highlighted fields."),
                      {"email": _("This is not a valid email address.")}) from None
    if email != user.email and db.session.scalar(db.select(User.id).where(User.email == email)):
        raise Invalid(_("Please correct the highlighted fields."),
                      {"email": _("Another user already has this email.")})
    was_active, old_email = user.is_active_user, user.email
    user.full_name, user.email, user.is_active_user = full_name.strip(), email, is_active
    if was_active and not is_active:
        # Reactivation must not bring old cookies and tokens back to life.
        sessions.end_everything(user, "deactivated by %s" % actor.email)
    elif email != old_email:
        # A link mailed to the old address (a typo, a former owner) dies, and so do the logins.
        user.security_stamp = new_stamp()
        sessions.end_other_logins(user)
    db.session.commit()
    log.info("user %s updated by %s", user.email, actor.email)


def add_role(actor, user, unit, role):
    _check_roles(actor, user, unit)
    role = Role(role)
    if any(m.unit_id == unit.id and m.role == role for m in user.memberships):
        raise Invalid(_("This user already has that role in that unit."))
    user.memberships.append(Membership(unit_id=unit.id, role=role))
    db.session.commit()
    log.info("role %s in %s given to %s by %s", role.value, unit.code, user.email, actor.email)


def remove_role(actor, membership):
    user = membership.user
    _check_roles(actor, user, membership.unit)
    if len(user.memberships) == 1:
        # Someone without a role would be nobody's to manage: deactivate them instead.
        raise Invalid(_("This is the person's last role: give them another one first, or deactivate them."))
    user.memberships.remove(membership)
    db.session.commit()
    log.info("role %s in %s removed from %s by %s", membership.role.value, membership.unit.code, user.email,
             actor.email)


def reset_password(actor, user):
    """Void the password and end everything that stood on it (logins, remember-me cookies,
    API tokens, older links, the calendar address); the user sets a new one through a link,
    mailed to them."""
    _check(actor, user)
    user.password_hash = None
    sessions.end_everything(user, "password reset by %s" % actor.email)
    invite(user, reset=True)
    db.session.commit()
    log.info("password of %s reset by %s", user.email, actor.email)


def set_own_password(user, password):
    """The user sets their password through a link: the link dies, other logins end."""
    user.set_password(password)
    user.security_stamp = new_stamp()
    sessions.end_other_logins(user)
    log.info("password set by %s", user.email)


def invite(user, reset=False):
    """Queue the set-password mail for ``user`` (in the caller's transaction)."""
    db.session.flush()  # the link names the user by id, and carries their stamp
    link = set_password_url(user)
    with mail_context():
        subject = _("Your account: set your password") if not reset else _("Your password was reset")
    text, html = render("account", subject=subject, user=user, link=link, reset=reset)
    unit_id = min((m.unit_id for m in user.memberships), default=None)
    outbox.queue(MailKind.ACCOUNT, [user.email], subject, text, html,
                 unit=db.session.get(Unit, unit_id) if unit_id else None)
