"""The Đắk Nông demo data is internally consistent and loads into the unit model."""
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from app.demo import dak_nong
from workflows.enums import UnitKind

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
