"""Users, their roles (each scoped to one unit) and their logins."""
import datetime as dt
import secrets

import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from workflows.enums import Role
from workflows.text import fold

from ..extensions import db
from ..types import UTCDateTime, enum_column_type


def new_stamp():
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Login and notification address, lower-cased.
    email: Mapped[str] = mapped_column(sa.String(255), unique=True)
    #: Name as shown to others, e.g. "Nguyễn Văn An".
    full_name: Mapped[str] = mapped_column(sa.String(255))
    #: Salted hash (scrypt by default); never the password.
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    #: Name and email folded for search (lower case, no diacritics); kept up to date on save.
    search_text: Mapped[str] = mapped_column(sa.String(520), default="", server_default="")
    #: Deactivated users cannot log in; their history stays.
    is_active_user: Mapped[bool] = mapped_column("is_active", default=True, server_default=sa.true())
    #: Secret part of the user's calendar feed address; a new one kills the old address.
    calendar_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: Changes whenever the password is set or reset: a set-password link carries the stamp
    #: it was made with, so a used link, or one older than the last reset, is dead for ever.
    security_stamp: Mapped[str] = mapped_column(sa.String(32), default=new_stamp, server_default="")
    #: The interface language the user chose ("vi", "en"); None: the site's default.
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    #: A reviewer's choice: one daily digest of what waits, instead of a mail per event.
    wants_digest: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    #: The key of the login (``LoginSession``) this object was loaded through; not a column.
    #: Flask-Login keeps ``get_id()`` — "user id:key" — in the session and in the remember-me
    #: cookie, so ending the login row ends both.
    login_key = None

    @property
    def is_active(self):  # Flask-Login asks this
        return self.is_active_user

    def get_id(self):
        return f"{self.id}:{self.login_key}" if self.login_key else None

    def set_password(self, password):
        self.password_hash = generate_password_hash(password, method=password_method())

    def check_password(self, password):
        """Compare ``password`` with the hash; without one, compare with a decoy that costs the
        same, so that an unknown or passwordless account answers as slowly as a real one."""
        return check_password_hash(self.password_hash or decoy_hash(), password) and bool(self.password_hash)

    def unit_ids(self, *roles):
        """Ids of the units where the user holds one of ``roles`` (any role if none given)."""
        return {m.unit_id for m in self.memberships if not roles or m.role in roles}

    def __repr__(self):
        return f"<User {self.email}>"


def password_method():
    # scrypt in production; the test configuration picks a cheap method so a suite that
    # creates hundreds of users stays fast.
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


_decoys = {}


def decoy_hash():
    """A hash of a random password, made with the configured method (once per process)."""
    method = password_method()
    if method not in _decoys:
        _decoys[method] = generate_password_hash(secrets.token_urlsafe(16), method=method)
    return _decoys[method]


def check_unknown_password(password):
    """What a login with an unknown email costs: one comparison with the decoy."""
    check_password_hash(decoy_hash(), password)
    return False


@sa.event.listens_for(User, "before_insert")
@sa.event.listens_for(User, "before_update")
def _fold_for_search(mapper, connection, user):
    user.search_text = fold(f"{user.full_name} {user.email}")


class Membership(db.Model):
    """A role a user holds in a unit (one user may hold several)."""

    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Who.
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: Where.
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    #: What they may do there.
    role: Mapped[Role] = mapped_column(enum_column_type(Role, "role"))

    user: Mapped[User] = relationship(back_populates="memberships")
    unit = relationship("Unit", lazy="joined")

    __table_args__ = (sa.UniqueConstraint("user_id", "unit_id", "role"),)


class LoginSession(db.Model):
    """One login of a user: the session cookie and the remember-me cookie carry its key.

    Logging out ends this row; setting or resetting the password, and deactivation, end
    every row of the user. A cookie whose row has ended (or expired) is worth nothing,
    however it was copied."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Whose login.
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the random key kept in the cookies (the key itself is never stored).
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: When the user logged in.
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: The login is worth nothing after this (hours for a session, weeks if remembered).
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Set when it ended: logout, a password set or reset, deactivation.
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: "Keep me logged in" was ticked.
    is_remembered: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    user: Mapped[User] = relationship()

    __table_args__ = (sa.CheckConstraint("expires_at > created_at", name="expires_after_start"),)
