"""What every template may use: the Vietnamese formats as filters, the vocabularies'
labels, today's date and the reader's language. Imports no domain: a domain's own
names for templates are registered by its blueprint (documents: a document's content;
notifications: describe_notification; review: days_late), and the policy by the
application factory."""
from flask_babel import get_locale

from workflows.numbers import rate

from .clock import VN_TZ, today
from .formatting import (days_left_text, describe_finding, vn_amount, vn_date, vn_datetime, vn_decimal, vn_number,
                         vn_percent, vn_points, weekday)
from .labels import (KIND_LABELS, MAIL_KIND_LABELS, MAIL_STATUS_LABELS, ROLE_LABELS, SKIP_REASON_LABELS, STATE_LABELS,
                     TRIGGER_LABELS, TRIGGER_PAST, UNIT_KIND_LABELS, deliverable_label, item_label, listed)


def register(app):
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(
        vn_number=vn_number,
        vn_decimal=vn_decimal,
        vn_percent=vn_percent,
        vn_points=vn_points,
        vn_amount=vn_amount,
        finding_text=describe_finding,
        vn_date=vn_date,
        vn_datetime=vn_datetime,
        local_date=lambda value: value.astimezone(VN_TZ).date(),
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
    app.jinja_env.globals.update(
        today=today,
        current_locale=get_locale,
        rate=rate,
        item_label=item_label,
        # What an import accepts, named in the reader's language (admin/import.html).
        unit_kinds_listed=lambda: listed(UNIT_KIND_LABELS),
        roles_listed=lambda: listed(ROLE_LABELS),
    )
