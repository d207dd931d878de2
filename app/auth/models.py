"""Users and their roles, each role scoped to one unit."""
import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from workflows.enums import Role
from workflows.text import fold

from ..extensions import db
from ..types import enum_column_type


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

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self):  # Flask-Login asks this
        return self.is_active_user

    def set_password(self, password):
        # scrypt in production; the test configuration picks a cheap method so
        # a suite that creates hundreds of users stays fast.
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password):
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def unit_ids(self, *roles):
        """Ids of the units where the user holds one of ``roles`` (any role if none given)."""
        return {m.unit_id for m in self.memberships if not roles or m.role in roles}

    def has_role(self, role, unit_id=None):
        return any(m.role == role and (unit_id is None or m.unit_id == unit_id) for m in self.memberships)

    def __repr__(self):
        return f"<User {self.email}>"


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
