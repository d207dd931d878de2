"""Deadline calculus: defaults, periods covered (Decree 09/2019), working days."""
import datetime as dt

import pytest

from workflows.deadlines import covered_period, days_left, default_due_on, is_working_day, previous_working_day
from workflows.enums import DeliverableKind as K


def test_defaults_are_31_3_15_6_15_12():
    assert default_due_on(K.SUBPLAN, 2026) == dt.date(2026, 3, 31)
    assert default_due_on(K.SIX_MONTH, 2026) == dt.date(2026, 6, 15)
    assert default_due_on(K.ANNUAL, 2026) == dt.date(2026, 12, 15)


@pytest.mark.parametrize(("kind", "due", "start", "end"), [
    (K.SUBPLAN, dt.date(2026, 3, 31), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    (K.SIX_MONTH, dt.date(2026, 6, 15), dt.date(2025, 12, 15), dt.date(2026, 6, 12)),  # 13-14/6 is a weekend
    (K.ANNUAL, dt.date(2026, 12, 15), dt.date(2025, 12, 15), dt.date(2026, 12, 14)),
    # An earlier deadline pulls the cut-off back to the working day before it.
    (K.SIX_MONTH, dt.date(2026, 6, 10), dt.date(2025, 12, 15), dt.date(2026, 6, 9)),
    (K.ANNUAL, dt.date(2026, 12, 10), dt.date(2025, 12, 15), dt.date(2026, 12, 9)),
])
def test_periods_covered(kind, due, start, end):
    period = covered_period(kind, 2026, due)
    assert (period.start_on, period.end_on) == (start, end)


def test_tet_and_weekends_are_not_working_days():
    assert not is_working_day(dt.date(2026, 2, 17))  # Tết Nguyên Đán 2026
    assert not is_working_day(dt.date(2026, 11, 21))  # a Saturday
    assert is_working_day(dt.date(2026, 11, 23))
    assert not is_working_day(dt.date(2026, 9, 2))  # National Day
    # The working day before Tết's first working day back falls well before Tết.
    assert previous_working_day(dt.date(2026, 2, 23)) < dt.date(2026, 2, 14)


def test_days_left_counts_calendar_days():
    assert days_left(dt.date(2026, 6, 15), dt.date(2026, 6, 10)) == 5
    assert days_left(dt.date(2026, 6, 15), dt.date(2026, 6, 15)) == 0
    assert days_left(dt.date(2026, 6, 15), dt.date(2026, 6, 18)) == -3
