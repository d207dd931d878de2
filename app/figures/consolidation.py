"""A plan's figures consolidated (tổng hợp) for the coordinating unit.

Reads the plan's target table and the units' *approved* documents (an approved
version stays the record even while a reopened copy is being edited), rolls them up
the unit tree with ``workflows.consolidation`` and sums the budget lines by project
and source, setting them against the plan's own budget (``plan_budget``). Everything the page, the Excel and the Word exports show comes from here.
Near-poor households are consolidated beside the poor ones; since units may leave them
blank, their rates are over the households of the units that gave them
(``workflows.poverty``), and the totals say how many units that is.
"""
from dataclasses import dataclass, field
from functools import cached_property

from workflows import figures as rules
from workflows.consolidation import Coverage, covered_totals, covered_units, nearest_parents, roll_up, total
from workflows.enums import DeliverableKind, DocState
from workflows.numbers import share
from workflows.poverty import BASE_FIELDS, CoveredRates, PartCoverage, PovertyRates, part_coverage, with_bases

from ..budget.queries import catalog, rule_items
from ..documents.content import budget_of, figures_of
from ..documents.models import Deliverable, Document, DocumentVersion
from ..extensions import db
from ..plans.models import Assignment, Plan, PlanTarget, ScheduleItem
from ..units.models import Unit
from .movements import ETHNIC, NEAR_MOVES, has_movements, movement_lines
from .plan_budget import budget_coverage, compare_with_plan

#: The counts of a target row (the plan's or an approved sub-plan's) and of a report's results
#: that are consolidated; ``*_COUNTS`` adds the households beside the near-poor ones
#: (``workflows.poverty.with_bases``), summed with them.
TARGET_STORED = ("households_start", "poor_start", "poor_reduction", "households_end", "poor_end",
                 "near_poor_start", "near_poor_reduction", "near_poor_end")
RESULT_STORED = ("households_end", "poor_start", "poor_escaped", "poor_new", "poor_fell_back", "poor_end",
                 "near_poor_escaped", "near_poor_new", "near_poor_fell_back", "near_poor_end", "ethnic_poor_end")
TARGET_COUNTS = (*TARGET_STORED, *BASE_FIELDS)
RESULT_COUNTS = (*RESULT_STORED, *BASE_FIELDS)


def target_counts(values):
    """A target row's consolidated counts (``values``: a mapping with at least ``TARGET_STORED``)."""
    return with_bases({f: values.get(f) for f in TARGET_STORED})


def result_counts(values):
    """A report's consolidated counts, from its figures."""
    return with_bases({f: values.get(f) for f in RESULT_STORED})


@dataclass
class Source:
    """The approved document a unit's figures come from."""

    document_id: int
    kind: DeliverableKind
    title: str
    period_end_on: object
    version_no: int
    occurrence: int = 1  #: the quarter, for a quarter's report


@dataclass
class UnitFigures(PovertyRates):
    unit: Unit
    depth: int
    target: dict = field(default_factory=dict)  #: rolled up: own row or the units below
    target_source: str | None = None
    results: dict = field(default_factory=dict)
    results_source: str | None = None
    report: Source | None = None  #: the unit's own latest approved report
    subplan: Source | None = None
    findings: list = field(default_factory=list)  #: the units below not adding up to the unit's own figure
    #: Its results are complete: its own report, or every expected unit below it complete.
    complete: bool = False
    below_expected: int = 0  #: units below it whose results are expected
    below_complete: int = 0  #: of them, complete

    @property
    def is_partial(self):
        """Results summed from some of the units below: a part, not the unit's figure."""
        return bool(self.results) and not self.complete


@dataclass
class BudgetRow:
    item: object  #: BudgetItem
    allocated: dict
    disbursed: dict
    sources: list = field(default_factory=list)  #: (Unit, Source) of the documents with money on this line

    @property
    def rate(self):
        return share(self.disbursed.get(rules.TOTAL), self.allocated.get(rules.TOTAL))

    @property
    def by_source(self):
        return rules.by_source(self.allocated)


@dataclass
class Consolidation(PovertyRates, CoveredRates):
    plan: Plan
    units: list  #: UnitFigures in tree order
    target_total: dict  #: the targets of every unit of the plan
    #: Results of the units whose results are complete only (``coverage`` says how many of
    #: the expected units that is); never a sum that mixes in part of a unit.
    results_total: dict
    #: BudgetRow per catalog item with money, projects followed by their sub-projects: like the
    #: results, summed over the top-level units whose budget lines are complete only
    #: (``budget_coverage`` says how many of the expected units that is).
    budget: list
    budget_total: BudgetRow | None
    approved_reports: int = 0
    approved_subplans: int = 0
    coverage: Coverage = field(default_factory=lambda: Coverage(0, 0))
    #: The targets of the same units as ``results_total``: what a result is compared with.
    covered_target: dict = field(default_factory=dict)
    #: Of the top-level units with targets, those whose targets give near-poor households;
    #: of those whose results make up ``results_total``, those whose results give them.
    near_target_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))
    near_results_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))
    #: Of the units whose results make up ``results_total``, those whose results give the
    #: near-poor movements, and the ethnic-minority poor households.
    near_moves_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))
    ethnic_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))
    budget_coverage: Coverage = field(default_factory=lambda: Coverage(0, 0))
    #: Units with an approved document (their budget lines), complete or not.
    budget_reported: int = 0

    @property
    def target(self):
        return self.target_total

    @property
    def results(self):
        return self.results_total

    #: {unit id: its nearest parent among the plan's units, or None}: the tree up which the
    #: figures are rolled (and the plan's indicators totalled: ``indicators.indicator_matrix``).
    parents: dict = field(default_factory=dict, repr=False)

    #: What the comparison with the plan's own budget is made of: (parents, each unit's own
    #: budget lines, the units expected, the programme's catalog) — see ``plan_budget``.
    budget_inputs: tuple = field(default=(), repr=False)

    @cached_property
    def plan_budget(self):
        """The units' budget lines against the plan's own budget (``plan_budget.BudgetComparison``),
        worked out when a page or an export reads it (the dashboard does not)."""
        return compare_with_plan(self.plan, *self.budget_inputs)

    @property
    def is_partial(self):
        return self.coverage.is_partial

    @cached_property
    def movements(self):
        """The movements table's lines (``movements.movement_lines``); [] while no approved
        report gives a movement."""
        lines = movement_lines(self)
        return lines if has_movements(lines) else []

    @property
    def findings(self):
        return [(u, f) for u in self.units for f in u.findings]

    @property
    def units_with_figures(self):
        """The units with poverty figures (districts, communes); departments usually have none."""
        return [u for u in self.units if u.target or u.results]

    @property
    def reporting(self):
        """(units reported, units expected) of the total: see ``coverage``."""
        return self.coverage.reported, self.coverage.expected


def _approved_version(doc):
    approved = [v for v in doc.versions if v.approved_at is not None]
    return max(approved, key=lambda v: v.number) if approved else None


def latest_report(deliverables):
    """The approved report covering the latest period (``DeliverableKind.rank`` on the same end)."""
    best = None
    for d in deliverables:
        if not d.kind.is_report:
            continue
        version = _approved_version(d.document)
        if version is None:
            continue
        rank = (d.period_end_on, d.kind.rank, d.due_on)
        if best is None or rank > best[0]:
            best = (rank, d, version)
    return None if best is None else best[1:]


def _source(deliverable, version):
    return Source(deliverable.document.id, deliverable.kind, deliverable.title, deliverable.period_end_on,
                  version.number, deliverable.occurrence)


def _flat_budget(content, kind, items):
    """One document's budget as {(item key, measure, column): amount}, projects normalised
    to their own line or the sum of their sub-projects."""
    lines = budget_of(content)
    out = {}
    if not lines:
        return out
    for item in items:
        if item.key not in lines and not any(child in lines for child in item.children):
            continue  # nothing typed on this line or below it
        for measure in rules.measures_for(kind.is_report):
            for column in rules.COLUMNS:
                value = (rules.project_cell(lines, item, measure, column) if item.is_project
                         else rules.cell(lines.get(item.key), measure, column))
                if value is not None:
                    out[(item.key, measure, column)] = value
    return out


@dataclass(eq=False, slots=True)
class PlanVersion:
    """An approved version, as the plan's views read it."""

    number: int
    approved_at: object
    content: dict


@dataclass(eq=False, slots=True)
class PlanDocument:
    id: int
    state: DocState
    submitted_at: object
    versions: list = field(default_factory=list)  #: the approved ones only


@dataclass(eq=False, slots=True)
class PlanDeliverable:
    id: int
    kind: DeliverableKind
    title: str
    period_end_on: object
    due_on: object
    document: PlanDocument
    assignment: object = None
    schedule_item_id: int | None = None  #: None for an ad-hoc report
    occurrence: int = 1  #: the quarter, for a quarter's report


@dataclass(eq=False, slots=True)
class PlanAssignment:
    id: int
    unit_id: int
    unit: Unit
    deliverables: list = field(default_factory=list)


def load_assignments(plan):
    """The plan's assignments, units, deliverables, documents and approved versions, for
    reading: two queries whatever the number of units, plain rows rather than tracked
    objects (a province has ~800 deliverables; the dashboard and the consolidation share them).
    """
    return load_assignments_of([plan.id]).get(plan.id, [])


def load_assignments_of(plan_ids):
    """``load_assignments`` for several plans at once: {plan id: assignments}, in the same
    two queries (the roll-up reads the plans of a year)."""
    assignments, by_plan = {}, {}
    for plan_id, assignment_id, unit_id, unit in db.session.execute(
            db.select(Assignment.plan_id, Assignment.id, Assignment.unit_id, Unit)
            .join(Unit, Unit.id == Assignment.unit_id).where(Assignment.plan_id.in_(plan_ids))):
        assignments[assignment_id] = PlanAssignment(assignment_id, unit_id, unit)
        by_plan.setdefault(plan_id, []).append(assignments[assignment_id])
    rows = db.session.execute(
        db.select(Deliverable.assignment_id, Deliverable.id, Deliverable.kind, Deliverable.title,
                  Deliverable.period_end_on, Deliverable.due_on, Document.id, Document.state, Document.submitted_at,
                  DocumentVersion.number, DocumentVersion.approved_at, DocumentVersion.content,
                  Deliverable.schedule_item_id, ScheduleItem.occurrence)
        .join(Document, Document.deliverable_id == Deliverable.id)
        .outerjoin(ScheduleItem, ScheduleItem.id == Deliverable.schedule_item_id)
        .join(Assignment, Assignment.id == Deliverable.assignment_id)
        .outerjoin(DocumentVersion, db.and_(DocumentVersion.document_id == Document.id,
                                            DocumentVersion.approved_at.is_not(None)))
        .where(Assignment.plan_id.in_(plan_ids))
        .order_by(Deliverable.due_on, Deliverable.id, DocumentVersion.number))
    seen = {}
    for (assignment_id, deliverable_id, kind, title, period_end_on, due_on, document_id, state, submitted_at,
         number, approved_at, content, item_id, occurrence) in rows:
        deliverable = seen.get(deliverable_id)
        if deliverable is None:
            assignment = assignments[assignment_id]
            deliverable = seen[deliverable_id] = PlanDeliverable(
                deliverable_id, kind, title, period_end_on, due_on, PlanDocument(document_id, state, submitted_at),
                assignment, item_id, occurrence or 1)
            assignment.deliverables.append(deliverable)
        if number is not None:
            deliverable.document.versions.append(PlanVersion(number, approved_at, content or {}))
    return by_plan


def unit_tree(units):
    """{unit id: parent id} for ``units`` and every unit above them: read from the units
    already loaded, the ancestors outside them in one recursive query."""
    tree = {u.id: u.parent_id for u in units}
    missing = {p for p in tree.values() if p is not None and p not in tree}
    if missing:
        up = db.select(Unit.id, Unit.parent_id).where(Unit.id.in_(missing)).cte("up", recursive=True)
        up = up.union(db.select(Unit.id, Unit.parent_id).join(up, Unit.id == up.c.parent_id))
        tree.update(db.session.execute(db.select(up.c.id, up.c.parent_id)).all())
    return tree


def consolidate(plan, assignments=None):
    """The plan's consolidated figures (a handful of queries whatever the number of units)."""
    if assignments is None:
        assignments = load_assignments(plan)
    tree = unit_tree([a.unit for a in assignments])
    members = {a.unit_id for a in assignments}
    parents = nearest_parents(tree, members)
    targets = {unit_id: dict(zip(TARGET_STORED, values, strict=True)) for unit_id, *values in db.session.execute(
        db.select(PlanTarget.unit_id, *(getattr(PlanTarget, f) for f in TARGET_STORED))
        .where(PlanTarget.plan_id == plan.id))}

    rows = {a.unit_id: UnitFigures(a.unit, 0) for a in assignments}
    own_targets, own_results, own_budget, budget_source = {}, {}, {}, {}
    rows_catalog = catalog(programme_id=plan.programme_id)
    items = rule_items(rows_catalog)
    approved_reports = approved_subplans = 0
    for a in assignments:
        row = rows[a.unit_id]
        subplan = next((d for d in a.deliverables if d.kind is DeliverableKind.SUBPLAN), None)
        subplan_version = _approved_version(subplan.document) if subplan is not None else None
        if subplan_version is not None:
            row.subplan = _source(subplan, subplan_version)
            approved_subplans += 1
        if a.unit_id in targets:
            own_targets[a.unit_id] = target_counts(targets[a.unit_id])
        elif subplan_version is not None:
            own_targets[a.unit_id] = target_counts(figures_of(DeliverableKind.SUBPLAN, subplan_version.content))
        latest = latest_report(a.deliverables)
        if latest is not None:
            deliverable, version = latest
            row.report = _source(deliverable, version)
            approved_reports += 1
            figures = figures_of(deliverable.kind, version.content)
            own_results[a.unit_id] = result_counts(figures)
            own_budget[a.unit_id] = _flat_budget(version.content, deliverable.kind, items)
            budget_source[a.unit_id] = row.report
        elif subplan_version is not None:
            own_budget[a.unit_id] = _flat_budget(subplan_version.content, DeliverableKind.SUBPLAN, items)
            budget_source[a.unit_id] = row.subplan

    rolled_targets = roll_up(parents, own_targets, TARGET_COUNTS)
    rolled_results = roll_up(parents, own_results, RESULT_COUNTS)

    # Whose results the total waits for: the territories, and any unit given a target.
    # Units with a row in the plan's target table (as the roll-up across plans counts them).
    targeted = {u for u, values in targets.items() if any(v is not None for v in values.values())}
    expected = targeted | {u for u, row in rows.items() if row.unit.kind.has_households}
    coverage, covered_target, results_total, complete = covered_totals(
        parents, {u: r.values for u, r in rolled_targets.items()}, {u: r.values for u, r in rolled_results.items()},
        expected, {u for u, values in own_results.items() if any(v is not None for v in values.values())}, targeted)
    _tops, done = covered_units(parents, expected, complete)
    for unit_id, row in rows.items():
        row.target, row.target_source = rolled_targets[unit_id].values, rolled_targets[unit_id].source
        row.results, row.results_source = rolled_results[unit_id].values, rolled_results[unit_id].source
        row.findings = rolled_targets[unit_id].findings + rolled_results[unit_id].findings
        row.complete, row.below_expected, row.below_complete = complete[unit_id]

    # Every unit owing documents gives its budget lines in them (none is a line too). Like
    # the results, the budget is summed over the top-level units whose lines are complete.
    budget_expected = {a.unit_id for a in assignments if a.deliverables}
    budget_cov, budget_sum, budget_units = budget_coverage(parents, own_budget, budget_expected)

    return Consolidation(
        plan=plan, units=_tree_order(rows, parents),
        target_total=total(rolled_targets, parents, TARGET_COUNTS),
        results_total=results_total, coverage=coverage, covered_target=covered_target,
        budget=_budget_rows(rows_catalog, items, budget_sum,
                            {u: (rows[u].unit, budget_source[u], own_budget[u]) for u in own_budget if u in budget_units}),
        budget_total=_budget_total(items, budget_sum), budget_coverage=budget_cov,
        budget_reported=len(own_budget),
        approved_reports=approved_reports, approved_subplans=approved_subplans,
        near_target_coverage=part_coverage(rolled_targets[u].values for u, p in parents.items() if p is None),
        near_results_coverage=part_coverage(rolled_results[u].values for u in done),
        near_moves_coverage=part_coverage((rolled_results[u].values for u in done), NEAR_MOVES),
        ethnic_coverage=part_coverage((rolled_results[u].values for u in done), ETHNIC),
        budget_inputs=(parents, own_budget, budget_expected, rows_catalog), parents=parents,
    )


def _tree_order(rows, parents):
    children = {}
    for unit_id, parent in parents.items():
        children.setdefault(parent, []).append(unit_id)
    kind_order = {"district": 0, "commune": 1, "department": 2, "organisation": 3, "province": 4}
    out = []

    def visit(unit_id, depth):
        row = rows[unit_id]
        row.depth = depth
        out.append(row)
        for child in sorted(children.get(unit_id, []), key=lambda u: (kind_order.get(rows[u].unit.kind.value, 9),
                                                                         rows[u].unit.name)):
            visit(child, depth + 1)

    for top in sorted(children.get(None, []), key=lambda u: (kind_order.get(rows[u].unit.kind.value, 9),
                                                             rows[u].unit.name)):
        visit(top, 0)
    return out


def _budget_rows(rows_catalog, items, summed, contributions):
    out = []
    for row, item in zip(rows_catalog, items, strict=True):
        allocated = {c: summed.get((item.key, rules.ALLOCATED, c)) for c in rules.COLUMNS}
        disbursed = {c: summed.get((item.key, rules.DISBURSED, c)) for c in rules.COLUMNS}
        if any(v is not None for v in (*allocated.values(), *disbursed.values())):
            sources = sorted(((unit, source) for unit, source, flat in contributions.values()
                              if any(key[0] == item.key for key in flat)), key=lambda s: s[0].name)
            out.append(BudgetRow(row, allocated, disbursed, sources))
    return out


def _budget_total(items, summed):
    if not summed:
        return None
    projects = [i for i in items if i.is_project]

    def column_sum(measure, column):
        known = [summed[(i.key, measure, column)] for i in projects if (i.key, measure, column) in summed]
        return sum(known) if known else None

    return BudgetRow(None, {c: column_sum(rules.ALLOCATED, c) for c in rules.COLUMNS},
                     {c: column_sum(rules.DISBURSED, c) for c in rules.COLUMNS})
