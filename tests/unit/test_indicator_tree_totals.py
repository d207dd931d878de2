"""A plan's own indicators totalled up the unit tree, and what a total may say of its target
(``workflows.indicator_totals``), without a database.

The province (1) has districts 10 and 20; district 10 has communes 11 and 12. Houses (a
count, at least 10 in the plan) and insurance (insured near-poor ÷ near-poor, a ratio).
"""
from decimal import Decimal

from workflows import indicator_totals as t
from workflows.enums import Direction, IndicatorKind, MeasureUnit
from workflows.indicators import BUILTIN_BY_CODE, Definition

D = Decimal
TREE = {1: None, 10: 1, 20: 1, 11: 10, 12: 10}
HOUSES = Definition("NHA_O", "Nhà ở", MeasureUnit.HOUSES, IndicatorKind.COUNT, Direction.AT_LEAST, target=D(10))
INSURED = Definition("BHYT_CN_CO", "Có BHYT", MeasureUnit.HOUSEHOLDS, IndicatorKind.COUNT, Direction.AT_LEAST)
INSURANCE = Definition("BHYT_CN", "Tỷ lệ BHYT", MeasureUnit.PERCENT, IndicatorKind.RATIO, Direction.AT_LEAST,
                       "BHYT_CN_CO", "near_poor", target=D(98))
SCORE = Definition("DIEM", "Điểm", MeasureUnit.SCORE, IndicatorKind.VALUE, Direction.AT_LEAST, target=D(8))
PLAN = [HOUSES, INSURED, INSURANCE, SCORE]


def _given(**units):
    """{unit: (now, {})} from u10={"NHA_O": 7, ...}."""
    return {int(name[1:]): (values, {}) for name, values in units.items()}


def _totals(owing, given, **kwargs):
    return t.tree_totals(PLAN, TREE, {d.code: owing for d in PLAN}, given, **kwargs)


def test_a_unit_s_own_figure_stands_for_the_units_below_it():
    totals = _totals({10, 11, 20}, _given(u10={"NHA_O": 7}, u11={"NHA_O": 5}, u20={"NHA_O": 3}))
    houses = totals["NHA_O"]
    assert houses.total.value == 10  # 7 + 3, not 7 + 5 + 3
    assert (houses.coverage.expected, houses.coverage.reported) == (2, 2) and houses.sources == {10, 20}


def test_a_unit_without_its_own_figure_is_its_units_when_all_of_them_are_complete():
    owing = {10, 11, 12, 20}
    partial = _totals(owing, _given(u11={"NHA_O": 5}, u20={"NHA_O": 3}))["NHA_O"]
    assert partial.total.value == 3 and (partial.coverage.expected, partial.coverage.reported) == (2, 1)
    whole = _totals(owing, _given(u11={"NHA_O": 5}, u12={"NHA_O": 4}, u20={"NHA_O": 3}))["NHA_O"]
    assert whole.total.value == 12 and not whole.coverage.is_partial and whole.sources == {11, 12, 20}
    # A district given a target of its own is known from its own report only.
    targeted = _totals(owing, _given(u11={"NHA_O": 5}, u12={"NHA_O": 4}, u20={"NHA_O": 3}),
                       targeted={"NHA_O": {10}})["NHA_O"]
    assert targeted.total.value == 3 and targeted.coverage.is_partial


def test_a_ratio_rolls_up_both_its_counts_from_the_same_units():
    given = _given(u10={"BHYT_CN_CO": 700, "near_poor": 800}, u11={"BHYT_CN_CO": 90, "near_poor": 100},
                   u20={"BHYT_CN_CO": 290, "near_poor": 300},
                   u12={"BHYT_CN_CO": 50, "near_poor": None})  # half a ratio: not a figure
    ratio = _totals({10, 11, 12, 20}, given)["BHYT_CN"]
    assert (ratio.total.numerator, ratio.total.denominator, ratio.total.value) == (D(990), D(1100), D("90.00"))
    assert (ratio.coverage.expected, ratio.coverage.reported) == (2, 2)


def test_a_change_in_a_rate_rolls_up_its_counts_now_and_at_the_start():
    change = BUILTIN_BY_CODE["poor_rate_change"]
    given = {10: ({"poor": 90, "households": 1000}, {"poor": 100, "households": 1000}),
             11: ({"poor": 50, "households": 100}, {"poor": 50, "households": 100}),
             20: ({"poor": 30, "households": 1000}, {"poor": 40, "households": 1000})}
    total = t.tree_totals([change], TREE, {change.code: {10, 11, 20}}, given)[change.code]
    assert total.total.value == D("6.00") - D("7.00")  # 120 of 2.000 now, 140 at the start


def test_a_value_stands_per_unit():
    score = _totals({10, 20}, _given(u10={"DIEM": D(9)}), final={10})["DIEM"]
    assert score.total.value is None and (score.coverage.expected, score.coverage.reported) == (2, 1)


def test_a_total_is_final_when_every_figure_in_it_is_a_final_report_s():
    given = _given(u10={"NHA_O": 7}, u11={"NHA_O": 5}, u20={"NHA_O": 3})
    assert _totals({10, 11, 20}, given, final={10, 20})["NHA_O"].is_final
    assert not _totals({10, 11, 20}, given, final={10, 11})["NHA_O"].is_final  # 20's is six-month
    assert _totals({10, 11, 20}, given, final={10, 20})["NHA_O"].sources == {10, 20}  # 11's does not count


def test_a_verdict_only_on_a_whole_total_of_final_figures():
    assert t.verdict(Direction.AT_LEAST, D(12), D(10)) == t.MET
    assert t.verdict(Direction.AT_LEAST, D(9), D(10)) == t.MISSED
    assert t.verdict(Direction.AT_LEAST, D(12), D(10), whole=False) == t.NOT_KNOWN
    assert t.verdict(Direction.AT_LEAST, D(9), D(10), final=False) == t.NOT_KNOWN
    assert t.verdict(Direction.AT_LEAST, None, D(10)) == t.NOT_KNOWN
    assert t.verdict(Direction.AT_LEAST, D(9), None) is None
