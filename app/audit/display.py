"""The audit log as people read it: field names, values the Vietnamese way, names for ids
(as the objects are named now; the entry's own label is the name it had then), links to
the objects' pages. A page of entries costs at most one query per kind of object its
changes name (units, people, plans, catalog items)."""
import datetime as dt
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit, Role, UnitKind

from ..auth.models import User
from ..budget.models import BudgetItem, Programme
from ..documents.content import COLUMN_LABELS as BUDGET_COLUMN_LABELS
from ..documents.content import FIELD_LABELS as TARGET_LABELS
from ..extensions import db
from ..formatting import vn_amount, vn_date, vn_datetime, vn_decimal, vn_number
from ..labels import (DIRECTION_LABELS, INDICATOR_KIND_LABELS, KIND_LABELS, MEASURE_UNIT_LABELS, ROLE_LABELS,
                      UNIT_KIND_LABELS)
from ..plans.models import Plan
from ..units.models import Unit
from .actor import CLI, SCHEDULER, SYSTEM
from .capture import MARKER
from .models import AuditAction

OBJECT_LABELS = {
    "plan": _l("Plan"),
    "assignment": _l("Assigned unit"),
    "plan_target": _l("Target row"),
    "plan_budget_line": _l("Line of the plan's budget"),
    "schedule_item": _l("Document the plan asks"),
    "waiver": _l("Document a unit does not owe"),
    "adhoc_report": _l("Ad-hoc report"),
    "indicator": _l("Indicator"),
    "indicator_unit": _l("Unit reporting an indicator"),
    "reminder_policy": _l("Reminder policy"),
    "unit": _l("Unit"),
    "unit_contact": _l("Unit contact email"),
    "user": _l("User"),
    "membership": _l("Role"),
    "programme": _l("Programme"),
    "budget_item": _l("Catalog item"),
    "api_token": _l("API token"),
}

ACTION_LABELS = {
    AuditAction.CREATED: _l("created"),
    AuditAction.CHANGED: _l("changed"),
    AuditAction.DELETED: _l("deleted"),
}

ACTOR_LABELS = {CLI: _l("Command line"), SCHEDULER: _l("Scheduler"), SYSTEM: _l("System")}

#: Field names shared by several kinds of object; ``FIELDS`` has each kind's own.
COMMON_FIELDS = {
    "code": _l("Code"), "name": _l("Name"), "email": _l("Email"), "is_active": _l("Active"),
    "unit_id": _l("Unit"), "plan_id": _l("Plan"), "user_id": _l("User"), "title": _l("Title"),
    "programme_id": _l("Programme"),
}
FIELDS = {
    "plan": {
        "issuing_unit_id": _l("Issuing unit"), "coordinating_unit_id": _l("Coordinating unit"), "year": _l("Year"),
        "number": _l("Number"), "symbol": _l("Symbol"), "place": _l("Place of issue"),
        "issued_on": _l("Date of issue"), "legal_bases": _l("Legal bases (one per line)"),
        "goals": _l("Goals and indicators"), "subplan_due_on": _l("Sub-plans due"),
        "six_month_due_on": _l("Six-month reports due"), "annual_due_on": _l("Annual reports due"),
        "published_at": _l("Issued to the units"), "copied_from_id": _l("Copied from"),
    },
    "assignment": {"duties": _l("Duties"), "is_requested": _l("Requested partner (not subordinate)")},
    "plan_target": {**TARGET_LABELS,
                    "near_poor_rate_start": _l("Near-poverty rate at the start, as printed (%)"),
                    "near_poor_rate_end": _l("Near-poverty rate at the end, as printed (%)")},
    "plan_budget_line": {"budget_item_id": _l("Project / sub-project"), **BUDGET_COLUMN_LABELS},
    "schedule_item": {"kind": _l("Kind"), "occurrence": _l("Quarter"), "due_on": _l("Due on"),
                      "period_start_on": _l("Period from"), "period_end_on": _l("Period to")},
    "waiver": {"assignment_id": _l("Unit"), "schedule_item_id": _l("Document not owed")},
    "adhoc_report": {"kind": _l("Kind"), "period_start_on": _l("Period from"), "period_end_on": _l("Period to"),
                     "due_on": _l("Due on")},
    "reminder_policy": {
        "enabled": _l("Send reminders for this plan"),
        "days_before": _l("Remind this many days before the due date"),
        "first_overdue_after": _l("First overdue notice, days after the due date"),
        "overdue_every": _l("Then repeat every (days)"),
        "send_hour": _l("Hour of sending (0–23, Vietnam time)"),
        "grace_days": _l("Grace period after an outage (days)"),
        "escalate_overdue": _l("Copy overdue notices to the unit head and the coordinating unit's reviewers"),
    },
    "indicator": {"unit": _l("Unit of measure"), "kind": _l("Kind"), "direction": _l("Direction"),
                  "numerator_code": _l("Numerator (a count)"), "denominator_code": _l("Denominator (a count)"),
                  "target": _l("The plan's target"), "position": _l("Order"),
                  "is_required": _l("Required: a unit that reports it must give it before submitting")},
    "indicator_unit": {"indicator_id": _l("Indicator"), "assignment_id": _l("Assigned unit"),
                       "target": _l("Own target")},
    "unit": {"kind": _l("Kind"), "parent_id": _l("Parent unit")},
    "user": {"full_name": _l("Full name"), "password_hash": _l("Password"),
             "calendar_token": _l("Calendar feed address"), "locale": _l("Language"),
             "wants_digest": _l("Daily digest instead of a mail per event")},
    "membership": {"role": _l("Role")},
    "programme": {"decision": _l("Approved by (decision)"), "start_year": _l("From year"),
                  "end_year": _l("To year"), "is_active": _l("In use (offered to new plans)")},
    "budget_item": {"parent_id": _l("Belongs to"), "position": _l("Order"),
                    "is_active": _l("In use (offered in budget lines)")},
    "api_token": {"name": _l("What the token is for"), "prefix": _l("Begins with"), "revoked_at": _l("Revoked")},
}
#: Fields the entry's own name already tells when the object is created or deleted (its
#: plan, unit or person: "Huyện Krông Nô · 98/KH-UBND (2026)"); a change of them is shown.
NAMED_BY_LABEL = {("adhoc_report", "assignment_id"), ("assignment", "plan_id"), ("assignment", "unit_id"),
                  ("plan_target", "plan_id"), ("plan_target", "unit_id"), ("membership", "user_id"),
                  ("membership", "unit_id"), ("unit_contact", "unit_id"), ("api_token", "user_id"),
                  ("indicator", "plan_id"), ("indicator_unit", "indicator_id"), ("indicator_unit", "assignment_id"),
                  ("plan_budget_line", "plan_id"), ("plan_budget_line", "budget_item_id")}

#: Fields holding the id of another object, and the model that names it.
UNIT_FIELDS = {"unit_id", "issuing_unit_id", "coordinating_unit_id"}
REFERENCES = {"user_id": User, "plan_id": Plan, "copied_from_id": Plan, "programme_id": Programme,
              **{f: Unit for f in UNIT_FIELDS}}
OWN_REFERENCES = {("unit", "parent_id"): Unit, ("budget_item", "parent_id"): BudgetItem,
                  ("plan_budget_line", "budget_item_id"): BudgetItem}
ENUMS = {("unit", "kind"): (UnitKind, UNIT_KIND_LABELS), ("adhoc_report", "kind"): (DeliverableKind, KIND_LABELS),
         ("schedule_item", "kind"): (DeliverableKind, KIND_LABELS),
         ("membership", "role"): (Role, ROLE_LABELS),
         ("indicator", "kind"): (IndicatorKind, INDICATOR_KIND_LABELS),
         ("indicator", "unit"): (MeasureUnit, MEASURE_UNIT_LABELS),
         ("indicator", "direction"): (Direction, DIRECTION_LABELS)}
#: Whole numbers shown with thousands (households); others (a year, an hour) as they are.
COUNTS = {"plan_target"}
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
LONG_TEXT = 300


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class Row:
    entry: object
    what: str
    action: str
    who: str
    who_detail: str
    link: str | None
    changes: list = field(default_factory=list)


def _reference(entry, name):
    return OWN_REFERENCES.get((entry.object_type, name)) or REFERENCES.get(name)


def _names(entries):
    """{model: {id: name}} for every id the entries' changes point to, and for the people
    who made them (one query a model, of the few columns a name needs)."""
    wanted = {User: {e.actor_id for e in entries if e.actor_id}}
    for entry in entries:
        for name, pair in (entry.changes or {}).items():
            model = _reference(entry, name)
            if model is not None:
                wanted.setdefault(model, set()).update(v for v in pair if isinstance(v, int))
    names = {}
    for model, ids in wanted.items():
        if ids:
            columns = NAME_COLUMNS[model]
            rows = db.session.execute(db.select(model.id, *columns).where(model.id.in_(ids))).all()
            names[model] = {row[0]: NAME_FORMATS[model](*row[1:]) for row in rows}
    return names


NAME_COLUMNS = {Unit: (Unit.name,), User: (User.full_name,), Plan: (Plan.number, Plan.symbol, Plan.year),
                BudgetItem: (BudgetItem.code, BudgetItem.name), Programme: (Programme.code, Programme.name)}
NAME_FORMATS = {
    Unit: lambda name: name,
    User: lambda full_name: full_name,
    Plan: lambda number, symbol, year: f"{number}/{symbol} ({year})" if number else f"{symbol} ({year})",
    BudgetItem: lambda code, name: f"{code} – {name}",
    Programme: lambda code, name: f"{code} – {name}",
}


def field_label(object_type, name):
    label = FIELDS.get(object_type, {}).get(name) or COMMON_FIELDS.get(name)
    return str(label) if label is not None else name


def value_text(entry, name, value, names):
    """One value of a change as the reader reads it."""
    if value is None or value == "":
        return "–"
    if value == MARKER:
        return MARKER
    model = _reference(entry, name)
    if model is not None:
        return names.get(model, {}).get(value, f"#{value}")
    if (entry.object_type, name) in ENUMS:
        enum_cls, labels = ENUMS[entry.object_type, name]
        try:
            return str(labels[enum_cls(value)])
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "locale":
        return LANGUAGES.get(value, value)
    if isinstance(value, int):
        return vn_number(value) if entry.object_type in COUNTS else str(value)
    if isinstance(value, str) and name.endswith("_on"):
        return vn_date(dt.date.fromisoformat(value))
    if isinstance(value, str) and name.endswith("_at"):
        return vn_datetime(dt.datetime.fromisoformat(value))
    if isinstance(value, str) and name.startswith(("poor_rate", "near_poor_rate")):
        return vn_decimal(value)
    if isinstance(value, str) and entry.object_type == "plan_budget_line":  # million VND
        return vn_amount(value)
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[:LONG_TEXT] + "…"


def _link(entry):
    """The object's page, where there is one (none for what was deleted)."""
    if entry.action is AuditAction.DELETED and entry.object_type in {"plan", "unit", "user", "budget_item",
                                                                     "programme"}:
        return None
    kind = entry.object_type
    if kind in {"plan", "assignment", "plan_target", "adhoc_report"} and entry.plan_id:
        return url_for("plans.overview", plan_id=entry.plan_id)
    if kind in {"indicator", "indicator_unit"} and entry.plan_id:
        return url_for("plans.indicators.index", plan_id=entry.plan_id)
    if kind == "plan_budget_line" and entry.plan_id:
        return url_for("plans.overview", plan_id=entry.plan_id, _anchor="budget")
    if kind == "reminder_policy" and entry.plan_id:
        return url_for("reminders.plan_policy", plan_id=entry.plan_id)
    if kind == "unit":
        return url_for("admin.unit_edit", unit_id=entry.object_id)
    if kind == "unit_contact" and entry.unit_id:
        return url_for("admin.unit_edit", unit_id=entry.unit_id)
    if kind == "user":
        return url_for("admin.user_edit", user_id=entry.object_id)
    if kind == "membership":
        user_id = next((v for v in (entry.changes or {}).get("user_id", []) if v), None)
        return url_for("admin.user_edit", user_id=user_id) if user_id else None
    if kind == "budget_item":
        return url_for("budget.edit", item_id=entry.object_id)
    if kind == "programme":
        return url_for("budget.programme", programme_id=entry.object_id)
    return None


def _who(entry, names):
    """The person's name as it is now, and their email as it was then; or what acted."""
    if entry.actor_id is None:
        return str(ACTOR_LABELS.get(entry.actor_label, entry.actor_label)), ""
    return names.get(User, {}).get(entry.actor_id, entry.actor_label), entry.actor_label


def rows(entries):
    """The entries of a page, ready for the template."""
    names = _names(entries)
    out = []
    for entry in entries:
        who, who_detail = _who(entry, names)
        changes = [Change(field_label(entry.object_type, name), value_text(entry, name, before, names),
                          value_text(entry, name, after, names))
                   for name, (before, after) in (entry.changes or {}).items()
                   if entry.action is AuditAction.CHANGED or (entry.object_type, name) not in NAMED_BY_LABEL]
        out.append(Row(entry, str(OBJECT_LABELS.get(entry.object_type, entry.object_type)),
                       str(ACTION_LABELS[entry.action]), who, who_detail, _link(entry), changes))
    return out
