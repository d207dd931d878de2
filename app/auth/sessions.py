"""Logins that can end: each one a row whose key the session and remember-me cookies carry.

Flask's session cookie is signed, not stored: a copy of it would outlive a logout, and a
remember-me cookie would outlive a password reset. Here the cookies carry "user id:key",
and only a login row that has not ended nor expired turns that into a user.
"""
import datetime as dt
import hashlib
import logging
import secrets

from flask import current_app, session
from flask_login import login_user, logout_user

from ..api.models import ApiToken
from ..clock import now
from ..extensions import db
from .models import LoginSession, User, new_stamp

log = logging.getLogger(__name__)


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def _lifetime(remember):
    config = current_app.config
    return config["REMEMBER_COOKIE_DURATION"] if remember else config["LOGIN_SESSION_LIFETIME"]


def new_login(user_id, remember=False):
    """Record a new login of the user; return what the cookies carry, "user id:key"
    (in the caller's transaction). Benchmarks and tests use it to act as a user."""
    key = secrets.token_urlsafe(32)
    moment = now()
    db.session.add(LoginSession(user_id=user_id, key_hash=_hash(key), created_at=moment,
                                expires_at=moment + _lifetime(remember), is_remembered=bool(remember)))
    return f"{user_id}:{key}"


def log_in(user, remember=False):
    """Start a login for ``user`` and attach it to this request's session (and cookie)."""
    user.login_key = new_login(user.id, remember).partition(":")[2]
    login_user(user, remember=remember, duration=_lifetime(remember) if remember else None)


def log_out(user):
    """End this login (the other logins of the user go on)."""
    key = getattr(user, "login_key", None)
    if key:
        db.session.execute(db.update(LoginSession).where(LoginSession.key_hash == _hash(key),
                                                         LoginSession.ended_at.is_(None))
                           .values(ended_at=now()))
    logout_user()
    language = session.get("lang")
    session.clear()  # nothing of this login (its messages, say) is left for the next one
    if language:
        session["lang"] = language


def user_for(identifier):
    """The user of a live login named by ``identifier`` ("user id:key"), or None."""
    user_id, _sep, key = (identifier or "").partition(":")
    if not user_id.isdigit() or not key or len(key) > 100:
        return None  # e.g. a cookie from before logins were recorded: log in again
    user = db.session.scalar(
        db.select(User).join(LoginSession, LoginSession.user_id == User.id)
        .where(User.id == int(user_id), LoginSession.key_hash == _hash(key), LoginSession.ended_at.is_(None),
               LoginSession.expires_at > now()))
    if user is None or not user.is_active:
        return None
    user.login_key = key
    return user


def end_everything(user, reason):
    """End every login of ``user``, revoke their API tokens and retire their set-password
    links and calendar address: what follows a password reset or a deactivation.

    In the caller's transaction."""
    moment = now()
    db.session.execute(db.update(LoginSession).where(LoginSession.user_id == user.id,
                                                     LoginSession.ended_at.is_(None)).values(ended_at=moment))
    db.session.execute(db.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=moment))
    user.security_stamp = new_stamp()
    user.calendar_token = None
    log.info("every login, token and link of %s ended (%s)", user.email, reason)


def end_other_logins(user):
    """End every login of ``user`` but the one of this request (a password just set)."""
    query = db.update(LoginSession).where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
    if getattr(user, "login_key", None):
        query = query.where(LoginSession.key_hash != _hash(user.login_key))
    db.session.execute(query.values(ended_at=now()))


#: Logins (ended or expired) are kept this long for the record, then purged.
KEEP = dt.timedelta(days=90)


def purge(at=None):
    """Delete login rows that ended or expired long ago; return how many."""
    limit = (at or now()) - KEEP
    result = db.session.execute(db.delete(LoginSession).where(
        db.or_(LoginSession.expires_at < limit, LoginSession.ended_at < limit)))
    return result.rowcount
