"""Reading a plan's target table: the Đắk Nông appendix, and every kind of bad row."""
from decimal import Decimal

import pytest

from workflows.targets import parse_rate, read_target_table
from workflows.unit_names import UnitName

UNITS = [UnitName(i, name, "district", code) for i, (code, name) in enumerate([
    ("KRONG-NO", "Huyện Krông Nô"), ("CU-JUT", "Huyện Cư Jút"), ("DAK-MIL", "Huyện Đắk Mil"),
    ("DAK-SONG", "Huyện Đắk Song"), ("DAK-RLAP", "Huyện Đắk R'Lấp"), ("DAK-GLONG", "Huyện Đắk Glong"),
    ("TUY-DUC", "Huyện Tuy Đức"), ("GIA-NGHIA", "Thành phố Gia Nghĩa")], start=1)]

# As printed in the plan (DOMAIN.md §3), with the total households the demo derives.
PRINTED = [
    ("Huyện Krông Nô", "19.680", "851", "4,32", "180", "1", "3,41", "19.690"),
    ("Huyện Cư Jút", "22.180", "1.183", "5,33", "480", "2,2", "3,17", "22.200"),
    ("Huyện Đắk Mil", "27.950", "601", "2,15", "170", "0,6", "1,54", "27.990"),
    ("huyen dak song", "20.470", "833", "4,07", "200", "1", "3,09", "20.490"),  # typed without diacritics
    ("DAK-RLAP", "24.080", "590", "2,45", "170", "0,7", "1,74", "24.140"),  # by code
    ("Huyện Đắk Glong", "17.700", "4.545", "25,68", "2.110", "12", "13,68", "17.800"),
    ("Huyện Tuy Đức", "15.023", "4.624", "30,78", "1.650", "11,3", "19,50", "15.250"),
    ("Thành phố Gia Nghĩa", "20.300", "115", "0,57", "30", "0,2", "0,41", "20.600"),
    ("Tổng cộng", "167.383", "13.342", "7,97", "4.990", "3", "4,97", "168.160"),
]
KEYS = ("unit", "households_start", "poor_start", "poor_rate_start", "poor_reduction", "poor_reduction_points",
        "poor_rate_end", "households_end")


def rows(printed=PRINTED):
    return [{"row": i, **dict(zip(KEYS, values, strict=True))} for i, values in enumerate(printed, start=2)]


def test_the_dak_nong_appendix_reads_clean_and_adds_up():
    table = read_target_table(rows(), UNITS)
    assert table.errors == [] and table.warnings == []
    assert [unit for unit, _f in table.rows] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert sum(f["poor_start"] for _u, f in table.rows) == 13342
    assert sum(f["poor_reduction"] for _u, f in table.rows) == 4990
    assert sum(f["poor_end"] for _u, f in table.rows) == 8352
    assert table.total["poor_end"] == 8352


def change(index, column, value):
    printed = [list(r) for r in PRINTED]
    printed[index][KEYS.index(column)] = value
    return rows([tuple(r) for r in printed])


@pytest.mark.parametrize("index, column, value, message", [
    (0, "unit", "Huyện Lâm Hà", "is not a unit of this plan"),
    (1, "unit", "Huyện Krông Nô", "already on row"),
    (0, "poor_start", "851,5", "not a whole number"),
    (0, "poor_rate_start", "bốn phẩy ba", "not a rate"),
    (0, "poor_start", "", "required"),
    (0, "poor_start", "20.000", "exceed the total households"),
    (0, "poor_reduction", "900", "larger than the poor households"),
    (8, "poor_start", "13.343", "add up to"),
])
def test_each_bad_row_is_an_error_with_its_row_and_column(index, column, value, message):
    table = read_target_table(change(index, column, value), UNITS)
    assert not table.ok
    assert {e.row for e in table.errors} == {index + 2}  # only the row at fault
    assert any(e.column == column and message in e.message for e in table.errors), table.errors


def test_a_rate_off_by_more_than_rounding_is_a_warning_not_an_error():
    table = read_target_table(change(0, "poor_rate_start", "4,52"), UNITS)
    assert table.ok
    [warning] = table.warnings
    assert (warning.row, warning.column, warning.params["computed"]) == (2, "poor_rate_start", Decimal("4.32"))


@pytest.mark.parametrize("text, value", [("7,97", "7.97"), ("7.97", "7.97"), ("7,97%", "7.97"), ("1", "1")])
def test_rates_read_the_vietnamese_way(text, value):
    assert parse_rate(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "-1", "101", "7,975"])
def test_bad_rates(text):
    with pytest.raises(ValueError):
        parse_rate(text)


def test_an_appendix_printing_names_its_own_way_reads_clean():
    printed = [list(r) for r in PRINTED]
    for index, name in ((0, "H. Krông Nô"), (1, "HUYEN CU JUT"), (2, "UBND huyện Đắk Mil"), (7, "TP. Gia Nghĩa")):
        printed[index][0] = name
    table = read_target_table(rows([tuple(r) for r in printed]), UNITS)
    assert table.errors == []
    assert [unit for unit, _f in table.rows] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_a_name_two_units_fit_is_an_error_naming_both():
    units = UNITS + [UnitName(9, "Thị xã Krông Nô", "district", "TX-KRONG-NO")]
    table = read_target_table(change(0, "unit", "Krông Nô"), units)
    [error] = table.errors
    assert (error.row, error.column) == (2, "unit") and "could be" in error.message
    assert error.params["candidates"] == "«Huyện Krông Nô» (KRONG-NO), «Thị xã Krông Nô» (TX-KRONG-NO)"
    assert read_target_table(change(0, "unit", "H. Krông Nô"), units).ok  # the kind word settles it


# --- near-poor households ------------------------------------------------------------------

NEAR_KEYS = ("near_poor_start", "near_poor_rate_start", "near_poor_end", "near_poor_reduction_points",
             "near_poor_rate_end")
NEAR = [("1.020", "5,18", "950", "0,36", "4,82"), ("1.310", "5,91", "1.250", "0,28", "5,63")]


def near_rows(near=NEAR, total=("2.330", "5,56", "2.200", "0,31", "5,25")):
    """Krông Nô, Cư Jút and their total, near-poor columns beside the poor ones."""
    poor = [PRINTED[0], PRINTED[1], ("Tổng cộng", "41.860", "2.034", "4,86", "660", "1,57", "3,28", "41.890")]
    return [{"row": i, **dict(zip(KEYS, p, strict=True)), **dict(zip(NEAR_KEYS, n, strict=True))}
            for i, (p, n) in enumerate(zip(poor, [*near, total], strict=True), start=2)]


def test_near_poor_households_read_beside_the_poor_ones():
    table = read_target_table(near_rows(), UNITS)
    assert table.errors == [] and table.warnings == []
    krong_no = dict(table.rows)[1]
    assert (krong_no["near_poor_start"], krong_no["near_poor_end"], krong_no["near_poor_reduction"]) == (1020, 950, 70)
    assert krong_no["near_poor_rate_start"] == Decimal("5.18")


def test_near_poor_households_may_grow():
    grown = [("1.020", "5,18", "1.100", "−0,41", "5,59"), NEAR[1]]
    table = read_target_table(near_rows(grown, ("2.330", "5,56", "2.350", "-0,05", "5,61")), UNITS)
    assert table.errors == [] and table.warnings == []
    assert dict(table.rows)[1]["near_poor_reduction"] == -80


@pytest.mark.parametrize("near, column, message", [
    (("1.020", "", "", "", ""), "near_poor_end", "Give the near-poor households both"),
    (("", "", "950", "", ""), "near_poor_start", "Give the near-poor households both"),
    (("", "5,18", "", "", ""), "near_poor_rate_start", "A near-poor rate needs"),
    (("19.000", "", "950", "", ""), "near_poor_start", "Poor and near-poor households together"),
    (("1.020", "", "-950", "", ""), "near_poor_end", "is not a whole number"),
    (("1.020", "", "950", "-0,36", ""), "near_poor_reduction_points", None),  # a sign is fine: a warning at most
])
def test_bad_near_poor_figures(near, column, message):
    table = read_target_table(near_rows([near, NEAR[1]], ("", "", "", "", "")), UNITS)
    found = [e for e in table.errors if e.row == 2 and e.column == column]
    if message is None:
        assert table.errors == [] and [w.column for w in table.warnings] == [column]
    else:
        assert found and message in found[0].message, table.errors


def test_the_near_poor_total_must_add_up():
    table = read_target_table(near_rows(total=("2.300", "", "2.200", "", "")), UNITS)
    [error] = table.errors
    assert (error.row, error.column, error.params) == (4, "near_poor_start", {"sum": 2330, "total": 2300})
