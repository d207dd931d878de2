"""A plan's own indicators × the units that report them (issue 16): what each unit gave
in its latest approved report against its target, and each indicator over the units, with
its coverage — how many of the units expected to report it have.

Totals are ``workflows.indicators.rollup`` over the units that reported: counts summed,
ratios recomputed from the summed counts, values not summed. The units' figures come from
the same approved reports as the consolidation's (``consolidation.latest_report``).
"""
from dataclasses import dataclass, field

from workflows import indicators as rules
from workflows.consolidation import Coverage
from workflows.enums import IndicatorKind

from ..documents.indicators import baseline, counts_of, input_unit, owed_by
from .consolidation import latest_report, load_assignments


@dataclass
class Cell:
    """One unit's value of one indicator (``reported``: its approved report gives it)."""

    value: object = None
    target: object = None
    reported: bool = False
    numerator: object = None
    denominator: object = None

    def meets(self, direction):
        return rules.meets(direction, self.value, self.target)


@dataclass
class Row:
    """A unit that reports some of the plan's indicators: {code: Cell} of those it owes."""

    unit: object
    cells: dict = field(default_factory=dict)
    report: object = None  #: the approved deliverable its values come from, if any


@dataclass
class Column:
    """An indicator over the units: its total and how many expected units reported it."""

    definition: object
    total: rules.Total
    coverage: Coverage

    @property
    def unit(self):
        return input_unit(self.definition)

    @property
    def is_summed(self):
        return self.definition.kind is not IndicatorKind.VALUE

    @property
    def missed(self):
        """The total falls on the wrong side of the plan's target."""
        return self.is_summed and not rules.meets(self.definition.direction, self.total.value, self.definition.target)


@dataclass
class IndicatorMatrix:
    columns: list  #: Column per indicator of the plan's own, in the plan's order
    rows: list  #: Row per unit that reports any, by kind and name

    def __bool__(self):
        return bool(self.columns)


def indicator_matrix(plan, assignments=None):
    """The plan's indicators × units (a query for the documents, shared with the dashboard)."""
    if not plan.indicators:
        return IndicatorMatrix([], [])
    if assignments is None:
        assignments = load_assignments(plan)
    definitions = [i.definition for i in plan.indicators]
    rows, given = [], {}
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
        by_code = {**rules.BUILTIN_BY_CODE, **{d.code: d for d in owing.definitions}}
        for d in definitions:
            if d.code not in mine:
                continue
            cell = row.cells[d.code] = Cell(target=owing.targets.get(d.code))
            if now is not None:
                cell.value = rules.evaluate(d, now, start, by_code)
                if d.kind is IndicatorKind.RATIO:
                    cell.numerator, cell.denominator = now.get(d.numerator), now.get(d.denominator)
                cell.reported = cell.value is not None
        rows.append(row)
    columns = []
    for d in definitions:
        owing_rows = [r for r in rows if d.code in r.cells]
        reported = [given[r.unit.id] for r in owing_rows if r.cells[d.code].reported]
        total = rules.rollup(definitions, reported)[d.code]
        columns.append(Column(d, total, Coverage(expected=len(owing_rows), reported=len(reported))))
    return IndicatorMatrix(columns, rows)
