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


def covered_period(kind, year, due_on):
    """The period a deliverable covers (Decree 09/2019/NĐ-CP, thời gian chốt số liệu).

    A sub-plan covers the calendar year. A six-month report covers 15/12 of the
    previous year to 14/6, an annual report 15/12 of the previous year to 14/12;
    when a plan sets an earlier deadline, the cut-off moves back so that at least
    one working day separates it from the deadline.
    """
    kind = DeliverableKind(kind)
    if kind is DeliverableKind.SUBPLAN:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    start = dt.date(year - 1, 12, 15)
    if kind is DeliverableKind.ADHOC:
        start = dt.date(year, 1, 1)
    if kind is DeliverableKind.SIX_MONTH:
        cutoff = dt.date(year, 6, 14)
    elif kind is DeliverableKind.ANNUAL:
        cutoff = dt.date(year, 12, 14)
    else:  # ad hoc: from the start of the year to the working day before it is due
        cutoff = due_on
    latest = previous_working_day(due_on) if due_on is not None else cutoff
    end = min(cutoff, latest)
    return Period(min(start, end), end)


def days_left(due_on, today):
    """Whole days from ``today`` to ``due_on``: 0 on the day, negative when overdue."""
    return (due_on - today).days
