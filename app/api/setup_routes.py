"""Units and users through /api/v1, as an administrator makes them in the pages: with the
same operations (``units.operations.save_unit``, ``auth.operations``), so the same row
checks and the same scope (an administrator acts within their units).

With these and the plan routes, a province is set up from an empty database by a script
once the operator has made its first unit, an administrator and their token at the
command line (``flask units create``, ``flask users create``, ``flask users token``).
"""
from flask import jsonify

from .. import policy
from ..auth import operations as user_ops
from ..inputs import Reader, renamed
from ..units import operations as unit_ops
from ..units.models import Unit
from . import serialize
from .base import api_user, bp, forbidden, get_or_404, json_body

UNIT_KEYS = ("code", "name", "kind", "parent_code", "emails", "active")
USER_KEYS = ("email", "full_name", "roles")
#: The operations' names of fields the API names otherwise.
UNIT_FIELDS = {"is_active": "active"}


@bp.post("/units")
def create_unit():
    """A unit below one the user administers (at the top level: a top-level administrator)."""
    _administrators_only()
    values = _unit_values(json_body(), None)
    return jsonify(serialize.unit(_renamed(lambda: unit_ops.save_unit(api_user(), None, **values)))), 201


@bp.patch("/units/<int:unit_id>")
def update_unit(unit_id):
    """Change a unit's name, kind, parent, contact emails or whether it is active; its code never changes."""
    unit = get_or_404(Unit, unit_id)
    if not policy.can_admin_unit(api_user(), unit):
        forbidden()
    values = _unit_values(json_body(), unit)
    return jsonify(serialize.unit(_renamed(lambda: unit_ops.save_unit(api_user(), unit, **values))))


def _administrators_only():
    """As the administration pages: only administrators come in (their scope is the operations')."""
    if not policy.can_administer(api_user()):
        forbidden()


def _unit_values(data, unit):
    """``save_unit``'s arguments: the fields given, the others as the unit has them.
    "emails" a list of addresses (or one text); "parent_code" a code, or null: top level."""
    r = Reader(data, UNIT_KEYS if unit is None else UNIT_KEYS[1:])
    values = {"code": unit.code, "name": unit.name, "kind": unit.kind.value,
              "parent_code": unit.parent.code if unit.parent else "", "emails": "\n".join(unit.emails),
              "is_active": unit.is_active} if unit is not None else {
        "code": "", "name": "", "kind": "", "parent_code": "", "emails": "", "is_active": True}
    for name in ("code", "name", "kind", "parent_code"):
        if name in r:
            values[name] = r.line(name)
    if "emails" in r:
        emails = r.data["emails"]
        if isinstance(emails, list) and all(isinstance(e, str) for e in emails):
            values["emails"] = "\n".join(emails)
        else:
            values["emails"] = r.text("emails")
    if "active" in r:
        values["is_active"] = r.boolean("active")
    r.done()
    return values


def _renamed(run):
    """Run an operation; its refusals name the fields as the API does."""
    return renamed(run, UNIT_FIELDS)


@bp.post("/users")
def create_user():
    """A new user with their roles in units the user administers; their set-password link goes by mail."""
    _administrators_only()
    r = Reader(json_body(), USER_KEYS)
    email = r.line("email") if "email" in r else ""
    full_name = r.line("full_name") if "full_name" in r else ""
    roles, seen = [], policy.nameable_unit_ids(api_user())  # a unit beyond them: as unknown, not by its code
    for index, item in enumerate((r.items("roles") if "roles" in r else None) or []):
        role = Reader(item, ("unit", "role"), prefix=f"roles.{index}.")
        unit = role.unit("unit", seen) if "unit" in role else None
        roles.append((unit.code if unit is not None else "", role.line("role") if "role" in role else ""))
        r.merge(role)
    r.done()
    user = user_ops.create_user_with_roles(
        api_user(), email, full_name, roles,
        field=lambda index, column: f"roles.{index}.{'unit' if column == 'unit_code' else column}")
    return jsonify(serialize.user(user)), 201
