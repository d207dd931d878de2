"""Forms of the programmes and their catalog."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Length, Optional

from workflows.programmes import MAX_NAME

from ..fields import BaseForm, WholeNumberField


class ProgrammeForm(BaseForm):
    # Years are checked by the operation (in Vietnamese), with the other fields.
    code = StringField(_l("Code"), validators=[Length(max=30)])
    name = StringField(_l("Name"), validators=[Length(max=400)])
    decision = StringField(_l("Approved by (decision)"), validators=[Length(max=100)])
    start_year = WholeNumberField(_l("From year"), validators=[Optional()])
    end_year = WholeNumberField(_l("To year"), validators=[Optional()])
    is_active = BooleanField(_l("In use (offered to new plans)"), default=True)


class ItemForm(BaseForm):
    # Checked by the operation (in Vietnamese), not by WTForms' English "Not a valid choice".
    parent_id = SelectField(_l("Belongs to"), coerce=int, validate_choice=False)
    code = StringField(_l("Code"), validators=[Length(max=30)])
    name = StringField(_l("Name"), validators=[Length(max=MAX_NAME)])


class ItemEditForm(BaseForm):
    name = StringField(_l("Name"), validators=[Length(max=MAX_NAME)])
    is_active = BooleanField(_l("In use (offered in budget lines)"))
