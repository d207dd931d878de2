"""The rules of a plan's own budget (workflows.plan_budget): the documents' budget checks on the
allocated measure, amounts as a reader takes them, and the units' lines set against the plan —
never a difference while some units are missing."""
from decimal import Decimal

import pytest

from workflows.figures import ALLOCATED, DISBURSED, Item
from workflows.plan_budget import amounts, check, compare

D = Decimal
#: DA1 with two sub-projects, DA7 without.
ITEMS = [Item(1, "DA1", children=[2, 3]), Item(2, "DA1.TDA1", parent="1"), Item(3, "DA1.TDA2", parent="1"),
         Item(7, "DA7")]


def codes(found):
    return [(f.code, f.field) for f in found]


def test_a_plan_budget_as_printed_passes():
    lines = {"2": {"central_investment": D("1234.5")}, "3": {"central_investment": D("765.5")},
             "7": {"central_recurrent": D(300), "local_recurrent": D(50), "total": D(350)},
             "total": {"total": D(2350)}}
    assert check(lines, ITEMS) == []


@pytest.mark.parametrize("lines, expected", [
    ({"7": {"other": D(-1)}}, [("budget_negative", "budget-7-allocated-other")]),
    ({"7": {"other": D(10) ** 9}}, [("budget_too_large", "budget-7-allocated-other")]),
    ({"7": {"central_recurrent": D(300), "total": D(200)}}, [("budget_line_sum", "budget-7-allocated-total")]),
    ({"1": {"central_investment": D(10)}, "2": {"central_investment": D(4)}},
     [("budget_subprojects_sum", "budget-1-allocated-central_investment"),
      ("budget_subprojects_sum", "budget-1-allocated-total")]),
    ({"7": {"other": D(5)}, "total": {"other": D(6)}},
     [("budget_total_sum", "budget-total-allocated-other"), ("budget_total_sum", "budget-total-allocated-total")]),
])
def test_what_the_documents_refuse_the_plan_refuses(lines, expected):
    found = check(lines, ITEMS)
    assert codes(found) == expected and all(f.is_error for f in found)


def test_a_project_reads_as_its_sub_projects_and_the_total_as_the_projects():
    read = amounts({"2": {"central_investment": D(1000)}, "3": {"other": D(50)}, "7": {"local_recurrent": D(20)}},
                   ITEMS)
    assert read["1"] == {"central_investment": D(1000), "central_recurrent": None, "local_investment": None,
                         "local_recurrent": None, "other": D(50), "total": D(1050)}
    assert read["total"]["total"] == D(1070) and read["total"]["local_recurrent"] == D(20)
    assert amounts({}, ITEMS) == {}


PLAN = {"2": {"central_investment": D(1000)}, "7": {"central_recurrent": D(200), "local_recurrent": D(20)}}
UNITS = {("2", ALLOCATED, "central_investment"): D(500), ("2", ALLOCATED, "total"): D(500),
         ("2", DISBURSED, "central_investment"): D(100), ("2", DISBURSED, "total"): D(100),
         ("1", ALLOCATED, "central_investment"): D(500), ("1", ALLOCATED, "total"): D(500),
         ("1", DISBURSED, "central_investment"): D(100), ("1", DISBURSED, "total"): D(100),
         ("7", ALLOCATED, "central_recurrent"): D(220), ("7", ALLOCATED, "total"): D(220),
         ("7", DISBURSED, "central_recurrent"): D(110), ("7", DISBURSED, "total"): D(110)}


def by_column(line):
    return {s.column: (s.planned, s.allocated, s.disbursed, s.difference, s.disbursed_share) for s in line.sources}


def test_with_every_unit_in_the_difference_and_the_share_are_computed():
    lines = compare(PLAN, UNITS, ITEMS, complete=True)
    assert [line.key for line in lines] == ["1", "2", "7", "total"]
    da7 = by_column(lines[2])
    assert da7["central_recurrent"] == (D(200), D(220), D(110), D(20), D("55.00"))
    # Planned but no unit allocated: all of it short; nothing disbursed to share.
    assert da7["local_recurrent"] == (D(20), None, None, D(-20), None)
    assert da7["total"] == (D(220), D(220), D(110), D(0), D("50.00"))
    assert list(da7) == ["central_recurrent", "local_recurrent", "total"]  # only sources with an amount
    assert by_column(lines[-1])["total"] == (D(1220), D(720), D(210), D(-500), D("17.21"))


def test_with_a_unit_missing_nothing_is_set_against_the_plan():
    lines = compare(PLAN, UNITS, ITEMS, complete=False)
    for line in lines:
        for s in line.sources:
            assert s.difference is None and s.disbursed_share is None
    assert by_column(lines[-1])["total"][:3] == (D(1220), D(720), D(210))


def test_units_money_on_a_line_the_plan_left_empty_is_shown_and_counted():
    lines = compare({"7": {"other": D(5)}}, {("4", ALLOCATED, "other"): D(8), ("4", ALLOCATED, "total"): D(8)},
                    ITEMS + [Item(4, "DA4")], complete=True)
    da4 = next(line for line in lines if line.key == "4")
    assert by_column(da4)["other"] == (None, D(8), None, D(8), None)
