"""Checking rows of units and users before anything is written (imports and single edits).

Every problem is reported with its row and column; the caller writes nothing
unless the list of problems is empty. Pure functions: the caller passes what the
database already holds.
"""
import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from .text import N_
from .enums import Role, UnitKind

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
EMAIL_SPLIT = re.compile(r"[;,\s]+")


@dataclass(frozen=True)
class RowError:
    row: int  #: the row number as the user sees it in the file (header = 1)
    column: str  #: the column's key, e.g. "parent_code"
    message: str  #: an English sentence with %(name)s placeholders, translated by the app
    params: dict = field(default_factory=dict)


def normalise_email(text):
    """Return the address lower-cased, or raise ValueError with the reason."""
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(str(exc)) from exc


def split_emails(text):
    return [part for part in EMAIL_SPLIT.split(text or "") if part]


def check_unit_rows(rows, existing_parents):
    """Check unit rows against each other and against the units already stored.

    ``rows``: dicts with row, code, name, kind, parent_code, emails (raw text).
    ``existing_parents``: {code: parent code or None} of every stored unit.
    """
    errors = []
    seen = {}
    for r in rows:
        code = (r.get("code") or "").strip()
        if not code:
            errors.append(RowError(r["row"], "code", N_("The code is missing.")))
        elif not CODE_RE.match(code):
            errors.append(RowError(r["row"], "code", N_(
                "The code %(code)s may only contain letters, digits, '-', '_' and '.' (at most 40).")
                , {"code": code}))
        elif code.upper() in seen:
            errors.append(RowError(r["row"], "code", N_("The code %(code)s is already used in row %(other)d."),
                                   {"code": code, "other": seen[code.upper()]}))
        else:
            seen[code.upper()] = r["row"]
        if not (r.get("name") or "").strip():
            errors.append(RowError(r["row"], "name", N_("The name is missing.")))
        elif len(r["name"].strip()) > 255:
            errors.append(RowError(r["row"], "name", N_("The name is longer than 255 characters.")))
        if (r.get("kind") or "") not in {k.value for k in UnitKind}:
            errors.append(RowError(r["row"], "kind", N_("Unknown kind of unit: %(value)s."),
                                   {"value": r.get("kind_raw", r.get("kind")) or ""}))
        for email in split_emails(r.get("emails")):
            try:
                normalise_email(email)
            except ValueError:
                errors.append(RowError(r["row"], "emails", N_("%(value)s is not a valid email address."),
                                       {"value": email}))
    errors.extend(_check_parents(rows, existing_parents))
    return sorted(errors, key=lambda e: (e.row, e.column))


def _check_parents(rows, existing_parents):
    errors = []
    known = {code.upper(): parent for code, parent in existing_parents.items()}
    for r in rows:
        if r.get("code"):
            known[r["code"].strip().upper()] = (r.get("parent_code") or "").strip() or None
    for r in rows:
        code = (r.get("code") or "").strip().upper()
        parent = (r.get("parent_code") or "").strip()
        if not parent:
            continue
        if parent.upper() not in known:
            errors.append(RowError(r["row"], "parent_code", N_("No unit has the code %(code)s."), {"code": parent}))
        elif parent.upper() == code:
            errors.append(RowError(r["row"], "parent_code", N_("A unit cannot be its own parent.")))
        elif code and _leads_back(code, known):
            errors.append(RowError(r["row"], "parent_code", N_(
                "Putting this unit under %(code)s would make a cycle in the unit tree."), {"code": parent}))
    return errors


def _leads_back(code, known):
    seen, current = set(), known.get(code)
    while current:
        current = current.upper()
        if current == code:
            return True
        if current in seen:
            return False  # a cycle elsewhere, reported on its own rows
        seen.add(current)
        current = known.get(current)
    return False


def check_user_rows(rows, unit_codes):
    """Check user rows: ``rows`` are dicts with row, email, full_name, unit_code, role."""
    errors = []
    names, pairs = {}, {}
    units = {c.upper() for c in unit_codes}
    for r in rows:
        email = None
        try:
            email = normalise_email(r.get("email") or "")
        except ValueError:
            errors.append(RowError(r["row"], "email", N_("%(value)s is not a valid email address."),
                                   {"value": r.get("email") or ""}))
        name = (r.get("full_name") or "").strip()
        if not name:
            errors.append(RowError(r["row"], "full_name", N_("The full name is missing.")))
        elif len(name) > 255:
            errors.append(RowError(r["row"], "full_name", N_("The name is longer than 255 characters.")))
        elif email:
            first = names.setdefault(email, (name, r["row"]))
            if first[0] != name:
                errors.append(RowError(r["row"], "full_name", N_(
                    "Row %(other)d gives this email another name (%(name)s)."), {"other": first[1], "name": first[0]}))
        unit = (r.get("unit_code") or "").strip()
        if not unit:
            errors.append(RowError(r["row"], "unit_code", N_("The unit code is missing.")))
        elif unit.upper() not in units:
            errors.append(RowError(r["row"], "unit_code", N_("No unit has the code %(code)s."), {"code": unit}))
        role = r.get("role") or ""
        if role not in {x.value for x in Role}:
            errors.append(RowError(r["row"], "role", N_("Unknown role: %(value)s."),
                                   {"value": r.get("role_raw", role) or ""}))
        elif email and unit:
            key = (email, unit.upper(), role)
            if key in pairs:
                errors.append(RowError(r["row"], "role", N_("Same user, unit and role as row %(other)d."),
                                       {"other": pairs[key]}))
            pairs.setdefault(key, r["row"])
    return sorted(errors, key=lambda e: (e.row, e.column))
