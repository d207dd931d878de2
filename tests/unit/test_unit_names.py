"""Finding a unit by the name an appendix prints: abbreviations, diacritics, case and
spaces; the exact name first; ambiguity named, never guessed."""
import pytest

from workflows.unit_names import (
    AMBIGUOUS,
    UNKNOWN,
    UNKNOWN_IN_SCOPE,
    Ambiguous,
    Found,
    Matcher,
    Normalised,
    NotFound,
    UnitName,
    normalise,
    resolve_codes,
    without_cells,
)
from workflows.rows import RowError

CITY = [
    UnitName(1, "Ủy ban nhân dân tỉnh Đắk Nông", "province", "DNO"),
    UnitName(2, "Sở Lao động - Thương binh và Xã hội", "department", "SLDTBXH"),
    UnitName(3, "Huyện Krông Nô", "district", "KRONG-NO"),
    UnitName(4, "Thành phố Gia Nghĩa", "district", "GIA-NGHIA"),
    UnitName(5, "Phường Nguyễn Thị Minh Khai", "commune", "P-NTMK"),
    UnitName(6, "Xã Nam Đà", "commune", "XA-NAM-DA"),
    UnitName(7, "Thị trấn Đắk Mâm", "commune", "TT-DAK-MAM"),
    UnitName(8, "Thị xã Buôn Hồ", "district", "TX-BUON-HO"),
    UnitName(9, "Quận 1", "district", "Q1"),
    UnitName(10, "Phường 7", "commune", "P7"),
    UnitName(11, "Huyện Đắk R'Lấp", "district", "DAK-RLAP"),
    UnitName(12, "Văn phòng Ủy ban nhân dân tỉnh", "department", "VP-UBND"),
]


def found_id(result):
    assert isinstance(result, Found), result
    return result.unit.id


@pytest.mark.parametrize("printed, unit_id", [
    # the kind words as appendices abbreviate them
    ("P. Nguyễn Thị Minh Khai", 5),
    ("X. Nam Đà", 6),
    ("TT. Đắk Mâm", 7),
    ("TP. Gia Nghĩa", 4),
    ("Tp. Gia Nghĩa", 4),
    ("Tp Gia Nghĩa", 4),
    ("H. Krông Nô", 3),
    ("TX. Buôn Hồ", 8),
    ("Q.1", 9),
    ("Q. 01", 9),
    ("P.7", 10),
    ("Phường 07", 10),
    # the People's Committee that speaks for the unit
    ("UBND xã Nam Đà", 6),
    ("Ủy ban nhân dân xã Nam Đà", 6),
    ("Uỷ ban nhân dân huyện Krông Nô", 3),
    ("UBND tỉnh Đắk Nông", 1),
    ("Tỉnh Đắk Nông", 1),
    ("Văn phòng UBND tỉnh", 12),
    # diacritics, đ, case, spaces, punctuation
    ("xa nam da", 6),
    ("XÃ NAM ĐÀ", 6),
    ("HUYEN KRONG NO", 3),
    ("  Huyện   Krông  Nô ", 3),
    ("Phuong Nguyen Thi Minh Khai", 5),
    ("P. Nguyen Thi Minh Khai", 5),
    ("Huyện Đắk R’Lấp", 11),
    ("Huyện Đắk Rlấp", 11),
    ("Sở Lao động-Thương binh và Xã hội", 2),
    ("Huyện Krông\u00a0Nô", 3),
    # no kind word at all: the name alone, when only one unit bears it
    ("Nguyễn Thị Minh Khai", 5),
    ("Krông Nô", 3),
    ("Gia Nghia", 4),
    # the code, in any case
    ("krong-no", 3),
    (" XA-NAM-DA ", 6),
])
def test_a_name_as_printed_finds_its_unit(printed, unit_id):
    assert found_id(Matcher(CITY).match(printed)) == unit_id


@pytest.mark.parametrize("printed", [
    "Xã Krông Nô",          # the wrong kind word: a district is not a commune
    "P. Nam Đà",            # a commune named "Xã …" is not "Phường …"
    "H. Gia Nghĩa",         # a city is printed "TP.", not "H."
    "Huyện Lâm Hà",         # no such unit
    "Nam",                  # part of a name is not the name
    "Đắk",
    "",
    "   ",
    "X. Sở Lao động - Thương binh và Xã hội",  # a department takes no kind word
])
def test_what_fits_no_unit_is_not_found(printed):
    assert isinstance(Matcher(CITY).match(printed), NotFound)


def test_a_name_stored_without_kind_word_takes_those_of_its_kind():
    matcher = Matcher([UnitName(1, "Nam Đà", "commune"), UnitName(2, "Krông Nô", "district"),
                       UnitName(3, "Đắk Mil", None)])
    assert found_id(matcher.match("X. Nam Đà")) == 1
    assert found_id(matcher.match("Phường Nam Đà")) == 1  # a commune may be any of xã, phường, thị trấn
    assert isinstance(matcher.match("H. Nam Đà"), NotFound)
    assert found_id(matcher.match("Quận Krông Nô")) == 2
    assert isinstance(matcher.match("TT. Krông Nô"), NotFound)
    assert found_id(matcher.match("TT. Đắk Mil")) == 3  # kind unknown: any kind word


def test_two_units_that_read_alike_are_ambiguous_and_both_named():
    units = [UnitName(1, "Xã Đắk Sôr", "commune", "DAK-SOR"), UnitName(2, "Xã Dak Sor", "commune", "DAK-SOR-2")]
    result = Matcher(units).match("xa dak sor")
    assert isinstance(result, Ambiguous)
    assert {c.id for c in result.candidates} == {1, 2}
    assert "«Xã Đắk Sôr» (DAK-SOR)" in result.describe() and "«Xã Dak Sor» (DAK-SOR-2)" in result.describe()
    assert isinstance(Matcher(units).match("Đắk Sôr"), Ambiguous)


def test_the_exact_name_wins_over_a_normalised_one():
    units = [UnitName(1, "Xã Đắk Sôr", "commune", "A"), UnitName(2, "Xã Dak Sor", "commune", "B")]
    assert Matcher(units).match("Xã Đắk Sôr") == Found(units[0], is_exact=True)
    assert Matcher(units).match("Xã Dak Sor") == Found(units[1], is_exact=True)
    assert Matcher(units).match("X. Nam Đà") == NotFound()


def test_a_bare_name_between_a_ward_and_a_commune_is_ambiguous_but_the_kind_word_decides():
    units = [UnitName(1, "Phường Nghĩa Thành", "commune", "P-NT"), UnitName(2, "Xã Nghĩa Thành", "commune", "X-NT")]
    result = Matcher(units).match("Nghĩa Thành")
    assert isinstance(result, Ambiguous) and {c.name for c in result.candidates} == {u.name for u in units}
    assert found_id(Matcher(units).match("P. Nghĩa Thành")) == 1
    assert found_id(Matcher(units).match("X. Nghia Thanh")) == 2


def test_a_match_is_normalised_unless_exact():
    matcher = Matcher(CITY)
    assert matcher.match("Xã Nam Đà").is_exact and matcher.match("XA-NAM-DA").is_exact
    assert not matcher.match("X. Nam Đà").is_exact


def test_two_units_of_the_same_name_are_ambiguous_even_when_exact():
    units = [UnitName(1, "Xã Nam Đà", "commune", "NAM-DA-1"), UnitName(2, "Xã Nam Đà", "commune", "NAM-DA-2")]
    result = Matcher(units).match("Xã Nam Đà")
    assert isinstance(result, Ambiguous)
    assert result.describe() == "«Xã Nam Đà» (NAM-DA-1), «Xã Nam Đà» (NAM-DA-2)"
    assert found_id(Matcher(units).match("nam-da-2")) == 2  # the code settles it


def test_one_unit_known_by_two_names_is_not_ambiguous():
    # A units file renames a stored unit: the old and the new name are the same unit.
    units = [UnitName("H1", "Huyện Krông Nô", "district", "H1"), UnitName("H1", "Huyện Krông Nô mới", "district", "H1")]
    assert found_id(Matcher(units).match("Krông Nô")) == "H1"
    assert found_id(Matcher(units).match("Huyện Krông Nô mới")) == "H1"


def test_nothing_outside_the_units_given_is_ever_found():
    mine = [u for u in CITY if u.id != 6]
    assert isinstance(Matcher(mine).match("Xã Nam Đà"), NotFound)
    assert isinstance(Matcher(mine).match("XA-NAM-DA"), NotFound)


def test_an_error_names_at_most_a_few_candidates():
    units = [UnitName(i, f"Phường 1 quận {i}", "commune", f"P{i}") for i in range(10)]
    units += [UnitName(100 + i, "Phường 1", "commune", f"Q{i}-P1") for i in range(9)]
    result = Matcher(units).match("P. 1")
    assert isinstance(result, Ambiguous) and len(result.candidates) == 9
    assert result.describe().count("«") == 6 and result.describe().endswith(", …")


@pytest.mark.parametrize("text, expected", [
    ("P. Nguyễn Thị Minh Khai", Normalised("phuong", "nguyen thi minh khai")),
    ("Phường Nguyễn Thị Minh Khai", Normalised("phuong", "nguyen thi minh khai")),
    ("TP.Gia Nghĩa", Normalised("thanh pho", "gia nghia")),
    ("Thị xã Buôn Hồ", Normalised("thi xa", "buon ho")),
    ("TX Buôn Hồ", Normalised("thi xa", "buon ho")),
    ("UBND TT. Đắk Mâm", Normalised("thi tran", "dak mam")),
    ("Ủy ban nhân dân tỉnh", Normalised(None, "tinh")),
    ("Phường", Normalised(None, "phuong")),  # a kind word alone is the name
    ("Đắk R'Lấp", Normalised(None, "dak rlap")),
    ("Quận 01", Normalised("quan", "1")),
    ("Q10", Normalised("quan", "10")),
    ("Sở Lao động – Thương binh & Xã hội", Normalised(None, "so lao dong thuong binh xa hoi")),
    ("Hòa Bình", Normalised(None, "hoa binh")),  # "h" begins a word: no abbreviation
    ("Xuân Phú", Normalised(None, "xuan phu")),
    ("Phú Quý", Normalised(None, "phu quy")),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def rows(*cells):
    return [{"row": i, "unit_code": cell} for i, cell in enumerate(cells, start=2)]


def test_a_column_of_codes_takes_names_too():
    matcher = Matcher(CITY)
    table = rows("XA-NAM-DA", "X. Nam Đà", "h. krong no", "")
    errors = resolve_codes(table, "unit_code", matcher, codes={u.code for u in CITY} | {"ELSEWHERE"})
    assert errors == []
    assert [r["unit_code"] for r in table] == ["XA-NAM-DA", "XA-NAM-DA", "KRONG-NO", ""]
    assert table[1]["unit_code_raw"] == "X. Nam Đà"


def test_a_code_is_left_to_the_code_checks_even_outside_the_matcher():
    # A known code is judged by the checks of codes and scope (they say "not yours"), not here.
    table = rows("ELSEWHERE")
    assert resolve_codes(table, "unit_code", Matcher(CITY), codes={"elsewhere"}) == []
    assert table[0]["unit_code"] == "ELSEWHERE"


def test_a_column_of_codes_reports_names_that_fit_none_or_several():
    units = CITY + [UnitName(20, "Xã Nghĩa Thành", "commune", "X-NT"), UnitName(21, "Phường Nghĩa Thành", "commune", "P-NT")]
    table = rows("Huyện Lâm Hà", "Nghĩa Thành", "KHONG-CO")
    errors = resolve_codes(table, "unit_code", Matcher(units), codes={u.code for u in units})
    assert [(e.row, e.column, e.message) for e in errors] == [
        (2, "unit_code", UNKNOWN_IN_SCOPE), (3, "unit_code", AMBIGUOUS), (4, "unit_code", UNKNOWN_IN_SCOPE)]
    assert errors[1].params == {"unit": "Nghĩa Thành",
                                "candidates": "«Phường Nghĩa Thành» (P-NT), «Xã Nghĩa Thành» (X-NT)"}
    assert table[1]["unit_code"] == "Nghĩa Thành"  # left as typed
    unscoped = resolve_codes(rows("Huyện Lâm Hà"), "unit_code", Matcher(units), codes=set(), scoped=False)
    assert [e.message for e in unscoped] == [UNKNOWN]


def test_the_code_checks_say_nothing_more_about_a_cell_already_reported():
    reported = [RowError(3, "unit_code", AMBIGUOUS)]
    others = [RowError(3, "unit_code", "No unit has the code %(code)s."), RowError(3, "role", "Unknown role"),
              RowError(4, "unit_code", "No unit has the code %(code)s.")]
    assert without_cells(others, reported) == others[1:]
