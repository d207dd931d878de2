"""The checks of a document's figures, with what they need from the database."""
from workflows import figures as rules
from workflows.figures import ALLOCATED, DISBURSED, TOTAL
from workflows.numbers import share

from ..budget.queries import catalog, rule_items
from . import indicators
from .content import PLAN_ROW_FIELDS, budget_keys, budget_of, check, goals, measures_for


def plan_row_for(deliverable):
    """The plan's target row for the deliverable's unit, as a dict (None if the plan has none)."""
    row = next((t for t in deliverable.plan.targets if t.unit_id == deliverable.assignment.unit_id), None)
    if row is None:
        return None
    return {name: getattr(row, name) for name in PLAN_ROW_FIELDS}


def items_for(doc, *contents):
    """The catalog rows a budget table of ``doc`` shows: its plan's programme's, and those
    the ``contents`` already use."""
    return catalog(set().union(*(budget_keys(c) for c in contents)), doc.deliverable.plan.programme_id)


def findings(doc, content=None):
    """Findings on ``content`` (default: the current version's) of ``doc``."""
    content = doc.current_version.content if content is None else content
    items = rule_items(items_for(doc, content))
    found = check(doc.deliverable.kind, content or {}, items, plan_row_for(doc.deliverable))
    found += indicators.findings(doc.deliverable, content or {})
    return sorted(found, key=lambda f: not f.is_error)


def goals_for(doc, content):
    """The plan's targets for the built-in figures of ``doc`` (a report), with what
    ``content`` achieved: {target row column: ``Goal``}."""
    return goals(doc.deliverable.kind, content or {}, plan_row_for(doc.deliverable))


def budget_view(content, kind):
    """A document's budget as its reader sees it: the lines filled (with their projects),
    projects as their own line or the sum of their sub-projects, the computed totals, the
    typed total row, and disbursement rates. None if no line is filled."""
    lines = budget_of(content)
    if not budget_keys(content):
        return None
    rows = catalog(budget_keys(content))
    items = rule_items(rows)
    measures = measures_for(kind)
    shown = []
    for row, item in zip(rows, items, strict=True):
        if item.key not in lines and not any(c in lines for c in item.children):
            continue
        values = {m: {c: (rules.project_cell(lines, item, m, c) if item.is_project
                          else rules.cell(lines.get(item.key), m, c)) for c in rules.COLUMNS} for m in measures}
        shown.append({"item": row, "values": values, "rate": _rate(values, share)})
    totals = {m: rules.budget_totals(lines, items, m) for m in measures}
    return {"rows": shown, "totals": totals, "rate": _rate(totals, share), "measures": measures,
            "typed_total": lines.get(rules.TOTAL_ROW)}


def _rate(values, share):
    if DISBURSED not in values:
        return None
    return share(values[DISBURSED][TOTAL], values[ALLOCATED][TOTAL])
