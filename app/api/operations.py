"""The only place API tokens change: created, revoked, and used."""
import datetime as dt
import hashlib
import logging
import secrets

from flask_babel import gettext as _

from ..clock import now
from ..errors import Forbidden, Invalid
from ..extensions import db
from .models import ApiToken

log = logging.getLogger(__name__)
PREFIX = "gn_"
MAX_ACTIVE = 20
#: A token's last use is written at most this often (reads must not all become writes).
TOUCH_EVERY = dt.timedelta(minutes=5)


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(actor, user, name):
    """A new token for ``user``; returns (row, secret). The secret is shown once, never stored.

    ``actor`` is the user themself (profile page) or None (the command line, run by whoever
    administers the server)."""
    if actor is not None and actor.id != user.id:
        raise Forbidden(_("You can create tokens only for yourself."))
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise Invalid(_("Please correct the highlighted fields."),
                      {"name": _("Name the token (at most 100 characters), e.g. the script that uses it.")})
    active = db.session.scalar(db.select(db.func.count(ApiToken.id)).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    if active >= MAX_ACTIVE:
        raise Invalid(_("You already have %(n)d active tokens; revoke one first.", n=MAX_ACTIVE))
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=_hash(secret), prefix=secret[:10], created_at=now())
    db.session.add(token)
    db.session.flush()
    log.info("API token %s created for %s", token.prefix, user.email)
    return token, secret


def revoke_token(actor, token):
    if actor.id != token.user_id:
        raise Forbidden(_("You can revoke only your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = now()
        db.session.flush()
        log.info("API token %s revoked by %s", token.prefix, actor.email)
    return token


def authenticate(secret):
    """The active user a presented secret belongs to, or None."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.token_hash == _hash(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    moment = now()
    if token.last_used_at is None or moment - token.last_used_at > TOUCH_EVERY:
        token.last_used_at = moment
        db.session.flush()
    return token.user
