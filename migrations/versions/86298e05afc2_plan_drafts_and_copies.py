"""plan drafts and copies

Plans get a draft stage (published_at is NULL until issued) and remember the plan they
were copied from. Plans that existed before were already in use: they count as
published. Drafts may share the empty number, so the number's uniqueness becomes partial.

Revision ID: 86298e05afc2
Revises: be46450d6a2f
Create Date: 2026-11-21 20:08:23.586540

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '86298e05afc2'
down_revision = 'be46450d6a2f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('copied_from_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_plans_copied_from_id'), ['copied_from_id'])
        batch_op.create_foreign_key(batch_op.f('fk_plans_copied_from_id_plans'), 'plans', ['copied_from_id'], ['id'])
        batch_op.drop_index('uq_plans_issuer_year_number')
        batch_op.create_index('uq_plans_issuer_year_number', ['issuing_unit_id', 'year', 'number'], unique=True,
                              sqlite_where=sa.text("number <> ''"), postgresql_where=sa.text("number <> ''"))
    op.execute("UPDATE plans SET published_at = created_at")


def downgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index('uq_plans_issuer_year_number')
        batch_op.create_index('uq_plans_issuer_year_number', ['issuing_unit_id', 'year', 'number'], unique=True)
        batch_op.drop_constraint(batch_op.f('fk_plans_copied_from_id_plans'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_plans_copied_from_id'), type_='unique')
        batch_op.drop_column('copied_from_id')
        batch_op.drop_column('published_at')

