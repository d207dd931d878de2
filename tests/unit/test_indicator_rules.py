"""A plan's indicators as rules: definitions, totals from summed counts, the report checks.

The Ninh Thuận 2022 plan (shared/seeds) sets, among others: at least 98% of near-poor
households with health insurance; at least 200 houses built or repaired for the poor; at
least 10 poverty-reduction models; 100% of poverty-reduction staff trained. Here they are
defined as indicators and two districts report them.
"""
from decimal import Decimal

import pytest

from workflows import indicators as ind
from workflows.checks import ERROR, WARNING
from workflows.enums import Direction, IndicatorKind, MeasureUnit
from workflows.indicators import Definition

D = Decimal

INSURED = Definition("BHYT_CN_CO", "Hộ cận nghèo có BHYT", MeasureUnit.HOUSEHOLDS, IndicatorKind.COUNT,
                     Direction.AT_LEAST)
INSURANCE = Definition("BHYT_CN", "Tỷ lệ hộ cận nghèo tham gia BHYT", MeasureUnit.PERCENT, IndicatorKind.RATIO,
                       Direction.AT_LEAST, numerator="BHYT_CN_CO", denominator="near_poor", target=D(98))
HOUSES = Definition("NHA_O", "Nhà ở xây mới, sửa chữa cho hộ nghèo", MeasureUnit.HOUSES, IndicatorKind.COUNT,
                    Direction.AT_LEAST, target=D(200))
MODELS = Definition("MO_HINH", "Mô hình giảm nghèo", MeasureUnit.MODELS, IndicatorKind.COUNT, Direction.AT_LEAST,
                    target=D(10))
STAFF = Definition("CB", "Cán bộ làm công tác giảm nghèo", MeasureUnit.PEOPLE, IndicatorKind.COUNT,
                   Direction.AT_LEAST)
TRAINED_COUNT = Definition("CB_TH", "Cán bộ được tập huấn", MeasureUnit.PEOPLE, IndicatorKind.COUNT,
                           Direction.AT_LEAST)
TRAINED = Definition("TAP_HUAN", "Cán bộ giảm nghèo được tập huấn", MeasureUnit.PERCENT, IndicatorKind.RATIO,
                     Direction.AT_LEAST, numerator="CB_TH", denominator="CB", target=D(100))
TRAINED_VALUE = Definition("TAP_HUAN_TL", "Tỷ lệ cán bộ được tập huấn (đơn vị tự đánh giá)", MeasureUnit.PERCENT,
                           IndicatorKind.VALUE, Direction.AT_LEAST, target=D(100))
NINH_THUAN = [INSURED, INSURANCE, HOUSES, MODELS, STAFF, TRAINED_COUNT, TRAINED, TRAINED_VALUE]


def _district(near_poor, insured, houses, models, staff, trained, said, households=20000, poor=1500):
    """One district's report: the built-in counts from its results, and its own counts."""
    now, start = ind.builtin_counts(
        {"households_end": households, "poor_end": poor, "near_poor_end": near_poor, "poor_start": poor + 100,
         "near_poor_start": near_poor + 50},
        {"households_start": households - 200})
    now.update({"BHYT_CN_CO": insured, "NHA_O": houses, "MO_HINH": models, "CB": staff, "CB_TH": trained,
                "TAP_HUAN_TL": said})
    return now, start


BAC_AI = _district(near_poor=800, insured=790, houses=120, models=6, staff=12, trained=12, said=D(100))
NINH_PHUOC = _district(near_poor=1200, insured=1170, houses=70, models=3, staff=30, trained=27, said=D(90),
                       households=40000, poor=4000)


def test_the_ninh_thuan_goals_are_valid_definitions():
    for d in NINH_THUAN:
        others = [o for o in NINH_THUAN if o is not d]
        assert ind.check_definition(d, others) == [], d.code


def test_counts_add_up_and_ratios_come_from_the_summed_counts():
    totals = ind.rollup(NINH_THUAN, [BAC_AI, NINH_PHUOC])
    assert totals["NHA_O"] == ind.Total(D(190), 2)
    assert totals["MO_HINH"].value == 9
    # 790 + 1170 insured of 800 + 1200 near-poor: 98,00%, not the average of 98,75% and 97,50%.
    assert totals["BHYT_CN"] == ind.Total(D("98.00"), 2, D(1960), D(2000))
    assert (ind.evaluate(INSURANCE, BAC_AI[0]), ind.evaluate(INSURANCE, NINH_PHUOC[0])) == (D("98.75"), D("97.50"))
    # 39 trained of 42: 92,86% (the average of 100% and 90% would be 95%).
    assert totals["TAP_HUAN"].value == D("92.86")
    # A value is not summed.
    assert totals["TAP_HUAN_TL"] == ind.Total(None, 2)


def test_builtin_rates_and_changes_come_from_summed_counts_too():
    totals = ind.rollup(ind.BUILTINS, [BAC_AI, NINH_PHUOC])
    assert totals["poor"].value == 5500 and totals["households"].value == 60000
    assert totals["poor_rate"].value == D("9.17")  # 5.500 / 60.000
    # At the start: 1.600 + 4.100 poor of 19.800 + 39.800 households = 9,56%; now 9,17%.
    assert totals["poor_rate_change"].value == D("9.17") - D("9.56")
    assert totals["ethnic_poor"] == ind.Total(None, 0)


def test_a_unit_that_gave_half_a_ratio_does_not_tilt_it():
    half = ({"BHYT_CN_CO": 500, "near_poor": None}, {})
    totals = ind.rollup([INSURED, INSURANCE], [BAC_AI, half])
    assert totals["BHYT_CN"] == ind.Total(D("98.75"), 1, D(790), D(800))
    assert totals["BHYT_CN_CO"] == ind.Total(D(1290), 2)


def test_what_a_unit_owes_includes_the_counts_of_its_ratios():
    owed = ind.owed(NINH_THUAN, ["BHYT_CN", "NHA_O"])
    assert [d.code for d in owed] == ["BHYT_CN_CO", "BHYT_CN", "NHA_O"]
    assert [d.code for d in ind.used_by("BHYT_CN_CO", NINH_THUAN)] == ["BHYT_CN"]


@pytest.mark.parametrize("changes, field, code", [
    ({"name": " "}, "name", "name_missing"),
    ({"code": "1ABC"}, "code", "code_format"),
    ({"code": "có dấu"}, "code", "code_format"),
    ({"code": "Poor_Rate"}, "code", "code_builtin"),
    ({"code": "nha_o"}, "code", "code_taken"),
    ({"kind": IndicatorKind.COUNT}, "unit", "count_unit"),
    ({"unit": MeasureUnit.HOUSEHOLDS}, "unit", "ratio_unit"),
    ({"direction": None}, "direction", "direction_missing"),
    ({"numerator": None}, "numerator", "numerator_missing"),
    ({"numerator": "KHONG_CO"}, "numerator", "numerator_unknown"),
    ({"numerator": "TAP_HUAN_TL"}, "numerator", "numerator_not_count"),
    ({"denominator": "poor_rate"}, "denominator", "denominator_not_count"),
    ({"numerator": "near_poor"}, "denominator", "operands_same"),
    ({"target": D(101)}, "target", "target_percent"),
    ({"target": D(-1)}, "target", "target_range"),
])
def test_a_bad_definition_is_refused_with_its_field(changes, field, code):
    d = Definition(**{**INSURANCE.__dict__, **changes})
    found = ind.check_definition(d, [HOUSES, INSURED, TRAINED_VALUE])
    assert (field, code) in [(f.field, f.code) for f in found]
    assert all(f.severity == ERROR for f in found)


def test_targets_fit_their_unit():
    assert [f.code for f in ind.check_target_value(HOUSES, D("10.5"), "target")] == ["target_whole"]
    yes_no = Definition("CO", "Có quy chế", MeasureUnit.YES_NO, IndicatorKind.VALUE, Direction.EXACTLY)
    assert [f.code for f in ind.check_target_value(yes_no, D(2), "target")] == ["target_yes_no"]
    assert ind.check_target_value(yes_no, D(1), "target") == []
    amount = Definition("VON", "Vốn huy động", MeasureUnit.MILLION_VND, IndicatorKind.COUNT, Direction.AT_LEAST)
    assert ind.check_target_value(amount, D("1234.5"), "target") == []


@pytest.mark.parametrize("unit, typed, value", [
    (MeasureUnit.HOUSES, "1.234", D(1234)),
    (MeasureUnit.PEOPLE, "12", D(12)),
    (MeasureUnit.PERCENT, "97,5%", D("97.5")),
    (MeasureUnit.PERCENT, "150", D(150)),  # read; the check names the range
    (MeasureUnit.MILLION_VND, "1.234,5", D("1234.5")),
    (MeasureUnit.YES_NO, "Có", D(1)),
    (MeasureUnit.YES_NO, "0", D(0)),
    (MeasureUnit.SCORE, "8,5", D("8.5")),
    (MeasureUnit.HOUSES, " ", None),
])
def test_values_are_read_as_typed(unit, typed, value):
    assert ind.parse_value(unit, typed) == value


@pytest.mark.parametrize("unit, typed", [(MeasureUnit.HOUSES, "12,5"), (MeasureUnit.PERCENT, "abc"),
                                         (MeasureUnit.YES_NO, "2"), (MeasureUnit.PERCENT, "9,999")])
def test_unreadable_values_say_what_to_type(unit, typed):
    with pytest.raises(ind.Unreadable) as caught:
        ind.parse_value(unit, typed)
    assert caught.value.message == ind.UNIT_FORMATS[unit]


def _targets(definitions, own=None):
    return {d.code: ind.unit_target(d, (own or {}).get(d.code)) for d in definitions}


def test_a_ratio_and_a_value_carry_the_plan_target_to_every_unit_a_count_does_not():
    assert _targets([INSURANCE, HOUSES, TRAINED_VALUE]) == {"BHYT_CN": D(98), "NHA_O": None, "TAP_HUAN_TL": D(100)}
    assert _targets([HOUSES], {"NHA_O": D(120)}) == {"NHA_O": D(120)}


def test_the_report_checks():
    owed = ind.owed(NINH_THUAN, ["BHYT_CN", "NHA_O", "TAP_HUAN_TL"])
    now = {**BAC_AI[0]}
    assert ind.check_values(owed, now, _targets(owed, {"NHA_O": D(120)})) == []

    # Ninh Phước: 97,50% insured, short of 98%: a warning to explain, not an error.
    found = ind.check_values(owed, NINH_PHUOC[0], _targets(owed))
    assert [(f.severity, f.code, f.field) for f in found] == [
        (WARNING, "indicator_target", "indicator-BHYT_CN"), (WARNING, "indicator_target", "indicator-TAP_HUAN_TL")]
    assert found[0].params["achieved"] == D("97.50") and found[0].params["direction"] == "at least"
    # Half-way through the year, nobody is warned for being short of the yearly target.
    assert ind.check_values(owed, NINH_PHUOC[0], _targets(owed), final=False) == []


def test_the_report_errors():
    owed = ind.owed(NINH_THUAN, ["BHYT_CN", "NHA_O", "TAP_HUAN_TL"])
    now = {**BAC_AI[0], "BHYT_CN_CO": 801, "NHA_O": None, "TAP_HUAN_TL": D(101)}
    found = ind.check_values(owed, now, _targets(owed))
    assert sorted((f.code, f.field) for f in found) == [
        ("indicator_missing", "indicator-NHA_O"), ("indicator_over_denominator", "indicator-BHYT_CN"),
        ("indicator_percent_range", "indicator-TAP_HUAN_TL")]
    assert all(f.is_error for f in found)
    optional = Definition(**{**HOUSES.__dict__, "is_required": False})
    assert ind.check_values([optional], {"NHA_O": None}) == []


@pytest.mark.parametrize("direction, achieved, target, ok", [
    (Direction.AT_LEAST, 200, 200, True), (Direction.AT_LEAST, 199, 200, False),
    (Direction.AT_MOST, D("3.41"), D("3.41"), True), (Direction.AT_MOST, D("3.42"), D("3.41"), False),
    (Direction.EXACTLY, 1, 1, True), (Direction.EXACTLY, 0, 1, False), (Direction.AT_LEAST, None, 5, True),
])
def test_directions(direction, achieved, target, ok):
    assert ind.meets(direction, achieved, target) is ok


def test_builtins_read_the_figures_the_reports_already_carry():
    from workflows.figures import RESULT_COUNTS, TARGET_COUNTS

    assert set(ind.RESULT_FIELDS.values()) | set(ind.RESULT_START_FIELDS.values()) <= set(RESULT_COUNTS)
    assert set(ind.TARGET_END_FIELDS.values()) | set(ind.TARGET_START_FIELDS.values()) <= set(TARGET_COUNTS)
    for d in ind.BUILTINS:  # a built-in ratio is of built-in counts; a change, of a built-in ratio
        assert all(ind.BUILTIN_BY_CODE[c].kind is IndicatorKind.COUNT for c in d.operands)
        assert d.change_of is None or ind.BUILTIN_BY_CODE[d.change_of].operands
        assert (d.kind is IndicatorKind.COUNT) == (d.code in ind.RESULT_FIELDS)
    # A plan's target row gives the built-ins' targets: the rate at the end, its change.
    now, start = ind.builtin_counts(None, {"households_start": 19661, "poor_start": 851, "households_end": 19677,
                                           "poor_end": 671})
    assert ind.evaluate(ind.BUILTIN_BY_CODE["poor_rate"], now) == D("3.41")
    assert ind.evaluate(ind.BUILTIN_BY_CODE["poor_rate_change"], now, start) == D("3.41") - D("4.33")
