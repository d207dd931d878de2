"""Bulk import of units and users: check every row, then write all of them or none.

The same path serves the admin pages, the command line (``actor=None``: the system
operator, unrestricted) and single edits. Re-importing a file changes nothing; a
changed row updates its unit or user.
"""
import logging
import unicodedata
from dataclasses import dataclass, field

from flask_babel import force_locale

from workflows.enums import Role, UnitKind
from workflows.rows import (
    RowError,
    check_unit_rows,
    check_user_rows,
    normalise_email,
    split_emails,
)
from workflows.text import N_

from .. import policy, signals
from ..auth.models import Membership, User
from ..extensions import db
from ..labels import ROLE_LABELS, UNIT_KIND_LABELS
from ..units.models import Unit, UnitContact

log = logging.getLogger(__name__)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  #: RowError, nothing was written if any
    new_users: list = field(default_factory=list)  #: users who need a set-password link

    @property
    def ok(self):
        return not self.errors


def _fold(text):
    return " ".join(unicodedata.normalize("NFC", str(text)).strip().lower().split())


def _vocabulary(enum_cls, labels):
    """Accept the stored value ("district"), or the label in either language ("Huyện")."""
    words = {}
    for member in enum_cls:
        words[_fold(member.value)] = member.value
        for locale in ("vi", "en"):
            with force_locale(locale):
                words[_fold(str(labels[member]))] = member.value
    return words


def _normalise(rows, column, enum_cls, labels):
    words = _vocabulary(enum_cls, labels)
    for r in rows:
        r[f"{column}_raw"] = r.get(column, "")
        r[column] = words.get(_fold(r.get(column, "")), r.get(column, "") and "?")


def import_units(actor, rows):
    """Create or update units from ``rows`` (dicts from ``tables.read_rows``)."""
    _normalise(rows, "kind", UnitKind, UNIT_KIND_LABELS)
    units = {u.code.upper(): u for u in db.session.scalars(db.select(Unit))}
    parents = {u.code: (u.parent.code if u.parent else None) for u in units.values()}
    result = ImportResult(errors=check_unit_rows(rows, parents))
    if actor is not None:
        result.errors += _unit_scope_errors(actor, rows, units)
        result.errors.sort(key=lambda e: (e.row, e.column))
    if result.errors:
        return result

    for r in rows:
        code = r["code"].strip()
        if code.upper() not in units:
            unit = Unit(code=code, name=r["name"].strip(), kind=UnitKind(r["kind"]))
            db.session.add(unit)
            units[code.upper()] = unit
            r["_new"] = True
    for r in rows:
        unit = units[r["code"].strip().upper()]
        before = _unit_signature(unit)
        parent_code = (r.get("parent_code") or "").strip().upper()
        unit.name, unit.kind = r["name"].strip(), UnitKind(r["kind"])
        unit.parent = units[parent_code] if parent_code else None
        emails = list(dict.fromkeys(normalise_email(e) for e in split_emails(r.get("emails"))))
        if set(emails) != {c.email for c in unit.contacts}:
            kept = {c.email: c for c in unit.contacts}
            unit.contacts = [kept.get(e) or UnitContact(email=e) for e in emails]
        if r.get("_new"):
            result.created += 1
        elif _unit_signature(unit) != before:
            result.updated += 1
        else:
            result.unchanged += 1
    db.session.flush()
    log.info("units imported by %s: %d created, %d updated, %d unchanged",
             getattr(actor, "email", "system"), result.created, result.updated, result.unchanged)
    return result


def _unit_signature(unit):
    return (unit.name, unit.kind, unit.parent.code if unit.parent else None, sorted(c.email for c in unit.contacts))


RESHAPE_ABOVE = N_("Only an administrator above this unit can rename it, change its kind or deactivate it.")


def _unit_scope_errors(actor, rows, units):
    """Rows the actor may not write: a unit outside their units, or a unit put under a
    parent outside them (or at the top level, unless they administer a top-level unit).
    The same rule as the unit form, through ``policy.parent_refusal``."""
    scope = policy.admin_unit_ids(actor)
    in_file = {(r.get("code") or "").strip().upper(): r for r in rows}
    errors = []

    def administered(code, depth=0):
        if code in units:
            return units[code].id in scope
        row = in_file.get(code)
        parent = (row.get("parent_code") or "").strip().upper() if row else ""
        return bool(parent) and depth < 50 and administered(parent, depth + 1)

    for r in rows:
        code = (r.get("code") or "").strip().upper()
        existing = units.get(code)
        if existing is not None and existing.id not in scope:
            errors.append(RowError(r["row"], "code", N_("You do not administer the unit %(code)s."), {"code": r["code"]}))
            continue
        if existing is not None and not policy.can_reshape_unit(actor, existing):
            for column, changed in (("name", (r.get("name") or "").strip() != existing.name),
                                    ("kind", r.get("kind") != existing.kind.value)):
                if changed:
                    errors.append(RowError(r["row"], column, RESHAPE_ABOVE))
        parent_code = (r.get("parent_code") or "").strip().upper()
        if parent_code and parent_code not in units:
            # A unit new in this file: fine if it lands within the actor's units (an unknown
            # code is reported by the row checks).
            if parent_code in in_file and not administered(parent_code):
                errors.append(RowError(r["row"], "parent_code", policy.PARENT_OUTSIDE))
            continue
        reason = policy.parent_refusal(actor, existing.parent_id if existing is not None else None,
                                       units[parent_code].id if parent_code else None, is_new=existing is None)
        if reason:
            errors.append(RowError(r["row"], "parent_code", reason))
    return errors


def import_users(actor, rows, create_only=False):
    """Create or update users and their roles; each user's roles become those in the file.

    Roles a user holds in units the actor does not administer are left alone.
    ``create_only``: a row for someone who exists already is an error (the new-user page).
    """
    _normalise(rows, "role", Role, ROLE_LABELS)
    units = {u.code.upper(): u for u in db.session.scalars(db.select(Unit))}
    result = ImportResult(errors=check_user_rows(rows, units.keys()))
    scope = None if actor is None else policy.admin_unit_ids(actor)
    if scope is not None:
        for r in rows:
            unit = units.get((r.get("unit_code") or "").strip().upper())
            if unit is not None and unit.id not in scope:
                result.errors.append(RowError(r["row"], "unit_code", N_("You do not administer the unit %(code)s."),
                                              {"code": r["unit_code"]}))
        result.errors += _user_scope_errors(actor, rows, units)
        result.errors.sort(key=lambda e: (e.row, e.column))
    if result.errors:
        return result

    wanted = {}
    for r in rows:
        email = normalise_email(r["email"])
        entry = wanted.setdefault(email, {"name": r["full_name"].strip(), "roles": set()})
        entry["roles"].add((units[r["unit_code"].strip().upper()].id, Role(r["role"])))
    existing = {u.email: u for u in db.session.scalars(db.select(User).where(User.email.in_(wanted)))}
    if create_only and existing:
        result.errors = [RowError(r["row"], "email", N_("A user with this email exists already: add the role on "
                                                         "their page.")) for r in rows
                         if normalise_email(r["email"]) in existing]
        return result
    for email, entry in wanted.items():
        user = existing.get(email)
        if user is None:
            user = User(email=email, full_name=entry["name"])
            user.memberships = [Membership(unit_id=unit_id, role=role) for unit_id, role in sorted(entry["roles"])]
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
    db.session.flush()
    log.info("users imported by %s: %d created, %d updated, %d unchanged",
             getattr(actor, "email", "system"), result.created, result.updated, result.unchanged)
    return result


def _user_scope_errors(actor, rows, units):
    """Rows about people the actor may not change: someone holding a role outside the
    actor's units (renaming them or adding a role would hand that role over), or the
    actor themself when the file would change their roles."""
    by_email = {}
    for r in rows:
        try:
            by_email.setdefault(normalise_email(r.get("email") or ""), []).append(r)
        except ValueError:
            continue  # reported by the row checks
    known = db.session.scalars(db.select(User).where(User.email.in_(by_email))).all() if by_email else []
    errors = []
    for user in known:
        first = by_email[user.email][0]
        if not policy.can_admin_user(actor, user):
            errors.append(RowError(first["row"], "email", N_(
                "%(email)s also holds roles in units you do not administer: only an administrator above those "
                "units can change this user."), {"email": user.email}))
        elif user.id == actor.id:
            wanted = {(units[r["unit_code"].strip().upper()].id, r["role"]) for r in by_email[user.email]
                      if r["unit_code"].strip().upper() in units and r["role"] in {x.value for x in Role}}
            if wanted != {(m.unit_id, m.role.value) for m in user.memberships}:
                errors.append(RowError(first["row"], "role", N_(
                    "You cannot change your own roles: another administrator can.")))
    return errors


def _apply_roles(user, roles, scope):
    """Make the user's roles within ``scope`` (None: everywhere) exactly ``roles``."""
    current = {(m.unit_id, m.role): m for m in user.memberships}
    keep = {key for key in current if scope is not None and key[0] not in scope}
    target = set(roles) | keep
    if set(current) == target:
        return False
    user.memberships = [current.get(key) or Membership(unit_id=key[0], role=key[1]) for key in sorted(target)]
    return True

