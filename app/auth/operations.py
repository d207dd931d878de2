"""The only place where users and their roles change: an administrator's pages, a file of
users (admin page or the command line), or the users themselves (a set-password link,
their own page, a link asked for from the login page).

One write path: the new-user form and every row of a file are checked by the same rules
(``workflows.rows``) and scope questions (``policy.user_row_refusals``) and written by the
same code. ``actor`` None is the operator at the command line (no scope limits)."""
import logging

from flask import current_app
from flask_babel import gettext as _

from workflows.enums import Role
from workflows.rows import check_user_rows, normalise_email
from workflows.unit_names import Matcher, resolve_codes, without_cells

from .. import policy, signals
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..formatting import translate_message
from ..labels import ROLE_LABELS
from ..outbox.compose import mail_context, render
from ..tables import ImportResult, normalise_vocabulary
from ..units.models import Unit
from . import sessions
from .models import Membership, User, new_stamp
from .notifications import queue_private_mail
from .tokens import FORGOTTEN_MAX_AGE, set_password_url

log = logging.getLogger(__name__)


def _check(actor, user):
    if actor is not None and not policy.can_admin_user(actor, user):
        raise Forbidden(_("You do not administer this user: they also hold roles in units you do not administer."))


def _check_roles(actor, user, unit):
    _check(actor, user)
    if actor is None:
        return
    if user.id == actor.id:
        raise Forbidden(_("You cannot change your own roles: another administrator can."))
    if not policy.can_admin_unit(actor, unit):
        raise Forbidden(_("You do not administer this unit."))


def _problems(actor, rows, units):
    emails = set()
    for r in rows:
        try:
            emails.add(normalise_email(r.get("email") or ""))
        except ValueError:
            continue  # reported by the row checks
    known = db.session.scalars(db.select(User).where(User.email.in_(emails))).all() if emails else []
    problems = check_user_rows(rows, units.keys()) + policy.user_row_refusals(actor, rows, units, known)
    return sorted(problems, key=lambda e: (e.row, e.column)), {u.email: u for u in known}


def create_user(actor, email, full_name, unit_code, role):
    """A new user with one role, as the new-user form makes one; their set-password link
    goes by mail. Someone who exists already gets roles on their own page instead."""
    return create_user_with_roles(actor, email, full_name, [(unit_code, role)],
                                  field=lambda _index, column: column)


def create_user_with_roles(actor, email, full_name, roles, field=None):
    """A new user with ``roles`` ([(unit code, role)], at least one), each checked as a row
    of a file is; a refusal about the n-th role names its field ``field(n, column)``
    ("roles.0.unit_code" unless told otherwise)."""
    field = field or (lambda index, column: f"roles.{index}.{column}")
    rows = [{"row": index + 1, "email": email or "", "full_name": full_name or "", "unit_code": unit_code or "",
             "role": role or ""} for index, (unit_code, role) in enumerate(roles)]
    units = {u.code.upper(): u for u in db.session.scalars(db.select(Unit))}
    errors = {}
    if not rows:  # the person is still checked, as a row without a role
        errors["roles"] = _("Give the user at least one role.")
        problems, known = _problems(actor, [{"row": 1, "email": email or "", "full_name": full_name or "",
                                             "unit_code": "", "role": ""}], units)
        problems = [p for p in problems if p.column in ("email", "full_name")]
    else:
        problems, known = _problems(actor, rows, units)
    if known:
        errors["email"] = _("A user with this email exists already: add the role on their page.")
    for problem in problems:
        name = problem.column if problem.column in ("email", "full_name") else field(problem.row - 1, problem.column)
        errors.setdefault(name, translate_message(problem.message, problem.params))
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    user = User(email=normalise_email(email), full_name=full_name.strip(),
                memberships=[Membership(unit_id=units[r["unit_code"].strip().upper()].id, role=Role(r["role"]))
                             for r in rows])
    db.session.add(user)
    db.session.flush()
    signals.account_created.send(user, actor=actor)  # auth/notifications.py: the set-password link
    log.info("user %s created by %s", user.email, getattr(actor, "email", "system"))
    return user


def import_users(actor, rows):
    """Create or update users and their roles from ``rows`` (dicts from ``tables.read_rows``):
    each user's roles within the actor's units become those in the file (roles elsewhere
    stay). Every row checked first, then all written, or none."""
    normalise_vocabulary(rows, "role", Role, ROLE_LABELS)
    units = {u.code.upper(): u for u in db.session.scalars(db.select(Unit))}
    # The unit column may name the unit as an appendix prints it ("X. Nam Đà"), among the actor's units.
    named = resolve_codes(rows, "unit_code", Matcher(policy.nameable_units(actor, units)), units,
                          scoped=actor is not None)
    problems, existing = _problems(actor, rows, units)
    result = ImportResult(errors=sorted(named + without_cells(problems, named), key=lambda e: (e.row, e.column)))
    if result.errors:
        return result
    scope = None if actor is None else policy.admin_unit_ids(actor)
    wanted = {}
    for r in rows:
        entry = wanted.setdefault(normalise_email(r["email"]), {"name": r["full_name"].strip(), "roles": set()})
        entry["roles"].add((units[r["unit_code"].strip().upper()].id, Role(r["role"])))
    for email, entry in wanted.items():
        user = existing.get(email)
        if user is None:
            user = User(email=email, full_name=entry["name"],
                        memberships=[Membership(unit_id=unit_id, role=role) for unit_id, role in sorted(entry["roles"])])
            db.session.add(user)
            result.created += 1
            result.new_users.append(user)
            continue
        changed = _apply_roles(user, entry["roles"], scope)
        if user.full_name != entry["name"]:
            user.full_name, changed = entry["name"], True
        result.updated += changed
        result.unchanged += not changed
    db.session.flush()
    for user in result.new_users:  # their set-password links go by mail, with the import
        signals.account_created.send(user, actor=actor)
    log.info("users imported by %s: %d created, %d updated, %d unchanged",
             getattr(actor, "email", "system"), result.created, result.updated, result.unchanged)
    return result


def _apply_roles(user, roles, scope):
    """Make the user's roles within ``scope`` (None: everywhere) exactly ``roles``."""
    current = {(m.unit_id, m.role): m for m in user.memberships}
    keep = {key for key in current if scope is not None and key[0] not in scope}
    target = set(roles) | keep
    if set(current) == target:
        return False
    user.memberships = [current.get(key) or Membership(unit_id=key[0], role=key[1]) for key in sorted(target)]
    return True


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
    log.info("role %s in %s given to %s by %s", role.value, unit.code, user.email, getattr(actor, "email", "system"))


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
