"""Rows as JSON, and JSON content as the edit form's fields (one validation for both)."""
from decimal import Decimal

from workflows import figures as rules
from workflows import plan_budget as plan_budget_rules

from ..documents.checks import findings
from ..documents.content import INDICATORS_KEY, figure_fields, figure_key, measures_for, text_fields
from ..formatting import describe_finding
from ..plans import schedule
from ..plans.operations import TARGET_FIELDS_IMPORTED
from ..reminders.policy_form import current_values
from ..tables import TARGET_COLUMNS


def _date(value):
    return value.isoformat() if value is not None else None


def _number(value):
    """Counts stay integers; rates and amounts become JSON numbers (None stays null)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def unit_ref(u):
    return {"id": u.id, "code": u.code, "name": u.name}


def unit(u):
    return {**unit_ref(u), "kind": u.kind.value, "parent_id": u.parent_id, "active": u.is_active,
            "emails": list(u.emails)}


def user(u):
    return {"id": u.id, "email": u.email, "full_name": u.full_name,
            "roles": [{"role": m.role.value, "unit": unit_ref(m.unit)} for m in u.memberships]}


def programme(p):
    return {"id": p.id, "code": p.code, "name": p.name, "decision": p.decision, "start_year": p.start_year,
            "end_year": p.end_year, "active": p.is_active}


def budget_item(i):
    return {"id": i.id, "programme_id": i.programme_id, "program": i.programme.decision or i.programme.code,
            "code": i.code, "name": i.name, "parent_id": i.parent_id, "active": i.is_active}


def plan(p, with_units=False):
    out = {"id": p.id, "year": p.year, "number": p.number, "symbol": p.symbol, "reference": p.reference,
           "title": p.title, "place": p.place, "issued_on": _date(p.issued_on), "published": p.is_published,
           "legal_bases": p.legal_bases, "goals": p.goals,
           "issuing_unit": unit_ref(p.issuing_unit), "coordinating_unit": unit_ref(p.coordinating_unit),
           "programme_id": p.programme_id,
           "schedule": [schedule_item(i) for i in sorted(p.schedule, key=lambda i: (i.due_on, i.kind.value,
                                                                                      i.occurrence))],
           "schedule_warnings": schedule.warnings(p.year, schedule.entries_of(p))}
    if with_units:
        out["assignments"] = [assignment(a) for a in sorted(p.assignments, key=lambda a: a.unit.name)]
    return out


def assignment(a):
    """An assigned unit, its duties and the schedule items it owes (``item_ids``)."""
    return {"id": a.id, "unit": unit_ref(a.unit), "requested": a.is_requested, "duties": a.duties,
            "item_ids": [i.id for i in schedule.owed_items(a)]}


#: The target table's columns a row keeps as given (the others are computed from them).
STORED_TARGET_COLUMNS = [key for key, _vi, _examples in TARGET_COLUMNS if key in TARGET_FIELDS_IMPORTED]
#: The unit cell of the row that gives the plan's own indicator targets.
TOTAL_ROW = "Tổng cộng"


def target_table(plan):
    """The plan's target table as ``PUT /plans/<id>/targets`` takes it: a row per unit with
    targets (the unit by code; its counts and printed rates; its own target of each of the
    plan's indicators, by code), then — if the plan sets targets of its own indicators — a
    total row giving them."""
    indicators = list(plan.indicators)
    own = {(r.assignment.unit_id, i.code): r.target for i in indicators for r in i.reporters
           if r.target is not None}
    stored = {t.unit_id: t for t in plan.targets}
    units = {a.unit_id: a.unit for a in plan.assignments} | {t.unit_id: t.unit for t in plan.targets}
    rows = []
    for unit_id in sorted(set(stored) | {u for u, _code in own}, key=lambda u: units[u].name):
        row = {"unit": units[unit_id].code}
        for key in STORED_TARGET_COLUMNS:
            row[key] = _number(getattr(stored[unit_id], key)) if unit_id in stored else None
        rows.append(row | {i.code: _target(own.get((unit_id, i.code))) for i in indicators})
    if any(i.target is not None for i in indicators):
        rows.append({"unit": TOTAL_ROW, **{i.code: _target(i.target) for i in indicators}})
    return {"rows": rows}


def _target(value):
    """An indicator's target as sent: 120 (not 120.00), 97.5."""
    return None if value is None else _number(value.normalize())


def reminder_policy(plan):
    return {"plan_id": plan.id, **current_values(plan)}


def schedule_item(i):
    return {"id": i.id, "kind": i.kind.value, "occurrence": i.occurrence, "due_on": _date(i.due_on),
            "period_start_on": _date(i.period_start_on), "period_end_on": _date(i.period_end_on)}


def deliverable(d):
    return {"id": d.id, "kind": d.kind.value, "occurrence": d.occurrence, "title": d.title, "unit": unit_ref(d.assignment.unit),
            "plan_id": d.assignment.plan_id, "period_start_on": _date(d.period_start_on),
            "period_end_on": _date(d.period_end_on), "due_on": _date(d.due_on), "document_id": d.document.id,
            "state": d.document.state.value}


def finding(f):
    return {"severity": f.severity, "code": f.code, "field": f.field, "message": describe_finding(f)}


def document(doc, version):
    content = version.content or {}
    return {"id": doc.id, "deliverable": deliverable(doc.deliverable), "state": doc.state.value,
            "lock_version": doc.lock_version, "current_version": doc.current_version_no,
            "version": version.number, "approved_at": _date(version.approved_at),
            "submitted_at": _date(doc.submitted_at) if doc.state.value in ("submitted", "approved") else None,
            "content": content, "findings": [finding(f) for f in findings(doc, content)]}


def log_entry(e):
    return {"id": e.id, "trigger": e.trigger.value, "from_state": e.from_state.value, "to_state": e.to_state.value,
            "version": e.version_no, "actor": {"id": e.actor.id, "full_name": e.actor.full_name},
            "comment": e.comment, "at": _date(e.created_at)}


def coverage(cov):
    return {"units_expected": cov.expected, "units_reported": cov.reported,
            "households_expected": cov.households_expected, "households_covered": cov.households_covered,
            "is_partial": cov.is_partial}


#: The rates (%) and changes (percentage points) of a line of figures, recomputed from its counts.
RATES = ("rate_start", "rate_target", "points_target", "rate_latest", "near_rate_start", "near_rate_target",
         "near_points_target", "near_rate_latest")


def rates(f):
    """The rates of ``f`` (``workflows.poverty.PovertyRates``) as JSON numbers."""
    return {name: _number(getattr(f, name)) for name in RATES}


def part_coverage(cov):
    return {"units": cov.units, "of": cov.of, "is_partial": cov.is_partial}


def indicators(matrix):
    """The plan's own indicators over its units (``figures.indicators.IndicatorMatrix``)."""
    out = []
    for col in matrix.columns:
        d = col.definition
        units = [{"unit": unit_ref(r.unit), "value": _number(cell.value), "target": _number(cell.target),
                  "reported": cell.reported,
                  "report_document_id": r.report.document.id if r.report is not None else None}
                 for r in matrix.rows for cell in [r.cells.get(d.code)] if cell is not None]
        out.append({"id": int(d.key), "code": d.code, "name": d.name, "kind": d.kind.value, "unit": d.unit.value,
                    "direction": d.direction.value, "numerator": d.numerator, "denominator": d.denominator,
                    "target": _number(d.target), "total": _number(col.total.value) if col.is_summed else None,
                    "total_numerator": _number(col.total.numerator),
                    "total_denominator": _number(col.total.denominator),
                    "coverage": {"units_expected": col.coverage.expected, "units_reported": col.coverage.reported},
                    "figures_final": col.is_final, "verdict": col.verdict, "units": units})
    return out


def consolidation(c, matrix=None):
    def unit_row(u):
        return {"unit": unit_ref(u.unit), "depth": u.depth, "target": u.target, "results": u.results,
                "results_complete": u.complete, "units_below_expected": u.below_expected,
                "units_below_reported": u.below_complete, **rates(u),
                "report_document_id": u.report.document_id if u.report else None,
                "findings": [finding(f) for f in u.findings]}

    def money(values):
        return {k: _number(v) for k, v in values.items()}

    def budget_row(b):
        return {"item": budget_item(b.item), "allocated": money(b.allocated), "disbursed": money(b.disbursed),
                "disbursement_rate": _number(b.rate),
                "document_ids": [source.document_id for _unit, source in b.sources]}

    total = c.budget_total
    return {"plan_id": c.plan.id, "units": [unit_row(u) for u in c.units],
            "target_total": c.target_total, "results_total": c.results_total,
            "covered_target_total": c.covered_target, "coverage": coverage(c.coverage), **rates(c),
            "covered_rates": rates(c.covered),
            "covered_rate_start": _number(c.covered_rate_start), "covered_rate_target": _number(c.covered_rate_target),
            "near_poor_coverage": {"targets": part_coverage(c.near_target_coverage),
                                   "results": part_coverage(c.near_results_coverage)},
            "budget": [budget_row(b) for b in c.budget], "budget_coverage": coverage(c.budget_coverage),
            "plan_budget": plan_budget_comparison(c.plan_budget),
            "budget_total": None if total is None else {"allocated": money(total.allocated),
                                                        "disbursed": money(total.disbursed),
                                                        "disbursement_rate": _number(total.rate)},
            "indicators": indicators(matrix) if matrix is not None else []}


def plan_budget_comparison(pb):
    """The units' budget lines against the plan's own budget; the difference and the share
    disbursed are null while some expected units have not reported (``coverage``)."""
    def source(s):
        return {"column": s.column, "planned": _number(s.planned), "allocated": _number(s.allocated),
                "disbursed": _number(s.disbursed), "difference": _number(s.difference),
                "disbursed_share": _number(s.disbursed_share)}

    return {"entered": pb.has_plan_budget, "coverage": coverage(pb.coverage),
            "lines": [{"item": None if line.item is None else budget_item(line.item),
                       "sources": [source(s) for s in line.sources]} for line in pb.lines]}


def completeness(comp):
    def counts(k):
        return {"kind": k.kind.value if k.kind else "all", "expected": k.expected, "submitted": k.submitted,
                "approved": k.approved, "on_time": k.on_time, "not_due": k.not_due,
                "submitted_rate": _number(k.submitted_rate), "approved_rate": _number(k.approved_rate),
                "on_time_rate": _number(k.on_time_rate)}

    return {"as_of": _date(comp.on), "by_kind": [counts(k) for k in comp.by_kind], "overall": counts(comp.overall),
            "units": [{"unit": unit_ref(r.unit),
                       "deliverables": [{"deliverable_id": c.deliverable.id, "kind": c.deliverable.kind.value,
                                         "occurrence": c.deliverable.occurrence,
                                         "state": c.state.value, "timing": c.timing(comp.on),
                                         "document_id": c.document.id} for c in r.all_cells()]}
                      for r in comp.rows]}


# --- content in ---------------------------------------------------------------------

def _text(value):
    return value if isinstance(value, str) else None


def _scalar(value):
    """A JSON number or string as the text a user would type; None when it is neither."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    return value if isinstance(value, str) else None


def content_to_formdata(content, kind, items, inputs=()):
    """JSON content → the edit form's fields, and the paths of anything that is not a field.
    ``inputs``: the indicators the document's unit types (``documents.indicators``)."""
    data, problems = {}, []
    known_top = {*text_fields(kind), figure_key(kind), "budget", "acknowledged"}
    if inputs:
        known_top.add(INDICATORS_KEY)
    problems += [f"content.{k}" for k in content if k not in known_top]
    for name in text_fields(kind):
        value = content.get(name, "")
        text = "" if value is None else _text(value)
        if text is None:
            problems.append(f"content.{name}")
        else:
            data[name] = text
    figures = content.get(figure_key(kind)) or {}
    if not isinstance(figures, dict):
        problems.append(f"content.{figure_key(kind)}")
        figures = {}
    for name, value in figures.items():
        if name not in figure_fields(kind) or _scalar(value) is None:
            problems.append(f"content.{figure_key(kind)}.{name}")
        else:
            data[name] = _scalar(value)
    budget = content.get("budget") or {}
    keys = {str(i.id) for i in items} | {rules.TOTAL_ROW}
    measures = measures_for(kind)
    if not isinstance(budget, dict):
        problems.append("content.budget")
        budget = {}
    for key, line in budget.items():
        if key not in keys or not isinstance(line, dict):
            problems.append(f"content.budget.{key}")
            continue
        for measure, cells in line.items():
            if measure not in measures or not isinstance(cells, dict):
                problems.append(f"content.budget.{key}.{measure}")
                continue
            _budget_cells(cells, f"content.budget.{key}.{measure}",
                          lambda column, k=key, m=measure: rules.budget_field(k, m, column), data, problems)
    data.update(_indicators_formdata(content, inputs, problems))
    acknowledged = content.get("acknowledged") or {}
    if not isinstance(acknowledged, dict) or not all(isinstance(v, str) and len(v) <= 2000
                                                     for v in acknowledged.values()):
        problems.append("content.acknowledged")
    return data, problems


def _indicators_formdata(content, inputs, problems):
    """content.indicators → the form's indicator fields (unknown keys go to ``problems``)."""
    given = content.get(INDICATORS_KEY) or {}
    if not inputs:
        return {}
    if not isinstance(given, dict):
        problems.append(f"content.{INDICATORS_KEY}")
        return {}
    fields = {d.key or d.code: d.field for d in inputs}
    data = {}
    for key, value in given.items():
        if key not in fields or (value is not None and _scalar(value) is None):
            problems.append(f"content.{INDICATORS_KEY}.{key}")
        else:
            data[fields[key]] = "" if value is None else _scalar(value)
    return data


def _budget_cells(cells, path, field, data, problems):
    """One budget line's cells ({column: number or text}) as the form's fields (``field``:
    column → field name) into ``data``; the JSON path of each that is not a cell into ``problems``."""
    for column, value in cells.items():
        if column not in rules.COLUMNS or _scalar(value) is None:
            problems.append(f"{path}.{column}")
        else:
            data[field(column)] = _scalar(value)


def form_field_path(name, kind=None):
    """The JSON path of a form field, for error messages: budget-12-allocated-total →
    content.budget.12.allocated.total."""
    if name.startswith("budget-"):
        _prefix, key, measure, column = name.split("-", 3)
        return f"content.budget.{key}.{measure}.{column}"
    if name == "lock_version":
        return name
    if name.startswith("indicator-"):
        return f"content.{INDICATORS_KEY}.{name.removeprefix('indicator-')}"
    if kind is not None and name in figure_fields(kind):
        return f"content.{figure_key(kind)}.{name}"
    return f"content.{name}"


# --- a plan's own budget ----------------------------------------------------------------

def plan_budget(plan, lines, items):
    """A plan's budget: its lines as stored, and the amounts as read (a project without a
    line of its own is the sum of its sub-projects; "total" the computed grand total)."""
    def money(cells):  # 100.000 as stored is 100, 1.234,500 is 1234.5
        return {c: _number(v.normalize()) for c, v in cells.items()}

    return {"plan_id": plan.id, "programme_id": plan.programme_id,
            "lines": {key: money(cells) for key, cells in lines.items()},
            "amounts": {key: money(plan_budget_rules.cells_of(values))
                        for key, values in plan_budget_rules.amounts(lines, items).items()}}


def plan_indicator(i):
    """One of a plan's own indicators: its definition and the units that report it."""
    return {"id": i.id, "code": i.code, "name": i.name, "kind": i.kind.value, "unit": i.unit.value,
            "direction": i.direction.value, "numerator_code": i.numerator_code,
            "denominator_code": i.denominator_code, "target": _number(i.target), "is_required": i.is_required,
            "units": [{"unit": unit_ref(r.assignment.unit), "target": _number(r.target)}
                      for r in sorted(i.reporters, key=lambda r: r.assignment.unit.name)]}
