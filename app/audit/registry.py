"""What is audited: one entry per model, with its key, its readable name and the unit whose
administrators read its history. A model added here is audited everywhere at once."""
from dataclasses import dataclass
from typing import Callable

from flask_babel import gettext as _

from workflows.enums import DeliverableKind

from ..api.models import ApiToken
from ..auth.models import Membership, User
from ..budget.models import BudgetItem, Programme
from ..documents.models import Deliverable
from ..labels import item_label
from ..plans.models import Assignment, Indicator, IndicatorAssignment, Plan, PlanBudgetLine, PlanTarget, ScheduleItem, Waiver
from ..reminders.models import ReminderPolicy
from ..units.models import Unit, UnitContact


@dataclass(frozen=True)
class Audited:
    #: The stable key entries keep ("plan", "unit"...).
    object_type: str
    #: obj, session → its name as it reads now.
    label: Callable
    #: obj, session, deleted → the unit whose administrators read the entry (None: no unit).
    unit_id: Callable
    #: obj, session → the plan it belongs to (its administrators read the entry too).
    plan_id: Callable = lambda obj, session: None
    #: Columns written as a marker, never their value (a changed secret is still told).
    secret: frozenset = frozenset()
    #: Columns never written: derived (search text), bookkeeping (last use), or keys and
    #: stamps whose change the entry of their cause already tells.
    ignored: frozenset = frozenset()
    #: obj → whether this row is audited at all (ad-hoc deliverables only, say).
    applies: Callable = lambda obj: True


def _programme_code(session, programme_id):
    return getattr(session.get(Programme, programme_id), "code", "") if programme_id is not None else ""


def _plan(session, plan_id):
    return session.get(Plan, plan_id) if plan_id is not None else None


def _plan_name(plan):
    return f"{plan.reference} ({plan.year})" if plan is not None else ""


def _unit_name(session, unit_id):
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name if unit is not None else f"#{unit_id}"


def _user_name(user):
    return f"{user.full_name} ({user.email})" if user is not None else ""


def people_unit(session, unit_ids):
    """The unit whose administrators manage someone holding roles in ``unit_ids``: the
    nearest unit above (or at) all of them. Any administrator who may change the person
    administers all those units, so this one too when they hold one admin role (the usual
    case); None when the roles lie in separate trees (top-level administrators read it)."""
    chains = []
    for unit_id in sorted(set(unit_ids)):
        chain, unit = [], session.get(Unit, unit_id)
        while unit is not None and len(chain) < 64:
            chain.append(unit.id)
            unit = unit.parent
        chains.append(chain[::-1])
    common = None
    for level in zip(*chains):
        if len(set(level)) != 1:
            break
        common = level[0]
    return common


def _user_unit(session, user_id):
    user = session.get(User, user_id) if user_id is not None else None
    return people_unit(session, [m.unit_id for m in user.memberships]) if user is not None else None


def _assignment(session, assignment_id):
    return session.get(Assignment, assignment_id) if assignment_id is not None else None


def _item_name(session, item_id):
    item = session.get(ScheduleItem, item_id) if item_id is not None else None
    return str(item_label(item.kind, item.occurrence)) if item is not None else ""


def _budget_line_name(session, item_id):
    if item_id is None:
        return _("Total")
    item = session.get(BudgetItem, item_id)
    return f"{item.code} – {item.name}" if item is not None else f"#{item_id}"


REGISTRY = {
    Plan: Audited(
        "plan",
        label=lambda p, s: f"{_plan_name(p)} – {p.title}",
        unit_id=lambda p, s, deleted: p.issuing_unit_id,
        plan_id=lambda p, s: p.id,
        ignored=frozenset({"created_at"}),
    ),
    Assignment: Audited(
        "assignment",
        label=lambda a, s: f"{_unit_name(s, a.unit_id)} · {_plan_name(_plan(s, a.plan_id))}",
        unit_id=lambda a, s, deleted: a.unit_id,
        plan_id=lambda a, s: a.plan_id,
    ),
    # What the plan asks of its units and by when; the deliverables follow it.
    ScheduleItem: Audited(
        "schedule_item",
        label=lambda i, s: f"{item_label(i.kind, i.occurrence)} · {_plan_name(_plan(s, i.plan_id))}",
        unit_id=lambda i, s, deleted: getattr(_plan(s, i.plan_id), "issuing_unit_id", None),
        plan_id=lambda i, s: i.plan_id,
    ),
    # A unit that does not owe one of them.
    Waiver: Audited(
        "waiver",
        label=lambda w, s: " · ".join(filter(None, [
            _unit_name(s, getattr(_assignment(s, w.assignment_id), "unit_id", None)),
            _item_name(s, w.schedule_item_id),
            _plan_name(_plan(s, getattr(_assignment(s, w.assignment_id), "plan_id", None)))])),
        unit_id=lambda w, s, deleted: getattr(_assignment(s, w.assignment_id), "unit_id", None),
        plan_id=lambda w, s: getattr(_assignment(s, w.assignment_id), "plan_id", None),
    ),
    PlanTarget: Audited(
        "plan_target",
        label=lambda t, s: f"{_unit_name(s, t.unit_id)} · {_plan_name(_plan(s, t.plan_id))}",
        unit_id=lambda t, s, deleted: t.unit_id,
        plan_id=lambda t, s: t.plan_id,
    ),
    Indicator: Audited(
        "indicator",
        label=lambda i, s: f"{i.code} – {i.name} · {_plan_name(_plan(s, i.plan_id))}",
        unit_id=lambda i, s, deleted: getattr(_plan(s, i.plan_id), "issuing_unit_id", None),
        plan_id=lambda i, s: i.plan_id,
    ),
    # Which unit reports an indicator, and its own target.
    IndicatorAssignment: Audited(
        "indicator_unit",
        label=lambda r, s: " · ".join(filter(None, [
            getattr(s.get(Indicator, r.indicator_id), "code", ""),
            _unit_name(s, getattr(_assignment(s, r.assignment_id), "unit_id", None)),
            _plan_name(_plan(s, getattr(_assignment(s, r.assignment_id), "plan_id", None)))])),
        unit_id=lambda r, s, deleted: getattr(_assignment(s, r.assignment_id), "unit_id", None),
        plan_id=lambda r, s: getattr(_assignment(s, r.assignment_id), "plan_id", None),
    ),
    # A line of the plan's own budget (section V), by its project, or the total as printed.
    PlanBudgetLine: Audited(
        "plan_budget_line",
        label=lambda line, s: f"{_budget_line_name(s, line.budget_item_id)} · {_plan_name(_plan(s, line.plan_id))}",
        unit_id=lambda line, s, deleted: getattr(_plan(s, line.plan_id), "issuing_unit_id", None),
        plan_id=lambda line, s: line.plan_id,
    ),
    # The periodic deliverables follow the assignment and the plan's dates (both audited);
    # an ad-hoc report is a request of its own, with its own title and dates.
    Deliverable: Audited(
        "adhoc_report",
        label=lambda d, s: " · ".join(filter(None, [
            d.title, _unit_name(s, getattr(_assignment(s, d.assignment_id), "unit_id", None)),
            _plan_name(_plan(s, getattr(_assignment(s, d.assignment_id), "plan_id", None)))])),
        unit_id=lambda d, s, deleted: getattr(_assignment(s, d.assignment_id), "unit_id", None),
        plan_id=lambda d, s: getattr(_assignment(s, d.assignment_id), "plan_id", None),
        applies=lambda d: d.kind is DeliverableKind.ADHOC,
    ),
    ReminderPolicy: Audited(
        "reminder_policy",
        label=lambda r, s: _plan_name(_plan(s, r.plan_id)),
        unit_id=lambda r, s, deleted: getattr(_plan(s, r.plan_id), "issuing_unit_id", None),
        plan_id=lambda r, s: r.plan_id,
    ),
    # A deleted unit's entry goes to the unit above, whose administrators deleted it.
    Unit: Audited(
        "unit",
        label=lambda u, s: f"{u.name} ({u.code})",
        unit_id=lambda u, s, deleted: u.parent_id if deleted else u.id,
        ignored=frozenset({"search_text"}),
    ),
    UnitContact: Audited(
        "unit_contact",
        label=lambda c, s: f"{c.email} · {_unit_name(s, c.unit_id)}",
        unit_id=lambda c, s, deleted: c.unit_id,
    ),
    User: Audited(
        "user",
        label=lambda u, s: _user_name(u),
        unit_id=lambda u, s, deleted: people_unit(s, [m.unit_id for m in u.memberships]),
        # The security stamp changes with every password and email change, which the
        # entry already tells; the calendar address is a secret like the password.
        secret=frozenset({"password_hash", "calendar_token"}),
        ignored=frozenset({"search_text", "security_stamp"}),
    ),
    Membership: Audited(
        "membership",
        label=lambda m, s: f"{_user_name(s.get(User, m.user_id))} · {_unit_name(s, m.unit_id)}",
        unit_id=lambda m, s, deleted: m.unit_id,
    ),
    Programme: Audited(
        "programme",
        label=lambda p, s: f"{p.code} – {p.name}",
        unit_id=lambda p, s, deleted: None,  # national: kept by top-level administrators
    ),
    BudgetItem: Audited(
        "budget_item",
        label=lambda b, s: f"{_programme_code(s, b.programme_id)} · {b.code} – {b.name}",
        unit_id=lambda b, s, deleted: None,  # national: kept by top-level administrators
    ),
    ApiToken: Audited(
        "api_token",
        label=lambda t, s: f"{t.name} ({t.prefix}…) · {getattr(s.get(User, t.user_id), 'email', '')}",
        unit_id=lambda t, s, deleted: _user_unit(s, t.user_id),
        ignored=frozenset({"token_hash", "last_used_at", "created_at"}),
    ),
}

#: The object types, as the audit page offers them.
OBJECT_TYPES = tuple(spec.object_type for spec in REGISTRY.values())
