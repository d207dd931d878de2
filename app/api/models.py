"""Personal API tokens: a script acts as its user, with exactly that user's permissions."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..types import UTCDateTime


class ApiToken(db.Model):
    """A token a user (or an administrator at the command line) created; only its hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Whose permissions the token carries.
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: What it is for, as its owner named it ("Báo cáo tự động", "Kết nối hệ thống Bộ").
    name: Mapped[str] = mapped_column(sa.String(100))
    #: SHA-256 of the secret (the secret is random and long: no salt or slow hash needed).
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: The first characters of the secret, to recognise it in a list.
    prefix: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Last time a request used it (updated at most every few minutes).
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Revoked tokens are refused; they stay listed for the record.
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")

    @property
    def is_active(self):
        return self.revoked_at is None
