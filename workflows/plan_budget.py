"""A plan's own budget (section V of a plan, *kinh phí*) and the units' budget lines set
against it. Pure: Decimals in, findings and compared amounts out.

The plan's budget is what it allocates (*kế hoạch vốn*), in million VND, on the projects
and sub-projects of its programme. A line is split into exactly the cells of a document's
budget line (``figures.CELLS``: central and local budget by kind of capital, other funds)
with an optional typed line total; a typed grand-total line may follow. Lines are
``{key: {column: Decimal}}``, the key a catalog item's id as text or ``TOTAL_ROW``.

Its checks are the documents' own (``figures.check_budget`` on the allocated measure):
cells add up to their line's total, a project's sub-projects to the project, the projects
to the typed total; and no amount is negative or beyond what a budget line holds.

Set against the units (``compare``): per line and source, the plan's amount, the units'
total, the difference (units − plan) and the share of the plan's amount disbursed. The
units' total is only ever a result when every expected unit is in it; from some of them it
is shown for what it is, and the difference and the share are not computed.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .checks import ERROR, Finding
from .figures import (ALLOCATED, CELL_LABELS, COLUMNS, DISBURSED, TOTAL, TOTAL_ROW, budget_field,
                      budget_totals, cell, check_budget, project_cell)
from .numbers import MAX_AMOUNT, share
from .text import N_

#: The one measure a plan's budget has.
MEASURES = (ALLOCATED,)


def measured(lines):
    """The plan's lines in the documents' shape ({key: {measure: {column: amount}}})."""
    return {key: {ALLOCATED: dict(cells)} for key, cells in lines.items()}


def field_name(key, column):
    """The form field (and finding field) of one cell of the plan's budget."""
    return budget_field(key, ALLOCATED, column)


def check(lines, items):
    """Every finding on a plan's budget (all of them errors: a plan's budget is saved whole
    and right, or not at all). ``items``: ``figures.Item``s of the catalog shown."""
    codes = {item.key: item.code for item in items}
    found = []
    for key, cells in lines.items():
        for column, value in cells.items():
            if value is None:
                continue
            label = codes.get(key, N_("Total"))
            if value < 0:
                found.append(Finding(ERROR, "budget_negative", field_name(key, column),
                                     N_("%(line)s, %(cell)s: an amount cannot be negative (%(value)s)."),
                                     {"line": label, "cell": CELL_LABELS[column], "value": value}))
            elif value >= MAX_AMOUNT:
                found.append(Finding(ERROR, "budget_too_large", field_name(key, column),
                                     N_("%(line)s, %(cell)s: %(value)s million VND is beyond any budget line."),
                                     {"line": label, "cell": CELL_LABELS[column], "value": value}))
    if found:  # the sums of impossible amounts would only repeat them
        return found
    return check_budget(measured(lines), items, MEASURES)


def amounts(lines, items):
    """{key: {column: amount}} of every line with an amount, as a reader of the table takes
    it: a project its own line or else the sum of its sub-projects, an empty line total the
    sum of its cells; and under ``TOTAL_ROW`` the grand total computed from the projects."""
    data = measured(lines)
    out = {}
    for item in items:
        values = {c: (project_cell(data, item, ALLOCATED, c) if item.is_project
                      else cell(data.get(item.key), ALLOCATED, c)) for c in COLUMNS}
        if any(v is not None for v in values.values()):
            out[item.key] = values
    totals = budget_totals(data, items, ALLOCATED)
    if any(v is not None for v in totals.values()):
        out[TOTAL_ROW] = totals
    return out


# --- the units' lines against the plan's ---------------------------------------------

@dataclass(frozen=True)
class Compared:
    """One source (a cell or the line total) of one line: the plan's amount against the units'."""

    column: str
    planned: Decimal | None  #: the plan's amount (None: not in the plan's table)
    allocated: Decimal | None  #: the units' allocations summed (of the units reported only)
    disbursed: Decimal | None  #: the units' disbursements summed (same units)
    #: The units' amounts are of every expected unit: only then are they a result.
    complete: bool

    @property
    def difference(self):
        """Units' allocations minus the plan's amount (an empty side counts as nothing, the
        plan's table being whole and every unit having reported); None while units are
        missing."""
        if not self.complete or (self.planned is None and self.allocated is None):
            return None
        return (self.allocated or Decimal(0)) - (self.planned or Decimal(0))

    @property
    def disbursed_share(self):
        """What the units disbursed, in percent of the plan's amount; None while units are missing."""
        return share(self.disbursed, self.planned) if self.complete else None


@dataclass(frozen=True)
class ComparedLine:
    key: str  #: the catalog item's key, or ``TOTAL_ROW``
    sources: list = field(default_factory=list)  #: ``Compared`` per column with an amount, the total last

    @property
    def total(self):
        return next(s for s in self.sources if s.column == TOTAL)


def compare(plan_lines, units, items, complete):
    """The plan's lines against the units' (``ComparedLine`` per catalog item with an amount
    on either side, then the grand total).

    ``plan_lines``: the plan's lines as stored; ``units``: {(key, measure, column): amount}
    of the units' documents summed, each project already its own line or the sum of its
    sub-projects (``figures.project_cell``); ``complete``: whether those sums are of every
    expected unit."""
    planned = amounts(plan_lines, items)

    def units_cell(key, measure, column):
        return units.get((key, measure, column))

    def sources(key, plan_values, units_value):
        out = []
        for column in COLUMNS:
            values = (plan_values.get(column), units_value(ALLOCATED, column), units_value(DISBURSED, column))
            if column == TOTAL or any(v is not None for v in values):
                out.append(Compared(column, *values, complete=complete))
        return out

    lines = []
    for item in items:
        plan_values = planned.get(item.key, {})
        has_units = any(units_cell(item.key, m, c) is not None for m in (ALLOCATED, DISBURSED) for c in COLUMNS)
        if plan_values or has_units:
            lines.append(ComparedLine(item.key, sources(item.key, plan_values,
                                                        lambda m, c, k=item.key: units_cell(k, m, c))))
    projects = [item for item in items if item.is_project]

    def units_total(measure, column):
        known = [units_cell(p.key, measure, column) for p in projects
                 if units_cell(p.key, measure, column) is not None]
        return sum(known, start=Decimal(0)) if known else None

    lines.append(ComparedLine(TOTAL_ROW, sources(TOTAL_ROW, planned.get(TOTAL_ROW, {}), units_total)))
    return lines


def cells_of(values):
    """Only the filled cells of ``values`` ({column: amount or None}), in column order."""
    return {c: values[c] for c in COLUMNS if values.get(c) is not None}

