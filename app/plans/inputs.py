"""A plan's set-up as a script gives it — the API's JSON, or the command line's options put
the same way — read into what the operations take (``operations``, ``schedule``).

The plan form's own fields check what a person could type wrong (``app.inputs``); the
operations then apply the rules and the policy, as for the pages. Names are the pages'
and the operations': a refusal names the field the script sent. A unit named (by id or
code) that the script's user may not be told of (``policy.nameable_unit_ids``) is refused as
a unit that does not exist, called as the script called it: a script learns no more of
other units than its user's pages show.

A target row takes every column the file import takes (``tables.target_columns``: the
households' and the plan's own indicators', by code). Defining indicators and the plan's
budget join the same way (issue 16, points 1 and 5): a ``read_*`` here for their rows, the
operation, a route in ``app.api.plan_routes`` and a command in ``app.plan_commands``.
"""
from decimal import Decimal

from flask_babel import gettext as _

from workflows import figures as figure_rules
from workflows import indicators as rules
from workflows import plan_budget as plan_budget_rules
from workflows.enums import IndicatorKind, MeasureUnit
from workflows.targets import indicator_column

from .. import policy
from ..formatting import measure_input_text, translate_message
from ..errors import Invalid
from ..inputs import Reader, find_unit, form_data, invalid, is_whole_number, validated
from ..tables import target_columns
from . import budget as plan_budget
from . import operations, schedule
from .budget_form import line_keys, lines_from_form, plan_budget_form_class
from .forms import AdhocForm, AssignForm, PlanForm
from .indicator_forms import IndicatorForm, fill_operands
from .indicators import definitions as indicator_definitions

#: How the target table names an indicator's column (``workflows.targets.indicator_column``).
INDICATOR_PREFIX = indicator_column("")

TEXT_FIELDS = ("number", "symbol", "title", "place", "legal_bases", "goals")
PLAN_KEYS = ("issuing_unit_id", "coordinating_unit_id", "programme_id", "year", "issued_on", *TEXT_FIELDS, "schedule")
#: A new plan's fields when the script does not give them.
NEW_PLAN = {"year": None, "number": "", "symbol": "KH-UBND", "title": "", "place": "", "issued_on": None,
            "legal_bases": "", "goals": ""}
ASSIGN_KEYS = ("unit_ids", "duties", "requested", "item_ids")
ADHOC_KEYS = ("title", "period_start_on", "period_end_on", "due_on", "assignment_ids", "unit_ids")
ADHOC_DATES = ("period_start_on", "period_end_on", "due_on")


def _form(form_class, values):
    return form_class(formdata=form_data(values), meta={"csrf": False})


def read_plan(data, plan=None):
    """(issuing unit, coordinating unit, values) for ``operations.create_plan`` (``plan``
    None) or ``operations.update_plan``.

    The fields given change, the others stay as they are (a new plan's: empty, symbol
    KH-UBND). "schedule" ({field name: ISO date, or null for the default}) asks exactly
    the documents it names; without it a new plan asks the usual ones and a plan being
    edited keeps its own. "programme_id" null or left out: a new plan's programme is the
    one whose years cover its year, an edited plan keeps its own. A plan's units are fixed
    once it exists."""
    r = Reader(data, PLAN_KEYS)
    values = dict(NEW_PLAN) if plan is None else {name: getattr(plan, name) for name in operations.PLAN_FIELDS}
    for name in TEXT_FIELDS:
        if name in r:
            values[name] = r.text(name)
    if "year" in r:
        values["year"] = r.integer("year")
    if "issued_on" in r:
        values["issued_on"] = r.date("issued_on", nullable=True)
    due = read_schedule(r) if "schedule" in r else None
    programme_id = None
    if "programme_id" in r and r.data["programme_id"] is not None:
        programme_id = r.integer("programme_id")  # which programme: the operation's to check
    if plan is None:
        issuing = _required_unit(r, "issuing_unit_id", _("Choose the issuing unit."))
        coordinating = _required_unit(r, "coordinating_unit_id", _("Choose the coordinating unit."))
    else:
        issuing, coordinating = plan.issuing_unit, plan.coordinating_unit
        for name, current in (("issuing_unit_id", issuing), ("coordinating_unit_id", coordinating)):
            if name in r and r.unit(name) not in (None, current):
                r.fail(name, _("A plan's issuing and coordinating units do not change: create a new plan instead."))
    r.done()
    form = _form(PlanForm, {**values, "issuing_unit_id": issuing.id, "coordinating_unit_id": coordinating.id})
    form.issuing_unit_id.choices = [(issuing.id, issuing.name)]
    form.coordinating_unit_id.choices = [(coordinating.id, coordinating.name)]
    values = validated(form).plan_values(operations.PLAN_FIELDS)
    values["programme_id"] = programme_id
    if due is not None:
        values["schedule"] = due
    return issuing, coordinating, values


def _required_unit(r, name, missing):
    if name not in r:
        return r.fail(name, missing)
    return r.unit(name)


def read_schedule(r):
    """{field name: date, or None for its default} of the "schedule" object. Its problems
    are named by the field (``annual_due_on``), as the operations name those of the rules."""
    given = r.object("schedule")
    if given is None:
        return None
    inner = Reader(given, schedule.FIELDS)
    due = {name: inner.date(name, nullable=True) for name in given if name in schedule.FIELDS}
    r.merge(inner)
    return due


def item_id(plan, ref):
    """The id of the plan's schedule item ``ref`` names: its id, or its field name with or
    without "_due_on" ("annual", "quarterly_2_due_on"); None if the plan does not ask it."""
    if is_whole_number(ref):
        return ref if any(i.id == ref for i in plan.schedule) else None
    if not isinstance(ref, str):
        return None
    name = ref.strip().lower()
    slot = schedule.FIELDS.get(name) or schedule.FIELDS.get(f"{name}_due_on")
    item = plan.item(*slot) if slot else None
    return item.id if item is not None else None


def _items(plan, r, name):
    refs = r.items(name)
    if refs is None:
        return None
    ids = []
    for ref in refs:
        found = item_id(plan, ref)
        if found is None:
            r.fail(name, _("%(ref)s is not in this plan's schedule.", ref=ref if isinstance(ref, (int, str)) else "?"))
        elif found not in ids:
            ids.append(found)
    return ids


def read_assignment(user, plan, data):
    """(units, duties, requested, item ids owed — None: all) for ``operations.assign_units``."""
    r = Reader(data, ASSIGN_KEYS)
    units = (r.units("unit_ids", policy.nameable_unit_ids(user, plan)) if "unit_ids" in r else []) or []
    duties = r.text("duties") if "duties" in r else ""
    requested = r.boolean("requested") if "requested" in r else False
    item_ids = _items(plan, r, "item_ids") if "item_ids" in r else None
    r.done()
    form = _form(AssignForm, {"unit_ids": [u.id for u in units], "duties": duties, "is_requested": requested})
    form.unit_ids.choices = [(u.id, u.name) for u in units]
    form.exempt_ids.choices = []
    validated(form)
    return units, form.duties.data or "", bool(requested), item_ids


def read_owed(plan, data):
    """The item ids one assignment is to owe, for ``schedule.set_owed``."""
    r = Reader(data, ("item_ids",))
    if "item_ids" not in r:
        r.fail("item_ids", _("Choose at least one document."))
    item_ids = _items(plan, r, "item_ids") if "item_ids" in r else None
    r.done()
    return item_ids


def find_assignment(plan, unit_ref):
    """The plan's assignment of the unit named by id or code, or None."""
    unit = find_unit(unit_ref)
    return next((a for a in plan.assignments if unit is not None and a.unit_id == unit.id), None)


def read_adhoc(user, plan, data):
    """The keyword arguments of ``operations.add_adhoc_report`` but the user and the plan.
    The units asked: "assignment_ids", or "unit_ids" (ids or codes of assigned units)."""
    r = Reader(data, ADHOC_KEYS)
    values = {"title": r.text("title") if "title" in r else ""}
    for name in ADHOC_DATES:
        if name in r:
            values[name] = r.date(name)
        else:
            r.fail(name, _("Send a date as YYYY-MM-DD, e.g. 2027-03-31."))
    by_id = {a.id: a for a in plan.assignments}
    chosen = []
    if "assignment_ids" in r:
        for ident in r.ids("assignment_ids") or []:
            if ident in by_id:
                chosen.append(ident)
            else:
                r.fail("assignment_ids", _("%(ref)s is not an assignment of this plan.", ref=ident))
    if "unit_ids" in r:
        for unit in r.units("unit_ids", policy.nameable_unit_ids(user, plan)) or []:
            assignment = next((a for a in plan.assignments if a.unit_id == unit.id), None)
            if assignment is None:
                r.fail("unit_ids", _("%(unit)s is not assigned to this plan.", unit=unit.name))
            elif assignment.id not in chosen:
                chosen.append(assignment.id)
    r.done()
    form = _form(AdhocForm, {**values, "assignment_ids": chosen})
    form.assignment_ids.choices = [(a.id, a.unit.name) for a in plan.assignments]
    validated(form)
    return {"title": form.title.data, "due_on": form.due_on.data, "period_start_on": form.period_start_on.data,
            "period_end_on": form.period_end_on.data, "assignments": [by_id[i] for i in chosen]}


def read_target_rows(plan, data):
    """A target table sent as {"rows": [{"unit": code, name or id, "poor_start": 851,
    "poor_rate_start": "4,32", "<indicator code>": 98, ...}]} as the file reader gives one
    (``tables.read_rows``): cell texts by column, each row numbered by its place in the
    list (from 0), for ``operations.import_targets``. A total row is a row whose unit is
    "Tổng cộng" (its indicator cells: the plan's own targets)."""
    columns, _optional, aliases = target_columns(indicator_definitions(plan))
    keys = {key: key for key, _vi, _examples in columns} | aliases  # an indicator by its code too
    # A unit named by id: its code, if it is one of the plan's (no other is matched, nor told).
    codes = {a.unit_id: a.unit.code for a in plan.assignments}
    r = Reader(data, ("rows",))
    given = r.items("rows") if "rows" in r else None
    if "rows" not in r or given == []:
        r.fail("rows", _("Send at least one row."))
    rows = []
    for index, row in enumerate(given or []):
        inner = Reader(row, keys, prefix=f"rows.{index}.")
        cells = {"row": index, **{key: "" for key in keys.values()}}
        for name in inner.data:
            if name in keys:
                cells[keys[name]] = _cell(inner, name, codes)
        r.merge(inner)
        rows.append(cells)
    r.done()
    return rows


def _cell(r, key, codes):
    """A JSON value as the text of a spreadsheet cell in a Vietnamese sheet (the id of a
    unit of ``codes`` {id: code} as its code; 97.5 as "97,5")."""
    value = r.data[key]
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return r.fail(key, _("Send a number or a text."))
    if key == "unit" and isinstance(value, int):
        return codes.get(value, str(value))
    return repr(value).replace(".", ",") if isinstance(value, float) else str(value)


def row_messages(errors):
    """RowErrors of a table sent as JSON, by field: {"rows.2.poor_start": message}; an
    indicator's column by its code ("rows.2.BHYT")."""
    out = {}
    for e in errors:
        name = f"rows.{e.row}.{e.column.removeprefix(INDICATOR_PREFIX)}"
        message = translate_message(e.message, e.params)
        out[name] = f"{out[name]} {message}" if name in out else message
    return out


INDICATOR_KEYS = ("code", "name", "kind", "unit", "direction", "numerator_code", "denominator_code", "target",
                  "is_required")


def _number_text(r, name, unit):
    """A target sent as a JSON number (97.5) or as typed in Vietnamese ("97,5", "1.234"), as
    the page's field reads it."""
    value = r.data[name]
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return r.fail(name, _("Send a number."))
    number = Decimal(str(value))
    if not number.is_finite() or not 0 <= number < rules.MAX_NUMBER:
        return r.fail(name, _("A target lies between 0 and 1.000.000.000."))
    # Written plainly (1234 · 97,5), not rounded for display: the field's own reading
    # refuses what it cannot keep (a fraction of a household, a third decimal of a rate).
    return str(int(number)) if number == number.to_integral_value() else format(number, "f").replace(".", ",")


def read_indicator(plan, data, indicator=None):
    """What ``indicators.add_indicator`` (``indicator`` None) or ``update_indicator`` takes,
    read from a script's JSON through the page's form: the fields given change, the
    others stay as they are. Kinds, units and directions by their names ("ratio",
    "percent", "at_least"); a ratio's operands by code (the plan's counts or built-ins)."""
    r = Reader(data, INDICATOR_KEYS)
    current = {} if indicator is None else {
        "code": indicator.code, "name": indicator.name, "kind": indicator.kind.value, "unit": indicator.unit.value,
        "direction": indicator.direction.value, "numerator_code": indicator.numerator_code or "",
        "denominator_code": indicator.denominator_code or "", "is_required": indicator.is_required,
        "target": measure_input_text(indicator.target, indicator.unit)}
    values = {"kind": "count", "unit": "households", "direction": "at_least", "is_required": True, **current}
    for name in ("code", "name", "kind", "unit", "direction", "numerator_code", "denominator_code"):
        if name in r:
            values[name] = r.line(name)
    if "is_required" in r:
        values["is_required"] = r.boolean("is_required")
    if "target" in r:
        unit = "percent" if values["kind"] == "ratio" else values["unit"]
        values["target"] = _number_text(r, "target", unit)
    r.done()
    form = _form(IndicatorForm, values)
    fill_operands(form, [(c, c) for c in operand_codes(plan, indicator)])
    return validated(form).values()


def operand_codes(plan, exclude=None):
    """The codes a ratio of ``plan`` may be computed from: the built-in counts and the plan's."""
    return [d.code for d in rules.BUILTINS if d.kind is IndicatorKind.COUNT] + [
        i.code for i in plan.indicators if i is not exclude and i.kind is IndicatorKind.COUNT]


def read_reporters(user, plan, indicator, data):
    """{assignment id: own target or None} of {"units": [{"unit": id or code, "target": n}]}
    — the whole list: units left out stop reporting it."""
    r = Reader(data, ("units",))
    given = r.items("units") if "units" in r else []
    by_unit = {a.unit_id: a for a in plan.assignments}
    seen = policy.nameable_unit_ids(user, plan)
    unit = MeasureUnit.PERCENT if indicator.kind is IndicatorKind.RATIO else indicator.unit
    targets = {}
    for i, entry in enumerate(given or []):
        inner = Reader(entry, ("unit", "target"), f"units.{i}.")
        found = inner.unit("unit", seen) if "unit" in inner else inner.fail("unit", _("Name the unit."))
        target = None
        if "target" in inner and inner.data["target"] is not None:
            text = _number_text(inner, "target", unit)
            try:
                target = rules.parse_value(unit, text) if isinstance(text, str) else None
            except rules.Unreadable as exc:
                inner.fail("target", translate_message(exc.message, {}))
        if found is not None and found.id not in by_unit:
            inner.fail("unit", _("%(unit)s is not assigned by this plan.", unit=found.name))
        elif found is not None:
            targets[by_unit[found.id].id] = target
        r.merge(inner)
    r.done()
    return targets


# --- the plan's own budget ----------------------------------------------------------------

def read_budget(plan, data):
    """The lines ``budget.set_budget`` takes, from {"lines": {line: {column: amount}}}: a
    line named by its catalog item's id ("12") or code ("DA1.TDA1", any case) among the
    plan's programme's, or "total"; amounts as JSON numbers or typed the Vietnamese way
    ("1.234,5"), read by the budget page's own form. Problems by JSON path (lines.DA1.total)."""
    r = Reader(data, ("lines",))
    lines = r.data.get("lines")
    if not isinstance(lines, dict):
        r.fail("lines", _("Send the lines as a JSON object: {catalog item id or code, or \"total\": "
                          "{column: amount}}."))
    r.done()
    rows = plan_budget.items_for(plan, plan_budget.lines_of(plan))
    keys = set(line_keys(rows))
    by_code = {row.code.lower(): str(row.id) for row in rows}
    formdata, named, problems = {}, {}, {}
    for name, cells in (lines or {}).items():
        key = name if name in keys else by_code.get(str(name).strip().lower())
        if key is None or key in named or not isinstance(cells, dict):
            problems[f"lines.{name}"] = (_("Not a line of this plan's budget: a project of its programme "
                                           "(%(programme)s) by id or code, or \"total\".",
                                           programme=plan.programme.code) if key is None else
                                         _("This line is given twice.") if key in named else
                                         _("Send the line's cells as a JSON object: {column: amount}."))
            continue
        named[key] = name
        for column, value in cells.items():
            text = _budget_text(value)
            if column not in figure_rules.COLUMNS or text is None:
                problems[f"lines.{name}.{column}"] = (_("Unknown field.") if column not in figure_rules.COLUMNS
                                                      else _("Send a number."))
            else:
                formdata[plan_budget_rules.field_name(key, column)] = text
    form = plan_budget_form_class(rows)(formdata=form_data(formdata), meta={"csrf": False})
    form.validate()  # always: every problem is reported at once
    for field, errors in form.errors.items():
        problems.setdefault(budget_path(field, named), " ".join(map(str, errors)))
    if problems:
        raise invalid(problems)
    return lines_from_form(form, rows), named


def _budget_text(value):
    """A JSON amount as it would be typed; None when it is not an amount at all."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    return repr(value) if isinstance(value, float) else str(value)


def budget_path(name, named=None):
    """The JSON path of a budget form field or ``set_budget``'s error key, the line called as
    the script called it (``named``: {key: the name sent}): budget-12-allocated-total →
    lines.12.total; budget-12 → lines.12."""
    parts = name.split("-", 3)
    if len(parts) < 2 or parts[0] != "budget":
        return name
    line = (named or {}).get(parts[1], parts[1])
    return f"lines.{line}.{parts[3]}" if len(parts) == 4 else f"lines.{line}"


def budget_refusal(exc, named):
    """``set_budget``'s refusal (``Invalid``, by form field) by JSON path."""
    return Invalid(exc.message, {budget_path(k, named): v for k, v in exc.errors.items()})
