from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length

from ..fields import BaseForm


class UnitForm(BaseForm):
    code = StringField(_l("Code"), validators=[DataRequired(_l("Enter the unit's code.")), Length(max=40)])
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the unit's name.")), Length(max=255)])
    kind = SelectField(_l("Kind"), validators=[InputRequired()])
    parent_code = SelectField(_l("Parent unit"))
    emails = TextAreaField(_l("Contact emails (one per line)"), validators=[Length(max=2000)])
    is_active = BooleanField(_l("Active"), default=True)


class UserForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(_l("Enter the email.")),
                                                Email(_l("This is not a valid email address."))])
    full_name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter the full name.")),
                                                         Length(max=255)])
    unit_code = SelectField(_l("Unit"), validators=[InputRequired(_l("Choose a unit."))])
    role = SelectField(_l("Role"), validators=[InputRequired(_l("Choose a role."))])


class UserEditForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(_l("Enter the email.")),
                                                Email(_l("This is not a valid email address."))])
    full_name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter the full name.")),
                                                         Length(max=255)])
    is_active = BooleanField(_l("Active"))


class RoleForm(BaseForm):
    unit_id = SelectField(_l("Unit"), coerce=int, validators=[InputRequired(_l("Choose a unit."))])
    role = SelectField(_l("Role"), validators=[InputRequired(_l("Choose a role."))])


class ButtonForm(BaseForm):
    """A one-button form: only the CSRF token travels."""
