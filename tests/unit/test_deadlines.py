"""Deadline calculus: defaults, periods covered (Decree 09/2019), working days."""
import datetime as dt

import pytest

from workflows.deadlines import (corrected_period, covered_period, days_left, deadline_too_close, default_due_on,
                                 is_working_day, previous_working_day, working_days_after_cutoff)
from workflows.enums import DeliverableKind as K


def test_defaults_are_31_3_15_6_15_12():
    assert default_due_on(K.SUBPLAN, 2026) == dt.date(2026, 3, 31)
    assert default_due_on(K.SIX_MONTH, 2026) == dt.date(2026, 6, 15)
    assert default_due_on(K.ANNUAL, 2026) == dt.date(2026, 12, 15)


@pytest.mark.parametrize(("kind", "due", "start", "end"), [
    (K.SUBPLAN, dt.date(2026, 3, 31), dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    # The statutory cut-off stands even on a Sunday (14/6/2026): not moved to Friday 12/6.
    (K.SIX_MONTH, dt.date(2026, 6, 15), dt.date(2025, 12, 15), dt.date(2026, 6, 14)),
    (K.ANNUAL, dt.date(2026, 12, 15), dt.date(2025, 12, 15), dt.date(2026, 12, 14)),
    # An earlier deadline does not move it either (the plan form warns instead).
    (K.SIX_MONTH, dt.date(2026, 6, 10), dt.date(2025, 12, 15), dt.date(2026, 6, 14)),
    (K.ANNUAL, dt.date(2026, 12, 10), dt.date(2025, 12, 15), dt.date(2026, 12, 14)),
    # An ad-hoc report asked without a period: the year up to the working day before it is due.
    (K.ADHOC, dt.date(2026, 9, 7), dt.date(2026, 1, 1), dt.date(2026, 9, 4)),
])
def test_periods_covered(kind, due, start, end):
    period = covered_period(kind, 2026, due)
    assert (period.start_on, period.end_on) == (start, end)


@pytest.mark.parametrize(("kind", "due", "working_days", "too_close"), [
    (K.SIX_MONTH, dt.date(2026, 6, 15), 1, False),  # cut-off Sun 14/6, due Mon 15/6: the Monday
    (K.ANNUAL, dt.date(2026, 12, 15), 1, False),  # cut-off Mon 14/12, due Tue 15/12
    (K.SIX_MONTH, dt.date(2024, 6, 15), 0, True),  # cut-off Fri 14/6/2024, due Sat 15/6: none left
    (K.SIX_MONTH, dt.date(2024, 6, 17), 1, False),  # ... due Monday 17/6 instead
    (K.SIX_MONTH, dt.date(2025, 6, 16), 1, False),  # cut-off Sat 14/6/2025: Monday 16/6 is the one
    (K.SIX_MONTH, dt.date(2026, 6, 14), 0, True),  # due on the cut-off itself
    (K.SIX_MONTH, dt.date(2026, 6, 10), 0, True),  # due before the period ends
    (K.ANNUAL, dt.date(2026, 12, 18), 4, False),
    (K.SUBPLAN, dt.date(2026, 1, 5), None, False),  # a sub-plan has no cut-off
])
def test_a_deadline_must_leave_a_working_day_after_the_cut_off(kind, due, working_days, too_close):
    assert working_days_after_cutoff(kind, due.year, due) == working_days
    assert deadline_too_close(kind, due.year, due) is too_close


@pytest.mark.parametrize(("kind", "stored", "corrected"), [
    # Rows dated by the old rule (cut-off moved back to the Friday) get the statutory one.
    ("six_month", (dt.date(2025, 12, 15), dt.date(2026, 6, 12)), (dt.date(2025, 12, 15), dt.date(2026, 6, 14))),
    ("annual", (dt.date(2025, 12, 15), dt.date(2026, 12, 9)), (dt.date(2025, 12, 15), dt.date(2026, 12, 14))),
    ("subplan", (dt.date(2026, 1, 1), dt.date(2026, 12, 31)), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    # An ad-hoc report keeps the period it was asked for.
    ("adhoc", (dt.date(2026, 1, 1), dt.date(2026, 8, 31)), (dt.date(2026, 1, 1), dt.date(2026, 8, 31))),
])
def test_corrected_period_recomputes_stored_rows(kind, stored, corrected):
    period = corrected_period(kind, 2026, *stored)
    assert (period.start_on, period.end_on) == corrected


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
