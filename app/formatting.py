"""Vietnamese formats for numbers, rates and dates (13.342 · 7,97% · 15/06/2026)."""
import datetime as dt
from decimal import Decimal

from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from .clock import VN_TZ, today
from .labels import KIND_LABELS, MAIL_KIND_LABELS, MAIL_STATUS_LABELS, SKIP_REASON_LABELS, ROLE_LABELS, STATE_LABELS, TRIGGER_LABELS, TRIGGER_PAST, UNIT_KIND_LABELS, deliverable_label, listed


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


def vn_amount(value):
    """Million VND: thousands with dots, up to three decimals with a comma (1.234,5)."""
    if value is None or value == "":
        return "–"
    return format_decimal(Decimal(value), format="#,##0.###")


def translate_message(message, params):
    """An English rule message (``N_``) in the user's language, its parameters shown the
    Vietnamese way: counts 13.342, rates and amounts 7,97 / 1.234,5, labels translated."""
    out = {}
    for key, value in (params or {}).items():
        if f"%({key})s" not in message:  # shown with another format (%(n)d): left as it is
            out[key] = value
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            value = vn_number(value)
        elif isinstance(value, Decimal):
            value = vn_amount(value)
        elif isinstance(value, str) and value:
            value = _(value)
        out[key] = value
    return _(message, **out)


def describe_finding(finding):
    return translate_message(finding.message, finding.params)


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
        vn_amount=vn_amount,
        finding_text=describe_finding,
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

    from .documents.content import COLUMN_LABELS, COLUMN_SHORT, FIELD_LABELS, MEASURE_LABELS, TARGET_FIELDS, figure_fields, figure_groups, labels_for, text_fields

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["local_date"] = lambda value: value.astimezone(VN_TZ).date()
    from .notifications.operations import describe

    app.jinja_env.globals.update(describe_notification=describe, today=today, current_locale=get_locale, rate=rate, field_labels=FIELD_LABELS,
                                 target_fields=TARGET_FIELDS, text_fields_for=text_fields,
                                 figure_fields_for=figure_fields, figure_groups_for=figure_groups, labels_for=labels_for, column_labels=COLUMN_LABELS,
                                 column_short=COLUMN_SHORT, measure_labels=MEASURE_LABELS)

    from . import policy

    # Templates ask the same policy the routes do (which buttons to show).
    app.jinja_env.globals["policy"] = policy
    # What an import accepts, named in the reader's language (admin/import.html).
    app.jinja_env.globals.update(unit_kinds_listed=lambda: listed(UNIT_KIND_LABELS), roles_listed=lambda: listed(ROLE_LABELS))
    from .review.facts import days_late

    app.jinja_env.globals["days_late"] = days_late
