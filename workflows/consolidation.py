"""Rolling figures up the unit tree (tổng hợp). Pure.

A unit's figure is its own when it gave one (a district reports for its whole
territory), otherwise the sum of the units below it; rates are recomputed from the
summed counts, never averaged. Where a unit gave its own figure *and* units below it
gave theirs, the two are compared: a difference is a warning for the coordinating
unit ("the communes add up to 4.490, the district reports 4.545").
"""
from dataclasses import dataclass, field

from .checks import WARNING, Finding, N_

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
                if name in summed and summed[name] != value:
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


def rolled_total(parents, own, fields):
    """``total(roll_up(parents, own, fields), parents, fields)`` without the per-unit detail
    (no findings, no sums kept): what a roll-up across many plans needs, in one pass."""
    children = {}
    for unit, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    rolled = {}
    # Units ordered so that every unit comes after all the units below it.
    order, stack = [], [u for u, p in parents.items() if p is None]
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(children.get(unit, ()))
    if len(order) != len(parents):
        raise ValueError("the unit tree has a cycle")
    for unit in reversed(order):
        mine = {k: v for k, v in (own.get(unit) or {}).items() if k in fields and v is not None}
        if mine:
            rolled[unit] = mine
            continue
        summed = {}
        for child in children.get(unit, ()):
            for name, value in rolled[child].items():
                summed[name] = summed.get(name, 0) + value
        rolled[unit] = summed
    out = {}
    for unit, parent in parents.items():
        if parent is None:
            for name, value in rolled[unit].items():
                out[name] = out.get(name, 0) + value
    return out
