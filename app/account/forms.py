"""The forms of the user's own pages."""
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from ..auth.forms import SetPasswordForm
from ..fields import BaseForm


class ChangePasswordForm(SetPasswordForm):
    """On the user's own page: the current password, then the new one twice."""

    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password."))])


class TokenForm(BaseForm):
    name = StringField(_l("What the token is for"))
