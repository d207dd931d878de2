"""The abbreviation in a document's number symbol and the signing title, from a body's name."""
import unicodedata

import pytest

from workflows.issuing import abbreviation, body_name, signing_title


@pytest.mark.parametrize("name, expected", [
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("Sở Y tế", "SYT"),
    ("Ban Dân tộc", "BDT"),
    ("Ban Dân tộc tỉnh", "BDT"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT"),
    ("Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Sở Thông tin và Truyền thông", "STTTT"),
    ("Ủy ban nhân dân", "UBND"),
    ("Ủy ban nhân dân tỉnh Đắk Nông", "UBND"),
    ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND"),
    ("Bảo hiểm xã hội tỉnh", "BHXH"),  # "xã hội" is not a commune
    ("Cục Thống kê tỉnh", "CTK"),
    ("Hội Nông dân tỉnh", "HND"),
    ("Phòng Lao động - Thương binh và Xã hội huyện Krông Nô", "PLĐTBXH"),
    ("Phòng Lao động - Thương binh và Xã hội Quận 1", "PLĐTBXH"),
    ("Sở Lao động - TB&XH", "SLĐTBXH"),  # a word in capitals stays whole
    ("Sở LĐTBXH (Cơ quan thường trực)", "SLĐTBXH"),
    ("Huyện Krông Nô", "UBND"),  # a territory issues through its People's Committee
    ("Thành phố Gia Nghĩa", "UBND"),
    ("Xã Quảng Sơn", "UBND"),
    ("Thị xã Buôn Hồ", "UBND"),
    ("  ", ""),
    ("123", ""),
])
def test_the_abbreviation_is_the_initials_with_vietnamese_letters(name, expected):
    assert abbreviation(name) == expected


def test_a_territory_is_its_peoples_committee_whatever_its_name():
    assert abbreviation("Krông Nô", territory=True) == "UBND"
    assert signing_title("Krông Nô", territory=True) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_a_name_typed_with_combining_marks_gives_the_same_abbreviation():
    # Windows-1258 (and some keyboards) write the tone marks as separate characters.
    decomposed = unicodedata.normalize("NFD", "Sở Lao động - Thương binh và Xã hội")
    assert abbreviation(decomposed) == "SLĐTBXH"


@pytest.mark.parametrize("name, title", [
    ("Sở Lao động - Thương binh và Xã hội", ["GIÁM ĐỐC"]),
    ("Phòng Lao động - Thương binh và Xã hội", ["TRƯỞNG PHÒNG"]),
    ("Ban Dân tộc", ["TRƯỞNG BAN"]),
    ("Cục Thống kê tỉnh", ["CỤC TRƯỞNG"]),
    ("Chi cục Phát triển nông thôn", ["CHI CỤC TRƯỞNG"]),
    ("Ủy ban nhân dân tỉnh Đắk Nông", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("Huyện Krông Nô", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("Hội Nông dân tỉnh", ["CHỦ TỊCH"]),
    ("Trung tâm Dịch vụ việc làm", ["THỦ TRƯỞNG ĐƠN VỊ"]),
])
def test_the_signing_title_follows_the_kind_of_body(name, title):
    assert signing_title(name) == title


@pytest.mark.parametrize("name, territory, expected", [
    ("Huyện Krông Nô", True, "Ủy ban nhân dân huyện Krông Nô"),
    ("Thành phố Gia Nghĩa", True, "Ủy ban nhân dân thành phố Gia Nghĩa"),
    ("Ủy ban nhân dân tỉnh Đắk Nông", True, "Ủy ban nhân dân tỉnh Đắk Nông"),
    ("Sở Y tế", False, "Sở Y tế"),
    ("  Sở  Y tế ", False, "Sở Y tế"),
])
def test_a_territory_issues_in_its_peoples_committees_name(name, territory, expected):
    assert body_name(name, territory) == expected
