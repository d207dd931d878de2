"""Completeness and timeliness of a plan's deliverables, the way DHIS2 reports them.

*Expected*: deliverables whose due date has passed. Of those: *submitted* (the unit's
submission stands: submitted or approved), *approved*, *on time* (the standing
submission made by the end of the due day, Vietnam time). Rates are over expected.
Deliverables not yet due appear in the matrix but not in the rates; a unit that
submits early is simply ahead.
"""
from dataclasses import dataclass, field
from functools import cached_property

from workflows.enums import STANDING_STATES, DeliverableKind, DocState, UnitKind
from workflows.numbers import share

from ..clock import VN_TZ, today
from ..documents.queries import plan_deliverables
from ..labels import KIND_LABELS


@dataclass
class Cell:
    deliverable: object

    @property
    def document(self):
        return self.deliverable.document

    @property
    def state(self):
        return self.document.state

    def is_due(self, on):
        return self.deliverable.due_on <= on

    @cached_property
    def submitted_on(self):
        at = self.document.submitted_at
        return at.astimezone(VN_TZ).date() if (at and self.state in STANDING_STATES) else None

    @property
    def on_time(self):
        return self.submitted_on is not None and self.submitted_on <= self.deliverable.due_on

    def timing(self, on):
        """"on_time", "late", "overdue" (due, nothing standing), or "pending" (not due yet)."""
        if self.submitted_on is not None:
            return "on_time" if self.on_time else "late"
        return "overdue" if self.deliverable.due_on < on else "pending"


@dataclass
class Row:
    assignment: object
    cells: dict = field(default_factory=dict)  #: schedule item id → Cell (only what the unit owes)
    adhoc: list = field(default_factory=list)  #: Cells of ad-hoc reports

    @property
    def unit(self):
        return self.assignment.unit

    def all_cells(self):
        return [*self.cells.values(), *self.adhoc]


@dataclass
class KindCounts:
    kind: DeliverableKind | None  #: None for all kinds together
    expected: int = 0
    submitted: int = 0
    approved: int = 0
    on_time: int = 0
    not_due: int = 0

    @property
    def label(self):
        return str(KIND_LABELS[self.kind]) if self.kind else ""

    @property
    def submitted_rate(self):
        return share(self.submitted, self.expected)

    @property
    def approved_rate(self):
        return share(self.approved, self.expected)

    @property
    def on_time_rate(self):
        return share(self.on_time, self.expected)

    def add(self, cell, on):
        if not cell.is_due(on):
            self.not_due += 1
            return
        self.expected += 1
        self.submitted += cell.state in STANDING_STATES
        self.approved += cell.state is DocState.APPROVED
        self.on_time += cell.on_time


@dataclass
class Completeness:
    rows: list
    by_kind: list  #: KindCounts per deliverable kind that occurs
    overall: KindCounts
    items: list  #: the plan's schedule: the matrix's columns
    on: object
    unit_kinds: list  #: unit kinds present in the plan (for the filter)


def completeness(plan, unit_kind=None, on=None, assignments=None):
    """The plan's matrix (units × deliverables) and counts; ``unit_kind`` filters the units.

    ``assignments``: the plan's, already loaded with their deliverables and documents
    (the dashboard shares them with the consolidation); else one query loads them.
    """
    on = on or today()
    rows = {}
    kinds_present = set()
    if assignments is None:
        deliverables = plan_deliverables(plan.id)
    else:
        deliverables = sorted((d for a in assignments for d in a.deliverables), key=lambda d: (d.due_on, d.id))
    for d in deliverables:
        kinds_present.add(d.assignment.unit.kind)
        if unit_kind is not None and d.assignment.unit.kind is not UnitKind(unit_kind):
            continue
        row = rows.setdefault(d.assignment.id, Row(d.assignment))
        if d.kind is DeliverableKind.ADHOC:
            row.adhoc.append(Cell(d))
        else:
            row.cells[d.schedule_item_id] = Cell(d)
    counts = {}
    overall = KindCounts(None)
    for row in rows.values():
        for cell in row.all_cells():
            counts.setdefault(cell.deliverable.kind, KindCounts(cell.deliverable.kind)).add(cell, on)
            overall.add(cell, on)
    ordered = sorted(rows.values(), key=lambda r: (r.unit.kind.value, r.unit.name))
    return Completeness(rows=ordered, by_kind=[counts[k] for k in DeliverableKind if k in counts], overall=overall,
                        items=list(plan.schedule), on=on, unit_kinds=sorted(kinds_present, key=lambda k: k.value))
