"""The reminder policy form."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import InputRequired, Length

from ..fields import BaseForm, WholeNumberField

NUMBER_MESSAGE = _l("Enter a whole number.")


class ReminderPolicyForm(BaseForm):
    enabled = BooleanField(_l("Send reminders for this plan"))
    days_before = StringField(_l("Remind this many days before the due date"),
                              validators=[InputRequired(_l("Enter at least one number of days.")), Length(max=60)])
    first_overdue_after = WholeNumberField(_l("First overdue notice, days after the due date"),
                                       validators=[InputRequired(NUMBER_MESSAGE)])
    overdue_every = WholeNumberField(_l("Then repeat every (days)"), validators=[InputRequired(NUMBER_MESSAGE)])
    send_hour = WholeNumberField(_l("Hour of sending (0–23, Vietnam time)"), validators=[InputRequired(NUMBER_MESSAGE)])
    grace_days = WholeNumberField(_l("Grace period after an outage (days)"), validators=[InputRequired(NUMBER_MESSAGE)])
    escalate_overdue = BooleanField(_l("Copy overdue notices to the unit head and the coordinating unit's reviewers"))

