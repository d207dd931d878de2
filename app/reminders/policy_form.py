"""Reading a reminder policy as a person typed it (the page) or a script sent it (the API,
the command line)."""
from flask_babel import gettext as _

from workflows import reminders as rules

from ..inputs import Reader, form_data, is_whole_number, validated
from .forms import ReminderPolicyForm
from .models import DEFAULT_RULES

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


def current_values(plan):
    """The plan's policy, field by field: the stored one, else the product's defaults
    ("days_before" as a list of whole numbers)."""
    stored = plan.reminder_policy
    if stored is None:
        return {"enabled": True, "days_before": list(DEFAULT_RULES.days_before),
                **{name: getattr(DEFAULT_RULES, name) for name in POLICY_FIELDS[2:]}}
    return {"enabled": stored.enabled, "days_before": list(parse_days(stored.days_before)),
            **{name: getattr(stored, name) for name in POLICY_FIELDS[2:]}}


def read_policy(plan, data):
    """The values of ``operations.set_policy`` from a script's data: the fields given
    ("days_before" a list of whole numbers, or a text "7, 3, 1, 0"), the others as they are.
    The policy form checks them as it checks what a person types; the operation, the rules."""
    r = Reader(data, POLICY_FIELDS)
    values = current_values(plan)
    for name in ("enabled", "escalate_overdue"):
        if name in r:
            values[name] = r.boolean(name)
    for name in ("first_overdue_after", "overdue_every", "send_hour", "grace_days"):
        if name in r:
            values[name] = r.integer(name)
    if "days_before" in r:
        days = r.data["days_before"]
        if isinstance(days, str) or isinstance(days, list) and all(is_whole_number(d) for d in days):
            values["days_before"] = days
        else:
            r.fail("days_before", _("Send whole numbers of days, e.g. [7, 3, 1, 0]."))
    r.done()
    if isinstance(values["days_before"], list):
        values["days_before"] = ", ".join(str(d) for d in values["days_before"])
    form = ReminderPolicyForm(formdata=form_data(values), meta={"csrf": False})
    validated(form)
    return {name: getattr(form, name).data for name in POLICY_FIELDS}
