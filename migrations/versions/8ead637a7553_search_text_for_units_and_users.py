"""search text for units and users

Search matches without diacritics ("dak rlap" finds "Đắk R'Lấp") on both databases:
SQLite's LIKE folds ASCII case only. Existing rows are backfilled here.

Revision ID: 8ead637a7553
Revises: 86298e05afc2
Create Date: 2026-11-21 20:11:57.221830

"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8ead637a7553'
down_revision = '86298e05afc2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.String(length=320), server_default='', nullable=False))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.String(length=520), server_default='', nullable=False))

    conn = op.get_bind()
    for table, text in (("units", "code || ' ' || name"), ("users", "full_name || ' ' || email")):
        rows = conn.execute(sa.text(f"SELECT id, {text} FROM {table}")).all()
        for row_id, value in rows:
            conn.execute(sa.text(f"UPDATE {table} SET search_text = :t WHERE id = :i"), {"t": _fold(value), "i": row_id})


def _fold(text):
    # A copy of workflows.text.fold as it was when this migration was written.
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('search_text')

    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('search_text')

