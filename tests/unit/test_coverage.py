"""A total of results says how much it stands on, and compares like with like."""
from workflows.consolidation import Coverage, complete_units, covered_totals

# A province plan: two districts (D1 with three communes), a department.
PARENTS = {"D1": None, "D2": None, "SO": None, "X1": "D1", "X2": "D1", "X3": "D1"}
EXPECTED = {"D1", "D2", "X1", "X2", "X3"}  # the territories; the department reports no households
TARGETS = {"D1": {"households_start": 19680, "poor_start": 851, "poor_end": 671},
           "D2": {"households_start": 22195, "poor_start": 1183, "poor_end": 703}}


def test_a_unit_is_complete_by_its_own_report_or_by_all_the_units_below_it():
    partial = complete_units(PARENTS, EXPECTED, reported={"X1", "X2"})
    assert partial["D1"] == (False, 3, 2)  # two of its three communes
    assert partial["X1"] == (True, 0, 0) and partial["D2"] == (False, 0, 0)
    assert complete_units(PARENTS, EXPECTED, reported={"X1", "X2", "X3"})["D1"] == (True, 3, 3)
    assert complete_units(PARENTS, EXPECTED, reported={"D1"})["D1"][0] is True  # its own, for its territory
    assert complete_units(PARENTS, EXPECTED, reported=set())["SO"] == (False, 0, 0)


def test_a_unit_with_a_target_of_its_own_is_known_from_its_own_report_only():
    """The plan's communes under a district may be three of its fifteen."""
    every_commune = {"X1", "X2", "X3"}
    assert complete_units(PARENTS, EXPECTED, every_commune, targeted={"D1"})["D1"] == (False, 3, 3)
    assert complete_units(PARENTS, EXPECTED, every_commune | {"D1"}, targeted={"D1"})["D1"][0] is True


def test_two_of_eight_districts_make_a_partial_total_compared_with_their_own_start():
    parents = {f"D{i}": None for i in range(1, 9)}
    targets = {f"D{i}": {"households_start": 20000 + i, "poor_start": 1000 * i} for i in range(1, 9)}
    results = {"D1": {"poor_end": 700, "households_end": 20010}, "D2": {"poor_end": 1500, "households_end": 20020}}
    coverage, covered, total, _complete = covered_totals(parents, targets, results, set(parents), set(results))
    assert (coverage.expected, coverage.reported, coverage.is_partial) == (8, 2, True)
    assert covered == {"households_start": 40003, "poor_start": 3000}  # the same two districts, not eight
    assert total == {"poor_end": 2200, "households_end": 40030}
    assert coverage.households_covered == 40003 and coverage.households_expected == sum(20000 + i for i in range(1, 9))
    assert str(coverage.households_share) == "25.00"


def test_a_district_summed_from_some_of_its_communes_is_not_counted_as_reported():
    results = {"X1": {"poor_end": 100}, "X2": {"poor_end": 90}, "D2": {"poor_end": 700}}
    rolled_results = {**results, "D1": {"poor_end": 190}}
    coverage, covered, total, _complete = covered_totals(PARENTS, TARGETS, rolled_results, EXPECTED, set(results))
    assert (coverage.expected, coverage.reported) == (2, 1)  # D1's communes are 2 of 3
    assert total == {"poor_end": 700} and covered == TARGETS["D2"]


def test_complete_when_every_expected_unit_has_reported():
    results = {"D1": {"poor_end": 671}, "D2": {"poor_end": 703}}
    coverage, covered, total, _complete = covered_totals(PARENTS, TARGETS, results, EXPECTED, set(results))
    assert (coverage.expected, coverage.reported, coverage.is_partial) == (2, 2, False)
    assert covered["households_start"] == 41875 and total == {"poor_end": 1374}


def test_nothing_expected_is_never_a_complete_result():
    assert Coverage(0, 0).is_partial
    coverage, _covered, total, _complete = covered_totals({"SO": None}, {}, {}, set(), set())
    assert coverage.is_partial and total == {} and coverage.households_share is None
