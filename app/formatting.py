"""Vietnamese formats for numbers, rates and dates (13.342 · 7,97% · 15/06/2026)."""
import datetime as dt
from decimal import Decimal

from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from .clock import VN_TZ, today
from .labels import KIND_LABELS, MAIL_KIND_LABELS, MAIL_STATUS_LABELS, SKIP_REASON_LABELS, ROLE_LABELS, STATE_LABELS, TRIGGER_LABELS, TRIGGER_PAST, UNIT_KIND_LABELS, deliverable_label


def vn_number(value):
    if value is None or value == "":
        return "–"
    return format_decimal(value, format="#,##0")


def vn_decimal(value, places=2):
    if value is None or value == "":
        return "–"
    return format_decimal(Decimal(value), format="#,##0." + "0" * places)


def vn_percent(value, places=2):
    if value is None or value == "":
        return "–"
    return vn_decimal(value, places) + "%"


def vn_date(value):
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        value = value.astimezone(VN_TZ).date()
    return value.strftime("%d/%m/%Y")


def vn_datetime(value):
    if value is None:
        return "–"
    return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def weekday(value):
    """"Thứ Bảy", "Saturday"."""
    return format_date(value, "EEEE")


def days_left_text(due_on, on=None):
    """'còn 5 ngày', 'hạn hôm nay', 'quá hạn 3 ngày'."""
    days = (due_on - (on or today())).days
    if days > 0:
        return ngettext("%(num)d day left", "%(num)d days left", days)
    if days == 0:
        return _("due today")
    return ngettext("%(num)d day overdue", "%(num)d days overdue", -days)


def register_filters(app):
    app.jinja_env.filters.update(
        vn_number=vn_number,
        vn_decimal=vn_decimal,
        vn_percent=vn_percent,
        vn_date=vn_date,
        vn_datetime=vn_datetime,
        days_left=days_left_text,
        weekday=weekday,
        state_label=lambda s: STATE_LABELS[s],
        trigger_label=lambda t: TRIGGER_LABELS[t],
        trigger_past=lambda t: TRIGGER_PAST[t],
        role_label=lambda r: ROLE_LABELS[r],
        unit_kind_label=lambda k: UNIT_KIND_LABELS[k],
        kind_label=lambda k: KIND_LABELS[k],
        deliverable_label=deliverable_label,
        mail_status_label=lambda s: MAIL_STATUS_LABELS[s],
        mail_kind_label=lambda k: MAIL_KIND_LABELS[k],
        skip_reason_label=lambda r: SKIP_REASON_LABELS.get(r, r),
    )
    from workflows.numbers import rate

    from .documents.content import FIELD_LABELS, TARGET_FIELDS, text_fields

    app.jinja_env.filters["local_date"] = lambda value: value.astimezone(VN_TZ).date()
    from .notifications.operations import describe

    app.jinja_env.globals.update(describe_notification=describe, today=today, current_locale=get_locale, rate=rate, field_labels=FIELD_LABELS,
                                 target_fields=TARGET_FIELDS, text_fields_for=text_fields)

    from . import policy

    # Templates ask the same policy the routes do (which buttons to show).
    app.jinja_env.globals["policy"] = policy
