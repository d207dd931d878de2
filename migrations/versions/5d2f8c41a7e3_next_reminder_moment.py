"""Open documents carry the moment their next reminder is due, so the sweep reads only those

Revision ID: 5d2f8c41a7e3
Revises: 3b7e5a1c9d20
Create Date: 2026-11-22 00:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = "5d2f8c41a7e3"
down_revision = "3b7e5a1c9d20"
branch_labels = None
depends_on = None

OPEN = sa.text("state IN ('draft', 'returned')")


def upgrade():
    # NULL = not worked out yet: the next sweep looks at the document once and fills it in.
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("next_reminder_at", sa.DateTime(timezone=True), nullable=True))
    # Only open documents are ever reminded of: a partial index keeps the sweep's read
    # proportional to what is due, whatever the history held.
    op.create_index("ix_documents_next_reminder_at", "documents", ["next_reminder_at"],
                    postgresql_where=OPEN, sqlite_where=OPEN)


def downgrade():
    op.drop_index("ix_documents_next_reminder_at", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("next_reminder_at")
