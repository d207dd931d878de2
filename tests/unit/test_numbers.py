from decimal import Decimal

import pytest

from workflows.numbers import NumberFormatError, parse_count, rate


@pytest.mark.parametrize(("text", "value"), [
    ("13.342", 13342), ("13342", 13342), ("13 342", 13342), (" 1.234.567 ", 1234567), ("0", 0), ("851", 851),
])
def test_counts_read_the_vietnamese_way(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["", "-5", "7,97", "13.34", "1.2345", "abc", "1e3", "١٢٣", "13..342", ".342"])
def test_bad_counts_are_refused(text):
    with pytest.raises(NumberFormatError):
        parse_count(text)


def test_rate_from_counts_rounds_half_up():
    assert rate(13342, 167383) == Decimal("7.97")
    assert rate(1, 8) == Decimal("12.50")
    assert rate(1, 0) is None and rate(None, 5) is None
