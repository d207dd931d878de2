from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..fields import BaseForm


def _email_field():
    return EmailField(_l("Email"), validators=[DataRequired(_l("Enter your email.")),
                                               Email(_l("This is not a valid email address."))])


class LoginForm(BaseForm):
    email = _email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    remember = BooleanField(_l("Keep me logged in"))


MIN_PASSWORD = 10


class SetPasswordForm(BaseForm):
    password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Enter a password.")),
        Length(min=MIN_PASSWORD, max=200, message=_l("The password must have at least %(min)d characters."))])
    confirm = PasswordField(_l("Repeat the password"), validators=[
        EqualTo("password", message=_l("The two passwords differ."))])


class ForgottenPasswordForm(BaseForm):
    email = _email_field()
