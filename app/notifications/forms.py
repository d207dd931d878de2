"""The reviewer's choice of the daily digest."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from ..fields import BaseForm


class DigestForm(BaseForm):
    wants_digest = BooleanField(_l("One mail a working day of what waits for me, instead of a mail per "
                                   "submission and a copy of each overdue notice"))
