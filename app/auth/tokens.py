"""Set-password links: signed, expiring, and dead for ever once used or superseded."""
import secrets

from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from .models import User

MAX_AGE = 14 * 24 * 3600  # two weeks: long enough for a province's roll-out


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="set-password")


def make_token(user):
    # The user's security stamp changes whenever the password is set or reset, and never
    # takes an old value again: a used link, or one made before the last reset, stays dead.
    return _serializer().dumps({"uid": user.id, "stamp": user.security_stamp})


def user_for_token(token):
    """The user the link is for, or None when it is forged, expired or already used."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except (SignatureExpired, BadSignature):
        return None
    uid, stamp = data.get("uid"), data.get("stamp")
    if not isinstance(uid, int) or not isinstance(stamp, str) or not stamp:
        return None
    user = db.session.get(User, uid)
    if user is None or not user.is_active or not secrets.compare_digest(stamp, user.security_stamp or ""):
        return None
    return user


def set_password_url(user):
    """An absolute link (for emails, the CLI and the admin's screen)."""
    token = make_token(user)
    if has_request_context():
        path = url_for("auth.set_password", token=token)
    else:  # the command line
        with current_app.test_request_context():
            path = url_for("auth.set_password", token=token)
    return current_app.config["BASE_URL"].rstrip("/") + path
