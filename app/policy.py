"""The permission policy: one set of predicates for routes, templates and the API.

Every question "may this user do that?" is answered here. Document moves are
delegated to the guards in ``workflows.document_flow`` with an :class:`Actor`
describing the user's relation to the document.
"""
from workflows.document_flow import Actor, allowed_triggers, why_not
from workflows.enums import Role, Trigger


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


def can_create_plan(user):
    return bool(_ids(user, Role.ADMIN))


def can_view_plan(user, plan):
    """Any role in a unit that is party to the plan lets one see its overview."""
    return bool(_ids(user) & plan_party_ids(plan)) or can_admin_plan(user, plan)


def can_read_all_documents(user, plan):
    """Reviewers, plan admins and observers of the plan's parties read every document."""
    return (
        is_plan_reviewer(user, plan)
        or can_admin_plan(user, plan)
        or bool(_ids(user, Role.OBSERVER) & plan_party_ids(plan))
    )


def can_view_document(user, doc):
    deliverable = doc.deliverable
    if deliverable.assignment.unit_id in _ids(user, Role.STAFF, Role.HEAD, Role.OBSERVER):
        return True
    return can_read_all_documents(user, deliverable.assignment.plan)


def can_edit_document(user, doc):
    """Staff and the head of the owning unit edit while it is a draft or returned."""
    return doc.is_editable and doc.deliverable.assignment.unit_id in _ids(user, Role.STAFF, Role.HEAD)


def actor_for(user, doc):
    assignment = doc.deliverable.assignment
    return Actor(
        user_id=user.id,
        is_head_of_owner=assignment.unit_id in _ids(user, Role.HEAD),
        is_reviewer=is_plan_reviewer(user, assignment.plan),
    )


def can_fire(user, doc, trigger):
    """May ``user`` make this move now? (A reason may still be asked for.)"""
    if not getattr(user, "is_authenticated", False):
        return False
    return why_not(doc, Trigger(trigger), actor_for(user, doc), check_reason=False) is None


def available_moves(user, doc):
    if not getattr(user, "is_authenticated", False):
        return []
    return allowed_triggers(doc, actor_for(user, doc))


def can_review_anything(user):
    return bool(_ids(user, Role.REVIEWER))


def can_have_todo(user):
    return bool(_ids(user, Role.STAFF, Role.HEAD))
