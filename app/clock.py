"""The one clock: every "now" and "today" in the application comes from here.

Tests move time with time-machine or by passing ``now`` explicitly; nothing sleeps.
"""
import datetime as dt
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now():
    """The current instant, timezone-aware, in UTC (how it is stored)."""
    return dt.datetime.now(dt.timezone.utc)


def local_now():
    """The current instant in Vietnam."""
    return now().astimezone(VN_TZ)


def today():
    """Today's date in Vietnam (a deadline "15/6" ends at midnight in Hanoi)."""
    return local_now().date()
