"""Changes to users made by an administrator, or by the users themselves (a set-password
link, their own page, a link asked for from the login page); imports live in
app/admin/importing.py."""
import logging

from flask import current_app
from flask_babel import gettext as _

from workflows.enums import Role
from workflows.rows import normalise_email

from .. import policy, signals
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..outbox.compose import mail_context, render
from . import sessions
from .models import Membership, User, new_stamp
from .notifications import queue_private_mail
from .tokens import FORGOTTEN_MAX_AGE, set_password_url

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
    db.session.flush()
    log.info("user %s updated by %s", user.email, actor.email)


def add_role(actor, user, unit, role):
    _check_roles(actor, user, unit)
    role = Role(role)
    if any(m.unit_id == unit.id and m.role == role for m in user.memberships):
        raise Invalid(_("This user already has that role in that unit."))
    user.memberships.append(Membership(unit_id=unit.id, role=role))
    db.session.flush()
    log.info("role %s in %s given to %s by %s", role.value, unit.code, user.email, actor.email)


def remove_role(actor, membership):
    user = membership.user
    _check_roles(actor, user, membership.unit)
    if len(user.memberships) == 1:
        # Someone without a role would be nobody's to manage: deactivate them instead.
        raise Invalid(_("This is the person's last role: give them another one first, or deactivate them."))
    user.memberships.remove(membership)
    db.session.flush()
    log.info("role %s in %s removed from %s by %s", membership.role.value, membership.unit.code, user.email,
             actor.email)


def reset_password(actor, user):
    """Void the password and end everything that stood on it (logins, remember-me cookies,
    API tokens, older links, the calendar address); the user sets a new one through a link,
    mailed to them."""
    _check(actor, user)
    user.password_hash = None
    sessions.end_everything(user, "password reset by %s" % actor.email)
    db.session.flush()
    signals.password_reset.send(user, actor=actor)  # auth/notifications.py: the new link, by mail
    log.info("password of %s reset by %s", user.email, actor.email)


def use_password_link(user, password, logged_in=None):
    """Set ``user``'s password through their link and log them in, in this browser;
    whoever was ``logged_in`` here before is logged out first."""
    if logged_in is not None:
        sessions.log_out(logged_in)
    set_own_password(user, password)
    sessions.log_in(user)


def set_own_password(user, password):
    """The user sets their password through a link: the link dies, other logins end."""
    user.set_password(password)
    user.security_stamp = new_stamp()
    sessions.end_other_logins(user)
    log.info("password set by %s", user.email)


def change_own_password(user, current_password, new_password):
    """The user changes their password on their own page: the current one must be right.

    Like a link, it ends the user's other logins and kills every set-password link; the
    login it is made from goes on, and the API tokens stay (the user knew the password:
    nothing says the account is compromised, and their scripts keep running; an
    administrator's reset revokes them)."""
    if not user.check_password(current_password):
        log.info("wrong current password given by %s", user.email)
        raise Invalid(_("Please correct the highlighted fields."),
                      {"current_password": _("This is not your current password.")})
    if user.check_password(new_password):
        raise Invalid(_("Please correct the highlighted fields."),
                      {"password": _("The new password must differ from the current one.")})
    set_own_password(user, new_password)
    db.session.flush()


def choose_language(user, code):
    """Remember the interface language the user chose (used at every login after)."""
    user.locale = code
    db.session.flush()


def mail_password_link(email):
    """Mail a set-password link to the active account with ``email``, if there is one.

    The answer is the same either way, and so is the work: for an unknown email the same
    mail is composed (for a stand-in) and only not queued, so the time taken does not tell
    who has an account. The current password keeps working until the link is used (the
    user may remember it meanwhile, and a stranger asking for links cannot lock anyone
    out); the link works once, within two hours, and dies when the password changes."""
    try:
        email = normalise_email(email)
    except ValueError:
        email = ""
    user = db.session.scalar(db.select(User).where(User.email == email)) if email else None
    known = user is not None and user.is_active
    someone = user if known else User(id=0, email=email, full_name=email, security_stamp=new_stamp())
    # Made as the scheduler makes links, never from this request's address: its Host header
    # is the visitor's to choose, and a link on their host would hand them someone's token.
    config = current_app.config
    with current_app.test_request_context(base_url=config.get("BASE_URL") or config.get("DEFAULT_BASE_URL")):
        link = set_password_url(someone, max_age=FORGOTTEN_MAX_AGE)
    with mail_context():
        subject = _("Set a new password")
    text, html = render("forgotten_password", subject=subject, user=someone, link=link,
                        hours=FORGOTTEN_MAX_AGE // 3600)
    if known:
        queue_private_mail(user, subject, text, html)
        db.session.flush()
        log.info("set-password link asked for by %s", user.email)
