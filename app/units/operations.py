"""The only place where units change: the unit form, a file of units (admin page or the
command line), deactivation, deletion of an unused unit.

One write path: the form and every row of a file are checked by the same rules
(``workflows.rows``) and the same scope questions (``policy.unit_row_refusals``), then
written by the same ``_write``. A file is checked whole before anything is written: all
its rows or none. ``actor`` None is the operator at the command line (no scope limits).
"""
import logging

from flask_babel import gettext as _

from workflows.enums import UnitKind
from workflows.rows import check_unit_rows, normalise_email, split_emails
from workflows.unit_names import Matcher, UnitName, resolve_codes, without_cells

from .. import policy
from ..auth.models import Membership
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..formatting import translate_message
from ..labels import UNIT_KIND_LABELS
from ..plans.models import Assignment, Plan
from ..tables import ImportResult, normalise_vocabulary
from .models import Unit, UnitContact

log = logging.getLogger(__name__)


def _stored():
    return {u.code.upper(): u for u in db.session.scalars(db.select(Unit))}


def _problems(actor, rows, units):
    parents = {u.code: (u.parent.code if u.parent else None) for u in units.values()}
    return sorted(check_unit_rows(rows, parents) + policy.unit_row_refusals(actor, rows, units),
                  key=lambda e: (e.row, e.column))


def _write(unit, row, units):
    """Give ``unit`` the row's name, kind, parent and contact emails; True if anything changed."""
    before = _signature(unit)
    parent_code = (row.get("parent_code") or "").strip().upper()
    unit.name, unit.kind = row["name"].strip(), UnitKind(row["kind"])
    unit.parent = units[parent_code] if parent_code else None
    emails = list(dict.fromkeys(normalise_email(e) for e in split_emails(row.get("emails"))))
    if set(emails) != {c.email for c in unit.contacts}:
        kept = {c.email: c for c in unit.contacts}
        unit.contacts = [kept.get(e) or UnitContact(email=e) for e in emails]
    return _signature(unit) != before


def _signature(unit):
    return (unit.name, unit.kind, unit.parent.code if unit.parent else None, sorted(c.email for c in unit.contacts))


def save_unit(actor, unit, code, name, kind, parent_code, emails, is_active):
    """Create a unit (``unit`` None) or change one, as the unit form does. The code of a
    stored unit is its stable key and never changes. Refusals name their field."""
    if unit is not None and not policy.can_admin_unit(actor, unit):
        raise Forbidden(_("You do not administer this unit."))
    units = _stored()
    values = {"row": 1, "code": unit.code if unit is not None else (code or "").strip(), "name": name or "",
              "kind": kind or "", "parent_code": parent_code or "", "emails": emails or ""}
    errors = {}
    if unit is None and values["code"].upper() in units:
        errors["code"] = _("This code is already used by another unit.")
    for problem in _problems(actor, [values], units):
        errors.setdefault(problem.column, translate_message(problem.message, problem.params))
    if unit is not None and is_active != unit.is_active and not policy.can_reshape_unit(actor, unit):
        errors.setdefault("is_active", translate_message(policy.RESHAPE_ABOVE, {}))
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    created = unit is None
    if created:
        unit = Unit(code=values["code"], name=values["name"].strip(), kind=UnitKind(values["kind"]))
        db.session.add(unit)
    _write(unit, values, units)
    unit.is_active = bool(is_active)
    db.session.flush()
    log.info("unit %s %s by %s", unit.code, "created" if created else "saved", getattr(actor, "email", "system"))
    return unit


def import_units(actor, rows):
    """Create or update units from ``rows`` (dicts from ``tables.read_rows``): every row
    checked first, then all written, or none."""
    normalise_vocabulary(rows, "kind", UnitKind, UNIT_KIND_LABELS)
    units = _stored()
    named = _parents_by_name(actor, rows, units)
    result = ImportResult(errors=sorted(named + without_cells(_problems(actor, rows, units), named),
                                        key=lambda e: (e.row, e.column)))
    if result.errors:
        return result
    new = set()
    for r in rows:  # the new units first: a row may name one as another's parent
        code = r["code"].strip()
        if code.upper() not in units:
            units[code.upper()] = Unit(code=code, name=r["name"].strip(), kind=UnitKind(r["kind"]))
            db.session.add(units[code.upper()])
            new.add(code.upper())
    for r in rows:
        code = r["code"].strip().upper()
        changed = _write(units[code], r, units)
        if code in new:
            result.created += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
    db.session.flush()
    log.info("units imported by %s: %d created, %d updated, %d unchanged",
             getattr(actor, "email", "system"), result.created, result.updated, result.unchanged)
    return result


def _parents_by_name(actor, rows, units):
    """Let the parent column name the parent as an appendix prints it ("H. Krông Nô"):
    among the units the actor administers and those of the file; its errors."""
    in_file = [UnitName(r["code"].strip().upper(), r["name"].strip(), r.get("kind"), r["code"].strip())
               for r in rows if (r.get("code") or "").strip() and (r.get("name") or "").strip()]
    matcher = Matcher(policy.nameable_units(actor, units) + in_file)
    codes = set(units) | {u.id for u in in_file}
    return resolve_codes(rows, "parent_code", matcher, codes, scoped=actor is not None)


def set_active(actor, unit, active):
    """Deactivate (or reactivate) a unit: it keeps its history but gets no new work."""
    if not policy.can_reshape_unit(actor, unit):
        raise Forbidden(translate_message(policy.RESHAPE_ABOVE, {}))
    unit.is_active = active
    db.session.flush()
    log.info("unit %s %s by %s", unit.code, "activated" if active else "deactivated", actor.email)


def is_in_use(unit):
    """A unit that has units below it, people, plans or assignments is never deleted."""
    checks = (
        db.select(Unit.id).where(Unit.parent_id == unit.id),
        db.select(Membership.id).where(Membership.unit_id == unit.id),
        db.select(Assignment.id).where(Assignment.unit_id == unit.id),
        db.select(Plan.id).where((Plan.issuing_unit_id == unit.id) | (Plan.coordinating_unit_id == unit.id)),
    )
    return any(db.session.scalar(q.limit(1)) is not None for q in checks)


def delete_unused(actor, unit):
    """Delete a unit created by mistake; anything with a history can only be deactivated."""
    if not policy.can_reshape_unit(actor, unit):
        raise Forbidden(translate_message(policy.RESHAPE_ABOVE, {}))
    if is_in_use(unit):
        raise Invalid(_("This unit has documents, people or units below it: deactivate it instead."))
    db.session.delete(unit)
    db.session.flush()
    log.info("unit %s deleted by %s", unit.code, actor.email)
