"""Checks on figures: the Đắk Nông table passes, every kind of mistake is caught."""
from decimal import Decimal

import pytest

from workflows.checks import ERROR, WARNING, check_disbursed, check_rows_add_up, check_sum, check_target_row

# Đắk Nông 2023 (DOMAIN.md §3): poor end-2022, rate, reduction, poor end-2023, rate;
# total households derived so that the computed rates match the printed ones.
DAK_NONG = {
    "Huyện Krông Nô": (851, "4.32", 180, 671, "3.41"),
    "Huyện Cư Jút": (1183, "5.33", 480, 703, "3.17"),
    "Huyện Đắk Mil": (601, "2.15", 170, 431, "1.54"),
    "Huyện Đắk Song": (833, "4.07", 200, 633, "3.09"),
    "Huyện Đắk R'Lấp": (590, "2.45", 170, 420, "1.74"),
    "Huyện Đắk Glong": (4545, "25.68", 2110, 2435, "13.68"),
    "Huyện Tuy Đức": (4624, "30.78", 1650, 2974, "19.50"),
    "Thành phố Gia Nghĩa": (115, "0.57", 30, 85, "0.41"),
}


def test_every_row_of_the_real_table_passes():
    from app.demo.dak_nong import TARGETS

    for row in TARGETS:
        if row["unit"] == "TOTAL":
            continue
        assert check_target_row(row) == [], row["unit"]


def test_the_real_rows_add_up_to_the_province():
    rows = [{"poor_start": s, "poor_reduction": r, "poor_end": e} for s, _, r, e, _ in DAK_NONG.values()]
    total = {"poor_start": 13342, "poor_reduction": 4990, "poor_end": 8352}
    assert check_rows_add_up(total, rows) == []
    wrong = check_rows_add_up({**total, "poor_end": 8353}, rows)
    assert [(f.code, f.params["sum"]) for f in wrong] == [("poor_end_sum", 8352)]


def test_poor_over_total_is_an_error():
    [finding] = check_target_row({"households_start": 100, "poor_start": 120})
    assert (finding.severity, finding.code, finding.field) == (ERROR, "poor_start_over_total", "poor_start")


def test_a_typed_rate_is_tolerated_within_rounding_only():
    row = {"households_start": 19699, "poor_start": 851}  # 4,3200...%
    assert check_target_row({**row, "poor_rate_start": Decimal("4.32")}) == []
    assert check_target_row({**row, "poor_rate_start": Decimal("4.33")}) == []  # 0,01: rounding
    [finding] = check_target_row({**row, "poor_rate_start": Decimal("4.35")})
    assert finding.severity == WARNING and finding.params["computed"] == Decimal("4.32")


def test_start_minus_reduction_must_be_the_end():
    [finding] = check_target_row({"poor_start": 851, "poor_reduction": 180, "poor_end": 670})
    assert finding.code == "poor_end_not_start_minus_reduction" and finding.params["expected"] == 671


def test_parts_and_disbursement():
    assert check_sum(100, [60, 40], "total", "Sources") == []
    assert check_sum(100, [60, 30, None], "total", "Sources")[0].params == {"what": "Sources", "sum": 90, "total": 100}
    assert check_disbursed(Decimal("10.5"), Decimal("10.5"), "disbursed") == []
    assert check_disbursed(Decimal("10.5"), Decimal("11"), "disbursed")[0].is_error


@pytest.mark.parametrize("row", [{}, {"poor_start": 5}, {"households_start": 0, "poor_rate_start": Decimal("1")}])
def test_missing_figures_are_not_findings(row):
    assert check_target_row(row) == []


def test_a_household_is_poor_or_near_poor_not_both():
    row = {"households_start": 1000, "poor_start": 600, "near_poor_start": 500, "households_end": 1000,
           "poor_end": 500, "near_poor_end": 400, "poor_reduction": 100, "near_poor_reduction": 100}
    [finding] = check_target_row(row)
    assert (finding.code, finding.field, finding.params) == ("poor_and_near_poor_over_total", "near_poor_start",
                                                             {"part": 1100, "total": 1000})
    # Each over the total alone is said once, by its own check.
    [alone] = check_target_row({**row, "near_poor_start": 1200, "near_poor_reduction": 800})
    assert alone.code == "near_poor_start_over_total"
