"""Set-password links: signed, expiring, and dead once the password has changed."""
from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from .models import User

MAX_AGE = 14 * 24 * 3600  # two weeks: long enough for a province's roll-out


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="set-password")


def _fingerprint(user):
    # Part of the current hash: setting a password changes it, so a used link dies.
    return (user.password_hash or "none")[-16:]


def make_token(user):
    return _serializer().dumps({"uid": user.id, "fp": _fingerprint(user)})


def user_for_token(token):
    """The user the link is for, or None when it is forged, expired or already used."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or not user.is_active or data.get("fp") != _fingerprint(user):
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
