"""A plan's own budget (section V, kinh phí): the only place where it changes, and how it is
read. The rules are ``workflows.plan_budget`` (the documents' budget checks, allocated only).

Spoken as lines {key: {column: Decimal}}: the key a catalog item's id as text, or "total"
for the total line as printed; the columns those of a document's budget line. The page's
grid and the API's JSON are read by the same form (``forms.plan_budget_form_class``) into
such lines, and ``set_budget`` takes them whole: it replaces the plan's budget, or refuses
and changes nothing.
"""
import logging
from decimal import Decimal

from flask_babel import gettext as _

from workflows import figures as rules
from workflows import plan_budget

from .. import policy
from ..budget.queries import catalog, rule_items
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..formatting import describe_finding
from .models import PlanBudgetLine

log = logging.getLogger(__name__)

#: Amounts are kept to a thousand đồng, as the column holds them (so that an unchanged
#: amount reads back equal and the audit log tells no change).
PLACES = Decimal("0.001")


def _key(row):
    return rules.TOTAL_ROW if row.budget_item_id is None else str(row.budget_item_id)


def rows_of(plan):
    """The plan's budget rows, by key (loaded with the plan where a page needs them at once)."""
    return {_key(r): r for r in plan.budget_lines}


def lines_of(plan):
    """The plan's budget as lines {key: {column: Decimal}}, only the cells filled."""
    return {key: plan_budget.cells_of({c: getattr(row, c) for c in rules.COLUMNS}) for key, row in rows_of(plan).items()}


def items_for(plan, *line_sets, shown=None):
    """The catalog rows the plan's budget table shows: its programme's, and any item the
    ``line_sets`` already use (so that one can be read, and cleared). ``shown``: the
    programme's catalog already read (the consolidation's), used when it holds them all."""
    used = {k for lines in line_sets for k in lines if k != rules.TOTAL_ROW}
    if shown is not None and used <= {str(r.id) for r in shown}:
        return shown
    return catalog(used, plan.programme_id)


def has_budget(plan):
    return bool(plan.budget_lines)


def _invalid(errors):
    return Invalid(_("Please correct the highlighted amounts: nothing was saved."), errors)


def set_budget(user, plan, lines):
    """Replace the plan's budget with ``lines`` (a line left out is cleared), after the
    documents' checks; or refuse, naming each amount that is wrong, and change nothing."""
    if not policy.can_admin_plan(user, plan):
        raise Forbidden(_("Only the plan's administrators enter its budget."))
    lines = {str(k): {c: v for c, v in (cells or {}).items() if v is not None} for k, cells in lines.items()}
    lines = {k: cells for k, cells in lines.items() if cells}
    items = items_for(plan, lines)  # a retired project keeps the amounts it had
    programme_keys = {str(i.id) for i in items if i.programme_id == plan.programme_id}
    errors = {}
    for key, cells in lines.items():
        unknown = sorted(set(cells) - set(rules.COLUMNS))
        if key != rules.TOTAL_ROW and key not in programme_keys:
            errors[f"budget-{key}"] = _("Not a project of this plan's programme (%(programme)s).",
                                        programme=plan.programme.code)
        elif unknown:
            errors[f"budget-{key}"] = _("Unknown columns: %(names)s.", names=", ".join(unknown))
    if errors:
        raise _invalid(errors)
    found = plan_budget.check(lines, rule_items(items))
    for finding in found:
        errors[finding.field] = "; ".join(filter(None, [errors.get(finding.field), describe_finding(finding)]))
    if errors:
        raise _invalid(errors)
    _replace(plan, {k: {c: Decimal(v).quantize(PLACES) for c, v in cells.items()} for k, cells in lines.items()})
    db.session.flush()
    log.info("plan %s: budget set by %s (%d lines)", plan.id, user.email, len(lines))
    return lines_of(plan)


def _replace(plan, lines):
    existing = rows_of(plan)
    for key, row in existing.items():
        if key not in lines:
            plan.budget_lines.remove(row)  # an orphan: deleted
    db.session.flush()  # a cleared line makes room before another is written
    for key, cells in lines.items():
        row = existing.get(key)
        if row is None:
            row = PlanBudgetLine(budget_item_id=None if key == rules.TOTAL_ROW else int(key))
            plan.budget_lines.append(row)
        for column in rules.COLUMNS:
            value = cells.get(column)
            if getattr(row, column) != value:
                setattr(row, column, value)


def view(plan):
    """The plan's budget as its readers see it: the lines with an amount (a project as its
    own line or the sum of its sub-projects) and the computed total; None while it has none."""
    lines = lines_of(plan)
    if not lines:
        return None
    rows = items_for(plan, lines)
    amounts = plan_budget.amounts(lines, rule_items(rows))
    return {"rows": [(row, amounts[str(row.id)]) for row in rows if str(row.id) in amounts],
            "total": amounts.get(rules.TOTAL_ROW, {})}
