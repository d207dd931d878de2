"""The roll-up across plans: one line per plan of a year (a province's, nationally), for
those who supervise many of them — completeness, targets and the latest approved results.

Built for the national scale: eight queries whatever the number of provinces and units
(a fixed few more when plans set indicators of their own),
aggregates counted by the database, only the figures of approved reports read (not
their whole content), the roll-up up each plan's unit tree done with the same pure rules
as a plan's consolidation (``workflows.consolidation``).
"""
import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from workflows.consolidation import Coverage, covered_totals, covered_units, nearest_parents, rolled_values
from workflows.enums import STANDING_STATES, DeliverableKind, DocState
from workflows.poverty import CoveredRates, PartCoverage, PovertyRates, part_coverage, summed

from .. import policy
from ..clock import today
from ..documents.models import Deliverable, Document, DocumentVersion
from ..extensions import db
from ..plans.models import Assignment, Indicator, Plan, PlanTarget
from ..units.models import Unit
from .completeness import KindCounts
from .consolidation import (
    RESULT_COUNTS,
    TARGET_COUNTS,
    TARGET_STORED,
    load_assignments_of,
    result_counts,
    target_counts,
)
from .indicators import indicator_matrix
from .movements import ETHNIC, NEAR_MOVES

COUNTED = ("expected", "submitted", "approved", "on_time", "not_due")


@dataclass(frozen=True)
class PlanRef:
    """What the roll-up shows of a plan and its issuer (plain values, a few hundred nationally)."""

    id: int
    year: int
    number: str
    symbol: str
    issuing_unit_id: int
    coordinating_unit_id: int
    issuer_name: str
    has_indicators: bool = False  #: it sets indicators of its own

    @property
    def reference(self):
        return f"{self.number}/{self.symbol}" if self.number else self.symbol


@dataclass
class PlanLine(PovertyRates, CoveredRates):
    plan: PlanRef | None  #: None for the total line
    units: int = 0
    counts: KindCounts = field(default_factory=lambda: KindCounts(None))
    target: dict = field(default_factory=dict)  #: every unit's targets
    #: Results of the units whose results are complete, and the targets of those same
    #: units (like with like); ``coverage`` says how many of the expected units that is.
    results: dict = field(default_factory=dict)
    covered_target: dict = field(default_factory=dict)
    coverage: Coverage = field(default_factory=lambda: Coverage(0, 0))
    #: How many of the units with targets (with complete results) give near-poor households.
    near_target_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))
    near_results_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))
    #: Of those whose results are counted, how many give near-poor movements, ethnic-minority poor.
    near_moves_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))
    ethnic_coverage: PartCoverage = field(default_factory=lambda: PartCoverage(0, 0))

    @property
    def is_partial(self):
        return self.coverage.is_partial


@dataclass
class Rollup:
    year: int
    on: dt.date
    lines: list
    total: PlanLine | None  #: the sums over every line (plan None)
    years: list = field(default_factory=list)  #: years with a plan in scope, newest first
    #: (line, IndicatorMatrix) of the plans with indicators of their own, in the lines' order
    indicators: list = field(default_factory=list)


def _end_of_due_day(dialect):
    """SQL for the end of a deliverable's due day, Asia/Ho_Chi_Minh, as a UTC timestamp."""
    if dialect == "postgresql":
        return sa.literal_column("((deliverables.due_on + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')")
    return sa.literal_column("datetime(deliverables.due_on, '+1 day', '-7 hours')")


def plans_in_scope(issuer_ids, coordinator_ids):
    """Published plans, of every year, issued within ``issuer_ids`` or coordinated by
    ``coordinator_ids`` (a few hundred nationally: filtered here, not with an IN list of
    every unit of the country)."""
    rows = db.session.execute(
        db.select(Plan.id, Plan.year, Plan.number, Plan.symbol, Plan.issuing_unit_id, Plan.coordinating_unit_id,
                  Unit.name, Plan.indicators.any()).join(Unit, Unit.id == Plan.issuing_unit_id)
        .where(Plan.published_at.is_not(None)).order_by(Unit.name, Plan.id)).all()
    return [PlanRef(*row) for row in rows
            if row.issuing_unit_id in issuer_ids or row.coordinating_unit_id in coordinator_ids]


def rollup_for(user, year=None, on=None):
    """The roll-up ``user`` may read (of ``year``, else the latest year with a plan): plans
    issued within the units where they observe or administer (and everything below), and
    plans their unit coordinates."""
    tree, kinds = {}, {}
    for unit_id, parent_id, kind in db.session.execute(db.select(Unit.id, Unit.parent_id, Unit.kind)):
        tree[unit_id], kinds[unit_id] = parent_id, kind
    issuers, coordinators = policy.rollup_scope(user, tree)
    plans = plans_in_scope(issuers, coordinators)
    years = sorted({plan.year for plan in plans}, reverse=True)
    year = year or (years[0] if years else (on or today()).year)
    return rollup(year, [plan for plan in plans if plan.year == year], tree, on, years, kinds)


def rollup(year, plans, tree, on=None, years=(), kinds=None):
    """The roll-up of ``plans`` (``PlanRef`` of one year). ``tree``: {unit id: parent id} of
    every unit; ``kinds``: {unit id: UnitKind} (read when not given)."""
    on = on or today()
    lines = {plan.id: PlanLine(plan) for plan in plans}
    if not lines:
        return Rollup(year, on, [], None, list(years))
    plan_ids = list(lines)
    _count(lines, plan_ids, on)
    members = {}
    for plan_id, unit_id in db.session.execute(
            db.select(Assignment.plan_id, Assignment.unit_id).where(Assignment.plan_id.in_(plan_ids))):
        members.setdefault(plan_id, set()).add(unit_id)
    targets = _targets(plan_ids)
    results = _results(plan_ids)
    if kinds is None:
        everyone = set().union(*members.values()) if members else set()
        kinds = dict(db.session.execute(db.select(Unit.id, Unit.kind).where(Unit.id.in_(everyone))).all())
    for plan_id, line in lines.items():
        units = members.get(plan_id, set())
        line.units = len(units)
        parents = nearest_parents(tree, units)
        own_targets = targets.get(plan_id, {})
        own_results = results.get(plan_id, {})
        rolled_targets = rolled_values(parents, own_targets, TARGET_COUNTS)
        rolled_results = rolled_values(parents, own_results, RESULT_COUNTS)
        top_targets = [rolled_targets[u] for u, p in parents.items() if p is None]
        line.target = summed(top_targets)
        targeted = {u for u, values in own_targets.items() if any(v is not None for v in values.values())}
        expected = targeted | {u for u in units if kinds[u].has_households}
        line.coverage, line.covered_target, line.results, complete = covered_totals(
            parents, rolled_targets, rolled_results, expected, set(own_results), targeted)
        _tops, done = covered_units(parents, expected, complete)
        line.near_target_coverage = part_coverage(top_targets)
        line.near_results_coverage = part_coverage(rolled_results[u] for u in done)
        line.near_moves_coverage = part_coverage((rolled_results[u] for u in done), NEAR_MOVES)
        line.ethnic_coverage = part_coverage((rolled_results[u] for u in done), ETHNIC)
    ordered = list(lines.values())
    matrices = _indicators([plan.id for plan in plans if plan.has_indicators], tree)
    return Rollup(year, on, ordered, _sum(ordered), list(years),
                  [(line, matrices[line.plan.id]) for line in ordered if line.plan.id in matrices])


def _indicators(plan_ids, tree):
    """{plan id: IndicatorMatrix} of the plans that set indicators of their own: each plan's
    are its own (codes, units, targets differ), so each is totalled within its plan, up the
    unit ``tree`` already read. Their indicators, reporters, target rows and documents come
    in a fixed handful of queries however many plans; a year without such plans costs none."""
    if not plan_ids:
        return {}
    plans = db.session.scalars(
        db.select(Plan).where(Plan.id.in_(plan_ids))
        .options(selectinload(Plan.indicators).selectinload(Indicator.reporters),
                 selectinload(Plan.targets))).all()
    loaded = load_assignments_of([p.id for p in plans])
    return {p.id: indicator_matrix(p, loaded.get(p.id, []), tree) for p in plans}


def _count(lines, plan_ids, on):
    """Expected / submitted / approved / on time per plan, counted by the database."""
    due = Deliverable.due_on <= on
    standing = Document.state.in_(STANDING_STATES)
    on_time = db.and_(due, standing, Document.submitted_at < _end_of_due_day(db.session.get_bind().dialect.name))
    rows = db.session.execute(
        db.select(Assignment.plan_id,
                  db.func.count().filter(due),
                  db.func.count().filter(db.and_(due, standing)),
                  db.func.count().filter(db.and_(due, Document.state == DocState.APPROVED)),
                  db.func.count().filter(on_time),
                  db.func.count().filter(db.not_(due)))
        .select_from(Deliverable).join(Deliverable.assignment).join(Deliverable.document)
        .where(Assignment.plan_id.in_(plan_ids)).group_by(Assignment.plan_id))
    for plan_id, expected, submitted, approved, timely, not_due in rows:
        lines[plan_id].counts = KindCounts(None, expected, submitted, approved, timely, not_due)


def _targets(plan_ids):
    columns = [getattr(PlanTarget, name) for name in TARGET_STORED]
    out = {}
    for plan_id, unit_id, *values in db.session.execute(
            db.select(PlanTarget.plan_id, PlanTarget.unit_id, *columns).where(PlanTarget.plan_id.in_(plan_ids))):
        out.setdefault(plan_id, {})[unit_id] = target_counts(dict(zip(TARGET_STORED, values, strict=True)))
    return out


def _results(plan_ids):
    """{plan: {unit: results}} from each unit's latest approved report (``DeliverableKind.rank``
    on the same period end, as the consolidation takes it). The
    database picks the latest and sends only its figures, not the rest of the content."""
    rank = db.case({k.value: k.rank for k in DeliverableKind if k.rank}, value=Deliverable.kind, else_=0)
    latest = db.func.row_number().over(
        partition_by=Deliverable.assignment_id,
        order_by=(Deliverable.period_end_on.desc(), rank.desc(), Deliverable.due_on.desc(),
                  DocumentVersion.number.desc()))
    ranked = (db.select(Assignment.plan_id, Assignment.unit_id, DocumentVersion.id.label("version_id"),
                        latest.label("latest"))
              .select_from(DocumentVersion).join(DocumentVersion.document).join(Document.deliverable)
              .join(Deliverable.assignment)
              .where(Assignment.plan_id.in_(plan_ids), DocumentVersion.approved_at.is_not(None),
                     Deliverable.kind != DeliverableKind.SUBPLAN)).subquery()
    figures = (db.select(ranked.c.plan_id, ranked.c.unit_id, DocumentVersion.content["figures"])
               .join(DocumentVersion, DocumentVersion.id == ranked.c.version_id).where(ranked.c.latest == 1))
    out = {}
    for plan_id, unit_id, stored in db.session.execute(figures):
        if stored:
            values = result_counts(stored)  # counts are stored as integers
            if any(v is not None for v in values.values()):
                out.setdefault(plan_id, {})[unit_id] = values
    return out


def _sum(lines):
    """The total line: counts and figures summed over the plans, coverage too (partial
    while any plan's is)."""
    summed = PlanLine(None)
    expected = reported = 0
    households = [0, 0, False]
    for line in lines:
        summed.units += line.units
        for name in COUNTED:
            setattr(summed.counts, name, getattr(summed.counts, name) + getattr(line.counts, name))
        expected += line.coverage.expected
        reported += line.coverage.reported
        summed.near_target_coverage += line.near_target_coverage
        summed.near_results_coverage += line.near_results_coverage
        summed.near_moves_coverage += line.near_moves_coverage
        summed.ethnic_coverage += line.ethnic_coverage
        if line.coverage.households_expected is not None:
            households[0] += line.coverage.households_expected
            households[1] += line.coverage.households_covered or 0
            households[2] = True
        for source, into in ((line.target, summed.target), (line.results, summed.results),
                             (line.covered_target, summed.covered_target)):
            for name, value in source.items():
                if value is not None:
                    into[name] = into.get(name, 0) + value
    summed.coverage = Coverage(expected, reported, *(households[:2] if households[2] else (None, None)))
    return summed
