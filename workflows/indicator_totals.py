"""A plan's own indicators totalled up the unit tree, and what may be said of a total. Pure.

Totals follow the rule of the poverty figures (``workflows.consolidation``): a unit's
own figure stands for its whole territory; a unit without one is the sum of the units
below it when all of them are complete; a total is the sum over the top-level units
whose figures are complete, and its coverage counts those top-level units. A district
that reports 7 houses while one of its communes reports 5 has 7: the commune's houses
are among the district's, not added to them. A ratio rolls up its two counts the same
way, and its rate is recomputed from them (``indicators.rollup``); a value is not summed.

A total is judged against the plan's target (met or missed) only when it is whole —
every expected top-level unit complete — and made of the final reports' figures (the
annual report, the five-year review): a part of the units says nothing of the whole, and
half-way through the year a count is expected to fall short of its yearly target.
"""
from dataclasses import dataclass

from .consolidation import (
    Coverage,
    complete_units,
    covered_units,
    nearest_parents,
    rolled_values,
    sources,
)
from .indicators import BUILTIN_BY_CODE, RATIO, VALUE, Total, meets, rollup

#: What may be said of a total (or of a unit's value) against its target.
MET, MISSED, NOT_KNOWN = "met", "missed", "not_known"

NOW, START = 0, 1  #: which of a unit's (now, start) counts a part is read from


@dataclass(frozen=True)
class TreeTotal:
    """An indicator over the plan's units."""

    total: Total
    coverage: Coverage  #: top-level units expected, and those of them the total is made of
    sources: frozenset = frozenset()  #: the units whose own figures the total is made of
    is_final: bool = False  #: every one of those figures is from a final report


def parts(d, by_code=None):
    """What a unit's figure of ``d`` is made of: (NOW or START, count code) pairs, every
    one of which a unit must give for its figure to count (half a ratio would tilt it)."""
    if d.change_of:
        ratio = (by_code or BUILTIN_BY_CODE)[d.change_of]
        return tuple((when, code) for when in (NOW, START) for code in (ratio.numerator, ratio.denominator))
    if d.kind is RATIO:
        return ((NOW, d.numerator), (NOW, d.denominator))
    return ((NOW, d.code),)


def tree_totals(definitions, tree, owing, given, final=frozenset(), targeted=None):
    """{code: TreeTotal} of ``definitions`` over the units that report them.

    ``tree``: {unit: parent}, the whole unit tree or any map of parents that passes
    through every unit in ``owing`` (``consolidation.nearest_parents`` over the plan's
    units); ``owing``: {code: the units expected to report it}; ``given``: {unit: (now,
    start)} of the units that reported, {code: number} each; ``final``: the units whose
    figures are from a final report; ``targeted``: {code: the units given a target of
    their own for it}, known from their own figure only (``consolidation.complete_units``).
    """
    by_code = {**BUILTIN_BY_CODE, **{d.code: d for d in definitions}}
    targeted = targeted or {}
    out = {}
    for d in definitions:
        members = set(owing.get(d.code, ()))
        if d.kind is VALUE:  # stands per unit: nothing to add up, the units that gave it
            gave = frozenset(u for u in members if u in given and given[u][NOW].get(d.code) is not None)
            out[d.code] = TreeTotal(Total(None, len(gave)), Coverage(len(members), len(gave)), gave,
                                    bool(gave) and gave <= final)
            continue
        fields = parts(d, by_code)
        own = {}
        for unit in members & set(given):
            values = {(when, code): given[unit][when].get(code) for when, code in fields}
            if all(v is not None for v in values.values()):
                own[unit] = values
        parents = nearest_parents(tree, members)
        rolled = rolled_values(parents, own, fields)
        complete = complete_units(parents, members, set(own), frozenset(targeted.get(d.code, ())))
        tops, done = covered_units(parents, members, complete)
        pairs = [tuple({code: value for (when, code), value in rolled[u].items() if when == side}
                       for side in (NOW, START)) for u in done]
        made_of = frozenset(sources(parents, own, fields, done))
        out[d.code] = TreeTotal(rollup([d], pairs)[d.code], Coverage(len(tops), len(done)), made_of,
                                bool(made_of) and made_of <= final)
    return out


def verdict(direction, achieved, target, whole=True, final=True):
    """What may be said of ``achieved`` against ``target``: MET or MISSED only when the
    figure is ``whole`` (every expected unit in it) and ``final`` (the figures of the
    reports that close the target's period); NOT_KNOWN otherwise, or with nothing
    achieved yet; None when there is nothing to judge against (no target, no direction)."""
    if target is None or direction is None:
        return None
    if achieved is None or not whole or not final:
        return NOT_KNOWN
    return MET if meets(direction, achieved, target) else MISSED
