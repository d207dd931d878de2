"""Reading a reminder policy as a person typed it (the page, later the API)."""
from flask_babel import gettext as _

from workflows import reminders as rules


POLICY_FIELDS = ("enabled", "days_before", "first_overdue_after", "overdue_every", "send_hour", "grace_days",
                 "escalate_overdue")


def parse_days(text):
    """"7, 3, 1, 0" → (7, 3, 1, 0); ValueError on anything else."""
    parts = [p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip()]
    days = tuple(int(p) for p in parts)
    return tuple(sorted(days, reverse=True))


def policy_errors(days, values):
    errors = {}
    if not days or len(set(days)) != len(days) or any(d < 0 or d > rules.MAX_DAYS_BEFORE for d in days):
        errors["days_before"] = _("Between one and several different numbers of days, from 0 to %(max)d.",
                                  max=rules.MAX_DAYS_BEFORE)
    for name in ("first_overdue_after", "overdue_every"):
        if not 1 <= values[name] <= rules.MAX_DAYS_BEFORE:
            errors[name] = _("From 1 to %(max)d days.", max=rules.MAX_DAYS_BEFORE)
    if not 0 <= values["send_hour"] <= 23:
        errors["send_hour"] = _("An hour from 0 to 23.")
    if not 0 <= values["grace_days"] <= rules.MAX_GRACE_DAYS:
        errors["grace_days"] = _("From 0 to %(max)d days.", max=rules.MAX_GRACE_DAYS)
    return errors
