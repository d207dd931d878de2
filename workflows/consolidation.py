"""Rolling figures up the unit tree (tổng hợp). Pure.

A unit's figure is its own when it gave one (a district reports for its whole
territory), otherwise the sum of the units below it; rates are recomputed from the
summed counts, never averaged. Where a unit gave its own figure *and* units below it
gave theirs, the two are compared: a difference is a warning for the coordinating
unit ("the communes add up to 4.490, the district reports 4.545").

A figure never says more than it knows: a unit's results are *complete* when it gave
its own, or when every expected unit below it is complete; a total of results is taken
over the complete units only, and says how many of the expected ones that is
(``coverage``), beside the start and target of those same units.
"""
from dataclasses import dataclass, field

from .checks import WARNING, Finding
from .numbers import rate
from .poverty import BASE_FIELDS
from .text import N_

OWN, UNITS = "own", "units"


@dataclass
class Rolled:
    values: dict = field(default_factory=dict)  #: {field: number}, own or summed
    source: str | None = None  #: OWN, UNITS, or None when nothing is known
    units_sum: dict = field(default_factory=dict)  #: the units below, summed (if any gave figures)
    findings: list = field(default_factory=list)


def nearest_parents(unit_parents, members):
    """{unit: nearest ancestor that is also a member (or None)} for the members.

    ``unit_parents`` is the whole tree ({unit id: parent id}); ``members`` the units of
    the plan. A commune under a district that is not in the plan rolls up to the plan's
    unit above it."""
    out = {}
    for unit in members:
        parent = unit_parents.get(unit)
        seen = set()
        while parent is not None and parent not in members and parent not in seen:
            seen.add(parent)
            parent = unit_parents.get(parent)
        out[unit] = parent if parent in members else None
    return out


def roll_up(parents, own, fields):
    """``parents``: {unit: parent or None} (see ``nearest_parents``); ``own``: {unit:
    {field: number or None}}. Returns {unit: Rolled}."""
    children = {unit: [] for unit in parents}
    for unit, parent in parents.items():
        if parent is not None:
            children[parent].append(unit)
    out = {}

    def visit(unit, path=()):
        if unit in out:
            return out[unit]
        if unit in path:
            raise ValueError(f"the unit tree has a cycle at {unit}")
        below = [visit(child, (*path, unit)) for child in children[unit]]
        summed = {}
        for name in fields:
            known = [r.values.get(name) for r in below if r.values.get(name) is not None]
            if known:
                summed[name] = sum(known)
        mine = {k: v for k, v in (own.get(unit) or {}).items() if k in fields and v is not None}
        rolled = Rolled(units_sum=summed)
        if mine:
            rolled.values, rolled.source = mine, OWN
            for name, value in mine.items():
                # A base (households beside near-poor ones) differs when the households do: said once.
                if name in summed and summed[name] != value and name not in BASE_FIELDS:
                    rolled.findings.append(Finding(
                        WARNING, "units_sum_differs", name,
                        N_("The units below add up to %(sum)s, the unit's own figure is %(own)s."),
                        {"sum": summed[name], "own": value}))
        elif summed:
            rolled.values, rolled.source = summed, UNITS
        out[unit] = rolled
        return rolled

    for unit in parents:
        visit(unit)
    return out


def total(rolled, parents, fields):
    """The plan's total: the sum of the top-level units' rolled figures."""
    out = {}
    for name in fields:
        known = [rolled[u].values.get(name) for u, p in parents.items() if p is None
                 and rolled[u].values.get(name) is not None]
        if known:
            out[name] = sum(known)
    return out


def rolled_values(parents, own, fields):
    """{unit: {field: number}}, each unit's own figures or the sum of the units below —
    ``roll_up`` without the detail (no findings, no sums kept): what a roll-up across many
    plans needs, in one pass."""
    children = _children(parents)
    rolled = {}
    for unit in reversed(_top_down(parents, children)):  # every unit after all the units below it
        mine = {k: v for k, v in (own.get(unit) or {}).items() if k in fields and v is not None}
        if mine:
            rolled[unit] = mine
            continue
        summed = {}
        for child in children.get(unit, ()):
            for name, value in rolled[child].items():
                summed[name] = summed.get(name, 0) + value
        rolled[unit] = summed
    return rolled


def rolled_total(parents, own, fields):
    """``total(roll_up(parents, own, fields), parents, fields)`` in one pass."""
    rolled = rolled_values(parents, own, fields)
    out = {}
    for unit, parent in parents.items():
        if parent is None:
            for name, value in rolled[unit].items():
                out[name] = out.get(name, 0) + value
    return out


def sources(parents, own, fields, units):
    """The units whose own figures make up the rolled-up figures of ``units``
    (``rolled_values``): a unit itself when it gave figures of its own, otherwise the
    units below it that did, and so on down."""
    children = _children(parents)
    out, stack = set(), list(units)
    while stack:
        unit = stack.pop()
        if any(v is not None for k, v in (own.get(unit) or {}).items() if k in fields):
            out.add(unit)
        else:
            stack.extend(children.get(unit, ()))
    return out


def _children(parents):
    """{unit: [units directly below it]}."""
    children = {}
    for unit, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    return children


def _top_down(parents, children):
    """The units ordered so that every unit comes before the units below it."""
    order, stack = [], [u for u, p in parents.items() if p is None]
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(children.get(unit, ()))
    if len(order) != len(parents):
        raise ValueError("the unit tree has a cycle")
    return order


def complete_units(parents, expected, reported, targeted=frozenset()):
    """{unit: (complete, units below expected, units below complete)} for every unit.

    ``expected``: the units whose results are expected (those with households);
    ``reported``: the units that gave results of their own; ``targeted``: the units given
    a target of their own, for their whole territory. A unit is complete when it reported,
    or — when it has no target of its own — when it has expected units below it and all
    of them are complete: a district with a target is known from its own report only (the
    plan's communes below it may be a few of its many). A sum over some of the units
    below is partial: the second and third numbers say how partial."""
    children = _children(parents)
    out = {}
    for unit in reversed(_top_down(parents, children)):  # every unit after all the units below it
        below = [c for c in children.get(unit, ()) if out[c][0] or c in expected or out[c][1]]
        done = sum(1 for c in below if out[c][0])
        by_units = unit not in targeted and bool(below) and done == len(below)
        out[unit] = (unit in reported or by_units, len(below), done)
    return out


@dataclass(frozen=True)
class Coverage:
    """How much of what is expected a total of results stands on."""

    expected: int  #: top-level units whose results make up the total
    reported: int  #: of them, those whose results are complete
    households_expected: int | None = None  #: households of the expected units (plan targets)
    households_covered: int | None = None  #: households of the reported ones

    @property
    def is_partial(self):
        """True until every expected unit has reported (and when none is expected)."""
        return self.reported < self.expected or self.expected == 0

    @property
    def households_share(self):
        """Households covered, in percent of those expected (None if unknown)."""
        return rate(self.households_covered, self.households_expected)


def covered_units(parents, expected, complete):
    """(top-level units a total of results waits for, those of them complete); ``complete``:
    see ``complete_units``."""
    tops = [u for u, p in parents.items() if p is None and (u in expected or complete[u][1])]
    return tops, [u for u in tops if complete[u][0]]


def covered_totals(parents, rolled_targets, rolled_results, expected, reported, targeted=frozenset(),
                   households="households_start"):
    """(coverage, targets of the complete top units, results of the complete top units).

    ``rolled_*``: {unit: {field: number}} of rolled-up values; the totals are summed over
    the top-level expected units whose results are complete, so that a result is only
    ever compared with the targets of the same units. ``targeted``: see ``complete_units``."""
    complete = complete_units(parents, expected, reported, targeted)
    tops, done = covered_units(parents, expected, complete)

    def summed(values, units):
        out = {}
        for unit in units:
            for name, value in (values.get(unit) or {}).items():
                if value is not None:
                    out[name] = out.get(name, 0) + value
        return out

    all_households = [(rolled_targets.get(u) or {}).get(households) for u in tops]
    households_expected = sum(h for h in all_households if h is not None) if any(
        h is not None for h in all_households) else None
    covered = summed(rolled_targets, done)
    coverage = Coverage(len(tops), len(done), households_expected,
                        covered.get(households) if households_expected is not None else None)
    return coverage, covered, summed(rolled_results, done), complete
