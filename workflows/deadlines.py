"""Deadline calculus: default due dates, the periods reports cover, days left.

Dates are ``datetime.date`` in Vietnam's calendar; "now" is always passed in.
"""
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

from .enums import DeliverableKind

#: The defaults every plan repeats (Đắk Nông 2023, VI.15): sub-plan before 31/3,
#: six-month report before 15/6, annual report before 15/12.
DEFAULT_DUE = {
    DeliverableKind.SUBPLAN: (3, 31),
    DeliverableKind.SIX_MONTH: (6, 15),
    DeliverableKind.ANNUAL: (12, 15),
}


def default_due_on(kind, year):
    """Return the default due date of a periodic deliverable in ``year``."""
    month, day = DEFAULT_DUE[DeliverableKind(kind)]
    return dt.date(year, month, day)


@lru_cache(maxsize=64)
def _vn_holidays(year):
    return holidays.country_holidays("VN", years=year)


def is_working_day(day):
    """Weekdays that are not Vietnamese public holidays (Tết included)."""
    return day.weekday() < 5 and day not in _vn_holidays(day.year)


def previous_working_day(day):
    """The last working day strictly before ``day``."""
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class Period:
    start_on: dt.date
    end_on: dt.date


#: Decree 09/2019/NĐ-CP, art. 12 (thời gian chốt số liệu): a periodic report's period
#: ends on a fixed day, whatever the plan's deadline, as (month, day).
STATUTORY_CUTOFF = {
    DeliverableKind.SIX_MONTH: (6, 14),
    DeliverableKind.ANNUAL: (12, 14),
}


def statutory_cutoff(kind, year):
    """The last day a six-month or annual report of ``year`` covers (None for other kinds)."""
    month_day = STATUTORY_CUTOFF.get(DeliverableKind(kind))
    return dt.date(year, *month_day) if month_day else None


def covered_period(kind, year, due_on=None):
    """The period a deliverable covers (Decree 09/2019/NĐ-CP, thời gian chốt số liệu).

    A sub-plan covers the calendar year. A six-month report covers 15/12 of the
    previous year to 14/6, an annual report 15/12 of the previous year to 14/12: the
    statutory cut-off, even when it falls on a weekend or the plan's deadline leaves
    no working day after it (the plan form warns then, see ``deadline_too_close``).
    An ad-hoc report, unless its period is chosen, covers the year up to the working
    day before it is due.
    """
    kind = DeliverableKind(kind)
    if kind is DeliverableKind.SUBPLAN:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if kind is DeliverableKind.ADHOC:
        end = previous_working_day(due_on)
        start = dt.date(year, 1, 1)
        return Period(min(start, end), end)
    return Period(dt.date(year - 1, 12, 15), statutory_cutoff(kind, year))


def corrected_period(kind, year, start_on, end_on):
    """The period a stored deliverable should cover, for correcting rows dated by older rules.

    Sub-plans and periodic reports get the statutory period of their plan's ``year``;
    an ad-hoc report keeps the period it was asked for (``start_on``, ``end_on``).
    """
    if DeliverableKind(kind) is DeliverableKind.ADHOC:
        return Period(start_on, end_on)
    return covered_period(kind, year)


def working_days_after_cutoff(kind, year, due_on):
    """Working days from the day after the cut-off to the due date, both included
    (None for a deliverable without a statutory cut-off)."""
    cutoff = statutory_cutoff(kind, year)
    if cutoff is None or due_on is None:
        return None
    days, day = 0, cutoff + dt.timedelta(days=1)
    while day <= due_on:
        days += is_working_day(day)
        day += dt.timedelta(days=1)
    return days


def deadline_too_close(kind, year, due_on):
    """Whether the due date leaves less than one working day after the statutory cut-off
    (Decree 09/2019/NĐ-CP asks for at least one between the cut-off and the deadline)."""
    days = working_days_after_cutoff(kind, year, due_on)
    return days is not None and days < 1


def days_left(due_on, today):
    """Whole days from ``today`` to ``due_on``: 0 on the day, negative when overdue."""
    return (due_on - today).days
