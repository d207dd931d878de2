"""The figures of sub-plans and reports: results, budget lines, roll-ups."""
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflows.consolidation import OWN, UNITS, nearest_parents, roll_up, total
from workflows.figures import (ALLOCATED, DISBURSED, TOTAL, TOTAL_ROW, Item, budget_field, budget_totals, by_source,
                               check_budget, check_results, check_target)
from workflows.numbers import NumberFormatError, parse_amount, share


@pytest.mark.parametrize("text, value", [
    ("1.234,5", D("1234.5")), ("1234,5", D("1234.5")), ("1234.5", D("1234.5")), ("1.234", D("1234")),
    ("12.345.678,125", D("12345678.125")), ("0,5", D("0.5")), (" 15 000 ", D("15000")), ("7", D("7")),
])
def test_amounts_read_the_vietnamese_way(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["", "-5", "1,2,3", "1.23,4", "12,3456", "1,", "abc", "1.2.3", "١٢", "1e5",
                                  "1000000000"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(NumberFormatError):
        parse_amount(text)


def test_share_is_two_decimals_half_up():
    assert share(D("1"), D("3")) == D("33.33")
    assert share(D("2"), D("3")) == D("66.67")
    assert share(1, 0) is None


GOOD = {"households_end": 17800, "poor_start": 4545, "poor_escaped": 2300, "poor_new": 150, "poor_fell_back": 40,
        "poor_end": 2435, "near_poor_start": 2100, "near_poor_escaped": 500, "near_poor_new": 300,
        "near_poor_fell_back": 0, "near_poor_end": 1900, "ethnic_poor_end": 2000, "poor_rate_end": D("13.68")}


def codes(found):
    return sorted(f.code for f in found)


def test_results_that_add_up_pass():
    assert check_results(GOOD) == []


def test_results_flow_must_add_up():
    found = check_results({**GOOD, "poor_end": 2500})
    assert "poor_end_flow" in codes(found)
    flow = next(f for f in found if f.code == "poor_end_flow")
    assert flow.is_error and flow.field == "poor_end" and flow.params["expected"] == 2435


def test_results_counts_within_totals_and_rates():
    assert codes(check_results({**GOOD, "poor_escaped": 5000, "poor_end": None})) == ["poor_escaped_over_start"]
    assert codes(check_results({"households_end": 100, "poor_end": 60, "near_poor_end": 50})) == [
        "poor_and_near_poor_over_total"]
    assert codes(check_results({"households_end": 100, "poor_end": 120})) == ["poor_end_over_total"]
    assert codes(check_results({**GOOD, "ethnic_poor_end": 3000})) == ["ethnic_poor_end_over_total"]
    warn = check_results({**GOOD, "poor_rate_end": D("15")})
    assert codes(warn) == ["poor_rate_end_differs"] and not warn[0].is_error


def test_a_subplan_target_against_the_plan():
    plan = {"poor_start": 851, "poor_reduction": 180}
    row = {"households_start": 19680, "poor_start": 851, "poor_reduction": 180, "poor_end": 671,
           "households_end": 19690}
    assert check_target(row, plan) == []
    found = check_target({**row, "poor_start": 850, "poor_reduction": 150, "poor_end": 700}, plan)
    assert codes(found) == ["poor_reduction_below_plan", "poor_start_differs_from_plan"]
    assert not any(f.is_error for f in found)
    assert codes(check_target({**row, "poor_end": 600}, None)) == ["poor_end_not_start_minus_reduction"]


ITEMS = [Item(1, "DA1", children=[2, 3]), Item(2, "DA1.TDA1", parent=1), Item(3, "DA1.TDA2", parent=1),
         Item(4, "DA2")]


def line(**measures):
    return {m: {k: D(str(v)) for k, v in cells.items()} for m, cells in measures.items()}


def test_budget_that_adds_up_passes():
    lines = {
        "2": line(allocated={"central_investment": 100, "local_investment": 20, "total": 120},
                  disbursed={"central_investment": 80}),
        "3": line(allocated={"central_recurrent": 50.5}, disbursed={"central_recurrent": 50.5}),
        "1": line(allocated={"central_investment": 100, "central_recurrent": 50.5, "local_investment": 20}),
        "4": line(allocated={"other": 10}),
        TOTAL_ROW: line(allocated={"total": "180.5"}),
    }
    assert check_budget(lines, ITEMS, (ALLOCATED, DISBURSED)) == []
    totals = budget_totals(lines, ITEMS, ALLOCATED)
    assert totals[TOTAL] == D("180.5") and totals["central_investment"] == 100
    assert budget_totals(lines, ITEMS, DISBURSED)[TOTAL] == D("130.5")
    assert by_source(totals) == {"central": D("150.5"), "local": 20, "other": 10,
                                 "investment": 120, "recurrent": D("50.5")}


def test_budget_parts_must_add_up():
    lines = {
        "2": line(allocated={"central_investment": 100, "local_investment": 20, "total": 130}),
        "3": line(allocated={"central_recurrent": 50}),
        "1": line(allocated={"central_investment": 90, "total": 180}),
        TOTAL_ROW: line(allocated={"total": 200}),
    }
    found = check_budget(lines, ITEMS, (ALLOCATED,))
    # DA1.TDA1 typed 130 for 120; DA1 typed 180 for 90; DA1's central investment 90 against its
    # sub-projects' 100 (its total, 180, matches theirs: 130 + 50); the lines make 180, not 200.
    assert codes(found) == ["budget_line_sum", "budget_line_sum", "budget_subprojects_sum", "budget_total_sum"]
    fields = {f.field for f in found}
    assert budget_field("2", ALLOCATED, TOTAL) in fields
    assert budget_field("1", ALLOCATED, "central_investment") in fields
    assert budget_field(TOTAL_ROW, ALLOCATED, TOTAL) in fields
    assert all(f.is_error for f in found)


def test_disbursed_within_allocated():
    lines = {"4": line(allocated={"other": 10}, disbursed={"other": 12})}
    found = check_budget(lines, ITEMS, (ALLOCATED, DISBURSED))
    assert codes(found) == ["disbursed_over_allocated", "disbursed_over_allocated"]  # the cell and the line
    assert found[0].params["line"] == "DA2"


def test_roll_up_sums_counts_and_prefers_a_units_own_figures():
    tree = {"P": None, "D1": "P", "D2": "P", "C1": "D1", "C2": "D1", "X": "P", "C3": "X"}
    members = {"P", "D1", "D2", "C1", "C2", "C3"}
    parents = nearest_parents(tree, members)
    assert parents == {"P": None, "D1": "P", "D2": "P", "C1": "D1", "C2": "D1", "C3": "P"}
    own = {"D1": {"poor_end": 100, "households_end": 1000}, "C1": {"poor_end": 60, "households_end": 500},
           "C2": {"poor_end": 30, "households_end": 400}, "D2": {"poor_end": 7, "households_end": 70},
           "C3": {"poor_end": 1, "households_end": None}}
    rolled = roll_up(parents, own, ("poor_end", "households_end"))
    assert rolled["D1"].source == OWN and rolled["D1"].values == {"poor_end": 100, "households_end": 1000}
    assert {f.field for f in rolled["D1"].findings} == {"poor_end", "households_end"}
    assert rolled["P"].source == UNITS and rolled["P"].values == {"poor_end": 108, "households_end": 1070}
    assert total(rolled, parents, ("poor_end",)) == {"poor_end": 108}
    assert roll_up({"A": None}, {}, ("poor_end",))["A"].source is None


def test_the_form_lays_out_every_figure_once():
    from app.documents.content import FIGURE_GROUPS, RESULT_FIELDS, TARGET_FIELDS

    for kind, fields in (("subplan", TARGET_FIELDS), ("report", RESULT_FIELDS)):
        laid_out = [name for _heading, names in FIGURE_GROUPS[kind] for name in names]
        assert sorted(laid_out) == sorted(fields)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_lean_roll_up_total_equals_the_detailed_one(data):
    from workflows.consolidation import nearest_parents, roll_up, rolled_total, total

    size = data.draw(st.integers(1, 30))
    # A forest: each unit's parent is an earlier unit or none; some units are not in the plan.
    tree = {u: data.draw(st.one_of(st.none(), st.integers(0, u - 1))) if u else None for u in range(size)}
    members = set(data.draw(st.lists(st.sampled_from(range(size)), unique=True)))
    parents = nearest_parents(tree, members)
    fields = ("a", "b")
    own = {u: {f: data.draw(st.one_of(st.none(), st.integers(0, 1000))) for f in fields}
           for u in members if data.draw(st.booleans())}
    assert rolled_total(parents, own, fields) == total(roll_up(parents, own, fields), parents, fields)
