"""Logins that can end, security stamps for set-password links, the authors of each version

Revision ID: 7a3c19e0b5d4
Revises: 5d2f8c41a7e3
Create Date: 2026-11-30 18:00:00
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "7a3c19e0b5d4"
down_revision = "5d2f8c41a7e3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_remembered", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("expires_at > created_at", name=op.f("ck_login_sessions_expires_after_start")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_login_sessions_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_sessions")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_login_sessions_key_hash")),
    )
    with op.batch_alter_table("login_sessions") as batch:
        batch.create_index(batch.f("ix_login_sessions_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("security_stamp", sa.String(length=32), server_default="", nullable=False))
    # Every user gets a stamp of their own: links made before this upgrade (which carried
    # no stamp) are dead, so an administrator makes new ones.
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("security_stamp", sa.String))
    bind = op.get_bind()
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(security_stamp=secrets.token_hex(16)))

    op.create_table(
        "version_authors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("first_saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_version_authors_user_id_users")),
        sa.ForeignKeyConstraint(["version_id"], ["document_versions.id"],
                                name=op.f("fk_version_authors_version_id_document_versions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_version_authors")),
        sa.UniqueConstraint("version_id", "user_id", name=op.f("uq_version_authors_version_id_user_id")),
    )
    with op.batch_alter_table("version_authors") as batch:
        batch.create_index(batch.f("ix_version_authors_user_id"), ["user_id"], unique=False)
    # What history knows of authors: each version's last editor.
    op.execute("INSERT INTO version_authors (version_id, user_id, first_saved_at, last_saved_at) "
               "SELECT id, updated_by_id, updated_at, updated_at FROM document_versions "
               "WHERE updated_by_id IS NOT NULL AND updated_at IS NOT NULL")


def downgrade():
    with op.batch_alter_table("version_authors") as batch:
        batch.drop_index(batch.f("ix_version_authors_user_id"))
    op.drop_table("version_authors")
    op.drop_column("users", "security_stamp")  # not a batch: SQLite would rebuild users, which rows point to
    with op.batch_alter_table("login_sessions") as batch:
        batch.drop_index(batch.f("ix_login_sessions_user_id"))
    op.drop_table("login_sessions")
