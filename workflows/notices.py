"""When a reviewer's daily digest goes. Pure functions; "now" is always passed in.

A digest is identified by (reviewer, day). It goes on working days (no weekend, no
Vietnamese public holiday), from ``DIGEST_HOUR`` local time until the day ends: a
scheduler down at that hour sends it when it comes back, the same day; a day missed
altogether is not caught up (yesterday's list is no longer what waits).
"""
from .deadlines import is_working_day

#: Local hour (Asia/Ho_Chi_Minh) from which the day's digest goes: before the offices open.
DIGEST_HOUR = 7


def digest_day(at, tz, hour=DIGEST_HOUR):
    """The day whose digest may go at ``at`` (aware), or None (too early, or not a working day)."""
    local = at.astimezone(tz)
    if local.hour < hour or not is_working_day(local.date()):
        return None
    return local.date()
