"""The units' budget lines set against the plan's own budget (section V), for the consolidation.

The units' lines are those the consolidation sums (each unit's latest approved report, or
its approved sub-plan), rolled up the unit tree the same way. Like the results, their total
follows the partial-coverage rule: it is summed over the units whose lines are complete,
says how many of the expected units that is, and is set against the plan only when it is
all of them (``workflows.plan_budget.compare``).
"""
from dataclasses import dataclass, field

from workflows import figures as rules
from workflows import plan_budget as comparison_rules
from workflows.consolidation import Coverage, covered_totals, covered_units, roll_up

from ..budget.queries import rule_items
from ..plans import budget as plan_budget


@dataclass
class ComparisonLine:
    item: object  #: the BudgetItem, None for the total
    sources: list  #: ``workflows.plan_budget.Compared`` per column with an amount, the total last

    @property
    def total(self):
        return self.sources[-1]


@dataclass
class BudgetComparison:
    has_plan_budget: bool  #: False while the plan's budget is not entered: nothing to set against
    coverage: Coverage  #: of the units' budget lines: how many of the expected units are summed
    lines: list = field(default_factory=list)  #: ComparisonLine per item, the total last

    @property
    def is_partial(self):
        return self.coverage.is_partial

    @property
    def total(self):
        return self.lines[-1] if self.lines else None


def budget_coverage(parents, own_budget, expected):
    """(coverage, {(key, measure, column): amount} summed over the complete top units, the
    units whose lines make up that sum).

    ``own_budget``: {unit: flat budget} of the units with an approved document (their
    lines, possibly none); ``expected``: the units whose budget lines are awaited."""
    fields = sorted({k for flat in own_budget.values() for k in flat})
    rolled = roll_up(parents, own_budget, fields)
    coverage, _targets, summed, complete = covered_totals(
        parents, {}, {unit: r.values for unit, r in rolled.items()}, expected, set(own_budget))
    _tops, done = covered_units(parents, expected, complete)
    return coverage, summed, units_under(parents, done)


def units_under(parents, tops):
    """``tops`` and every unit below them."""
    inside = set(tops)
    for unit in parents:
        chain, above = [unit], parents[unit]
        while above is not None and above not in inside:
            chain.append(above)
            above = parents.get(above)
        if above is not None or unit in inside:
            inside.update(chain)
    return inside


def compare_with_plan(plan, parents, own_budget, expected, shown=None):
    """The plan's budget against the units' lines (see the module's docstring); ``shown``:
    the programme's catalog as the consolidation read it."""
    coverage, summed, _units = budget_coverage(parents, own_budget, expected)
    lines = plan_budget.lines_of(plan)
    if not lines:
        return BudgetComparison(False, coverage)
    rows = plan_budget.items_for(plan, lines, shown=shown)
    by_key = {str(r.id): r for r in rows}
    compared = comparison_rules.compare(lines, summed, rule_items(rows), complete=not coverage.is_partial)
    return BudgetComparison(True, coverage, [
        ComparisonLine(None if c.key == rules.TOTAL_ROW else by_key[c.key], c.sources) for c in compared])
