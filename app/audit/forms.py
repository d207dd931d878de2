"""The audit page's filters (a GET form: no CSRF token, nothing changes)."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import NumberRange, Optional, ValidationError

from ..fields import BaseForm, WholeNumberField
from ..plans.forms import VNDateField
from ..web import MAX_ID

NOT_AN_ID = _l("Not a valid id.")


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False

    # An unknown type (an old bookmark, a hand-made address) filters nothing.
    type = SelectField(_l("Object"), default="", validate_choice=False)
    id = WholeNumberField(_l("Object id"), validators=[Optional(), NumberRange(1, MAX_ID, NOT_AN_ID)])
    person = StringField(_l("Person"), validators=[Optional()])
    actor = HiddenField()
    date_from = VNDateField(_l("Changed from"), validators=[Optional()])
    date_to = VNDateField(_l("Changed until"), validators=[Optional()])

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must not come before the start date."))
