"""Forms of the program catalog."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import Length

from ..fields import BaseForm


class ItemForm(BaseForm):
    # Checked by the operation (in Vietnamese), not by WTForms' English "Not a valid choice".
    parent_id = SelectField(_l("Belongs to"), coerce=int, validate_choice=False)
    program = StringField(_l("Program"), validators=[Length(max=60)])
    code = StringField(_l("Code"), validators=[Length(max=30)])
    name = StringField(_l("Name"), validators=[Length(max=400)])


class ItemEditForm(BaseForm):
    name = StringField(_l("Name"), validators=[Length(max=400)])
    is_active = BooleanField(_l("In use (offered in budget lines)"))
