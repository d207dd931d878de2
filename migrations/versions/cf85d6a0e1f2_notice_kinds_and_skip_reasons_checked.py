"""Bell notices' kinds and the reasons a reminder or a message was skipped are checked by the database

Revision ID: cf85d6a0e1f2
Revises: be74b5c9d3e1
Create Date: 2026-11-30 20:30:00

The values are those of ``workflows.enums.NoticeKind`` and ``SkipReason`` as they are on
this day, written out: a migration describes the schema at its revision, not whatever the
enums become later (a new value comes with its own migration).

PostgreSQL gets CHECK constraints. SQLite cannot add a constraint to a table that exists
without rebuilding it (and the notices' partial unique index with it), so there the same
rule is two triggers per column, refusing an INSERT or an UPDATE with another value.
"""
from alembic import op

revision = "cf85d6a0e1f2"
down_revision = "be74b5c9d3e1"
branch_labels = None
depends_on = None

NOTICE_KINDS = ("before", "due", "overdue", "returned", "approved", "submitted")
SKIP_REASONS = ("late", "superseded", "submitted", "due_moved", "policy_changed", "disabled", "plan_withdrawn",
                "no_recipients")

#: (table, column, allowed values, constraint name)
CHECKED = [
    ("notifications", "kind", NOTICE_KINDS, "ck_notifications_kind"),
    ("reminders", "reason", ("",) + SKIP_REASONS, "ck_reminders_reason"),
    ("outbox", "skip_reason", ("",) + SKIP_REASONS, "ck_outbox_skip_reason"),
]


def _values(values):
    return ", ".join(f"'{v}'" for v in values)


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, values, name in CHECKED:
        if not sqlite:
            op.create_check_constraint(op.f(name), table, f"{column} IN ({_values(values)})")
            continue
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER {name}_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN NEW.{column} NOT IN ({_values(values)}) "
                f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, _column, _values_, name in reversed(CHECKED):
        if not sqlite:
            op.drop_constraint(op.f(name), table, type_="check")
            continue
        for event in ("INSERT", "UPDATE"):
            op.execute(f"DROP TRIGGER {name}_{event.lower()}")
