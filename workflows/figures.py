"""The figures a sub-plan or a report carries besides its prose, and their checks.

Pure: plain dicts of numbers in, ``checks.Finding``s out.

* A sub-plan's **target row** (``TARGET_FIELDS``): the unit's households, poor and
  near-poor households at the start, the reductions and the end targets; rates typed
  as printed are kept beside the computed ones.
* A report's **results** for its period (``RESULT_FIELDS``): poor households at the
  start of the year, escaped (*thoát nghèo*), newly poor (*phát sinh*), fell back
  (*tái nghèo*), poor now; the same for near-poor; total households now.
* **Budget lines** (both kinds): one line per catalog item (project or sub-project),
  per measure (allocated; reports also disbursed), split into ``CELLS`` — central
  and local budget by kind of capital (investment, recurrent), and other funds — with
  an optional typed line total; a grand-total row may be typed too. Million VND.
"""
from decimal import Decimal

from .checks import (ERROR, WARNING, Finding, check_disbursed, check_part_of_total, check_poor_and_near_poor,
                     check_target_row, check_typed_rate)
from .text import N_

TARGET_COUNTS = ("households_start", "poor_start", "poor_reduction", "households_end", "poor_end",
                 "near_poor_start", "near_poor_reduction", "near_poor_end", "ethnic_poor_start")
TARGET_RATES = ("poor_rate_start", "poor_rate_end")

RESULT_COUNTS = ("households_end", "poor_start", "poor_escaped", "poor_new", "poor_fell_back", "poor_end",
                 "near_poor_start", "near_poor_escaped", "near_poor_new", "near_poor_fell_back", "near_poor_end",
                 "ethnic_poor_end")
RESULT_RATES = ("poor_rate_end",)

#: Where budget money comes from and as what kind of capital.
CELLS = ("central_investment", "central_recurrent", "local_investment", "local_recurrent", "other")
TOTAL = "total"
COLUMNS = (*CELLS, TOTAL)
SOURCES = {"central": ("central_investment", "central_recurrent"),
           "local": ("local_investment", "local_recurrent"),
           "other": ("other",)}
CAPITAL = {"investment": ("central_investment", "local_investment"),
           "recurrent": ("central_recurrent", "local_recurrent")}
ALLOCATED, DISBURSED = "allocated", "disbursed"
#: The key of the typed grand-total row among the budget's lines.
TOTAL_ROW = "total"

CELL_LABELS = {
    "central_investment": N_("central budget, investment"),
    "central_recurrent": N_("central budget, recurrent"),
    "local_investment": N_("local budget, investment"),
    "local_recurrent": N_("local budget, recurrent"),
    "other": N_("other funds"),
    TOTAL: N_("line total"),
}
MEASURE_LABELS = {ALLOCATED: N_("allocated"), DISBURSED: N_("disbursed")}


def measures_for(is_report):
    """A sub-plan plans money (allocated); a report also says what was disbursed."""
    return (ALLOCATED, DISBURSED) if is_report else (ALLOCATED,)


def budget_field(key, measure, column):
    """The form field (and finding field) of one budget cell."""
    return f"budget-{key}-{measure}-{column}"


# --- results of a period ---------------------------------------------------------

def check_results(fig):
    """Every check of a report's results: counts within totals, the flows adding up, typed rates."""
    found = []
    households = fig.get("households_end")
    found += check_part_of_total(fig.get("poor_end"), households, "poor_end", N_("Poor households"))
    found += check_part_of_total(fig.get("near_poor_end"), households, "near_poor_end", N_("Near-poor households"))
    found += check_poor_and_near_poor(fig.get("poor_end"), fig.get("near_poor_end"), households, "near_poor_end")
    for prefix, label in (("poor", N_("poor households")), ("near_poor", N_("near-poor households"))):
        found += _check_flow(fig, prefix, label)
    found += check_part_of_total(fig.get("ethnic_poor_end"), fig.get("poor_end"), "ethnic_poor_end",
                                 N_("Poor ethnic-minority households"))
    found += check_typed_rate(fig.get("poor_rate_end"), fig.get("poor_end"), households, "poor_rate_end")
    return found


def _check_flow(fig, prefix, label):
    start, escaped, new, fell_back, end = (fig.get(f"{prefix}_{name}")
                                           for name in ("start", "escaped", "new", "fell_back", "end"))
    found = []
    if start is not None and escaped is not None and escaped > start:
        found.append(Finding(ERROR, f"{prefix}_escaped_over_start", f"{prefix}_escaped",
                             N_("More %(label)s escaped (%(escaped)s) than there were at the start (%(start)s)."),
                             {"label": label, "escaped": escaped, "start": start}))
    if None not in (start, escaped, end):
        expected = start - escaped + (new or 0) + (fell_back or 0)
        if expected != end:
            found.append(Finding(ERROR, f"{prefix}_end_flow", f"{prefix}_end",
                                 N_("At the start %(start)s, escaped %(escaped)s, new %(new)s, fell back "
                                    "%(fell_back)s: that leaves %(expected)s %(label)s, not %(end)s."),
                                 {"start": start, "escaped": escaped, "new": new or 0, "fell_back": fell_back or 0,
                                  "expected": expected, "end": end, "label": label}))
    return found


# --- a sub-plan's target row against the plan ------------------------------------

def check_target(row, plan_row=None):
    """A sub-plan's target row: its own checks, then against the plan's row for the unit."""
    found = check_target_row(row)
    if not plan_row:
        return found
    start, plan_start = row.get("poor_start"), plan_row.get("poor_start")
    if None not in (start, plan_start) and start != plan_start:
        found.append(Finding(WARNING, "poor_start_differs_from_plan", "poor_start",
                             N_("The plan counts %(plan)s poor households at the start, not %(typed)s."),
                             {"plan": plan_start, "typed": start}))
    reduction, plan_reduction = row.get("poor_reduction"), plan_row.get("poor_reduction")
    if None not in (reduction, plan_reduction) and reduction < plan_reduction:
        found.append(Finding(WARNING, "poor_reduction_below_plan", "poor_reduction",
                             N_("The plan asks for a reduction of at least %(plan)s poor households, "
                                "not %(typed)s."), {"plan": plan_reduction, "typed": reduction}))
    return found


# --- budget ----------------------------------------------------------------------

def cell(line, measure, column):
    """The value of one cell as the unit would read it: a typed total stands, an empty
    total is the sum of the line's cells."""
    values = (line or {}).get(measure) or {}
    if column != TOTAL or values.get(TOTAL) is not None:
        return values.get(column)
    return _sum_known(*(values.get(c) for c in CELLS))


def _sum_known(*values, need_all=False):
    known = [v for v in values if v is not None]
    if not known or (need_all and len(known) != len(values)):
        return None
    return sum(known, start=Decimal(0)) if any(isinstance(v, Decimal) for v in known) else sum(known)


def project_cell(lines, item, measure, column):
    """A project's value: its own line if the unit filled it, else the sum of its sub-projects."""
    own = cell(lines.get(item.key), measure, column)
    if own is not None:
        return own
    return _sum_known(*(cell(lines.get(sub), measure, column) for sub in item.children))


def budget_totals(lines, items, measure):
    """{column: grand total} over the projects (a project counted once, own line or sub-projects)."""
    return {column: _sum_known(*(project_cell(lines, item, measure, column) for item in items if item.is_project))
            for column in COLUMNS}


class Item:
    """A catalog item as the checks see it: its key in the content, code, and sub-projects' keys."""

    def __init__(self, key, code, parent=None, children=()):
        self.key, self.code, self.parent, self.children = str(key), code, parent, [str(c) for c in children]

    @property
    def is_project(self):
        return self.parent is None


def check_budget(lines, items, measures):
    """Parts adding up (cells to the line, sub-projects to the project, projects to the
    typed total row) and disbursed within allocated. ``lines``: {key: {measure: {column:
    Decimal}}}, the typed total row under ``TOTAL_ROW``."""
    found = []
    for item in items:
        line = lines.get(item.key)
        for measure in measures:
            found += _check_line(line, item.key, item.code, measure)
            if item.is_project and item.children:
                for column in COLUMNS:
                    own = cell(line, measure, column)
                    subs = _sum_known(*(cell(lines.get(s), measure, column) for s in item.children))
                    if None not in (own, subs) and own != subs:
                        found.append(_budget_error(
                            "budget_subprojects_sum", item.key, measure, column,
                            N_("%(line)s, %(measure)s, %(cell)s: the sub-projects add up to %(sum)s, not %(total)s."),
                            line=item.code, sum=subs, total=own))
        if line and DISBURSED in measures:
            for column in COLUMNS:
                allocated, disbursed = cell(line, ALLOCATED, column), cell(line, DISBURSED, column)
                for f in check_disbursed(allocated, disbursed, budget_field(item.key, DISBURSED, column)):
                    found.append(Finding(f.severity, f.code, f.field,
                                         N_("%(line)s, %(cell)s: disbursed (%(disbursed)s) exceeds allocated "
                                            "(%(allocated)s)."),
                                         {**f.params, "line": item.code, "cell": CELL_LABELS[column]}))
    total_row = lines.get(TOTAL_ROW)
    for measure in measures:
        found += _check_line(total_row, TOTAL_ROW, N_("Total"), measure)
        computed = budget_totals(lines, items, measure)
        for column in COLUMNS:
            typed = cell(total_row, measure, column)
            if None not in (typed, computed[column]) and typed != computed[column]:
                found.append(_budget_error(
                    "budget_total_sum", TOTAL_ROW, measure, column,
                    N_("%(line)s, %(measure)s, %(cell)s: the lines add up to %(sum)s, not %(total)s."),
                    line=N_("Total"), sum=computed[column], total=typed))
    return found


def _check_line(line, key, code, measure):
    values = (line or {}).get(measure) or {}
    typed = values.get(TOTAL)
    parts = _sum_known(*(values.get(c) for c in CELLS))
    if None in (typed, parts) or typed == parts:
        return []
    return [_budget_error("budget_line_sum", key, measure, TOTAL,
                          N_("%(line)s, %(measure)s: sources and kinds of capital add up to %(sum)s, "
                             "not %(total)s."), line=code, sum=parts, total=typed)]


def _budget_error(code, key, measure, column, message, **params):
    return Finding(ERROR, code, budget_field(key, measure, column), message,
                   {**params, "measure": MEASURE_LABELS[measure], "cell": CELL_LABELS[column]})


def by_source(values):
    """{column: amount} → {"central": .., "local": .., "other": .., "investment": .., "recurrent": ..}."""
    out = {name: _sum_known(*(values.get(c) for c in cells)) for name, cells in SOURCES.items()}
    out.update({name: _sum_known(*(values.get(c) for c in cells)) for name, cells in CAPITAL.items()})
    return out
