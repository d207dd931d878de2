"""Notifications (placeholder in the chain; filled by the notifications work of issue 14)

Revision ID: 9c52e3f7a1b8
Revises: 8b41d2e6f0a7
Create Date: 2026-11-30 20:10:00
"""

revision = "9c52e3f7a1b8"
down_revision = "8b41d2e6f0a7"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
