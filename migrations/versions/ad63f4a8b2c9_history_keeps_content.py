"""The history keeps the content a submission or a return was about; reports cover the statutory period

Revision ID: ad63f4a8b2c9
Revises: 9c52e3f7a1b8
Create Date: 2026-11-30 21:00:00
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "ad63f4a8b2c9"
down_revision = "9c52e3f7a1b8"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: a batch would rebuild transition_log and lose its append-only triggers.
    op.add_column("transition_log", sa.Column("content", sa.JSON(), nullable=True))
    _statutory_periods()


#: Decree 09/2019/NĐ-CP: a six-month report covers 15/12 of the year before to 14/6, an annual
#: one to 14/12. Older rows moved the cut-off to the working day before an early deadline.
CUTOFF = {"six_month": (6, 14), "annual": (12, 14)}


def _statutory_periods():
    bind = op.get_bind()
    deliverables = sa.table("deliverables", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                            sa.column("assignment_id", sa.Integer), sa.column("period_start_on", sa.Date),
                            sa.column("period_end_on", sa.Date))
    assignments = sa.table("assignments", sa.column("id", sa.Integer), sa.column("plan_id", sa.Integer))
    plans = sa.table("plans", sa.column("id", sa.Integer), sa.column("year", sa.Integer))
    rows = bind.execute(
        sa.select(deliverables.c.id, deliverables.c.kind, plans.c.year, deliverables.c.period_start_on,
                  deliverables.c.period_end_on)
        .join(assignments, assignments.c.id == deliverables.c.assignment_id)
        .join(plans, plans.c.id == assignments.c.plan_id)
        .where(deliverables.c.kind.in_(list(CUTOFF)))).all()
    for deliverable_id, kind, year, start_on, end_on in rows:
        start, end = dt.date(year - 1, 12, 15), dt.date(year, *CUTOFF[kind])
        if (start_on, end_on) != (start, end):
            bind.execute(deliverables.update().where(deliverables.c.id == deliverable_id)
                         .values(period_start_on=start, period_end_on=end))


def downgrade():
    op.drop_column("transition_log", "content")
