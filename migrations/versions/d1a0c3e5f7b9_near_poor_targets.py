"""Near-poor targets as the poor ones: printed rates kept, counts checked by the database

Revision ID: d1a0c3e5f7b9
Revises: d2b1e4f6a8c0
Create Date: 2026-12-02 10:00:00

A plan's target table now carries near-poor households at the start and the end with their
rates as printed (kept to compare with the computed ones, as the poverty rates are), and the
database refuses what it refuses for poor households: a negative count, more near-poor
households than households.

PostgreSQL gets CHECK constraints. SQLite cannot add a constraint to a table that exists
without rebuilding it, so there the same rules are triggers refusing an INSERT or an UPDATE
(as in cf85d6a0e1f2). New columns are added in place on both.
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "d1a0c3e5f7b9"
down_revision = "d2b1e4f6a8c0"
branch_labels = None
depends_on = None

RATES = ("near_poor_rate_start", "near_poor_rate_end")
#: (constraint name, condition that must hold), written out as on this day.
CHECKS = [
    ("ck_plan_targets_near_poor_start_non_negative", "near_poor_start IS NULL OR near_poor_start >= 0"),
    ("ck_plan_targets_near_poor_end_non_negative", "near_poor_end IS NULL OR near_poor_end >= 0"),
    ("ck_plan_targets_near_poor_within_households",
     "households_start IS NULL OR near_poor_start IS NULL OR near_poor_start <= households_start"),
]


def upgrade():
    for name in RATES:
        op.add_column("plan_targets", sa.Column(name, sa.Numeric(precision=5, scale=2), nullable=True))
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, condition in CHECKS:
        if not sqlite:
            op.create_check_constraint(op.f(name), "plan_targets", condition)
            continue
        for event in ("INSERT", "UPDATE"):
            new = re.sub(r"\b(near_poor_start|near_poor_end|households_start)\b", r"NEW.\1", condition)
            op.execute(
                f"CREATE TRIGGER {name}_{event.lower()} BEFORE {event} ON plan_targets "
                f"WHEN NOT ({new}) "
                f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, _condition in reversed(CHECKS):
        if not sqlite:
            op.drop_constraint(op.f(name), "plan_targets", type_="check")
            continue
        for event in ("INSERT", "UPDATE"):
            op.execute(f"DROP TRIGGER {name}_{event.lower()}")
    for name in reversed(RATES):
        op.drop_column("plan_targets", name)  # SQLite 3.35+ drops a column in place
