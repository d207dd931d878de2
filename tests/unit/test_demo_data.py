"""The Đắk Nông demo data is internally consistent and loads into the unit model."""
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from app.demo import dak_nong, ninh_thuan
from workflows import indicators as indicator_rules
from workflows.enums import Direction, IndicatorKind, MeasureUnit, UnitKind

UNITS_BY_CODE = {unit["code"]: unit for unit in dak_nong.UNITS}
DISTRICTS = [unit["code"] for unit in dak_nong.UNITS if unit["kind"] == "district"]
TOTAL = dak_nong.PROVINCE_TOTAL


def rate(poor, households):
    """Poverty rate in percent, two decimals, rounded half-up as the plans print it."""
    return (Decimal(poor) * 100 / Decimal(households)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def total(key):
    return sum(row[key] for row in dak_nong.TARGETS)


# --- the unit tree ---------------------------------------------------------------------


def test_unit_codes_are_unique_short_uppercase_ascii():
    codes = [unit["code"] for unit in dak_nong.UNITS]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[A-Z]+(-[A-Z]+)*", code) and len(code) <= 40, code


def test_unit_kinds_are_the_models_vocabulary():
    kinds = {kind.value for kind in UnitKind}
    assert kinds == {"province", "department", "district", "commune", "organisation"}
    for unit in dak_nong.UNITS:
        assert unit["kind"] in kinds, unit["code"]


def test_the_issuing_committee_is_the_only_root_and_every_parent_exists():
    roots = [unit["code"] for unit in dak_nong.UNITS if unit["parent"] is None]
    assert roots == [dak_nong.ISSUING_UNIT]
    assert UNITS_BY_CODE[dak_nong.ISSUING_UNIT]["kind"] == "province"
    for unit in dak_nong.UNITS:
        if unit["parent"] is not None:
            assert unit["parent"] in UNITS_BY_CODE, unit["code"]


def test_every_unit_reaches_the_root_without_a_cycle():
    for unit in dak_nong.UNITS:
        seen, code = set(), unit["code"]
        while code is not None:
            assert code not in seen, f"cycle through {code}"
            seen.add(code)
            code = UNITS_BY_CODE[code]["parent"]
        assert dak_nong.ISSUING_UNIT in seen


def test_the_province_has_eight_districts_and_communes_sit_under_districts():
    assert len(DISTRICTS) == 8
    communes = [unit for unit in dak_nong.UNITS if unit["kind"] == "commune"]
    assert {c["parent"] for c in communes} == {"DAK-GLONG", "TUY-DUC"}
    assert len(communes) == 6


def test_every_unit_has_one_or_two_lowercase_demo_mailboxes():
    domain = "@" + dak_nong.DEMO_EMAIL_DOMAIN
    all_emails = [email for unit in dak_nong.UNITS for email in unit["emails"]]
    assert len(all_emails) == len(set(all_emails))
    for unit in dak_nong.UNITS:
        assert 1 <= len(unit["emails"]) <= 2, unit["code"]
        for email in unit["emails"]:
            assert email.endswith(domain) and email == email.lower(), email


# --- the assignments -------------------------------------------------------------------


def test_the_coordinating_unit_exists_and_has_duties():
    assert dak_nong.COORDINATING_UNIT in UNITS_BY_CODE
    assert dak_nong.COORDINATING_UNIT in {a["unit"] for a in dak_nong.ASSIGNMENTS}


def test_every_assignment_names_a_known_unit_once():
    assigned = [a["unit"] for a in dak_nong.ASSIGNMENTS]
    assert len(assigned) == len(set(assigned))  # one Assignment per unit and plan
    for code in assigned:
        assert code in UNITS_BY_CODE, code


def test_assignments_follow_section_six_in_order():
    items = [a["item"] for a in dak_nong.ASSIGNMENTS]
    assert items == sorted(items)
    assert set(items) == set(range(1, 15))
    for assignment in dak_nong.ASSIGNMENTS:
        assert assignment["duties"].strip(), assignment["unit"]


def test_every_district_gets_the_district_duties():
    district_items = {a["unit"]: a for a in dak_nong.ASSIGNMENTS if a["item"] == 14}
    assert sorted(district_items) == sorted(DISTRICTS)
    assert len({a["duties"] for a in district_items.values()}) == 1


def test_only_partners_are_requested():
    for assignment in dak_nong.ASSIGNMENTS:
        kind = UNITS_BY_CODE[assignment["unit"]]["kind"]
        assert assignment["requested"] == (kind == "organisation"), assignment["unit"]


def test_deadlines_are_real_dates():
    assert set(dak_nong.DEADLINES) == {"subplan", "six_month", "annual"}
    for month, day in dak_nong.DEADLINES.values():
        dt.date(2023, month, day)
    dt.date(2023, *dak_nong.PLAN["issued_month_day"])


def test_the_title_template_re_dates_the_title():
    plan = dak_nong.PLAN
    assert plan["title_template"].format(year=plan["year"], prev_year=plan["year"] - 1) == plan["title"]


# --- the targets -----------------------------------------------------------------------


def test_there_is_one_target_row_per_district():
    assert sorted(row["unit"] for row in dak_nong.TARGETS) == sorted(DISTRICTS)


@pytest.mark.parametrize("row", dak_nong.TARGETS, ids=lambda row: row["unit"])
def test_a_districts_poor_households_minus_the_reduction_is_its_end_target(row):
    assert row["poor_start"] - row["poor_reduction"] == row["poor_end"]


@pytest.mark.parametrize("row", dak_nong.TARGETS, ids=lambda row: row["unit"])
def test_a_districts_derived_households_reproduce_the_printed_rates(row):
    assert rate(row["poor_start"], row["households_start"]) == row["poor_rate_start"]
    assert rate(row["poor_end"], row["households_end"]) == row["poor_rate_end"]
    assert row["households_end"] >= row["households_start"]


@pytest.mark.parametrize("row", dak_nong.TARGETS, ids=lambda row: row["unit"])
def test_a_districts_stated_reduction_points_are_close_to_the_rate_difference(row):
    # The plan states a rounded minimum ("Giảm từ 1% trở lên" for 4.32 -> 3.41).
    difference = row["poor_rate_start"] - row["poor_rate_end"]
    assert abs(row["poor_reduction_points"] - difference) < Decimal("0.1")


def test_the_districts_add_up_to_the_province():
    assert total("poor_start") == TOTAL["poor_start"] == 13342
    assert total("poor_reduction") == TOTAL["poor_reduction"] == 4990
    assert total("poor_end") == TOTAL["poor_end"] == 8352
    assert total("households_start") == TOTAL["households_start"]
    assert total("households_end") == TOTAL["households_end"]


def test_the_province_rates_come_from_summed_counts():
    assert rate(total("poor_start"), total("households_start")) == TOTAL["poor_rate_start"] == Decimal("7.97")
    assert rate(total("poor_end"), total("households_end")) == TOTAL["poor_rate_end"] == Decimal("4.97")


def test_rates_are_decimals():
    for row in [*dak_nong.TARGETS, TOTAL]:
        for key, value in row.items():
            if "rate" in key or key.endswith("_points"):
                assert isinstance(value, Decimal), key


# --- Ninh Thuận 2022 ----------------------------------------------------------------------

NT_UNITS = {unit["code"]: unit for unit in ninh_thuan.UNITS}
NT_INDICATORS = {row["code"]: row for row in ninh_thuan.INDICATORS}
NT_ASSIGNED = [a["unit"] for a in ninh_thuan.ASSIGNMENTS]


def nt_total(key):
    return sum(row[key] for row in ninh_thuan.TARGETS)


def test_unit_codes_are_unique_across_both_provinces():
    """A unit's code is unique in the whole tree: Ninh Thuận's departments are not Đắk Nông's."""
    codes = [unit["code"] for unit in (*dak_nong.UNITS, *ninh_thuan.UNITS)]
    assert len(codes) == len(set(codes))
    for code in NT_UNITS:
        assert re.fullmatch(r"[A-Z]+(-[A-Z]+)*", code) and len(code) <= 40, code
    emails = [e for unit in (*dak_nong.UNITS, *ninh_thuan.UNITS) for e in unit["emails"]]
    assert len(emails) == len(set(emails))
    for unit in ninh_thuan.UNITS:
        assert unit["emails"] and all(e.endswith("@ninhthuan.demo.vn") and e == e.lower() for e in unit["emails"])


def test_ninh_thuan_hangs_under_its_province_committee():
    roots = [code for code, unit in NT_UNITS.items() if unit["parent"] is None]
    assert roots == [ninh_thuan.ISSUING_UNIT] == ["UBND-NTH"]
    assert NT_UNITS["UBND-NTH"] == {**NT_UNITS["UBND-NTH"], "name": "Ủy ban nhân dân tỉnh Ninh Thuận",
                                    "kind": "province"}
    assert all(unit["parent"] == "UBND-NTH" for code, unit in NT_UNITS.items() if code != "UBND-NTH")
    assert {NT_UNITS[code]["name"] for code in ninh_thuan.DISTRICTS} == {
        "Thành phố Phan Rang - Tháp Chàm", "Huyện Bác Ái", "Huyện Ninh Sơn", "Huyện Ninh Hải", "Huyện Ninh Phước",
        "Huyện Thuận Bắc", "Huyện Thuận Nam"}


def test_ninh_thuan_assigns_section_four_in_order_to_known_units():
    items = [a["item"] for a in ninh_thuan.ASSIGNMENTS]
    assert items == sorted(items) and set(items) == set(range(1, 12))
    assert len(NT_ASSIGNED) == len(set(NT_ASSIGNED)) and set(NT_ASSIGNED) <= set(NT_UNITS)
    assert ninh_thuan.ISSUING_UNIT not in NT_ASSIGNED  # the People's Committee issues, it owes nothing
    # Items 1-7 name their departments; the duties open with that name, as the plan prints it.
    named = {a["unit"]: a["duties"].splitlines()[0] for a in ninh_thuan.ASSIGNMENTS if a["item"] <= 7}
    assert named == {"NTH-SLDTBXH": "Sở Lao động - Thương binh và Xã hội", "NTH-SKHDT": "Sở Kế hoạch và đầu tư",
                     "NTH-STC": "Sở Tài chính:", "NTH-SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn:",
                     "NTH-SYT": "Sở Y tế:", "NTH-STTTT": "Sở Thông tin và Truyền thông:", "NTH-SXD": "Sở Xây dựng:"}
    districts = [a for a in ninh_thuan.ASSIGNMENTS if a["item"] == 11]
    assert [a["unit"] for a in districts] == ninh_thuan.DISTRICTS and len(districts) == 7
    assert all(a["duties"].startswith("Ủy ban nhân dân các huyện, thành phố\nXây dựng kế hoạch") for a in districts)
    for assignment in ninh_thuan.ASSIGNMENTS:
        assert assignment["duties"].strip(), assignment["unit"]
        # Asked, not ordered: the Fatherland Front and the organisations (item 10, "Đề nghị"),
        # and the central agencies' branches.
        assert assignment["requested"] == (assignment["item"] == 10 or assignment["unit"] in ("NTH-BHXH",
                                                                                            "NTH-NHCSXH"))
    assert ninh_thuan.COORDINATING_UNIT == "NTH-SLDTBXH" and "NTH-SLDTBXH" in NT_ASSIGNED
    assert "Chủ trì hướng dẫn các sở, ngành liên quan và địa phương thực hiện hiệu quả Kế hoạch này." in (
        ninh_thuan.ASSIGNMENTS[0]["duties"])


def test_ninh_thuan_asks_a_sub_plan_and_the_six_month_and_annual_reports_in_order():
    assert set(ninh_thuan.DEADLINES) == {"subplan", "six_month", "annual"}
    days = [dt.date(2022, *ninh_thuan.DEADLINES[k]) for k in ("subplan", "six_month", "annual")]
    assert days == sorted(days) and days[1:] == [dt.date(2022, 6, 15), dt.date(2022, 12, 15)]
    assert dt.date(2022, *ninh_thuan.PLAN["issued_month_day"]) < days[0]  # asked after the plan is issued
    assert dt.date(2022, *ninh_thuan.PLAN["issued_month_day"]).month == 4  # "ngày tháng 4 năm 2022"
    plan = ninh_thuan.PLAN
    assert plan["title_template"].format(year=plan["year"], prev_year=plan["year"] - 1) == plan["title"]


def test_ninh_thuan_districts_add_up_to_the_plans_one_and_a_half_points():
    assert sorted(row["unit"] for row in ninh_thuan.TARGETS) == sorted(ninh_thuan.DISTRICTS)
    total = ninh_thuan.PROVINCE_TOTAL
    for key in ("households_start", "poor_start", "poor_reduction", "poor_end", "households_end"):
        assert nt_total(key) == total[key], key
    start = rate(nt_total("poor_start"), nt_total("households_start"))
    end = rate(nt_total("poor_end"), nt_total("households_end"))
    assert (start, end) == (total["poor_rate_start"], total["poor_rate_end"])
    assert start - end == Decimal("1.50") == total["poor_reduction_points"]  # "giảm ... đạt 1,5%"
    for row in ninh_thuan.TARGETS:
        assert row["poor_start"] - row["poor_reduction"] == row["poor_end"]
        assert rate(row["poor_start"], row["households_start"]) == row["poor_rate_start"], row["unit"]
        assert rate(row["poor_end"], row["households_end"]) == row["poor_rate_end"], row["unit"]
        assert row["households_end"] >= row["households_start"]


#: Every quantified target of the plan (II.1 and II.2), read off the seed's text by hand:
#: (indicator code, kind, direction, target, numerator, denominator).
PLAN_GOALS = [
    ("TL_CB_TH", "ratio", "at_least", 100, "CB_GN_TH", "CB_GN"),  # 100% cán bộ ... được bồi dưỡng, tập huấn
    ("TL_HN_BHYT", "ratio", "at_least", 100, "HN_BHYT", "poor"),  # 100% hộ nghèo tham gia BHYT
    ("TL_HCN_BHYT", "ratio", "at_least", 98, "HCN_BHYT", "near_poor"),  # từ 98% hộ cận nghèo trở lên
    ("TL_VKK_BHYT", "ratio", "at_least", 100, "VKK_BHYT", "VKK"),  # 100% đối tượng ... vùng khó khăn
    ("MH_GN", "count", "at_least", 10, None, None),  # ít nhất 10 mô hình giảm nghèo
    ("TL_LD_HT", "ratio", "at_least", 100, "LD_HT", "LD_NC"),  # 100% người lao động ... có nhu cầu
    ("TL_BHYT", "ratio", "at_least", 92, "DAN_SO_BHYT", "DAN_SO"),  # bao phủ BHYT toàn dân trên 92%
    ("TL_TE_KDC", "ratio", "at_most", Decimal("9.24"), "TE_HN_KDC", "TE_HN"),  # từ 11,24% xuống còn 9,24%
    ("NHA_HN", "count", "at_least", 200, None, None),  # từ 200 căn nhà trở lên
    ("TL_BTXH", "ratio", "at_least", 100, "BTXH_TH", "BTXH"),  # bảo đảm 100% các đối tượng ... bảo trợ xã hội
]


@pytest.mark.parametrize("goal", PLAN_GOALS, ids=lambda goal: goal[0])
def test_every_goal_of_the_plan_is_an_indicator_with_its_target_and_direction(goal):
    code, kind, direction, target, numerator, denominator = goal
    row = NT_INDICATORS[code]
    assert (row["kind"], row["direction"], row["target"]) == (kind, direction, Decimal(target))
    assert (row.get("numerator"), row.get("denominator")) == (numerator, denominator)
    if kind == "ratio":
        assert row["unit"] == "percent"


def test_the_plans_indicators_are_valid_definitions_in_order():
    """Each one passes the rules the plan's administrators meet, a ratio after its counts."""
    seen = []
    for row in ninh_thuan.INDICATORS:
        d = indicator_rules.Definition(row["code"], row["name"], MeasureUnit(row["unit"]), IndicatorKind(row["kind"]),
                                       Direction(row["direction"]), row.get("numerator"), row.get("denominator"),
                                       row["target"], row["required"])
        assert indicator_rules.check_definition(d, seen) == [], row["code"]
        for operand in d.operands:
            if operand not in indicator_rules.BUILTIN_CODES:
                assert operand in {s.code for s in seen}, (row["code"], operand)
                # whoever gives the ratio gives the counts it is computed from
                assert set(row["reporters"]) <= set(NT_INDICATORS[operand]["reporters"]), (row["code"], operand)
        assert row["reporters"] and set(row["reporters"]) <= set(NT_ASSIGNED), row["code"]
        seen.append(d)
    # Who reports what, as the plan gives the field: insurance of poor and near-poor
    # households from the districts, of the difficult areas from the health department.
    assert NT_INDICATORS["TL_HCN_BHYT"]["reporters"] == ninh_thuan.DISTRICTS
    assert NT_INDICATORS["TL_VKK_BHYT"]["reporters"] == ["NTH-SYT"]
    assert NT_INDICATORS["MH_GN"]["reporters"] == ["NTH-SLDTBXH", "NTH-SNNPTNT"]


def test_every_count_reported_has_the_demos_values_for_each_unit():
    for row in ninh_thuan.INDICATORS:
        if row["kind"] != "count":
            continue
        spec = ninh_thuan.INDICATOR_VALUES[row["code"]]
        if spec[0] == "per_unit":
            assert set(row["reporters"]) <= set(spec[1]), row["code"]
        else:
            _of, base, mid, end = spec
            assert base in indicator_rules.BUILTIN_CODES or set(row["reporters"]) <= set(
                NT_INDICATORS[base]["reporters"]), row["code"]
            assert end is not None and (mid is not None or not row["required"]), row["code"]
    for (unit, code), (share, why) in ninh_thuan.SHORTFALLS.items():
        assert unit in NT_INDICATORS[code]["reporters"] and why.strip(), (unit, code)


def test_ninh_thuan_budgets_and_cast_name_its_own_units():
    non_districts = set(NT_ASSIGNED) - set(ninh_thuan.DISTRICTS)
    assert set(ninh_thuan.DEPARTMENT_BUDGET) == non_districts  # without a budget line nothing is submitted
    assert set(ninh_thuan.PEOPLE) <= set(NT_UNITS) and ninh_thuan.POOR_DISTRICTS <= set(ninh_thuan.DISTRICTS)
    assert set(ninh_thuan.SHORT_OF_TARGET) <= set(ninh_thuan.DISTRICTS)
    assert any("reviewer" in roles for _local, _name, roles in ninh_thuan.PEOPLE[ninh_thuan.COORDINATING_UNIT])
