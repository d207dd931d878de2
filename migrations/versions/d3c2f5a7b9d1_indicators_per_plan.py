"""Indicators per plan: a plan's own indicators and the assigned units that report them

Revision ID: d3c2f5a7b9d1
Revises: d1a0c3e5f7b9
Create Date: 2026-11-30 21:13:49.234365

The built-in poverty indicators are not rows: they are the figures every report already
carries, under codes fixed in ``workflows/indicators.py``. The enum values are those of
``MeasureUnit``, ``IndicatorKind`` and ``Direction`` on this day, written out.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3c2f5a7b9d1'
down_revision = 'd1a0c3e5f7b9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('unit', sa.Enum('households', 'people', 'houses', 'models', 'percent', 'million_vnd', 'yes_no', 'score', name='measure_unit', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('kind', sa.Enum('count', 'ratio', 'value', name='indicator_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('direction', sa.Enum('at_least', 'at_most', 'exactly', name='direction', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('numerator_code', sa.String(length=40), nullable=True),
    sa.Column('denominator_code', sa.String(length=40), nullable=True),
    sa.Column('target', sa.Numeric(precision=15, scale=3), nullable=True),
    sa.Column('is_required', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('position', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint("(kind = 'ratio' AND numerator_code IS NOT NULL AND denominator_code IS NOT NULL) OR (kind <> 'ratio' AND numerator_code IS NULL AND denominator_code IS NULL)", name=op.f('ck_indicators_ratio_has_operands')),
    sa.CheckConstraint("kind <> 'ratio' OR unit = 'percent'", name=op.f('ck_indicators_ratio_in_percent')),
    sa.CheckConstraint('target IS NULL OR target >= 0', name=op.f('ck_indicators_target_non_negative')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_indicators_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_indicators_plan_id_code'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_plan_id'), ['plan_id'], unique=False)

    op.create_table('indicator_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.Numeric(precision=15, scale=3), nullable=True),
    sa.CheckConstraint('target IS NULL OR target >= 0', name=op.f('ck_indicator_assignments_target_non_negative')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_indicator_assignments_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_indicator_assignments_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_assignments')),
    sa.UniqueConstraint('indicator_id', 'assignment_id', name=op.f('uq_indicator_assignments_indicator_id_assignment_id'))
    )
    with op.batch_alter_table('indicator_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_assignments_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_assignments_indicator_id'), ['indicator_id'], unique=False)



def downgrade():
    with op.batch_alter_table('indicator_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_assignments_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_indicator_assignments_assignment_id'))

    op.drop_table('indicator_assignments')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicators_plan_id'))

    op.drop_table('indicators')
