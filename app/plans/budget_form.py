"""The form of a plan's own budget: the documents' budget grid, allocated only. The page posts
it; the API's JSON is read through it too (``plans.inputs.read_budget``: one
reading of "1.234,5" for both)."""
from flask_babel import lazy_gettext as _l

from workflows import figures as rules
from workflows import plan_budget

from ..documents.content import COLUMN_LABELS, MEASURE_LABELS
from ..fields import AmountField, BaseForm
from ..formatting import vn_amount


def line_keys(items):
    """The lines of the table: every catalog item shown, then the total line."""
    return [str(item.id) for item in items] + [rules.TOTAL_ROW]


def plan_budget_form_class(items):
    """A form class with one amount field per line of ``items`` (and the total line) and column."""
    codes = {str(item.id): item.code for item in items}
    attrs = {}
    for key in line_keys(items):
        line = codes.get(key) or _l("Total")
        for column in rules.COLUMNS:
            attrs[plan_budget.field_name(key, column)] = AmountField(
                f"{line} · {MEASURE_LABELS[rules.ALLOCATED]} · {COLUMN_LABELS[column]}")
    return type("PlanBudgetForm", (BaseForm,), attrs)


def lines_from_form(form, items):
    """The lines typed: {key: {column: Decimal}}, only the cells filled."""
    lines = {}
    for key in line_keys(items):
        for column in rules.COLUMNS:
            number = getattr(form, plan_budget.field_name(key, column)).number
            if number is not None:
                lines.setdefault(key, {})[column] = number
    return lines


def form_data(lines):
    """The form's fields filled from stored lines, amounts written the Vietnamese way."""
    return {plan_budget.field_name(key, column): vn_amount(value)
            for key, cells in lines.items() for column, value in cells.items()}

