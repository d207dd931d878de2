"""Reminder calculus: which reminders a deliverable gets, on which day, and what to do
with one whose moment has passed. Pure functions; "now" is always passed in.

A reminder is identified by (deliverable, kind, nominal day): the day the policy names
("3 days before 15/6" = 12/6). It is *sent* on that day, or on the previous working
day when that day is a weekend or a public holiday; the identity does not move, so a
shift never makes a second reminder. The scheduler stores that key under a unique
constraint; everything here only decides.
"""
import datetime as dt
from dataclasses import dataclass

from .deadlines import is_working_day
from .enums import Verdict

#: The earliest reminder a policy may ask for, in days before the due date; bounds the
#: window the sweep looks at.
MAX_DAYS_BEFORE = 30
#: Missed reminders older than this are not even recorded as skipped (a unit's
#: deliverable from years ago does not fill the ledger at the first sweep).
LOOKBACK_DAYS = 35

#: A longer grace would send week-old reminders after an outage.
MAX_GRACE_DAYS = 7

BEFORE = "before"  #: n days before the due date (n = 0: on the due date)
OVERDUE = "overdue"  #: after the due date, first the day after, then weekly


@dataclass(frozen=True)
class ReminderPolicy:
    """A plan's reminder policy; the defaults are the product's."""

    days_before: tuple = (7, 3, 1, 0)
    first_overdue_after: int = 1  #: days after the due date
    overdue_every: int = 7  #: then every so many days while still overdue
    send_hour: int = 8  #: local hour, Asia/Ho_Chi_Minh
    grace_days: int = 2  #: after downtime, still send what was missed by less than this
    escalate_overdue: bool = True  #: copy the unit head and the reviewers from the first overdue notice

    def __post_init__(self):
        if not self.days_before:
            raise ValueError("at least one reminder before the due date")
        if any(d < 0 or d > MAX_DAYS_BEFORE for d in self.days_before) or len(set(self.days_before)) != len(self.days_before):
            raise ValueError(f"days_before must be distinct numbers of days from 0 to {MAX_DAYS_BEFORE}")
        if self.first_overdue_after < 1 or self.overdue_every < 1:
            raise ValueError("overdue notices start at least a day after the due date and repeat at least daily")
        if self.first_overdue_after > MAX_DAYS_BEFORE or self.overdue_every > MAX_DAYS_BEFORE:
            raise ValueError(f"overdue notices start and repeat within {MAX_DAYS_BEFORE} days")
        if not 0 <= self.send_hour <= 23 or not 0 <= self.grace_days <= MAX_GRACE_DAYS:
            raise ValueError(f"send_hour must be 0-23 and grace_days 0-{MAX_GRACE_DAYS}")


@dataclass(frozen=True)
class Reminder:
    kind: str  #: BEFORE or OVERDUE
    offset: int  #: days before (BEFORE) or after (OVERDUE) the due date
    nominal_on: dt.date  #: the day the policy names: the reminder's identity
    send_on: dt.date  #: the day it goes out (previous working day if needed)
    escalated: bool  #: copy the head and the reviewers

    @property
    def key(self):
        """Stable name of the reminder within a deliverable, e.g. "before-3" or "overdue-8"."""
        return key_of(self.kind, self.offset)


def key_of(kind, offset):
    """The stored key of a reminder: "before-3", "before-0" (on the due date), "overdue-8"."""
    return f"{kind}-{offset}"


def parse_key(key):
    """(kind, offset) of a stored key; ValueError if it is not one."""
    kind, _sep, offset = key.partition("-")
    if kind not in (BEFORE, OVERDUE) or not offset.isdigit():
        raise ValueError(f"not a reminder key: {key!r}")
    return kind, int(offset)


def send_day(day):
    """The day a reminder nominally on ``day`` goes out: that day, or the working day before."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def schedule(due_on, policy, until):
    """Every reminder of a deliverable due on ``due_on`` that goes out on or before ``until``
    (the "before" ones always, whatever ``until`` says).

    Overdue notices repeat while ``until`` allows: the caller passes today (or the
    last day to plan for); submission is the caller's to check, it stops them all. A
    notice whose nominal day lies after ``until`` but goes out earlier (a holiday) is
    included: it is due.
    """
    reminders = []
    for days in sorted(policy.days_before, reverse=True):
        nominal = due_on - dt.timedelta(days=days)
        reminders.append(Reminder(BEFORE, days, nominal, send_day(nominal), False))
    after = policy.first_overdue_after
    while True:
        nominal = due_on + dt.timedelta(days=after)
        # Overdue notices go out on a working day too, but never before the deadline passed.
        sent = send_day(nominal)
        if sent <= due_on:
            sent = _next_working_day(due_on)
        if sent > until:  # send days never decrease as the nominal day grows
            break
        reminders.append(Reminder(OVERDUE, after, nominal, sent, policy.escalate_overdue))
        after += policy.overdue_every
    return _one_per_send_day(reminders)


def find(due_on, policy, key, nominal_on):
    """The reminder ``key`` on ``nominal_on`` if a deliverable due on ``due_on`` still has it, else None.

    A reminder queued before the due date moved, or before the policy changed, is no
    longer in the schedule: it must not go out.
    """
    until = max(due_on, nominal_on)
    return next((r for r in schedule(due_on, policy, until) if r.key == key and r.nominal_on == nominal_on), None)


def _next_working_day(day):
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _one_per_send_day(reminders):
    # "3 days before" on a Saturday and "1 day before" on a Monday... a shift can land two
    # reminders on one working day: the unit gets one mail, the most urgent one.
    kept = {}
    for r in reminders:
        kept[r.send_on] = r  # reminders come in time order: the later nominal day wins
    return sorted(kept.values(), key=lambda r: r.send_on)


def send_at(reminder, policy, tz):
    """The aware moment a reminder goes out."""
    return dt.datetime.combine(reminder.send_on, dt.time(policy.send_hour), tz)


def verdict(reminder, policy, now, tz):
    """What a sweep at ``now`` does with a reminder: a ``Verdict``, wait, send or skip.

    Missed by less than the grace period (the scheduler was down): send now. Missed by
    more: skip, and record it, rather than bury a unit under old mail in bulk.
    """
    moment = send_at(reminder, policy, tz)
    if now < moment:
        return Verdict.WAIT
    if now - moment <= dt.timedelta(days=policy.grace_days):
        return Verdict.SEND
    return Verdict.SKIP


@dataclass(frozen=True)
class Addressees:
    to: tuple
    cc: tuple


def addressees(escalated, contacts, staff, heads, reviewers):
    """Who gets a reminder: ``To`` the unit's contact addresses and its staff; when
    escalated, ``Cc`` its head(s) and the coordinating unit's reviewers.

    A unit with neither contacts nor staff still hears of it: its head is then in ``To``.
    Addresses are compared without case; nobody is named twice.
    """
    seen = set()

    def take(addresses):
        out = []
        for address in addresses:
            key = address.strip().lower()
            if key and key not in seen:
                seen.add(key)
                out.append(address.strip())
        return out

    to = take([*contacts, *staff])
    if not to:
        to = take(heads)
    cc = take([*heads, *reviewers]) if escalated else []
    return Addressees(tuple(to), tuple(cc))


def retry_delay(attempts):
    """Wait before the next attempt after ``attempts`` failed ones: 1, 2, 4 ... minutes, at most an hour."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))
