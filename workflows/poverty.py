"""The rates of poor and near-poor households, recomputed from counts (never averaged). Pure.

A rate is a part of the households (poor, near-poor) over the households of the *same*
units. Poor households are required wherever households are given; near-poor ones are
not (a plan may set them for some units only, a report may leave them blank). So, beside
each near-poor count, a unit's figures carry the households it is a share of
(``with_bases``): summed up the unit tree like any count, that base stays the households
of the units that gave near-poor households, and a total of some units' near-poor
households says how many units it covers (``PartCoverage``).

The change of a rate is in percentage points (*điểm %*), as plans print it: the rate at the
start minus the rate at the end, both rounded first — positive when the rate fell.
"""
from dataclasses import dataclass

from .numbers import rate

#: The households each part is a share of.
HOUSEHOLDS = {"poor_start": "households_start", "poor_end": "households_end",
              "near_poor_start": "households_start", "near_poor_end": "households_end"}
#: {optional part: the households of the units that gave it}, summed beside it.
BASES = {"near_poor_start": "households_start_near_poor", "near_poor_end": "households_end_near_poor"}
BASE_FIELDS = tuple(BASES.values())
#: The counts that say a unit gave near-poor households.
NEAR_POOR = ("near_poor_start", "near_poor_end")


def with_bases(values):
    """``values`` with, beside each optional part, the households it is a share of (None
    where the part is blank, so that a sum of bases covers the same units as the parts)."""
    out = dict(values)
    for part, base in BASES.items():
        out[base] = values.get(HOUSEHOLDS[part]) if values.get(part) is not None else None
    return out


def share(values, part):
    """``part`` of ``values`` in percent of the households of the units that gave it."""
    base = BASES.get(part)
    whole = values[base] if base in values else values.get(HOUSEHOLDS[part])
    return rate(values.get(part), whole)


def points(start, end):
    """The fall of a rate in percentage points (negative: it rose); None if either is unknown."""
    return None if start is None or end is None else start - end


@dataclass(frozen=True)
class PartCoverage:
    """How many of the units with figures an optional count (near-poor) is summed over."""

    units: int  #: units that gave it
    of: int  #: units with figures

    @property
    def is_partial(self):
        """Some units gave it, not all: the sum is theirs, not the total's."""
        return 0 < self.units < self.of

    def __add__(self, other):
        return PartCoverage(self.units + other.units, self.of + other.of)


def part_coverage(figures, parts=NEAR_POOR):
    """``figures``: the figures (dicts) of the units a total is summed over."""
    given = [f for f in figures if any(v is not None for v in (f or {}).values())]
    return PartCoverage(sum(1 for f in given if any(f.get(p) is not None for p in parts)), len(given))


class PovertyRates:
    """The rates of ``self.target`` (start and target, from the plan) and ``self.results``
    (the latest approved), for poor and near-poor households."""

    target: dict
    results: dict

    @property
    def rate_start(self):
        return share(self.target, "poor_start")

    @property
    def rate_target(self):
        return share(self.target, "poor_end")

    @property
    def points_target(self):
        """The target fall of the poverty rate, in percentage points."""
        return points(self.rate_start, self.rate_target)

    @property
    def rate_latest(self):
        return share(self.results, "poor_end")

    @property
    def near_rate_start(self):
        return share(self.target, "near_poor_start")

    @property
    def near_rate_target(self):
        return share(self.target, "near_poor_end")

    @property
    def near_points_target(self):
        return points(self.near_rate_start, self.near_rate_target)

    @property
    def near_rate_latest(self):
        return share(self.results, "near_poor_end")

    @property
    def reduction_done(self):
        """Poor households fewer than at the start of the year, by the latest results."""
        start, now = self.results.get("poor_start"), self.results.get("poor_end")
        return None if None in (start, now) else start - now


@dataclass
class Figures(PovertyRates):
    """Counts and their rates: a line of a table (a unit, the units reported, a total)."""

    target: dict
    results: dict


class CoveredRates:
    """The start and target rates of the units a total of results covers (``covered_target``):
    what a result "now" is compared with, like with like."""

    covered_target: dict
    results: dict

    @property
    def covered(self):
        """The results beside the targets of the same units."""
        return Figures(self.covered_target, self.results)

    @property
    def covered_rate_start(self):
        return self.covered.rate_start

    @property
    def covered_rate_target(self):
        return self.covered.rate_target


def summed(values):
    """Each count summed over ``values`` (dicts of counts), the unknown ones left out."""
    out = {}
    for one in values:
        for name, value in one.items():
            if value is not None:
                out[name] = out.get(name, 0) + value
    return out


def target_table(rows):
    """A plan's target table: (a ``Figures`` per row, the total's, how many rows give
    near-poor households). ``rows``: dicts of counts, one per unit."""
    lines = [Figures(with_bases(row), {}) for row in rows]
    return lines, Figures(summed(line.target for line in lines), {}), part_coverage(row for row in rows)
