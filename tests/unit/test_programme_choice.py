"""Which programme a plan belongs to: the one covering its year (workflows/programmes.py)."""
from dataclasses import dataclass

import pytest

from workflows.programmes import covering, default_programme, next_year_programme


@dataclass(frozen=True)
class P:
    id: int
    start_year: int
    end_year: int
    is_active: bool = True


QD90 = P(1, 2021, 2025)
NEXT = P(2, 2026, 2035)
PILOT = P(3, 2027, 2030)  # a narrower programme starting inside NEXT's years
RETIRED = P(4, 2021, 2030, is_active=False)


@pytest.mark.parametrize("year, expected", [
    (2021, QD90), (2025, QD90), (2026, NEXT), (2035, NEXT),
    (2028, PILOT),  # of two covering programmes, the latest to start
    (2020, None), (2036, None),
])
def test_the_programme_covering_a_year(year, expected):
    assert covering([QD90, NEXT, PILOT, RETIRED], year) == expected


def test_a_programme_no_longer_in_use_covers_nothing():
    assert covering([RETIRED], 2022) is None


@pytest.mark.parametrize("programmes, year, expected", [
    ([QD90, NEXT], 2026, NEXT),
    ([QD90], 2026, QD90),  # only the 2021–2025 one recorded: the nearest
    ([QD90], 2019, QD90),
    ([QD90, NEXT], 2040, NEXT),
    # Equally near: the one that has ended (its money is still reported) before one to come.
    ([P(5, 2010, 2014), P(6, 2016, 2020)], 2015, P(5, 2010, 2014)),
    ([RETIRED, QD90], 2027, QD90),  # in use first, even if farther
    ([RETIRED], 2027, RETIRED),  # nothing in use: better than nothing
    ([], 2026, None),
])
def test_a_new_plan_s_programme(programmes, year, expected):
    assert default_programme(programmes, year) == expected


@pytest.mark.parametrize("current, year, expected", [
    (NEXT, 2027, NEXT),  # still covers: kept, though PILOT starts later and covers too
    (QD90, 2026, NEXT),  # no longer covers: the covering one
    (QD90, 2024, QD90),
    (NEXT, 2036, NEXT),  # nothing covers: kept
    (RETIRED, 2026, NEXT),  # no longer in use: the covering one
])
def test_copy_to_next_year_keeps_a_covering_programme(current, year, expected):
    assert next_year_programme(current, [QD90, NEXT, PILOT, RETIRED], year) == expected
