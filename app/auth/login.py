"""Flask-Login wiring: a session names a login row, not just a user (see ``sessions``)."""
from flask_babel import lazy_gettext as _l

from ..extensions import login_manager
from . import sessions

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to continue.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(identifier):
    return sessions.user_for(identifier)
