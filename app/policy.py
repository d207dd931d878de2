"""The permission policy: one set of predicates for routes, templates and the API.

Every question "may this user do that?" is answered here. Document moves are
delegated to the guards in ``workflows.document_flow`` with an :class:`Actor`
describing the user's relation to the document.
"""
from flask import g, has_request_context

from workflows.document_flow import Actor, allowed_triggers, why_not
from workflows.enums import Role, Trigger
from workflows.rows import RowError, normalise_email
from workflows.text import N_
from workflows.unit_names import UnitName

from .extensions import db
from .outbox.models import OutboxMessage
from .plans.models import Plan
from .units.models import Unit


def _ids(user, *roles):
    if not getattr(user, "is_authenticated", False):
        return set()
    return user.unit_ids(*roles)


def plan_party_ids(plan):
    """Units with a standing in the plan: issuer and its ancestors, coordinator, assignees."""
    ids = {plan.issuing_unit_id, plan.coordinating_unit_id}
    ids.update(u.id for u in plan.issuing_unit.ancestors())
    ids.update(a.unit_id for a in plan.assignments)
    return ids


def is_plan_reviewer(user, plan):
    return plan.coordinating_unit_id in _ids(user, Role.REVIEWER)


def can_admin_plan(user, plan):
    """Admins of the issuing unit (or above it) and of the coordinating unit set plans up."""
    admin_ids = _ids(user, Role.ADMIN)
    issuer_line = {plan.issuing_unit_id, *(u.id for u in plan.issuing_unit.ancestors())}
    return bool(admin_ids & (issuer_line | {plan.coordinating_unit_id}))


def can_edit_targets(user, plan):
    """The plan's administrators and the coordinating unit's reviewers set its target table."""
    return can_admin_plan(user, plan) or is_plan_reviewer(user, plan)


def can_edit_indicators(user, plan):
    """A plan's indicators, who reports them and their targets are set by those who set the
    plan up (its administrators)."""
    return can_admin_plan(user, plan)


def can_create_plan(user):
    return bool(_ids(user, Role.ADMIN))


def can_view_plan(user, plan):
    """Any role in a unit that is party to the plan lets one see its overview.

    A draft (not yet issued) is seen only by those who set it up and its reviewers.
    """
    if can_admin_plan(user, plan) or is_plan_reviewer(user, plan):
        return True
    return plan.is_published and bool(_ids(user) & plan_party_ids(plan))


def supervising_unit_ids(plan):
    """Units whose observers read the whole plan: the issuer and the units above it, the
    coordinating unit, and the partners asked to take part (the Fatherland Front, mass
    organisations). An observer at any other assigned unit reads that unit's documents
    and those of the units below it, not its siblings'."""
    ids = {plan.issuing_unit_id, plan.coordinating_unit_id, *(u.id for u in plan.issuing_unit.ancestors())}
    ids.update(a.unit_id for a in plan.assignments if a.is_requested)
    return ids


def can_read_all_documents(user, plan):
    """Reviewers, plan admins, the plan's supervising observers and the head of the
    coordinating unit (who signs the consolidated report) read every document."""
    return (
        is_plan_reviewer(user, plan)
        or can_admin_plan(user, plan)
        or plan.coordinating_unit_id in _ids(user, Role.HEAD)
        or bool(_ids(user, Role.OBSERVER) & supervising_unit_ids(plan))
    )


def can_view_document(user, doc):
    assignment = doc.deliverable.assignment
    plan = assignment.plan
    if plan.is_published:
        if assignment.unit_id in _ids(user, Role.STAFF, Role.HEAD, Role.OBSERVER):
            return True
        observed = _ids(user, Role.OBSERVER)
        if observed and any(u.id in observed for u in assignment.unit.ancestors()):
            return True  # an observer of a district reads its communes' documents
    return can_read_all_documents(user, plan) and (plan.is_published or can_view_plan(user, plan))


def is_document_editor(user, doc):
    """Staff and the head of the owning unit: those who edit it whenever it is editable."""
    assignment = doc.deliverable.assignment
    return assignment.plan.is_published and assignment.unit_id in _ids(user, Role.STAFF, Role.HEAD)


def can_edit_document(user, doc):
    """Staff and the head of the owning unit edit while it is a draft or returned."""
    return doc.is_editable and is_document_editor(user, doc)


def actor_for(user, doc):
    assignment = doc.deliverable.assignment
    return Actor(
        user_id=user.id,
        is_head_of_owner=assignment.unit_id in _ids(user, Role.HEAD),
        is_reviewer=is_plan_reviewer(user, assignment.plan),
        wrote_version=user.id in doc.current_version.author_ids,
    )


def can_fire(user, doc, trigger):
    """May ``user`` make this move now? (A reason may still be asked for.)"""
    if not getattr(user, "is_authenticated", False) or not doc.deliverable.assignment.plan.is_published:
        return False
    return why_not(doc, Trigger(trigger), actor_for(user, doc), check_reason=False) is None


def available_moves(user, doc):
    if not getattr(user, "is_authenticated", False) or not doc.deliverable.assignment.plan.is_published:
        return []
    return allowed_triggers(doc, actor_for(user, doc))


def admin_unit_ids(user):
    """Units this user administers: where they hold the admin role, and everything below."""
    roots = _ids(user, Role.ADMIN)
    if not roots:
        return set()
    cache = getattr(g, "_admin_unit_ids", None) if has_request_context() else None
    if cache is not None and cache[0] == user.id:
        return cache[1]
    scope = units_below(roots)
    if has_request_context():
        g._admin_unit_ids = (user.id, scope)
    return scope


def nameable_units(user, units):
    """The units a file of ``user``'s may name by name in a column of unit codes (a user's
    unit, a unit's parent), as ``UnitName``s keyed by upper-case code: the active units they
    administer; every active unit for the operator (None). ``units``: {CODE: Unit}. An
    inactive unit is reached by its code only (a merged commune keeps the name of the new one)."""
    scope = None if user is None else admin_unit_ids(user)
    return [UnitName(code, u.name, u.kind, u.code) for code, u in units.items()
            if u.is_active and (scope is None or u.id in scope)]


def units_below(roots):
    """``roots`` and every unit below them, read from the unit tree as it is now."""
    return _with_units_below(set(roots), dict(db.session.execute(db.select(Unit.id, Unit.parent_id)).all()))


def can_view_rollup(user):
    """Observers, administrators and reviewers read the roll-up across plans."""
    return bool(_ids(user, Role.OBSERVER, Role.ADMIN, Role.REVIEWER))


def rollup_scope(user, tree):
    """(issuers, coordinators) whose plans the user's roll-up covers: plans issued within
    the units where they observe or administer, or below them (``tree``: {unit: parent});
    plans coordinated by the units where they review."""
    return _with_units_below(_ids(user, Role.OBSERVER, Role.ADMIN), tree), _ids(user, Role.REVIEWER)


def _with_units_below(roots, tree):
    """``roots`` and every unit below them (``tree``: {unit id: parent id})."""
    children = {}
    for unit_id, parent_id in tree.items():
        children.setdefault(parent_id, []).append(unit_id)
    scope, stack = set(), list(roots)
    while stack:
        unit_id = stack.pop()
        if unit_id not in scope:
            scope.add(unit_id)
            stack.extend(children.get(unit_id, ()))
    return scope


def visible_unit_ids(user):
    """Units a user may look up (API): those they belong to, and those they administer."""
    return set(_ids(user)) | admin_unit_ids(user)


def nameable_unit_ids(user, plan=None):
    """Units whose names a script of ``user``'s may be told when it names them (by id or
    code): those they may look up (``visible_unit_ids``); for a plan they may see, its own
    units (issuer, coordinator, assigned units: its overview lists them); for a plan they
    administer, every unit it may assign (its assign page lists them). A unit beyond these
    is answered for as one that does not exist: a refusal must not tell its name, nor that it is."""
    ids = set(visible_unit_ids(user))
    if plan is not None and can_view_plan(user, plan):
        ids |= {plan.issuing_unit_id, plan.coordinating_unit_id, *(a.unit_id for a in plan.assignments)}
        if can_admin_plan(user, plan):
            ids |= plan_unit_ids(plan)
    return ids


def can_administer(user):
    return bool(_ids(user, Role.ADMIN))


def can_admin_unit(user, unit):
    return unit.id in admin_unit_ids(user)


def can_reshape_unit(user, unit):
    """A unit's name, kind and whether it is active are decided by an administrator above
    it; the administrators of the unit itself keep its contact emails (a top-level unit,
    with nobody above, is its own administrators' to reshape)."""
    if not can_admin_unit(user, unit):
        return False
    return unit.parent_id is None or unit.parent_id in admin_unit_ids(user)


def can_admin_user(user, other):
    """Admins manage a person only when every role that person holds lies within their
    units: a role above or beside them makes the person someone else's to manage (and a
    reset password, a new email or an added role would hand that role to the admin).
    Someone without any role is nobody's but the operator's (the command line): a person
    keeps at least one role, and is deactivated rather than stripped."""
    held = {m.unit_id for m in other.memberships}
    return can_administer(user) and bool(held) and held <= admin_unit_ids(user)


def can_change_roles(user, other):
    """Roles are changed by an administrator of the person, never by the person themself."""
    return user.id != other.id and can_admin_user(user, other)


def is_top_level_admin(user):
    """An administrator of a unit with nothing above it (the operator's province or ministry)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(m.role is Role.ADMIN and m.unit.parent_id is None for m in user.memberships)


def can_edit_catalog(user):
    """The programmes and their catalog are national: administrators of a top-level unit keep them
    (add a programme, its projects and sub-projects; rename or retire them)."""
    return is_top_level_admin(user)


def parent_refusal(user, current_parent_id, new_parent_id, is_new=False):
    """Why ``user`` may not put a unit under ``new_parent_id`` (None: make it top-level), or None.

    A unit's new parent must lie within the user's units, and only a top-level
    administrator creates or moves top-level units; keeping an existing unit's parent as
    it is (even one above the user, as for their own unit) is no move at all. ``user``
    None is the operator at the command line, who may do anything. The answer is an
    English sentence for ``N_``-style translation."""
    if user is None or (not is_new and new_parent_id == current_parent_id):
        return None
    if new_parent_id is None:
        return None if is_top_level_admin(user) else TOP_LEVEL_ONLY
    if new_parent_id not in admin_unit_ids(user):
        return PARENT_OUTSIDE
    return None


TOP_LEVEL_ONLY = N_("Only an administrator of a top-level unit may create a unit at the top level or move one there.")
PARENT_OUTSIDE = N_("The parent unit must be a unit you administer.")


RESHAPE_ABOVE = N_("Only an administrator above this unit can rename it, change its kind or deactivate it.")
NOT_ADMINISTERED = N_("You do not administer the unit %(code)s.")


def unit_row_refusals(user, rows, units):
    """Rows of units (a file's, or the unit form's one) that ``user`` may not write, as
    RowErrors: a unit outside their units; a new name or kind for a unit only the admin
    above may reshape; a parent outside their units, or the top level (``parent_refusal``).
    ``units``: {CODE: Unit} of every stored unit. ``user`` None: the operator, unrestricted."""
    if user is None:
        return []
    scope = admin_unit_ids(user)
    in_file = {(r.get("code") or "").strip().upper(): r for r in rows}
    errors = []

    def administered(code, depth=0):
        # A parent new in the same file counts as the actor's if it lands within their units.
        if code in units:
            return units[code].id in scope
        row = in_file.get(code)
        parent = (row.get("parent_code") or "").strip().upper() if row else ""
        return bool(parent) and depth < 50 and administered(parent, depth + 1)

    for r in rows:
        code = (r.get("code") or "").strip().upper()
        existing = units.get(code)
        if existing is not None and existing.id not in scope:
            errors.append(RowError(r["row"], "code", NOT_ADMINISTERED, {"code": r["code"]}))
            continue
        if existing is not None and not can_reshape_unit(user, existing):
            for column, changed in (("name", (r.get("name") or "").strip() != existing.name),
                                    ("kind", r.get("kind") != existing.kind.value)):
                if changed:
                    errors.append(RowError(r["row"], column, RESHAPE_ABOVE))
        parent_code = (r.get("parent_code") or "").strip().upper()
        if parent_code and parent_code not in units:
            # A unit new in this file (an unknown code is reported by the row checks).
            if parent_code in in_file and not administered(parent_code):
                errors.append(RowError(r["row"], "parent_code", PARENT_OUTSIDE))
            continue
        reason = parent_refusal(user, existing.parent_id if existing is not None else None,
                                units[parent_code].id if parent_code else None, is_new=existing is None)
        if reason:
            errors.append(RowError(r["row"], "parent_code", reason))
    return sorted(errors, key=lambda e: (e.row, e.column))


def user_row_refusals(user, rows, units, known_users):
    """Rows of users (a file's, or the new-user form's one) that ``user`` may not write, as
    RowErrors: a role in a unit outside their units; someone who also holds roles outside
    them (renaming them or adding a role would hand that role over); their own roles.
    ``units``: {CODE: Unit}; ``known_users``: the stored users the rows name. ``user`` None:
    the operator, unrestricted."""
    if user is None:
        return []
    scope = admin_unit_ids(user)
    errors = []
    by_email = {}
    for r in rows:
        unit = units.get((r.get("unit_code") or "").strip().upper())
        if unit is not None and unit.id not in scope:
            errors.append(RowError(r["row"], "unit_code", NOT_ADMINISTERED, {"code": r["unit_code"]}))
        try:
            by_email.setdefault(normalise_email(r.get("email") or ""), []).append(r)
        except ValueError:
            continue  # reported by the row checks
    for other in known_users:
        mine = by_email.get(other.email, [])
        if not mine:
            continue
        if not can_admin_user(user, other):
            errors.append(RowError(mine[0]["row"], "email", N_(
                "%(email)s also holds roles in units you do not administer: only an administrator above those "
                "units can change this user."), {"email": other.email}))
        elif other.id == user.id:
            wanted = {(units[r["unit_code"].strip().upper()].id, r["role"]) for r in mine
                      if r["unit_code"].strip().upper() in units and r["role"] in {x.value for x in Role}}
            if wanted != {(m.unit_id, m.role.value) for m in other.memberships}:
                errors.append(RowError(mine[0]["row"], "role", N_(
                    "You cannot change your own roles: another administrator can.")))
    return sorted(errors, key=lambda e: (e.row, e.column))


def plan_unit_ids(plan):
    """Units a plan may assign, and be coordinated by: its issuing unit and those below it."""
    return units_below({plan.issuing_unit_id})


def can_review_anything(user):
    return bool(_ids(user, Role.REVIEWER))


def reviewed_unit_ids(user):
    """Coordinating units whose plans' documents ``user`` reviews (the queue, the digest)."""
    return _ids(user, Role.REVIEWER)


def can_have_todo(user):
    return bool(_ids(user, Role.STAFF, Role.HEAD))


def todo_unit_ids(user):
    """Units whose deliverables ``user`` works on (their to-do page)."""
    return _ids(user, Role.STAFF, Role.HEAD)


def appointed_admin_unit_ids(user):
    """Units where ``user`` holds the admin role itself (not those below them)."""
    return _ids(user, Role.ADMIN)


def calendar_scope(user):
    """(units whose deadlines ``user`` follows as one of theirs, coordinating units whose
    submissions they review): what their deadline calendar shows."""
    return _ids(user, Role.STAFF, Role.HEAD, Role.OBSERVER), _ids(user, Role.REVIEWER)


def administered_plan_filter(user):
    """A SQL condition on ``Plan`` true for the plans ``user`` administers (see ``can_admin_plan``)."""
    return Plan.issuing_unit_id.in_(admin_unit_ids(user)) | Plan.coordinating_unit_id.in_(_ids(user, Role.ADMIN))


def can_see_outbox(user):
    return can_administer(user)


def outbox_filter(user):
    """A SQL condition on ``OutboxMessage``: messages about plans ``user`` administers or
    about units they administer."""
    plans = db.select(Plan.id).where(administered_plan_filter(user))
    return OutboxMessage.plan_id.in_(plans) | OutboxMessage.unit_id.in_(admin_unit_ids(user))


def can_see_message(user, message):
    if not can_administer(user):
        return False
    if message.unit_id in admin_unit_ids(user):
        return True
    return message.plan is not None and can_admin_plan(user, message.plan)


def can_read_audit(user):
    """Administrators read the audit log of their units."""
    return can_administer(user)


def audit_filter(user):
    """A SQL condition on ``AuditEntry``: entries about the units ``user`` administers (see
    ``admin_unit_ids``), about the plans they administer (``administered_plan_filter``),
    and, for the catalog's keepers (``can_edit_catalog``), about what belongs to no unit."""
    # Imported here, as in ``outbox_filter``: the policy module stays importable by models.
    from .audit.models import AuditEntry
    from .extensions import db
    from .plans.models import Plan

    plans = db.select(Plan.id).where(administered_plan_filter(user))
    condition = AuditEntry.unit_id.in_(admin_unit_ids(user)) | AuditEntry.plan_id.in_(plans)
    if can_edit_catalog(user):
        condition = condition | AuditEntry.unit_id.is_(None)
    return condition
