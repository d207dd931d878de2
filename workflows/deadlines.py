"""Deadline calculus: default due dates, the periods reports cover, days left.

Dates are ``datetime.date`` in Vietnam's calendar; "now" is always passed in.
"""
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays

from .enums import DeliverableKind

#: The defaults every plan repeats (Đắk Nông 2023, VI.15): sub-plan before 31/3,
#: six-month report before 15/6, annual report before 15/12; and for the kinds a plan
#: may add: a quarter's report on the 20th of its last month, the Q3 review on 30/9, the
#: five-year review on 31/10 of the plan's (the period's last) year. As (month, day) by
#: (kind, occurrence); every plan may move them.
DEFAULT_DUE = {
    (DeliverableKind.SUBPLAN, 1): (3, 31),
    (DeliverableKind.QUARTERLY, 1): (3, 20),
    (DeliverableKind.QUARTERLY, 2): (6, 20),
    (DeliverableKind.QUARTERLY, 3): (9, 20),
    (DeliverableKind.QUARTERLY, 4): (12, 20),
    (DeliverableKind.SIX_MONTH, 1): (6, 15),
    (DeliverableKind.NINE_MONTH, 1): (9, 30),
    (DeliverableKind.ANNUAL, 1): (12, 15),
    (DeliverableKind.FIVE_YEAR, 1): (10, 31),
}


def default_due_on(kind, year, occurrence=1):
    """Return the default due date of a scheduled deliverable in ``year``."""
    month, day = DEFAULT_DUE[(DeliverableKind(kind), occurrence)]
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
#: ends on the 14th of its last month, whatever the plan's deadline, and starts on the
#: 15th of the month before its first: (kind, occurrence) → month of the cut-off.
CUTOFF_MONTH = {
    (DeliverableKind.QUARTERLY, 1): 3,
    (DeliverableKind.QUARTERLY, 2): 6,
    (DeliverableKind.QUARTERLY, 3): 9,
    (DeliverableKind.QUARTERLY, 4): 12,
    (DeliverableKind.SIX_MONTH, 1): 6,
    (DeliverableKind.NINE_MONTH, 1): 9,
    (DeliverableKind.ANNUAL, 1): 12,
    (DeliverableKind.FIVE_YEAR, 1): 9,
}
#: Years a five-year review looks back over, the plan's year included.
FIVE_YEARS = 5


def statutory_cutoff(kind, year, occurrence=1):
    """The last day a periodic report of ``year`` covers (None for a sub-plan or an ad-hoc report)."""
    month = CUTOFF_MONTH.get((DeliverableKind(kind), occurrence))
    return dt.date(year, month, 14) if month else None


def covered_period(kind, year, due_on=None, occurrence=1):
    """The period a deliverable covers (Decree 09/2019/NĐ-CP, thời gian chốt số liệu).

    A sub-plan covers the calendar year. A periodic report covers the 15th of the month
    before its period to the 14th of its last month: a six-month report 15/12 of the
    previous year to 14/6, an annual one to 14/12, the Q3 review to 14/9, a quarter's
    report its three months (the first from 15/12); the five-year review the five years
    up to 14/9 of the plan's year. The statutory cut-off holds even when it falls on a
    weekend or the deadline leaves no working day after it (the plan form warns then,
    see ``deadline_too_close``). An ad-hoc report, unless its period is chosen, covers
    the year up to the working day before it is due.
    """
    kind = DeliverableKind(kind)
    if kind is DeliverableKind.SUBPLAN:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if kind is DeliverableKind.ADHOC:
        end = previous_working_day(due_on)
        start = dt.date(year, 1, 1)
        return Period(min(start, end), end)
    end = statutory_cutoff(kind, year, occurrence)
    if kind is DeliverableKind.QUARTERLY and occurrence > 1:
        return Period(dt.date(year, end.month - 3, 15), end)
    first_year = year - (FIVE_YEARS - 1) if kind is DeliverableKind.FIVE_YEAR else year
    return Period(dt.date(first_year - 1, 12, 15), end)


def corrected_period(kind, year, start_on, end_on, occurrence=1):
    """The period a stored deliverable should cover, for correcting rows dated by older rules.

    Sub-plans and periodic reports get the statutory period of their plan's ``year``;
    an ad-hoc report keeps the period it was asked for (``start_on``, ``end_on``).
    """
    if DeliverableKind(kind) is DeliverableKind.ADHOC:
        return Period(start_on, end_on)
    return covered_period(kind, year, occurrence=occurrence)


def working_days_after_cutoff(kind, year, due_on, occurrence=1):
    """Working days from the day after the cut-off to the due date, both included
    (None for a deliverable without a statutory cut-off)."""
    cutoff = statutory_cutoff(kind, year, occurrence)
    if cutoff is None or due_on is None:
        return None
    days, day = 0, cutoff + dt.timedelta(days=1)
    while day <= due_on:
        days += is_working_day(day)
        day += dt.timedelta(days=1)
    return days


def deadline_too_close(kind, year, due_on, occurrence=1):
    """Whether the due date leaves less than one working day after the statutory cut-off
    (Decree 09/2019/NĐ-CP asks for at least one between the cut-off and the deadline)."""
    days = working_days_after_cutoff(kind, year, due_on, occurrence)
    return days is not None and days < 1


def days_left(due_on, today):
    """Whole days from ``today`` to ``due_on``: 0 on the day, negative when overdue."""
    return (due_on - today).days
