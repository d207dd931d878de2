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
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("locale", sa.String(length=5), nullable=True))
        batch.add_column(sa.Column("wants_digest", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("wants_digest")
        batch.drop_column("locale")
