"""A plan's own indicators × the units that report them (issue 16): what each unit gave
in its latest approved report against its target, and each indicator over the units, with
its coverage — how many of the top-level units expected to report it its total is made of.

Totals are ``workflows.indicator_totals.tree_totals``: up the unit tree as the poverty
figures are consolidated (a unit's own figure stands for its territory, a commune's is
not added to its district's), counts summed, ratios recomputed from the summed counts,
values not summed. A total is judged against the plan's target only when whole and made
of the final reports' figures (``verdict``). The units' figures come from the same
approved reports as the consolidation's (``consolidation.latest_report``).
"""
from dataclasses import dataclass, field

from workflows import indicator_totals as totals
from workflows import indicators as rules
from workflows.consolidation import Coverage
from workflows.enums import IndicatorKind

from ..documents.indicators import baseline, counts_of, input_unit, is_final, owed_by
from .consolidation import latest_report, load_assignments, unit_tree


@dataclass
class Cell:
    """One unit's value of one indicator (``reported``: its approved report gives it;
    ``final``: that report closes the target's period)."""

    value: object = None
    target: object = None
    reported: bool = False
    numerator: object = None
    denominator: object = None
    final: bool = False

    def verdict(self, direction):
        """``indicator_totals.verdict`` of the unit's value against its target."""
        if not self.reported:
            return None
        return totals.verdict(direction, self.value, self.target, final=self.final)

    def missed(self, direction):
        return self.verdict(direction) == totals.MISSED


@dataclass
class Row:
    """A unit that reports some of the plan's indicators: {code: Cell} of those it owes."""

    unit: object
    cells: dict = field(default_factory=dict)
    report: object = None  #: the approved deliverable its values come from, if any


@dataclass
class Column:
    """An indicator over the units: its total and how many of the expected top-level units
    it is made of."""

    definition: object
    total: rules.Total
    coverage: Coverage
    #: Every figure the total is made of is from a final report (annual, five-year review).
    is_final: bool = False

    @property
    def unit(self):
        return input_unit(self.definition)

    @property
    def is_summed(self):
        return self.definition.kind is not IndicatorKind.VALUE

    @property
    def verdict(self):
        """MET, MISSED, NOT_KNOWN (partial coverage, or half-way figures) or None (nothing
        to judge: a value, or no target): see ``indicator_totals.verdict``."""
        if not self.is_summed:
            return None
        d = self.definition
        return totals.verdict(d.direction, self.total.value, d.target, not self.coverage.is_partial, self.is_final)

    @property
    def missed(self):
        """The whole total, of final figures, falls on the wrong side of the plan's target."""
        return self.verdict == totals.MISSED

    @property
    def not_known(self):
        """There is a target, but not yet the figures to say whether it is met."""
        return self.verdict == totals.NOT_KNOWN


@dataclass
class IndicatorMatrix:
    columns: list  #: Column per indicator of the plan's own, in the plan's order
    rows: list  #: Row per unit that reports any, by kind and name

    def __bool__(self):
        return bool(self.columns)


def indicator_matrix(plan, assignments=None, tree=None):
    """The plan's indicators × units (a query for the documents, shared with the dashboard).

    ``tree``: {unit id: parent id} through the plan's units — the whole tree, or the
    consolidation's ``parents`` — read when not given (a query at most)."""
    if not plan.indicators:
        return IndicatorMatrix([], [])
    if assignments is None:
        assignments = load_assignments(plan)
    if tree is None:
        tree = unit_tree([a.unit for a in assignments])
    definitions = [i.definition for i in plan.indicators]
    unit_of = {a.id: a.unit_id for a in assignments}
    targeted = {}
    for indicator in plan.indicators:
        targeted[indicator.code] = {unit_of[r.assignment_id] for r in indicator.reporters
                                    if r.target is not None and r.assignment_id in unit_of}
    rows, given, final, owing_units = [], {}, set(), {d.code: set() for d in definitions}
    for a in sorted(assignments, key=lambda a: (a.unit.kind.value, a.unit.name)):
        owing = owed_by(plan, a.id, a.unit.kind.has_households)
        mine = {d.code for d in owing.definitions}
        if not mine:
            continue
        row = Row(a.unit)
        latest = latest_report(a.deliverables)
        now = start = None
        if latest is not None:
            deliverable, version = latest
            row.report = deliverable
            now, start = counts_of(deliverable.kind, version.content, baseline(plan, a.unit_id), owing)
            given[a.unit_id] = (now, start)
            if is_final(deliverable):
                final.add(a.unit_id)
        by_code = {**rules.BUILTIN_BY_CODE, **{d.code: d for d in owing.definitions}}
        for d in definitions:
            if d.code not in mine:
                continue
            owing_units[d.code].add(a.unit_id)
            cell = row.cells[d.code] = Cell(target=owing.targets.get(d.code), final=a.unit_id in final)
            if now is not None:
                cell.value = rules.evaluate(d, now, start, by_code)
                if d.kind is IndicatorKind.RATIO:
                    cell.numerator, cell.denominator = now.get(d.numerator), now.get(d.denominator)
                cell.reported = cell.value is not None
        rows.append(row)
    summed = totals.tree_totals(definitions, tree, owing_units, given, frozenset(final), targeted)
    columns = [Column(d, summed[d.code].total, summed[d.code].coverage, summed[d.code].is_final)
               for d in definitions]
    return IndicatorMatrix(columns, rows)
