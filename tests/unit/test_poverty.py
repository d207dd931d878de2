"""Rates of poor and near-poor households from counts, never averaged, over the same units."""
from decimal import Decimal

from workflows.consolidation import roll_up, total
from workflows.poverty import BASE_FIELDS, Figures, PartCoverage, part_coverage, points, share, target_table, with_bases

COUNTS = ("households_start", "poor_start", "households_end", "poor_end", "near_poor_start", "near_poor_end",
          *BASE_FIELDS)
A = {"households_start": 1000, "poor_start": 100, "households_end": 1000, "poor_end": 80, "near_poor_start": 50,
     "near_poor_end": 60}
B = {"households_start": 3000, "poor_start": 300, "households_end": 3000, "poor_end": 270, "near_poor_start": None,
     "near_poor_end": None}


def test_a_near_poverty_rate_is_over_the_households_of_the_units_that_gave_it():
    lines, summed, near = target_table([A, B])
    assert summed.target["near_poor_start"] == 50 and summed.target["households_start"] == 4000
    assert summed.near_rate_start == Decimal("5.00")  # 50 of A's 1.000, not of 4.000
    assert summed.rate_start == Decimal("10.00")  # poor: every unit
    assert (near.units, near.of, near.is_partial) == (1, 2, True)
    assert lines[1].near_rate_start is None


def test_falls_are_in_points_and_negative_when_a_rate_rises():
    f = Figures(with_bases(A), {})
    assert (f.points_target, f.near_points_target) == (Decimal("2.00"), Decimal("-1.00"))
    assert points(None, Decimal(1)) is None


def test_rolled_up_bases_keep_rates_right_and_raise_no_finding_of_their_own():
    parents = {1: None, 2: 1, 3: 1}
    whole = {"households_start": 4100, "poor_start": 400, "households_end": 4000, "poor_end": 350,
             "near_poor_start": 50, "near_poor_end": 60}  # the units below add up to 4.000 households at the start
    own = {1: with_bases(whole), 2: with_bases(A), 3: with_bases(B)}
    rolled = roll_up(parents, own, COUNTS)
    assert {f.field for f in rolled[1].findings} == {"households_start"}  # said once, not for its base too
    below = roll_up({1: None, 2: 1, 3: 1}, {2: with_bases(A), 3: with_bases(B)}, COUNTS)
    assert share(total(below, {1: None, 2: 1, 3: 1}, COUNTS), "near_poor_start") == Decimal("5.00")


def test_a_share_without_bases_is_over_all_households():
    assert share({"near_poor_start": 50, "households_start": 1000}, "near_poor_start") == Decimal("5.00")


def test_coverage_counts_the_units_with_figures_only():
    assert part_coverage([A, B, {}, {"households_start": None}]) == PartCoverage(1, 2)
    assert not PartCoverage(0, 3).is_partial and not PartCoverage(3, 3).is_partial
    assert PartCoverage(1, 2) + PartCoverage(2, 2) == PartCoverage(3, 4)
