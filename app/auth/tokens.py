"""Set-password links: signed, expiring, and dead for ever once used or superseded."""
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..outbox.compose import absolute_url
from .models import User

MAX_AGE = 14 * 24 * 3600  # two weeks: long enough for a province's roll-out
#: A link asked for from the login page ("forgot your password?") lives two hours.
FORGOTTEN_MAX_AGE = 2 * 3600


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="set-password")


def make_token(user, max_age=MAX_AGE):
    # The user's security stamp changes whenever the password is set or reset, and never
    # takes an old value again: a used link, or one made before the last reset, stays dead.
    data = {"uid": user.id, "stamp": user.security_stamp}
    if max_age != MAX_AGE:
        data["max_age"] = max_age  # signed with the rest: a shorter life cannot be lengthened
    return _serializer().dumps(data)


def user_for_token(token):
    """The user the link is for, or None when it is forged, expired or already used."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
        if isinstance(data, dict) and isinstance(data.get("max_age"), int):
            _serializer().loads(token, max_age=min(data["max_age"], MAX_AGE))
    except (SignatureExpired, BadSignature):
        return None
    uid, stamp = data.get("uid"), data.get("stamp")
    if not isinstance(uid, int) or not isinstance(stamp, str) or not stamp:
        return None
    user = db.session.get(User, uid)
    if user is None or not user.is_active or not secrets.compare_digest(stamp, user.security_stamp or ""):
        return None
    return user


def set_password_url(user, max_age=MAX_AGE, shown=False):
    """An absolute link (for emails, the CLI and the admin's screen), on ``base_url(shown)``:
    ``shown`` when it is for the screen of the person whose request makes it."""
    return absolute_url("auth.set_password", shown=shown, token=make_token(user, max_age))
