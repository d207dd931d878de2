"""Users keep their interface language and may ask for one daily digest

Revision ID: 8b41d2e6f0a7
Revises: 7a3c19e0b5d4
Create Date: 2026-11-30 20:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "8b41d2e6f0a7"
down_revision = "7a3c19e0b5d4"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE ADD COLUMN on both databases: a batch would make SQLite copy and drop
    # the users table, which its foreign keys (memberships, documents...) refuse once rows exist.
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("users", sa.Column("locale", sa.String(length=5), nullable=True))
    op.add_column("users", sa.Column("wants_digest", sa.Boolean(), nullable=False,
                                     server_default=sa.text("0") if sqlite else sa.false()))


def downgrade():
    op.drop_column("users", "wants_digest")
    op.drop_column("users", "locale")
