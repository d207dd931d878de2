"""Vietnamese formats for numbers, rates and dates (13.342 · 7,97% · 15/06/2026)."""
import datetime as dt
from decimal import Decimal

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import ngettext

from .clock import VN_TZ, today


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


def vn_points(value, places=2):
    """A change of a rate, in percentage points: "3,00 điểm %"."""
    if value is None or value == "":
        return "–"
    return _("%(value)s points", value=vn_decimal(value, places))


def vn_amount(value):
    """Million VND: thousands with dots, up to three decimals with a comma (1.234,5)."""
    if value is None or value == "":
        return "–"
    return format_decimal(Decimal(value), format="#,##0.###")


def vn_measure(value, unit):
    """A value of an indicator in its unit of measure (``MeasureUnit`` or its value):
    households 1.234 · 97,50% · 1.234,5 million VND · Có / Không."""
    if value is None or value == "":
        return "–"
    unit = getattr(unit, "value", unit)
    if unit == "yes_no":
        return _("Yes") if Decimal(value) else _("No")
    if unit == "percent":
        return vn_percent(value)
    if unit in ("million_vnd", "score"):
        return vn_amount(value)
    return vn_number(Decimal(value))


def measure_input_text(value, unit):
    """A stored value of an indicator as its input shows it, to be typed again: 1.234 ·
    97,5 · 1.234,5 · 1 (yes) / 0 (no); "" when empty."""
    if value is None or value == "":
        return ""
    unit = getattr(unit, "value", unit)
    if unit == "yes_no":
        return "1" if Decimal(value) else "0"
    if unit == "percent":
        return vn_amount(value)
    return vn_measure(value, unit)


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

